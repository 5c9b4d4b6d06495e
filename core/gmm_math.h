#pragma once
// The numerical pieces of the Gaussian mixture model (core/gmm.h): Cholesky factors, the
// E-step with its sufficient statistics, the M-step for each covariance type, the EM lower
// bound, and the ranking used to re-seed collapsed components. Pure functions, no state.
//
// Sources: lecture 000:588-596 (E- and M-step), 000:692-783 (EM as coordinate ascent on the
// lower bound J(q, θ) ≤ l(θ)); Bishop, PRML §9.2.2 eqs (9.23)-(9.28) and §9.4 (9.70)-(9.72);
// scikit-learn 1.2 sklearn/mixture/_gaussian_mixture.py (covariance types, reg_covar).
//
// Numerics: the data stay float (N × d); every chunk of rows is converted to double, and
// log-densities, log-sum-exp, sums and parameters are double. Work is split into fixed chunks
// of kChunk rows whose partial sums are added in chunk order, so results are bit-identical for
// every thread count. One EM iteration is one pass over the data: the E-step (for d ≤
// kMaxFusedDimension the fused kernel of core/gmm_kernels.h) also accumulates the statistics the
// M-step needs. Initialisations and data checks are in core/gmm_init.cpp.
#include "core/dataset.h"
#include "core/rng.h"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::core {

/// Constraint on the component covariances (scikit-learn's `covariance_type`).
enum class CovarianceType {
    Full,      ///< each Σ_k any symmetric positive definite d × d matrix
    Diagonal,  ///< each Σ_k diagonal (axis-aligned ellipses)
    Spherical, ///< each Σ_k = σ_k² I (circles)
    Tied,      ///< one full Σ shared by all components
};

/// Machine name as in the parameter spec: "full", "diag", "spherical", "tied".
const char* covarianceTypeName(CovarianceType type);

/// How reset() picks θ_0 (scikit-learn's init_params: "kmeans", "k-means++", "random_from_data",
/// "random").
///
/// kmeans++ and random-points differ from sklearn on purpose: sklearn gives the seeds one-hot
/// responsibilities, so its first covariances are reg_covar · I (invisible dots and a first
/// log-likelihood near −10⁶); here every component starts with the data's covariance, so the
/// first E-step is a soft nearest-seed assignment under the data's own metric.
enum class GmmInit {
    /// k-means (k-means++ seeds, run to convergence with the same seed), then one M-step on its
    /// one-hot labels (as sklearn "kmeans").
    KMeans,
    /// k-means++ seeds (Arthur & Vassilvitskii 2007) as means, π_k = 1/K, Σ_k = data covariance.
    KMeansPlusPlus,
    /// K distinct uniformly drawn data points as means, π_k = 1/K, Σ_k = data covariance.
    RandomPoints,
    /// γ_nk ~ U(0, 1) normalised per row, then one M-step (as sklearn "random"): all means start
    /// near the data mean.
    RandomResponsibilities,
};

/// The parameters θ = (π, μ, Σ) of a K-component mixture in d dimensions, in double.
struct GmmParameters {
    Eigen::VectorXd weights; ///< K mixing weights π_k ≥ 0, Σ_k π_k = 1
    Eigen::MatrixXd means;   ///< K × d, row k = μ_k
    /// K matrices d × d, always expanded to full (diag: a diagonal matrix, spherical: σ_k² I,
    /// tied: K copies of the shared matrix).
    std::vector<Eigen::MatrixXd> covariances;

    int k() const { return static_cast<int>(means.rows()); }
    int d() const { return static_cast<int>(means.cols()); }
    bool allFinite() const;
};

namespace gmm {

/// Rows per parallel work item; fixed (never derived from the thread count): determinism.
constexpr int kChunk = 4096;
/// A component whose responsibility mass N_k falls below kCollapseMass · N has collapsed.
constexpr double kCollapseMass = 1e-10;
/// A covariance whose smallest Cholesky pivot L_ii² is below kSingularPivot × (the data's mean
/// variance) is numerically singular: its density exceeds anything double can resolve.
constexpr double kSingularPivot = 1e-12;

/// Largest d the fused E-step kernel (core/gmm_kernels.h) takes: its cost per point and
/// component grows as d², so above it the matrix-product path is the faster one.
constexpr int kMaxFusedDimension = 8;

/// What the E-step needs from each component, computed once per parameter set.
struct Factors {
    /// K matrices d × d, upper triangular: U_k = L_k^{-T} with Σ_k = L_k L_kᵀ (Cholesky), so
    /// ‖(x − μ_k)ᵀ U_k‖² = (x − μ_k)ᵀ Σ_k⁻¹ (x − μ_k).
    std::vector<Eigen::MatrixXd> whiten;
    /// K: log π_k − ½ d log 2π − ½ log|Σ_k|, i.e. log π_k N(x|μ_k, Σ_k) at x = μ_k.
    Eigen::VectorXd logNorm;
};

/// Factorises every Σ_k of θ. `ok[k]` is false when Σ_k is not numerically positive definite
/// (Cholesky fails, a non-finite entry, or a pivot L_ii² ≤ pivotFloor); its factor is then
/// the identity, so that the E-step stays finite, and the caller must repair component k.
Factors factorise(const GmmParameters& theta, double pivotFloor, std::vector<char>& ok);

/// Responsibility-weighted sufficient statistics about fixed centres c_k (K × d):
/// N_k = Σ_n γ_nk, first_k = Σ_n γ_nk (x_n − c_k), scatter_k = Σ_n γ_nk (x_n − c_k)(x_n − c_k)ᵀ.
/// Taken about c_k (the E-step's μ_k) rather than 0 so that the M-step's Σ_k = scatter/N_k − δδᵀ
/// (δ = first/N_k) suffers no cancellation.
struct Statistics {
    Eigen::MatrixXd centres;              ///< K × d, the c_k
    Eigen::VectorXd mass;                 ///< K, N_k
    Eigen::MatrixXd first;                ///< K × d
    std::vector<Eigen::MatrixXd> scatter; ///< K matrices d × d
};

struct EStepResult {
    Statistics stats;
    double logLikelihood = 0; ///< Σ_n log Σ_k π_k N(x_n|μ_k, Σ_k), by log-sum-exp, in double
    /// What this E-step maximised the bound to: soft, = logLikelihood (the bound is tight);
    /// hard, the classification log-likelihood Σ_n max_k log π_k N(x_n|μ_k, Σ_k).
    double objective = 0;
    double entropy = 0; ///< H(q) = −Σ_nk γ_nk log γ_nk (0 for hard EM)
};

/// Which implementation runs the E-step. All compute the same quantities in double from the
/// same float data and agree to rounding (tests/core/test_gmm_kernels.cpp); each one alone is
/// deterministic and gives bit-identical results for every thread count.
enum class EStepPath {
    Auto,          ///< Fused for d ≤ kMaxFusedDimension, else Reference
    Fused,         ///< the fused kernel (core/gmm_kernels.h), AVX2 when the build has it
    FusedPortable, ///< the fused kernel's portable version (std::exp, no intrinsics)
    Reference,     ///< per chunk: log-joints, then the statistics, by Eigen matrix products
};

/// E-step (lecture 000:588; PRML 9.23): γ_nk = π_k N(x_n|μ_k,Σ_k) / Σ_j π_j N(x_n|μ_j,Σ_j), or
/// with `hard` one-hot on the most probable component (ties: the lowest k). X is N × d;
/// writes the N × K responsibilities to `resp` when it is not null. `threads` ≤ 0: all cores.
///
/// The E-step also accumulates the M-step's sufficient statistics (about the current means),
/// so mStep() never reads the data: an EM iteration is one pass over the points. There is one
/// E-step for the GUI's half-steps and for a fit run flat out, so both give the same numbers.
/// Fused and FusedPortable need d ≤ kMaxFusedDimension (else std::invalid_argument).
EStepResult eStep(const Matrix& X, const GmmParameters& theta, const Factors& factors, bool hard,
                  int threads, Eigen::MatrixXf* resp, EStepPath path = EStepPath::Auto);

/// Statistics of given responsibilities (N × K, e.g. one-hot k-means labels or random ones)
/// about `centres` (K × d). Used by the initialisations.
Statistics statistics(const Matrix& X, const Eigen::MatrixXf& resp, const Eigen::MatrixXd& centres,
                      int threads);

/// M-step (lecture 000:590-596; PRML 9.24-9.27) under the covariance constraint, then
/// `reg` (reg_covar ≥ 0) added to every diagonal entry, as scikit-learn does:
/// π_k = N_k / Σ_j N_j, μ_k = Σ_n γ_nk x_n / N_k, S_k = Σ_n γ_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k;
/// full Σ_k = S_k, diag Σ_k = diag(S_k), spherical Σ_k = tr(S_k)/d · I,
/// tied Σ = Σ_k N_k S_k / Σ_k N_k. A component with N_k < minMass is flagged in `lowMass`
/// and keeps its centre and gets reg · I: the caller must re-seed it.
GmmParameters mStep(const Statistics& stats, CovarianceType type, double reg, double minMass,
                    std::vector<char>& lowMass);

/// The EM lower bound J(q, θ) = Σ_nk γ_nk log(π_k N(x_n|μ_k,Σ_k)) + H(q) ≤ l(θ) (lecture
/// 000:692-783; PRML 9.70), from the statistics of q and the factors of any θ: exact for every θ.
/// After the E-step that made q, J(q, θ) = l(θ); after the M-step l(θ_new) ≥ J(q, θ_new) ≥
/// l(θ_old).
double lowerBound(const Statistics& stats, const GmmParameters& theta, const Factors& factors,
                  double entropy);

/// log p(x_n) = log Σ_k π_k N(x_n|μ_k, Σ_k) for every row of X (N × d) → N.
Eigen::VectorXd logDensity(const Matrix& X, const GmmParameters& theta, const Factors& factors,
                           int threads);

/// Indices of `count` distinct rows of X with the lowest density under the mixture of the
/// components with survives[k] != 0 (weights renormalised), or, when none survives, under
/// N(x̄, fallbackCov). Ties go to the lower index. For re-seeding collapsed components.
std::vector<int> worstExplained(const Matrix& X, const GmmParameters& theta,
                                const std::vector<char>& survives,
                                const Eigen::MatrixXd& fallbackCov, double pivotFloor, int count,
                                int threads);

/// θ_0 as picked by an initialisation, with the components that came out empty (the caller
/// re-seeds them) and a one-line description for the event log.
struct InitialGuess {
    GmmParameters theta;
    std::vector<char> lowMass; ///< K flags: N_k < kCollapseMass · N after the initial M-step
    std::string description;
};

/// Initial parameters for K components of `type` from `init` (see GmmInit) on data (N × d):
/// `dataCov` (d × d, constrained, + reg) is the covariance of the seed-based methods; `rng`
/// draws the seeds or responsibilities; k-means runs with its own generator seeded by `seed`.
InitialGuess initialParameters(const std::shared_ptr<const Dataset>& data, GmmInit init,
                               CovarianceType type, int k, double reg,
                               const Eigen::MatrixXd& dataCov, uint64_t seed, Rng& rng,
                               int threads);

/// What the model derives from its data: the data covariance under the constraint + reg
/// (the covariance of seed-based initialisations and re-seeded components) and the floor
/// below which a Cholesky pivot L_ii² counts as singular.
struct DataFacts {
    Eigen::VectorXd mean;  ///< d
    Eigen::MatrixXd cov;   ///< d × d, constrained, + reg · I
    double pivotFloor = 0; ///< kSingularPivot × the mean variance tr(S)/d
};

/// Checks that data (N × d) allow K components of `type` with regulariser `reg` and returns
/// its facts. Throws std::invalid_argument: no features, N < K, NaN/inf values, or a data
/// covariance that is singular even with reg (a constant feature and reg = 0).
DataFacts checkData(const Dataset& data, int k, CovarianceType type, double reg);

/// Sample mean (d) and covariance S = (1/N) Σ (x − x̄)(x − x̄)ᵀ (d × d) of X, in double.
void dataMoments(const Matrix& X, Eigen::VectorXd& mean, Eigen::MatrixXd& cov);

/// S projected onto the constraint: diag keeps the diagonal, spherical the mean variance tr/d · I,
/// full and tied keep S.
Eigen::MatrixXd constrain(const Eigen::MatrixXd& S, CovarianceType type);

} // namespace gmm
} // namespace latentlab::core
