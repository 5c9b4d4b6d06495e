#!/usr/bin/python3
"""scikit-learn's BernoulliRBM epoch time and pseudo-log-likelihood, the reference for
`latentlab bench rbm` and `latentlab run rbm` (issue 4, "Speed" and "Quality").

Data: Fashion-MNIST's 60 000 training images (Debian package dataset-fashion-mnist, IDX gzip
under /usr/share/datasets/fashion-mnist/, or $LATENTLAB_FASHION_MNIST_DIR), grey levels scaled
to [0, 1] by v / 255 — the values core/idx.h gives LatentLab — in their file order; or the 8×8
digits (resources/data/digits_8x8.csv, 0..16 scaled by v / 16) with --dataset digits.

Speed (--mode speed, the default): BernoulliRBM(n_components=H, batch_size=B, learning_rate=lr,
n_iter=1) fitted once per repeat; the fit's time is one epoch plus sklearn's fixed costs
(validation, initialising W), which are well under 1 % of it. Repeats are interleaved with
nothing else; the median, min and max are reported, for float32 and/or float64 input (sklearn
keeps float32 data in float32).

Quality (--mode quality): BernoulliRBM(n_components=H, batch_size=B, learning_rate=lr) trained
epoch by epoch exactly as fit(n_iter=E) would (the same initial W, random stream and batches: the
script calls fit's inner _fit on fit's batch slices), with the mean of score_samples over the
training set after every epoch — the number `latentlab run rbm --json` reports as
pseudo_log_likelihood. score_samples flips one random feature per sample, so it is noisy;
--score-repeats averages several draws. (scripts/bench/rbm_quality.py compares the two models
scored on the same flips.)

    /usr/bin/python3 scripts/bench/sklearn_rbm.py --mode speed --hidden 256 --batch 64 --repeats 5
    /usr/bin/python3 scripts/bench/sklearn_rbm.py --mode quality --epochs 5 --learning-rate 0.05

Use /usr/bin/python3 (Debian's python3-sklearn); another python3 without sklearn re-runs the
script with it. The BLAS kernel and thread count are printed (threadpoolctl).
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time

try:
    import numpy as np
    import sklearn
    import threadpoolctl
    from sklearn.neural_network import BernoulliRBM
    from sklearn.utils import check_random_state, gen_even_slices
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
            "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

HERE = os.path.dirname(os.path.abspath(__file__))


def read_idx_images(path):
    """An IDX file of unsigned bytes, N × h × w, as an N × (h·w) float64 array in [0, 1]."""
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08 or ndim != 3:
        sys.exit(f"{path}: not an IDX file of unsigned-byte images")
    n, h, w = struct.unpack(">III", raw[4:16])
    pixels = np.frombuffer(raw, dtype=np.uint8, count=n * h * w, offset=16)
    return pixels.reshape(n, h * w).astype(np.float64) / 255.0


def load(dataset, limit):
    if dataset == "fashion-mnist":
        folder = os.environ.get("LATENTLAB_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
        X = read_idx_images(os.path.join(folder, "train-images-idx3-ubyte.gz"))
    elif dataset == "digits":
        path = os.path.join(HERE, "..", "..", "resources", "data", "digits_8x8.csv")
        X = np.loadtxt(path, delimiter=",", skiprows=1)[:, :64] / 16.0
    else:
        sys.exit(f"unknown data set {dataset}")
    return X[:limit] if limit else X


def speed(X, a):
    rows = []
    for dt in (["float32", "float64"] if a.dtype == "both" else [a.dtype]):
        Xd = X.astype(dt)
        BernoulliRBM(n_components=a.hidden, batch_size=a.batch, learning_rate=a.learning_rate,
                     n_iter=1, random_state=a.seed).fit(Xd[:2000])  # warm up the thread pool
        times = []
        for r in range(a.repeats):
            rbm = BernoulliRBM(n_components=a.hidden, batch_size=a.batch,
                               learning_rate=a.learning_rate, n_iter=1, random_state=a.seed + r)
            t0 = time.perf_counter()
            rbm.fit(Xd)
            times.append(time.perf_counter() - t0)
        rows.append({"dtype": dt, "seconds_per_epoch": statistics.median(times),
                     "seconds_min": min(times), "seconds_max": max(times),
                     "repeats": [round(t, 4) for t in times]})
        print(f"scikit-learn {sklearn.__version__} BernoulliRBM epoch, {X.shape[0]} x {X.shape[1]} "
              f"{dt}, {a.hidden} hidden, batch {a.batch}: median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}) over {a.repeats} repeats")
    return {"speed": rows}


def mean_pll(rbm, X, repeats, seed):
    vals = []
    for r in range(repeats):
        rbm.random_state = seed + 1000 + r
        vals.append(float(rbm.score_samples(X).mean()))
    return statistics.mean(vals)


def quality(X, a):
    dt = a.dtype if a.dtype != "both" else "float64"
    X = X.astype(dt)
    rbm = BernoulliRBM(n_components=a.hidden, batch_size=a.batch, learning_rate=a.learning_rate,
                       n_iter=0, random_state=a.seed)
    rbm.fit(X)  # n_iter = 0: initialises W, biases and h_samples_ exactly as fit() does
    rng = check_random_state(a.seed)
    rng.normal(0, 0.01, (a.hidden, X.shape[1]))  # the draw fit() made for W: same stream
    n = X.shape[0]
    n_batches = int(np.ceil(float(n) / a.batch))
    slices = list(gen_even_slices(n_batches * a.batch, n_batches, n_samples=n))
    pll, secs = [], []
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        for s in slices:
            rbm._fit(X[s], rng)
        secs.append(time.perf_counter() - t0)
        pll.append(mean_pll(rbm, X, a.score_repeats, a.seed))
        print(f"epoch {epoch + 1}: pseudo-log-likelihood {pll[-1]:.4f} per sample "
              f"(mean of {a.score_repeats} corruptions), {secs[-1]:.2f} s", file=sys.stderr)
    print(f"scikit-learn {sklearn.__version__} BernoulliRBM, {X.shape[0]} x {X.shape[1]} {dt}, "
          f"{a.hidden} hidden, batch {a.batch}, learning rate {a.learning_rate}: mean "
          f"pseudo-log-likelihood after {a.epochs} epochs {pll[-1]:.4f}")
    if a.save_weights:
        np.savez(a.save_weights, W=rbm.components_.T, a=rbm.intercept_visible_,
                 b=rbm.intercept_hidden_)
    return {"pseudo_log_likelihood": pll, "seconds_per_epoch": secs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", choices=["speed", "quality"], default="speed")
    ap.add_argument("--dataset", choices=["fashion-mnist", "digits"], default="fashion-mnist")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N images (0 = all)")
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--epochs", type=int, default=5, help="quality mode: epochs to train")
    ap.add_argument("--repeats", type=int, default=5, help="speed mode: timed fits")
    ap.add_argument("--score-repeats", type=int, default=5,
                    help="quality mode: score_samples draws averaged per epoch")
    ap.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save-weights", help="quality mode: write W (d × H), a, b to this .npz")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()

    X = load(a.dataset, a.limit)
    result = {"library": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
              "dataset": a.dataset, "n": X.shape[0], "d": X.shape[1], "hidden": a.hidden,
              "batch": a.batch, "learning_rate": a.learning_rate,
              "threadpools": [{k: p.get(k) for k in ("internal_api", "version", "architecture",
                                                      "num_threads")}
                              for p in threadpoolctl.threadpool_info()]}
    result.update(speed(X, a) if a.mode == "speed" else quality(X, a))
    blas = [p for p in threadpoolctl.threadpool_info() if p.get("user_api") == "blas"]
    print("BLAS: " + ", ".join(f"{p.get('internal_api')} {p.get('version')} "
                               f"{p.get('architecture')} kernel, {p.get('num_threads')} threads"
                               for p in blas))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
