// The GAN scene builder: D(x) on a grid equals the network's own output, the per-sample
// gradient arrows match finite differences of each generator loss, the manifold of a known
// generator is the z grid it should be, a scene has every layer, image data give image tiles.
#include "core/datasets.h"
#include "core/gan.h"
#include "core/generators.h"
#include "widgets/gan_charts.h"
#include "widgets/gan_scene.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

using namespace latentlab;
using core::nn::Mat;

namespace {

core::nn::Mlp<float> smallD(uint64_t seed) {
    auto D = core::nn::Mlp<float>::make(2, {8, 8}, 1, core::nn::Activation::Tanh);
    core::Rng rng(seed);
    D.initialise(core::nn::Init::Xavier, rng);
    return D;
}

double sigmoid(double l) { return 1.0 / (1.0 + std::exp(-l)); }

/// Generator loss of one sample with logit l (core/gan.h).
double lossOf(double l, core::GanLoss loss) {
    switch (loss) {
    case core::GanLoss::Minimax: return std::log(1.0 - sigmoid(l));
    case core::GanLoss::NonSaturating: return -std::log(sigmoid(l));
    case core::GanLoss::LeastSquares: return 0.5 * (l - 1.0) * (l - 1.0);
    }
    return 0;
}

core::Params ganParams() {
    core::Params p(core::Gan::specs());
    p.set("g-width", int64_t{16});
    p.set("d-width", int64_t{16});
    p.set("batch", int64_t{32});
    return p;
}

} // namespace

class TestGanViews : public QObject {
    Q_OBJECT
private slots:
    void colourMapDivergesAroundOneHalf() {
        const QColor fake = ui::GanSceneBuilder::discriminatorColor(0.0);
        const QColor half = ui::GanSceneBuilder::discriminatorColor(0.5);
        const QColor real = ui::GanSceneBuilder::discriminatorColor(1.0);
        QVERIFY(half.lightness() > 235);                            // near white
        QVERIFY(fake.red() > fake.green() && fake.blue() > fake.green()); // purple
        QVERIFY(real.green() > real.red() && real.green() > real.blue()); // green
        QVERIFY(fake.lightness() < half.lightness() && real.lightness() < half.lightness());
        QCOMPARE(ui::GanSceneBuilder::discriminatorColor(-3.0), fake); // clamped
    }

    void gridIsTheDiscriminatorsOutput() {
        const auto D = smallD(3);
        const QRectF rect(-2, -1, 4, 2);
        const int w = 5, h = 4;
        const std::vector<float> p = ui::GanSceneBuilder::discriminatorGrid(D, rect, w, h, 0.5f);
        QCOMPARE(p.size(), size_t(w * h));
        // Cell (row 1, column 3): x = −2 + 3.5·0.8, y = 1 − 1.5·0.5 (row 0 at the top), scaled by 0.5.
        Mat<float> x(1, 2);
        x << float((-2 + 3.5 * 0.8) * 0.5), float((1 - 1.5 * 0.5) * 0.5);
        QVERIFY(std::abs(p[1 * w + 3] - sigmoid(D.predict(x)(0, 0))) < 1e-6);
        auto D3 = core::nn::Mlp<float>::make(3, {4}, 1, core::nn::Activation::ReLU);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ui::GanSceneBuilder::discriminatorGrid(D3, rect, w, h, 1));
    }

    void arrowsAreFiniteDifferenceGradients() {
        const auto D = smallD(5);
        Mat<float> x(3, 2);
        x << 0.3f, -0.7f, 1.2f, 0.4f, -0.9f, -0.2f;
        for (core::GanLoss loss : {core::GanLoss::Minimax, core::GanLoss::NonSaturating, core::GanLoss::LeastSquares})
            for (float scale : {1.0f, 0.5f}) {
                const Mat<float> g = ui::GanSceneBuilder::generatorLossGradient(D, x, loss, scale);
                QCOMPARE(g.rows(), x.rows());
                for (Eigen::Index i = 0; i < x.rows(); ++i)
                    for (int j = 0; j < 2; ++j) {
                        const double eps = 1e-2;
                        Mat<float> a = x.row(i) * scale, b = a;
                        a(0, j) += float(eps * scale);
                        b(0, j) -= float(eps * scale);
                        const double fd = (lossOf(D.predict(a)(0, 0), loss) - lossOf(D.predict(b)(0, 0), loss)) / (2 * eps);
                        QVERIFY2(std::abs(g(i, j) - fd) < 2e-3 * std::max(1.0, std::abs(fd)),
                                 qPrintable(QStringLiteral("loss %1 scale %2: %3 vs %4")
                                                .arg(int(loss)).arg(scale).arg(g(i, j)).arg(fd)));
                    }
            }
    }

    void manifoldOfTheIdentityIsTheZGrid() {
        auto G = core::nn::Mlp<float>::make(2, {}, 2, core::nn::Activation::ReLU);
        G.layers()[0].W = Mat<float>::Identity(2, 2) * 2.0f; // x = 2 z
        G.layers()[0].b.setZero();
        const auto lines = ui::GanSceneBuilder::manifold(G, core::GanNoise::Uniform, 1.0f, 0, 1, 5, 9);
        QCOMPARE(lines.size(), size_t(10));
        // Line 1 keeps z₁ = −0.5 (x = −1) while z₂ runs over [−1, 1] (y over [−2, 2]).
        for (const QPointF& q : lines[1]) QVERIFY(std::abs(q.x() + 1.0) < 1e-6);
        QVERIFY(std::abs(lines[1].front().y() + 2.0) < 1e-6 && std::abs(lines[1].back().y() - 2.0) < 1e-6);
        // Line 5 + 4 keeps z₂ = 1 (y = 2, and divided by dataScale 0.5: 4).
        const auto scaled = ui::GanSceneBuilder::manifold(G, core::GanNoise::Gaussian, 0.5f, 0, 1, 5, 9);
        for (const QPointF& q : scaled[9]) QVERIFY(std::abs(q.y() - 2 * 2.5 * 2) < 1e-5);
        auto G1 = core::nn::Mlp<float>::make(1, {4}, 2, core::nn::Activation::Tanh);
        QCOMPARE(ui::GanSceneBuilder::manifold(G1, core::GanNoise::Gaussian, 1.0f, 0, 1).size(), size_t(1));
        auto G3 = core::nn::Mlp<float>::make(3, {4}, 2, core::nn::Activation::Tanh);
        QVERIFY(ui::GanSceneBuilder::manifold(G3, core::GanNoise::Gaussian, 1.0f, 0, 1).empty());
    }

    void sceneHasEveryLayer() {
        const core::Dataset data = core::makeRing(400, 8, 0.05, 1);
        core::Gan gan;
        gan.reset(data, ganParams(), 2);
        for (int i = 0; i < 6; ++i) gan.step();
        const auto snap = std::dynamic_pointer_cast<const core::GanSnapshot>(gan.snapshot());
        ui::GanSceneBuilder builder;
        ui::GanViewOptions o;
        ui::Scene s = builder.build(*snap, o);
        QCOMPARE(s.images.size(), size_t(1));                  // the heat map
        QCOMPARE(s.points.size(), size_t(2));                  // real, generated
        QCOMPARE(int(s.points[0].x->size()), data.n());
        QCOMPARE(int(s.points[1].x->size()), core::kGanDrawingSamples);
        QCOMPARE(s.areas.size(), size_t(2 * o.manifoldLines)); // the warped grid
        QVERIFY(s.lines.size() > 50 && s.lines.size() <= size_t(o.arrowCount));
        QVERIFY(s.lines.front().arrowHead);
        QVERIFY(!s.legend.empty() && !s.legend.front().gradient.empty()); // the colour bar
        o.showHeatMap = o.showArrows = o.showManifold = false;
        s = builder.build(*snap, o);
        QVERIFY(s.images.empty() && s.lines.empty() && s.areas.empty());
        QCOMPARE(s.points.size(), size_t(2));
    }

    void defaultSceneIsCheap() {
        // The default networks (2 × 64 ReLU): 120² heat-map cells, 100 arrows, 42 × 61 grid points.
        core::Gan gan;
        gan.reset(core::makeRing(500, 8, 0.05, 1), core::Params(core::Gan::specs()), 1);
        const auto snap = std::dynamic_pointer_cast<const core::GanSnapshot>(gan.snapshot());
        ui::GanSceneBuilder builder;
        builder.build(*snap, {}); // warm-up
        QElapsedTimer t;
        t.start();
        const int reps = 5;
        for (int i = 0; i < reps; ++i) builder.build(*snap, {});
        const double ms = double(t.nsecsElapsed()) / 1e6 / reps;
        qInfo("GAN scene (heat map, arrows, manifold) built in %.1f ms", ms);
        QVERIFY(ms < 250); // a live view redraws at most 25 times a second
    }

    void oneFeatureShowsDensitiesDAndTheOptimum() {
        const core::Dataset data = core::makeMixture1d(600, 2, 1.0, 1);
        core::Gan gan;
        gan.reset(data, ganParams(), 1);
        for (int i = 0; i < 4; ++i) gan.step();
        const auto snap = std::dynamic_pointer_cast<const core::GanSnapshot>(gan.snapshot());
        ui::GanSceneBuilder builder;
        const ui::Scene s = builder.build(*snap, {});
        QCOMPARE(s.areas.size(), size_t(2)); // p_data, p_G
        QCOMPARE(s.points.size(), size_t(2)); // the rugs
        QVERIFY(s.images.empty());
        // D(x) is the network's output; D* lies in [0, 1].
        const auto d = std::find_if(s.lines.begin(), s.lines.end(), [](const ui::Polyline& l) {
            return !l.dashed && !l.arrowHead && l.points.size() > 100;
        });
        QVERIFY(d != s.lines.end());
        const QPointF q = d->points[150];
        Mat<float> x(1, 1);
        x(0, 0) = float(q.x()) * snap->dataScale;
        QVERIFY(std::abs(q.y() - sigmoid(snap->discriminator->predict(x)(0, 0))) < 1e-5);
        int dashed = 0;
        for (const ui::Polyline& l : s.lines)
            if (l.dashed && l.points.size() > 2) {
                ++dashed;
                for (const QPointF& p : l.points) QVERIFY(p.y() >= 0 && p.y() <= 1);
            }
        QVERIFY(dashed >= 1);
    }

    void imageDataGiveGeneratedTiles() {
        const core::Dataset digits = core::loadDataset("digits", core::datasetParams("digits"), 1);
        QVERIFY(digits.imageShape);
        core::Params p = ganParams();
        p.set("noise-dim", int64_t{8});
        core::Gan gan;
        gan.reset(digits, p, 1);
        gan.step();
        const auto snap = std::dynamic_pointer_cast<const core::GanSnapshot>(gan.snapshot());
        const auto tiles = ui::GanSceneBuilder::generatedTiles(*snap, *digits.imageShape, 64);
        QCOMPARE(tiles.size(), size_t(64));
        QCOMPARE(tiles[0].image.width(), 8);
        QVERIFY(!tiles[5].hoverText.isEmpty());
        QVERIFY(ui::GanSceneBuilder::generatedTiles(*snap, core::ImageShape{3, 3, 1}, 64).empty());
    }

    void chartBinsLongHistories() {
        ui::GanCurveChart chart(QStringLiteral("t"), QStringLiteral("y"));
        std::vector<float> v(5000);
        for (size_t i = 0; i < v.size(); ++i) v[i] = float(i % 2); // alternating: bin means ≈ ½
        chart.setSeries({{QStringLiteral("a"), Qt::red, v}, {QStringLiteral("b"), Qt::blue, {1.0f, NAN, 3.0f}}});
        QCOMPARE(chart.pointCount(0), ui::GanCurveChart::kMaxPoints);
        QCOMPARE(chart.pointCount(1), 2); // the NaN is left out
        chart.clear();
        QCOMPARE(chart.pointCount(0), 0);
    }
};

QTEST_MAIN(TestGanViews)
#include "test_gan_views.moc"
