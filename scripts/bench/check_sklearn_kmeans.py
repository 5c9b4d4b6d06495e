#!/usr/bin/python3
"""Cross-check of `latentlab run kmeans --json` against scikit-learn on the same data and the
same initial centroids: final centroids, labels, inertia and the number of iterations.

    /usr/bin/python3 scripts/bench/check_sklearn_kmeans.py out.json resources/data/iris.csv [--standardize]

Exit 0 when they agree, 1 with a message when they do not, 77 when scikit-learn is missing.
"""
import json
import sys

try:
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def load_numeric_csv(path):
    import csv
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


def main():
    ours = json.load(open(sys.argv[1]))
    X = load_numeric_csv(sys.argv[2])
    if "--standardize" in sys.argv:
        X = StandardScaler().fit_transform(X)
    X = X.astype(np.float32).astype(np.float64)  # our data is float32
    init = np.array(ours["initial_centroids"], dtype=np.float64)
    km = KMeans(n_clusters=init.shape[0], init=init, n_init=1, max_iter=300, tol=0.0,
                algorithm="lloyd").fit(X)
    problems = []
    cen = np.array(ours["centroids"])
    if not np.allclose(cen, km.cluster_centers_, atol=1e-4, rtol=1e-5):
        problems.append(f"centroids differ: max |diff| {np.abs(cen - km.cluster_centers_).max():.3g}")
    labels = np.array(ours["labels"])
    if not np.array_equal(labels, km.labels_):
        problems.append(f"{int((labels != km.labels_).sum())} labels differ")
    if not np.isclose(ours["objective"][-1], km.inertia_, rtol=1e-5):
        problems.append(f"J {ours['objective'][-1]!r} vs inertia {km.inertia_!r}")
    # sklearn counts the iteration whose reassignment changed nothing; we count updates.
    if abs(ours["iterations"] - km.n_iter_) > 1:
        problems.append(f"iterations {ours['iterations']} vs n_iter_ {km.n_iter_}")
    if problems:
        print("; ".join(problems))
        sys.exit(1)
    print(f"agree: K={init.shape[0]} J={km.inertia_:.6f} iterations {ours['iterations']} / n_iter_ {km.n_iter_}")


if __name__ == "__main__":
    main()
