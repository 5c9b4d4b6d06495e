#include "core/gmm_math.h"

#include "core/gmm_kernels.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <omp.h>
#include <stdexcept>
#include <string>

namespace latentlab::core {

const char* covarianceTypeName(CovarianceType type) {
    switch (type) {
    case CovarianceType::Full:
        return "full";
    case CovarianceType::Diagonal:
        return "diag";
    case CovarianceType::Spherical:
        return "spherical";
    case CovarianceType::Tied:
        return "tied";
    }
    return "";
}

bool GmmParameters::allFinite() const {
    if (!weights.allFinite() || !means.allFinite()) return false;
    for (const auto& c : covariances)
        if (!c.allFinite()) return false;
    return true;
}

namespace gmm {

namespace {

/// Chunks whose partial results are held at once; fixed, so memory stays bounded and the
/// reduction order never changes.
constexpr int kWave = 64;

int threadCount(int requested) {
    return requested > 0 ? requested : omp_get_max_threads();
}

/// Partial sums of one chunk (or the running total).
struct Partial {
    Eigen::VectorXd mass;
    Eigen::MatrixXd first;
    std::vector<Eigen::MatrixXd> scatter;
    double logLikelihood = 0;
    double objective = 0;
    double entropy = 0;

    void init(int k, int d) {
        mass = Eigen::VectorXd::Zero(k);
        first = Eigen::MatrixXd::Zero(k, d);
        scatter.assign(static_cast<size_t>(k), Eigen::MatrixXd::Zero(d, d));
    }
    void add(const Partial& p) {
        mass += p.mass;
        first += p.first;
        for (size_t k = 0; k < scatter.size(); ++k)
            scatter[k] += p.scatter[k];
        logLikelihood += p.logLikelihood;
        objective += p.objective;
        entropy += p.entropy;
    }
};

/// Runs fn(start, rows, partial) over fixed chunks of N rows in parallel and adds the partial
/// results in chunk order (the same sums for every thread count).
template <class Fn> Partial reduceChunks(int n, int k, int d, int threads, const Fn& fn) {
    Partial total;
    total.init(k, d);
    const int chunks = (n + kChunk - 1) / kChunk;
    for (int w0 = 0; w0 < chunks; w0 += kWave) {
        const int count = std::min(kWave, chunks - w0);
        std::vector<Partial> parts(static_cast<size_t>(count));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threadCount(threads)) if (count > 1)
        for (int c = 0; c < count; ++c) {
            const int start = (w0 + c) * kChunk;
            Partial& p = parts[static_cast<size_t>(c)];
            p.init(k, d);
            fn(start, std::min(kChunk, n - start), p);
        }
        for (const Partial& p : parts)
            total.add(p);
    }
    return total;
}

/// L(i, k) = log π_k + log N(x_i | μ_k, Σ_k) for the rows of Xc (n × d) → n × K.
void logJoint(const Eigen::MatrixXd& Xc, const GmmParameters& theta, const Factors& f,
              Eigen::MatrixXd& L) {
    L.resize(Xc.rows(), theta.k());
    for (int k = 0; k < theta.k(); ++k) {
        const Eigen::MatrixXd diff = Xc.rowwise() - theta.means.row(k);
        const Eigen::MatrixXd y =
            diff * f.whiten[static_cast<size_t>(k)].triangularView<Eigen::Upper>();
        L.col(k) = (f.logNorm(k) - 0.5 * y.rowwise().squaredNorm().array()).matrix();
    }
}

/// Adds the γ-weighted statistics of a chunk (Xc: n × d, G: n × K) about `centres`.
void accumulate(const Eigen::MatrixXd& Xc, const Eigen::MatrixXd& G, const Eigen::MatrixXd& centres,
                Partial& p) {
    for (int k = 0; k < G.cols(); ++k) {
        const double mass = G.col(k).sum();
        if (mass == 0) continue; // nothing to add (common in hard EM)
        const Eigen::MatrixXd diff = Xc.rowwise() - centres.row(k);
        p.mass(k) += mass;
        p.first.row(k).noalias() += G.col(k).transpose() * diff;
        const Eigen::MatrixXd weighted = diff.array().colwise() * G.col(k).array();
        p.scatter[static_cast<size_t>(k)].noalias() += diff.transpose() * weighted;
    }
}

Statistics toStatistics(Partial&& p, const Eigen::MatrixXd& centres) {
    Statistics s;
    s.centres = centres;
    s.mass = std::move(p.mass);
    s.first = std::move(p.first);
    s.scatter = std::move(p.scatter);
    return s;
}

} // namespace

Factors factorise(const GmmParameters& theta, double pivotFloor, std::vector<char>& ok) {
    const int K = theta.k();
    const int d = theta.d();
    const double halfLog2Pi = 0.5 * d * std::log(2 * M_PI);
    Factors f;
    f.whiten.resize(static_cast<size_t>(K));
    f.logNorm.resize(K);
    ok.assign(static_cast<size_t>(K), 0);
    for (int k = 0; k < K; ++k) {
        const Eigen::MatrixXd& cov = theta.covariances[static_cast<size_t>(k)];
        const double logPi = std::log(theta.weights(k));
        Eigen::MatrixXd& U = f.whiten[static_cast<size_t>(k)];
        Eigen::LLT<Eigen::MatrixXd> llt;
        if (cov.allFinite()) llt.compute(cov);
        const bool good = cov.allFinite() && llt.info() == Eigen::Success &&
                          llt.matrixLLT().diagonal().array().square().minCoeff() > pivotFloor;
        if (!good) {
            U = Eigen::MatrixXd::Identity(d, d);
            f.logNorm(k) = logPi - halfLog2Pi;
            continue;
        }
        ok[static_cast<size_t>(k)] = 1;
        const Eigen::MatrixXd L = llt.matrixL();
        U = L.triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(d, d)).transpose();
        f.logNorm(k) = logPi - halfLog2Pi - L.diagonal().array().log().sum();
    }
    return f;
}

namespace {

/// The matrix-product E-step (EStepPath::Reference).
EStepResult eStepReference(const Matrix& X, const GmmParameters& theta, const Factors& factors,
                           bool hard, int threads, Eigen::MatrixXf* resp) {
    const int n = static_cast<int>(X.rows());
    const int K = theta.k();
    if (resp) resp->resize(n, K);
    Partial total = reduceChunks(n, K, theta.d(), threads, [&](int start, int rows, Partial& p) {
        const Eigen::MatrixXd Xc = X.middleRows(start, rows).cast<double>();
        Eigen::MatrixXd L;
        logJoint(Xc, theta, factors, L);
        const Eigen::VectorXd m = L.rowwise().maxCoeff();
        const Eigen::ArrayXXd E = (L.colwise() - m).array().exp();
        const Eigen::ArrayXd sum = E.rowwise().sum();
        const Eigen::ArrayXd lse = m.array() + sum.log();
        p.logLikelihood = lse.sum();
        Eigen::MatrixXd G;
        if (hard) {
            G = Eigen::MatrixXd::Zero(rows, K);
            for (int i = 0; i < rows; ++i) {
                int best = 0;
                for (int k = 1; k < K; ++k)
                    if (L(i, k) > L(i, best)) best = k;
                G(i, best) = 1;
            }
            p.objective = m.sum();
        } else {
            G = (E.colwise() / sum).matrix();
            p.objective = p.logLikelihood;
            double h = 0;
            for (int k = 0; k < K; ++k)
                for (int i = 0; i < rows; ++i)
                    if (G(i, k) > 0) h -= G(i, k) * (L(i, k) - lse(i));
            p.entropy = h;
        }
        if (resp) resp->middleRows(start, rows) = G.cast<float>();
        accumulate(Xc, G, theta.means, p);
    });
    EStepResult r;
    r.logLikelihood = total.logLikelihood;
    r.objective = total.objective;
    r.entropy = total.entropy;
    r.stats = toStatistics(std::move(total), theta.means);
    return r;
}

/// The fused kernel's E-step (EStepPath::Fused, FusedPortable).
EStepResult eStepFused(const Matrix& X, const GmmParameters& theta, const Factors& factors,
                       bool hard, int threads, Eigen::MatrixXf* resp, kernels::Simd simd) {
    const int n = static_cast<int>(X.rows());
    const int K = theta.k();
    const int d = theta.d();
    const kernels::Components c = kernels::prepare(theta, factors);
    if (resp) resp->resize(n, K);
    Partial total = reduceChunks(n, K, d, threads, [&](int start, int rows, Partial& p) {
        kernels::ChunkSums sums;
        kernels::eStepChunk(X, start, rows, c, hard, resp, sums, simd);
        const int S = 1 + d + d * (d + 1) / 2;
        for (int k = 0; k < K; ++k) {
            const double* m = &sums.moments[static_cast<size_t>(k * S)];
            p.mass(k) = m[0];
            Eigen::MatrixXd& W = p.scatter[static_cast<size_t>(k)];
            for (int j = 0; j < d; ++j) {
                p.first(k, j) = m[1 + j];
                for (int i = 0; i <= j; ++i)
                    W(i, j) = W(j, i) = m[1 + d + j * (j + 1) / 2 + i];
            }
        }
        p.logLikelihood = sums.logLikelihood;
        p.objective = sums.objective;
        p.entropy = sums.entropy;
    });
    EStepResult r;
    r.logLikelihood = total.logLikelihood;
    r.objective = total.objective;
    r.entropy = total.entropy;
    r.stats = toStatistics(std::move(total), theta.means);
    return r;
}

} // namespace

EStepResult eStep(const Matrix& X, const GmmParameters& theta, const Factors& factors, bool hard,
                  int threads, Eigen::MatrixXf* resp, EStepPath path) {
    if (path == EStepPath::Auto)
        path = theta.d() <= kMaxFusedDimension ? EStepPath::Fused : EStepPath::Reference;
    switch (path) {
    case EStepPath::Fused:
        return eStepFused(X, theta, factors, hard, threads, resp, kernels::bestSimd());
    case EStepPath::FusedPortable:
        return eStepFused(X, theta, factors, hard, threads, resp, kernels::Simd::Portable);
    case EStepPath::Auto:
    case EStepPath::Reference:
        break;
    }
    return eStepReference(X, theta, factors, hard, threads, resp);
}

Statistics statistics(const Matrix& X, const Eigen::MatrixXf& resp, const Eigen::MatrixXd& centres,
                      int threads) {
    const int n = static_cast<int>(X.rows());
    Partial total =
        reduceChunks(n, static_cast<int>(resp.cols()), static_cast<int>(X.cols()), threads,
                     [&](int start, int rows, Partial& p) {
                         const Eigen::MatrixXd Xc = X.middleRows(start, rows).cast<double>();
                         const Eigen::MatrixXd G = resp.middleRows(start, rows).cast<double>();
                         accumulate(Xc, G, centres, p);
                     });
    return toStatistics(std::move(total), centres);
}

GmmParameters mStep(const Statistics& s, CovarianceType type, double reg, double minMass,
                    std::vector<char>& lowMass) {
    const int K = static_cast<int>(s.mass.size());
    const int d = static_cast<int>(s.centres.cols());
    const Eigen::MatrixXd regI = reg * Eigen::MatrixXd::Identity(d, d);
    GmmParameters theta;
    theta.weights = s.mass / s.mass.sum();
    theta.means = s.centres;
    theta.covariances.assign(static_cast<size_t>(K), regI);
    lowMass.assign(static_cast<size_t>(K), 0);
    std::vector<Eigen::MatrixXd> S(static_cast<size_t>(K), Eigen::MatrixXd::Zero(d, d));
    for (int k = 0; k < K; ++k) {
        const size_t kk = static_cast<size_t>(k);
        if (!(s.mass(k) >= minMass) || s.mass(k) <= 0) {
            lowMass[kk] = 1;
            continue;
        }
        const Eigen::RowVectorXd delta = s.first.row(k) / s.mass(k);
        theta.means.row(k) += delta;
        // Scatter about the new mean: Σ γ (x−c)(x−c)ᵀ/N_k − δᵀδ (exact, c = the old mean).
        Eigen::MatrixXd Sk = s.scatter[kk] / s.mass(k) - delta.transpose() * delta;
        S[kk] = 0.5 * (Sk + Sk.transpose());
    }
    if (type == CovarianceType::Tied) {
        Eigen::MatrixXd T = Eigen::MatrixXd::Zero(d, d);
        for (int k = 0; k < K; ++k)
            if (!lowMass[static_cast<size_t>(k)]) T += s.mass(k) * S[static_cast<size_t>(k)];
        T = T / s.mass.sum() + regI;
        theta.covariances.assign(static_cast<size_t>(K), T);
        return theta;
    }
    for (int k = 0; k < K; ++k) {
        const size_t kk = static_cast<size_t>(k);
        if (!lowMass[kk]) theta.covariances[kk] = constrain(S[kk], type) + regI;
    }
    return theta;
}

double lowerBound(const Statistics& s, const GmmParameters& theta, const Factors& f,
                  double entropy) {
    double J = entropy;
    for (int k = 0; k < theta.k(); ++k) {
        const double m = s.mass(k);
        if (m == 0) continue;
        const size_t kk = static_cast<size_t>(k);
        // W = Σ γ (x−μ)(x−μ)ᵀ from the statistics about c: with a = μ − c and f = Σ γ (x − c),
        // W = scatter − a fᵀ − f aᵀ + N_k a aᵀ.
        const Eigen::VectorXd a = (theta.means.row(k) - s.centres.row(k)).transpose();
        const Eigen::VectorXd fk = s.first.row(k).transpose();
        const Eigen::MatrixXd W =
            s.scatter[kk] - a * fk.transpose() - fk * a.transpose() + m * a * a.transpose();
        const Eigen::MatrixXd P = f.whiten[kk] * f.whiten[kk].transpose(); // Σ_k⁻¹
        J += m * f.logNorm(k) - 0.5 * (W.array() * P.array()).sum();
    }
    return J;
}

Eigen::VectorXd logDensity(const Matrix& X, const GmmParameters& theta, const Factors& factors,
                           int threads) {
    const int n = static_cast<int>(X.rows());
    Eigen::VectorXd out(n);
    reduceChunks(n, theta.k(), theta.d(), threads, [&](int start, int rows, Partial&) {
        Eigen::MatrixXd L;
        logJoint(X.middleRows(start, rows).cast<double>(), theta, factors, L);
        const Eigen::VectorXd m = L.rowwise().maxCoeff();
        out.segment(start, rows) =
            (m.array() + (L.colwise() - m).array().exp().rowwise().sum().log()).matrix();
    });
    return out;
}

std::vector<int> worstExplained(const Matrix& X, const GmmParameters& theta,
                                const std::vector<char>& survives,
                                const Eigen::MatrixXd& fallbackCov, double pivotFloor, int count,
                                int threads) {
    GmmParameters ref;
    for (int k = 0; k < theta.k(); ++k)
        if (survives[static_cast<size_t>(k)])
            ref.covariances.push_back(theta.covariances[static_cast<size_t>(k)]);
    const int v = static_cast<int>(ref.covariances.size());
    if (v == 0) {
        Eigen::VectorXd mean;
        Eigen::MatrixXd S;
        dataMoments(X, mean, S);
        ref = {Eigen::VectorXd::Ones(1), mean.transpose(), {fallbackCov}};
    } else {
        ref.weights.resize(v);
        ref.means.resize(v, theta.d());
        for (int k = 0, j = 0; k < theta.k(); ++k) {
            if (!survives[static_cast<size_t>(k)]) continue;
            ref.weights(j) = theta.weights(k);
            ref.means.row(j++) = theta.means.row(k);
        }
        ref.weights /= ref.weights.sum();
    }
    std::vector<char> ok;
    const Eigen::VectorXd logp = logDensity(X, ref, factorise(ref, pivotFloor, ok), threads);
    std::vector<int> order(static_cast<size_t>(logp.size()));
    std::iota(order.begin(), order.end(), 0);
    count = std::min(count, static_cast<int>(order.size()));
    std::partial_sort(order.begin(), order.begin() + count, order.end(), [&](int a, int b) {
        return logp(a) < logp(b) || (logp(a) == logp(b) && a < b);
    });
    order.resize(static_cast<size_t>(count));
    return order;
}

} // namespace gmm
} // namespace latentlab::core
