// The Gaussian-mixture views beyond the 2-D scatter: the 1-D scene (histogram normalised to a
// density, the weighted components and the mixture that integrates to one, the rug coloured
// by responsibilities), the weights bars, and the general-EM lower-bound figure (the bound
// under l(θ), touching at θ_t, the M-step at its maximum) — drawn alike by both renderers and
// exported as PNG, SVG and PDF. GL cases need a display (xvfb-run).
#include "core/em_bound.h"
#include "core/generators.h"
#include "core/gmm.h"
#include "widgets/em_bound_panel.h"
#include "widgets/em_bound_scene.h"
#include "widgets/exporter.h"
#include "widgets/gmm_scene.h"
#include "widgets/gmm_weights_chart.h"
#include "widgets/painter_renderer.h"
#include "widgets/palette.h"
#include "widgets/scene_view.h"

#include <QFileInfo>
#include <QOpenGLWidget>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

/// A GMM run on `data` for `steps` half-steps (E, M, …).
std::shared_ptr<const core::GmmSnapshot> run(std::shared_ptr<const core::Dataset> data, int k, int steps) {
    core::GaussianMixture g;
    core::Params p(core::GaussianMixture::specs());
    p.set("k", int64_t{k});
    g.reset(data, p, 3);
    for (int i = 0; i < steps && !g.finished(); ++i) g.step();
    return std::dynamic_pointer_cast<const core::GmmSnapshot>(g.snapshot());
}

std::shared_ptr<const core::Dataset> mixture1d(int n, int k) {
    return std::make_shared<const core::Dataset>(core::makeMixture1d(n, k, 1.0, 11));
}

/// ∫ y dx of a polyline by the trapezoid rule.
double integral(const std::vector<QPointF>& pts) {
    double s = 0;
    for (size_t i = 1; i < pts.size(); ++i) s += 0.5 * (pts[i].y() + pts[i - 1].y()) * (pts[i].x() - pts[i - 1].x());
    return s;
}

double normalPdf(double x, double m, double s) {
    return std::exp(-0.5 * (x - m) * (x - m) / (s * s)) / (s * std::sqrt(2 * M_PI));
}

/// Fraction of pixels of `a` with no pixel within ±1 px in `b` closer than `tol` per channel:
/// edges that antialiasing moves by a pixel (the GL paint engine draws without it) agree.
double differingFraction(const QImage& a, const QImage& b, int tol) {
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    auto near = [&](QRgb p, QRgb q) {
        return std::abs(qRed(p) - qRed(q)) <= tol && std::abs(qGreen(p) - qGreen(q)) <= tol &&
               std::abs(qBlue(p) - qBlue(q)) <= tol;
    };
    long differ = 0;
    for (int r = 1; r + 1 < x.height(); ++r)
        for (int c = 1; c + 1 < x.width(); ++c) {
            bool found = false;
            for (int dr = -1; dr <= 1 && !found; ++dr)
                for (int dc = -1; dc <= 1 && !found; ++dc) found = near(x.pixel(c, r), y.pixel(c + dc, r + dr));
            differ += !found;
        }
    return double(differ) / (double(x.width()) * x.height());
}

/// Pixels of `img` (any format) close to `c`.
int countColor(const QImage& img, const QColor& c, int tol) {
    const QImage x = img.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int col = 0; col < x.width(); ++col) {
            const QRgb p = x.pixel(col, r);
            n += std::abs(qRed(p) - c.red()) <= tol && std::abs(qGreen(p) - c.green()) <= tol &&
                 std::abs(qBlue(p) - c.blue()) <= tol;
        }
    return n;
}

void checkExports(const Scene& scene, const QString& dir, const QString& stem) {
    for (const QString& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QString path = dir + "/" + stem + "." + ext;
        ExportOptions o;
        o.sizePx = QSize(1200, 800);
        exportScene(scene, path, o);
        QVERIFY2(QFileInfo(path).size() > 2000, qPrintable(path));
    }
    QImage png(dir + "/" + stem + ".png");
    QCOMPARE(png.size(), QSize(1200, 800));
    QVERIFY(countColor(png, Qt::white, 2) < png.width() * png.height() * 0.97); // something drawn
}

} // namespace

class TestGmmViews : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void histogramIsADensity_data();
    void histogramIsADensity();
    void oneDimensionalSceneCurves_data();
    void oneDimensionalSceneCurves();
    void marginalOfAMultiFeatureMixture();
    void twoFeaturesKeepTheScatterView();
    void oneDimensionalSceneExports();
    void renderersAgreeOnTheOneDimensionalScene();
    void weightsChartDrawsEachWeight();
    void lowerBoundSceneTouchesAtThetaT();
    void lowerBoundPanelStepsResetsAndExports();
};

void TestGmmViews::histogramIsADensity_data() {
    QTest::addColumn<int>("n");
    QTest::newRow("1") << 1;
    QTest::newRow("7") << 7;
    QTest::newRow("500") << 500;
    QTest::newRow("100000") << 100000;
}

void TestGmmViews::histogramIsADensity() {
    QFETCH(int, n);
    const auto data = mixture1d(n, 3);
    std::vector<float> x(data->X.data(), data->X.data() + n);
    const int bins = Gmm1dSceneBuilder::binCount(n);
    QVERIFY(bins >= 5 && bins <= 80);
    const DensityHistogram h = Gmm1dSceneBuilder::histogram(x, bins);
    QCOMPARE(int(h.density.size()), bins);
    QVERIFY(h.width > 0);
    double mass = 0;
    for (double d : h.density) mass += d * h.width;
    QVERIFY2(std::abs(mass - 1) < 1e-12, qPrintable(QString::number(mass)));
    // Every point lies in [lo, lo + bins·width], the largest in the last bin.
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    QVERIFY(h.lo <= *mn && *mx <= h.lo + h.width * bins + 1e-6);
    if (n > 1) QVERIFY(h.density.back() > 0);
}

void TestGmmViews::oneDimensionalSceneCurves_data() {
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("steps");
    QTest::newRow("K=2 after init") << 2 << 0;
    QTest::newRow("K=2 after an E-step") << 2 << 1;
    QTest::newRow("K=3 converged") << 3 << 400;
    QTest::newRow("K=6 (one legend row for all)") << 6 << 10;
}

void TestGmmViews::oneDimensionalSceneCurves() {
    QFETCH(int, k);
    QFETCH(int, steps);
    const auto data = mixture1d(800, k);
    const auto snap = run(data, k, steps);
    GmmSceneBuilder builder;
    const Scene s = builder.build(*snap, GmmViewOptions{});
    QCOMPARE(s.xLabel, QStringLiteral("x"));
    QVERIFY(!s.equalAspect);
    // Lines: K weighted components, then the mixture.
    QCOMPARE(int(s.lines.size()), k + 1);
    const std::vector<QPointF>& p = s.lines.back().points;
    QVERIFY(p.size() >= 600);
    for (const Polyline& l : s.lines) QVERIFY(l.widthPx <= s.lines.back().widthPx);
    for (int c = 0; c < k; ++c) {
        const auto& curve = s.lines[size_t(c)].points;
        QCOMPARE(curve.size(), p.size());
        const double pi = snap->weights[c], mu = snap->means(c, 0), sd = std::sqrt(snap->covariances[size_t(c)](0, 0));
        for (size_t i = 0; i < curve.size(); i += 37)
            QVERIFY(std::abs(curve[i].y() - pi * normalPdf(curve[i].x(), mu, sd)) < 1e-9);
        // Each weighted component holds its weight of the mass.
        QVERIFY2(std::abs(integral(curve) - pi) < 3e-3, qPrintable(QString::number(integral(curve))));
    }
    for (size_t i = 0; i < p.size(); ++i) {
        double sum = 0;
        for (int c = 0; c < k; ++c) sum += s.lines[size_t(c)].points[i].y();
        QVERIFY(std::abs(sum - p[i].y()) < 1e-12);
        if (i) QVERIFY(p[i].x() >= p[i - 1].x());
    }
    // The mixture is a density over the shown range, which holds the data and the bounds.
    QVERIFY2(std::abs(integral(p) - 1) < 5e-3, qPrintable(QString::number(integral(p))));
    QVERIFY(s.dataBounds.left() <= p.front().x() + 1e-9 && p.back().x() <= s.dataBounds.right() + 1e-9);
    // Areas: the histogram's bars (mass 1), then one fill per component.
    double barMass = 0;
    int bars = 0;
    for (const FilledArea& a : s.areas) {
        if (a.points.size() != 4) continue;
        barMass += (a.points[1].x() - a.points[0].x()) * a.points[2].y();
        ++bars;
    }
    QCOMPARE(int(s.areas.size()), bars + k);
    QVERIFY2(std::abs(barMass - 1) < 1e-9, qPrintable(QString::number(barMass)));
    // The rug: every point once, under the axis; coloured once responsibilities exist.
    QCOMPARE(int(s.points.size()), 1);
    QCOMPARE(int(s.points[0].x->size()), data->n());
    for (float y : *s.points[0].y) QVERIFY(y < 0 && y > s.dataBounds.top());
    QCOMPARE(bool(s.points[0].rgba), bool(snap->responsibilities));
    QCOMPARE(int(s.markers.size()), k);
    QVERIFY(s.legend.size() >= 4);
    QVERIFY(!s.texts.empty() && s.texts[0].text.startsWith("Iteration"));
}

void TestGmmViews::marginalOfAMultiFeatureMixture() {
    auto data = std::make_shared<const core::Dataset>(core::makeBlobs(600, 3, 1.0, 5));
    const auto snap = run(data, 3, 8);
    for (int j : {0, 1}) {
        Gmm1dSceneBuilder b;
        const Scene s = b.build(*snap, j, QString());
        QCOMPARE(s.xLabel, QString::fromStdString(data->featureNames[size_t(j)]));
        QVERIFY(std::abs(integral(s.lines.back().points) - 1) < 5e-3);
        QVERIFY(s.texts.empty());
        const auto& rugX = *s.points[0].x;
        for (int i = 0; i < data->n(); i += 50) QCOMPARE(rugX[size_t(i)], data->X(i, j));
    }
}

void TestGmmViews::twoFeaturesKeepTheScatterView() {
    auto data = std::make_shared<const core::Dataset>(core::makeBlobs(300, 2, 1.0, 5));
    const Scene s = GmmSceneBuilder().build(*run(data, 2, 4), GmmViewOptions{});
    QVERIFY(s.areas.empty() && s.legend.empty());
    QCOMPARE(int(s.images.size()), 1); // the density heat map
    QCOMPARE(int(s.lines.size()), 2 * 3); // 1σ/2σ/3σ ellipses
}

void TestGmmViews::oneDimensionalSceneExports() {
    const Scene s = GmmSceneBuilder().build(*run(mixture1d(500, 2), 2, 5), GmmViewOptions{});
    checkExports(s, m_dir.path(), "gmm-1d");
    // The histogram's grey and both component colours reach the PNG.
    const QImage png(m_dir.path() + "/gmm-1d.png");
    QVERIFY(countColor(png, QColor(0x00, 0x72, 0xB2), 25) > 200);
    QVERIFY(countColor(png, QColor(0xE6, 0x9F, 0x00), 25) > 200);
}

void TestGmmViews::renderersAgreeOnTheOneDimensionalScene() {
    if (QString reason; !SceneView::openGLAvailable(&reason)) QSKIP(qPrintable("no OpenGL: " + reason));
    const Scene scene = GmmSceneBuilder().build(*run(mixture1d(400, 2), 2, 5), GmmViewOptions{});
    SceneView view(false); // OpenGL: points as sprites, areas/lines/legend by the QPainter overlay
    view.setFixedSize(700, 450);
    view.setScene(scene);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* canvas = view.findChild<QOpenGLWidget*>();
    QVERIFY2(view.usesOpenGL() && canvas, qPrintable(view.fallbackReason()));
    const QImage gl = canvas->grabFramebuffer();
    QImage painted(gl.size(), QImage::Format_ARGB32_Premultiplied);
    painted.setDevicePixelRatio(gl.devicePixelRatio());
    {
        QPainter p(&painted);
        paintScene(p, scene, view.transform(), RenderStyle{});
    }
    // Inside the plot above the axis (areas, curves, markers, legend: all QPainter) the two
    // agree up to antialiasing; the rug below is sprites against QPainter discs.
    const double r = gl.devicePixelRatio();
    const QRectF plot = view.transform().plotRect();
    const QRect inside(QPoint(int((plot.left() + 3) * r), int((plot.top() + 3) * r)),
                       QPoint(int((plot.right() - 3) * r), int((view.transform().toPixel({0, 0}).y() - 3) * r)));
    const double differ = differingFraction(gl.copy(inside), painted.copy(inside), 40);
    QVERIFY2(differ < 0.005, qPrintable(QString::number(differ)));
    QVERIFY(countColor(gl, QColor(0x00, 0x72, 0xB2), 25) > 100);
}

void TestGmmViews::weightsChartDrawsEachWeight() {
    GmmWeightsChart chart;
    QCOMPARE(chart.axisTop(), 1.0);
    chart.setWeights({0.2, 0.5, 0.3});
    QCOMPARE(chart.axisTop(), 0.6); // 0.5 · 1.15 rounded up to a tenth
    chart.setWeights({0.9, 0.1});
    QCOMPARE(chart.axisTop(), 1.0);
    chart.setWeights({0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1});
    QCOMPARE(chart.axisTop(), 0.2);
    chart.setWeights({0.25, 0.75});
    chart.resize(300, 180);
    const QImage img = chart.grab().toImage();
    const auto colors = categoricalPalette(2);
    const int blue = countColor(img, colors[0], 3), orange = countColor(img, colors[1], 3);
    QVERIFY(blue > 100 && orange > 100);
    QVERIFY2(std::abs(double(orange) / blue - 3.0) < 0.35, qPrintable(QStringLiteral("%1 / %2").arg(orange).arg(blue)));
    chart.setWeights({});
    QVERIFY(chart.weights().empty());
}

void TestGmmViews::lowerBoundSceneTouchesAtThetaT() {
    core::EmBoundDemo demo(core::EmBoundProblem::classroomExample(), 0.5);
    Scene s = buildEmBoundScene(demo);
    QVERIFY(!s.title.isEmpty() && s.legend.size() >= 4);
    QVERIFY(s.texts.back().text.contains(QStringLiteral("θ₀")));
    for (int half = 1; half <= 6; ++half) {
        demo.step();
        s = buildEmBoundScene(demo);
        const auto& l = s.lines[0].points;
        const auto& j = s.lines[1].points; // the last E-step's bound
        QCOMPARE(j.size(), l.size());
        const double thetaBound = demo.posteriors().back().theta;
        bool touched = false;
        for (size_t i = 0; i < l.size(); ++i) {
            QCOMPARE(j[i].x(), l[i].x());
            QVERIFY(j[i].y() <= l[i].y() + 1e-9);
            if (l[i].x() == thetaBound) touched = std::abs(j[i].y() - l[i].y()) < 1e-9;
        }
        QVERIFY2(touched, "the curves must pass through θ_t and meet there");
        if (demo.phase() != core::EmBoundDemo::Phase::MStep) continue;
        // The M-step's diamond sits at the bound's maximum, which is the new θ.
        const Marker& diamond = s.markers.back();
        QCOMPARE(diamond.shape, Marker::Shape::Diamond);
        QCOMPARE(diamond.pos.x(), demo.theta());
        double best = -INFINITY;
        for (const QPointF& q : j) best = std::max(best, q.y());
        QVERIFY(diamond.pos.y() >= best - 1e-9);
        QVERIFY(s.texts.back().text.contains(QStringLiteral("M-step")));
    }
    checkExports(s, m_dir.path(), "em-bound");
}

void TestGmmViews::lowerBoundPanelStepsResetsAndExports() {
    EmBoundPanel panel(RenderBackend::Painter);
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.demo().phase(), core::EmBoundDemo::Phase::Init);
    QString status;
    connect(&panel, &EmBoundPanel::statusChanged, this, [&](const QString& t) { status = t; });
    panel.step();
    QVERIFY(status.startsWith("E-step"));
    panel.step();
    QVERIFY(status.startsWith("M-step"));
    QCOMPARE(panel.demo().iteration(), 1);
    QCOMPARE(int(panel.scene().markers.size()), 3); // θ₀, θ₁ and the bound's maximum
    panel.reset(-1.0);
    QCOMPARE(panel.demo().theta(), -1.0);
    QCOMPARE(panel.demo().iteration(), 0);
    // A click in the plot starts from the θ under the mouse.
    const ViewTransform& t = panel.view()->transform();
    auto* canvas = panel.view()->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).value(0);
    QVERIFY(canvas);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, t.toPixel({2.0, t.visibleData().center().y()}).toPoint());
    QVERIFY2(std::abs(panel.demo().theta() - 2.0) < 0.05, qPrintable(QString::number(panel.demo().theta())));
    // Play runs to convergence by itself and stops.
    panel.setPlaying(true);
    QVERIFY(panel.isPlaying());
    panel.setPlaying(false);
    for (int i = 0; i < 40; ++i) panel.step();
    QVERIFY(panel.demo().converged(1e-4));
    const QString path = m_dir.path() + "/panel.png";
    panel.exportTo(path);
    QCOMPARE(QImage(path).size(), ExportOptions{}.sizePx);
    if (const QByteArray keep = qgetenv("LATENTLAB_KEEP_FIGURES"); !keep.isEmpty()) {
        // docs/em-lower-bound.png: the first M-step of the classroom example from θ₀ = 0.5.
        core::EmBoundDemo demo(core::EmBoundProblem::classroomExample(), 0.5);
        demo.step();
        demo.step();
        ExportOptions o;
        o.sizePx = QSize(1600, 1000);
        exportScene(buildEmBoundScene(demo), QString::fromLocal8Bit(keep) + "/em-lower-bound.png", o);
        panel.grab().save(QString::fromLocal8Bit(keep) + "/em-bound-panel.png");
    }
}

QTEST_MAIN(TestGmmViews)
#include "test_gmm_views.moc"
