// The GAN model (core/gan.h) against the lecture's properties: a discriminator trained against a
// fixed generator approaches D*(x) = p_data/(p_data + p_G) (000:1010-1026); with the
// non-saturating loss the generator covers the ring's modes; the k : 1 rhythm; determinism and
// exact replay from a snapshot; divergence keeps the last good networks.
#include "core/gan.h"
#include "core/gan_quality.h"
#include "core/datasets.h"
#include "core/generators.h"

#include <QTest>

#include <cmath>

using namespace latentlab::core;

namespace {

Params ganParams(std::initializer_list<std::pair<const char*, ParamValue>> values) {
    Params p(Gan::specs());
    for (const auto& [k, v] : values) p.set(k, v);
    return p;
}

Dataset gaussian1d(int n, double mean, double sd, uint64_t seed) {
    Dataset d;
    d.name = "normal";
    d.X.resize(n, 1);
    d.featureNames = {"x"};
    Rng rng(seed);
    for (int i = 0; i < n; ++i) d.X(i, 0) = float(mean + sd * rng.normal());
    return d;
}

double normalPdf(double x, double mean, double sd) {
    const double u = (x - mean) / sd;
    return std::exp(-0.5 * u * u) / (sd * std::sqrt(2 * M_PI));
}

} // namespace

class TestGan : public QObject {
    Q_OBJECT
private slots:
    // p_data = N(0, 1); G fixed to x = 0.5 z + 1 with z ~ N(0, 1), so p_G = N(1, 0.25). After
    // training D alone, σ(D(x)) ≈ p_data / (p_data + p_G) where both densities matter.
    void discriminatorApproachesTheOptimalD() {
        Gan gan;
        gan.reset(gaussian1d(20000, 0, 1, 1),
                  ganParams({{"g-layers", int64_t{0}}, {"noise-dim", int64_t{1}}, {"d-layers", int64_t{2}},
                             {"d-width", int64_t{32}}, {"activation", std::string("tanh")},
                             {"d-learning-rate", 3e-3}, {"beta1", 0.9}, {"batch", int64_t{512}}}),
                  3);
        nn::Mlp<float> G = gan.generator();
        G.layers()[0].W(0, 0) = 0.5f;
        G.layers()[0].b(0) = 1.0f;
        gan.setNetworks(G, gan.discriminator());
        for (int i = 0; i < 3000; ++i) gan.stepDiscriminator();
        QCOMPARE(gan.iteration(), int64_t{0}); // D steps alone do not end iterations
        nn::Mat<float> x(36, 1);
        for (int i = 0; i < 36; ++i) x(i, 0) = float(-1.5 + 0.1 * i);
        const nn::Mat<float> logits = gan.discriminator().predict(x);
        double worst = 0;
        for (int i = 0; i < 36; ++i) {
            const double pd = normalPdf(x(i, 0), 0, 1), pg = normalPdf(x(i, 0), 1, 0.5);
            const double dStar = pd / (pd + pg), d = 1 / (1 + std::exp(-double(logits(i, 0))));
            worst = std::max(worst, std::abs(d - dStar));
        }
        qInfo("max |D(x) - D*(x)| on [-1.5, 2]: %.3f", worst);
        QVERIFY(worst < 0.05);
        // …and not by accident: an untrained D is far from D*.
        Gan fresh;
        fresh.reset(gaussian1d(100, 0, 1, 1), ganParams({{"noise-dim", int64_t{1}}, {"activation", std::string("tanh")}}), 3);
        const nn::Mat<float> l0 = fresh.discriminator().predict(x);
        double far = 0;
        for (int i = 0; i < 36; ++i) {
            const double pd = normalPdf(x(i, 0), 0, 1), pg = normalPdf(x(i, 0), 1, 0.5);
            far = std::max(far, std::abs(1 / (1 + std::exp(-double(l0(i, 0)))) - pd / (pd + pg)));
        }
        QVERIFY(far > 0.1);
    }

    void nonSaturatingGeneratorCoversTheRing() {
        Params g(findDataset("ring")->params);
        const Dataset ring = generate("ring", g, 1);
        Gan gan;
        gan.reset(ring, ganParams({{"iterations", int64_t{1500}}}), 1);
        Rng rng(77);
        const GanModeQuality q0 = modeQuality(ring, gan.sample(2000, rng));
        while (!gan.finished()) gan.step();
        const GanModeQuality q = modeQuality(ring, gan.sample(2000, rng));
        qInfo("modes covered %d → %d of %d, high-quality samples %.2f → %.2f", q0.modesCovered, q.modesCovered,
              q.modesTotal, q0.highQualityFraction, q.highQualityFraction);
        QCOMPARE(q.modesTotal, 8);
        QVERIFY(q.modesCovered >= 6);
        QVERIFY(q.highQualityFraction > 0.3);
        QVERIFY(q0.highQualityFraction < 0.1); // the untrained generator is not already there
        QCOMPARE(gan.iteration(), int64_t{1500});
        QCOMPARE(gan.history().generatorLoss.size(), size_t(1500));
    }

    void kDiscriminatorStepsPerGeneratorStep() {
        Gan gan;
        gan.reset(gaussian1d(500, 0, 1, 2), ganParams({{"d-steps", int64_t{3}}, {"batch", int64_t{16}}}), 4);
        QCOMPARE(gan.stepsPerIteration(), 4);
        std::vector<std::string> phases;
        for (int i = 0; i < 8; ++i) {
            gan.step();
            phases.push_back(gan.snapshot()->phase);
        }
        const std::vector<std::string> expected = {"discriminator", "discriminator", "discriminator", "generator",
                                                   "discriminator", "discriminator", "discriminator", "generator"};
        QCOMPARE(phases, expected);
        QCOMPARE(gan.iteration(), int64_t{2});
    }

    void sameSeedSameRunAndExactReplay() {
        Params g(findDataset("ring")->params);
        const Dataset ring = generate("ring", g, 2);
        const Params p = ganParams({{"batch", int64_t{64}}, {"loss", std::string("minimax")}});
        Gan a, b;
        a.setThreads(2);
        a.reset(ring, p, 9);
        b.reset(ring, p, 9);
        for (int i = 0; i < 60; ++i) a.step(), b.step();
        const auto mid = a.snapshot();
        for (int i = 0; i < 40; ++i) a.step(), b.step();
        const auto sa = std::static_pointer_cast<const GanSnapshot>(a.snapshot());
        const auto sb = std::static_pointer_cast<const GanSnapshot>(b.snapshot());
        QCOMPARE(sa->generated, sb->generated);
        QVERIFY(b.restore(*mid));
        for (int i = 0; i < 40; ++i) b.step();
        QCOMPARE(std::static_pointer_cast<const GanSnapshot>(b.snapshot())->generated, sa->generated);
        QCOMPARE(b.history().value, a.history().value);
        Gan one; // the same run on one thread: the batch parts are fixed, so are the results
        one.setThreads(1);
        one.reset(ring, p, 9);
        for (int i = 0; i < 100; ++i) one.step();
        QCOMPARE(std::static_pointer_cast<const GanSnapshot>(one.snapshot())->generated, sa->generated);
        Gan c;
        c.reset(ring, p, 10);
        for (int i = 0; i < 100; ++i) c.step();
        QVERIFY(std::static_pointer_cast<const GanSnapshot>(c.snapshot())->generated != sa->generated);
    }

    void divergencePausesWithTheLastGoodNetworks() {
        Dataset d = gaussian1d(200, 0, 1, 5);
        d.X *= 1e18f; // finite, but D's logits and loss explode at once
        Gan gan;
        gan.reset(d, ganParams({{"batch", int64_t{32}}}), 1);
        const nn::Mlp<float> before = gan.discriminator();
        int steps = 0;
        while (!gan.finished() && steps < 100) gan.step(), ++steps;
        QVERIFY(gan.diverged());
        QVERIFY(gan.finished());
        QVERIFY(gan.discriminator().allFinite() && gan.generator().allFinite());
        QCOMPARE(gan.discriminator().layers()[0].W, before.layers()[0].W); // never updated
        const auto snap = gan.snapshot();
        QVERIFY(std::any_of(snap->events.begin(), snap->events.end(),
                            [](const ModelEvent& e) { return e.kind == ModelEvent::Kind::Diverged; }));
    }

    void refusesBadInput() {
        Gan gan;
        Dataset empty;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gan.reset(empty, ganParams({}), 1));
        Dataset nan = gaussian1d(10, 0, 1, 1);
        nan.X(3, 0) = NAN;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, gan.reset(nan, ganParams({}), 1));
        Params p(Gan::specs());
        QVERIFY_THROWS_EXCEPTION(ParamError, p.set("d-steps", int64_t{0}));
    }
};

QTEST_APPLESS_MAIN(TestGan)
#include "test_gan.moc"
