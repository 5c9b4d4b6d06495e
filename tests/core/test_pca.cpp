// PCA against the lecture's properties (LECTURES.md "PCA"): descending eigenvalues and
// orthonormal components; uᵀSu ≤ λ1 with equality at PC1 (000:385-453); E(M) = trace(S) −
// Σ_{i≤M} λ_i and its empirical value (003:3802-3834); the SVD of the 7 × 5 matrix at
// 003:3976; the sign rule; both solvers; the step-wise model (power iteration, Oja) converging
// to the exact answer, deterministic and exactly restorable; scikit-learn as the reference.
#include "core/datasets.h"
#include "core/pca.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace latentlab::core;

namespace {

Dataset builtin(const std::string& name) {
    return loadDataset(name, datasetParams(name), 1);
}

/// N samples of a d-dimensional Gaussian with standard deviations `sd` along a random
/// orthonormal basis, shifted away from 0 (so centring matters).
Dataset gaussian(int n, const std::vector<double>& sd, uint64_t seed) {
    const int d = static_cast<int>(sd.size());
    Rng rng(seed);
    Eigen::MatrixXd G(d, d);
    for (int i = 0; i < G.size(); ++i)
        G.data()[i] = rng.normal();
    const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(G).householderQ();
    Dataset data;
    data.X.resize(n, d);
    for (int i = 0; i < n; ++i) {
        Eigen::VectorXd z(d);
        for (int j = 0; j < d; ++j)
            z[j] = sd[static_cast<size_t>(j)] * rng.normal();
        data.X.row(i) = (Q * z).cast<float>().transpose().array() + 10.0f;
    }
    return data;
}

/// The 7 × 5 matrix of lecture 003:3976.
Eigen::MatrixXd lectureMatrix() {
    Eigen::MatrixXd A(7, 5);
    A << 1, 1, 1, 0, 0, 3, 3, 3, 0, 0, 4, 4, 4, 0, 0, 5, 5, 5, 0, 0, 0, 2, 0, 4, 4, 0, 0, 0, 5, 5,
        0, 1, 0, 2, 2;
    return A;
}

Dataset named(const QString& name) {
    if (name == "iris") return builtin("iris");
    if (name == "digits") return builtin("digits");
    if (name == "old-faithful") return builtin("old-faithful");
    if (name == "gauss5") return gaussian(400, {5, 3, 2, 1, 0.5}, 11);
    if (name == "wide 12x40") return gaussian(12, std::vector<double>(40, 1.0), 12);
    Dataset d;
    d.X = lectureMatrix().cast<float>();
    return d;
}

double angleDeg(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const double c = std::abs(a.normalized().dot(b.normalized()));
    return std::acos(std::min(1.0, c)) * 180.0 / M_PI;
}

const PcaSnapshot& asPca(const SnapshotPtr& s) {
    return dynamic_cast<const PcaSnapshot&>(*s);
}

Params pcaParams(const QString& method, bool unitVariance, int components) {
    Params p(Pca::specs());
    p.set("method", method.toStdString());
    p.set("unit-variance", unitVariance);
    p.set("components", int64_t{components});
    return p;
}

void runToEnd(Pca& m, int limit = 100000) {
    for (int i = 0; i < limit && !m.finished(); ++i)
        m.step();
}

QString sourceDir() {
    const QString env = qEnvironmentVariable("LATENTLAB_SOURCE_DIR");
    if (!env.isEmpty()) return env;
    return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../..";
}

Eigen::MatrixXd jsonMatrix(const QJsonArray& rows) {
    Eigen::MatrixXd M(rows.size(), rows.isEmpty() ? 0 : rows[0].toArray().size());
    for (int i = 0; i < M.rows(); ++i)
        for (int j = 0; j < M.cols(); ++j)
            M(i, j) = rows[i].toArray()[j].toDouble();
    return M;
}

Eigen::VectorXd jsonVector(const QJsonArray& a) {
    Eigen::VectorXd v(a.size());
    for (int i = 0; i < v.size(); ++i)
        v[i] = a[i].toDouble();
    return v;
}

} // namespace

class TestPca : public QObject {
    Q_OBJECT
private slots:
    void descendingOrthonormal_data();
    void descendingOrthonormal();
    void varianceAlongUnitVector_data();
    void varianceAlongUnitVector();
    void reconstructionError_data();
    void reconstructionError();
    void lectureSvd();
    void signRuleStableUnderReordering_data();
    void signRuleStableUnderReordering();
    void svdPathEqualsEigenPath_data();
    void svdPathEqualsEigenPath();
    void standardisedIris();
    void stepwiseConverges_data();
    void stepwiseConverges();
    void phaseSequence();
    void deterministic_data();
    void deterministic();
    void restoreContinuesExactly_data();
    void restoreContinuesExactly();
    void moreComponentsThanRank();
    void replaceDataKeepsAxes();
    void badInputThrows();
    void agreesWithScikitLearn_data();
    void agreesWithScikitLearn();
};

void TestPca::descendingOrthonormal_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("unitVariance");
    for (const char* name : {"iris", "digits", "old-faithful", "gauss5", "wide 12x40", "lecture"})
        for (bool uv : {false, true})
            QTest::newRow((std::string(name) + (uv ? " scaled" : "")).c_str()) << name << uv;
}

// Eigenvalues descending and ≥ 0, ratios sum to 1 over all components, components orthonormal,
// and S u_i = λ_i u_i with the S the fit reports.
void TestPca::descendingOrthonormal() {
    QFETCH(QString, data);
    QFETCH(bool, unitVariance);
    const Dataset d = named(data);
    Eigen::MatrixXd S;
    const PcaResult r = fitPca(d.X, {unitVariance}, &S);
    QCOMPARE(r.count(), std::min(d.n(), d.d()));
    for (int i = 0; i + 1 < r.count(); ++i)
        QVERIFY(r.explainedVariance[i] >= r.explainedVariance[i + 1]);
    QVERIFY(r.explainedVariance.minCoeff() >= 0);
    QVERIFY(std::abs(r.explainedVarianceRatio.sum() - 1) < 1e-9);
    QVERIFY(std::abs(r.totalVariance - S.trace()) < 1e-9 * S.trace());
    const Eigen::MatrixXd U = r.components.cast<double>();
    QVERIFY((U.transpose() * U - Eigen::MatrixXd::Identity(r.count(), r.count()))
                .cwiseAbs()
                .maxCoeff() < 1e-6);
    const double scaleS = S.norm();
    QVERIFY((S * U - U * r.explainedVariance.asDiagonal()).cwiseAbs().maxCoeff() < 1e-6 * scaleS);
}

void TestPca::varianceAlongUnitVector_data() {
    QTest::addColumn<QString>("data");
    QTest::newRow("iris") << "iris";
    QTest::newRow("gauss5") << "gauss5";
    QTest::newRow("digits") << "digits";
}

// 000:385-453: the variance of the projections on a unit u is uᵀSu = Σ_i (u·u_i)² λ_i, never
// above λ1, and λ1 exactly at the top eigenvector.
void TestPca::varianceAlongUnitVector() {
    QFETCH(QString, data);
    const Dataset d = named(data);
    Eigen::MatrixXd S;
    const PcaResult r = fitPca(d.X, {}, &S);
    const double l1 = r.explainedVariance[0];
    const Eigen::MatrixXd U = r.components.cast<double>();
    Rng rng(3);
    for (int t = 0; t < 200; ++t) {
        Eigen::VectorXd u(d.d());
        for (int j = 0; j < d.d(); ++j)
            u[j] = rng.normal();
        u.normalize();
        const double v = u.dot(S * u);
        QVERIFY(v <= l1 * (1 + 1e-12));
        const double expansion =
            (U.transpose() * u).array().square().matrix().dot(r.explainedVariance);
        QVERIFY(std::abs(v - expansion) < 1e-6 * l1);
        // The variance of the projections computed from the data (1/(N−1)) is the same.
        const Eigen::VectorXd y = d.X.cast<double>() * u;
        const double var = (y.array() - y.mean()).square().sum() / (d.n() - 1);
        QVERIFY(std::abs(var - v) < 1e-9 * l1);
    }
    const Eigen::VectorXd u1 = U.col(0).normalized();
    QVERIFY(std::abs(u1.dot(S * u1) - l1) < 1e-6 * l1);
}

void TestPca::reconstructionError_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("unitVariance");
    QTest::newRow("iris") << "iris" << false;
    QTest::newRow("iris scaled") << "iris" << true;
    QTest::newRow("gauss5") << "gauss5" << false;
    QTest::newRow("digits") << "digits" << false;
    QTest::newRow("wide 12x40 (svd)") << "wide 12x40" << false;
}

// 003:3802-3834: E(M) = trace(S) − Σ_{i≤M} λ_i; measured on the data with the lecture's 1/N it
// is (N−1)/N times ours (1/(N−1)). E falls with M, from trace(S) at M = 0 to 0 at M = r.
void TestPca::reconstructionError() {
    QFETCH(QString, data);
    QFETCH(bool, unitVariance);
    const Dataset d = named(data);
    const PcaResult r = fitPca(d.X, {unitVariance});
    const double n = d.n();
    double previous = std::numeric_limits<double>::infinity();
    for (int M = 0; M <= r.count(); ++M) {
        const double e = r.reconstructionError(M);
        const double formula = r.totalVariance - r.explainedVariance.head(M).sum();
        QVERIFY(std::abs(e - formula) < 1e-9 * r.totalVariance);
        const double empirical = r.meanSquaredReconstructionError(d.X, M);
        QVERIFY2(std::abs(empirical - (n - 1) / n * e) < 1e-6 * r.totalVariance,
                 qPrintable(QString("M=%1: %2 vs %3").arg(M).arg(empirical).arg((n - 1) / n * e)));
        QVERIFY(e <= previous);
        previous = e;
    }
    QVERIFY(std::abs(r.reconstructionError(0) - r.totalVariance) < 1e-9 * r.totalVariance);
    QVERIFY(r.reconstructionError(r.count()) < 1e-9 * r.totalVariance);
    // With all components the data come back (float precision), in the original units.
    const Matrix back = r.reconstructData(d.X, r.count());
    QVERIFY((back - d.X).cwiseAbs().maxCoeff() < 1e-3f * (1 + d.X.cwiseAbs().maxCoeff()));
    // Scores have variances λ_i and are uncorrelated.
    const int m = std::min(r.count(), 3);
    const Eigen::MatrixXd Y = r.project(d.X, m).cast<double>();
    const Eigen::MatrixXd C = Y.transpose() * Y / (n - 1);
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < m; ++j)
            QVERIFY(std::abs(C(i, j) - (i == j ? r.explainedVariance[i] : 0.0)) <
                    1e-5 * r.explainedVariance[0]);
}

// 003:3949-3985: the lecture's 7 × 5 matrix has singular values 12.4, 9.5, 1.3 (printed
// truncated; exactly 12.481, 9.509, 1.346) and rank 3, and its U and V match the printed ones
// (truncated to 2 decimals) up to sign. The signs are compared per factor: the printed third
// column of U and third row of Vᵀ do not belong together (with them U Σ Vᵀ gives row 5 ≈
// (0.71, 0.53, 0.71, 4.1, 4.1) instead of (0, 2, 0, 4, 4)); flipping either one fixes it.
void TestPca::lectureSvd() {
    const Eigen::MatrixXd A = lectureMatrix();
    const SvdResult s = thinSvd(A);
    QCOMPARE(s.rank, 3);
    QCOMPARE(s.singularValues.size(), Eigen::Index{5});
    QVERIFY(std::abs(s.singularValues[0] - 12.48) < 0.005);
    QVERIFY(std::abs(s.singularValues[1] - 9.51) < 0.005);
    QVERIFY(std::abs(s.singularValues[2] - 1.35) < 0.005);
    QVERIFY(s.singularValues.tail(2).maxCoeff() < 1e-12);
    QVERIFY((s.U * s.singularValues.asDiagonal() * s.V.transpose() - A).cwiseAbs().maxCoeff() <
            1e-12);
    Eigen::MatrixXd lectureU(7, 3), lectureVt(3, 5);
    lectureU << 0.13, 0.02, -0.01, 0.41, 0.07, -0.03, 0.55, 0.09, -0.04, 0.68, 0.11, -0.05, 0.15,
        -0.59, 0.65, 0.07, -0.73, -0.67, 0.07, -0.29, 0.32;
    lectureVt << 0.56, 0.59, 0.56, 0.09, 0.09, 0.12, -0.02, 0.12, -0.69, -0.69, 0.40, -0.80, 0.40,
        0.09, 0.09;
    for (int c = 0; c < 3; ++c) {
        const double sv = s.V.col(c).dot(lectureVt.row(c).transpose()) < 0 ? -1.0 : 1.0;
        const double su = s.U.col(c).dot(lectureU.col(c)) < 0 ? -1.0 : 1.0;
        QVERIFY((sv * s.V.col(c) - lectureVt.row(c).transpose()).cwiseAbs().maxCoeff() < 0.011);
        QVERIFY((su * s.U.col(c) - lectureU.col(c)).cwiseAbs().maxCoeff() < 0.011);
        QCOMPARE(su == sv, c < 2); // the lecture's sign slip in the third triple
    }
    // The sign rule: each V column's largest entry is positive (V col 2 ties 0.695/0.695).
    for (int c = 0; c < 3; ++c) {
        Eigen::Index j;
        s.V.col(c).cwiseAbs().maxCoeff(&j);
        QVERIFY(s.V(j, c) > 0);
    }
}

void TestPca::signRuleStableUnderReordering_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("unitVariance");
    QTest::newRow("iris") << "iris" << false;
    QTest::newRow("iris scaled") << "iris" << true;
    QTest::newRow("old-faithful scaled (tie ±1/√2)") << "old-faithful" << true;
    QTest::newRow("gauss5") << "gauss5" << false;
    QTest::newRow("digits") << "digits" << false;
    QTest::newRow("wide 12x40 (svd)") << "wide 12x40" << false;
}

// The same data in another row order (and reversed) give the same components with the same
// signs; every component's largest entry is positive. Two standardised features give the
// exact tie (1, ±1)/√2: the second axis must still come out as (+, −) every time.
void TestPca::signRuleStableUnderReordering() {
    QFETCH(QString, data);
    QFETCH(bool, unitVariance);
    const Dataset d = named(data);
    const PcaResult ref = fitPca(d.X, {unitVariance});
    // Compare the components whose eigenvalue is separated from its neighbours: the others
    // are any basis of their eigenspace.
    const Eigen::VectorXd& l = ref.explainedVariance;
    auto separated = [&](int i) {
        const double gap = std::min(i > 0 ? l[i - 1] - l[i] : INFINITY,
                                    i + 1 < l.size() ? l[i] - l[i + 1] : INFINITY);
        return l[i] > 1e-9 * l[0] && gap > 1e-3 * l[0];
    };
    std::vector<int> order(static_cast<size_t>(d.n()));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(5);
    for (int trial = 0; trial < 3; ++trial) {
        if (trial == 0)
            std::reverse(order.begin(), order.end());
        else
            for (size_t k = order.size(); k > 1; --k)
                std::swap(order[k - 1], order[rng.below(k)]);
        Matrix X(d.n(), d.d());
        for (int i = 0; i < d.n(); ++i)
            X.row(i) = d.X.row(order[static_cast<size_t>(i)]);
        const PcaResult r = fitPca(X, {unitVariance});
        for (int c = 0; c < r.count(); ++c) {
            if (!separated(c)) continue;
            const float diff = (r.components.col(c) - ref.components.col(c)).cwiseAbs().maxCoeff();
            QVERIFY2(diff < 1e-4f,
                     qPrintable(QString("component %1 differs by %2").arg(c + 1).arg(diff)));
        }
    }
    for (int c = 0; c < ref.count(); ++c) { // the first entry of (nearly) largest |value| is > 0
        const auto col = ref.components.col(c);
        const float m = col.cwiseAbs().maxCoeff();
        int j = 0;
        while (std::abs(col[j]) < m * (1 - 2e-6f))
            ++j;
        QVERIFY(col[j] > 0);
    }
    if (data == "old-faithful") {
        const float h = static_cast<float>(M_SQRT1_2);
        QVERIFY(std::abs(ref.components(0, 1) - h) < 1e-6f);
        QVERIFY(std::abs(ref.components(1, 1) + h) < 1e-6f);
    }
}

void TestPca::svdPathEqualsEigenPath_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("unitVariance");
    QTest::newRow("iris (d ≤ N)") << "iris" << false;
    QTest::newRow("gauss5 scaled (d ≤ N)") << "gauss5" << true;
    QTest::newRow("digits (d ≤ N, zero eigenvalues)") << "digits" << false;
    QTest::newRow("wide 12x40 (d > N)") << "wide 12x40" << false;
    QTest::newRow("lecture 7x5") << "lecture" << false;
}

// Both solvers on the same data: the same eigenvalues and, where they are separated, the same
// components with the same signs. On wide data (d > N) only N − 1 eigenvalues are non-zero.
void TestPca::svdPathEqualsEigenPath() {
    QFETCH(QString, data);
    QFETCH(bool, unitVariance);
    const Dataset d = named(data);
    const PcaResult a = fitPca(d.X, {unitVariance, PcaSolver::Covariance});
    const PcaResult b = fitPca(d.X, {unitVariance, PcaSolver::Svd});
    QCOMPARE(a.solver, PcaSolver::Covariance);
    QCOMPARE(b.solver, PcaSolver::Svd);
    QCOMPARE(fitPca(d.X, {unitVariance}).solver,
             d.d() > d.n() ? PcaSolver::Svd : PcaSolver::Covariance);
    QVERIFY(std::abs(a.totalVariance - b.totalVariance) < 1e-9 * a.totalVariance);
    const int r = std::min(a.count(), b.count());
    const Eigen::VectorXd& l = a.explainedVariance;
    for (int i = 0; i < r; ++i) {
        QVERIFY(std::abs(l[i] - b.explainedVariance[i]) < 1e-9 * l[0]);
        const double gap = std::min(i > 0 ? l[i - 1] - l[i] : INFINITY,
                                    i + 1 < l.size() ? l[i] - l[i + 1] : INFINITY);
        if (l[i] < 1e-9 * l[0] || gap < 1e-3 * l[0]) continue;
        QVERIFY2((a.components.col(i) - b.components.col(i)).cwiseAbs().maxCoeff() < 1e-5f,
                 qPrintable(QString("component %1").arg(i + 1)));
    }
    if (d.d() > d.n()) {
        QCOMPARE(b.count(), d.n());
        QVERIFY(b.explainedVariance[d.n() - 1] < 1e-9 * l[0]);
    }
}

// Standardised Iris: the well-known correlation-matrix PCA (eigenvalues with 1/(N−1):
// 2.9381, 0.9202, 0.1477, 0.0209; ratios 72.96 %, 22.85 %), and mean/scale equal to what
// core::standardize() (StandardScaler, 1/N) applies.
void TestPca::standardisedIris() {
    Dataset d = builtin("iris");
    const PcaResult r = fitPca(d.X, {true});
    const double expected[] = {2.9381, 0.9202, 0.1477, 0.0209};
    for (int i = 0; i < 4; ++i)
        QVERIFY(std::abs(r.explainedVariance[i] - expected[i]) < 1e-4);
    QVERIFY(std::abs(r.explainedVarianceRatio[0] - 0.7296) < 1e-4);
    QVERIFY(std::abs(r.explainedVarianceRatio[1] - 0.2285) < 1e-4);
    QVERIFY(std::abs(r.totalVariance - 4.0 * 150 / 149) < 1e-9);
    const Standardization s = standardize(d);
    QVERIFY((s.mean - r.mean).cwiseAbs().maxCoeff() < 1e-6f);
    QVERIFY((s.scale - r.scale).cwiseAbs().maxCoeff() < 1e-6f);
    // PCA of the already standardised data (no scaling) is the same PCA.
    const PcaResult r2 = fitPca(d.X);
    QVERIFY((r2.components - r.components).cwiseAbs().maxCoeff() < 1e-5f);
}

void TestPca::stepwiseConverges_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<bool>("unitVariance");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("components");
    for (const char* method : {"power-iteration", "oja"}) {
        const std::string m = method;
        QTest::newRow((m + " iris").c_str()) << "iris" << false << method << 4;
        QTest::newRow((m + " iris scaled").c_str()) << "iris" << true << method << 3;
        QTest::newRow((m + " old-faithful scaled").c_str())
            << "old-faithful" << true << method << 2;
        QTest::newRow((m + " gauss5").c_str()) << "gauss5" << false << method << 5;
    }
    QTest::newRow("power-iteration digits") << "digits" << false << "power-iteration" << 6;
}

// The components found one by one agree with the exact ones to < 0.5°, with the same sign and
// the same explained variance; they are orthonormal; converged() and no limit warning.
void TestPca::stepwiseConverges() {
    QFETCH(QString, data);
    QFETCH(bool, unitVariance);
    QFETCH(QString, method);
    QFETCH(int, components);
    Pca m;
    m.reset(named(data), pcaParams(method, unitVariance, components), 42);
    runToEnd(m);
    QVERIFY(m.finished());
    QVERIFY(m.converged());
    const auto snap = m.snapshot();
    const PcaSnapshot& s = asPca(snap);
    QCOMPARE(s.found.cols(), Eigen::Index{components});
    QCOMPARE(QString::fromStdString(s.phase), QString("done"));
    const PcaResult& exact = *s.exact;
    for (int i = 0; i < components; ++i) {
        const Eigen::VectorXd e = exact.components.col(i).cast<double>();
        const double angle = angleDeg(s.found.col(i), e);
        QVERIFY2(angle < 0.5, qPrintable(QString("component %1: %2°").arg(i + 1).arg(angle)));
        QVERIFY(s.found.col(i).dot(e) > 0);
        QVERIFY(std::abs(s.foundVariance[i] - exact.explainedVariance[i]) <
                1e-4 * exact.explainedVariance[0]);
    }
    QVERIFY((s.found.transpose() * s.found - Eigen::MatrixXd::Identity(components, components))
                .cwiseAbs()
                .maxCoeff() < 1e-9);
    QVERIFY(std::abs(s.explainedVarianceFound - exact.explainedVariance.head(components).sum()) <
            1e-4 * exact.totalVariance);
    QVERIFY(std::abs(s.explainedVarianceRatioFound -
                     exact.explainedVarianceRatio.head(components).sum()) < 1e-4);
    for (const auto& e : s.events)
        QVERIFY(e.kind != ModelEvent::Kind::Warning);
}

// Init → iterate … → (component found) → deflate → iterate … → done, with labels, the
// trace recorded per Iterate step, and no step after done.
void TestPca::phaseSequence() {
    Pca m;
    m.reset(builtin("iris"), pcaParams("power-iteration", false, 2), 1);
    auto s = m.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("init"));
    QCOMPARE(QString::fromStdString(s->phaseLabel), QString("start vector (component 1)"));
    QCOMPARE(asPca(s).current, 0);
    std::vector<std::string> phases;
    while (!m.finished()) {
        m.step();
        phases.push_back(m.snapshot()->phase);
    }
    const auto deflateAt = std::find(phases.begin(), phases.end(), "deflate");
    QVERIFY(deflateAt != phases.end());
    QCOMPARE(std::count(phases.begin(), phases.end(), std::string("deflate")), 1l);
    QVERIFY(std::all_of(phases.begin(), deflateAt, [](auto& p) { return p == "iterate"; }));
    QCOMPARE(phases.back(), std::string("done"));
    s = m.snapshot();
    const PcaSnapshot& p = asPca(s);
    QCOMPARE(p.iterationsPerComponent.size(), size_t{2});
    QCOMPARE(static_cast<int64_t>(p.trace.size()),
             p.iterationsPerComponent[0] + p.iterationsPerComponent[1]);
    QCOMPARE(s->iteration, static_cast<int64_t>(p.trace.size()));
    QCOMPARE(s->stepCount, s->iteration + 1); // + the one deflation
    QVERIFY(p.trace.back().residualDeg < 1e-2);
    QVERIFY(s->converged);
    const int64_t steps = s->stepCount;
    m.step();
    QCOMPARE(m.snapshot()->stepCount, steps);
}

void TestPca::deterministic_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("power-iteration") << "power-iteration";
    QTest::newRow("oja") << "oja";
}

// Same data + params + seed: bit-identical runs. Another seed: another start vector.
void TestPca::deterministic() {
    QFETCH(QString, method);
    const Dataset d = named("gauss5");
    Pca a, b, c;
    a.reset(d, pcaParams(method, false, 3), 9);
    b.reset(d, pcaParams(method, false, 3), 9);
    c.reset(d, pcaParams(method, false, 3), 10);
    QVERIFY(a.estimate() != c.estimate());
    while (!a.finished()) {
        a.step();
        b.step();
        QCOMPARE(a.estimate(), b.estimate());
    }
    QVERIFY(b.finished());
    QCOMPARE(a.found(), b.found());
    QCOMPARE(asPca(a.snapshot()).iterationsPerComponent,
             asPca(b.snapshot()).iterationsPerComponent);
}

void TestPca::restoreContinuesExactly_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("component");
    QTest::addColumn<int>("extraSteps");
    QTest::newRow("power-iteration, component 1") << "power-iteration" << 0 << 3;
    QTest::newRow("power-iteration, right after deflation") << "power-iteration" << 1 << 0;
    QTest::newRow("oja, mid epoch") << "oja" << 0 << 3;
    QTest::newRow("oja, component 2") << "oja" << 1 << 4;
}

// A snapshot restored into a fresh model continues exactly as the original run did.
void TestPca::restoreContinuesExactly() {
    QFETCH(QString, method);
    QFETCH(int, component);
    QFETCH(int, extraSteps);
    const Dataset d = builtin("iris");
    const Params p = pcaParams(method, true, 3);
    Pca m;
    m.reset(d, p, 4);
    while (!m.finished() && asPca(m.snapshot()).current < component)
        m.step();
    for (int i = 0; i < extraSteps && !m.finished(); ++i)
        m.step();
    const SnapshotPtr saved = m.snapshot();
    std::vector<Eigen::VectorXd> rest;
    while (!m.finished()) {
        m.step();
        rest.push_back(m.estimate());
    }
    QVERIFY(!rest.empty());
    Pca other;
    other.reset(d, p, 99); // another seed: restore must bring the generator state back too
    QVERIFY(other.restore(*saved));
    QCOMPARE(other.snapshot()->stepCount, saved->stepCount);
    for (const Eigen::VectorXd& u : rest) {
        other.step();
        QCOMPARE(other.estimate(), u);
    }
    QVERIFY(other.finished());
    QCOMPARE(other.found(), m.found());
    // A snapshot of another kind (or method) is refused.
    Pca power;
    power.reset(d, pcaParams(method == "oja" ? "power-iteration" : "oja", true, 3), 4);
    QVERIFY(!power.restore(*saved));
}

// Rank-1 data (points on a line in 3-D) with 3 components asked: the first is the line, the
// next two any orthonormal completion with variance 0; no warning, no NaN.
void TestPca::moreComponentsThanRank() {
    Dataset d;
    d.X.resize(20, 3);
    for (int i = 0; i < 20; ++i)
        d.X.row(i) << 1.0f * i, 2.0f * i + 1, -1.0f * i;
    for (const char* method : {"power-iteration", "oja"}) {
        Pca m;
        m.reset(d, pcaParams(method, false, 3), 2);
        runToEnd(m, 10000);
        QVERIFY(m.converged());
        const SnapshotPtr snap = m.snapshot();
        const PcaSnapshot& s = asPca(snap);
        QVERIFY(s.found.allFinite());
        QVERIFY((s.found.transpose() * s.found - Eigen::MatrixXd::Identity(3, 3))
                    .cwiseAbs()
                    .maxCoeff() < 1e-9);
        QVERIFY(angleDeg(s.found.col(0), Eigen::Vector3d(1, 2, -1)) < 0.02);
        // What is left of λ1 after accepting PC1 within tol = 0.01°: λ1 sin²(0.01°) ≈ 3e-8 λ1.
        QVERIFY(std::abs(s.foundVariance[1]) < 1e-7 * s.foundVariance[0]);
        QVERIFY(std::abs(s.foundVariance[2]) < 1e-7 * s.foundVariance[0]);
    }
    // components above d are clipped, and said so.
    Pca m;
    m.reset(d, pcaParams("power-iteration", false, 10), 2);
    QCOMPARE(asPca(m.snapshot()).requested, 3);
    QVERIFY(!m.snapshot()->events.empty());
}

// Edited data: the components are found again from the previous ones (no flip, few steps).
void TestPca::replaceDataKeepsAxes() {
    Dataset d = named("gauss5");
    Pca m;
    m.reset(d, pcaParams("power-iteration", false, 2), 3);
    runToEnd(m);
    const Eigen::MatrixXd before = m.found();
    const int64_t firstSteps = m.snapshot()->stepCount;
    d.X.conservativeResize(d.n() - 20, Eigen::NoChange);
    m.replaceData(d);
    QCOMPARE(QString::fromStdString(m.snapshot()->phase), QString("init"));
    QVERIFY(angleDeg(m.estimate(), before.col(0)) < 1e-9);
    runToEnd(m);
    QVERIFY(m.converged());
    QVERIFY(m.snapshot()->stepCount - firstSteps < firstSteps);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(m.found().col(i).dot(before.col(i)) > 0.99);
        QVERIFY(angleDeg(m.found().col(i), m.exact().components.col(i).cast<double>()) < 0.5);
    }
    Dataset wrong;
    wrong.X = Matrix::Ones(10, 4);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.replaceData(wrong));
}

void TestPca::badInputThrows() {
    Dataset one;
    one.X = Matrix::Ones(1, 3);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitPca(one.X));
    try {
        fitPca(one.X);
    } catch (const std::invalid_argument& e) {
        QVERIFY(QString(e.what()).contains("at least 2 points"));
    }
    Dataset none;
    none.X.resize(5, 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitPca(none.X));
    Dataset nan = named("iris");
    nan.X(7, 2) = std::numeric_limits<float>::quiet_NaN();
    try {
        fitPca(nan.X);
        QFAIL("NaN accepted");
    } catch (const std::invalid_argument& e) {
        QVERIFY(QString(e.what()).contains("row 8, column 3"));
    }
    Pca m;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.reset(one, pcaParams("oja", false, 2), 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.reset(nan, pcaParams("oja", false, 2), 1));
    Params p(Pca::specs());
    QVERIFY_THROWS_EXCEPTION(ParamError, p.set("components", int64_t{0}));
    QVERIFY_THROWS_EXCEPTION(ParamError, p.set("method", std::string("svd")));
    QVERIFY_THROWS_EXCEPTION(ParamError, p.set("learning-rate", 2.0));
    const PcaResult r = fitPca(named("iris").X);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.project(Matrix::Ones(3, 5), 1));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, r.project(Matrix::Ones(3, 4), 5));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, r.reconstructionError(-1));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, r.reconstruct(Matrix::Ones(3, 5)));
}

void TestPca::agreesWithScikitLearn_data() {
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<bool>("standardize");
    QTest::newRow("iris") << "iris"
                          << "resources/data/iris.csv" << false;
    QTest::newRow("iris standardised") << "iris"
                                       << "resources/data/iris.csv" << true;
    QTest::newRow("digits") << "digits"
                            << "resources/data/digits_8x8.csv" << false;
    QTest::newRow("digits standardised") << "digits"
                                         << "resources/data/digits_8x8.csv" << true;
}

// scikit-learn 1.2 PCA(svd_solver="full") on the same CSV: explained_variance_ (rtol 1e-4),
// ratios, mean_ (or the scaler's mean_/scale_), and components_ with our sign rule applied —
// signs included — wherever the eigenvalue is separated from its neighbours.
void TestPca::agreesWithScikitLearn() {
    QFETCH(QString, dataset);
    QFETCH(QString, csv);
    QFETCH(bool, standardize);
    QProcess py;
    QStringList args{sourceDir() + "/scripts/bench/check_sklearn_pca.py", sourceDir() + "/" + csv};
    if (standardize) args << "--standardize";
    py.start("/usr/bin/python3", args);
    if (!py.waitForStarted(5000)) QSKIP("/usr/bin/python3 is not available: no scikit-learn check");
    QVERIFY(py.waitForFinished(60000));
    const QByteArray out = py.readAllStandardOutput();
    if (py.exitCode() == 77) QSKIP(qPrintable("scikit-learn is not installed: " + out.trimmed()));
    QVERIFY2(py.exitCode() == 0, qPrintable(out + py.readAllStandardError()));
    const QJsonObject sk = QJsonDocument::fromJson(out).object();
    QVERIFY(!sk.isEmpty());

    const Dataset d = builtin(dataset.toStdString());
    const PcaResult r = fitPca(d.X, {standardize});
    const Eigen::VectorXd lambda = jsonVector(sk["explained_variance"].toArray());
    const Eigen::VectorXd ratio = jsonVector(sk["explained_variance_ratio"].toArray());
    const Eigen::MatrixXd comps = jsonMatrix(sk["components"].toArray()).transpose();
    QCOMPARE(lambda.size(), Eigen::Index{r.count()});
    const double l1 = lambda[0];
    double maxRelVar = 0, maxComp = 0, maxMean = 0;
    int compared = 0;
    for (int i = 0; i < r.count(); ++i) {
        const double diff = std::abs(r.explainedVariance[i] - lambda[i]);
        if (lambda[i] > 1e-9 * l1) maxRelVar = std::max(maxRelVar, diff / lambda[i]);
        QVERIFY2(
            diff <= 1e-4 * lambda[i] + 1e-10 * l1,
            qPrintable(
                QString("λ%1: %2 vs %3").arg(i + 1).arg(r.explainedVariance[i]).arg(lambda[i])));
        QVERIFY(std::abs(r.explainedVarianceRatio[i] - ratio[i]) <= 1e-4 * ratio[i] + 1e-12);
        const double gap = std::min(i > 0 ? lambda[i - 1] - lambda[i] : INFINITY,
                                    i + 1 < r.count() ? lambda[i] - lambda[i + 1] : INFINITY);
        if (lambda[i] < 1e-6 * l1 || gap < 1e-3 * l1) continue;
        const double c = (r.components.col(i).cast<double>() - comps.col(i)).cwiseAbs().maxCoeff();
        maxComp = std::max(maxComp, c);
        ++compared;
        QVERIFY2(c < 1e-4, qPrintable(QString("component %1 differs by %2").arg(i + 1).arg(c)));
    }
    const Eigen::VectorXd mean = jsonVector(sk[standardize ? "scaler_mean" : "mean"].toArray());
    maxMean = (r.mean.cast<double>() - mean).cwiseAbs().maxCoeff();
    QVERIFY(maxMean < 1e-4);
    if (standardize) {
        const Eigen::VectorXd scale = jsonVector(sk["scaler_scale"].toArray());
        QVERIFY((r.scale.cast<double>() - scale).cwiseAbs().maxCoeff() < 1e-5);
    }
    qInfo("%s%s: %d of %d components compared, max |Δcomponent| %.2g, max rel Δλ %.2g, "
          "max |Δmean| %.2g",
          qPrintable(dataset), standardize ? " standardised" : "", compared, r.count(), maxComp,
          maxRelVar, maxMean);
}

QTEST_GUILESS_MAIN(TestPca)
#include "test_pca.moc"
