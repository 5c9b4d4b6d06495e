#pragma once
// Exact PCA: centre (always), optionally standardise, and all components at once from the
// covariance's symmetric eigendecomposition or from the SVD of the centred data. The step-wise
// teaching model (core/pca.h) draws this result as its target.
//
// Sources: lecture 000:306-473 (pre-processing 000:343-366, maximal variance uᵀSu at the top
// eigenvector 000:385-453); 003:3699-4050 (minimal reconstruction error E(M) = trace(S) −
// Σ_{i≤M} λ_i at 003:3802-3834, the SVD view at 003:3949-3985); scikit-learn's PCA (1/(N−1)
// scaling, svd_flip).
#include "core/dataset.h"

#include <Eigen/Core>

namespace latentlab::core {

/// How fitPca() decomposes: Auto picks Covariance when d ≤ N and Svd when d > N (the d × d
/// covariance is then larger than the data and at most N − 1 of its eigenvalues are non-zero).
enum class PcaSolver { Auto, Covariance, Svd };

/// Arithmetic of the covariance solver's S = ZᵀZ / (N − 1) (the eigendecomposition is always
/// in double; see core/scatter_matrix.h). Double: centred data and products in double.
/// Mixed: centred data and the products of each block of 64 rows in float (2-3× faster),
/// each block's sum added in double — S's entries then carry relative errors around 1e-7;
/// for Fashion-MNIST every explained variance stays within scikit-learn's 1e-4 relative
/// (measured: ≤ 5.3e-5, see tests/core/test_pca_numerics.cpp and README "Speed"). Auto: Mixed
/// when N·d² ≥ 1e9 multiply-adds (where double would take a noticeable fraction of a
/// second), else Double.
enum class PcaPrecision { Auto, Double, Mixed };

struct PcaOptions {
    /// Divide every centred feature by its standard deviation (population, 1/N, as the lecture
    /// 000:356-362 and scikit-learn's StandardScaler; a constant feature keeps scale 1).
    bool standardize = false;
    PcaSolver solver = PcaSolver::Auto;
    /// Threads for the covariance solver (OpenMP); 0 = all cores. Results do not depend on it.
    int threads = 0;
    PcaPrecision precision = PcaPrecision::Auto;
};

/// The sign rule, applied to every component (columns of a d × r matrix), in place: each
/// column is multiplied by ±1 so that its entry of largest magnitude is positive; entries
/// within a relative 1e-6 of that magnitude count as ties and the lowest index wins.
///
/// It is scikit-learn's `svd_flip(u_based_decision=False)` (the rule of its PCA since 1.5;
/// 1.2 decided by the columns of U instead, which depend on the order of the samples). The rule
/// depends only on the direction of the axis, so the same data in any row order, refitted in a
/// later frame, gives the same signs. The tie margin makes exactly symmetric cases — two
/// standardised features give (1, 1)/√2 and (1, −1)/√2 — stable against rounding. (No rule that
/// only looks at one axis can avoid a flip when data are dragged continuously through a tie.)
void applySignRule(Eigen::MatrixXd& components);

/// Thin singular value decomposition A = U diag(σ) Vᵀ of an m × n matrix (lecture
/// 003:3949-3985): U m × k, σ k (descending, ≥ 0), V n × k, k = min(m, n); rank = number of
/// σ_i > max(m, n) · ε · σ_1. Signs of V's columns (and U's with them) follow applySignRule().
struct SvdResult {
    Eigen::MatrixXd U;
    Eigen::VectorXd singularValues;
    Eigen::MatrixXd V;
    int rank = 0;
};
SvdResult thinSvd(const Eigen::MatrixXd& A);

/// The result of an exact PCA of N samples × d features. r = number of components =
/// d when the covariance solver ran, min(N, d) when the SVD solver ran (as scikit-learn's
/// `n_components=None`; after centring at most N − 1 of them have non-zero variance).
///
/// Covariance scaling: S = 1/(N−1) · Σ_n (z_n − z̄)(z_n − z̄)ᵀ with z = x / scale, the
/// unbiased estimate scikit-learn uses, so explainedVariance equals sklearn's
/// `explained_variance_`. The lecture (003:3802-3834, 000:385-453) writes 1/N; its eigenvalues
/// are (N−1)/N times ours, its eigenvectors the same. The ratios do not depend on the choice.
struct PcaResult {
    Vector mean;       ///< d, feature means (original units)
    Vector scale;      ///< d, feature standard deviations (1/N) when standardised, else ones
    Matrix components; ///< d × r, unit orthogonal columns, descending λ
    Eigen::VectorXd explainedVariance;      ///< r, λ_i = u_iᵀ S u_i, descending, ≥ 0
    Eigen::VectorXd explainedVarianceRatio; ///< r, λ_i / trace(S), in [0, 1]
    double totalVariance = 0; ///< trace(S) = Σ of all eigenvalues of S (standardised units²)
    int samples = 0;          ///< N the result was fitted on
    PcaSolver solver = PcaSolver::Covariance; ///< the solver that ran (never Auto)

    int dim() const { return static_cast<int>(components.rows()); }
    int count() const { return static_cast<int>(components.cols()); }

    /// z = (x − mean) / scale for every row: N × d → N × d. Throws std::invalid_argument when
    /// X does not have d columns.
    Matrix centre(const Matrix& X) const;
    /// Scores y = U_Mᵀ z (lecture 000:422-426): N × d → N × M, M ∈ [0, r]. Throws
    /// std::invalid_argument for a column mismatch, std::out_of_range for M outside [0, r].
    Matrix project(const Matrix& X, int M) const;
    /// x̂ = mean + scale ⊙ (U_M y) from scores: N × M → N × d, M = Y.cols() ≤ r (throws
    /// std::out_of_range otherwise).
    Matrix reconstruct(const Matrix& Y) const;
    /// reconstruct(project(X, M)): N × d → N × d, the data seen through M components.
    Matrix reconstructData(const Matrix& X, int M) const;
    /// E(M) = Σ_{i>M} λ_i = trace(S) − Σ_{i≤M} λ_i (003:3802-3834) in standardised units², with
    /// the 1/(N−1) scaling above; M ∈ [0, r] (std::out_of_range otherwise).
    double reconstructionError(int M) const;
    /// (1/N) Σ_n ‖z_n − ẑ_n‖², the lecture's E measured on data (standardised units²; double
    /// accumulation). On the fitted data it equals (N−1)/N · reconstructionError(M).
    /// Throws like project().
    double meanSquaredReconstructionError(const Matrix& X, int M) const;
};

/// Exact PCA of X (N × d, rows are samples). Accumulates in double. `covariance`, when given,
/// receives S (d × d, the 1/(N−1) matrix above), which the step-wise model iterates on.
/// Throws std::invalid_argument when N < 2 (one point has no variance), d < 1, or X contains
/// NaN or infinity (the message names the first bad row and column, counting from 1).
PcaResult fitPca(const Matrix& X, const PcaOptions& options = {},
                 Eigen::MatrixXd* covariance = nullptr);

} // namespace latentlab::core
