#include "core/rbm_exact.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

namespace latentlab::core::rbm {

namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

void requireExact(const RbmWeights& theta) {
    if (!exactAvailable(theta.visible(), theta.hidden()))
        throw std::invalid_argument(
            "RBM: exact computations need a small model (fewer than " +
            std::to_string(kExactMaxUnits + 1) + " units in one layer and 2^min(V,H)·V·H ≤ 2^27); this one is " +
            std::to_string(theta.visible()) + " × " + std::to_string(theta.hidden()));
}

/// The smaller layer ("s", m units) is enumerated; the other ("x", n units) is summed out:
/// log w(s) = cᵀs + Σ_i softplus(d_i + (K s)_i), with K n × m.
struct Enumeration {
    Eigen::VectorXd c, d;
    Eigen::MatrixXd K;
    bool hiddenEnumerated = true; // s = h (then x = v) or s = v (then x = h)

    explicit Enumeration(const RbmWeights& t) {
        hiddenEnumerated = t.hidden() <= t.visible();
        if (hiddenEnumerated) {
            c = t.b.cast<double>();
            d = t.a.cast<double>();
            K = t.W.cast<double>();
        } else {
            c = t.a.cast<double>();
            d = t.b.cast<double>();
            K = t.W.transpose().cast<double>();
        }
    }
    int m() const { return static_cast<int>(c.size()); }

    /// Calls f(state bits, x = d + K s, log w) for every state, in Gray-code order.
    template <typename F> void forEach(F&& f) const {
        const uint64_t count = uint64_t{1} << m();
        Eigen::VectorXd x = d;
        double cs = 0;
        uint64_t s = 0;
        for (uint64_t t = 0; t < count; ++t) {
            if (t > 0) {
                const int bit = std::countr_zero(t);
                const uint64_t mask = uint64_t{1} << bit;
                s ^= mask;
                const double sign = (s & mask) ? 1.0 : -1.0;
                x += sign * K.col(bit);
                cs += sign * c(bit);
            }
            double lw = cs;
            for (Eigen::Index i = 0; i < x.size(); ++i) lw += softplus(x(i));
            f(s, x, lw);
        }
    }
};

/// ⟨s⟩, ⟨σ(x)⟩, ⟨σ(x) sᵀ⟩ under the model, mapped back to (v, h) as a RbmGradient-shaped triple
/// (W = ⟨v hᵀ⟩, a = ⟨v⟩, b = ⟨h⟩).
RbmGradient modelStatistics(const RbmWeights& theta, double logZ) {
    const Enumeration e(theta);
    const int m = e.m();
    const Eigen::Index n = e.d.size();
    Eigen::VectorXd es = Eigen::VectorXd::Zero(m), ex = Eigen::VectorXd::Zero(n);
    Eigen::MatrixXd exs = Eigen::MatrixXd::Zero(n, m);
    Eigen::VectorXd sx(n);
    e.forEach([&](uint64_t s, const Eigen::VectorXd& x, double lw) {
        const double p = std::exp(lw - logZ);
        for (Eigen::Index i = 0; i < n; ++i) sx(i) = sigmoid(x(i));
        ex += p * sx;
        for (int j = 0; j < m; ++j)
            if (s >> j & 1) {
                es(j) += p;
                exs.col(j) += p * sx;
            }
    });
    RbmGradient g;
    if (e.hiddenEnumerated) {
        g.W = exs;
        g.a = ex;
        g.b = es;
    } else {
        g.W = exs.transpose();
        g.a = es;
        g.b = ex;
    }
    return g;
}

} // namespace

bool exactAvailable(int visible, int hidden) {
    const int m = std::min(visible, hidden);
    return visible > 0 && hidden > 0 && m <= kExactMaxUnits &&
           std::ldexp(1.0, m) * visible * hidden <= kExactMaxWork;
}

bool tinyModel(int visible, int hidden) { return visible > 0 && hidden > 0 && visible + hidden <= 20; }

double logPartitionFunction(const RbmWeights& theta) {
    requireExact(theta);
    const Enumeration e(theta);
    // Streaming log-sum-exp: a running maximum and the sum scaled by it.
    double mx = -std::numeric_limits<double>::infinity(), sum = 0;
    e.forEach([&](uint64_t, const Eigen::VectorXd&, double lw) {
        if (lw > mx) {
            sum = sum * std::exp(mx - lw) + 1.0;
            mx = lw;
        } else {
            sum += std::exp(lw - mx);
        }
    });
    return mx + std::log(sum);
}

Eigen::VectorXd exactLogProbability(const RbmWeights& theta, const Matrix& v, double logZ) {
    requireExact(theta);
    if (std::isnan(logZ)) logZ = logPartitionFunction(theta);
    if (v.cols() != theta.visible())
        throw std::invalid_argument("RBM: the data has " + std::to_string(v.cols()) + " columns, the model " +
                                    std::to_string(theta.visible()) + " visible units");
    // F(v) in double throughout (freeEnergy() multiplies in float), to match log Z's accuracy.
    const Eigen::MatrixXd vd = v.cast<double>();
    const Eigen::MatrixXd x = (vd * theta.W.cast<double>()).rowwise() + theta.b.cast<double>().transpose();
    Eigen::VectorXd logp = vd * theta.a.cast<double>();
    for (Eigen::Index n = 0; n < x.rows(); ++n)
        for (Eigen::Index j = 0; j < x.cols(); ++j) logp(n) += softplus(x(n, j));
    return logp.array() - logZ;
}

double RbmGradient::norm() const {
    return std::sqrt(W.squaredNorm() + a.squaredNorm() + b.squaredNorm());
}

RbmGradient RbmGradient::operator-(const RbmGradient& o) const { return {W - o.W, a - o.a, b - o.b}; }

RbmGradient dataStatistics(const RbmWeights& theta, const Matrix& data) {
    const Eigen::MatrixXd v = data.cast<double>();
    const Eigen::MatrixXd ph = hiddenProbabilities(theta, data).cast<double>();
    const double n = static_cast<double>(std::max<Eigen::Index>(1, v.rows()));
    return {v.transpose() * ph / n, v.colwise().sum().transpose() / n,
            ph.colwise().sum().transpose() / n};
}

RbmGradient exactGradient(const RbmWeights& theta, const Matrix& data) {
    requireExact(theta);
    return dataStatistics(theta, data) - modelStatistics(theta, logPartitionFunction(theta));
}

std::vector<RbmGradient> cdGradients(const RbmWeights& theta, const Matrix& data,
                                     const std::vector<int>& ks, int chains, uint64_t seed) {
    if (ks.empty() || ks.front() < 1 || !std::is_sorted(ks.begin(), ks.end()) || chains < 1)
        throw std::invalid_argument("RBM: CD-k gradients need ascending k ≥ 1 and chains ≥ 1");
    const RbmGradient positive = dataStatistics(theta, data);
    const Eigen::MatrixXd W = theta.W.cast<double>();
    const Eigen::RowVectorXd a = theta.a.cast<double>().transpose();
    const Eigen::RowVectorXd b = theta.b.cast<double>().transpose();
    const int V = theta.visible(), H = theta.hidden();
    std::vector<RbmGradient> negative(ks.size(), RbmGradient{Eigen::MatrixXd::Zero(V, H),
                                                             Eigen::VectorXd::Zero(V),
                                                             Eigen::VectorXd::Zero(H)});
    Rng rng(seed);
    auto sample = [&](Eigen::MatrixXd& p) {
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            for (Eigen::Index i = 0; i < p.rows(); ++i) p(i, j) = rng.uniform() < p(i, j) ? 1.0 : 0.0;
    };
    auto sigm = [](Eigen::MatrixXd m) { return m.unaryExpr([](double x) { return sigmoid(x); }).eval(); };
    const double total = static_cast<double>(data.rows()) * chains;
    for (Eigen::Index n = 0; n < data.rows(); ++n) {
        // `chains` copies of row n, run together.
        Eigen::MatrixXd v = data.row(n).cast<double>().replicate(chains, 1);
        size_t next = 0;
        for (int t = 1; t <= ks.back(); ++t) {
            Eigen::MatrixXd h = sigm((v * W).rowwise() + b);
            sample(h);
            v = sigm((h * W.transpose()).rowwise() + a);
            sample(v);
            if (t == ks[next]) {
                const Eigen::MatrixXd ph = sigm((v * W).rowwise() + b);
                RbmGradient& g = negative[next];
                g.W += v.transpose() * ph / total;
                g.a += v.colwise().sum().transpose() / total;
                g.b += ph.colwise().sum().transpose() / total;
                while (next + 1 < ks.size() && ks[next + 1] == t) { // repeated k: the same estimate
                    negative[next + 1].W += v.transpose() * ph / total;
                    negative[next + 1].a += v.colwise().sum().transpose() / total;
                    negative[next + 1].b += ph.colwise().sum().transpose() / total;
                    ++next;
                }
                ++next;
                if (next == ks.size()) break;
            }
        }
    }
    std::vector<RbmGradient> out;
    for (const RbmGradient& g : negative) out.push_back(positive - g);
    return out;
}

std::vector<double> cdGradientErrors(const RbmWeights& theta, const Matrix& data,
                                     const std::vector<int>& ks, int chains, uint64_t seed) {
    const RbmGradient exact = exactGradient(theta, data);
    const double scale = std::max(exact.norm(), 1e-300);
    std::vector<double> errors;
    for (const RbmGradient& g : cdGradients(theta, data, ks, chains, seed))
        errors.push_back((g - exact).norm() / scale);
    return errors;
}

} // namespace latentlab::core::rbm
