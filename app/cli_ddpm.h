#pragma once
// `latentlab run ddpm` and `latentlab bench ddpm`: denoising diffusion (core/ddpm.h) from the
// command line, with the shared option handling of app/cli.h.
//
//   latentlab run ddpm --dataset two-moons --schedule linear --T 200 --train-steps 3000 --seed 1
//             --samples 2000 --json out.json [--<parameter> VALUE] [--threads N]
//   latentlab bench ddpm --dataset two-moons --T 1000 --train-steps 2000 --sample-points 10000
//             [--threads N] [--json FILE]
//
// `run ddpm --json` writes: algorithm "ddpm", seed, params, dataset, train_steps, loss (per
// training step: mean over the batch of |eps - eps_theta|^2 / d), loss_per_t_bucket (10 equal
// buckets of t, running means), alphas_cumprod (T values, entry i for t = i + 1), samples (n × d
// from the final EMA network, n = --samples, default 2000), energy_distance between the samples
// and fresh data (the generator with --data-seed + 1; for files, the data themselves), the
// energy distance of the data against fresh data (the noise floor), diverged, seconds.
//
// `bench ddpm` times the training steps and then one chain of --sample-points points through
// all T reverse steps, and writes {benchmark "ddpm", dataset, T, batch, layers, width,
// time_embedding, threads, train_steps, train_steps_per_second, sample_points,
// sampling_seconds}.
#include "app/cli.h"

namespace latentlab::app::cli {

int runDdpm(const ParsedOptions& o);
int benchDdpm(const ParsedOptions& o);

} // namespace latentlab::app::cli
