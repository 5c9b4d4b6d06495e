// Gaussian mixture / EM against the lecture's properties (LECTURES.md "GMM and EM"): the labelled
// E/M sequence, the log-likelihood never falling, the E- and M-step formulas of 000:588-596 on a
// hand-made data set, hard EM as the bridge to k-means, determinism, exact restore, the collapse
// policy, AIC/BIC, and agreement with scikit-learn 1.2 from the same initial parameters.
#include "core/datasets.h"
#include "core/gmm.h"
#include "core/kmeans.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <Eigen/Dense>
#include <cmath>
#include <set>

using namespace latentlab::core;

#include "data_support.h"

using latentlab::test::blobs;
using latentlab::test::makeData;

namespace {

std::shared_ptr<const Dataset> builtin(const std::string& name) {
    return std::make_shared<const Dataset>(loadDataset(name, Params(), 0));
}

Params params(int k, const std::string& cov = "full", const std::string& init = "kmeans",
              bool hard = false) {
    Params p(GaussianMixture::specs());
    p.set("k", int64_t{k});
    p.set("covariance-type", cov);
    p.set("init", init);
    p.set("hard-em", hard);
    return p;
}

const GmmSnapshot& asGmm(const SnapshotPtr& s) {
    return dynamic_cast<const GmmSnapshot&>(*s);
}

void runToEnd(GaussianMixture& g) {
    for (int i = 0; i < 100000 && !g.finished(); ++i)
        g.step();
}

bool hasEvent(const SnapshotPtr& s, ModelEvent::Kind kind, const std::string& text = "") {
    for (const auto& e : s->events)
        if (e.kind == kind && e.message.find(text) != std::string::npos) return true;
    return false;
}

/// Gaussian density in double, straight from its definition.
double gauss(const Eigen::VectorXd& x, const Eigen::VectorXd& mu, const Eigen::MatrixXd& cov) {
    const Eigen::VectorXd r = x - mu;
    const double q = r.dot(cov.inverse() * r);
    return std::exp(-0.5 * q) / std::sqrt(std::pow(2 * M_PI, double(x.size())) * cov.determinant());
}

/// max |a − b| / max |b|: a normwise relative difference.
double relDiff(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (a - b).cwiseAbs().maxCoeff() / std::max(b.cwiseAbs().maxCoeff(), 1e-300);
}

QJsonArray toJson(const Eigen::MatrixXd& m) {
    QJsonArray rows;
    for (int i = 0; i < m.rows(); ++i) {
        QJsonArray r;
        for (int j = 0; j < m.cols(); ++j)
            r.append(m(i, j));
        rows.append(r);
    }
    return rows;
}

Eigen::MatrixXd fromJson(const QJsonArray& a) {
    const int cols = a.at(0).isArray() ? int(a.at(0).toArray().size()) : 1;
    Eigen::MatrixXd m(a.size(), cols);
    for (int i = 0; i < a.size(); ++i)
        for (int j = 0; j < cols; ++j)
            m(i, j) = a.at(i).isArray() ? a.at(i).toArray().at(j).toDouble() : a.at(i).toDouble();
    return m;
}

QString sourceDir() {
    const QString env = qEnvironmentVariable("LATENTLAB_SOURCE_DIR");
    return env.isEmpty() ? QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../.." : env;
}

const char* kTypes[] = {"full", "diag", "spherical", "tied"};
const char* kInits[] = {"kmeans", "kmeans++", "random-points", "random-responsibilities"};

} // namespace

class TestGmm : public QObject {
    Q_OBJECT
private slots:
    void lectureSequence();
    void likelihoodNeverDecreases_data();
    void likelihoodNeverDecreases();
    void responsibilitiesSumToOne_data();
    void responsibilitiesSumToOne();
    void stepsMatchLectureFormulas_data();
    void stepsMatchLectureFormulas();
    void hardEmIsKMeansBridge();
    void sameSeedSameRun_data();
    void sameSeedSameRun();
    void threadCountDoesNotMatter();
    void restoreContinuesExactly_data();
    void restoreContinuesExactly();
    void convergenceRule();
    void collapseOfEmptyComponent();
    void collapseOnDuplicatedPoint_data();
    void collapseOnDuplicatedPoint();
    void replaceDataKeepsParameters();
    void badInputThrows();
    void freeParameterCounts_data();
    void freeParameterCounts();
    void informationCriteriaPickK();
    void sklearnAgreement();
};

// Lecture 000:585-597: initialise, then repeat {E-step; M-step} until convergence.
void TestGmm::lectureSequence() {
    auto data = blobs(300, 2, 3, 5.0, 1);
    GaussianMixture g;
    QCOMPARE(g.stepsPerIteration(), 2);
    g.reset(data, params(3), 7);
    auto s = g.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("init"));
    QVERIFY(!asGmm(s).responsibilities);
    QVERIFY(std::isnan(asGmm(s).logLikelihood));
    QVERIFY(hasEvent(s, ModelEvent::Kind::Info, "k-means"));
    g.step();
    s = g.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("e-step"));
    QVERIFY(QString::fromStdString(s->phaseLabel).startsWith("E-step"));
    QCOMPARE(asGmm(s).responsibilities->rows(), Eigen::Index{300});
    QCOMPARE(asGmm(s).logLikelihoodHistory.size(), size_t{1});
    QCOMPARE(s->objective, asGmm(s).logLikelihood);
    QCOMPARE(s->iteration, int64_t{0});
    g.step();
    s = g.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("m-step"));
    QCOMPARE(s->iteration, int64_t{1});
    runToEnd(g);
    s = g.snapshot();
    const auto& gs = asGmm(s);
    QVERIFY(s->converged);
    QCOMPARE(QString::fromStdString(s->phaseLabel), QString("converged!"));
    QCOMPARE(gs.objectiveHistory.size(), size_t(s->stepCount));
    QCOMPARE(gs.logLikelihoodHistory.size(), size_t(s->iteration + 1)); // θ_0 … θ_n
    QCOMPARE(gs.logLikelihood, gs.logLikelihoodHistory.back() * 300);
    QCOMPARE(s->stepCount, 2 * s->iteration);
    const int64_t steps = s->stepCount;
    g.step(); // no-op once finished
    QCOMPARE(g.snapshot()->stepCount, steps);
}

void TestGmm::likelihoodNeverDecreases_data() {
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("cov");
    QTest::addColumn<QString>("init");
    QTest::addColumn<bool>("hard");
    for (const char* ds : {"blobs", "old-faithful"})
        for (const char* cov : kTypes)
            for (const char* init : kInits)
                QTest::newRow(qPrintable(QString("%1 %2 %3").arg(ds, cov, init)))
                    << ds << cov << init << false;
    for (const char* cov : kTypes)
        QTest::newRow(qPrintable(QString("hard EM blobs %1").arg(cov)))
            << "blobs" << cov << "random-points" << true;
}

// The log-likelihood never decreases (000:618-621, 003:5780), and neither does the lower bound
// over half-steps: l(θ_old) ≤ J(q, θ_new) ≤ l(θ_new) (000:692-783). Hard EM: the
// classification log-likelihood never decreases. Steps that re-seed a collapsed component are
// exempt (none is expected here).
void TestGmm::likelihoodNeverDecreases() {
    QFETCH(QString, dataset);
    QFETCH(QString, cov);
    QFETCH(QString, init);
    QFETCH(bool, hard);
    int checked = 0;
    for (uint64_t seed = 1; seed <= 6; ++seed) {
        auto data =
            dataset == "blobs"
                ? std::shared_ptr<const Dataset>(blobs(250 + 31 * int(seed), 2, 3, 2.5, seed))
                : builtin("old-faithful");
        for (int k : {2, 4}) {
            Params p = params(k, cov.toStdString(), init.toStdString(), hard);
            p.set("tol", 1e-7);
            GaussianMixture g;
            g.reset(data, p, seed);
            std::set<int64_t> reseeded; // step numbers with a collapse re-seed
            while (!g.finished()) {
                g.step();
                const auto s = g.snapshot();
                QVERIFY(!hasEvent(s, ModelEvent::Kind::Diverged));
                if (hasEvent(s, ModelEvent::Kind::Warning)) reseeded.insert(s->stepCount);
            }
            const auto s = g.snapshot();
            const auto& obj = asGmm(s).objectiveHistory;
            for (size_t i = 1; i < obj.size(); ++i) {
                if (reseeded.count(int64_t(i) + 1)) continue;
                const double tol = 1e-10 * std::abs(obj[i - 1]) + 1e-9;
                if (obj[i] < obj[i - 1] - tol)
                    QFAIL(qPrintable(
                        QString("objective fell from %1 to %2 at step %3 (seed %4, K %5)")
                            .arg(obj[i - 1], 0, 'g', 17)
                            .arg(obj[i], 0, 'g', 17)
                            .arg(i + 1)
                            .arg(seed)
                            .arg(k)));
                ++checked;
            }
            if (hard) continue; // hard EM does not ascend the mixture log-likelihood
            const auto& ll = asGmm(s).logLikelihoodHistory;
            for (size_t i = 1; i < ll.size(); ++i) {
                if (reseeded.count(2 * int64_t(i))) continue; // M-step of iteration i
                if (ll[i] < ll[i - 1] - 1e-12 * std::abs(ll[i - 1]) - 1e-12)
                    QFAIL(qPrintable(
                        QString("log-likelihood fell from %1 to %2 at iteration %3 (seed %4, K %5)")
                            .arg(ll[i - 1], 0, 'g', 17)
                            .arg(ll[i], 0, 'g', 17)
                            .arg(i)
                            .arg(seed)
                            .arg(k)));
            }
        }
    }
    QVERIFY(checked > 50);
}

void TestGmm::responsibilitiesSumToOne_data() {
    QTest::addColumn<QString>("cov");
    QTest::addColumn<bool>("hard");
    for (const char* cov : kTypes) {
        QTest::newRow(cov) << cov << false;
        QTest::newRow(qPrintable(QString("hard %1").arg(cov))) << cov << true;
    }
}

void TestGmm::responsibilitiesSumToOne() {
    QFETCH(QString, cov);
    QFETCH(bool, hard);
    auto data = blobs(500, 3, 4, 2.0, 3);
    GaussianMixture g;
    g.reset(data, params(5, cov.toStdString(), "random-responsibilities", hard), 2);
    for (int step = 0; step < 6; ++step) {
        g.step();
        const auto s = g.snapshot();
        if (asGmm(s).gmmPhase != GmmPhase::EStep) continue;
        const Eigen::MatrixXf& r = *asGmm(s).responsibilities;
        QVERIFY(r.minCoeff() >= 0 && r.maxCoeff() <= 1);
        QVERIFY((r.rowwise().sum().array() - 1).abs().maxCoeff() < 1e-5);
        if (hard) QVERIFY((r.array() == 0 || r.array() == 1).all());
        const Eigen::VectorXd mass = r.colwise().sum().cast<double>().transpose();
        QVERIFY((mass - asGmm(s).componentMass).cwiseAbs().maxCoeff() < 1e-3);
    }
}

void TestGmm::stepsMatchLectureFormulas_data() {
    QTest::addColumn<QString>("cov");
    for (const char* cov : kTypes)
        QTest::newRow(cov) << cov;
}

// E-step γ_nk = π_k N(x_n|μ_k,Σ_k) / Σ_j π_j N(x_n|μ_j,Σ_j); M-step π_k = N_k/N,
// μ_k = Σ γ x / N_k, Σ_k = Σ γ (x−μ_k)(x−μ_k)ᵀ / N_k (000:588-596), under each constraint and
// with reg-covar on the diagonal, computed directly from the definitions on seven points.
void TestGmm::stepsMatchLectureFormulas() {
    QFETCH(QString, cov);
    const CovarianceType type = cov == "diag"        ? CovarianceType::Diagonal
                                : cov == "spherical" ? CovarianceType::Spherical
                                : cov == "tied"      ? CovarianceType::Tied
                                                     : CovarianceType::Full;
    auto data = makeData({{0, 0}, {1, 0}, {0, 1}, {4, 4}, {5, 4}, {4, 5.5f}, {2, 2}});
    const int N = 7, K = 2;
    const double reg = 1e-6;
    GaussianMixture g;
    g.reset(data, params(K, cov.toStdString()), 1);
    Eigen::MatrixXd mu0(2, 2), c0(2, 2), c1(2, 2);
    mu0 << 0.5, 0.5, 4, 4;
    c0 << 1, 0.2, 0.2, 1;
    c1 << 2, -0.3, -0.3, 1.5;
    g.setInitialParameters(Eigen::Vector2d(0.4, 0.6), mu0, {c0, c1});
    const GmmParameters th0 = g.parameters(); // projected onto the constraint
    if (type == CovarianceType::Diagonal) QCOMPARE(th0.covariances[1](0, 1), 0.0);
    if (type == CovarianceType::Spherical) QCOMPARE(th0.covariances[1](0, 0), 1.75);
    if (type == CovarianceType::Tied) QVERIFY(th0.covariances[0] == th0.covariances[1]);

    Eigen::MatrixXd gamma(N, K);
    double ll = 0;
    for (int n = 0; n < N; ++n) {
        const Eigen::VectorXd x = data->X.row(n).cast<double>().transpose();
        for (int k = 0; k < K; ++k)
            gamma(n, k) =
                th0.weights(k) * gauss(x, th0.means.row(k).transpose(), th0.covariances[size_t(k)]);
        ll += std::log(gamma.row(n).sum());
        gamma.row(n) /= gamma.row(n).sum();
    }
    g.step(); // E
    auto s = g.snapshot();
    QVERIFY((asGmm(s).responsibilities->cast<double>() - gamma).cwiseAbs().maxCoeff() < 1e-6);
    QVERIFY(std::abs(asGmm(s).logLikelihood - ll) < 1e-12 * std::abs(ll));

    const Eigen::VectorXd Nk = gamma.colwise().sum().transpose();
    const Eigen::MatrixXd X = data->X.cast<double>();
    std::vector<Eigen::MatrixXd> S(K);
    Eigen::MatrixXd mu(K, 2);
    for (int k = 0; k < K; ++k) {
        mu.row(k) = gamma.col(k).transpose() * X / Nk(k);
        S[size_t(k)] = Eigen::MatrixXd::Zero(2, 2);
        for (int n = 0; n < N; ++n) {
            const Eigen::VectorXd r = (X.row(n) - mu.row(k)).transpose();
            S[size_t(k)] += gamma(n, k) * r * r.transpose() / Nk(k);
        }
    }
    std::vector<Eigen::MatrixXd> sigma(K);
    const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(2, 2);
    for (int k = 0; k < K; ++k) {
        const Eigen::MatrixXd& Sk = S[size_t(k)];
        switch (type) {
        case CovarianceType::Full:
            sigma[size_t(k)] = Sk + reg * I;
            break;
        case CovarianceType::Diagonal:
            sigma[size_t(k)] = Eigen::MatrixXd(Sk.diagonal().asDiagonal()) + reg * I;
            break;
        case CovarianceType::Spherical:
            sigma[size_t(k)] = (Sk.trace() / 2 + reg) * I;
            break;
        case CovarianceType::Tied:
            sigma[size_t(k)] = (Nk(0) * S[0] + Nk(1) * S[1]) / N + reg * I;
            break;
        }
    }
    g.step(); // M
    s = g.snapshot();
    const auto& gs = asGmm(s);
    QVERIFY((gs.weights - Nk / N).cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY((gs.means - mu).cwiseAbs().maxCoeff() < 1e-12);
    for (int k = 0; k < K; ++k)
        QVERIFY((gs.covariances[size_t(k)] - sigma[size_t(k)]).cwiseAbs().maxCoeff() < 1e-12);

    // The M-step's objective is the bound J(q, θ_new) = Σ γ (log π N(x|θ_new) − log γ).
    double J = 0;
    for (int n = 0; n < N; ++n)
        for (int k = 0; k < K; ++k)
            J += gamma(n, k) *
                 (std::log(gs.weights(k) *
                           gauss(X.row(n).transpose(), mu.row(k).transpose(), sigma[size_t(k)])) -
                  std::log(gamma(n, k)));
    QVERIFY2(std::abs(s->objective - J) < 1e-10 * std::abs(J),
             qPrintable(QString("%1 vs %2").arg(s->objective).arg(J)));
    QVERIFY(J >= ll); // it rose from l(θ_old) …
    g.step();
    QVERIFY(g.logLikelihood() >= J); // … and l(θ_new) is above it: the bound touches again
}

// Hard EM (one-hot responsibilities, 000:543-548) with equal weights and equal spherical
// covariances is exactly k-means' assign and update; on well-separated blobs it ends in the
// same partition as k-means from the same initial means.
void TestGmm::hardEmIsKMeansBridge() {
    for (double spread : {3.0, 8.0}) {
        auto data = blobs(450, 2, 3, spread, 11);
        Params kp(KMeans::specs());
        kp.set("k", int64_t{3});
        kp.set("init", std::string("random"));
        KMeans km;
        km.reset(data, kp, 4);
        Matrix m0(3, 2);
        m0 << data->X.row(0), data->X.row(1), data->X.row(2); // one point of each blob
        km.setInitialCentroids(m0);
        GaussianMixture g;
        g.reset(data, params(3, "spherical", "kmeans", true), 4);
        const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(2, 2);
        g.setInitialParameters(Eigen::Vector3d::Constant(1.0 / 3), m0.cast<double>(),
                               {eye, eye, eye});
        const auto labelsOf = [&]() {
            const auto s = g.snapshot();
            const Eigen::MatrixXf& r = *asGmm(s).responsibilities;
            std::vector<uint8_t> l(size_t(r.rows()));
            for (int i = 0; i < r.rows(); ++i) {
                Eigen::Index j;
                r.row(i).maxCoeff(&j);
                l[size_t(i)] = uint8_t(j);
            }
            return l;
        };
        g.step(); // hard E-step = reassign to the nearest mean
        km.step();
        QVERIFY(((*asGmm(g.snapshot()).responsibilities).array() == 0 ||
                 (*asGmm(g.snapshot()).responsibilities).array() == 1)
                    .all());
        QCOMPARE(labelsOf(), km.labels());
        g.step(); // M-step means = centroids of the clusters
        km.step();
        QVERIFY((g.parameters().means - km.centroids().cast<double>()).cwiseAbs().maxCoeff() <
                1e-5);
        if (spread < 5) continue;
        runToEnd(g);
        while (!km.finished())
            km.step();
        QVERIFY(g.converged());
        QCOMPARE(labelsOf(), km.labels());
        QVERIFY((g.parameters().means - km.centroids().cast<double>()).cwiseAbs().maxCoeff() <
                1e-4);
    }
}

void TestGmm::sameSeedSameRun_data() {
    QTest::addColumn<QString>("init");
    for (const char* init : kInits)
        QTest::newRow(init) << init;
}

void TestGmm::sameSeedSameRun() {
    QFETCH(QString, init);
    auto data = blobs(1500, 2, 4, 3.0, 5);
    GaussianMixture a, b;
    a.reset(data, params(4, "full", init.toStdString()), 42);
    b.reset(data, params(4, "full", init.toStdString()), 42);
    while (!a.finished()) {
        QCOMPARE(a.parameters().means, b.parameters().means);
        QCOMPARE(a.parameters().weights, b.parameters().weights);
        for (size_t k = 0; k < 4; ++k)
            QCOMPARE(a.parameters().covariances[k], b.parameters().covariances[k]);
        a.step();
        b.step();
    }
    QVERIFY(b.finished());
    QCOMPARE(asGmm(a.snapshot()).objectiveHistory, asGmm(b.snapshot()).objectiveHistory);
    QCOMPARE(*asGmm(a.snapshot()).responsibilities, *asGmm(b.snapshot()).responsibilities);
    if (init != "kmeans") { // k-means may reach the same clusters from other seeds
        GaussianMixture c;
        c.reset(data, params(4, "full", init.toStdString()), 43);
        QVERIFY(asGmm(c.snapshot()).initialParameters.means !=
                asGmm(a.snapshot()).initialParameters.means);
    }
}

// Chunks are fixed and reduced in order: 1, 2 or 3 threads give bit-identical runs.
void TestGmm::threadCountDoesNotMatter() {
    auto data = blobs(3 * gmm::kChunk + 123, 2, 4, 2.0, 3);
    for (const char* init : {"kmeans", "random-responsibilities"}) {
        std::vector<std::vector<double>> histories;
        std::vector<Eigen::MatrixXd> means;
        for (int threads : {1, 2, 3}) {
            GaussianMixture g;
            g.setThreads(threads);
            Params p = params(4, "full", init);
            p.set("max-iter", int64_t{15});
            g.reset(data, p, 9);
            runToEnd(g);
            histories.push_back(asGmm(g.snapshot()).objectiveHistory);
            means.push_back(g.parameters().means);
        }
        QCOMPARE(histories[1], histories[0]);
        QCOMPARE(histories[2], histories[0]);
        QCOMPARE(means[1], means[0]);
        QCOMPARE(means[2], means[0]);
    }
}

void TestGmm::restoreContinuesExactly_data() {
    QTest::addColumn<QString>("cov");
    QTest::addColumn<bool>("hard");
    for (const char* cov : kTypes)
        QTest::newRow(cov) << cov << false;
    QTest::newRow("hard full") << "full" << true;
}

// Scrubbing back and continuing: restoring a snapshot reproduces the original continuation.
void TestGmm::restoreContinuesExactly() {
    QFETCH(QString, cov);
    QFETCH(bool, hard);
    auto data = blobs(900, 3, 4, 2.0, 21);
    const Params p = params(4, cov.toStdString(), "random-points", hard);
    for (int cut : {0, 1, 2, 3, 4}) {
        GaussianMixture g;
        g.reset(data, p, 5);
        for (int i = 0; i < cut; ++i)
            g.step();
        const SnapshotPtr at = g.snapshot();
        std::vector<SnapshotPtr> original;
        for (int i = 0; i < 6; ++i) {
            g.step();
            original.push_back(g.snapshot());
        }
        GaussianMixture other;
        other.reset(data, p, 999);
        QVERIFY(other.restore(*at));
        for (const auto& o : original) {
            other.step();
            const auto s = other.snapshot();
            QCOMPARE(asGmm(s).means, asGmm(o).means);
            QCOMPARE(asGmm(s).weights, asGmm(o).weights);
            QCOMPARE(s->objective, o->objective);
            QCOMPARE(s->phase, o->phase);
            QCOMPARE(asGmm(s).logLikelihoodHistory, asGmm(o).logLikelihoodHistory);
        }
    }
    KMeans km;
    GaussianMixture g;
    g.reset(data, p, 5);
    km.reset(data, Params(KMeans::specs()), 1);
    QVERIFY(!g.restore(*km.snapshot()));
    GaussianMixture wrongK;
    wrongK.reset(data, params(3, cov.toStdString()), 1);
    QVERIFY(!wrongK.restore(*g.snapshot()));
}

// sklearn's rule: after iteration n, converged when |mean l(θ_{n−1}) − mean l(θ_{n−2})| < tol.
void TestGmm::convergenceRule() {
    auto data = builtin("old-faithful");
    GaussianMixture g;
    g.reset(data, params(2, "full", "kmeans++"), 3);
    runToEnd(g);
    QVERIFY(g.converged());
    const SnapshotPtr snap = g.snapshot();
    const auto& ll = asGmm(snap).logLikelihoodHistory;
    const size_t n = size_t(g.iteration());
    QVERIFY(n >= 4);
    QCOMPARE(ll.size(), n + 1);
    QVERIFY(std::abs(ll[n - 1] - ll[n - 2]) < 1e-3);
    for (size_t m = 2; m < n; ++m)
        QVERIFY(std::abs(ll[m - 1] - ll[m - 2]) >= 1e-3);
    Params p = params(2, "full", "kmeans++");
    p.set("max-iter", int64_t{3});
    GaussianMixture capped;
    capped.reset(data, p, 3);
    runToEnd(capped);
    QVERIFY(capped.finished() && !capped.converged());
    QCOMPARE(capped.iteration(), int64_t{3});
    QVERIFY(hasEvent(capped.snapshot(), ModelEvent::Kind::Info, "max-iter"));
    QCOMPARE(asGmm(capped.snapshot()).logLikelihoodHistory.size(), size_t{4});
}

// A component far from all data gets N_k ≈ 0: it is re-seeded at the worst-explained point
// with the data covariance, a Warning is raised, and nothing becomes NaN.
void TestGmm::collapseOfEmptyComponent() {
    auto data = blobs(300, 2, 2, 4.0, 8);
    GaussianMixture g;
    g.reset(data, params(3), 1);
    Eigen::MatrixXd mu(3, 2);
    mu << 4, 0, -4, 0, 1000, 1000;
    const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(2, 2);
    g.setInitialParameters(Eigen::Vector3d(0.45, 0.45, 0.1), mu, {eye, eye, 0.01 * eye});
    g.step(); // E: nobody near component 3
    QVERIFY(asGmm(g.snapshot()).componentMass(2) < 1e-10 * 300);
    g.step(); // M: collapse → re-seed
    const auto s = g.snapshot();
    QVERIFY(hasEvent(s, ModelEvent::Kind::Warning, "component 3 collapsed"));
    const auto& th = g.parameters();
    QVERIFY(th.allFinite());
    QVERIFY(std::abs(th.weights.sum() - 1) < 1e-12);
    bool atDataPoint = false;
    for (int i = 0; i < data->n(); ++i)
        atDataPoint = atDataPoint || (th.means.row(2) - data->X.row(i).cast<double>()).norm() == 0;
    QVERIFY(atDataPoint);
    QVERIFY(th.covariances[2].isApprox(th.covariances[2].transpose()) &&
            th.covariances[2](0, 0) > 1);
    runToEnd(g);
    QVERIFY(std::isfinite(g.logLikelihood()));
    QVERIFY(g.parameters().allFinite());
}

void TestGmm::collapseOnDuplicatedPoint_data() {
    QTest::addColumn<QString>("init");
    QTest::addColumn<QString>("cov");
    QTest::addColumn<bool>("hard");
    for (const char* init : {"kmeans", "random-points", "kmeans++"})
        for (const char* cov : {"full", "diag", "spherical"})
            QTest::newRow(qPrintable(QString("%1 %2").arg(init, cov))) << init << cov << false;
    QTest::newRow("hard kmeans full") << "kmeans"
                                      << "full" << true;
}

// Without the regulariser a component that sits on a point repeated several times shrinks
// onto it (the likelihood → ∞, PRML §9.2.1): the collapse is detected and reported, never NaN.
void TestGmm::collapseOnDuplicatedPoint() {
    QFETCH(QString, init);
    QFETCH(QString, cov);
    QFETCH(bool, hard);
    std::vector<std::pair<float, float>> pts(6, {1.5f, -0.5f});
    Rng rng(3);
    for (int i = 0; i < 14; ++i)
        pts.emplace_back(float(rng.normal(0, 3)), float(rng.normal(0, 3)));
    auto data = makeData(pts);
    int collapses = 0;
    for (uint64_t seed = 1; seed <= 5; ++seed) {
        Params p = params(6, cov.toStdString(), init.toStdString(), hard);
        p.set("reg-covar", 0.0);
        GaussianMixture g;
        g.reset(data, p, seed);
        collapses += hasEvent(g.snapshot(), ModelEvent::Kind::Warning, "collapsed");
        while (!g.finished()) {
            g.step();
            const auto s = g.snapshot();
            QVERIFY(!hasEvent(s, ModelEvent::Kind::Diverged));
            collapses += hasEvent(s, ModelEvent::Kind::Warning, "collapsed");
            QVERIFY(g.parameters().allFinite());
            if (asGmm(s).responsibilities) QVERIFY(asGmm(s).responsibilities->allFinite());
        }
        QVERIFY(std::isfinite(g.logLikelihood()));
    }
    QVERIFY2(collapses > 0, "no collapse was reported");
}

void TestGmm::replaceDataKeepsParameters() {
    auto data = blobs(400, 2, 2, 4.0, 2);
    GaussianMixture g;
    g.reset(data, params(2), 1);
    runToEnd(g);
    const GmmParameters before = g.parameters();
    auto more = blobs(500, 2, 2, 4.0, 3);
    g.replaceData(*more);
    QVERIFY(!g.converged());
    QCOMPARE(g.parameters().means, before.means);
    QVERIFY(!asGmm(g.snapshot()).responsibilities);
    g.step();
    QCOMPARE(asGmm(g.snapshot()).gmmPhase, GmmPhase::EStep);
    QCOMPARE(asGmm(g.snapshot()).responsibilities->rows(), Eigen::Index{500});
    runToEnd(g);
    QVERIFY(g.converged());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.replaceData(*blobs(10, 3, 2, 1.0, 1)));
}

void TestGmm::badInputThrows() {
    auto tiny = makeData({{0, 0}, {1, 1}, {2, 0}});
    GaussianMixture g;
    try {
        g.reset(tiny, params(5), 1);
        QFAIL("K > N accepted");
    } catch (const std::invalid_argument& e) {
        QVERIFY(std::string(e.what()).find("K = 5") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(ParamError, params(33));
    QVERIFY_THROWS_EXCEPTION(ParamError, params(0));
    Params bad(GaussianMixture::specs());
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("covariance-type", "banana"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("init", "kmeans+++"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("reg-covar", "-1"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("tol", "nan"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("max-iter", "0"));
    auto constant = makeData({{1, 0}, {1, 1}, {1, 2}, {1, 5}});
    Params noReg = params(2);
    noReg.set("reg-covar", 0.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.reset(constant, noReg, 1));
    g.reset(constant, params(2), 1); // fine with the regulariser
    auto nan = makeData({{0, 0}, {NAN, 1}, {2, 0}});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.reset(nan, params(2), 1));
    Dataset empty;
    empty.X.resize(4, 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.reset(empty, params(2), 1));

    g.reset(tiny, params(2), 1);
    const Eigen::MatrixXd eye = Eigen::MatrixXd::Identity(2, 2);
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        g.setInitialParameters(Eigen::Vector3d::Ones(), Eigen::MatrixXd::Zero(2, 2), {eye, eye}));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        g.setInitialParameters(Eigen::Vector2d::Ones(), Eigen::MatrixXd::Zero(2, 2), {eye, -eye}));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        g.setInitialParameters(Eigen::Vector2d(1, -1), Eigen::MatrixXd::Zero(2, 2), {eye, eye}));
    g.step();
    QVERIFY_THROWS_EXCEPTION(
        std::logic_error,
        g.setInitialParameters(Eigen::Vector2d::Ones(), Eigen::MatrixXd::Zero(2, 2), {eye, eye}));
}

void TestGmm::freeParameterCounts_data() {
    QTest::addColumn<QString>("cov");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("d");
    for (const char* cov : kTypes)
        for (auto [k, d] : {std::pair{1, 1}, {2, 2}, {3, 4}, {7, 5}, {32, 64}})
            QTest::newRow(qPrintable(QString("%1 K=%2 d=%3").arg(cov).arg(k).arg(d)))
                << cov << k << d;
}

// sklearn's GaussianMixture._n_parameters, transcribed: covariance + mean + weight parameters.
void TestGmm::freeParameterCounts() {
    QFETCH(QString, cov);
    QFETCH(int, k);
    QFETCH(int, d);
    double covParams = 0;
    CovarianceType type = CovarianceType::Full;
    if (cov == "full")
        covParams = k * d * (d + 1) / 2.0;
    else if (cov == "diag")
        covParams = k * d, type = CovarianceType::Diagonal;
    else if (cov == "tied")
        covParams = d * (d + 1) / 2.0, type = CovarianceType::Tied;
    else
        covParams = k, type = CovarianceType::Spherical;
    const int expected = int(covParams + d * k + k - 1);
    const int m = gmmFreeParameters(k, d, type);
    QCOMPARE(m, expected);
    const double logL = -123.25;
    QCOMPARE(aic(logL, m), 2.0 * m + 246.5);
    QCOMPARE(bic(logL, m, 500), m * std::log(500.0) + 246.5);
}

// BIC = M log N − 2 log L (003:1230-1233) picks the true number of well-separated blobs.
void TestGmm::informationCriteriaPickK() {
    auto data = blobs(300, 2, 3, 8.0, 6);
    const auto ic = informationCriteria(data, params(1), 6, 1);
    QCOMPARE(ic.size(), size_t{6});
    size_t best = 0;
    for (size_t i = 1; i < ic.size(); ++i)
        if (ic[i].second < ic[best].second) best = i;
    QCOMPARE(best, size_t{2});
    QVERIFY(ic[2].first < ic[0].first && ic[2].first < ic[1].first);
    for (const auto& [a, b] : ic)
        QVERIFY(b > a); // log 300 > 2: BIC penalises more
    std::atomic<bool> cancel{true};
    QVERIFY(informationCriteria(data, params(1), 6, 1, &cancel).empty());
}

// The same data and initial parameters through scikit-learn 1.2's GaussianMixture
// (scripts/bench/check_sklearn_gmm.py): final weights, means, covariances, lower_bound_,
// score(X) and n_iter_ agree.
void TestGmm::sklearnAgreement() {
    struct Case {
        std::string data;
        int k;
        std::string cov;
        std::string init;
        double tol;
    };
    std::vector<Case> cases;
    for (const char* cov : kTypes) {
        cases.push_back({"old-faithful", 2, cov, "kmeans", 1e-3});
        cases.push_back({"iris", 3, cov, "kmeans", 1e-3});
        // Longer runs: from random points and k-means++ seeds to a tight tolerance.
        cases.push_back({"old-faithful", 3, cov, "random-points", 1e-6});
        cases.push_back({"iris", 3, cov, "kmeans++", 1e-6});
    }
    QJsonArray jcases;
    std::vector<SnapshotPtr> ours;
    for (const Case& c : cases) {
        auto data = builtin(c.data);
        GaussianMixture g;
        Params p = params(c.k, c.cov, c.init);
        p.set("tol", c.tol);
        g.reset(data, p, 1);
        const GmmParameters th0 = g.parameters();
        runToEnd(g);
        ours.push_back(g.snapshot());
        QJsonObject j;
        j["name"] = QString::fromStdString(c.data + " K=" + std::to_string(c.k) + " " + c.cov +
                                           " " + c.init);
        j["X"] = toJson(data->X.cast<double>());
        j["covariance_type"] = QString::fromStdString(c.cov);
        QJsonArray weights;
        for (int k = 0; k < c.k; ++k)
            weights.append(th0.weights(k));
        j["weights_init"] = weights;
        j["means_init"] = toJson(th0.means);
        QJsonArray prec;
        if (c.cov == "tied") {
            prec = toJson(th0.covariances[0].inverse());
        } else {
            for (int k = 0; k < c.k; ++k) {
                const Eigen::MatrixXd P = th0.covariances[size_t(k)].inverse();
                if (c.cov == "full")
                    prec.append(toJson(0.5 * (P + P.transpose())));
                else if (c.cov == "diag")
                    prec.append(toJson(P.diagonal().transpose())[0]);
                else
                    prec.append(P(0, 0));
            }
        }
        j["precisions_init"] = prec;
        j["tol"] = c.tol;
        j["max_iter"] = 100;
        j["reg_covar"] = 1e-6;
        jcases.append(j);
    }
    QTemporaryDir dir;
    const QString in = dir.filePath("in.json"), out = dir.filePath("out.json");
    QFile f(in);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{"cases", jcases}}).toJson(QJsonDocument::Compact));
    f.close();
    QProcess py;
    py.start("/usr/bin/python3", {sourceDir() + "/scripts/bench/check_sklearn_gmm.py", in, out});
    if (!py.waitForStarted(5000)) QSKIP("/usr/bin/python3 is not available");
    QVERIFY(py.waitForFinished(60000));
    const QString msg = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
    if (py.exitCode() == 77) QSKIP(qPrintable("scikit-learn is not installed: " + msg));
    QVERIFY2(py.exitCode() == 0, qPrintable(msg));
    QFile r(out);
    QVERIFY(r.open(QIODevice::ReadOnly));
    const QJsonArray results = QJsonDocument::fromJson(r.readAll()).object()["results"].toArray();
    QCOMPARE(results.size(), qsizetype(cases.size()));
    for (size_t i = 0; i < cases.size(); ++i) {
        const QJsonObject sk = results[qsizetype(i)].toObject();
        const auto& s = asGmm(ours[i]);
        const int n = s.data->n();
        const int iters = sk["n_iter"].toInt();
        double dCov = 0;
        const QJsonArray covs = sk["covariances_full"].toArray();
        for (int k = 0; k < cases[i].k; ++k)
            dCov = std::max(dCov, relDiff(s.covariances[size_t(k)], fromJson(covs[k].toArray())));
        const double dW = relDiff(s.weights, fromJson(sk["weights"].toArray()));
        const double dMu = relDiff(s.means, fromJson(sk["means"].toArray()));
        const double dLb =
            std::abs(s.logLikelihoodHistory[size_t(iters - 1)] - sk["lower_bound"].toDouble()) /
            std::abs(sk["lower_bound"].toDouble());
        const double dScore = std::abs(s.logLikelihood / n - sk["score"].toDouble()) /
                              std::abs(sk["score"].toDouble());
        qInfo("%s: iterations ours %lld / sklearn %d; max rel diff weights %.2g means %.2g "
              "covariances %.2g "
              "lower_bound %.2g score %.2g",
              qPrintable(sk["name"].toString()), static_cast<long long>(s.iteration), iters, dW,
              dMu, dCov, dLb, dScore);
        QCOMPARE(s.iteration, int64_t(iters));
        QCOMPARE(s.converged, sk["converged"].toBool());
        QVERIFY(dW < 1e-3 && dMu < 1e-3 && dCov < 1e-3);
        QVERIFY(dLb < 1e-6 && dScore < 1e-6);
    }
}

QTEST_GUILESS_MAIN(TestGmm)
#include "test_gmm.moc"
