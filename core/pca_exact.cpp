#include "core/pca_exact.h"

#include "core/scatter_matrix.h"
#include "core/symmetric_eigen.h"

#include <Eigen/SVD>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>
#include <stdexcept>
#include <string>

namespace latentlab::core {

namespace {

/// Rows per block when a pass over the data needs double precision: bounds the temporary to
/// 2048 × d doubles, so a 70 000 × 784 data set is never copied whole.
constexpr Eigen::Index kBlockRows = 2048;

/// Relative margin under which two |entries| of a component count as equal (applySignRule).
constexpr double kSignTieMargin = 1e-6;

void validateShape(const Matrix& X) {
    if (X.cols() < 1) throw std::invalid_argument("PCA: the data set has no features");
    if (X.rows() < 2)
        throw std::invalid_argument("PCA needs at least 2 points to measure a variance; the data "
                                    "set has " +
                                    std::to_string(X.rows()));
}

/// Throws for the first NaN or infinity in X (row-major order), if any.
void checkFinite(const Matrix& X) {
    if (X.allFinite()) return;
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        for (Eigen::Index j = 0; j < X.cols(); ++j)
            if (!std::isfinite(X(i, j)))
                throw std::invalid_argument("PCA: the data contain NaN or infinity (row " +
                                            std::to_string(i + 1) + ", column " +
                                            std::to_string(j + 1) + ")");
}

/// Rows [begin, begin + rows) of X as z = (x − mean) / scale, in double.
Eigen::MatrixXd standardisedBlock(const Matrix& X, Eigen::Index begin, Eigen::Index rows,
                                  const Eigen::RowVectorXd& mean, const Eigen::RowVectorXd& scale) {
    Eigen::MatrixXd z = X.middleRows(begin, rows).cast<double>();
    z.rowwise() -= mean;
    z.array().rowwise() /= scale.array();
    return z;
}

/// PcaPrecision::Auto uses float products from N·d² multiply-adds on (see pca_exact.h).
constexpr double kMixedPrecisionWork = 1e9;

int threadCount(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

/// Σ_i f(x_i) in double over n floats, in eight interleaved partial sums (which the compiler
/// vectorises; Eigen's sum of a float-to-double cast measured 2× slower), added pairwise.
template <typename F>
double columnSum(const float* x, Eigen::Index n, F f) {
    double s[8] = {};
    Eigen::Index i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; ++k)
            s[k] += f(static_cast<double>(x[i + k]));
    double total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; i < n; ++i)
        total += f(static_cast<double>(x[i]));
    return total;
}

/// Column means in double and, when `standardize`, the population standard deviations (1/N,
/// a second pass; constant columns get 1), columns in parallel, each summed in a fixed order.
/// Also the finiteness check: a double sum of floats cannot overflow, so a column's sum is
/// finite exactly when all its entries are; only then is X scanned for the culprit.
void columnStats(const Matrix& X, bool standardize, int threads, Eigen::RowVectorXd& mean,
                 Eigen::RowVectorXd& scale) {
    const Eigen::Index d = X.cols();
    const double n = static_cast<double>(X.rows());
    mean.resize(d);
    scale.setOnes(d);
#pragma omp parallel for schedule(static) num_threads(threadCount(threads)) if (X.size() > (1 << 20))
    for (Eigen::Index j = 0; j < d; ++j)
        mean[j] = columnSum(X.col(j).data(), X.rows(), [](double v) { return v; }) / n;
    if (!mean.allFinite()) checkFinite(X);
    if (!standardize) return;
#pragma omp parallel for schedule(static) num_threads(threadCount(threads)) if (X.size() > (1 << 20))
    for (Eigen::Index j = 0; j < d; ++j) {
        const double m = mean[j];
        const double sd = std::sqrt(columnSum(X.col(j).data(), X.rows(), [m](double v) { return (v - m) * (v - m); }) / n);
        scale[j] = sd > 1e-12 ? sd : 1.0; // constant feature: centred only
    }
}

void checkColumns(const Matrix& X, int d) {
    if (X.cols() != d)
        throw std::invalid_argument("PCA: the data have " + std::to_string(X.cols()) +
                                    " features, the fitted PCA " + std::to_string(d));
}

void checkM(int M, int r) {
    if (M < 0 || M > r)
        throw std::out_of_range("PCA: M = " + std::to_string(M) + " components asked, there are " +
                                std::to_string(r));
}

} // namespace

namespace {

/// ±1 per column of `components` that applySignRule() multiplies it by.
Eigen::VectorXd signRuleSigns(const Eigen::MatrixXd& components) {
    Eigen::VectorXd signs = Eigen::VectorXd::Ones(components.cols());
    for (Eigen::Index c = 0; c < components.cols(); ++c) {
        const auto col = components.col(c);
        const double maxAbs = col.cwiseAbs().maxCoeff();
        if (!(maxAbs > 0)) continue;
        for (Eigen::Index j = 0; j < col.size(); ++j) {
            if (std::abs(col[j]) < maxAbs * (1 - kSignTieMargin)) continue;
            if (col[j] < 0) signs[c] = -1;
            break;
        }
    }
    return signs;
}

} // namespace

void applySignRule(Eigen::MatrixXd& components) {
    components = components * signRuleSigns(components).asDiagonal();
}

SvdResult thinSvd(const Eigen::MatrixXd& A) {
    Eigen::BDCSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeThinU | Eigen::ComputeThinV);
    SvdResult r;
    r.U = svd.matrixU();
    r.singularValues = svd.singularValues();
    r.V = svd.matrixV();
    const Eigen::VectorXd signs = signRuleSigns(r.V);
    r.V = r.V * signs.asDiagonal();
    r.U = r.U * signs.asDiagonal();
    const double sigma1 = r.singularValues.size() ? r.singularValues[0] : 0.0;
    const double tol = static_cast<double>(std::max(A.rows(), A.cols())) *
                       std::numeric_limits<double>::epsilon() * sigma1;
    r.rank = static_cast<int>((r.singularValues.array() > tol).count());
    return r;
}

Matrix PcaResult::centre(const Matrix& X) const {
    checkColumns(X, dim());
    return ((X.rowwise() - mean.transpose()).array().rowwise() / scale.transpose().array())
        .matrix();
}

Matrix PcaResult::project(const Matrix& X, int M) const {
    checkColumns(X, dim());
    checkM(M, count());
    return centre(X) * components.leftCols(M);
}

Matrix PcaResult::reconstruct(const Matrix& Y) const {
    checkM(static_cast<int>(Y.cols()), count());
    Matrix Xhat = Y * components.leftCols(Y.cols()).transpose();
    Xhat.array().rowwise() *= scale.transpose().array();
    Xhat.rowwise() += mean.transpose();
    return Xhat;
}

Matrix PcaResult::reconstructData(const Matrix& X, int M) const {
    return reconstruct(project(X, M));
}

double PcaResult::reconstructionError(int M) const {
    checkM(M, count());
    // The tail sum, not trace − head: no cancellation when E(M) is small.
    return explainedVariance.tail(count() - M).sum();
}

double PcaResult::meanSquaredReconstructionError(const Matrix& X, int M) const {
    checkColumns(X, dim());
    checkM(M, count());
    if (X.rows() == 0) return 0;
    const Eigen::MatrixXd U = components.leftCols(M).cast<double>();
    const Eigen::RowVectorXd mu = mean.transpose().cast<double>();
    const Eigen::RowVectorXd sd = scale.transpose().cast<double>();
    double sum = 0;
    for (Eigen::Index b = 0; b < X.rows(); b += kBlockRows) {
        const Eigen::Index rows = std::min(kBlockRows, X.rows() - b);
        const Eigen::MatrixXd z = standardisedBlock(X, b, rows, mu, sd);
        sum += (z - (z * U) * U.transpose()).squaredNorm();
    }
    return sum / static_cast<double>(X.rows());
}

PcaResult fitPca(const Matrix& X, const PcaOptions& options, Eigen::MatrixXd* covariance) {
    validateShape(X);
    const Eigen::Index n = X.rows();
    const Eigen::Index d = X.cols();
    const double nd = static_cast<double>(n);

    // Two passes (mean, then centred sums) in double: no cancellation for data far from 0.
    Eigen::RowVectorXd mean, scale;
    columnStats(X, options.standardize, options.threads, mean, scale);

    PcaResult r;
    r.mean = mean.transpose().cast<float>();
    r.scale = scale.transpose().cast<float>();
    r.samples = static_cast<int>(n);
    r.solver = options.solver == PcaSolver::Auto ? (d > n ? PcaSolver::Svd : PcaSolver::Covariance)
                                                 : options.solver;

    Eigen::MatrixXd components;
    Eigen::VectorXd lambda;
    if (r.solver == PcaSolver::Covariance) {
        const bool mixed = options.precision == PcaPrecision::Mixed ||
                           (options.precision == PcaPrecision::Auto &&
                            nd * static_cast<double>(d) * static_cast<double>(d) >= kMixedPrecisionWork);
        Eigen::MatrixXd S = scatterMatrix(X, mean, scale, mixed ? ScatterPrecision::Float : ScatterPrecision::Double,
                                          options.threads);
        S = S.selfadjointView<Eigen::Lower>();
        S /= nd - 1;
        SymmetricEigenResult es = symmetricEigen(S, threadCount(options.threads));
        lambda = es.values.cwiseMax(0.0); // descending
        components = std::move(es.vectors);
        r.totalVariance = S.trace();
        if (covariance) *covariance = std::move(S);
    } else {
        // Z = U Σ Vᵀ ⇒ (N−1) S = ZᵀZ = V Σ² Vᵀ (003:3976-3985): the components are V's columns.
        const Eigen::MatrixXd Z = standardisedBlock(X, 0, n, mean, scale);
        Eigen::BDCSVD<Eigen::MatrixXd> svd(Z, Eigen::ComputeThinV);
        lambda = svd.singularValues().array().square() / (nd - 1);
        components = svd.matrixV();
        r.totalVariance = Z.squaredNorm() / (nd - 1);
        if (covariance) *covariance = Z.transpose() * Z / (nd - 1);
    }
    applySignRule(components);
    r.components = components.cast<float>();
    r.explainedVariance = lambda;
    r.explainedVarianceRatio = r.totalVariance > 0
                                   ? Eigen::VectorXd(lambda / r.totalVariance)
                                   : Eigen::VectorXd(Eigen::VectorXd::Zero(lambda.size()));
    return r;
}

} // namespace latentlab::core
