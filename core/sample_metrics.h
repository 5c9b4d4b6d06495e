#pragma once
// Sample-quality numbers for generative models on point data: the energy distance between two
// point sets (DDPM issue: generated samples vs fresh data) and the mode-coverage score for
// mixtures of Gaussians (GAN issue: ring of 8, grid of 25).
#include "core/dataset.h"

#include <cstdint>
#include <vector>

namespace latentlab::core {

/// Mean Euclidean distance over all pairs, (1 / (N M)) Σ_i Σ_j ‖a_i − b_j‖. A: N × d, B: M × d
/// (rows are points), N, M ≥ 1, finite. Distances in float, sums in double; deterministic for
/// any thread count (threads ≤ 0: OpenMP's default). Throws std::invalid_argument on empty,
/// mismatched or non-finite input.
double meanPairDistance(const Matrix& A, const Matrix& B, int threads = 0);

/// Squared energy distance, the V-statistic
///   D²(X, Y) = 2 E‖X − Y‖ − E‖X − X'‖ − E‖Y − Y'‖,
/// every expectation a mean over all pairs of the samples, i = j included (Székely & Rizzo 2013,
/// "Energy statistics: a class of statistics based on distances"; their two-sample E-statistic is
/// nm/(n+m) times this). For d = 1 it is the square of
/// scipy.stats.energy_distance(x, y). X: N × d, Y: M × d. ≥ 0 (0 for identical sets, up to
/// rounding: tiny negative rounding results are returned as 0); units: those of the data.
/// 2000 × 2000 points in 2-D take a few milliseconds. Throws as meanPairDistance.
double energyDistance(const Matrix& X, const Matrix& Y, int threads = 0);

/// The GAN mode-coverage score on a Gaussian mixture with known centres, as reported for the
/// ring and grid of Gaussians since Metz et al. 2017 ("Unrolled GANs", §3.1; the rule written out
/// in VEEGAN, Srivastava et al. 2017, and PacGAN, Lin et al. 2018):
///  - a sample is high quality if its Euclidean distance to the nearest centre is ≤ 3σ;
///  - a mode is covered if at least `minSamplesPerMode` high-quality samples have it as their
///    nearest centre (default 1: "receives at least one high-quality sample").
/// Note that in 2-D a perfect sampler gets a high-quality fraction of 1 − e^{−9/2} ≈ 0.989, not 1
/// (P(‖N(0, σ²I₂)‖ ≤ 3σ)).
struct ModeQuality {
    int modesCovered = 0;              ///< JSON "modes_covered", in [0, K]
    double highQualityFraction = 0;    ///< JSON "high_quality_fraction", in [0, 1]
    std::vector<int64_t> highQualityPerMode; ///< K counts of high-quality samples per centre
};

/// samples: N × d (N ≥ 1); centres: K × d (K ≥ 1); sigma > 0 is the std of each mixture
/// component; minSamplesPerMode ≥ 1. Ties between equidistant centres go to the lower index.
/// Throws std::invalid_argument on bad shapes, σ ≤ 0, non-finite values or minSamplesPerMode < 1.
ModeQuality modeQuality(const Matrix& samples, const Matrix& centres, double sigma,
                        int64_t minSamplesPerMode = 1);

} // namespace latentlab::core
