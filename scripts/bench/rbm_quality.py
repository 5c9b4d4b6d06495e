#!/usr/bin/python3
"""Quality of LatentLab's RBM against scikit-learn 1.2's BernoulliRBM with the same settings
(issue 4, "Quality"): both trained on Fashion-MNIST's 60 000 training images (784 → 256, batch
64, learning rate 0.05, 5 epochs; LatentLab with CD-1 and its defaults, scikit-learn with its
only algorithm, PCD-1), then BOTH scored by scikit-learn's own score_samples on the same images
with the same random flips (--draws values of random_state, averaged), so the comparison has no
scoring noise between the two models.

    /usr/bin/python3 scripts/bench/rbm_quality.py --latentlab build/app/latentlab [--epochs 5]

LatentLab is run as
    latentlab run rbm --dataset fashion-mnist --hidden 256 --cd-k 1 --epochs 5 --batch 64
              --learning-rate 0.05 --seed 1 --held-out 0 --save-model M --json J
(--held-out 0: every image is trained on, as scikit-learn's fit does), and its model file is read
here (core/rbm_io.h format) — which also checks that format from outside C++. --dataset digits
runs the same comparison on the 8×8 digits (scaled by 1/16) in seconds.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
    from sklearn.neural_network import BernoulliRBM
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
            "/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_rbm import load  # noqa: E402  (the same data loading as the speed benchmark)


def read_model(path):
    """W (V × H), a, b from a LatentLab RBM model file (layout in core/rbm_io.h)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:8] != b"LLRBM\r\n\x1a":
        sys.exit(f"{path}: not a LatentLab RBM model file")
    version, value_size, V, H, _, _, _, desc_len, payload = struct.unpack("<8IQ", raw[8:48])
    if version != 1 or value_size != 4 or len(raw) != 48 + payload + 8:
        sys.exit(f"{path}: unsupported or damaged model file")
    body = np.frombuffer(raw, dtype="<f4", count=V * H + V + H, offset=48 + desc_len)
    W = body[: V * H].reshape(H, V).T  # stored column by column (hidden unit by hidden unit)
    return W.astype(np.float64), body[V * H: V * H + V].astype(np.float64), body[V * H + V:].astype(np.float64)


def score(W, a, b, X, draws):
    """Mean of scikit-learn's score_samples over the rows of X, averaged over `draws` flips."""
    rbm = BernoulliRBM(n_components=W.shape[1])
    rbm.components_, rbm.intercept_visible_, rbm.intercept_hidden_ = W.T.copy(), a, b
    rbm.n_features_in_ = W.shape[0]
    values = []
    for d in range(draws):
        rbm.random_state = 1000 + d
        values.append(float(rbm.score_samples(X).mean()))
    return float(np.mean(values)), float(np.std(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--latentlab", required=True, help="path to the built latentlab executable")
    ap.add_argument("--dataset", choices=["fashion-mnist", "digits"], default="fashion-mnist")
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--draws", type=int, default=10, help="score_samples draws averaged per model")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()

    X = load(a.dataset, 0)
    with tempfile.TemporaryDirectory() as tmp:
        model, out = os.path.join(tmp, "rbm.bin"), os.path.join(tmp, "rbm.json")
        cmd = [a.latentlab, "run", "rbm", "--dataset", a.dataset, "--hidden", str(a.hidden), "--cd-k", "1",
               "--epochs", str(a.epochs), "--batch", str(a.batch), "--learning-rate", str(a.learning_rate),
               "--seed", str(a.seed), "--held-out", "0", "--save-model", model, "--json", out]
        if a.dataset == "digits":
            cmd.append("--rescale")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        ours_seconds = time.perf_counter() - t0
        W, av, bv = read_model(model)
        with open(out) as f:
            ours_json = json.load(f)
    t0 = time.perf_counter()
    sk = BernoulliRBM(n_components=a.hidden, batch_size=a.batch, learning_rate=a.learning_rate, n_iter=a.epochs,
                      random_state=a.seed).fit(X)
    sk_seconds = time.perf_counter() - t0
    ours, ours_sd = score(W, av, bv, X, a.draws)
    theirs, theirs_sd = score(sk.components_.T, sk.intercept_visible_, sk.intercept_hidden_, X, a.draws)
    result = {"dataset": a.dataset, "n": X.shape[0], "hidden": a.hidden, "batch": a.batch,
              "learning_rate": a.learning_rate, "epochs": a.epochs, "draws": a.draws,
              "latentlab_pll": ours, "latentlab_pll_sd_over_draws": ours_sd,
              "latentlab_pll_own_monitor": ours_json["pseudo_log_likelihood"],
              "sklearn_pll": theirs, "sklearn_pll_sd_over_draws": theirs_sd,
              "latentlab_seconds": ours_seconds, "sklearn_seconds": sk_seconds,
              "command": " ".join(cmd[1:])}
    print(f"mean pseudo-log-likelihood after {a.epochs} epochs on {a.dataset} ({X.shape[0]} images), "
          f"scored by scikit-learn's score_samples, mean of {a.draws} draws: LatentLab CD-1 {ours:.3f} "
          f"(sd {ours_sd:.3f}), scikit-learn {theirs:.3f} (sd {theirs_sd:.3f}); "
          f"{'at least as good' if ours >= theirs else 'WORSE'}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)
    return 0 if ours >= theirs else 1


if __name__ == "__main__":
    sys.exit(main())
