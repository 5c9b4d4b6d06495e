// The RBM as a step-wise model (core/rbm.h): one step = one mini-batch, one iteration = one
// epoch; determinism for a seed and any thread count; exact replay after restore(); PCD chains
// that persist from batch to batch; monitors per epoch; the data checks; divergence; and the
// bars-and-stripes generator it is shown on.
#include "core/datasets.h"
#include "core/generators.h"
#include "core/rbm.h"

#include <QTest>

#include <cmath>
#include <set>

using namespace latentlab::core;

namespace {

/// The 8×8 digits scaled to [0, 1] (a CI-sized image data set).
std::shared_ptr<Dataset> digits() {
    auto d = std::make_shared<Dataset>(loadDataset("digits", Params(), 0));
    d->X /= 16.0f;
    return d;
}

Params params(int hidden, int epochs, int batch = 64) {
    Params p(Rbm::specs());
    p.set("hidden", int64_t{hidden});
    p.set("epochs", int64_t{epochs});
    p.set("batch", int64_t{batch});
    return p;
}

const RbmSnapshot& asRbm(const SnapshotPtr& s) { return dynamic_cast<const RbmSnapshot&>(*s); }

void runToEnd(Rbm& r) {
    for (int i = 0; i < 1000000 && !r.finished(); ++i) r.step();
}

bool hasEvent(const SnapshotPtr& s, ModelEvent::Kind kind, const std::string& text) {
    for (const auto& e : s->events)
        if (e.kind == kind && e.message.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

class TestRbm : public QObject {
    Q_OBJECT
private slots:
    void stepIsOneMiniBatch();
    void sameSeedSameWeights();
    void anyThreadCountSameWeights();
    void restoreReplaysExactly();
    void snapshotsAreImmutable();
    void pcdChainsPersist();
    void settingsChangeTheUpdate_data();
    void settingsChangeTheUpdate();
    void trainingImprovesMonitors();
    void exactModeMonitors();
    void heldOutSplit();
    void rejectsBadData_data();
    void rejectsBadData();
    void divergenceKeepsLastGoodWeights();
    void setWeightsAndReplaceData();
    void barsAndStripes();
};

void TestRbm::stepIsOneMiniBatch() {
    auto data = digits();
    Rbm r;
    r.reset(data, params(32, 2, 100), 1);
    const int nTrain = data->n() - static_cast<int>(std::floor(data->n() / 12.0)); // 1647
    QCOMPARE(static_cast<int>(r.split().train.rows()), nTrain);
    QCOMPARE(r.stepsPerIteration(), (nTrain + 99) / 100);
    auto s0 = asRbm(r.snapshot());
    QCOMPARE(s0.phase, std::string("init"));
    QCOMPARE(s0.weights->W.rows(), 64);
    QCOMPARE(s0.weights->W.cols(), 32);
    QVERIFY(s0.imageShape && s0.imageShape->width == 8);
    r.step();
    const SnapshotPtr p1 = r.snapshot();
    const RbmSnapshot& s1 = asRbm(p1);
    QCOMPARE(s1.phase, std::string("cd-update"));
    QCOMPARE(s1.batchInEpoch, int64_t{1});
    QCOMPARE(s1.epoch, int64_t{0});
    QVERIFY2(s1.phaseLabel.find("CD-1 update on mini-batch 1 of 17, epoch 1") != std::string::npos, s1.phaseLabel.c_str());
    QCOMPARE(s1.batchErrors.size(), size_t{1});
    QCOMPARE(s1.batchErrors[0]->size(), size_t{1});
    QCOMPARE(static_cast<float>(s1.objective), (*s1.batchErrors[0])[0]);
    int64_t counted = 0;
    for (int64_t c : s1.hiddenHistogram) counted += c;
    QCOMPARE(counted, int64_t{100 * 32}); // p(h|v) of the batch's 100 rows × 32 units
    for (int i = 1; i < r.stepsPerIteration(); ++i) r.step();
    const SnapshotPtr pe = r.snapshot();
    const RbmSnapshot& e1 = asRbm(pe);
    QCOMPARE(e1.epoch, int64_t{1});
    QCOMPARE(e1.iteration, int64_t{1});
    QCOMPARE(e1.batchInEpoch, int64_t{0});
    QCOMPARE(e1.monitors.reconstructionError.size(), size_t{1});
    QVERIFY(hasEvent(r.snapshot(), ModelEvent::Kind::Info, "epoch 1: reconstruction error"));
    runToEnd(r);
    QVERIFY(r.finished());
    QCOMPARE(r.epoch(), int64_t{2});
    QCOMPARE(asRbm(r.snapshot()).stepCount, int64_t{2 * 17});
}

void TestRbm::sameSeedSameWeights() {
    auto data = digits();
    Rbm a, b, c;
    a.reset(data, params(24, 2), 5);
    b.reset(data, params(24, 2), 5);
    c.reset(data, params(24, 2), 6);
    runToEnd(a);
    runToEnd(b);
    runToEnd(c);
    QVERIFY(a.weights().W == b.weights().W && a.weights().a == b.weights().a && a.weights().b == b.weights().b);
    QCOMPARE(a.monitors().pseudoLogLikelihood, b.monitors().pseudoLogLikelihood);
    QVERIFY(a.weights().W != c.weights().W);
}

// Work items are fixed and the random numbers counter-based: 1, 2 or 3 threads give the same bits.
void TestRbm::anyThreadCountSameWeights() {
    auto data = digits();
    std::vector<RbmWeights> w;
    for (int threads : {1, 2, 3}) {
        Params p = params(40, 1, 50);
        p.set("persistent", true);
        p.set("cd-k", int64_t{2});
        Rbm r;
        r.setThreads(threads);
        r.reset(data, p, 9);
        runToEnd(r);
        w.push_back(r.weights());
    }
    for (size_t i = 1; i < w.size(); ++i) QVERIFY(w[i].W == w[0].W && w[i].a == w[0].a && w[i].b == w[0].b);
}

void TestRbm::restoreReplaysExactly() {
    auto data = digits();
    Params p = params(16, 3, 128);
    p.set("persistent", true);
    p.set("binarize", std::string("sample"));
    Rbm r;
    r.reset(data, p, 4);
    for (int i = 0; i < 20; ++i) r.step(); // into the second epoch
    const SnapshotPtr mid = r.snapshot();
    runToEnd(r);
    const RbmWeights end = r.weights();
    const auto endMon = r.monitors();
    Rbm q;
    q.reset(data, params(16, 1), 99); // other settings: restore brings the snapshot's
    QVERIFY(q.restore(*mid));
    runToEnd(q);
    QVERIFY(q.weights().W == end.W && q.weights().b == end.b);
    QCOMPARE(q.monitors().pseudoLogLikelihood, endMon.pseudoLogLikelihood);
    Rbm other;
    other.reset(data, params(17, 1), 1);
    QVERIFY(!other.restore(*mid)); // another H
}

// Copy-on-write: stepping never changes what an earlier snapshot shows.
void TestRbm::snapshotsAreImmutable() {
    auto data = digits();
    Params p = params(16, 1);
    p.set("persistent", true);
    Rbm r;
    r.reset(data, p, 2);
    r.step();
    const SnapshotPtr s = r.snapshot();
    const RbmWeights copy = *asRbm(s).weights;
    const rbm::RowMatrix chains = *asRbm(s).chains;
    const std::vector<float> errors = *asRbm(s).batchErrors.back();
    for (int i = 0; i < 5; ++i) r.step();
    QVERIFY(asRbm(s).weights->W == copy.W);
    QVERIFY(*asRbm(s).chains == chains);
    QCOMPARE(*asRbm(s).batchErrors.back(), errors);
    QVERIFY(r.weights().W != copy.W);
    QVERIFY(asRbm(s).byteSize() > size_t(2 * 4 * 64 * 16));
}

// PCD (Tieleman 2008): the chains are state, carried from one batch to the next; CD restarts
// them at the data. The kernel shows it directly: a second update from the carried chains
// differs from one from the initial chains, and the model's chains move every step.
void TestRbm::pcdChainsPersist() {
    auto data = digits();
    Params p = params(16, 1, 64);
    p.set("persistent", true);
    Rbm r;
    r.reset(data, p, 3);
    const rbm::RowMatrix start = *asRbm(r.snapshot()).chains;
    QCOMPARE(start.rows(), 64);
    QVERIFY((start.array() == 0 || start.array() == 1).all());
    std::vector<rbm::RowMatrix> seen{start};
    for (int i = 0; i < 4; ++i) {
        r.step();
        const rbm::RowMatrix now = *asRbm(r.snapshot()).chains;
        QVERIFY((now.array() == 0 || now.array() == 1).all());
        QVERIFY(now != seen.back());
        seen.push_back(now);
    }
    // Kernel level: chains after update 1 feed update 2.
    RbmWeights theta = r.weights(), vel = RbmWeights::zero(64, 16);
    rbm::CdSettings cs;
    rbm::CdBuffers buf;
    rbm::WorkTeam team(2);
    const float* batch1 = r.split().train.data();
    const float* batch2 = batch1 + 64 * 64;
    rbm::RowMatrix chains = start;
    rbm::cdUpdate(theta, vel, batch1, 64, &chains, cs, 11, buf, team);
    QVERIFY(chains != start);
    RbmWeights t2 = theta, v2 = vel;
    rbm::RowMatrix carried = chains, restarted = start;
    rbm::cdUpdate(theta, vel, batch2, 64, &carried, cs, 12, buf, team);
    rbm::cdUpdate(t2, v2, batch2, 64, &restarted, cs, 12, buf, team);
    QVERIFY(theta.W != t2.W);
    // CD has no chains to keep.
    Rbm cd;
    cd.reset(data, params(16, 1), 3);
    cd.step();
    QVERIFY(!asRbm(cd.snapshot()).chains);
}

void TestRbm::settingsChangeTheUpdate_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::newRow("cd-k 3") << "cd-k" << "3";
    QTest::newRow("samples") << "statistics" << "samples";
    QTest::newRow("threshold") << "binarize" << "threshold";
    QTest::newRow("sample") << "binarize" << "sample";
    QTest::newRow("momentum 0") << "momentum" << "0";
    QTest::newRow("weight decay") << "weight-decay" << "0.1";
    QTest::newRow("zero visible bias") << "visible-bias" << "zero";
    QTest::newRow("learning rate") << "learning-rate" << "0.2";
}

// Every setting reaches the update (a setting that did nothing would go unnoticed otherwise).
void TestRbm::settingsChangeTheUpdate() {
    QFETCH(QString, name);
    QFETCH(QString, value);
    auto data = digits();
    Rbm base, changed;
    base.reset(data, params(16, 1), 1);
    Params p = params(16, 1);
    p.setFromString(name.toStdString(), value.toStdString());
    changed.reset(data, p, 1);
    for (int i = 0; i < 3; ++i) {
        base.step();
        changed.step();
    }
    QVERIFY(base.weights().W != changed.weights().W);
    QVERIFY(changed.weights().allFinite());
}

// Learning: the reconstruction error falls and the pseudo-log-likelihood rises over epochs; the
// training rows' free energy stays near the held-out rows' (no overfitting on this data).
void TestRbm::trainingImprovesMonitors() {
    auto data = digits();
    Params p = params(64, 8, 32);
    p.set("learning-rate", 0.1);
    Rbm r;
    r.reset(data, p, 1);
    runToEnd(r);
    const RbmMonitors& m = r.monitors();
    QCOMPARE(m.reconstructionError.size(), size_t{8});
    QCOMPARE(m.seconds.size(), size_t{8});
    qInfo("reconstruction error %.4f -> %.4f, PLL %.2f -> %.2f, F train %.2f / held-out %.2f",
          m.reconstructionError.front(), m.reconstructionError.back(), m.pseudoLogLikelihood.front(),
          m.pseudoLogLikelihood.back(), m.freeEnergyTrain.back(), m.freeEnergyHeldOut.back());
    QVERIFY(m.reconstructionError.back() < 0.7 * m.reconstructionError.front());
    QVERIFY(m.pseudoLogLikelihood.back() > m.pseudoLogLikelihood.front() + 2);
    QVERIFY(std::abs(m.freeEnergyTrain.back() - m.freeEnergyHeldOut.back()) < 0.1 * std::abs(m.freeEnergyTrain.back()));
    // The epoch's PLL is scikit-learn's definition on the training rows with seeded flips: a
    // value between the worst (V log ½ per flip... no information) and 0.
    QVERIFY(m.pseudoLogLikelihood.back() < 0 && m.pseudoLogLikelihood.back() > 64 * std::log(0.5) * 2);
    QVERIFY(m.logPartition.empty()); // 64 × 64 is too large to enumerate
}

// A tiny model on bars and stripes: exact log-likelihood per epoch, log Z, the CD-k study.
void TestRbm::exactModeMonitors() {
    auto data = std::make_shared<Dataset>(makeBarsAndStripes(60, 0.0, 2));
    Params p = params(4, 100, 10);
    p.set("held-out", 0.0);
    p.set("learning-rate", 0.1);
    Rbm r;
    r.reset(data, p, 1);
    runToEnd(r);
    const RbmMonitors& m = r.monitors();
    QCOMPARE(m.logPartition.size(), size_t{100});
    QCOMPARE(m.cdGradientError.size(), size_t{100});
    const double ll = rbm::exactLogProbability(r.weights(), data->X).mean();
    QVERIFY2(std::abs(m.exactLogLikelihood.back() - ll) < 1e-9, qPrintable(QString::number(ll)));
    qInfo("exact mean log-likelihood %.3f -> %.3f", m.exactLogLikelihood.front(), m.exactLogLikelihood.back());
    QVERIFY(m.exactLogLikelihood.back() > m.exactLogLikelihood.front() + 1.0); // it learns
    QVERIFY(m.exactLogLikelihood.back() > -std::log(30.0) * 3);               // 30 patterns: best −log 30
    QVERIFY(std::isnan(m.exactHeldOutLogLikelihood.back()));                   // nothing held out
    for (const auto& e : m.cdGradientError) QVERIFY(e[0] > 0 && std::isfinite(e[3]));
}

void TestRbm::heldOutSplit() {
    auto data = digits();
    Rbm a, b;
    a.reset(data, params(8, 1), 1);
    b.reset(data, params(8, 1), 2);
    QCOMPARE(a.split().heldOutRows.size(), size_t{1797 / 12});
    QCOMPARE(a.split().heldOutRows, b.split().heldOutRows); // fixed whatever the run's seed
    QVERIFY(a.split().trainRows != b.split().trainRows);    // the batches are the seed's
    std::set<int> all(a.split().trainRows.begin(), a.split().trainRows.end());
    all.insert(a.split().heldOutRows.begin(), a.split().heldOutRows.end());
    QCOMPARE(all.size(), size_t{1797});
    QVERIFY(a.split().train.row(0) == data->X.row(a.split().trainRows[0]));
    // The cap: at most 5000 held out.
    auto big = std::make_shared<Dataset>(makeBarsAndStripes(90000, 0.1, 1));
    Rbm c;
    c.reset(big, params(4, 1), 1);
    QCOMPARE(c.split().heldOut.rows(), kRbmMaxHeldOut);
}

void TestRbm::rejectsBadData_data() {
    QTest::addColumn<float>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("grey level 16") << 16.0f << "has 16 in sample 3, feature 'p5'";
    QTest::newRow("negative") << -0.5f << "-0.5";
    QTest::newRow("NaN") << std::nanf("") << "nan";
}

void TestRbm::rejectsBadData() {
    QFETCH(float, value);
    QFETCH(QString, message);
    auto data = digits();
    data->X(2, 5) = value;
    Rbm r;
    try {
        r.reset(data, params(8, 1), 1);
        QFAIL("no error");
    } catch (const ParamError& e) {
        QVERIFY2(QString(e.what()).contains(message), e.what());
        QVERIFY2(QString(e.what()).contains("[0, 1]"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.reset(std::make_shared<Dataset>(), params(8, 1), 1));
    QVERIFY(!r.data()); // unchanged after a throw
}

void TestRbm::divergenceKeepsLastGoodWeights() {
    auto data = digits();
    Params p = params(8, 1);
    p.set("learning-rate", 10.0);
    p.set("weight-decay", 1.0); // η·λ·W overflows float
    Rbm r;
    r.reset(data, p, 1);
    RbmWeights huge = r.weights();
    huge.W.setConstant(3e38f);
    r.setWeights(huge);
    r.step();
    QVERIFY(r.finished());
    QVERIFY(hasEvent(r.snapshot(), ModelEvent::Kind::Diverged, "infinite or NaN"));
    QVERIFY(r.weights().W == huge.W);
}

void TestRbm::setWeightsAndReplaceData() {
    auto data = digits();
    Rbm r;
    r.reset(data, params(8, 2), 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.setWeights(RbmWeights::zero(64, 9)));
    r.setWeights(RbmWeights::zero(64, 8));
    QVERIFY(r.weights().W.isZero());
    r.step();
    QVERIFY_THROWS_EXCEPTION(std::logic_error, r.setWeights(RbmWeights::zero(64, 8)));
    Dataset half = *data;
    half.X = data->X.topRows(900);
    r.replaceData(half);
    QCOMPARE(r.batchInEpoch(), int64_t{0});
    QCOMPARE(r.split().train.rows() + r.split().heldOut.rows(), Eigen::Index{900});
    const RbmWeights before = r.weights();
    r.step();
    QVERIFY(r.weights().W != before.W);
    Dataset wrong = makeBarsAndStripes(30, 0, 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.replaceData(wrong));
}

void TestRbm::barsAndStripes() {
    const Dataset d = makeBarsAndStripes(30, 0.0, 7);
    QCOMPARE(d.n(), 30);
    QCOMPARE(d.d(), 16);
    QVERIFY(d.imageShape && d.imageShape->height == 4 && d.imageShape->width == 4);
    QCOMPARE(d.featureNames[5], std::string("px_1_1"));
    std::set<std::vector<float>> patterns;
    int stripes = 0;
    for (int n = 0; n < 30; ++n) {
        std::vector<float> p;
        for (int i = 0; i < 16; ++i) p.push_back(d.X(n, i));
        patterns.insert(p);
        bool bars = true, rows = true; // columns constant down each column / rows constant
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c) {
                bars = bars && d.X(n, 4 * r + c) == d.X(n, c);
                rows = rows && d.X(n, 4 * r + c) == d.X(n, 4 * r);
            }
        QVERIFY(bars || rows);
        QCOMPARE(d.labels[static_cast<size_t>(n)], bars ? 0 : 1);
        stripes += d.labels[static_cast<size_t>(n)];
    }
    QCOMPARE(patterns.size(), size_t{30}); // exactly the 30 distinct patterns
    QCOMPARE(stripes, 14);
    const Dataset twice = makeBarsAndStripes(60, 0.0, 7);
    QVERIFY(twice.X.topRows(30) == d.X);            // the first cycle is the same
    QVERIFY(twice.X.bottomRows(30) != d.X);         // the second in another order
    const Dataset noisy = makeBarsAndStripes(3000, 0.1, 1);
    const double flips = (noisy.X - makeBarsAndStripes(3000, 0.0, 1).X).cwiseAbs().mean();
    QVERIFY2(std::abs(flips - 0.1) < 0.005, qPrintable(QString::number(flips))); // same patterns, 10 % flipped
    QVERIFY_THROWS_EXCEPTION(ParamError, makeBarsAndStripes(0, 0.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeBarsAndStripes(10, 1.5, 1));
    const Dataset viaName = loadDataset("bars-and-stripes", datasetParams("bars-and-stripes"), 7);
    QVERIFY(viaName.X == d.X);
}

QTEST_APPLESS_MAIN(TestRbm)
#include "test_rbm.moc"
