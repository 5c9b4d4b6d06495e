#!/usr/bin/python3
"""scikit-learn's per-iteration EM time, the reference for `latentlab bench gmm`.

The same problem as the C++ benchmark (app/cli_gmm.cpp, benchGmm), point for point: N × d float32
values from LatentLab's own generator (core/rng.h, reimplemented in sklearn_kmeans.py), filled
column by column; initial parameters π_k = 1/K, μ_k = the first K points, Σ_k = the data's
covariance (1/N, in double) for every k, given to sklearn as weights_init, means_init and
precisions_init (the inverse covariances, projected onto the covariance type as
GaussianMixture::setInitialParameters does). sklearn runs GaussianMixture(n_init=1, tol=0,
reg_covar=1e-6) with its default threads (numpy / OpenBLAS). float64 runs use the same values
widened.

The per-iteration time is (t(max_iter = 1 + I) − t(max_iter = 1)) / I, which removes sklearn's
fixed per-fit costs (validation, the initialisation's responsibilities and M-step that the given
parameters then overwrite, the final E-step); the two fits are interleaved and the median over
--repeats is reported. The gaps between successive E-step calls of the long fit (one E-step, one
M-step, the lower bound and the convergence test each) are reported too.

    /usr/bin/python3 scripts/bench/sklearn_gmm.py --n 100000 --d 2 --k 10 --iterations 20

Prints one summary line per dtype and the JSON result (also written to --json FILE).
"""
import argparse
import json
import os
import statistics
import sys
import time
import warnings

try:
    import numpy as np
    import sklearn
    import threadpoolctl
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
            "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_kmeans import bench_data  # noqa: E402  (the same generator, the same cache)


def initial_parameters(X, k, cov_type):
    """(weights_init, means_init, precisions_init) of `latentlab bench gmm`, in sklearn's shapes."""
    X64 = X.astype(np.float64)
    mean = X64.mean(axis=0)
    diff = X64 - mean
    cov = diff.T @ diff / X64.shape[0]  # core::gmm::dataMoments: 1/N
    d = X.shape[1]
    if cov_type == "diag":
        cov = np.diag(np.diag(cov))
    elif cov_type == "spherical":
        cov = np.eye(d) * (np.trace(cov) / d)
    prec = np.linalg.inv(cov)
    prec = 0.5 * (prec + prec.T)
    if cov_type == "full":
        precisions = np.repeat(prec[np.newaxis], k, axis=0)
    elif cov_type == "tied":
        precisions = prec
    elif cov_type == "diag":
        precisions = np.repeat(np.diag(prec)[np.newaxis], k, axis=0)
    else:
        precisions = np.full(k, prec[0, 0])
    return np.full(k, 1.0 / k), X64[:k].copy(), precisions


class _IterationClock:
    """Records when each E-step of one fit starts: the gaps are whole iterations."""

    def __init__(self):
        self.starts = []
        self._original = None

    def __enter__(self):
        self._original = GaussianMixture._e_step
        starts, original = self.starts, self._original

        def timed(gm, X):
            starts.append(time.perf_counter())
            return original(gm, X)

        GaussianMixture._e_step = timed
        return self

    def __exit__(self, *exc):
        GaussianMixture._e_step = self._original


def fit_seconds(X, init, cov_type, iters, clock=None):
    weights, means, precisions = init
    gm = GaussianMixture(n_components=len(weights), covariance_type=cov_type, tol=0.0,
                         reg_covar=1e-6, max_iter=iters, n_init=1, init_params="random_from_data",
                         weights_init=weights, means_init=means, precisions_init=precisions,
                         random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if clock is not None:
            with clock:
                t0 = time.perf_counter()
                gm.fit(X)
                t = time.perf_counter() - t0
        else:
            t0 = time.perf_counter()
            gm.fit(X)
            t = time.perf_counter() - t0
    return t, gm.n_iter_


def per_iteration_ms(X, init, cov_type, iterations, repeats):
    """Per repeat: (t(1 + I) − t(1)) / I; and the gaps between successive E-steps of the long
    fit after its first iteration."""
    fit_seconds(X, init, cov_type, 2)  # warm up (thread pools, page faults)
    per_iter, gaps = [], []
    for _ in range(repeats):
        t1, _ = fit_seconds(X, init, cov_type, 1)
        clock = _IterationClock()
        tn, n_iter = fit_seconds(X, init, cov_type, 1 + iterations, clock)
        if n_iter != 1 + iterations:
            print(f"warning: converged after {n_iter} iterations", file=sys.stderr)
        per_iter.append((tn - t1) / max(1, n_iter - 1) * 1e3)
        gaps += [(b - a) * 1e3 for a, b in zip(clock.starts[1:], clock.starts[2:])]
    return per_iter, gaps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--d", type=int, default=2)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--covariance", choices=["full", "diag", "spherical", "tied"], default="full")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    ap.add_argument("--threads", type=int, default=0,
                    help="limit BLAS and OpenMP threads (0 = the libraries' default: all cores)")
    ap.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "latentlab-bench"),
                    help="folder to keep the generated data in ('' = none)")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()
    if a.k > a.n:
        ap.error("--k must not exceed --n")

    X32 = bench_data(a.n, a.d, a.cache)
    dtypes = ["float32", "float64"] if a.dtype == "both" else [a.dtype]
    limits = threadpoolctl.threadpool_limits(a.threads) if a.threads else None
    results = []
    for dt in dtypes:
        X = X32 if dt == "float32" else X32.astype(np.float64)
        init = initial_parameters(X32, a.k, a.covariance)
        per_iter, gaps = per_iteration_ms(X, init, a.covariance, a.iterations, a.repeats)
        results.append({"dtype": dt, "ms_per_iteration": statistics.median(per_iter),
                        "ms_min": min(per_iter), "ms_max": max(per_iter),
                        "repeats": [round(t, 3) for t in per_iter],
                        "iteration_median_ms": statistics.median(gaps) if gaps else None,
                        "iteration_min_ms": min(gaps) if gaps else None})
    info = threadpoolctl.threadpool_info()
    if limits is not None:
        limits.restore_original_limits()
    result = {
        "library": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "n": a.n, "d": a.d, "k": a.k, "iterations": a.iterations,
        "covariance_type": a.covariance,
        "threadpools": [{key: p.get(key) for key in
                         ("internal_api", "version", "architecture", "threading_layer",
                          "num_threads", "filepath")} for p in info],
        "env": {v: os.environ[v] for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                           "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
                if v in os.environ},
        "results": results,
    }
    for r in results:
        print(f"scikit-learn {sklearn.__version__} GaussianMixture EM iteration, {a.n} x {a.d} "
              f"{r['dtype']}, K = {a.k}, {a.covariance} covariances: median "
              f"{r['ms_per_iteration']:.3f} ms (min {r['ms_min']:.3f}, max {r['ms_max']:.3f}) over "
              f"{a.repeats} repeats; single iterations: median {r['iteration_median_ms']:.3f} ms, "
              f"min {r['iteration_min_ms']:.3f} ms")
    print(json.dumps(result))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
