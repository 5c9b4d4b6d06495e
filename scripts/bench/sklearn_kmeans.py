#!/usr/bin/python3
"""scikit-learn's per-iteration Lloyd time, the reference for `latentlab bench kmeans`.

Same problem as the C++ benchmark: N points uniform in the unit (hyper)cube, K centroids
initialised at the first K points, Lloyd iterations with tol=0. The per-iteration time is
(t(max_iter = 1 + I) - t(max_iter = 1)) / I, which removes sklearn's fixed per-fit costs
(validation, the final label pass) from the figure. Median over repeats.

    /usr/bin/python3 scripts/bench/sklearn_kmeans.py --n 1000000 --d 2 --k 10 --iterations 20
"""
import argparse
import json
import statistics
import time

import numpy as np
from sklearn.cluster import KMeans


def fit_seconds(X, init, iters):
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, max_iter=iters, tol=0.0,
                algorithm="lloyd")
    t0 = time.perf_counter()
    km.fit(X)
    return time.perf_counter() - t0, km.n_iter_


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--d", type=int, default=2)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    X = rng.random((a.n, a.d)).astype(a.dtype)
    init = X[: a.k].copy()
    fit_seconds(X, init, 2)  # warm up (thread pool, page faults)
    per_iter = []
    for _ in range(a.repeats):
        t1, _ = fit_seconds(X, init, 1)
        tn, n_iter = fit_seconds(X, init, 1 + a.iterations)
        per_iter.append((tn - t1) / max(1, n_iter - 1) * 1e3)
    import sklearn
    import threadpoolctl
    result = {
        "library": f"scikit-learn {sklearn.__version__}",
        "threadpools": [p.get("internal_api") for p in threadpoolctl.threadpool_info()],
        "dtype": a.dtype, "n": a.n, "d": a.d, "k": a.k,
        "ms_per_iteration": statistics.median(per_iter),
    }
    print(json.dumps(result))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
