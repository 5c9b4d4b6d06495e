// The 1-D GAN picture (widgets/gan_scene_1d.h): kernel densities integrate to 1, the D(x) curve
// is σ of the discriminator's logit, D* lies in [0, 1] and is ½ where the two densities agree,
// and the scene renders (the PNG is kept in $LATENTLAB_KEEP_FIGURES when set, to look at).
#include "core/gan.h"
#include "widgets/exporter.h"
#include "widgets/gan_scene_1d.h"

#include <QDir>
#include <QTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

core::Dataset bimodal(int n) {
    core::Dataset d;
    d.name = "bimodal";
    d.featureNames = {"x"};
    d.X.resize(n, 1);
    core::Rng rng(4);
    for (int i = 0; i < n; ++i) d.X(i, 0) = float((i % 2 ? 2.0 : -2.0) + 0.5 * rng.normal());
    return d;
}

} // namespace

class TestGanScene1d : public QObject {
    Q_OBJECT
private slots:
    void kernelDensityIntegratesToOne() {
        std::vector<float> x;
        core::Rng rng(1);
        for (int i = 0; i < 500; ++i) x.push_back(float(rng.normal()));
        const double h = silvermanBandwidth(x);
        QVERIFY(std::abs(h - 1.06 * std::pow(500.0, -0.2)) < 0.05);
        std::vector<double> at;
        for (int k = 0; k <= 1000; ++k) at.push_back(-8 + 16.0 * k / 1000);
        const std::vector<double> p = kernelDensity(x, at, h);
        double integral = 0;
        for (double v : p) integral += v * 0.016;
        QVERIFY(std::abs(integral - 1) < 1e-3);
        QVERIFY(std::abs(p[500] - 1 / std::sqrt(2 * M_PI)) < 0.06); // near the N(0, 1) density at 0
    }

    void curvesFollowTheModel() {
        core::Gan gan;
        core::Params p(core::Gan::specs());
        p.set("noise-dim", int64_t{1});
        p.set("batch", int64_t{128});
        gan.reset(bimodal(600), p, 2);
        for (int i = 0; i < 400; ++i) gan.step();
        const auto snap = std::static_pointer_cast<const core::GanSnapshot>(gan.snapshot());
        const Scene s = buildGan1dScene(*snap, "GAN, 1-D");
        QVERIFY(s.lines.size() >= 5);
        QCOMPARE(s.points.size(), size_t(2));
        QCOMPARE(s.legend.size(), size_t(5));
        // Line 2 is D(x) = σ(D's logit) at its x.
        const Polyline& d = s.lines[2];
        for (size_t k : {size_t(0), size_t(150), size_t(399)}) {
            core::nn::Mat<float> x(1, 1);
            x(0, 0) = float(d.points[k].x());
            const double expect = 1 / (1 + std::exp(-double(snap->discriminator->predict(x)(0, 0))));
            QVERIFY(std::abs(d.points[k].y() - expect) < 1e-6);
        }
        // D* (line 3 on) stays in [0, 1]; the densities peak at 1 after scaling.
        for (size_t i = 3; i + 1 < s.lines.size(); ++i)
            for (const QPointF& q : s.lines[i].points) QVERIFY(q.y() >= 0 && q.y() <= 1);
        double peak = 0;
        for (size_t i = 0; i < 2; ++i)
            for (const QPointF& q : s.lines[i].points) peak = std::max(peak, q.y());
        QVERIFY(std::abs(peak - 1) < 1e-9);

        const QImage img = renderSceneImage(s, ExportOptions{});
        QCOMPARE(img.size(), QSize(1600, 1000));
        const QString keep = qEnvironmentVariable("LATENTLAB_KEEP_FIGURES");
        if (!keep.isEmpty()) img.save(QDir(keep).filePath("gan_1d.png"));
    }

    void optimalDIsHalfWhereTheDensitiesAgree() {
        core::Gan gan;
        core::Params p(core::Gan::specs());
        p.set("noise-dim", int64_t{1});
        gan.reset(bimodal(1000), p, 3);
        auto snap = std::make_shared<core::GanSnapshot>(*std::static_pointer_cast<const core::GanSnapshot>(gan.snapshot()));
        snap->generated = snap->data->X; // a perfect generator: p_G = p_data
        const Scene s = buildGan1dScene(*snap);
        for (size_t i = 3; i + 1 < s.lines.size(); ++i)
            for (const QPointF& q : s.lines[i].points) QVERIFY(std::abs(q.y() - 0.5) < 1e-9);
    }
};

QTEST_MAIN(TestGanScene1d)
#include "test_gan_scene_1d.moc"
