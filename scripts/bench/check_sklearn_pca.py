#!/usr/bin/python3
"""scikit-learn's PCA of a CSV file, as JSON on stdout, for tests/core/test_pca.cpp.

    /usr/bin/python3 scripts/bench/check_sklearn_pca.py resources/data/iris.csv [--standardize]

Numeric columns only (a label/class/target/species column is dropped, as core/csv.h does),
rounded to float32 like LatentLab's data, optionally z-scored by StandardScaler, then
PCA(svd_solver="full"). Prints components_ (r × d), explained_variance_,
explained_variance_ratio_, mean_, and with --standardize the scaler's mean_ and scale_.

Signs: "components" follow LatentLab's documented rule (core/pca_exact.h applySignRule: the
entry of largest magnitude is positive, ties within a relative 1e-6 go to the lowest index),
i.e. svd_flip(u_based_decision=False) as sklearn >= 1.5 applies it. sklearn 1.2 flips by the
columns of U instead, which depend on the row order; its raw rows are in "components_raw".

Exit 0 with the JSON, 77 when numpy or scikit-learn is missing, 2 on a usage error.
"""
import csv
import json
import sys

try:
    import numpy as np
    import sklearn
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

SIGN_TIE_MARGIN = 1e-6


def load_numeric_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    numeric = [j for j in range(len(header)) if all(_is_float(r[j]) for r in body)]
    label_like = {"label", "class", "target", "species"}
    numeric = [j for j in numeric if header[j].strip().lower() not in label_like]
    return np.array([[float(r[j]) for j in numeric] for r in body], dtype=np.float64)


def _is_float(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def apply_sign_rule(components):
    """Rows of `components` (r × d) flipped so that the largest-|value| entry is positive."""
    out = components.copy()
    for c in range(out.shape[0]):
        row = out[c]
        max_abs = np.abs(row).max()
        if not max_abs > 0:
            continue
        j = int(np.argmax(np.abs(row) >= max_abs * (1 - SIGN_TIE_MARGIN)))
        if row[j] < 0:
            out[c] = -row
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        sys.exit(2)
    X = load_numeric_csv(args[0]).astype(np.float32).astype(np.float64)  # our data are float
    result = {"sklearn_version": sklearn.__version__, "n_samples": X.shape[0],
              "n_features": X.shape[1], "standardized": "--standardize" in sys.argv}
    if result["standardized"]:
        scaler = StandardScaler().fit(X)
        X = scaler.transform(X)
        result["scaler_mean"] = scaler.mean_.tolist()
        result["scaler_scale"] = scaler.scale_.tolist()
    pca = PCA(svd_solver="full").fit(X)
    result["components"] = apply_sign_rule(pca.components_).tolist()
    result["components_raw"] = pca.components_.tolist()
    result["explained_variance"] = pca.explained_variance_.tolist()
    result["explained_variance_ratio"] = pca.explained_variance_ratio_.tolist()
    result["mean"] = pca.mean_.tolist()
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
