#include "core/rbm_math.h"

#include <Eigen/Core>
#include <cmath>
#include <stdexcept>
#include <string>

namespace latentlab::core {

RbmWeights RbmWeights::zero(int visible, int hidden) {
    RbmWeights t;
    t.W = Eigen::MatrixXf::Zero(visible, hidden);
    t.a = Eigen::VectorXf::Zero(visible);
    t.b = Eigen::VectorXf::Zero(hidden);
    return t;
}

namespace rbm {

namespace {
uint64_t splitmix64(uint64_t x) {
    uint64_t z = x + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
} // namespace

uint64_t streamKey(uint64_t seed, uint64_t index, uint64_t purpose) {
    return splitmix64(splitmix64(splitmix64(seed) ^ index) ^ (purpose * 0xd1b54a32d192ed03ULL));
}

void sampleBernoulli(const float* p, float* out, int n, uint64_t key, uint32_t first) {
    const uint32_t k0 = static_cast<uint32_t>(key);
    const uint32_t k1 = static_cast<uint32_t>(key >> 32);
    // Written so that GCC vectorises it (8 lanes of 32-bit multiplies with AVX2).
    for (int i = 0; i < n; ++i) {
        const uint32_t bits = mix32(mix32((first + static_cast<uint32_t>(i)) ^ k0) + k1);
        const float u = static_cast<float>(bits >> 8) * 0x1.0p-24f;
        out[i] = u < p[i] ? 1.0f : 0.0f;
    }
}

void sigmoidInPlace(float* x, int n) {
    Eigen::Map<Eigen::ArrayXf> m(x, n);
    m = m.logistic();
}

} // namespace rbm

namespace {

void requireColumns(const char* what, Eigen::Index cols, int expected) {
    if (cols != expected)
        throw std::invalid_argument(std::string("RBM: ") + what + " has " + std::to_string(cols) +
                                    " columns, the model " + std::to_string(expected));
}

/// Row-wise σ(x·M + bias): x is N × m, M is m × n.
template <typename X, typename M>
Eigen::MatrixXf conditional(const X& x, const M& m, const Eigen::VectorXf& bias) {
    Eigen::MatrixXf p = x * m;
    p.rowwise() += bias.transpose();
    rbm::sigmoidInPlace(p.data(), static_cast<int>(p.size()));
    return p;
}

/// Bernoulli sample of p, drawn from rng row by row.
Eigen::MatrixXf sample(const Eigen::MatrixXf& p, Rng& rng) {
    Eigen::MatrixXf s(p.rows(), p.cols());
    for (Eigen::Index i = 0; i < p.rows(); ++i)
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            s(i, j) = rng.uniform() < p(i, j) ? 1.0f : 0.0f;
    return s;
}

} // namespace

Eigen::MatrixXf hiddenProbabilities(const RbmWeights& theta, const Matrix& v) {
    requireColumns("the visible data", v.cols(), theta.visible());
    return conditional(v, theta.W, theta.b);
}

Eigen::MatrixXf visibleProbabilities(const RbmWeights& theta, const Eigen::MatrixXf& h) {
    requireColumns("the hidden states", h.cols(), theta.hidden());
    return conditional(h, theta.W.transpose(), theta.a);
}

Eigen::VectorXd freeEnergy(const RbmWeights& theta, const Matrix& v) {
    requireColumns("the visible data", v.cols(), theta.visible());
    const Eigen::MatrixXf x = v * theta.W; // N × H
    Eigen::VectorXd f(v.rows());
    const Eigen::VectorXd a = theta.a.cast<double>();
    for (Eigen::Index n = 0; n < v.rows(); ++n) {
        double e = -v.row(n).cast<double>().dot(a);
        for (Eigen::Index j = 0; j < x.cols(); ++j)
            e -= rbm::softplus(static_cast<double>(x(n, j)) + theta.b(j));
        f(n) = e;
    }
    return f;
}

std::vector<GibbsState> gibbsChain(const RbmWeights& theta, const Matrix& v0, int k, Rng& rng,
                                   int every) {
    requireColumns("the start of the chain", v0.cols(), theta.visible());
    if (k < 1 || every < 1)
        throw std::invalid_argument("RBM: a Gibbs chain needs k ≥ 1 steps, recorded every ≥ 1");
    std::vector<GibbsState> out;
    Eigen::MatrixXf v = v0;
    for (int t = 1; t <= k; ++t) {
        GibbsState s;
        s.hiddenProbabilities = conditional(v, theta.W, theta.b);
        s.hidden = sample(s.hiddenProbabilities, rng);
        s.visibleProbabilities = conditional(s.hidden, theta.W.transpose(), theta.a);
        s.visible = sample(s.visibleProbabilities, rng);
        v = s.visible;
        if (t % every == 0 || t == k) out.push_back(std::move(s));
    }
    return out;
}

Eigen::MatrixXf gibbsStep(const RbmWeights& theta, const Matrix& v0, int k, Rng& rng,
                          Eigen::MatrixXf* visibleProbs) {
    std::vector<GibbsState> states = gibbsChain(theta, v0, k, rng, k);
    if (visibleProbs) *visibleProbs = std::move(states.back().visibleProbabilities);
    return std::move(states.back().visible);
}

std::vector<int> pllFlipIndices(int n, int visible, uint64_t key) {
    std::vector<int> idx(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) // Lemire's multiply-shift: uniform up to 2^-32 relative bias
        idx[static_cast<size_t>(i)] = static_cast<int>(
            (static_cast<uint64_t>(rbm::counterBits(key, static_cast<uint32_t>(i))) *
             static_cast<uint64_t>(visible)) >>
            32);
    return idx;
}

Eigen::VectorXd pseudoLogLikelihood(const RbmWeights& theta, const Matrix& v,
                                    const std::vector<int>& flipped) {
    requireColumns("the visible data", v.cols(), theta.visible());
    if (static_cast<Eigen::Index>(flipped.size()) != v.rows())
        throw std::invalid_argument("RBM: pseudo-log-likelihood needs one flipped index per row");
    const Eigen::MatrixXf x = v * theta.W; // N × H
    const int V = theta.visible();
    Eigen::VectorXd pll(v.rows());
    for (Eigen::Index n = 0; n < v.rows(); ++n) {
        const int i = flipped[static_cast<size_t>(n)];
        if (i < 0 || i >= V)
            throw std::invalid_argument("RBM: flipped index " + std::to_string(i) +
                                        " is outside [0, " + std::to_string(V) + ")");
        const double vi = v(n, i);
        const double dv = (1.0 - vi) - vi; // v̂_i − v_i
        // F(v̂) − F(v) = −a_i·dv − Σ_j [softplus(x_j + W_ij·dv) − softplus(x_j)], x = b + vᵀW
        double diff = -theta.a(i) * dv;
        for (int j = 0; j < theta.hidden(); ++j) {
            const double xj = static_cast<double>(x(n, j)) + theta.b(j);
            diff -= rbm::softplus(xj + theta.W(i, j) * dv) - rbm::softplus(xj);
        }
        pll(n) = -V * rbm::softplus(-diff); // V · log σ(diff)
    }
    return pll;
}

} // namespace latentlab::core
