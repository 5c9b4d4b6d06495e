#!/usr/bin/python3
"""Evaluates scikit-learn 1.2's BernoulliRBM on given weights, or trains it, so that LatentLab's
RBM (core/rbm_math.h, core/rbm.h) can be compared with it (tests/core/test_rbm_sklearn.cpp).

    /usr/bin/python3 scripts/bench/check_sklearn_rbm.py in.json out.json

in.json: {"mode": "evaluate", "W": V × H, "a": [V], "b": [H], "X": N × V, "random_state": int}
  → out.json {"flipped": [N] (the feature score_samples flips in each row: the first draw of
     RandomState(random_state).randint(0, V, N), as score_samples makes it),
     "score_samples": [N], "free_energy": [N] (_free_energy), "transform": N × H (p(h=1|v))}
in.json: {"mode": "train", "X": N × V, "n_components", "learning_rate", "batch_size", "n_iter",
          "random_state"}
  → out.json {"W": V × H, "a": [V], "b": [H]} (BernoulliRBM.fit; components_ transposed)

Exit 0 on success, 77 when scikit-learn is missing (the test then skips), 1 on bad input.
"""
import json
import sys

try:
    import numpy as np
    from sklearn.neural_network import BernoulliRBM
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(1)
    with open(sys.argv[1]) as f:
        case = json.load(f)
    X = np.asarray(case["X"], dtype=np.float64)
    if case["mode"] == "evaluate":
        W = np.asarray(case["W"], dtype=np.float64)
        rbm = BernoulliRBM(n_components=W.shape[1], random_state=case["random_state"])
        rbm.components_ = W.T.copy()
        rbm.intercept_visible_ = np.asarray(case["a"], dtype=np.float64)
        rbm.intercept_hidden_ = np.asarray(case["b"], dtype=np.float64)
        rbm.n_features_in_ = W.shape[0]
        flipped = np.random.RandomState(case["random_state"]).randint(0, X.shape[1], X.shape[0])
        out = {"flipped": flipped.tolist(), "score_samples": rbm.score_samples(X).tolist(),
               "free_energy": rbm._free_energy(X).tolist(), "transform": rbm.transform(X).tolist()}
    elif case["mode"] == "train":
        rbm = BernoulliRBM(n_components=case["n_components"], learning_rate=case["learning_rate"],
                           batch_size=case["batch_size"], n_iter=case["n_iter"],
                           random_state=case["random_state"]).fit(X)
        out = {"W": rbm.components_.T.tolist(), "a": rbm.intercept_visible_.tolist(),
               "b": rbm.intercept_hidden_.tolist()}
    else:
        print(f"unknown mode {case['mode']}")
        sys.exit(1)
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
