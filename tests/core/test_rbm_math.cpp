// The RBM's mathematics against its definitions (LECTURES.md "RBM"): the conditionals are the
// sigmoids of 000:1214-1218 (checked by enumerating the joint distribution), the free energy is
// −log Σ_h e^{−E(v,h)} (000:1199), Σ_v p(v) = 1 with Z from exact enumeration, the exact
// gradient is the derivative of the exact log-likelihood (finite differences), the bias of CD-k
// shrinks as k grows, and the counter-based sampling and the monitor pass agree with the plain
// definitions.
#include "core/generators.h"
#include "core/rbm_exact.h"
#include "core/rbm_kernels.h"
#include "core/rbm_math.h"

#include <QTest>

#include <cmath>

using namespace latentlab::core;

namespace {

/// A V × H model with N(0, sd²) weights and biases, seeded.
RbmWeights randomModel(int V, int H, double sd, uint64_t seed) {
    Rng rng(seed);
    RbmWeights t = RbmWeights::zero(V, H);
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < V; ++i) t.W(i, j) = static_cast<float>(sd * rng.normal());
    for (int i = 0; i < V; ++i) t.a(i) = static_cast<float>(sd * rng.normal());
    for (int j = 0; j < H; ++j) t.b(j) = static_cast<float>(sd * rng.normal());
    return t;
}

/// Bit pattern `s` of n units as a 1 × n row.
Eigen::MatrixXf bits(uint64_t s, int n) {
    Eigen::MatrixXf r(1, n);
    for (int i = 0; i < n; ++i) r(0, i) = (s >> i) & 1 ? 1.0f : 0.0f;
    return r;
}

/// −E(v, h) = aᵀv + bᵀh + vᵀWh in double, straight from lecture 001:350.
double negEnergy(const RbmWeights& t, const Eigen::MatrixXf& v, const Eigen::MatrixXf& h) {
    const Eigen::VectorXd vd = v.row(0).transpose().cast<double>(), hd = h.row(0).transpose().cast<double>();
    return t.a.cast<double>().dot(vd) + t.b.cast<double>().dot(hd) + vd.dot(t.W.cast<double>() * hd);
}

/// All 2^n states of n units as rows.
Matrix allStates(int n) {
    Matrix m(1 << n, n);
    for (int s = 0; s < (1 << n); ++s) m.row(s) = bits(static_cast<uint64_t>(s), n);
    return m;
}

double meanLogLikelihood(const RbmWeights& t, const Matrix& data) {
    return rbm::exactLogProbability(t, data).mean();
}

} // namespace

class TestRbmMath : public QObject {
    Q_OBJECT
private slots:
    void conditionalsAreSigmoids();
    void freeEnergyIsMarginal();
    void probabilitiesSumToOne_data();
    void probabilitiesSumToOne();
    void exactGradientMatchesFiniteDifferences_data();
    void exactGradientMatchesFiniteDifferences();
    void cdBiasShrinksWithK();
    void bernoulliSamplesHaveTheRightMean();
    void gibbsChainShapesAndStates();
    void monitorAgreesWithDefinitions();
    void exactModeLimits();
};

// p(h_j = 1 | v) = Σ_h h_j e^{−E(v,h)} / Σ_h e^{−E(v,h)}, and the same for v given h.
void TestRbmMath::conditionalsAreSigmoids() {
    const int V = 4, H = 3;
    const RbmWeights t = randomModel(V, H, 1.0, 11);
    for (uint64_t sv = 0; sv < (1u << V); ++sv) {
        const Eigen::MatrixXf v = bits(sv, V);
        Eigen::VectorXd num = Eigen::VectorXd::Zero(H);
        double den = 0;
        for (uint64_t sh = 0; sh < (1u << H); ++sh) {
            const double w = std::exp(negEnergy(t, v, bits(sh, H)));
            den += w;
            for (int j = 0; j < H; ++j) num(j) += (sh >> j & 1) * w;
        }
        const Eigen::MatrixXf p = hiddenProbabilities(t, v);
        for (int j = 0; j < H; ++j) QVERIFY2(std::abs(p(0, j) - num(j) / den) < 2e-6, qPrintable(QString::number(p(0, j))));
    }
    for (uint64_t sh = 0; sh < (1u << H); ++sh) {
        const Eigen::MatrixXf h = bits(sh, H);
        Eigen::VectorXd num = Eigen::VectorXd::Zero(V);
        double den = 0;
        for (uint64_t sv = 0; sv < (1u << V); ++sv) {
            const double w = std::exp(negEnergy(t, bits(sv, V), h));
            den += w;
            for (int i = 0; i < V; ++i) num(i) += (sv >> i & 1) * w;
        }
        const Eigen::MatrixXf p = visibleProbabilities(t, h);
        for (int i = 0; i < V; ++i) QVERIFY(std::abs(p(0, i) - num(i) / den) < 2e-6);
    }
}

// F(v) = −log Σ_h e^{−E(v,h)}, also for grey v, and log Z = log Σ_{v,h} e^{−E(v,h)}.
void TestRbmMath::freeEnergyIsMarginal() {
    const int V = 5, H = 4;
    const RbmWeights t = randomModel(V, H, 1.5, 3);
    Matrix v = allStates(V);
    v.row(3) << 0.2f, 0.9f, 0.5f, 0.0f, 1.0f; // grey levels: the formula holds for any v
    const Eigen::VectorXd f = freeEnergy(t, v);
    for (int n = 0; n < v.rows(); ++n) {
        double s = 0;
        for (uint64_t sh = 0; sh < (1u << H); ++sh) s += std::exp(negEnergy(t, v.row(n), bits(sh, H)));
        QVERIFY2(std::abs(f(n) + std::log(s)) < 1e-5 * (1 + std::abs(f(n))), qPrintable(QString::number(f(n))));
    }
    double z = 0;
    for (uint64_t sv = 0; sv < (1u << V); ++sv)
        for (uint64_t sh = 0; sh < (1u << H); ++sh) z += std::exp(negEnergy(t, bits(sv, V), bits(sh, H)));
    QVERIFY(std::abs(rbm::logPartitionFunction(t) - std::log(z)) < 1e-9 * std::abs(std::log(z)));
}

void TestRbmMath::probabilitiesSumToOne_data() {
    QTest::addColumn<int>("V");
    QTest::addColumn<int>("H");
    QTest::newRow("hidden enumerated (H < V)") << 9 << 5;
    QTest::newRow("visible enumerated (V < H)") << 6 << 10;
    QTest::newRow("bars and stripes size") << 16 << 4;
}

// Σ_v p(v) = 1 over all 2^V visible states, whichever layer Z enumerates.
void TestRbmMath::probabilitiesSumToOne() {
    QFETCH(int, V);
    QFETCH(int, H);
    const RbmWeights t = randomModel(V, H, 1.0, 5);
    const Eigen::VectorXd logp = rbm::exactLogProbability(t, allStates(V));
    const double total = logp.array().exp().sum();
    QVERIFY2(std::abs(total - 1.0) < 1e-9, qPrintable(QString::number(total, 'g', 17)));
}

void TestRbmMath::exactGradientMatchesFiniteDifferences_data() {
    QTest::addColumn<int>("V");
    QTest::addColumn<int>("H");
    QTest::newRow("6 x 4") << 6 << 4;
    QTest::newRow("4 x 7") << 4 << 7;
}

// ∂/∂θ (1/N) Σ log p(v_n) by central differences (steps of 2^-8, exact in float) against
// exactGradient, for every W_ij, a_i and b_j.
void TestRbmMath::exactGradientMatchesFiniteDifferences() {
    QFETCH(int, V);
    QFETCH(int, H);
    const RbmWeights t = randomModel(V, H, 0.7, 9);
    Matrix data(7, V);
    Rng rng(2);
    for (int n = 0; n < data.rows(); ++n)
        for (int i = 0; i < V; ++i) data(n, i) = rng.uniform() < 0.4 ? 1.0f : 0.0f;
    const rbm::RbmGradient g = rbm::exactGradient(t, data);
    const float eps = 1.0f / 256;
    auto fd = [&](float& param) {
        const float keep = param;
        param = keep + eps;
        const double up = meanLogLikelihood(t, data);
        param = keep - eps;
        const double down = meanLogLikelihood(t, data);
        param = keep;
        return (up - down) / (2.0 * eps);
    };
    RbmWeights& m = const_cast<RbmWeights&>(t);
    double worst = 0;
    for (int i = 0; i < V; ++i)
        for (int j = 0; j < H; ++j) worst = std::max(worst, std::abs(fd(m.W(i, j)) - g.W(i, j)));
    for (int i = 0; i < V; ++i) worst = std::max(worst, std::abs(fd(m.a(i)) - g.a(i)));
    for (int j = 0; j < H; ++j) worst = std::max(worst, std::abs(fd(m.b(j)) - g.b(j)));
    QVERIFY2(worst < 1e-4, qPrintable(QString("worst |finite difference - exact| = %1").arg(worst)));
    QVERIFY(g.norm() > 0.05); // not a trivial zero gradient
}

// The expected CD-k gradient approaches the exact one as k grows (Carreira-Perpiñán & Hinton
// 2005): a model with strong weights mixes slowly, so CD-1 is far off and CD-10 close.
void TestRbmMath::cdBiasShrinksWithK() {
    const Dataset bas = makeBarsAndStripes(30, 0.0, 1);
    Rng rng(5);
    RbmWeights t = RbmWeights::zero(16, 4);
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 16; ++i) t.W(i, j) = static_cast<float>(2.0 * rng.normal());
    for (int i = 0; i < 16; ++i) t.a(i) = -0.5f * t.W.row(i).sum();
    const std::vector<double> e = rbm::cdGradientErrors(t, bas.X, {1, 2, 5, 10}, 200, 7);
    qInfo("relative error of E[CD-k gradient]: k=1 %.3f, k=2 %.3f, k=5 %.3f, k=10 %.3f", e[0], e[1], e[2], e[3]);
    QVERIFY(e[0] > 0.3);
    for (size_t i = 1; i < e.size(); ++i) QVERIFY2(e[i] < 0.9 * e[i - 1], qPrintable(QString::number(e[i])));
    QVERIFY(e[3] < 0.25 * e[0]);
    // The same study from the model's own chains: repeated k give the same estimate.
    const std::vector<rbm::RbmGradient> g = rbm::cdGradients(t, bas.X, {2, 2}, 50, 3);
    QCOMPARE((g[0] - g[1]).norm(), 0.0);
}

// The counter-based stream gives Bernoulli samples with the right frequency, the same numbers
// in any order, and independent-looking streams for different keys.
void TestRbmMath::bernoulliSamplesHaveTheRightMean() {
    const int n = 200000;
    std::vector<float> p(n), a(n), b(n);
    for (int i = 0; i < n; ++i) p[static_cast<size_t>(i)] = (i % 10) / 10.0f + 0.05f;
    rbm::sampleBernoulli(p.data(), a.data(), n, rbm::streamKey(1, 2, 3), 0);
    std::vector<double> on(10, 0);
    for (int i = 0; i < n; ++i) on[static_cast<size_t>(i % 10)] += a[static_cast<size_t>(i)];
    for (int c = 0; c < 10; ++c) {
        const double mean = on[static_cast<size_t>(c)] / (n / 10), q = c / 10.0 + 0.05;
        QVERIFY2(std::abs(mean - q) < 4 * std::sqrt(q * (1 - q) / (n / 10)), qPrintable(QString::number(mean)));
    }
    // Drawn in two pieces (as two threads would): the same samples.
    rbm::sampleBernoulli(p.data(), b.data(), 1000, rbm::streamKey(1, 2, 3), 0);
    rbm::sampleBernoulli(p.data() + 1000, b.data() + 1000, n - 1000, rbm::streamKey(1, 2, 3), 1000);
    QVERIFY(a == b);
    rbm::sampleBernoulli(p.data(), b.data(), n, rbm::streamKey(1, 2, 4), 0);
    int same = 0;
    for (int i = 0; i < n; ++i) same += a[static_cast<size_t>(i)] == b[static_cast<size_t>(i)];
    QVERIFY(same < 0.7 * n); // another key: other samples (two p = 0.5 streams agree half the time)
}

void TestRbmMath::gibbsChainShapesAndStates() {
    const RbmWeights t = randomModel(12, 5, 1.0, 4);
    Matrix v0 = Matrix::Constant(3, 12, 0.5f);
    Rng rng(1);
    const std::vector<GibbsState> s = gibbsChain(t, v0, 7, rng, 3);
    QCOMPARE(s.size(), size_t(3)); // steps 3, 6 and 7
    for (const GibbsState& g : s) {
        QCOMPARE(g.visible.rows(), 3);
        QCOMPARE(g.visible.cols(), 12);
        QCOMPARE(g.hiddenProbabilities.cols(), 5);
        QVERIFY((g.visible.array() == 0 || g.visible.array() == 1).all());
        QVERIFY((g.hidden.array() == 0 || g.hidden.array() == 1).all());
        QVERIFY((g.visibleProbabilities.array() >= 0 && g.visibleProbabilities.array() <= 1).all());
        QVERIFY(g.visibleProbabilities.isApprox(visibleProbabilities(t, g.hidden)));
    }
    Rng r1(9), r2(9);
    Eigen::MatrixXf probs;
    const Eigen::MatrixXf last = gibbsStep(t, v0, 7, r1, &probs);
    QVERIFY(last == gibbsChain(t, v0, 7, r2).back().visible);
    QCOMPARE(probs.rows(), 3);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gibbsStep(t, Matrix::Zero(2, 11), 1, r1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gibbsStep(t, v0, 0, r1));
}

// The trainer's vectorised monitor (float softplus, the flip as log1p(σ·expm1)) against
// freeEnergy() and pseudoLogLikelihood() in double, with the same flipped bits.
void TestRbmMath::monitorAgreesWithDefinitions() {
    const RbmWeights t = randomModel(40, 24, 0.5, 8);
    Matrix v(600, 40);
    Rng rng(3);
    for (int n = 0; n < v.rows(); ++n)
        for (int i = 0; i < 40; ++i) v(n, i) = static_cast<float>(rng.uniform());
    const rbm::RowMatrix rows = v;
    rbm::WorkTeam team(2);
    const uint64_t key = rbm::streamKey(4, 5, 6);
    const rbm::MonitorSums s = rbm::monitor(t, rows.data(), 600, true, key, team);
    const double fe = freeEnergy(t, v).mean();
    const double pll = pseudoLogLikelihood(t, v, pllFlipIndices(600, 40, key)).mean();
    QCOMPARE(s.rows, int64_t(600));
    QVERIFY2(std::abs(s.freeEnergy / 600 - fe) < 1e-5 * std::abs(fe), qPrintable(QString::number(s.freeEnergy / 600 - fe)));
    QVERIFY2(std::abs(s.pseudoLogLikelihood / 600 - pll) < 1e-5 * std::abs(pll),
             qPrintable(QString::number(s.pseudoLogLikelihood / 600 - pll)));
    rbm::WorkTeam one(1);
    const rbm::MonitorSums s1 = rbm::monitor(t, rows.data(), 600, true, key, one);
    QCOMPARE(s1.pseudoLogLikelihood, s.pseudoLogLikelihood); // any thread count, same sums
    // The flipped indices cover every unit about equally often.
    std::vector<int> count(40, 0);
    for (int i : pllFlipIndices(40000, 40, key)) ++count[static_cast<size_t>(i)];
    QVERIFY(*std::min_element(count.begin(), count.end()) > 800 && *std::max_element(count.begin(), count.end()) < 1200);
}

void TestRbmMath::exactModeLimits() {
    QVERIFY(rbm::exactAvailable(16, 4));
    QVERIFY(rbm::exactAvailable(784, 10));
    QVERIFY(!rbm::exactAvailable(784, 256));
    QVERIFY(!rbm::exactAvailable(30, 30));
    QVERIFY(rbm::tinyModel(16, 4) && !rbm::tinyModel(16, 5));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rbm::logPartitionFunction(RbmWeights::zero(64, 64)));
    // A model with zero parameters: every (v, h) equally likely, log Z = (V + H) log 2.
    QVERIFY(std::abs(rbm::logPartitionFunction(RbmWeights::zero(7, 3)) - 10 * std::log(2.0)) < 1e-12);
}

QTEST_APPLESS_MAIN(TestRbmMath)
#include "test_rbm_math.moc"
