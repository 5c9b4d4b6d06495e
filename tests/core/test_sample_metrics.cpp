// Energy distance and the GAN mode-coverage score (core/sample_metrics.h): hand-computable
// cases, a brute-force double-precision reference, SciPy (scripts/bench/check_scipy_energy.py;
// skipped with a message when /usr/bin/python3 or SciPy is missing) and constructed samples.
#include "core/generators.h"
#include "core/rng.h"
#include "core/sample_metrics.h"
#include "python_check.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <stdexcept>

using namespace latentlab::core;

namespace {

Matrix normals(Eigen::Index n, Eigen::Index d, double mean, double sd, Rng& rng) {
    Matrix m(n, d);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < d; ++j) m(i, j) = static_cast<float>(rng.normal(mean, sd));
    return m;
}

/// The definition, term by term, in double.
double bruteEnergy(const Matrix& X, const Matrix& Y) {
    auto mean = [](const Matrix& A, const Matrix& B) {
        double s = 0;
        for (Eigen::Index i = 0; i < A.rows(); ++i)
            for (Eigen::Index j = 0; j < B.rows(); ++j)
                s += (A.row(i).cast<double>() - B.row(j).cast<double>()).norm();
        return s / (double(A.rows()) * double(B.rows()));
    };
    return 2 * mean(X, Y) - mean(X, X) - mean(Y, Y);
}

QString invalidArgumentOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestSampleMetrics : public QObject {
    Q_OBJECT
private slots:
    void energyByHand();
    void energyAgainstBruteForce();
    void energyAgainstScipy();
    void energyIsFast();
    void energyRejectsBadInput();
    void perfectRingSamples();
    void collapsedAndOffModeSamples();
    void thresholdIsThreeSigma();
};

void TestSampleMetrics::energyByHand() {
    Matrix a(1, 1), b(1, 1);
    a << 0.0f;
    b << 1.0f;
    QCOMPARE(energyDistance(a, b), 2.0); // 2·1 − 0 − 0
    // X = {(0,0), (1,0)}, Y = {(0,1)}: 2·(1 + √2)/2 − (0 + 1 + 1 + 0)/4 − 0 = 1 + √2 − ½.
    Matrix x(2, 2), y(1, 2);
    x << 0, 0, 1, 0;
    y << 0, 1;
    QVERIFY(std::abs(energyDistance(x, y) - (0.5 + std::sqrt(2.0))) < 1e-6);
    QVERIFY(std::abs(energyDistance(y, x) - (0.5 + std::sqrt(2.0))) < 1e-6);
    QVERIFY(std::abs(meanPairDistance(x, y) - (1 + std::sqrt(2.0)) / 2) < 1e-6);
    QCOMPARE(energyDistance(x, x), 0.0);
}

void TestSampleMetrics::energyAgainstBruteForce() {
    Rng rng(3);
    const Matrix x = normals(300, 3, 0.0, 1.0, rng), y = normals(211, 3, 0.3, 1.5, rng);
    for (int threads : {1, 2}) {
        const double e = energyDistance(x, y, threads);
        QVERIFY2(std::abs(e - energyDistance(y, x, threads)) < 1e-7, qPrintable(QString::number(e - energyDistance(y, x, threads)))); // symmetric up to summation order
        QVERIFY2(std::abs(e - bruteEnergy(x, y)) < 1e-6, qPrintable(QString::number(e - bruteEnergy(x, y))));
    }
    // Large enough to be split among threads: the same bits for any thread count.
    const Matrix big = normals(4200, 2, 0.0, 1.0, rng), big2 = normals(4100, 2, 0.1, 1.0, rng);
    QCOMPARE(energyDistance(big, big2, 2), energyDistance(big, big2, 1));
    QCOMPARE(meanPairDistance(big, big2, 3), meanPairDistance(big, big2, 1));
    // Moving Y away increases it; the same distribution gives nearly 0.
    const Matrix y2 = normals(300, 3, 0.0, 1.0, rng);
    QVERIFY(energyDistance(x, y2) < 0.05);
    QVERIFY(energyDistance(x, (y2.array() + 1.0f).matrix()) > energyDistance(x, y2) + 0.5);
}

void TestSampleMetrics::energyAgainstScipy() {
    Rng rng(11);
    std::vector<std::pair<Matrix, Matrix>> pairs;
    pairs.emplace_back(makeMoons(500, 0.1, 1).X, makeMoons(400, 0.1, 2).X);
    pairs.emplace_back(normals(300, 1, 0.0, 1.0, rng), normals(200, 1, 0.5, 2.0, rng));
    pairs.emplace_back(normals(120, 5, 0.0, 1.0, rng), normals(90, 5, 0.0, 3.0, rng));
    pairs.emplace_back(makeGrid25(300, 0.05, 3).X, makeRing(250, 8, 0.05, 4).X);
    QJsonArray in;
    for (const auto& [x, y] : pairs)
        in.append(QJsonObject{{"X", latentlab::test::toJson(x)}, {"Y", latentlab::test::toJson(y)}});
    const auto py = latentlab::test::runPythonCheck("check_scipy_energy.py", QJsonObject{{"pairs", in}});
    if (py.skipped) QSKIP(qPrintable("SciPy is not available: " + py.message));
    QVERIFY2(!py.out.isEmpty(), qPrintable(py.message));
    const QJsonObject& out = py.out;
    const QJsonArray squared = out["squared"].toArray(), scipy1d = out["scipy_1d"].toArray();
    QCOMPARE(squared.size(), qsizetype(pairs.size()));
    for (size_t k = 0; k < pairs.size(); ++k) {
        const double ours = energyDistance(pairs[k].first, pairs[k].second);
        const double theirs = squared[qsizetype(k)].toDouble();
        QVERIFY2(std::abs(ours - theirs) < 1e-5 * std::max(1.0, theirs),
                 qPrintable(QString("pair %1: %2 vs SciPy %3").arg(k).arg(ours).arg(theirs)));
        if (pairs[k].first.cols() == 1) // scipy.stats.energy_distance is the square root
            QVERIFY(std::abs(ours - scipy1d[qsizetype(k)].toDouble()) < 1e-5 * std::max(1.0, ours));
    }
}

void TestSampleMetrics::energyIsFast() {
    const Matrix x = makeMoons(2000, 0.1, 1).X, y = makeMoons(2000, 0.1, 2).X;
    energyDistance(x, y); // warm up the thread pool
    QElapsedTimer timer;
    timer.start();
    const double e = energyDistance(x, y);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    qInfo("energy distance 2000 × 2000 in 2-D: %.2f ms (D² = %.3g)", ms, e);
    QVERIFY2(ms < 100, qPrintable(QString::number(ms))); // a few ms; loose for a loaded CI machine
}

void TestSampleMetrics::energyRejectsBadInput() {
    const Matrix a = Matrix::Zero(3, 2);
    QVERIFY(invalidArgumentOf([&] { energyDistance(a, Matrix::Zero(3, 3)); }).contains("columns"));
    QVERIFY(invalidArgumentOf([&] { energyDistance(Matrix(0, 2), a); }).contains("empty"));
    Matrix bad = a;
    bad(1, 1) = std::nanf("");
    QVERIFY(invalidArgumentOf([&] { energyDistance(a, bad); }).contains("NaN"));
    QVERIFY(invalidArgumentOf([&] { modeQuality(a, ringCentres(8), 0.0); }).contains("σ"));
    QVERIFY(!invalidArgumentOf([&] { modeQuality(a, ringCentres(8), 0.05, 0); }).isEmpty());
    QVERIFY(!invalidArgumentOf([&] { modeQuality(a, Matrix::Zero(4, 3), 0.05); }).isEmpty());
}

// Samples from the true ring: every mode covered; high-quality fraction 1 − e^{−4.5} ≈ 0.9889 (the
// probability that a 2-D Gaussian sample lies within 3σ of its centre), within 5 binomial sds.
void TestSampleMetrics::perfectRingSamples() {
    const int n = 20000;
    const double sigma = 0.05;
    const Dataset ring = makeRing(n, 8, sigma, 7);
    const ModeQuality q = modeQuality(ring.X, ringCentres(8), sigma);
    QCOMPARE(q.modesCovered, 8);
    const double p = 1 - std::exp(-4.5);
    QVERIFY2(std::abs(q.highQualityFraction - p) < 5 * std::sqrt(p * (1 - p) / n),
             qPrintable(QString::number(q.highQualityFraction)));
    int64_t total = 0;
    for (int64_t c : q.highQualityPerMode) {
        total += c;
        QVERIFY(std::abs(double(c) - p * n / 8) < 5 * std::sqrt(n / 8.0));
    }
    QCOMPARE(double(total) / n, q.highQualityFraction);
    const Dataset grid = makeGrid25(5000, sigma, 8);
    const ModeQuality g = modeQuality(grid.X, grid25Centres(), sigma);
    QCOMPARE(g.modesCovered, 25);
    QVERIFY(g.highQualityFraction > 0.97);
}

void TestSampleMetrics::collapsedAndOffModeSamples() {
    const Matrix centres = ringCentres(8);
    // All samples on mode 3 (mode collapse): one mode, all high quality.
    Matrix collapsed(100, 2);
    collapsed.rowwise() = centres.row(3);
    ModeQuality q = modeQuality(collapsed, centres, 0.05);
    QCOMPARE(q.modesCovered, 1);
    QCOMPARE(q.highQualityFraction, 1.0);
    QCOMPARE(q.highQualityPerMode[3], int64_t(100));
    // All at the origin (between the modes): nothing.
    q = modeQuality(Matrix::Zero(50, 2), centres, 0.05);
    QCOMPARE(q.modesCovered, 0);
    QCOMPARE(q.highQualityFraction, 0.0);
    // Half on modes 0..3 (one each, the rest on mode 0), half far away; minSamplesPerMode.
    Matrix mixed = Matrix::Constant(8, 2, 10.0f);
    for (int i = 0; i < 4; ++i) mixed.row(i) = centres.row(i);
    q = modeQuality(mixed, centres, 0.05);
    QCOMPARE(q.modesCovered, 4);
    QCOMPARE(q.highQualityFraction, 0.5);
    mixed.row(4) = centres.row(0);
    QCOMPARE(modeQuality(mixed, centres, 0.05, 2).modesCovered, 1);
}

void TestSampleMetrics::thresholdIsThreeSigma() {
    const Matrix centres = grid25Centres();
    const float sigma = 0.1f;
    Matrix s(4, 2);
    s << 0.29f, 0.0f,          // 2.9σ from (0, 0): high quality
        0.31f, 0.0f,           // 3.1σ: not
        2.0f, 0.2f,            // 2σ from (2, 0)
        -4.0f + 0.25f, -4.25f; // 3.5σ diagonal from (−4, −4): not
    const ModeQuality q = modeQuality(s, centres, sigma);
    QCOMPARE(q.highQualityFraction, 0.5);
    QCOMPARE(q.modesCovered, 2);
    QCOMPARE(q.highQualityPerMode[12], int64_t(1)); // (0, 0) is label 5·2 + 2
    QCOMPARE(q.highQualityPerMode[13], int64_t(1));
}

QTEST_APPLESS_MAIN(TestSampleMetrics)
#include "test_sample_metrics.moc"
