#!/usr/bin/python3
"""The 2-D swiss roll of the DDPM tutorials from scikit-learn, for tests/core/test_datasets.cpp:
make_swiss_roll(n, noise=10·noise, random_state=seed)[0][:, [0, 2]] / 10.

    /usr/bin/python3 scripts/bench/check_sklearn_swiss_roll.py in.json out.json

in.json: {"n": ..., "noise": ..., "seed": ...}; out.json: {"X": [[x, y], ...]}.
Exit 0 on success, 77 when scikit-learn is missing.
"""
import json
import sys

try:
    from sklearn.datasets import make_swiss_roll
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def main():
    with open(sys.argv[1]) as f:
        p = json.load(f)
    X, _ = make_swiss_roll(p["n"], noise=10 * p["noise"], random_state=p["seed"])
    with open(sys.argv[2], "w") as f:
        json.dump({"X": (X[:, [0, 2]] / 10).tolist()}, f)


if __name__ == "__main__":
    main()
