// k-means against the lecture's properties (LECTURES.md "k-means"): the labelled
// assign/update sequence, J never increasing, determinism, thread-count independence, each
// initialisation, distance and empty-cluster policy, soft → hard as β grows, exact restore.
#include "core/kmeans.h"
#include "core/kmeans_kernels.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace latentlab::core;

#include "data_support.h"

using latentlab::test::blobs;
using latentlab::test::makeData;

namespace {

Params params(int k, const std::string& init = "kmeans++", const std::string& distance = "l2") {
    Params p(KMeans::specs());
    p.set("k", int64_t{k});
    p.set("init", init);
    p.set("distance", distance);
    return p;
}

void runToEnd(KMeans& km) {
    for (int i = 0; i < 10000 && !km.finished(); ++i) km.step();
}

const KMeansSnapshot& asKm(const SnapshotPtr& s) {
    return dynamic_cast<const KMeansSnapshot&>(*s);
}

} // namespace

class TestKMeans : public QObject {
    Q_OBJECT
private slots:
    void lectureSequence();
    void objectiveNeverIncreases_data();
    void objectiveNeverIncreases();
    void sameSeedSameRun();
    void threadCountDoesNotMatter();
    void assignmentMatchesBruteForce_data();
    void assignmentMatchesBruteForce();
    void randomInitPicksDistinctPoints();
    void farthestInitPicksFarthestPoint();
    void kmeansPlusPlusSpreadsSeeds();
    void l1UpdateIsMedian();
    void cosineAssignsByAngle();
    void emptyClusterReseededAtFarthestPoint();
    void emptyClusterKept();
    void softTendsToHard();
    void restoreContinuesExactly();
    void maxIterStopsUnconverged();
    void elbowFallsWithK();
    void badInputThrows();
};

// Lecture 000:230-242: pick seeds → reassign → compute centroids → reassign → … → converged.
// Hand-computed on six points with seeds (0,0) and (1,0).
void TestKMeans::lectureSequence() {
    auto data = makeData({{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}, {5, 6}});
    KMeans km;
    km.reset(data, params(2), 1);
    Matrix seeds(2, 2);
    seeds << 0, 0, 1, 0;
    km.setInitialCentroids(seeds);
    QCOMPARE(QString::fromStdString(km.snapshot()->phaseLabel), QString("pick seeds"));

    km.step(); // reassign
    auto s = km.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("assign"));
    QCOMPARE(*asKm(s).labels, (std::vector<uint8_t>{0, 1, 0, 1, 1, 1}));
    QCOMPARE(s->objective, 144.0);

    km.step(); // compute centroids
    s = km.snapshot();
    QCOMPARE(QString::fromStdString(s->phase), QString("update"));
    QCOMPARE(asKm(s).centroids(0, 1), 0.5f);
    QCOMPARE(asKm(s).centroids(1, 0), 4.25f);
    QCOMPARE(asKm(s).centroids(1, 1), 4.0f);
    QVERIFY(std::abs(s->objective - 37.25) < 1e-9);

    km.step(); // reassign: point (1,0) moves to the first cluster
    s = km.snapshot();
    QCOMPARE(*asKm(s).labels, (std::vector<uint8_t>{0, 0, 0, 1, 1, 1}));
    QCOMPARE(asKm(s).changed, int64_t{1});
    QVERIFY(std::abs(s->objective - 11.9375) < 1e-9);
    QVERIFY(!s->converged);

    km.step(); // compute centroids
    km.step(); // reassign: nothing changes → converged!
    s = km.snapshot();
    QVERIFY(s->converged);
    QCOMPARE(QString::fromStdString(s->phaseLabel), QString("converged!"));
    QCOMPARE(s->iteration, int64_t{2});
    const auto& perIter = asKm(s).objectivePerIteration;
    QCOMPARE(perIter.size(), size_t{3});
    QCOMPARE(perIter[0], 144.0);
    QVERIFY(std::abs(perIter[1] - 37.25) < 1e-9);
    QVERIFY(std::abs(perIter[2] - 8.0 / 3.0) < 1e-6);
    const int64_t steps = s->stepCount;
    km.step(); // no-op once converged
    QCOMPARE(km.snapshot()->stepCount, steps);
}

void TestKMeans::objectiveNeverIncreases_data() {
    QTest::addColumn<QString>("distance");
    QTest::addColumn<QString>("init");
    QTest::addColumn<bool>("soft");
    QTest::addColumn<int>("d");
    for (const char* init : {"random", "farthest", "kmeans++"}) {
        QTest::newRow((std::string("l2 ") + init).c_str()) << "l2" << init << false << 2;
        QTest::newRow((std::string("l1 ") + init).c_str()) << "l1" << init << false << 2;
        QTest::newRow((std::string("cosine ") + init).c_str()) << "cosine" << init << false << 3;
    }
    QTest::newRow("l2 d=12 (matrix-product path)") << "l2" << "random" << false << 12;
    QTest::newRow("l1 d=7") << "l1" << "kmeans++" << false << 7;
    QTest::newRow("soft β=1") << "l2" << "kmeans++" << true << 2;
}

// J never increases (003:3605-3617), for every half-step, across many seeds and data sets.
// Tolerance: the assignment sums float distances, the update's J is exact in double.
void TestKMeans::objectiveNeverIncreases() {
    QFETCH(QString, distance);
    QFETCH(QString, init);
    QFETCH(bool, soft);
    QFETCH(int, d);
    int checked = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
        for (int k : {2, 5, 9}) {
            auto data = blobs(300 + 37 * static_cast<int>(seed), d, 4, seed % 3 == 0 ? 1.0 : 5.0,
                              seed);
            Params p = params(k, init.toStdString(), distance.toStdString());
            p.set("soft", soft);
            KMeans km;
            km.reset(data, p, seed);
            runToEnd(km);
            const SnapshotPtr snap = km.snapshot();
            const auto& hist = asKm(snap).objectiveHistory;
            QVERIFY(hist.size() >= 2);
            for (size_t i = 1; i < hist.size(); ++i) {
                const double tol = 1e-6 * std::abs(hist[i - 1]) + 1e-9;
                if (hist[i] > hist[i - 1] + tol)
                    QFAIL(qPrintable(QString("J rose from %1 to %2 at step %3 (seed %4, K %5)")
                                         .arg(hist[i - 1], 0, 'g', 17)
                                         .arg(hist[i], 0, 'g', 17)
                                         .arg(i)
                                         .arg(seed)
                                         .arg(k)));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 100);
}

void TestKMeans::sameSeedSameRun() {
    auto data = blobs(5000, 2, 5, 3.0, 7);
    KMeans a, b;
    a.reset(data, params(5), 42);
    b.reset(data, params(5), 42);
    while (!a.finished()) {
        a.step();
        b.step();
        QCOMPARE(a.centroids(), b.centroids());
        QCOMPARE(a.labels(), b.labels());
        QCOMPARE(a.snapshot()->objective, b.snapshot()->objective);
    }
    QVERIFY(b.finished());
    KMeans c;
    c.reset(data, params(5), 43);
    QVERIFY(asKm(c.snapshot()).initialCentroids != asKm(a.snapshot()).initialCentroids);
}

// Chunks are fixed and reduced in order: 1, 2 or 3 threads give bit-identical runs.
void TestKMeans::threadCountDoesNotMatter() {
    auto data = blobs(3 * kernels::kChunk + 123, 2, 6, 2.0, 3); // several chunks
    auto wide = blobs(2 * kernels::kChunk + 5, 16, 6, 2.0, 4);
    for (const auto& ds : {data, wide}) {
        for (const char* dist : {"l2", "l1", "cosine"}) {
            std::vector<std::vector<double>> objectives;
            std::vector<Matrix> finals;
            for (int threads : {1, 2, 3}) {
                KMeans km;
                km.setThreads(threads);
                km.reset(ds, params(6, "kmeans++", dist), 11);
                runToEnd(km);
                objectives.push_back(asKm(km.snapshot()).objectiveHistory);
                finals.push_back(km.centroids());
            }
            QCOMPARE(objectives[1], objectives[0]);
            QCOMPARE(objectives[2], objectives[0]);
            QCOMPARE(finals[1], finals[0]);
            QCOMPARE(finals[2], finals[0]);
        }
    }
}

void TestKMeans::assignmentMatchesBruteForce_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("d");
    QTest::addColumn<int>("k");
    // Sizes not multiples of the kernels' blocks and chunks, the vectorised d = 2 path, the
    // small fixed-d paths and the matrix-product path for many features.
    QTest::newRow("d=1") << 1001 << 1 << 5;
    QTest::newRow("d=2 K=10") << 2 * kernels::kChunk + 37 << 2 << 10;
    QTest::newRow("d=2 K=1") << 517 << 2 << 1;
    QTest::newRow("d=2 K=64") << 4099 << 2 << 64;
    QTest::newRow("d=3") << 999 << 3 << 7;
    QTest::newRow("d=4") << 777 << 4 << 3;
    QTest::newRow("d=20") << kernels::kChunk + 3 << 20 << 12;
}

void TestKMeans::assignmentMatchesBruteForce() {
    QFETCH(int, n);
    QFETCH(int, d);
    QFETCH(int, k);
    auto data = blobs(n, d, std::max(2, k / 2), 3.0, 77);
    KMeans km;
    km.reset(data, params(k, "random"), 5);
    for (int step = 0; step < 4; ++step) { // assign, update, assign, update
        const Matrix mu = km.centroids();
        km.step();
        const auto& s = asKm(km.snapshot());
        if (s.kmeansPhase != KMeansPhase::Assign) continue;
        double J = 0;
        for (int i = 0; i < n; ++i) {
            std::vector<double> dist(static_cast<size_t>(k));
            for (int c = 0; c < k; ++c) {
                double acc = 0;
                for (int j = 0; j < d; ++j) acc += std::pow(double(data->X(i, j)) - mu(c, j), 2);
                dist[static_cast<size_t>(c)] = acc;
            }
            const int label = (*s.labels)[static_cast<size_t>(i)];
            const double best = *std::min_element(dist.begin(), dist.end());
            // The chosen centre is the nearest, up to float rounding of near-ties.
            QVERIFY2(dist[static_cast<size_t>(label)] <= best + 1e-4 * (1 + best),
                     qPrintable(QString("point %1: label %2 at %3, nearest at %4").arg(i).arg(label)
                                    .arg(dist[size_t(label)]).arg(best)));
            J += dist[static_cast<size_t>(label)];
        }
        QVERIFY2(std::abs(s.objective - J) <= 1e-5 * J, qPrintable(QString("J %1 vs %2").arg(s.objective).arg(J)));
    }
}

void TestKMeans::randomInitPicksDistinctPoints() {
    auto data = makeData({{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}});
    for (uint64_t seed = 0; seed < 50; ++seed) {
        KMeans km;
        km.reset(data, params(5, "random"), seed);
        std::vector<float> xs;
        for (int k = 0; k < 5; ++k) xs.push_back(km.centroids()(k, 0));
        std::sort(xs.begin(), xs.end());
        QCOMPARE(xs, (std::vector<float>{0, 1, 2, 3, 4}));
    }
}

void TestKMeans::farthestInitPicksFarthestPoint() {
    auto data = makeData({{0, 0}, {1, 0}, {2, 0}, {10, 0}, {4, 0}});
    for (uint64_t seed = 0; seed < 20; ++seed) {
        KMeans km;
        km.reset(data, params(2, "farthest"), seed);
        const float first = km.centroids()(0, 0);
        const float second = km.centroids()(1, 0);
        QCOMPARE(second, first < 5.5f ? 10.0f : 0.0f); // the point farthest from the first seed
    }
}

// k-means++ ("random + far", 003:3653) puts the seeds in different blobs far more often than
// random seeding does.
void TestKMeans::kmeansPlusPlusSpreadsSeeds() {
    auto countSpread = [](const std::string& init) {
        int good = 0;
        for (uint64_t seed = 0; seed < 60; ++seed) {
            auto data = blobs(400, 2, 8, 30.0, seed + 100);
            KMeans km;
            km.reset(data, params(8, init), seed);
            std::vector<int> blob;
            for (int k = 0; k < 8; ++k) {
                const double a = std::atan2(km.centroids()(k, 1), km.centroids()(k, 0));
                blob.push_back(static_cast<int>(std::lround(a / (2 * M_PI / 8) + 8)) % 8);
            }
            std::sort(blob.begin(), blob.end());
            good += std::unique(blob.begin(), blob.end()) == blob.end();
        }
        return good;
    };
    const int pp = countSpread("kmeans++");
    const int random = countSpread("random");
    QVERIFY2(pp >= 45, qPrintable(QString("k-means++ spread the seeds in %1 of 60 runs").arg(pp)));
    QVERIFY2(random < pp, qPrintable(QString("random %1 vs k-means++ %2").arg(random).arg(pp)));
}

void TestKMeans::l1UpdateIsMedian() {
    // One cluster: the L1 update is the per-feature median, not the mean.
    auto data = makeData({{0, 0}, {1, 10}, {2, 1}, {100, 2}, {3, 3}});
    KMeans km;
    km.reset(data, params(1, "random", "l1"), 1);
    km.step();
    km.step();
    QCOMPARE(km.centroids()(0, 0), 2.0f);
    QCOMPARE(km.centroids()(0, 1), 2.0f);
    QCOMPARE(km.snapshot()->objective, (2.0 + 2) + (1 + 8) + (0 + 1) + (98 + 0) + (1 + 1));
    // Even count: the midpoint of the two middle values.
    auto even = makeData({{0, 0}, {1, 0}, {3, 0}, {50, 0}});
    km.reset(even, params(1, "random", "l1"), 1);
    km.step();
    km.step();
    QCOMPARE(km.centroids()(0, 0), 2.0f);
}

void TestKMeans::cosineAssignsByAngle() {
    // Two rays from the origin at different lengths: cosine k-means splits by direction.
    auto data = makeData({{1, 0.1f}, {10, 0.9f}, {100, 12}, {0.1f, 1}, {1, 9}, {15, 100}});
    KMeans km;
    km.reset(data, params(2, "farthest", "cosine"), 3);
    runToEnd(km);
    const auto& l = km.labels();
    QCOMPARE(l[0], l[1]);
    QCOMPARE(l[1], l[2]);
    QCOMPARE(l[3], l[4]);
    QCOMPARE(l[4], l[5]);
    QVERIFY(l[0] != l[3]);
    // The direction of each centroid is the normalised sum of its members' unit vectors.
    const int k = l[0];
    Eigen::Vector2d sum(0, 0);
    for (int i = 0; i < 3; ++i) sum += data->X.row(i).cast<double>().normalized().transpose();
    const Eigen::Vector2d dir = km.centroids().row(k).cast<double>().normalized().transpose();
    QVERIFY((dir - sum.normalized()).norm() < 1e-5);
}

void TestKMeans::emptyClusterReseededAtFarthestPoint() {
    auto data = makeData({{0, 0}, {1, 0}, {0, 1}, {9, 9}});
    KMeans km;
    km.reset(data, params(2, "random"), 1);
    Matrix seeds(2, 2);
    seeds << 3, 3, 100, 100; // the second seed wins no point
    km.setInitialCentroids(seeds);
    km.step(); // assign: cluster 2 empty
    QCOMPARE(asKm(km.snapshot()).clusterSizes[1], int64_t{0});
    km.step(); // update: re-seed at the point farthest from its centroid (3,3): (9,9)
    auto s = km.snapshot();
    QCOMPARE(km.centroids()(1, 0), 9.0f);
    QCOMPARE(km.centroids()(1, 1), 9.0f);
    bool reported = false;
    for (const auto& e : s->events) reported = reported || e.message.find("re-seeded") != std::string::npos;
    QVERIFY(reported);
    runToEnd(km);
    QCOMPARE(asKm(km.snapshot()).clusterSizes[1], int64_t{1});
}

void TestKMeans::emptyClusterKept() {
    auto data = makeData({{0, 0}, {1, 0}, {0, 1}, {9, 9}});
    Params p = params(2, "random");
    p.set("empty-cluster", std::string("keep"));
    KMeans km;
    km.reset(data, p, 1);
    Matrix seeds(2, 2);
    seeds << 3, 3, 100, 100;
    km.setInitialCentroids(seeds);
    runToEnd(km);
    QCOMPARE(km.centroids()(1, 0), 100.0f);
    QVERIFY(km.converged());
    KMeans again;
    again.reset(data, p, 1);
    again.setInitialCentroids(seeds);
    again.step();
    again.step();
    const auto snap = again.snapshot();
    bool reported = false;
    for (const auto& e : snap->events)
        reported = reported || e.message.find("kept") != std::string::npos;
    QVERIFY(reported);
}

// Soft k-means (003:3658-3675): as the stiffness β grows, soft k-means becomes hard k-means.
void TestKMeans::softTendsToHard() {
    auto data = blobs(600, 2, 3, 4.0, 5);
    KMeans hard;
    hard.reset(data, params(3, "kmeans++"), 9);
    runToEnd(hard);
    double previousGap = std::numeric_limits<double>::infinity();
    for (double beta : {0.05, 0.5, 5.0, 500.0}) {
        Params p = params(3, "kmeans++");
        p.set("soft", true);
        p.set("beta", beta);
        KMeans soft;
        soft.reset(data, p, 9);
        runToEnd(soft);
        const double gap = (soft.centroids() - hard.centroids()).cwiseAbs().maxCoeff();
        QVERIFY2(gap <= previousGap + 1e-6, qPrintable(QString("β=%1 gap %2").arg(beta).arg(gap)));
        previousGap = gap;
        if (beta >= 500) {
            QVERIFY(gap < 1e-3);
            QCOMPARE(soft.labels(), hard.labels());
        }
    }
}

// Scrubbing back and continuing: restoring a snapshot reproduces the original continuation.
void TestKMeans::restoreContinuesExactly() {
    for (const char* dist : {"l2", "l1", "cosine"}) {
        for (int cut : {0, 1, 2, 3, 4}) {
            auto data = blobs(2000, 3, 4, 2.0, 21);
            KMeans km;
            km.reset(data, params(4, "random", dist), 5);
            for (int i = 0; i < cut; ++i) km.step();
            const SnapshotPtr at = km.snapshot();
            std::vector<SnapshotPtr> original;
            for (int i = 0; i < 6; ++i) {
                km.step();
                original.push_back(km.snapshot());
            }
            KMeans other;
            other.reset(data, params(4, "random", dist), 999);
            QVERIFY(other.restore(*at));
            for (int i = 0; i < 6; ++i) {
                other.step();
                const auto& a = asKm(original[static_cast<size_t>(i)]);
                const SnapshotPtr snap = other.snapshot();
                const auto& b = asKm(snap);
                QCOMPARE(b.centroids, a.centroids);
                QCOMPARE(b.objective, a.objective);
                QCOMPARE(b.phase, a.phase);
                QCOMPARE(b.converged, a.converged);
                if (a.labels) QCOMPARE(*b.labels, *a.labels);
            }
        }
    }
}

void TestKMeans::maxIterStopsUnconverged() {
    auto data = blobs(3000, 2, 6, 1.0, 8);
    Params p = params(6, "random");
    p.set("max-iter", int64_t{2});
    KMeans km;
    km.reset(data, p, 2);
    runToEnd(km);
    QVERIFY(km.finished());
    QVERIFY(!km.converged());
    QCOMPARE(km.iteration(), int64_t{2});
}

// J keeps falling with K (003:3622-3634): the elbow curve of best-of-restarts J.
void TestKMeans::elbowFallsWithK() {
    auto data = blobs(600, 2, 3, 6.0, 4);
    const auto curve = elbowCurve(data, params(1), 6, 4, 1);
    QCOMPARE(curve.size(), size_t{6});
    for (size_t i = 1; i < curve.size(); ++i) QVERIFY(curve[i] <= curve[i - 1]);
    // The elbow is at the true K = 3: the drop from 2 to 3 dwarfs the drop from 3 to 4.
    QVERIFY(curve[1] - curve[2] > 5 * (curve[2] - curve[3]));
    std::atomic<bool> cancel{true};
    QVERIFY(elbowCurve(data, params(1), 6, 4, 1, &cancel).empty());
}

void TestKMeans::badInputThrows() {
    auto data = makeData({{0, 0}, {1, 1}});
    KMeans km;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, km.reset(data, params(3), 1));
    Params p = params(2, "random", "l1");
    p.set("soft", true);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, km.reset(data, p, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, params(65));
    Params bad(KMeans::specs());
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("init", "smart"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("k", "3.5"));
    QVERIFY_THROWS_EXCEPTION(ParamError, bad.setFromString("beta", "nan"));
    km.reset(data, params(2), 1);
    Matrix wrong(3, 2);
    wrong.setZero();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, km.setInitialCentroids(wrong));
}

QTEST_GUILESS_MAIN(TestKMeans)
#include "test_kmeans.moc"
