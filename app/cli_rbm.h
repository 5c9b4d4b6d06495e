#pragma once
// `latentlab run rbm` and `latentlab bench rbm`: restricted Boltzmann machines (core/rbm.h)
// from the command line, with the shared option handling of app/cli.h.
//
//   latentlab run rbm --dataset fashion-mnist --hidden 256 --cd-k 1 --epochs 5 --batch 64
//             --learning-rate 0.05 --seed 1 --json out.json --save-model rbm.bin
//             [--load-model start.bin] [--rescale] [--threads N] [--<parameter> VALUE]
//   latentlab bench rbm --dataset fashion-mnist --hidden 256 --batch 64 --epochs 1
//             [--cd-k K] [--persistent] [--rescale] [--threads N] [--json FILE]
//
// The data must be in [0, 1]. `--rescale` maps the data set's values linearly from [min, max]
// to [0, 1] (the 8×8 digits: divided by 16); without it, data outside [0, 1] is an error that
// suggests it. The default data set is fashion-mnist.
//
// `run rbm --json` writes:
//   algorithm "rbm", seed, params {hidden, cd-k, persistent, learning-rate, momentum,
//   weight-decay, batch, statistics, binarize, epochs, init-std, held-out, visible-bias},
//   dataset {name, n, d, standardized, rescaled[, generator_params, data_seed]},
//   n_train, n_held_out, batches_per_epoch, epochs (completed),
//   per epoch: reconstruction_error, pseudo_log_likelihood, free_energy_train,
//     free_energy_held_out (null without held-out rows), seconds_per_epoch (the updates only,
//     not the monitors), each with a *_definition where the number needs one;
//   batch_reconstruction_error [epochs × batches] (flat, in training order),
//   hidden_histogram [20] (p(h|v) over the last batch), momentum_schedule,
//   exact_log_likelihood, exact_held_out_log_likelihood, log_partition_function (per epoch, only
//     for models small enough to enumerate), cd_gradient_error {k: [1, 2, 5, 10], per_epoch:
//     [[4] …]} (only for V + H ≤ 20), diverged, seconds (wall clock), loaded_model and
//   model_file (the paths given, if any).
// `--save-model FILE` writes the final weights (core/rbm_io.h), with the command in the file's
// description; `--load-model FILE` starts from a model file's weights (its V must match the
// data; --hidden, if given, must match the file).
//
// `bench rbm` times the training epochs alone (the monitors are off) after loading the data and
// initialising, and writes {benchmark "rbm", dataset, n_train, d, hidden, batch, cd_k,
// persistent, epochs, threads, dtype "float32", seconds_per_epoch (median), seconds_min,
// seconds_max, epoch_seconds [epochs]}.
#include "app/cli.h"

namespace latentlab::app::cli {

int runRbm(const ParsedOptions& o);
int benchRbm(const ParsedOptions& o);

} // namespace latentlab::app::cli
