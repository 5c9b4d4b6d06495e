#!/usr/bin/python3
"""Fits scikit-learn's GaussianMixture from given initial parameters and writes what it found,
so that LatentLab's EM (core/gmm.h) can be compared with it on the same data and the same
initialisation (tests/core/test_gmm.cpp, sklearnAgreement).

    /usr/bin/python3 scripts/bench/check_sklearn_gmm.py in.json out.json

in.json is one case or {"cases": [case, ...]}; a case is
    {"name": "...", "X": [[...], ...] (N × d), "covariance_type": "full"|"diag"|"spherical"|"tied",
     "weights_init": [K], "means_init": [[d] × K],
     "precisions_init": full: K × d × d, tied: d × d, diag: K × d, spherical: K (inverse covariances),
     "tol": 1e-3, "max_iter": 100, "reg_covar": 1e-6}
out.json gets {"results": [result, ...]} in the same order, a result being
    {"name", "weights": [K], "means": K × d, "covariances": sklearn's shape for the type,
     "covariances_full": K × d × d (expanded), "lower_bound": lower_bound_ (mean log-likelihood
     per sample of the parameters before the last M-step), "score": score(X) (mean log-likelihood
     of the final parameters), "n_iter": n_iter_, "converged": converged_}.

Exit 0 on success, 77 when scikit-learn is missing (the test then skips), 1 on bad input.
"""
import json
import sys
import warnings

try:
    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def expand(cov, cov_type, k, d):
    """Covariances as K full d × d matrices, whatever the type."""
    if cov_type == "full":
        return cov
    if cov_type == "tied":
        return np.repeat(cov[np.newaxis], k, axis=0)
    if cov_type == "diag":
        return np.array([np.diag(c) for c in cov])
    return np.array([np.eye(d) * c for c in cov])  # spherical


def fit(case):
    X = np.asarray(case["X"], dtype=np.float64)
    cov_type = case["covariance_type"]
    weights = np.asarray(case["weights_init"], dtype=np.float64)
    means = np.asarray(case["means_init"], dtype=np.float64)
    precisions = np.asarray(case["precisions_init"], dtype=np.float64)
    k, d = means.shape
    # init_params only matters when an initial value is missing: all three are given here.
    gm = GaussianMixture(n_components=k, covariance_type=cov_type, tol=case.get("tol", 1e-3),
                         reg_covar=case.get("reg_covar", 1e-6),
                         max_iter=case.get("max_iter", 100), n_init=1, init_params="random",
                         weights_init=weights, means_init=means, precisions_init=precisions,
                         random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm.fit(X)
    return {
        "name": case.get("name", ""),
        "weights": gm.weights_.tolist(),
        "means": gm.means_.tolist(),
        "covariances": gm.covariances_.tolist(),
        "covariances_full": expand(gm.covariances_, cov_type, k, d).tolist(),
        "lower_bound": float(gm.lower_bound_),
        "score": float(gm.score(X)),
        "n_iter": int(gm.n_iter_),
        "converged": bool(gm.converged_),
    }


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(1)
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    cases = doc["cases"] if "cases" in doc else [doc]
    results = [fit(c) for c in cases]
    with open(sys.argv[2], "w") as f:
        json.dump({"results": results}, f)
    for r in results:
        print(f"{r['name']}: n_iter {r['n_iter']}, lower_bound {r['lower_bound']:.6f}, "
              f"score {r['score']:.6f}")


if __name__ == "__main__":
    main()
