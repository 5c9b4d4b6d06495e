#pragma once
// `latentlab run gan` and `latentlab bench gan`: generative adversarial networks (core/gan.h)
// from the command line, with the shared option handling of app/cli.h.
//
//   latentlab run gan --dataset ring8 --steps 5000 --seed 1 --json out.json --samples 2000
//             [--save-model gan.llnet] [--load-model start.llnet] [--<parameter> VALUE]
//   latentlab bench gan --dataset ring8 --iterations 2000 [--batch B] [--threads N] [--json FILE]
//
// --steps N is short for --iterations N: N iterations of k discriminator steps and one
// generator step. `ring8` is the ring generator with 8 Gaussians (GAN Lab's data); the default
// data set is ring8.
//
// `run gan --json` writes: algorithm "gan", seed, params {loss, d-steps, g-layers, g-width,
// d-layers, d-width, activation, noise-dim, noise, optimizer, g-learning-rate, d-learning-rate,
// beta1, batch, iterations}, dataset {…}, iterations (completed), losses {d, g} per iteration,
// mean_d_real, mean_d_fake, value (J) per iteration, samples (n × d generated points of the final
// generator for fresh noise, n = --samples, default 2000), and, for data whose classes are
// Gaussian modes (ring, grid, blobs: the labels), modes_covered, modes_total and
// high_quality_fraction (Metz et al. 2017: a sample is of high quality within 3σ of its nearest
// mode centre; a mode is covered when it has at least one), diverged, seconds.
//
// `bench gan` times the training iterations alone and writes {benchmark "gan", dataset,
// iterations, batch, noise_dim, generator and discriminator shapes, threads (≤ 2: the batch is
// cut into two fixed parts),
// iterations_per_second, seconds}.
#include "app/cli.h"

namespace latentlab::app::cli {

int runGan(const ParsedOptions& o);
int benchGan(const ParsedOptions& o);

} // namespace latentlab::app::cli
