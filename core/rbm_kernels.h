#pragma once
// The batched, parallel pieces of RBM training: one CD-k / PCD-k update on a mini-batch, and the
// per-epoch monitor pass (free energies and pseudo-log-likelihood over many rows).
//
// Speed: every product is a float32 tile product of core/rbm_gemm.h (6 × 16 output tiles,
// AVX2 FMA) on operands laid out so that each tile reads contiguous rows: W's columns for
// v → h, W packed by panels of 16 visible units for h → v (Wp: written by the previous update's
// momentum step while the new W is in cache, repacked only when W was replaced), and the
// mini-batch packed as panels. Work items are fixed blocks of 12 hidden units (v → h, the
// statistics and the momentum step) or panels of 16 visible units (h → v); each output element
// is one fused multiply-add chain in a fixed order and each item is computed whole by one thread
// of a rbm::WorkTeam, so results are bit-identical for any number of threads. Random numbers
// come from the counter-based stream of core/rbm_math.h, indexed by (row, unit), for the same
// reason. The two statistics ⟨v hᵀ⟩_data and ⟨v hᵀ⟩_model are one product [h₀/B, −h_k/C]ᵀ
// [v₀; v_k]; the last hidden pass, the statistics and the momentum step of a block of hidden
// units run in one work item (they need only that block's hidden states; the statistics go to
// a small per-block buffer, not to a V × H matrix), so CD-1 has three fork-joins per
// mini-batch: v₀ → h₀, h₀ → v₁, and v₁ → h₁ + update.
#include "core/rbm_math.h"
#include "core/rbm_team.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace latentlab::core::rbm {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Which numbers enter the statistics ⟨v hᵀ⟩ (the lectures differ, LECTURES.md "RBM"):
/// - Probabilities: ⟨v p(h|v)ᵀ⟩ at the data and at the chain's binary v_k — lecture 000:1302
///   (CD_k = Σ_h p(h|v⁰) v⁰ h − Σ_h p(h|v^k) v^k h) and 004:1011 (h(x) = p(h|x)); also
///   scikit-learn's BernoulliRBM and Hinton's guide §3.3 (less sampling noise).
/// - Samples: ⟨v hᵀ⟩ with binary h sampled at both ends — lecture 001:533 (adjust w_ij from the
///   units' states), 002:91 (binary hidden states; ΔW = η(v hᵀ − ṽ h̃ᵀ)), 004:936
///   (Δw ∝ ⟨vh⟩_data − ⟨v^k h^k⟩_recon).
enum class Statistics { Probabilities, Samples };

struct CdSettings {
    int k = 1;                 ///< Gibbs steps of the negative phase
    Statistics statistics = Statistics::Probabilities;
    double learningRate = 0.05;
    double momentum = 0.5;     ///< the momentum of this update (the schedule is the caller's)
    double weightDecay = 1e-4; ///< L2 coefficient on W only (Hinton's guide §10)
};

/// Number of bins of RbmSnapshot::hiddenHistogram.
inline constexpr int kHistogramBins = 20;

struct CdResult {
    /// (1/(B·V)) Σ_n Σ_i (v_ni − p(v_i = 1 | h_n))² with h_n ~ p(h | v_n): the mean squared
    /// error of one Gibbs step's reconstruction, before the update.
    double reconstructionError = 0;
    /// Counts of p(h_j = 1 | v_n) over the batch in kHistogramBins equal bins of [0, 1].
    std::array<int64_t, kHistogramBins> histogram{};
    bool finite = true; ///< false: the update would make W, a or b non-finite; nothing changed
};

/// Scratch buffers reused from batch to batch (their sizes follow the batch; rows padded to
/// multiples of 16 floats where the tiles of core/rbm_gemm.h read whole rows), and W packed
/// for the next update's visible passes.
struct CdBuffers {
    std::vector<float> Sp; ///< [v₀; v_k] by panels of 16 visible units, (B + C) × 16 each
    std::vector<float> X0; ///< v₀ packed as panels of 16 rows (packPanels)
    std::vector<float> Xc; ///< the chains' visible states, packed alike
    std::vector<float> Tt; ///< H × (B + C), hidden-major: [p(h|v₀)/B, −p(h|v_k)/C] (or samples)
    std::vector<float> H0; ///< H × ⌈B⌉₁₆, hidden-major: h₀ ~ p(h | v₀)
    std::vector<float> Hc; ///< H × ⌈C⌉₁₆, hidden-major: the chains' hidden states
    std::vector<float> Wp;     ///< W by panels of 16 visible units, H × 16 each
    std::vector<float> WpNext; ///< the new W, packed alike by the weight step
    std::vector<float> Gt;     ///< per block of hidden units: 12 × ⌈V⌉₁₆, their statistics
    Eigen::MatrixXf G;         ///< V × H, the new velocity of W
    Eigen::MatrixXf Wn;        ///< V × H, the new W
    /// theta.W's storage (and shape) after the last update: Wp holds that W packed. An update
    /// whose theta.W has another address or shape repacks it. Call invalidate() after changing
    /// a W in place (same storage) by anything else than cdUpdate.
    const float* packedW = nullptr;
    int packedV = 0, packedH = 0;
    void invalidate() { packedW = nullptr; }
};

/// One CD-k update (Hinton 2002) — or PCD-k (Tieleman 2008) when `chains` is not null — on the
/// mini-batch `batch` (B × V row-major, values in [0, 1]), in place on theta and velocity:
///   v_W ← m·v_W + η(⟨v hᵀ⟩₀ − ⟨v hᵀ⟩_k − λW),  W ← W + v_W   (a, b alike, without λ).
/// CD: the k-step chains start at the batch (C = B chains). PCD: they continue from the C rows of
/// `chains` (C × V row-major binary states), which are replaced by their states after k steps.
/// The chains' visible states are always binary samples; `statistics` says what the products
/// use. `key` seeds this update's random numbers (counter-based). When the update would not be
/// finite, theta and velocity are left unchanged and finite = false.
CdResult cdUpdate(RbmWeights& theta, RbmWeights& velocity, const float* batch, int B,
                  RowMatrix* chains, const CdSettings& settings, uint64_t key, CdBuffers& buf,
                  WorkTeam& team);

/// Sums over rows for the epoch monitors, accumulated in double.
struct MonitorSums {
    double freeEnergy = 0;           ///< Σ_n F(v_n)
    double pseudoLogLikelihood = 0;  ///< Σ_n PLL(v_n), bits flipped by pllFlipIndices(n, V, key)
    int64_t rows = 0;
};

/// F and (when withPll) scikit-learn's pseudo-log-likelihood of the n rows of `rows` (n × V
/// row-major) in fixed chunks of 256 rows, reduced in chunk order. Float32 products and
/// vectorised float softplus, summed in double: within ~1e-5 relative of freeEnergy() and
/// pseudoLogLikelihood() with the same flipped bits.
MonitorSums monitor(const RbmWeights& theta, const float* rows, int n, bool withPll,
                    uint64_t flipKey, WorkTeam& team);

} // namespace latentlab::core::rbm
