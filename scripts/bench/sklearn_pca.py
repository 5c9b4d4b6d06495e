#!/usr/bin/python3
"""scikit-learn's PCA fit time on Fashion-MNIST, the reference for `latentlab bench pca`.

The same data as `latentlab bench pca --dataset fashion-mnist`: the IDX files of Debian's
dataset-fashion-mnist (train: 60000 × 784, t10k: 10000 × 784), unsigned bytes / 255, in
float64 (the values are those of LatentLab's float32 matrix, widened). Times, after one warm-up
fit each, interleaved over --repeats rounds:

  - PCA(svd_solver="full").fit(X): all 784 components (LAPACK gesdd of the centred N × d data),
  - PCA(n_components=50, svd_solver="randomized", random_state=0).fit(X).

Loading is not timed (nor is it in `latentlab bench pca`). Prints one line per solver and, with
--json, writes {"seconds": median full fit, "full": {...}, "randomized": {...}, ...}.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 scripts/bench/sklearn_pca.py \\
        [--set train|t10k] [--repeats 5] [--json FILE]

Use /usr/bin/python3 (Debian's python3-sklearn); another python3 without sklearn re-runs the
script with it. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where a machine sets them (workarounds for
old OpenBLAS builds), slow current numpy: unset them for this command alone. Exit 77 when the
data package is missing.
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

try:
    import numpy as np
    import sklearn
    import threadpoolctl
    from sklearn.decomposition import PCA
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
            "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def load_idx_images(path):
    """N × (h·w) float64 in [0, 1] from an IDX3 unsigned-byte file (gzip or plain)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"\x00\x00\x08\x03":
        sys.exit(f"{path}: not an IDX3 unsigned-byte file (magic {raw[:4].hex()})")
    n, h, w = (int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(3))
    pixels = np.frombuffer(raw, dtype=np.uint8, offset=16)
    if pixels.size != n * h * w:
        sys.exit(f"{path}: {pixels.size} pixels, the header says {n} x {h} x {w}")
    # Our loader stores float32(v / 255); widen exactly those values.
    return (pixels.reshape(n, h * w).astype(np.float32) / np.float32(255)).astype(np.float64)


def timed_fit(make, X):
    model = make()
    t0 = time.perf_counter()
    model.fit(X)
    return time.perf_counter() - t0, model


def summary(times):
    return {"seconds": statistics.median(times), "min": min(times), "max": max(times),
            "repeats": [round(t, 4) for t in times]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=["train", "t10k"], default="train")
    ap.add_argument("--data-dir", default=os.environ.get("LATENTLAB_FASHION_MNIST_DIR", DATA_DIR))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--components", type=int, default=50, help="for the randomized solver")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()

    path = os.path.join(a.data_dir, f"{a.set}-images-idx3-ubyte.gz")
    if not os.path.exists(path):
        print(f"skipped: {path} is missing (install the Debian package dataset-fashion-mnist)")
        sys.exit(77)
    t0 = time.perf_counter()
    X = load_idx_images(path)
    load_seconds = time.perf_counter() - t0

    solvers = {
        "full": lambda: PCA(svd_solver="full"),
        "randomized": lambda: PCA(n_components=a.components, svd_solver="randomized",
                                  random_state=0),
    }
    for make in solvers.values():  # warm up: thread pools, page faults
        timed_fit(make, X)
    times = {name: [] for name in solvers}
    models = {}
    for _ in range(a.repeats):
        for name, make in solvers.items():
            t, models[name] = timed_fit(make, X)
            times[name].append(t)

    info = threadpoolctl.threadpool_info()
    full = models["full"]
    result = {
        "benchmark": "pca",
        "library": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "dataset": f"fashion-mnist {a.set}", "n": X.shape[0], "d": X.shape[1], "dtype": "float64",
        "load_seconds": load_seconds,
        "seconds": statistics.median(times["full"]),
        "full": summary(times["full"]),
        "randomized": dict(summary(times["randomized"]), n_components=a.components),
        "explained_variance_head": full.explained_variance_[:5].tolist(),
        "total_variance": float(full.explained_variance_.sum()),
        "threadpools": [{key: p.get(key) for key in
                         ("internal_api", "version", "architecture", "threading_layer",
                          "num_threads")} for p in info],
        "env": {v: os.environ[v] for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                           "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
                if v in os.environ},
    }
    for name in solvers:
        s = result[name]
        print(f"scikit-learn {sklearn.__version__} PCA(svd_solver=\"{name}\""
              f"{', n_components=%d' % a.components if name == 'randomized' else ''}).fit, "
              f"fashion-mnist {a.set} {X.shape[0]} x {X.shape[1]} float64: median {s['seconds']:.3f} s "
              f"(min {s['min']:.3f}, max {s['max']:.3f}) over {a.repeats} fits")
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
