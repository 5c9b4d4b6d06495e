#pragma once
// The fused E-step kernel of the Gaussian mixture (core/gmm_math.h): one pass over a chunk of
// points computes log π_k N(x|μ_k,Σ_k) from the whitening factors, the log-sum-exp over K,
// the responsibilities, the log-likelihood, the entropy of q, and the M-step's sufficient
// statistics N_k, Σ γ (x − c_k), Σ γ (x − c_k)(x − c_k)ᵀ about the E-step's means c_k = μ_k
// (the same shifted form as gmm::Statistics; no second pass over the data).
//
// Numerics: everything in double (the float data are widened once per block of points). Four
// points per SIMD vector; AVX2 + FMA when the build targets them (exp and log by range reduction
// and polynomials, within 2 ulp of the correctly rounded result), else a portable
// four-lane version that calls std::exp / std::log. Within one chunk the sums are kept per lane
// and added in a fixed order at the end, so a chunk's result never depends on the thread count.
#include "core/dataset.h"
#include "core/gmm_math.h"

#include <Eigen/Core>
#include <vector>

namespace latentlab::core::gmm::kernels {

enum class Simd {
    Avx2,     ///< AVX2 + FMA intrinsics, vectorised exp and log (needs an AVX2 build)
    Portable, ///< plain C++ over four lanes, std::exp and std::log: the scalar fallback
};

/// Avx2 when the build targets AVX2 and FMA (-march=native on such a CPU), else Portable.
Simd bestSimd();

/// θ and its factors laid out for the kernel.
struct Components {
    int k = 0;
    int d = 0;
    std::vector<double> means;   ///< K × d, row k = μ_k (also the centres c_k of the statistics)
    /// K × d(d+1)/2: the upper triangle of U_k = L_k^{-T} packed by columns, entry (i, j), i ≤ j,
    /// at j(j+1)/2 + i.
    std::vector<double> whiten;
    std::vector<double> logNorm; ///< K, log π_k − ½ d log 2π − ½ log|Σ_k|
};

/// Packs θ (K components, d ≤ kMaxFusedDimension) and factorise()'s factors of it.
Components prepare(const GmmParameters& theta, const Factors& factors);

/// What one chunk adds up.
struct ChunkSums {
    /// K × (1 + d + d(d+1)/2), per component: N_k; first_k (d); scatter_k's upper triangle
    /// packed by columns as Components::whiten.
    std::vector<double> moments;
    double logLikelihood = 0; ///< Σ log Σ_k π_k N(x|μ_k,Σ_k) over the chunk's points
    double objective = 0;     ///< soft: = logLikelihood; hard: Σ max_k log π_k N(x|μ_k,Σ_k)
    double entropy = 0;       ///< −Σ γ log γ (0 for hard EM)
};

/// The E-step (lecture 000:588; PRML 9.23) on rows [start, start + rows) of X (N × d, d ≤
/// kMaxFusedDimension): γ_nk = π_k N(x_n|μ_k,Σ_k) / Σ_j π_j N(x_n|μ_j,Σ_j), or one-hot on the
/// most probable component when `hard` (ties: the lowest k). Writes γ to those rows of `resp`
/// (N × K) when it is not null and returns the chunk's sums in `out`.
void eStepChunk(const Matrix& X, int start, int rows, const Components& c, bool hard,
                Eigen::MatrixXf* resp, ChunkSums& out, Simd simd);

} // namespace latentlab::core::gmm::kernels
