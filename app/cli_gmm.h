#pragma once
// `latentlab run gmm` and `latentlab bench gmm`: Gaussian mixtures fitted by EM (core/gmm.h)
// from the command line, with the shared option handling of app/cli.h.
//
//   latentlab run gmm --dataset old-faithful --k 2 --covariance full --init kmeans --seed 3
//             --json out.json [--figure out.svg|pdf|png --size 1600x1000 --dpi 144]
//   latentlab bench gmm --n 100000 --d 2 --k 10 --iterations 20 [--covariance full]
//             [--threads N] [--json FILE]
//
// `run gmm --json` writes:
//   algorithm "gmm", seed, params {k, covariance-type, init, reg-covar, tol, max-iter, hard-em},
//   dataset {name, n, d, standardized[, generator_params, data_seed]},
//   initial {weights [K], means [K][d], covariances [K][d][d]} (θ_0, right after the
//     initialisation),
//   weights [K], means [K][d], covariances [K][d][d] (always expanded to full d × d matrices,
//     whatever covariance-type),
//   final {weights, means, covariances}: the same fitted parameters again, grouped like initial,
//   reg_covar (the reg-covar added to every covariance diagonal),
//   log_likelihood [iterations + 1]: mean log-likelihood per sample in nats, entry i of the
//     parameters after i EM iterations (entry 0 = θ_0); log_likelihood_definition says so,
//   total_log_likelihood: Σ_n log p(x_n) of the final parameters (nats),
//   iterations, converged, diverged, n_parameters (free parameters M), aic = 2M − 2 log L,
//   bic = M log N − 2 log L, labels [N] (argmax_k of the final responsibilities, ties to the
//   lower k), responsibilities [N][K] (γ_nk of the final parameters, rows sum to 1; one-hot in
//   hard EM), seconds (initialisation and EM, wall clock).
//
// `run gmm --figure` draws the final state (ui::GmmSceneBuilder: points coloured by their
// responsibilities, 1σ/2σ/3σ ellipses, the density) titled "Gaussian mixture, K = 2, full
// covariances, on old-faithful (seed 3)", exported like `run kmeans --figure` (cli::writeFigure).
//
// `bench gmm` times EM iterations (E-step + M-step) on the uniform data of `bench kmeans`, with
// the first K points as initial means, π_k = 1/K and Σ_k = the data covariance; tol = 0, so
// every iteration runs. It writes {benchmark "gmm", n, d, k, covariance_type, iterations,
// threads, dtype, ms_per_iteration (median), ms_min, ms_max}; the first iteration is not timed.
#include "app/cli.h"

namespace latentlab::app::cli {

int runGmm(const ParsedOptions& o);
int benchGmm(const ParsedOptions& o);

} // namespace latentlab::app::cli
