#pragma once
// k-means as a step-wise model: the lecture's frames (000:230-242) "pick seeds → reassign →
// compute centroids → reassign → … → converged!" are the model's steps.
//
// Sources: lecture 000:168-300 and 003:3599-3690 (objective J, seeding, soft k-means);
// Lloyd (1982); Arthur & Vassilvitskii (2007) for k-means++; Dhillon & Modha (2001) for
// spherical k-means; MacKay (2003, ch. 20) for soft k-means and its free energy.
#include "core/model.h"
#include "core/rng.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace latentlab::core {

/// Row-major float matrix: each point a contiguous row (see KMeans::m_rows).
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class KMeansInit { Random, FarthestPoint, KMeansPlusPlus };
enum class KMeansDistance { L2, L1, Cosine };
enum class EmptyClusterPolicy { FarthestPoint, Keep };
enum class KMeansPhase { Init, Assign, Update };

/// Everything a view needs after one k-means step, and everything restore() needs.
struct KMeansSnapshot : Snapshot {
    Matrix centroids;        ///< K × d
    Matrix initialCentroids; ///< K × d, the seeds picked by the initialisation
    /// N cluster indices in [0, K) from the last assignment; null before the first one.
    std::shared_ptr<const std::vector<uint8_t>> labels;
    uint64_t labelsVersion = 0;     ///< changes whenever labels change
    std::vector<int64_t> clusterSizes; ///< K, points per cluster in the last assignment
    int64_t changed = 0;            ///< points whose cluster changed in the last assignment
    /// J (or the soft free energy) of the initial centroids, then after every update step;
    /// what `run kmeans --json` writes as `objective`.
    std::vector<double> objectivePerIteration;
    std::vector<double> objectiveHistory; ///< after every step since the first assignment
    std::vector<Matrix> trail; ///< centroids after initialisation and after every update (≤ 500)
    KMeansPhase kmeansPhase = KMeansPhase::Init;
    KMeansDistance distance = KMeansDistance::L2;
    bool soft = false;
    double beta = 1.0;
    Rng::State rngState{};
    bool firstAssignDone = false;
    double lastAssignObjective = 0;
    Matrix assignCentroids; ///< K × d, the centroids the last assignment used
    /// N × K soft responsibilities r_nk (soft mode only, else null)
    std::shared_ptr<const Eigen::MatrixXf> responsibilities;
    size_t byteSize() const override;
};

/// Lloyd's k-means with labelled half-steps.
///
/// Parameters (paramSpecs()): k ∈ [1, 64]; init ∈ {random, farthest, kmeans++};
/// distance ∈ {l2, l1, cosine} — the update is the mean for L2, the per-feature median for L1
/// (k-medians) and the normalised mean of the normalised points for cosine (spherical
/// k-means), because the plain mean minimises J only for squared L2; soft (L2 only) with
/// stiffness beta > 0; max-iter; empty-cluster ∈ {farthest-point, keep}; tol (soft only).
///
/// Objective: J = Σ_n dist(x_n, μ_{c(n)}) with dist = ‖x−μ‖² (L2), ‖x−μ‖₁ (L1) or
/// 1 − cos(x, μ) (cosine, computed as ½‖x̂ − μ̂‖² to avoid cancellation; a zero vector has
/// no direction and counts ½); it never increases. Soft mode records the free energy
/// F = Σ_nk r_nk ‖x_n−μ_k‖² + (1/β) Σ_nk r_nk log r_nk, which both half-steps minimise
/// (MacKay 2003, §20.3), so it never increases either.
///
/// Converged when an assignment (after the first) changes no point's cluster; soft mode when
/// the free energy changes by less than tol·|F| over an iteration. The assignment runs in
/// parallel over fixed chunks with a chunk-ordered reduction, so the results are identical for
/// every thread count.
class KMeans final : public Model {
public:
    KMeans();

    std::string name() const override { return "kmeans"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();
    int stepsPerIteration() const override { return 2; }

    /// Throws ParamError for bad parameters and std::invalid_argument when the data does not
    /// allow k clusters (fewer than k points, or no features).
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    void step() override;
    bool converged() const override { return m_converged; }
    bool finished() const override;
    SnapshotPtr snapshot() const override;
    bool restore(const Snapshot& snap) override;
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    /// Replaces the seeds picked by reset() (for given initial centroids, as scikit-learn's
    /// `init=array`). Only right after reset(). Throws std::invalid_argument for a K × d
    /// mismatch or a non-finite value, std::logic_error after the first step.
    void setInitialCentroids(const Matrix& centroids);
    /// Moves centroid k (a user's drag); the next step is an assignment. Throws
    /// std::out_of_range for a bad k or a position of the wrong dimension.
    void setCentroid(int k, const Vector& position);
    /// Threads for the assignment step; 0 = all cores. Results do not depend on it.
    void setThreads(int threads) { m_threads = threads; }

    const Matrix& centroids() const { return m_centroids; }
    const std::vector<uint8_t>& labels() const { return *m_labels; }
    KMeansPhase phase() const { return m_phase; }
    int64_t iteration() const { return m_iteration; }

    /// Phase labels, as in the lecture's frames (000:230-242).
    static const char* phaseLabel(KMeansPhase phase, bool converged);

private:
    void initialise();
    void prepareData();
    void assignStep();
    void updateStep();
    void relocateEmptyClusters(std::vector<ModelEvent>& events);
    double objectiveForCurrentLabels() const;
    void record(double objective, bool perIteration);

    std::shared_ptr<const Dataset> m_data;
    Matrix m_normalised; ///< N × d unit rows (cosine only)
    /// Row-major copy of the data the assignment measures (X, or m_normalised for cosine), only
    /// when kernels::wantsRowMajorCopy(): hard L2 / cosine with d ≥ kernels::kManyFeatures.
    /// There the assignment reads each point once as a contiguous d-vector (for the dot
    /// products, the winner's exact distance and the cluster sums) instead of d strided values
    /// per point: about 2.5× faster for 10⁵ × 50, K = 20. Cost: N × d floats more memory (4 B
    /// per value, 20 MB for 10⁵ × 50; for cosine on top of m_normalised), empty otherwise. Made
    /// once per data set: reset, replaceData, and restore of a snapshot of other data.
    RowMatrix m_rows;
    int m_k = 3;
    KMeansInit m_init = KMeansInit::KMeansPlusPlus;
    KMeansDistance m_distance = KMeansDistance::L2;
    EmptyClusterPolicy m_emptyPolicy = EmptyClusterPolicy::FarthestPoint;
    bool m_soft = false;
    double m_beta = 1.0;
    double m_tol = 1e-8;
    int64_t m_maxIter = 300;
    int m_threads = 0;
    Rng m_rng;

    Matrix m_centroids;
    Matrix m_initialCentroids;
    Matrix m_assignCentroids;
    std::shared_ptr<std::vector<uint8_t>> m_labels;
    std::shared_ptr<std::vector<uint8_t>> m_spareLabels; ///< recycled when no snapshot holds it
    uint64_t m_labelsVersion = 0;
    Eigen::MatrixXd m_sums;       ///< K × d sufficient statistics from the last assignment
    Eigen::VectorXd m_weights;    ///< K, N_k (or Σ_n r_nk when soft)
    Eigen::VectorXd m_clusterJ;   ///< K, each cluster's share of J at the last assignment
    Eigen::VectorXd m_memberNorms; ///< K, cosine: Σ‖x‖ of each cluster's members
    std::shared_ptr<const Eigen::MatrixXf> m_resp; ///< N × K responsibilities (soft only)
    std::vector<int64_t> m_sizes;
    int64_t m_changed = 0;
    KMeansPhase m_phase = KMeansPhase::Init;
    bool m_firstAssignDone = false;
    bool m_converged = false;
    int64_t m_iteration = 0;
    int64_t m_stepCount = 0;
    double m_objective = 0;
    double m_lastAssignObjective = 0;
    std::vector<double> m_objPerIter;
    std::vector<double> m_objHistory;
    std::vector<Matrix> m_trail;
    std::vector<ModelEvent> m_events;
};

/// Best J over nInit restarts for K = 1..kMax (the elbow chart, 003:3622-3634). Restart r of
/// K uses seed `seed + 1000·K + r`. Returns kMax values (index 0 is K = 1). Stops early and
/// returns what it has when `cancel` becomes true. Throws like KMeans::reset.
std::vector<double> elbowCurve(std::shared_ptr<const Dataset> data, const Params& params,
                               int kMax, int nInit, uint64_t seed,
                               const std::atomic<bool>* cancel = nullptr);

} // namespace latentlab::core
