#pragma once
// Gaussian mixture model fitted by EM, as a step-wise model: the E-step and the M-step are the
// two visible half-steps of an iteration (lecture 000:585-597 "repeat until convergence {E-step;
// M-step}").
//
// Sources: lecture 000:480-797 and 003:5504-5836 (GMM, EM, general EM as coordinate ascent on
// the lower bound), 000:543-548 (the indicator formulas: hard EM, the bridge to k-means),
// 003:1226-1233 (AIC/BIC; the lecture's second "AIC" is BIC, LECTURES.md errata); Bishop, PRML
// §9.2 (EM for Gaussian mixtures, eqs 9.23-9.28; singularities §9.2.1), §9.3.2 (relation to
// k-means), §9.4 (general EM); scikit-learn 1.2 GaussianMixture (covariance types, reg_covar,
// initialisations, stopping rule, _n_parameters). The numerics are in core/gmm_math.h.
#include "core/gmm_math.h"
#include "core/model.h"
#include "core/rng.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace latentlab::core {

/// The half-step just done. Snapshot::phase is "init", "e-step", "m-step" or, once the stopping
/// rule fired, "converged".
enum class GmmPhase { Init, EStep, MStep };

/// Everything a view needs after one EM half-step, and everything restore() needs.
struct GmmSnapshot : Snapshot {
    Eigen::VectorXd weights; ///< K, π_k
    Eigen::MatrixXd means;   ///< K × d, μ_k
    /// K matrices d × d, Σ_k always expanded to full for drawing (ellipse axes = eigenvectors,
    /// radii ∝ √eigenvalues, 003:703-731); `covarianceType` says which constraint produced them.
    std::vector<Eigen::MatrixXd> covariances;
    CovarianceType covarianceType = CovarianceType::Full;
    GmmParameters initialParameters; ///< θ_0 as picked by reset()
    /// N × K responsibilities γ_nk of the last E-step (float, rows sum to 1; one-hot in hard EM);
    /// null before the first E-step. Shared by the snapshots until the next E-step.
    std::shared_ptr<const Eigen::MatrixXf> responsibilities;
    uint64_t responsibilitiesVersion = 0; ///< changes whenever responsibilities change
    Eigen::VectorXd componentMass; ///< K, N_k = Σ_n γ_nk of the last E-step (empty before it)
    /// Total log-likelihood l(θ) = Σ_n log Σ_k π_k N(x_n|μ_k,Σ_k) in nats of the parameters
    /// the last E-step used (the current ones after an E-step or a finishing step); NaN before
    /// the first E-step.
    double logLikelihood = 0;
    /// MEAN log-likelihood per sample, l(θ_i)/N, of θ_0, θ_1, … (entry i = after i iterations;
    /// one entry per E-step, plus the final E-step of the finishing iteration). sklearn's
    /// lower_bound_ after n iterations is entry n−1, its score(X) entry n.
    std::vector<double> logLikelihoodHistory;
    /// TOTAL objective after every step (`objective` is its last entry): E-step l(θ) (hard EM:
    /// the classification log-likelihood Σ_n max_k log π_k N(x_n|θ_k)); M-step the lower bound
    /// J(q, θ_new) (000:692-783); a finishing step the E-step value of the final θ. Never
    /// decreases (up to rounding and the regulariser), except in a step that re-seeded a component.
    std::vector<double> objectiveHistory;
    GmmPhase gmmPhase = GmmPhase::Init; ///< the half-step just done
    bool hardEm = false;
    double regCovar = 0;
    // For restore():
    Rng::State rngState{};
    double prevEStepMean = 0; ///< mean E-step objective of the iteration before (NaN if none)
    double lastEStepMean = 0; ///< mean E-step objective of the current iteration (NaN if none)
    bool diverged = false;
    size_t byteSize() const override;
};

/// Gaussian mixture fitted by EM with labelled half-steps: init → E → M → E → M … An
/// iteration is an E-step then an M-step (stepsPerIteration() = 2).
///
/// Parameters (specs()): k ∈ [1, 32] (2); covariance-type ∈ {full, diag, spherical, tied}
/// (full); init ∈ {kmeans, kmeans++, random-points, random-responsibilities} (kmeans);
/// reg-covar ∈ [0, 1] (1e-6) added to every covariance diagonal after each M-step (as
/// sklearn's reg_covar; it keeps Σ_k invertible when a component shrinks onto a point);
/// tol ∈ [0, 1] (1e-3, nats per sample); max-iter ∈ [1, 100000] (100); hard-em (false).
///
/// Stopping rule (sklearn's): after the M-step of iteration n ≥ 2, converged when
/// |mean E-step objective of iteration n − that of n−1| < tol (soft: mean log-likelihood;
/// hard: mean classification log-likelihood), so iteration counts agree with sklearn's n_iter_.
/// The step that finishes the run (converged or max-iter) also runs a final E-step, as sklearn
/// does, so responsibilities and logLikelihood belong to the final parameters.
///
/// Collapse policy (PRML §9.2.1; issue #3): after every M-step (and at initialisation) a
/// component collapses when N_k < 1e-10·N or its Σ_k is not numerically positive definite even
/// after reg-covar (Cholesky fails or a pivot L_ii² ≤ 1e-12 × the data's mean variance). It is
/// re-seeded: μ_k = the data point the remaining components explain worst (lowest mixture
/// density; distinct points when several collapse), Σ_k = the data covariance under the same
/// constraint + reg-covar (tied: the shared Σ is kept, unless the shared Σ itself is singular,
/// then it is replaced by the data covariance), π_k = 1/K, then π renormalised. Each re-seed
/// raises a ModelEvent::Kind::Warning "component k collapsed …"; such a step may lower the
/// objective. Non-finite values after a step raise Kind::Diverged and stop the run with the
/// last good parameters.
///
/// The E-step runs over fixed chunks in parallel with a chunk-ordered reduction: results are
/// bit-identical for every thread count. It is the only pass over the data in an iteration: it
/// also accumulates the M-step's statistics (gmm::eStep), and the M-step half-step solves for θ
/// from them. So the two visible half-steps and a run flat out compute the same numbers.
class GaussianMixture final : public Model {
public:
    GaussianMixture() = default;

    std::string name() const override { return "gmm"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();
    int stepsPerIteration() const override { return 2; }

    /// Throws ParamError for a bad parameter value, std::invalid_argument when the data do not
    /// allow the fit: no features, fewer points than K, NaN/inf values, or a singular data
    /// covariance with reg-covar = 0 (a constant feature). On throw the model is unchanged.
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    void step() override;
    bool converged() const override { return m_converged; }
    bool finished() const override;
    SnapshotPtr snapshot() const override;
    /// Returns false for another model's snapshot or one of another K, d, covariance type or
    /// hard-em setting.
    bool restore(const Snapshot& snap) override;
    /// Keeps θ; the next step is an E-step; the convergence test restarts. Throws
    /// std::invalid_argument for another d, fewer than K points or a singular data covariance.
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    /// Replaces θ_0 picked by reset() (as sklearn's weights_init/means_init/precisions_init).
    /// weights: K (normalised here), means: K × d, covariances: K full d × d matrices, projected
    /// onto the covariance type (diag keeps the diagonal, spherical the mean variance, tied the
    /// π-weighted average). Only before the first step (std::logic_error). Throws
    /// std::invalid_argument for wrong shapes, non-finite values, negative or all-zero weights,
    /// or a covariance that is not positive definite.
    void setInitialParameters(const Eigen::VectorXd& weights, const Eigen::MatrixXd& means,
                              const std::vector<Eigen::MatrixXd>& covariances);
    /// Threads for the E-step; 0 = all cores. Results do not depend on it.
    void setThreads(int threads) { m_threads = threads; }

    const GmmParameters& parameters() const { return m_theta; }
    GmmPhase phase() const { return m_phase; }
    int64_t iteration() const { return m_iteration; }
    /// Total log-likelihood of the parameters the last E-step used (NaN before it).
    double logLikelihood() const { return m_logLik; }

    static const char* phaseLabel(GmmPhase phase, bool converged, bool hard);

private:
    void initialise();
    void setData(std::shared_ptr<const Dataset> data);
    void eStep(bool final);
    void mStep();
    /// Re-seeds collapsed components of theta (policy above), factorises it into m_factors.
    void repairAndFactorise(GmmParameters& theta, const std::vector<char>& lowMass,
                            std::vector<ModelEvent>& events);
    void flagDiverged(const std::string& what);

    std::shared_ptr<const Dataset> m_data;
    int m_k = 2;
    CovarianceType m_type = CovarianceType::Full;
    GmmInit m_init = GmmInit::KMeans;
    double m_reg = 1e-6;
    double m_tol = 1e-3;
    int64_t m_maxIter = 100;
    bool m_hard = false;
    int m_threads = 0;
    uint64_t m_seed = 0;
    Rng m_rng;

    Eigen::MatrixXd m_dataCov; ///< d × d, data covariance under the constraint + reg
    double m_pivotFloor = 0;   ///< kSingularPivot × the data's mean variance
    GmmParameters m_theta;
    GmmParameters m_initialTheta;
    gmm::Factors m_factors;  ///< of m_theta
    gmm::Statistics m_stats; ///< of the last E-step (valid while m_phase == EStep)
    Eigen::VectorXd m_mass;  ///< K, N_k of the last E-step (empty before it)
    double m_entropy = 0;
    std::shared_ptr<const Eigen::MatrixXf> m_resp;
    uint64_t m_respVersion = 0;
    GmmPhase m_phase = GmmPhase::Init;
    bool m_converged = false;
    bool m_diverged = false;
    int64_t m_iteration = 0;
    int64_t m_stepCount = 0;
    double m_logLik = 0;
    double m_objective = 0;
    double m_prevEMean = 0;
    double m_lastEMean = 0;
    std::vector<double> m_llHistory;
    std::vector<double> m_objHistory;
    std::vector<ModelEvent> m_events;
};

/// Free parameters M of a K-component mixture in d dimensions (sklearn's _n_parameters):
/// means K·d + weights K−1 + covariances K·d(d+1)/2 (full), K·d (diag), K (spherical),
/// d(d+1)/2 (tied).
int gmmFreeParameters(int k, int d, CovarianceType type);
/// Akaike information criterion AIC = 2M − 2 log L (003:1226-1228); logLikelihood = total
/// log L in nats, M = free parameters. Smaller is better.
double aic(double logLikelihood, int freeParameters);
/// Bayesian information criterion BIC = M log N − 2 log L (003:1230-1233, where the lecture
/// mislabels it "AIC"); N = number of samples. Smaller is better.
double bic(double logLikelihood, int freeParameters, int64_t n);

/// (AIC, BIC) of the fitted mixture for K = 1..min(kMax, N): each K is fitted to the end with
/// `params` (its k overridden) and `seed`; L is the log-likelihood of the final parameters.
/// Index 0 is K = 1. Stops early and returns what it has when `cancel` becomes true. Throws
/// like GaussianMixture::reset.
std::vector<std::pair<double, double>>
informationCriteria(std::shared_ptr<const Dataset> data, const Params& params, int kMax,
                    uint64_t seed, const std::atomic<bool>* cancel = nullptr);

} // namespace latentlab::core
