#!/usr/bin/python3
"""scikit-learn's per-iteration Lloyd time, the reference for `latentlab bench kmeans`.

The same problem as the C++ benchmark (app/cli.cpp, benchKMeans), point for point: N × d float32
values drawn from LatentLab's own generator (core/rng.h: xoshiro256** seeded with 1 through
splitmix64, uniform in [0, 1) with 53 bits, cast to float), filled column by column; the first K
points are the initial centroids. float64 runs use the same values widened. sklearn runs
KMeans(algorithm="lloyd", n_init=1, tol=0) with its default threads (OpenMP over all cores, as ours).

The per-iteration time is (t(max_iter = 1 + I) − t(max_iter = 1)) / I, which removes sklearn's
fixed per-fit costs (validation, copying and centring X, the squared norms, the final label
pass and inertia); the two fits are interleaved, and the median over --repeats is reported.

    /usr/bin/python3 scripts/bench/sklearn_kmeans.py --n 1000000 --d 2 --k 10 --iterations 20

Use /usr/bin/python3 (Debian's python3-sklearn); another python3 without sklearn re-runs the
script with it. Where the machine sets OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (workarounds for
old OpenBLAS builds) they slow current numpy: benchmark with both unset in that command alone,
`env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 scripts/bench/...`; the kernel
OpenBLAS runs is printed (threadpoolctl's "architecture").
"""
import argparse
import json
import os
import statistics
import sys
import time
from contextlib import nullcontext as _nullcontext

try:
    import numpy as np
    import sklearn
    import threadpoolctl
    from sklearn.cluster import KMeans, _kmeans
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
            "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

_M64 = (1 << 64) - 1


def latentlab_uniform(seed, count):
    """The first `count` values of core::Rng(seed).uniform(), as float64 (53-bit) numbers."""
    x = seed
    s = []
    for _ in range(4):  # splitmix64
        x = (x + 0x9E3779B97F4A7C15) & _M64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
        s.append(z ^ (z >> 31))
    s0, s1, s2, s3 = s
    out = np.empty(count, dtype=np.uint64)
    for i in range(count):  # xoshiro256** (Blackman & Vigna 2018)
        r = (s1 * 5) & _M64
        out[i] = ((((r << 7) | (r >> 57)) & _M64) * 9 & _M64) >> 11
        t = (s1 << 17) & _M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & _M64
    return out.astype(np.float64) * 2.0**-53


def bench_data(n, d, cache_dir):
    """N × d float32, C-contiguous: the values of `latentlab bench kmeans --n N --d D`."""
    path = os.path.join(cache_dir, f"latentlab_bench_uniform_{n}x{d}.npy") if cache_dir else None
    if path and os.path.exists(path):
        X = np.load(path)
        if X.shape == (n, d) and X.dtype == np.float32:
            return X
    t0 = time.perf_counter()
    X = np.ascontiguousarray(latentlab_uniform(1, n * d).astype(np.float32).reshape(d, n).T)
    print(f"generated {n} x {d} points in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if path:
        os.makedirs(cache_dir, exist_ok=True)
        np.save(path, X)
    return X


class _IterationClock:
    """Records when each call of sklearn's Lloyd kernel starts, during one fit: the gaps are
    whole iterations (the kernel, the label comparison and copy, the centre shift)."""

    def __init__(self):
        self.starts = []
        self._original = None

    def __enter__(self):
        self._original = _kmeans.lloyd_iter_chunked_dense

        def timed(*args, **kwargs):
            self.starts.append(time.perf_counter())
            return self._original(*args, **kwargs)

        _kmeans.lloyd_iter_chunked_dense = timed
        return self

    def __exit__(self, *exc):
        _kmeans.lloyd_iter_chunked_dense = self._original


def fit_seconds(X, init, iters, clock=None):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, max_iter=iters, tol=0.0,
                algorithm="lloyd", copy_x=True)
    with clock if clock is not None else _nullcontext():
        t0 = time.perf_counter()
        km.fit(X)
        t = time.perf_counter() - t0
    return t, km.n_iter_


def per_iteration_ms(X, init, iterations, repeats):
    """Per repeat: (t(1 + I) − t(1)) / I; and the gaps between the iterations of the 1 + I fit
    after the first (the way `latentlab bench kmeans` reports: their median)."""
    fit_seconds(X, init, 2)  # warm up (thread pools, page faults)
    per_iter, gaps = [], []
    for _ in range(repeats):
        t1, _ = fit_seconds(X, init, 1)
        clock = _IterationClock()
        tn, n_iter = fit_seconds(X, init, 1 + iterations, clock)
        if n_iter != 1 + iterations:
            print(f"warning: converged after {n_iter} iterations; use more points",
                  file=sys.stderr)
        per_iter.append((tn - t1) / max(1, n_iter - 1) * 1e3)
        gaps += [(b - a) * 1e3 for a, b in zip(clock.starts[1:], clock.starts[2:])]
    return per_iter, gaps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--d", type=int, default=2)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    ap.add_argument("--threads", type=int, default=0,
                    help="limit sklearn's OpenMP threads (0 = its default: all cores)")
    ap.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "latentlab-bench"),
                    help="folder to keep the generated data in ('' = none)")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()
    if a.k > a.n:
        ap.error("--k must not exceed --n")

    from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

    X32 = bench_data(a.n, a.d, a.cache)
    dtypes = ["float32", "float64"] if a.dtype == "both" else [a.dtype]
    limits = threadpoolctl.threadpool_limits(a.threads, user_api="openmp") if a.threads else None
    results = []
    for dt in dtypes:
        X = X32 if dt == "float32" else X32.astype(np.float64)
        init = X[: a.k].copy()
        per_iter, gaps = per_iteration_ms(X, init, a.iterations, a.repeats)
        results.append({"dtype": dt, "ms_per_iteration": statistics.median(per_iter),
                        "ms_min": min(per_iter), "ms_max": max(per_iter),
                        "repeats": [round(t, 3) for t in per_iter],
                        "iteration_median_ms": statistics.median(gaps) if gaps else None,
                        "iteration_min_ms": min(gaps) if gaps else None})
    info = threadpoolctl.threadpool_info()
    threads = _openmp_effective_n_threads()
    if limits is not None:
        limits.restore_original_limits()
    result = {
        "library": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "n": a.n, "d": a.d, "k": a.k, "iterations": a.iterations,
        "openmp_threads": threads,
        "threadpools": [{key: p.get(key) for key in
                         ("internal_api", "version", "architecture", "threading_layer",
                          "num_threads", "filepath")} for p in info],
        "env": {v: os.environ[v] for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                           "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
                if v in os.environ},
        "results": results,
    }
    for r in results:
        print(f"scikit-learn {sklearn.__version__} KMeans(lloyd) iteration, {a.n} x {a.d} "
              f"{r['dtype']}, K = {a.k}, {threads} threads: median {r['ms_per_iteration']:.3f} ms "
              f"(min {r['ms_min']:.3f}, max {r['ms_max']:.3f}) over {a.repeats} repeats; "
              f"single iterations: median {r['iteration_median_ms']:.3f} ms, "
              f"min {r['iteration_min_ms']:.3f} ms")
    blas = [p for p in info if p.get("user_api") == "blas"]
    print("BLAS: " + ", ".join(f"{p.get('internal_api')} {p.get('version')} "
                               f"{p.get('architecture')} kernel, {p.get('num_threads')} threads"
                               for p in blas) +
          (f"; environment: {result['env']}" if result["env"] else ""))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
