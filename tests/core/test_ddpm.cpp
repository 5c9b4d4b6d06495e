// The DDPM model (core/ddpm.h): training by Algorithm 1 on two moons brings the samples of
// Algorithm 2 (and DDIM) close to fresh data in energy distance within a CI-sized budget; the
// chain has T (or S) reverse steps; runs are bit-identical for a seed and any thread count and
// replay exactly from a snapshot; the time embedding is the sinusoidal one.
#include "core/datasets.h"
#include "core/ddpm.h"
#include "core/sample_metrics.h"

#include <QTest>

#include <cmath>

using namespace latentlab::core;

namespace {

Params ddpmParams(std::initializer_list<std::pair<const char*, ParamValue>> values) {
    Params p(Ddpm::specs());
    p.set("T", int64_t{100});
    p.set("width", int64_t{64});
    for (const auto& [k, v] : values) p.set(k, v);
    return p;
}

Dataset moons(uint64_t seed) { return loadDataset("two-moons", Params(findDataset("two-moons")->params), seed); }

} // namespace

class TestDdpm : public QObject {
    Q_OBJECT
private slots:
    void trainingBringsSamplesToTheData() {
        const Dataset train = moons(1), fresh = moons(2);
        Ddpm untrained;
        untrained.reset(train, ddpmParams({{"train-steps", int64_t{0}}}), 1);
        Rng rng(5);
        const double before = energyDistance(untrained.sample(1000, rng), fresh.X);
        Ddpm ddpm;
        ddpm.reset(train, ddpmParams({{"train-steps", int64_t{800}}, {"sample-points", int64_t{1000}}}), 1);
        while (!ddpm.sampling()) ddpm.step();
        const std::vector<float>& loss = ddpm.lossHistory();
        QCOMPARE(loss.size(), size_t(800));
        double first = 0, last = 0;
        for (int i = 0; i < 50; ++i) first += loss[size_t(i)] / 50, last += loss[loss.size() - 1 - size_t(i)] / 50;
        int reverse = 0;
        while (!ddpm.finished()) ddpm.step(), ++reverse;
        QCOMPARE(reverse, 100); // T reverse steps, x_T → x_0
        const auto snap = std::static_pointer_cast<const DdpmSnapshot>(ddpm.snapshot());
        const double after = energyDistance(snap->points, fresh.X);
        const double floor = energyDistance(train.X, fresh.X);
        qInfo("loss %.3f → %.3f; energy distance untrained %.3g → trained %.3g (data vs fresh data %.3g)", first, last,
              before, after, floor);
        QVERIFY(last < 0.8 * first);
        QVERIFY(before > 1.0);
        QVERIFY(after < 0.03);
        QCOMPARE(snap->trails->size(), size_t(101));
        QCOMPARE(snap->trailTimesteps.front(), 100);
        QCOMPARE(snap->t, 0);
        // DDIM with 20 steps from the same network is also close to the data.
        Params p = ddpmParams({{"sampler", std::string("ddim")}, {"ddim-steps", int64_t{20}}, {"train-steps", int64_t{800}}});
        Ddpm ddim;
        ddim.reset(train, p, 1);
        while (!ddim.sampling()) ddim.step();
        int jumps = 0;
        while (!ddim.finished()) ddim.step(), ++jumps;
        QCOMPARE(jumps, 20);
        const double ddimAfter = energyDistance(std::static_pointer_cast<const DdpmSnapshot>(ddim.snapshot())->points, fresh.X);
        qInfo("DDIM, 20 steps: energy distance %.3g", ddimAfter);
        QVERIFY(ddimAfter < 0.05);
    }

    void sameSeedAnyThreadsAndExactReplay() {
        const Dataset train = moons(3);
        const Params p = ddpmParams({{"train-steps", int64_t{30}}, {"sample-points", int64_t{3000}}, {"T", int64_t{20}}});
        Ddpm a, b;
        a.setThreads(2);
        b.setThreads(1);
        a.reset(train, p, 7);
        b.reset(train, p, 7);
        for (int i = 0; i < 35; ++i) a.step(), b.step();
        const auto mid = a.snapshot();
        while (!a.finished()) a.step();
        while (!b.finished()) b.step();
        const auto pa = std::static_pointer_cast<const DdpmSnapshot>(a.snapshot())->points;
        QCOMPARE(std::static_pointer_cast<const DdpmSnapshot>(b.snapshot())->points, pa);
        QVERIFY(b.restore(*mid));
        while (!b.finished()) b.step();
        QCOMPARE(std::static_pointer_cast<const DdpmSnapshot>(b.snapshot())->points, pa);
        Ddpm c;
        c.reset(train, p, 8);
        while (!c.finished()) c.step();
        QVERIFY(std::static_pointer_cast<const DdpmSnapshot>(c.snapshot())->points != pa);
    }

    // The strip's frames are the chain at x_T, evenly spaced states and x_0; previews are drawn
    // on the side without changing the run; the static ε_θ is the model's.
    void framesPreviewsAndStaticNoisePrediction() {
        QCOMPARE(Ddpm::chainFrameIndices(101), (std::vector<int>{0, 13, 25, 38, 50, 63, 75, 88, 100}));
        QCOMPARE(Ddpm::chainFrameIndices(4), (std::vector<int>{0, 1, 2, 3}));
        const Dataset train = moons(4);
        const Params p = ddpmParams({{"train-steps", int64_t{250}}, {"sample-points", int64_t{500}}, {"T", int64_t{40}}});
        Ddpm a, b;
        b.setPreview(false);
        a.reset(train, p, 3);
        b.reset(train, p, 3);
        QCOMPARE(a.previewEvery(), 100); // 5 · 40 · 300 / (3 · 256) ≈ 78 steps, rounded up to 100s
        while (!a.sampling()) a.step();
        while (!b.sampling()) b.step();
        const auto sa = std::static_pointer_cast<const DdpmSnapshot>(a.snapshot());
        QVERIFY(sa->preview);
        QCOMPARE(sa->previewStep, int64_t{200}); // steps 100 and 200 (250 ends training)
        QCOMPARE(sa->preview->rows(), Eigen::Index{Ddpm::kPreviewPoints});
        QVERIFY(!std::static_pointer_cast<const DdpmSnapshot>(b.snapshot())->preview);
        while (!a.finished()) a.step();
        while (!b.finished()) b.step();
        const auto fa = std::static_pointer_cast<const DdpmSnapshot>(a.snapshot());
        QCOMPARE(fa->points, std::static_pointer_cast<const DdpmSnapshot>(b.snapshot())->points);
        QCOMPARE(fa->frames->size(), size_t(Ddpm::kFrames));
        QCOMPARE(fa->frameTimesteps.front(), 40);
        QCOMPARE(fa->frameTimesteps.back(), 0);
        QCOMPARE(fa->frames->back(), fa->points);
        QCOMPARE(fa->frames->front().topRows(fa->trails->front().rows()), fa->trails->front());
        const Matrix x = train.X.topRows(50);
        QCOMPARE(Ddpm::predictNoise(*fa->emaNetwork, 32, x, 7), a.predictNoise(x, 7));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Ddpm::predictNoise(*fa->emaNetwork, 16, x, 7));
    }

    void sinusoidalTimeEmbedding() {
        float e[8];
        Ddpm::timeEmbedding(3, 8, e);
        for (int i = 0; i < 4; ++i) {
            const double w = std::pow(10000.0, -i / 4.0);
            QVERIFY(std::abs(e[2 * i] - std::sin(3 * w)) < 1e-6);
            QVERIFY(std::abs(e[2 * i + 1] - std::cos(3 * w)) < 1e-6);
        }
    }

    void refusesBadInput() {
        Ddpm d;
        QVERIFY_THROWS_EXCEPTION(ParamError, d.reset(moons(1), ddpmParams({{"time-embedding", int64_t{7}}}), 1));
        QVERIFY_THROWS_EXCEPTION(ParamError, d.reset(moons(1), ddpmParams({{"ddim-steps", int64_t{500}}, {"sampler", std::string("ddim")}}), 1));
        Dataset one = moons(1);
        one.X.conservativeResize(1, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, d.reset(one, ddpmParams({}), 1));
        Params p(Ddpm::specs());
        QVERIFY_THROWS_EXCEPTION(ParamError, p.set("T", int64_t{5}));
    }
};

QTEST_APPLESS_MAIN(TestDdpm)
#include "test_ddpm.moc"
