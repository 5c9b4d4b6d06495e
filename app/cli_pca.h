#pragma once
// `latentlab run pca` and `latentlab bench pca`: principal component analysis (core/pca.h,
// core/pca_exact.h) from the command line, with the shared option handling of app/cli.h.
//
//   latentlab run pca --dataset iris --standardize --components 2 --method power-iteration
//             --seed 1 --json out.json
//   latentlab bench pca [--dataset digits | --n N --d D] [--iterations I] [--json FILE]
//
// `run pca` runs the step-wise model (core::Pca: the components one at a time, by power
// iteration or Oja's rule, with deflation) to the end, and the exact core::fitPca on the same
// data with the same scaling (the model's --unit-variance; the command's own --standardize
// z-scores the data set first, which gives the same PCA). The default data set is iris.
// `--json` writes:
//   algorithm "pca", seed, params {components, method, unit-variance, max-iter, tol,
//     learning-rate, batch-size},
//   dataset {name, n, d, standardized[, generator_params, data_seed]},
//   covariance_scaling "1/(N-1)" (S = 1/(N−1) Σ (z − z̄)(z − z̄)ᵀ, z = (x − mean) / scale),
//   solver "covariance" | "svd",
//   mean [d] (original units), scale [d] (the 1/N standard deviations when unit-variance, else
//     ones),
//   components [r][d]: row i = the unit principal axis i of the exact PCA, descending
//     variance; sign rule: the entry of largest magnitude is positive (entries within a
//     relative 1e-6 of it tie, the lowest index wins) — scikit-learn's svd_flip on Vᵀ,
//   sign_rule (that rule in words),
//   explained_variance [r] (eigenvalues λ_i of S, descending), explained_variance_ratio [r]
//     (λ_i / trace S), total_variance (trace S),
//   singular_values [r]: σ_i = sqrt(λ_i (N − 1)) (scikit-learn's singular_values_), n_samples N,
//   reconstruction_error [r + 1]: E(M) = Σ_{i>M} λ_i for M = 0..r,
//   n_components M (the requested components, clipped to d and r),
//   projection [N][M]: the scores y = U_Mᵀ z of every sample on the first M exact axes,
//   stepwise {method, converged, steps_per_component [M], angle_to_exact_deg [M] (angle between
//     the found axis and the exact one, as lines, degrees), explained_variance_found [M]
//     (u_iᵀ S u_i), explained_variance_ratio_found (Σ / trace S), components_found [M][d]},
//   seconds (step-wise run and exact fit, wall clock).
// --figure is refused (no PCA scene builder yet). --threads is accepted like for every `run`
// and changes nothing: the PCA code runs on one thread (Eigen stays single-threaded).
//
// `bench pca` times core::fitPca (covariance or SVD solver as Auto picks) on a built-in data
// set (default digits, 1797 × 64) or on the uniform N × D data of `bench kmeans`: one untimed
// warm-up fit, then I timed fits (default 10). It prints and writes {benchmark "pca", dataset,
// n, d, iterations, solver, dtype, ms_per_fit (median), seconds (the median fit time in seconds),
// ms_min, ms_max}.
#include "app/cli.h"

namespace latentlab::app::cli {

int runPca(const ParsedOptions& o);
int benchPca(const ParsedOptions& o);

} // namespace latentlab::app::cli
