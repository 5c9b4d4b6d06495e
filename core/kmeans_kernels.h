#pragma once
// The data-parallel pieces of k-means: seeding, the assignment pass (with the sufficient
// statistics the update needs), medians and the L1 objective. Work is split into fixed chunks
// of points and reduced in chunk order, so results never depend on the thread count.
#include "core/dataset.h"
#include "core/kmeans.h"
#include "core/rng.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace latentlab::core::kernels {

/// Points per parallel work item for fewer than kManyFeatures features. Fixed (never derived
/// from the thread count): determinism.
constexpr int kChunk = 8192;

/// From this many features on, hard L2 and cosine assignments take the matrix-product path
/// (arg-min from ‖μ‖² − 2x·μ) over a row-major copy of the data (see wantsRowMajorCopy).
constexpr int kManyFeatures = 8;

/// Points per work item on the many-features path: each point costs ~K·d operations there, so
/// smaller chunks balance the threads better (e.g. 10⁵ points: 49 chunks, not 13).
constexpr int kChunkManyFeatures = 2048;

/// Points per parallel work item for d features. Depends on d only, never on the thread
/// count: the chunks, and so the chunk-ordered sums, are the same for every thread count.
constexpr int chunkSize(int d) { return d >= kManyFeatures ? kChunkManyFeatures : kChunk; }

/// Whether assign() wants AssignInput::rows: hard (not soft) L2 or cosine with d ≥
/// kManyFeatures. There each block of points is read once, as contiguous rows, by the matrix
/// product for the arg-min and then by the statistics — the winner's exact ‖x − μ‖² and
/// Σ(x − μ) into its cluster's sums, eight features at a time — instead of d strided lookups
/// per point in the column-major data.
bool wantsRowMajorCopy(int d, KMeansDistance distance, bool soft);

/// Rows scaled to unit length (zero rows stay zero). X: N × d → N × d.
Matrix normaliseRows(const Matrix& X);

/// Indices of k seed points (distinct indices). random: uniform without replacement;
/// farthest: a random first seed, then repeatedly the point farthest from its nearest seed;
/// kmeans++: a random first seed, then points drawn with probability ∝ their distance to the
/// nearest seed (the squared distance for L2: Arthur & Vassilvitskii 2007, the objective's own
/// distance for L1 and cosine). `normalised` is used for cosine (N × d unit rows).
std::vector<int> pickSeeds(const Matrix& X, const Matrix& normalised, int k, KMeansInit init,
                           KMeansDistance distance, Rng& rng);

struct AssignInput {
    const Matrix& X;            ///< N × d data
    const Matrix* normalised;   ///< N × d unit rows, cosine only (else null)
    const Matrix& centroids;    ///< K × d
    KMeansDistance distance;
    bool soft;                  ///< soft k-means (L2 only)
    double beta;                ///< stiffness for soft
    int threads;                ///< 0 = all cores
    /// N × d row-major copy of the data the distances use (X; the unit rows for cosine), made
    /// once per data set by the caller when wantsRowMajorCopy(). Only a cache: when null,
    /// assign() transposes 256-point blocks on the fly and gives bit-identical results.
    const RowMatrix* rows = nullptr;
};

struct AssignResult {
    /// K × d: Σ (x − μ_k) over the cluster for L2 (weighted by r_nk when soft), Σ (x̂ − μ̂_k)
    /// between unit vectors for cosine; unused (zero) for L1.
    Eigen::MatrixXd sums;
    Eigen::VectorXd weights;          ///< K: N_k, or Σ_n r_nk when soft
    /// K: Σ‖x−μ_k‖² (r-weighted when soft) for L2, Σ‖x−μ_k‖₁ for L1, Σ‖x̂−μ̂_k‖² for cosine.
    Eigen::VectorXd clusterObjective;
    Eigen::VectorXd memberNorms;      ///< K, cosine only: Σ‖x‖ (to draw the centroid)
    std::vector<int64_t> sizes;       ///< K: points whose nearest centroid is k
    int64_t changed = 0;              ///< points whose label differs from `previous`
    /// J (cosine: Σ(1 − cos) = ½Σ‖x̂−μ̂‖²), or the soft free energy −(1/β) Σ_n log Σ_k e^{−βd}
    double objective = 0;
};

/// One assignment pass. Writes labels (N) and, when soft, resp (N × K responsibilities).
/// `previous` (N) may be null.
AssignResult assign(const AssignInput& in, const std::vector<uint8_t>* previous,
                    std::vector<uint8_t>& labels, Eigen::MatrixXf* resp);

/// Distance of row i of X to centroid c (d) in double: squared for L2; `normalised` (the unit
/// rows of X) is used for cosine. For seeding and relocation, not for the hot loop.
double pointDistance(const Matrix& X, const Matrix& normalised, int i, const Eigen::VectorXd& c,
                     KMeansDistance distance);

/// Per-feature medians of each cluster (k-medians update); clusters without points keep
/// their row of `current`. Returns K × d.
Matrix medians(const Matrix& X, const std::vector<uint8_t>& labels, const Matrix& current);

/// J = Σ_n ‖x_n − μ_{c(n)}‖₁ in double.
double objectiveL1(const Matrix& X, const std::vector<uint8_t>& labels, const Matrix& centroids,
                   int threads);

} // namespace latentlab::core::kernels
