// The fused E-step kernel (core/gmm_kernels.h) against the matrix-product reference E-step
// (gmm::EStepPath::Reference): the same responsibilities, log-likelihood, objective, entropy and
// M-step statistics to rounding, for every covariance type, d ∈ {1, 2, 3, 5, 8}, soft and hard
// EM, in its AVX2 and its portable form; bit-identical for any thread count; and the model's
// half-steps are exactly this E-step and gmm::mStep.
#include "core/gmm.h"
#include "core/gmm_kernels.h"

#include <QTest>

#include <Eigen/Dense>
#include <cmath>
#include <limits>

using namespace latentlab::core;

#include "data_support.h"

using latentlab::test::blobs;

namespace {

const char* kTypes[] = {"full", "diag", "spherical", "tied"};

CovarianceType typeOf(const QString& s) {
    return s == "diag"        ? CovarianceType::Diagonal
           : s == "spherical" ? CovarianceType::Spherical
           : s == "tied"      ? CovarianceType::Tied
                              : CovarianceType::Full;
}

/// max |a − b| / max |b|.
double relDiff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (a - b).cwiseAbs().maxCoeff() / std::max(b.cwiseAbs().maxCoeff(), 1e-300);
}

double relDiff(double a, double b) {
    return std::abs(a - b) / std::max(std::abs(b), 1e-300);
}

/// Seeded θ_0 of `type`: means at data points, random SPD covariances, uneven weights.
GmmParameters initialTheta(const Matrix& X, int k, CovarianceType type, uint64_t seed) {
    Rng rng(seed);
    const int d = static_cast<int>(X.cols());
    GmmParameters theta;
    theta.weights.resize(k);
    theta.means.resize(k, d);
    for (int j = 0; j < k; ++j) {
        theta.weights(j) = 0.5 + rng.uniform();
        theta.means.row(j) = X.row(static_cast<int>(rng.below(uint64_t(X.rows())))).cast<double>();
        Eigen::MatrixXd A(d, d);
        for (int r = 0; r < d; ++r)
            for (int c = 0; c < d; ++c)
                A(r, c) = rng.normal();
        theta.covariances.push_back(
            gmm::constrain(A * A.transpose() / d + Eigen::MatrixXd::Identity(d, d), type));
    }
    theta.weights /= theta.weights.sum();
    if (type == CovarianceType::Tied) theta.covariances.assign(size_t(k), theta.covariances[0]);
    return theta;
}

struct Run {
    gmm::EStepResult r;
    Eigen::MatrixXf resp;
};

Run eStep(const Matrix& X, const GmmParameters& theta, const gmm::Factors& f, bool hard,
          int threads, gmm::EStepPath path) {
    Run run;
    run.r = gmm::eStep(X, theta, f, hard, threads, &run.resp, path);
    return run;
}

/// Every output of two E-steps agrees to `tol` (relative), responsibilities to 2 float ulps.
void compare(const Run& a, const Run& b, double tol, const char* what) {
    const auto fail = [&](const char* field, double diff) {
        QFAIL(qPrintable(QString("%1: %2 differs by %3").arg(what, field).arg(diff)));
    };
    const double dResp = (a.resp - b.resp).cwiseAbs().maxCoeff();
    if (!(dResp <= 2.5e-7)) fail("responsibilities", dResp);
    if (!(relDiff(a.r.logLikelihood, b.r.logLikelihood) <= tol))
        fail("log-likelihood", relDiff(a.r.logLikelihood, b.r.logLikelihood));
    if (!(relDiff(a.r.objective, b.r.objective) <= tol))
        fail("objective", relDiff(a.r.objective, b.r.objective));
    if (!(std::abs(a.r.entropy - b.r.entropy) <= tol * std::max(1.0, std::abs(b.r.entropy))))
        fail("entropy", a.r.entropy - b.r.entropy);
    if (!(relDiff(a.r.stats.mass, b.r.stats.mass) <= tol))
        fail("N_k", relDiff(a.r.stats.mass, b.r.stats.mass));
    // Σ γ (x − c) is a difference of nearly equal sums: compare it on the scale of N_k · spread.
    const double scale = b.r.stats.mass.maxCoeff();
    if (!((a.r.stats.first - b.r.stats.first).cwiseAbs().maxCoeff() <= tol * scale))
        fail("first moments", (a.r.stats.first - b.r.stats.first).cwiseAbs().maxCoeff());
    for (size_t k = 0; k < b.r.stats.scatter.size(); ++k)
        if (!(relDiff(a.r.stats.scatter[k], b.r.stats.scatter[k]) <= tol))
            fail("scatter", relDiff(a.r.stats.scatter[k], b.r.stats.scatter[k]));
    QCOMPARE(a.r.stats.centres, b.r.stats.centres);
}

void bitIdentical(const Run& a, const Run& b) {
    QCOMPARE(a.resp, b.resp);
    QCOMPARE(a.r.logLikelihood, b.r.logLikelihood);
    QCOMPARE(a.r.objective, b.r.objective);
    QCOMPARE(a.r.entropy, b.r.entropy);
    QCOMPARE(a.r.stats.mass, b.r.stats.mass);
    QCOMPARE(a.r.stats.first, b.r.stats.first);
    QCOMPARE(a.r.stats.scatter, b.r.stats.scatter);
}

} // namespace

class TestGmmKernels : public QObject {
    Q_OBJECT
private slots:
    void fusedMatchesReference_data();
    void fusedMatchesReference();
    void threadCountGivesIdenticalBits_data();
    void threadCountGivesIdenticalBits();
    void extremeComponents();
    void halfStepsAreTheFusedPath();
    void pathLimits();
};

void TestGmmKernels::fusedMatchesReference_data() {
    QTest::addColumn<QString>("cov");
    QTest::addColumn<int>("d");
    QTest::addColumn<bool>("hard");
    QTest::addColumn<double>("offset");
    for (const char* cov : kTypes)
        for (int d : {1, 2, 3, 5, 8})
            for (bool hard : {false, true})
                QTest::newRow(qPrintable(QString("%1 d=%2%3").arg(cov).arg(d).arg(hard ? " hard" : "")))
                    << cov << d << hard << 0.0;
    // Data far from the origin: the statistics about the old means must not cancel.
    for (const char* cov : kTypes)
        QTest::newRow(qPrintable(QString("%1 d=2 offset 1e4").arg(cov))) << cov << 2 << false << 1e4;
}

// Three EM iterations on the fused path; at each, the reference and the portable kernel on the
// same θ agree with it to 1e-12 (the order of the sums and exp/log within 2 ulp differ).
void TestGmmKernels::fusedMatchesReference() {
    QFETCH(QString, cov);
    QFETCH(int, d);
    QFETCH(bool, hard);
    QFETCH(double, offset);
    const CovarianceType type = typeOf(cov);
    // A full chunk and a partial one whose last pack of four is partial too.
    auto data = blobs(gmm::kChunk + 131, d, 4, 3.0, uint64_t(d) * 7 + 1);
    data->X.array() += float(offset);
    const Matrix& X = data->X;
    GmmParameters theta = initialTheta(X, 5, type, 11 + uint64_t(d));
    for (int it = 0; it < 3; ++it) {
        std::vector<char> ok;
        const gmm::Factors f = gmm::factorise(theta, 0, ok);
        const Run fused = eStep(X, theta, f, hard, 1, gmm::EStepPath::Fused);
        const Run portable = eStep(X, theta, f, hard, 1, gmm::EStepPath::FusedPortable);
        const Run reference = eStep(X, theta, f, hard, 1, gmm::EStepPath::Reference);
        compare(fused, reference, 1e-12, "fused vs reference");
        compare(portable, reference, 1e-12, "portable vs reference");
        compare(fused, portable, 1e-12, "fused vs portable");
        if (QTest::currentTestFailed()) return;
        QVERIFY((fused.resp.rowwise().sum().array() - 1).abs().maxCoeff() < 1e-5);
        if (!hard) QVERIFY(fused.r.stats.mass.minCoeff() > 1); // hard EM may empty one
        if (hard) QVERIFY((fused.resp.array() == 0 || fused.resp.array() == 1).all());
        // The M-step from either: the same parameters to rounding.
        std::vector<char> lowA, lowB;
        const GmmParameters a = gmm::mStep(fused.r.stats, type, 1e-6, 1e-10 * X.rows(), lowA);
        const GmmParameters b = gmm::mStep(reference.r.stats, type, 1e-6, 1e-10 * X.rows(), lowB);
        QVERIFY(relDiff(a.weights, b.weights) < 1e-12);
        QVERIFY(relDiff(a.means, b.means) < 1e-12);
        for (size_t k = 0; k < a.covariances.size(); ++k)
            QVERIFY2(relDiff(a.covariances[k], b.covariances[k]) < 1e-12,
                     qPrintable(QString::number(relDiff(a.covariances[k], b.covariances[k]))));
        theta = a;
    }
}

void TestGmmKernels::threadCountGivesIdenticalBits_data() {
    QTest::addColumn<QString>("cov");
    QTest::addColumn<int>("d");
    for (const char* cov : kTypes)
        for (int d : {1, 2, 3, 5})
            QTest::newRow(qPrintable(QString("%1 d=%2").arg(cov).arg(d))) << cov << d;
}

// Fixed chunks reduced in chunk order: 1, 2 and 3 threads give the same bits, on both forms
// of the kernel, soft and hard.
void TestGmmKernels::threadCountGivesIdenticalBits() {
    QFETCH(QString, cov);
    QFETCH(int, d);
    auto data = blobs(3 * gmm::kChunk + 77, d, 3, 2.0, 5);
    const GmmParameters theta = initialTheta(data->X, 4, typeOf(cov), 3);
    std::vector<char> ok;
    const gmm::Factors f = gmm::factorise(theta, 0, ok);
    for (const auto path : {gmm::EStepPath::Fused, gmm::EStepPath::FusedPortable})
        for (bool hard : {false, true}) {
            const Run one = eStep(data->X, theta, f, hard, 1, path);
            for (int threads : {2, 3}) {
                bitIdentical(eStep(data->X, theta, f, hard, threads, path), one);
                if (QTest::currentTestFailed()) return;
            }
        }
}

// A component nobody is near (its γ underflow to exactly 0) and one with a tiny variance:
// finite and as the reference; a NaN parameter makes the log-likelihood NaN (the model then
// reports divergence) instead of being hidden by the vectorised exp and log.
void TestGmmKernels::extremeComponents() {
    auto data = blobs(1001, 2, 2, 4.0, 9);
    GmmParameters theta;
    theta.weights = Eigen::Vector3d(0.5, 0.49, 0.01);
    theta.means.resize(3, 2);
    theta.means << 4, 0, -4, 0, 1e3, 1e3;
    const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(2, 2);
    theta.covariances = {eye, 1e-4 * eye, 1e-2 * eye};
    std::vector<char> ok;
    gmm::Factors f = gmm::factorise(theta, 0, ok);
    for (bool hard : {false, true}) {
        const Run fused = eStep(data->X, theta, f, hard, 2, gmm::EStepPath::Fused);
        const Run reference = eStep(data->X, theta, f, hard, 2, gmm::EStepPath::Reference);
        QVERIFY(fused.resp.allFinite() && std::isfinite(fused.r.logLikelihood));
        QCOMPARE(fused.r.stats.mass(2), 0.0);
        QVERIFY((fused.resp.col(2).array() == 0).all());
        compare(fused, reference, 1e-12, "extreme");
    }
    theta.means(1, 1) = std::numeric_limits<double>::quiet_NaN();
    for (const auto path : {gmm::EStepPath::Fused, gmm::EStepPath::FusedPortable})
        QVERIFY(std::isnan(eStep(data->X, theta, f, false, 1, path).r.logLikelihood));
}

// The GUI's E half-step is gmm::eStep (one path for the GUI and for a fit run flat out) and its
// M half-step gmm::mStep on that E-step's statistics: bit for bit.
void TestGmmKernels::halfStepsAreTheFusedPath() {
    auto data = blobs(3000, 3, 3, 3.0, 2);
    Params p(GaussianMixture::specs());
    p.set("k", int64_t{3});
    p.set("init", std::string("random-points"));
    GaussianMixture g;
    g.reset(data, p, 4);
    for (int it = 0; it < 3; ++it) {
        const GmmParameters theta = g.parameters();
        std::vector<char> ok;
        const Run fused =
            eStep(data->X, theta, gmm::factorise(theta, 0, ok), false, 0, gmm::EStepPath::Fused);
        g.step(); // E
        const auto s = std::dynamic_pointer_cast<const GmmSnapshot>(g.snapshot());
        QCOMPARE(*s->responsibilities, fused.resp);
        QCOMPARE(s->logLikelihood, fused.r.logLikelihood);
        QCOMPARE(s->componentMass, fused.r.stats.mass);
        std::vector<char> low;
        const GmmParameters next =
            gmm::mStep(fused.r.stats, CovarianceType::Full, 1e-6, 1e-10 * 3000, low);
        g.step(); // M
        QCOMPARE(g.parameters().means, next.means);
        QCOMPARE(g.parameters().weights, next.weights);
        for (size_t k = 0; k < 3; ++k)
            QCOMPARE(g.parameters().covariances[k], next.covariances[k]);
    }
}

// d above kMaxFusedDimension: Auto takes the reference path, Fused refuses.
void TestGmmKernels::pathLimits() {
    const int d = gmm::kMaxFusedDimension + 1;
    auto data = blobs(500, d, 2, 3.0, 1);
    const GmmParameters theta = initialTheta(data->X, 2, CovarianceType::Full, 1);
    std::vector<char> ok;
    const gmm::Factors f = gmm::factorise(theta, 0, ok);
    bitIdentical(eStep(data->X, theta, f, false, 1, gmm::EStepPath::Auto),
                 eStep(data->X, theta, f, false, 1, gmm::EStepPath::Reference));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             eStep(data->X, theta, f, false, 1, gmm::EStepPath::Fused));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             eStep(data->X, theta, f, false, 1, gmm::EStepPath::FusedPortable));
}

QTEST_GUILESS_MAIN(TestGmmKernels)
#include "test_gmm_kernels.moc"
