#!/usr/bin/python3
"""Reference energy distances for tests/core/test_sample_metrics.cpp, from SciPy.

    /usr/bin/python3 scripts/bench/check_scipy_energy.py in.json out.json

in.json: {"pairs": [{"X": [[...], ...], "Y": [[...], ...]}, ...]} (rows are points). out.json:
{"squared": [...]} with, per pair, 2 E‖X−Y‖ − E‖X−X'‖ − E‖Y−Y'‖ over all pairs (i = j
included) from scipy.spatial.distance.cdist, and "scipy_1d": [...] with
scipy.stats.energy_distance(x, y)² for the pairs that are 1-D (null otherwise).
Exit 0 on success, 77 when NumPy/SciPy are missing.
"""
import json
import sys

try:
    import numpy as np
    from scipy.spatial.distance import cdist
    from scipy.stats import energy_distance
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def main():
    with open(sys.argv[1]) as f:
        pairs = json.load(f)["pairs"]
    squared, scipy_1d = [], []
    for p in pairs:
        X = np.asarray(p["X"], dtype=np.float64)
        Y = np.asarray(p["Y"], dtype=np.float64)
        squared.append(float(2 * cdist(X, Y).mean() - cdist(X, X).mean() - cdist(Y, Y).mean()))
        scipy_1d.append(float(energy_distance(X[:, 0], Y[:, 0]) ** 2) if X.shape[1] == 1 else None)
    with open(sys.argv[2], "w") as f:
        json.dump({"squared": squared, "scipy_1d": scipy_1d}, f)


if __name__ == "__main__":
    main()
