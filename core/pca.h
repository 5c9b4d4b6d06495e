#pragma once
// PCA as a step-wise model: the components are found one at a time, as the lecture derives
// them (maximise uᵀSu with ‖u‖ = 1, then the same orthogonal to the ones found), while the
// exact answer from core/pca_exact.h is drawn as the target.
//
// Sources: lecture 000:385-453 (variance along u is uᵀSu, maximal at the top eigenvector),
// 003:3802-3834 (the next component maximises the remaining variance), 003:3949-3985 (SVD);
// power iteration with projection deflation (Saad, "Numerical Methods for Large Eigenvalue
// Problems", 2011, §4.2); Oja, "A simplified neuron model as a principal component analyzer",
// J. Math. Biology 15 (1982) 267-273.
#include "core/model.h"
#include "core/pca_exact.h"
#include "core/rng.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace latentlab::core {

enum class PcaMethod { PowerIteration, Oja };
/// Init: a random start vector for component 1. Iterate: one update of the current component.
/// Deflate: the found component is removed from S and a start vector for the next one drawn.
/// Done: every requested component found.
enum class PcaPhase { Init, Iterate, Deflate, Done };

/// One Iterate step, for the convergence charts.
struct PcaTracePoint {
    int component = 0;      ///< 0-based index of the component being found
    double rayleigh = 0;    ///< uᵀSu after the step (standardised units²)
    double angleDeg = 0;    ///< angle between u and the exact component, degrees in [0, 90]
    double residualDeg = 0; ///< angle between u and S_i u (the convergence test), degrees
};

/// Everything a view needs after one step, and everything restore() needs.
/// Vectors are d-dimensional in the PCA's (centred, maybe standardised) space; map them back
/// to data units with exact->scale.
struct PcaSnapshot : Snapshot {
    std::shared_ptr<const PcaResult> exact; ///< exact PCA of the data (the target axes)
    PcaMethod method = PcaMethod::PowerIteration;
    PcaPhase pcaPhase = PcaPhase::Init;
    int requested = 0;     ///< components to find (the parameter, clipped to d)
    int current = 0;       ///< 0-based index of the component being found (= found.cols()
                           ///< until Done)
    Eigen::MatrixXd found; ///< d × i, the components found so far (unit, sign rule applied)
    Eigen::VectorXd foundVariance; ///< i, u_jᵀ S u_j of each found component
    Eigen::VectorXd u;             ///< d, the current estimate (unit)
    double rayleigh = 0;           ///< uᵀSu, the variance along u (also Snapshot::objective)
    double angleToExactDeg = 0;    ///< between u and exact component `current` (line angle, 0-90°)
    double angleChangeDeg = 0;     ///< how far u turned in the last step, degrees
    double residualAngleDeg = 0;   ///< angle between u and S_i u: 0 exactly at an eigenvector
    std::vector<int64_t> iterationsPerComponent; ///< Iterate steps spent on each component
    double explainedVarianceFound = 0;           ///< Σ foundVariance
    double explainedVarianceRatioFound = 0;      ///< Σ foundVariance / trace(S)
    std::vector<PcaTracePoint> trace;            ///< the last ≤ 4096 Iterate steps
    int64_t batchSize = 0; ///< Oja: samples in the next mini-batch (0 for power iteration)

    // State for restore(); not meant for drawing.
    std::shared_ptr<const Eigen::MatrixXd> covariance; ///< d × d, S
    std::shared_ptr<const Eigen::MatrixXd> deflated;   ///< d × d, (I − P) S (I − P)
    std::shared_ptr<const Eigen::MatrixXf> centred;    ///< N × d, z (Oja only)
    std::shared_ptr<const std::vector<int>> order;     ///< Oja: sample order of this epoch
    Eigen::MatrixXd warmStarts; ///< d × k start vectors kept from before replaceData()
    int64_t batchPos = 0;       ///< Oja: next index into *order
    int64_t epoch = 0;          ///< Oja: completed epochs of the current component
    bool componentDone = false; ///< the next step deflates
    bool limitHit = false;      ///< some component stopped at max-iter
    Rng::State rngState{};
    size_t byteSize() const override;
};

/// Step-wise PCA for teaching.
///
/// Parameters (specs()): components ∈ [1, 64] (clipped to d); method ∈ {power-iteration, oja};
/// unit-variance (standardise before PCA; not called "standardize" because the CLI's own
/// --standardize already z-scores the data set); max-iter (updates per component, ∈ [1, 1e6]);
/// tol (degrees); learning-rate and batch-size (Oja only).
///
/// S is the 1/(N−1) covariance of core/pca_exact.h. Component i is found in the deflated
/// S_i = (I − P_i) S (I − P_i), P_i the projector onto the components found before (projection
/// deflation keeps every new component orthogonal to the found ones even when those are only
/// approximate). One Iterate step is
///  - power iteration: u ← S_i u / ‖S_i u‖ (the error shrinks by λ_{i+1}/λ_i per step);
///  - Oja: one mini-batch B of deflated samples z, y = zᵀu,
///    u ← u + η/|B| Σ_B y (z − y u), then u ← u/‖u‖ (the rule keeps ‖u‖ ≈ 1 only to first order
///    in η; renormalising makes uᵀSu exactly the variance along the drawn axis), with
///    η = learning-rate / ‖S_i‖_F: ‖S_i‖_F ≥ λ_max makes the parameter independent of the
///    data's units and learning-rate ≤ 1 stable. The batch holds batch-size samples in the
///    first pass over the data (epoch) and doubles every pass until it is the whole data set:
///    the jitter of the estimate (∝ η/|B|) shrinks pass by pass, and the full-batch rule,
///    u ← u + η (S_i u − (uᵀS_i u) u), is deterministic and converges linearly to the exact
///    eigenvector (a growing batch instead of a Robbins-Monro 1/t step size, which leaves an
///    O(1/√t) error: far too slow for a live demo). Samples are visited in an order reshuffled
///    every epoch by the seeded generator.
/// Convergence test, the same for both methods: component i is accepted when one exact power
/// step would turn u by less than tol degrees, i.e. ∠(u, S_i u) < tol — zero exactly at an
/// eigenvector, and the angle to it is at most about tol · λ_i/(λ_i − λ_{i+1}). After max-iter
/// updates it is accepted anyway, with a warning. An accepted component is oriented like the
/// exact one (which follows applySignRule()); components beyond the exact ones get the rule.
/// Start vectors are random normal (from the seed), made orthogonal to the found components
/// and turned to make an acute angle with the exact component — cosmetic: the axis is a line,
/// and this way the drawn arrow never flips while it converges. When no variance is left
/// (requested > rank), the start vector itself is accepted: every direction orthogonal to the
/// found ones is then an eigenvector with eigenvalue 0.
///
/// converged(): all requested components found, none stopped by max-iter; finished(): all
/// found. Same data + params + seed give bit-identical steps.
class Pca final : public Model {
public:
    std::string name() const override { return "pca"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();

    /// Fits the exact PCA (a few ms for 1797 × 64) and draws the first start vector.
    /// Throws ParamError for bad parameters and std::invalid_argument for data PCA cannot use:
    /// fewer than 2 points, no features, NaN/infinity, or more than 4096 features (the model
    /// keeps the d × d covariance).
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    void step() override;
    bool converged() const override { return m_phase == PcaPhase::Done && !m_limitHit; }
    bool finished() const override { return m_phase == PcaPhase::Done; }
    SnapshotPtr snapshot() const override;
    bool restore(const Snapshot& snap) override;
    /// New data, same d: refits the exact PCA and finds the components again, starting each
    /// from the one found before (so the axes glide instead of jumping). Throws
    /// std::invalid_argument like reset().
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    const PcaResult& exact() const { return *m_exact; }
    PcaPhase phase() const { return m_phase; }
    const Eigen::VectorXd& estimate() const { return m_u; }
    const Eigen::MatrixXd& found() const { return m_found; }

    /// What the user reads for a phase, e.g. "power iteration u ← Su/‖Su‖ (component 2)".
    static std::string phaseLabel(PcaPhase phase, PcaMethod method, int component);

private:
    void startOver();
    void startComponent();
    void shuffleOrder();
    void iterate();
    void ojaUpdate();
    double residualAngle() const;
    int64_t batchRows() const;
    bool noVarianceLeft() const;
    void acceptComponent(bool limit);
    void deflate();
    double angleToExact(const Eigen::VectorXd& v, int component) const;

    std::shared_ptr<const Dataset> m_data;
    PcaMethod m_method = PcaMethod::PowerIteration;
    bool m_standardize = false;
    int m_requested = 2;
    int64_t m_maxIter = 1000;
    double m_tolDeg = 1e-2;
    double m_learningRate = 1.0;
    int m_batchSize = 32;
    Rng m_rng;

    std::shared_ptr<const PcaResult> m_exact;
    std::shared_ptr<const Eigen::MatrixXd> m_S;
    std::shared_ptr<const Eigen::MatrixXd> m_Sdef;
    std::shared_ptr<const Eigen::MatrixXf> m_Z;
    std::shared_ptr<const std::vector<int>> m_order;
    double m_sdefNorm = 0; ///< ‖S_i‖_F, derived from m_Sdef

    Eigen::MatrixXd m_found;
    Eigen::VectorXd m_foundVar;
    Eigen::MatrixXd m_warm;
    Eigen::VectorXd m_u;
    int64_t m_batchPos = 0;
    int64_t m_epoch = 0;
    std::vector<int64_t> m_iters;
    std::vector<PcaTracePoint> m_trace;
    double m_angleChange = 0;
    double m_residual = 0;
    PcaPhase m_phase = PcaPhase::Init;
    bool m_componentDone = false;
    bool m_limitHit = false;
    int64_t m_stepCount = 0;
    int64_t m_iteration = 0;
    std::vector<ModelEvent> m_events;
};

} // namespace latentlab::core
