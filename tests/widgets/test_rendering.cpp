// The drawing pipeline (DESIGN.md "Drawing"): ViewTransform and ticks, the QPainter and OpenGL
// renderers drawing one Scene alike, per-pixel region fields, binning of large point sets,
// marker picking, PNG/SVG/PDF export and the QPainter fallback view.
// GL cases need a display: run under xvfb-run -a -s "-screen 0 1920x1080x24" (scripts/test.sh).
#include "core/generators.h"
#include "core/kmeans.h"
#include "widgets/exporter.h"
#include "widgets/kmeans_scene.h"
#include "widgets/painter_renderer.h"
#include "widgets/scene_view.h"

#include <QFileInfo>
#include <QLabel>
#include <QOpenGLWidget>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <cmath>
#include <limits>
#include <random>

using namespace latentlab;
using namespace latentlab::ui;
using Metric = RegionField::Metric;
Q_DECLARE_METATYPE(Metric)

namespace {

auto floats(std::vector<float> v) { return std::make_shared<const std::vector<float>>(std::move(v)); }

bool close(const QColor& a, const QColor& b, int tol) {
    return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol &&
           std::abs(a.blue() - b.blue()) <= tol;
}

QByteArray why(QPointF px, const QString& what, const QColor& got, const QColor& want) {
    return QStringLiteral("pixel (%1, %2) %3: %4, expected %5").arg(px.x()).arg(px.y())
        .arg(what, got.name(QColor::HexArgb), want.name(QColor::HexArgb)).toUtf8();
}

/// The colour at logical pixel `px` of an image that may have a device pixel ratio.
QColor at(const QImage& img, QPointF px) {
    const double r = img.devicePixelRatio();
    return img.pixelColor(int(std::floor(px.x() * r)), int(std::floor(px.y() * r)));
}

// Brute-force reference for the region field rule, independent of painter_renderer.cpp.
double metricDist(Metric m, QPointF x, QPointF c) {
    if (m == Metric::L1) return std::abs(x.x() - c.x()) + std::abs(x.y() - c.y());
    if (m == Metric::L2) return std::hypot(x.x() - c.x(), x.y() - c.y());
    const double nx = std::hypot(x.x(), x.y()), nc = std::hypot(c.x(), c.y());
    return nx == 0 || nc == 0 ? 1.0 : 1.0 - QPointF::dotProduct(x, c) / (nx * nc);
}
/// Index of the nearest centre; `margin` gets second-best minus best distance.
int nearest(const RegionField& f, QPointF x, double* margin = nullptr) {
    int best = -1;
    double d1 = std::numeric_limits<double>::infinity(), d2 = d1;
    for (size_t k = 0; k < f.centres.size(); ++k) {
        const double d = metricDist(f.metric, x, f.centres[k]);
        if (d < d1) d2 = d1, d1 = d, best = int(k);
        else if (d < d2 && f.centres[k] != f.centres[size_t(best)]) d2 = d; // a duplicate is no rival
    }
    if (margin) *margin = d2 - d1;
    return best;
}
/// Nearest centre of pixel `px` when its whole ±r neighbourhood has the same one, else -1.
int cellAwayFromBoundary(const RegionField& f, const ViewTransform& t, QPointF px, double r) {
    const int k = nearest(f, t.toData(px));
    for (double dx : {-r, 0.0, r})
        for (double dy : {-r, 0.0, r})
            if (nearest(f, t.toData(px + QPointF(dx, dy))) != k) return -1;
    return k;
}

QColor over(const QColor& c, double a, const QColor& bg) {
    auto mix = [&](int x, int y) { return int(std::lround(x * a + y * (1 - a))); };
    return QColor(mix(c.red(), bg.red()), mix(c.green(), bg.green()), mix(c.blue(), bg.blue()));
}

Scene fieldScene(Metric metric, double opacity, bool axes) {
    Scene s;
    s.dataBounds = QRectF(-3, -2, 6, 4);
    s.showAxes = axes;
    s.regionFields.push_back({{{2, 1}, {-2, 1.5}, {0.5, -1.5}}, {QColor(200, 40, 40), QColor(40, 160, 60), QColor(40, 60, 200)},
                              metric, float(opacity)});
    return s;
}

/// Draws `scene` in a 600×400 OpenGL SceneView (framebuffer grab) and with paintScene at the
/// view's transform. Callers check QTest::currentTestFailed() afterwards.
void renderBoth(const Scene& scene, QImage* gl, QImage* painted, ViewTransform* t) {
    SceneView view(false);
    view.setFixedSize(600, 400);
    view.setScene(scene);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* canvas = view.findChild<QOpenGLWidget*>();
    QVERIFY2(view.usesOpenGL() && canvas, qPrintable(view.fallbackReason()));
    *gl = canvas->grabFramebuffer();
    QCoreApplication::processEvents(); // a shader failure swaps canvases in a queued call
    QVERIFY2(view.usesOpenGL(), qPrintable("GL failed: " + view.fallbackReason()));
    QCOMPARE(canvas->size(), view.size());
    *t = view.transform();
    QCOMPARE(t->canvas(), QSizeF(view.size()));
    *painted = QImage(gl->size(), QImage::Format_ARGB32_Premultiplied);
    painted->setDevicePixelRatio(gl->devicePixelRatio());
    QPainter p(painted);
    paintScene(p, scene, *t, RenderStyle{});
}

#define REQUIRE_GL()                                                                               \
    if (QString reason; !SceneView::openGLAvailable(&reason))                                      \
    QSKIP(qPrintable("no OpenGL (" + reason + "): run under xvfb-run -a -s \"-screen 0 1920x1080x24\""))

Scene kmeansScene() {
    auto data = std::make_shared<const core::Dataset>(core::makeBlobs(300, 3, 1.0, 7));
    core::KMeans km;
    core::Params params(core::KMeans::specs());
    params.set("k", int64_t{3});
    km.reset(data, params, 42);
    for (int i = 0; i < 6 && !km.finished(); ++i) km.step();
    const auto snap = std::dynamic_pointer_cast<const core::KMeansSnapshot>(km.snapshot());
    Scene s = KMeansSceneBuilder().build(*snap, KMeansViewOptions{});
    s.title = QStringLiteral("Rendering test");
    return s;
}

} // namespace

class TestRendering : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void viewTransform_data() {
        QTest::addColumn<QMarginsF>("margins");
        QTest::addColumn<QRectF>("data"); // also the bounds to fit
        QTest::addColumn<bool>("equalAspect");
        QTest::addColumn<QPointF>("pixel");
        QTest::addColumn<double>("factor");
        QTest::addColumn<QPointF>("delta");
        const QMarginsF axes(52, 12, 18, 30);
        QTest::newRow("no margins") << QMarginsF() << QRectF(0, 0, 1, 1) << true << QPointF(60, 20) << 2.0 << QPointF(13, -7);
        QTest::newRow("wide") << axes << QRectF(-7, 3, 20, 0.5) << true << QPointF(333, 211) << 0.4 << QPointF(-100, 50);
        QTest::newRow("wide, free aspect") << axes << QRectF(-7, 3, 20, 0.5) << false << QPointF(1, 479) << 1.5 << QPointF(0, 3);
        QTest::newRow("tall, tiny") << QMarginsF(5, 40, 5, 8) << QRectF(1e3, -1e-3, 1e-5, 2e-3) << true << QPointF(600, 440)
                                    << std::pow(1.0015, 120) << QPointF(.5, .25); // one wheel notch
        QTest::newRow("point") << QMarginsF(5, 5, 5, 5) << QRectF(3, 4, 0, 0) << true << QPointF(320, 240) << 3.0 << QPointF(-2, -2);
    }
    void viewTransform() {
        QFETCH(QMarginsF, margins);
        QFETCH(QRectF, data);
        QFETCH(bool, equalAspect);
        QFETCH(QPointF, pixel);
        QFETCH(double, factor);
        QFETCH(QPointF, delta);
        ViewTransform t;
        t.setViewport(QSizeF(640, 480), margins);
        const QRectF plot = t.plotRect();
        QCOMPARE(plot, QRectF(0, 0, 640, 480).marginsRemoved(margins));
        auto same = [](QPointF a, QPointF b, double tol) { return QLineF(a, b).length() <= tol; }; // px: 1e-3
        const double eps = 1e-9 * (1 + std::abs(data.x()) + std::abs(data.y()) + data.width() + data.height());
        if (!data.isEmpty()) {
            t.setVisibleData(data);
            QVERIFY(same(t.toPixel(data.topLeft()), plot.bottomLeft(), 1e-3)); // data y grows upwards
            QVERIFY(same(t.toPixel(data.bottomRight()), plot.topRight(), 1e-3));
            for (double fx : {0.0, 0.3, 1.7})
                for (double fy : {-0.2, 0.5, 1.0}) {
                    const QPointF d(data.left() + fx * data.width(), data.top() + fy * data.height());
                    QVERIFY(same(t.toData(t.toPixel(d)), d, eps));
                }
        }
        t.fit(data, equalAspect);
        const QRectF v = t.visibleData();
        QVERIFY((v.contains(data) || (data.isEmpty() && v.contains(data.center()))) && same(v.center(), data.center(), eps));
        if (equalAspect) QVERIFY(std::abs(t.scaleX() / t.scaleY() - 1) < 1e-9);
        else QVERIFY(std::abs(v.width() / data.width() - 1.1) < 1e-9 && std::abs(v.height() / data.height() - 1.1) < 1e-9);
        const QPointF anchor = t.toData(pixel);
        const double sx = t.scaleX(), sy = t.scaleY();
        t.zoom(pixel, factor);
        QVERIFY2(same(t.toPixel(anchor), pixel, 1e-3), "zoom must keep the data under the cursor");
        QVERIFY(std::abs(t.scaleX() / sx - factor) < 1e-9 && std::abs(t.scaleY() / sy - factor) < 1e-9);
        const QPointF grabbed = t.toData(pixel);
        t.pan(delta);
        QVERIFY2(same(t.toPixel(grabbed), pixel + delta, 1e-3), "the data must follow the mouse");
    }

    void niceTicks_data() {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("target");
        QTest::newRow("unit") << 0.0 << 1.0 << 5;
        QTest::newRow("negative") << -7.3 << -2.1 << 4;
        QTest::newRow("across zero") << -0.037 << 0.051 << 6;
        QTest::newRow("large") << 12345.0 << 987654.0 << 8;
        QTest::newRow("one tick wanted") << 3.0 << 4.0 << 1;
    }
    void niceTicks() {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, target);
        const auto ticks = ui::niceTicks(lo, hi, target);
        QVERIFY(int(ticks.size()) >= std::floor(0.6 * target) && int(ticks.size()) <= std::ceil(1.5 * target) + 1);
        for (double x : ticks) QVERIFY(x >= lo - 1e-9 * (hi - lo) && x <= hi + 1e-9 * (hi - lo));
        if (ticks.size() > 1) {
            const double step = ticks[1] - ticks[0];
            const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
            QVERIFY2(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6,
                     qPrintable(QString::number(step)));
            for (size_t i = 1; i < ticks.size(); ++i) QVERIFY(std::abs(ticks[i] - ticks[i - 1] - step) < 1e-9 * step);
            QVERIFY(ticks.front() - step < lo && ticks.back() + step > hi); // none missing at the ends
        }
        QVERIFY(ui::niceTicks(2, 2, 5).empty());
        QVERIFY(ui::niceTicks(0, std::numeric_limits<double>::quiet_NaN(), 5).empty());
        // Deep zoom far from 0: the step is below double resolution; must end, few ticks.
        QVERIFY(ui::niceTicks(1.2e7, 1.2e7 + 1.9e-9, 5).size() <= 10);
    }

    void formatTick_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("step");
        QTest::addColumn<QString>("expected"); // empty: only the properties are checked
        const QString minus(QChar(0x2212));    // the typographic minus sign
        QTest::newRow("integer") << 2.0 << 1.0 << "2";
        QTest::newRow("half") << 0.5 << 0.5 << "0.5";
        QTest::newRow("zero at 0.1") << 0.0 << 0.1 << "0.0";
        QTest::newRow("hundredths") << 0.25 << 0.05 << "0.25";
        QTest::newRow("negative") << -1.5 << 0.5 << minus + "1.5";
        QTest::newRow("thousands") << 1200.0 << 200.0 << "1200";
        QTest::newRow("huge") << 3e6 << 1e6 << "";
        QTest::newRow("huge negative") << -3e6 << 1e6 << "";
        QTest::newRow("millions by 100") << 1000100.0 << 100.0 << "";
        QTest::newRow("tiny step") << 1.2345e-5 << 1e-9 << "";
    }
    void formatTick() {
        QFETCH(double, value);
        QFETCH(double, step);
        QFETCH(QString, expected);
        const QString label = ui::formatTick(value, step);
        if (!expected.isEmpty()) QCOMPARE(label, expected);
        QCOMPARE(label.startsWith(QChar(0x2212)), value < 0);
        // "Just enough digits for the step": the label reads back within half a step.
        bool ok = false;
        const double back = QString(label).replace(QChar(0x2212), '-').toDouble(&ok);
        QVERIFY2(ok && std::abs(back - value) <= step / 2 * (1 + 1e-9), qPrintable(label));
    }

    void renderersAgreeOnFields_data() {
        QTest::addColumn<Metric>("metric");
        QTest::addColumn<double>("opacity");
        QTest::newRow("L2") << Metric::L2 << 1.0;
        QTest::newRow("L1") << Metric::L1 << 1.0;
        QTest::newRow("Cosine") << Metric::Cosine << 1.0;
        QTest::newRow("L2 half opaque") << Metric::L2 << 0.5;
    }
    void renderersAgreeOnFields() {
        REQUIRE_GL();
        QFETCH(Metric, metric);
        QFETCH(double, opacity);
        const Scene scene = fieldScene(metric, opacity, opacity == 1.0); // no grid under a veil
        QImage gl, painted;
        ViewTransform t;
        renderBoth(scene, &gl, &painted, &t);
        if (QTest::currentTestFailed()) return;
        const RegionField& f = scene.regionFields[0];
        std::vector<QPointF> pixels;
        for (const QPointF& c : f.centres) pixels.push_back(t.toPixel(c));
        const QRectF plot = t.plotRect().adjusted(5, 5, -5, -5);
        for (double y = plot.top(); y < plot.bottom(); y += 19)
            for (double x = plot.left(); x < plot.right(); x += 23) pixels.emplace_back(std::floor(x) + .5, std::floor(y) + .5);
        int compared = 0;
        for (size_t i = 0; i < pixels.size(); ++i) {
            const int k = cellAwayFromBoundary(f, t, pixels[i], 4);
            QVERIFY(k >= 0 || i >= f.centres.size()); // the centres are well inside their cells
            if (k < 0) continue;
            const QColor want = over(f.colors[size_t(k)], opacity, scene.background);
            QVERIFY2(close(at(gl, pixels[i]), want, 3), why(pixels[i], "GL", at(gl, pixels[i]), want));
            QVERIFY2(close(at(painted, pixels[i]), want, 3), why(pixels[i], "QPainter", at(painted, pixels[i]), want));
            ++compared;
        }
        QVERIFY2(compared > 300, qPrintable(QString::number(compared)));
    }

    void renderersAgreeOnPoints() {
        REQUIRE_GL();
        Scene scene;
        scene.showAxes = false;
        scene.dataBounds = QRectF(0, 0, 10, 10);
        PointBatch b;
        const std::vector<QPointF> pos{{2, 2}, {8, 3}, {5, 8}, {3, 7}};
        const std::vector<uint8_t> idx{0, 1, 2, 1};
        b.x = floats({2, 8, 5, 3});
        b.y = floats({2, 3, 8, 7});
        b.colorIndex = std::make_shared<const std::vector<uint8_t>>(idx);
        b.palette = {QColor(230, 120, 0), QColor(0, 110, 180), QColor(150, 40, 140)};
        b.sizePx = 20, b.outline = false, b.opacity = 1;
        scene.points.push_back(b);
        QImage gl, painted;
        ViewTransform t;
        renderBoth(scene, &gl, &painted, &t);
        if (QTest::currentTestFailed()) return;
        for (const auto& [img, name] : {std::pair{&gl, "GL"}, std::pair{&painted, "QPainter"}}) {
            for (size_t i = 0; i < pos.size(); ++i) {
                const QPointF c = t.toPixel(pos[i]);
                for (QPointF px : {c, c + QPointF(7, 0), c - QPointF(0, 7)}) // inside the 20 px disc
                    QVERIFY2(close(at(*img, px), b.palette[idx[i]], 3), why(px, name, at(*img, px), b.palette[idx[i]]));
                for (QPointF px : {c + QPointF(14, 0), c - QPointF(14, 0), c + QPointF(0, 14)}) // outside
                    QVERIFY2(close(at(*img, px), scene.background, 2), why(px, name, at(*img, px), scene.background));
            }
            const QPointF far = t.toPixel({9.5, 0.5}); // > 40 px from every point
            QVERIFY2(close(at(*img, far), scene.background, 1), why(far, name, at(*img, far), scene.background));
        }
    }

    void regionFields_data() {
        QTest::addColumn<Metric>("metric");
        QTest::addColumn<double>("scale"); // device pixels per logical pixel
        QTest::addColumn<std::vector<QPointF>>("centres"); // empty: 6 random ones
        const std::vector<QPointF> random, dup{{-2, 0}, {2, 1}, {-2, 0}, {0, -3}}, outside{{0, 0}, {9, 0}, {-2, 7}};
        for (auto [name, m] : {std::pair{"L2", Metric::L2}, {"L1", Metric::L1}, {"Cosine", Metric::Cosine}}) {
            QTest::addRow("%s", name) << m << 1.0 << random;
            QTest::addRow("%s hidpi", name) << m << 2.0 << random;
            QTest::addRow("%s duplicate centre", name) << m << 1.0 << dup;
        }
        QTest::newRow("L2 centres outside view") << Metric::L2 << 1.0 << outside;
    }
    void regionFields() {
        QFETCH(Metric, metric);
        QFETCH(double, scale);
        QFETCH(std::vector<QPointF>, centres);
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(-4, 4);
        Scene s;
        s.showAxes = false;
        RegionField f;
        f.metric = metric;
        f.opacity = 1;
        f.centres = centres;
        if (f.centres.empty())
            for (int k = 0; k < 6; ++k) f.centres.emplace_back(u(rng), u(rng));
        for (size_t k = 0; k < f.centres.size(); ++k) f.colors.push_back(QColor::fromHsv(int(k) * 60, 255, 200).toRgb());
        s.regionFields.push_back(f);
        ViewTransform t;
        t.setViewport(QSizeF(400, 300), plotMargins(s, RenderStyle{}));
        t.setVisibleData(QRectF(-5, -4, 10, 8));
        const QRectF plot = t.plotRect();
        const QSize device(int(plot.width() * scale), int(plot.height() * scale));
        const QImage img = ui::regionFieldImage(f, t, device);
        QCOMPARE(img.size(), device);
        std::uniform_int_distribution<int> col(0, device.width() - 1), row(0, device.height() - 1);
        int checked = 0;
        for (int i = 0; i < 600; ++i) { // random pixels against brute force
            const int c = col(rng), r = row(rng);
            double margin = 0;
            const int k = nearest(f, t.toData({plot.left() + (c + .5) / scale, plot.top() + (r + .5) / scale}), &margin);
            if (margin < 1e-6) continue; // a tie: either colour is right
            const QColor want = f.colors[size_t(k)];
            QVERIFY2(img.pixel(c, r) == want.rgba(), why(QPointF(c, r), "field", img.pixelColor(c, r), want));
            ++checked;
        }
        QVERIFY(checked > 500);
        if (metric != Metric::L2) return;
        // The painter draws L2 cells as exact polygons: same colours away from the boundaries.
        QImage painted(400, 300, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&painted);
        paintScene(p, s, t, RenderStyle{});
        p.end();
        int compared = 0;
        for (double y = plot.top() + 3.5; y < plot.bottom() - 3; y += 3)
            for (double x = plot.left() + 3.5; x < plot.right() - 3; x += 3) {
                const int k = cellAwayFromBoundary(f, t, QPointF(x, y), 2.5);
                if (k < 0) continue;
                const QColor want = f.colors[size_t(k)];
                QVERIFY2(close(at(painted, {x, y}), want, 1), why({x, y}, "polygon", at(painted, {x, y}), want));
                ++compared;
            }
        QVERIFY(compared > 3000);
    }

    void binning() {
        ViewTransform t;
        t.setViewport(QSizeF(400, 300), QMarginsF(0, 0, 0, 0));
        t.setVisibleData(QRectF(0, 0, 4, 3)); // 100 px per data unit
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> u(0, 1);
        std::vector<float> xs, ys;
        std::vector<uint8_t> cs;
        auto add = [&](int n, float x0, float y0, float w, float h, uint8_t c) {
            for (int i = 0; i < n; ++i) xs.push_back(x0 + w * u(rng)), ys.push_back(y0 + h * u(rng)), cs.push_back(c);
        };
        add(100000, 0.5f, 0.5f, 1, 1, 0);   // colour 0: pixels [50,150) × [150,250)
        add(2000, 1.005f, 1.005f, 0, 0, 0); // the densest pixel (100, 199)
        add(58000, 2.5f, 1.5f, 1, 1, 1);    // colour 1: pixels [250,350) × [50,150)
        const int inside = int(xs.size());
        add(20000, 5, -2, 3, 6, 2);         // right of the view
        add(20000, 0.5f, -3, 2, 2.5f, 2);   // below it
        QCOMPARE(xs.size(), size_t(200000));
        PointBatch b;
        b.palette = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(255, 0, 255)};
        auto firstPoints = [&](long n) {
            PointBatch r = b;
            r.x = floats({xs.begin(), xs.begin() + n});
            r.y = floats({ys.begin(), ys.begin() + n});
            r.colorIndex = std::make_shared<const std::vector<uint8_t>>(cs.begin(), cs.begin() + n);
            return r;
        };
        const PointBatch all = firstPoints(long(xs.size()));
        QCOMPARE(countVisible(all, t), inside);
        int visible = -1;
        const QImage img = binPoints(all, t, QSize(400, 300), &visible);
        QCOMPARE(visible, inside);
        QCOMPARE(img.size(), QSize(400, 300));
        QVERIFY2(img == binPoints(firstPoints(inside), t, QSize(400, 300)), "points outside the view changed the image");
        int painted = 0, inexact = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const QColor c = img.pixelColor(x, y);
                if (c.alpha() == 0) continue;
                ++painted;
                const int k = QRect(50, 150, 100, 100).contains(x, y) ? 0 : QRect(250, 50, 100, 100).contains(x, y) ? 1 : -1;
                QVERIFY2(k >= 0, qPrintable(QStringLiteral("stray pixel (%1, %2)").arg(x).arg(y)));
                const QColor want = b.palette[size_t(k)];
                // Premultiplied storage loses < 255/alpha units (+1 allowed here) ...
                QVERIFY2(close(c, want, int(std::ceil(255.0 / c.alpha())) + 1), why(QPointF(x, y), "binned", c, want));
                // ... but the stored pixel must be exactly the palette colour, premultiplied.
                inexact += img.pixel(x, y) != qPremultiply(qRgba(want.red(), want.green(), want.blue(), c.alpha()));
            }
        QVERIFY(painted > 15000);
        QCOMPARE(img.pixelColor(100, 199).alpha(), 255);
        QCOMPARE(inexact, 0);
        PointBatch few = firstPoints(0);
        few.x = floats({0.5f, 0.2f, 7.0f, -1.0f});
        few.y = floats({0.5f, 0.9f, 0.5f, 0.5f});
        QCOMPARE(countVisible(few, t), 2);
    }

    void markerAt() {
        Scene s;
        Marker fixed, a, c;
        fixed.pos = QPointF(2.05, 2); // not draggable (id -1), on top of `a`
        a.pos = QPointF(2, 2), a.id = 7, a.sizePx = 20;
        c.pos = QPointF(2.3, 2), c.id = 3, c.sizePx = 10;
        s.markers = {fixed, a, c};
        ViewTransform t;
        t.setViewport(QSizeF(500, 500), QMarginsF());
        t.setVisibleData(QRectF(-1, -1, 5, 5)); // 100 px per data unit
        QCOMPARE(ui::markerAt(s, t, t.toPixel(fixed.pos)), 7); // the fixed one does not hide `a`
        s.markers[1].id = -1;
        QCOMPARE(ui::markerAt(s, t, t.toPixel(a.pos)), -1);
        s.markers[1].id = 7;
        QCOMPARE(ui::markerAt(s, t, t.toPixel(a.pos)), 7);
        QCOMPARE(ui::markerAt(s, t, t.toPixel(a.pos) + QPointF(-8, 0)), 7);       // within its radius
        QCOMPARE(ui::markerAt(s, t, t.toPixel(c.pos) + QPointF(2, 3)), 3);        // the nearer one
        QCOMPARE(ui::markerAt(s, t, t.toPixel(a.pos) + QPointF(0, 40)), -1);      // far away
        QCOMPARE(ui::markerAt(s, t, t.toPixel(a.pos) + QPointF(-20, 0), 2.0), 7); // markerScale
    }

    void exportFormats() {
        const Scene s = kmeansScene();
        ExportOptions o;
        o.sizePx = QSize(800, 500);
        o.dpi = 144;
        // PNG: exactly the asked pixels, and exactly what renderSceneImage draws.
        exportScene(s, m_dir.filePath("fig.png"), o);
        const QImage png(m_dir.filePath("fig.png"));
        QCOMPARE(png.size(), o.sizePx);
        QVERIFY2(png.convertToFormat(QImage::Format_ARGB32) == renderSceneImage(s, o).convertToFormat(QImage::Format_ARGB32),
                 "the PNG differs from renderSceneImage");
        QVERIFY(png.pixel(400, 250) != png.pixel(1, 1)); // not blank
        // SVG: well-formed, sized, vector shapes, text kept as text.
        exportScene(s, m_dir.filePath("fig.svg"), o);
        QFile svg(m_dir.filePath("fig.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int shapes = 0, texts = 0;
        bool root = true, titleIsText = false;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (std::exchange(root, false)) {
                QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
                QCOMPARE(xml.attributes().value("viewBox").toString().simplified(), QStringLiteral("0 0 800 500"));
                for (const auto& [key, px] : {std::pair{"width", 800.0}, std::pair{"height", 500.0}}) {
                    const QString value = xml.attributes().value(key).toString();
                    const auto m = QRegularExpression("^([0-9.]+)(mm|px|)$").match(value);
                    const double want = m.captured(2) == "mm" ? px / o.dpi * 25.4 : px;
                    QVERIFY2(m.hasMatch() && std::abs(m.captured(1).toDouble() - want) < 0.5, qPrintable(value));
                }
            }
            const auto name = xml.name();
            shapes += name == u"path" || name == u"polygon" || name == u"polyline" || name == u"rect";
            if (name != u"text") continue;
            ++texts;
            titleIsText |= xml.readElementText(QXmlStreamReader::IncludeChildElements).contains(s.title);
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(shapes > 10, qPrintable(QString::number(shapes)));
        QVERIFY2(texts > 5 && titleIsText, "fonts must stay text in SVG");
        // PDF: a page of sizePx at dpi that poppler can render.
        const QString pdf = m_dir.filePath("fig.pdf");
        exportScene(s, pdf, o);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly) && file.read(5) == "%PDF-");
        const QString pdfinfo = QStandardPaths::findExecutable("pdfinfo"), pdftoppm = QStandardPaths::findExecutable("pdftoppm");
        if (pdfinfo.isEmpty() || pdftoppm.isEmpty()) QSKIP("pdfinfo/pdftoppm (poppler-utils) missing: PDF page not checked");
        QProcess info;
        info.start(pdfinfo, {pdf});
        QVERIFY(info.waitForFinished(10000) && info.exitCode() == 0);
        const QString out = QString::fromUtf8(info.readAllStandardOutput());
        const auto m = QRegularExpression("Page size:\\s*([0-9.]+) x ([0-9.]+) pts").match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        QVERIFY2(std::abs(m.captured(1).toDouble() - 800 * 72.0 / o.dpi) <= 1 &&
                     std::abs(m.captured(2).toDouble() - 500 * 72.0 / o.dpi) <= 1, qPrintable(m.captured(0)));
        QProcess ppm;
        ppm.start(pdftoppm, {"-png", "-r", QString::number(o.dpi), "-singlefile", pdf, m_dir.filePath("page")});
        QVERIFY(ppm.waitForFinished(20000));
        const QByteArray err = ppm.readAllStandardError();
        QVERIFY2(ppm.exitCode() == 0 && err.isEmpty(), err.constData());
        const QImage page(m_dir.filePath("page.png"));
        QVERIFY(std::abs(page.width() - 800) <= 1 && std::abs(page.height() - 500) <= 1);
    }

    void exportErrors_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QSize>("size");
        QTest::newRow("unknown suffix") << "fig.bmp" << QSize(200, 100);
        QTest::newRow("no suffix") << "figure" << QSize(200, 100);
        QTest::newRow("png unwritable") << "/nonexistent-dir/sub/fig.png" << QSize(200, 100);
        QTest::newRow("svg unwritable") << "/nonexistent-dir/sub/fig.svg" << QSize(200, 100);
        QTest::newRow("pdf unwritable") << "/nonexistent-dir/sub/fig.pdf" << QSize(200, 100);
        QTest::newRow("too small") << "small.png" << QSize(8, 8);
    }
    void exportErrors() {
        QFETCH(QString, path);
        QFETCH(QSize, size);
        const QString full = path.startsWith('/') ? path : m_dir.filePath(path);
        ExportOptions o;
        o.sizePx = size;
        try {
            exportScene(fieldScene(Metric::L2, 0.2, true), full, o);
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QFileInfo(full).fileName()), e.what());
        }
        QVERIFY(!QFileInfo::exists(full));
    }

    void exportWidget() {
        QLabel label(QStringLiteral("Objective J"));
        label.resize(123, 45);
        for (int dpi : {96, 144, 300}) {
            ExportOptions o;
            o.sizePx = QSize(300, 120);
            o.dpi = dpi;
            const QString path = m_dir.filePath(QStringLiteral("widget%1.png").arg(dpi));
            ui::exportWidget(&label, path, o);
            QCOMPARE(QImage(path).size(), o.sizePx);
            QCOMPARE(label.size(), QSize(123, 45)); // put back
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ui::exportWidget(&label, m_dir.filePath("w.bmp"), ExportOptions{}));
        QCOMPARE(label.size(), QSize(123, 45));
    }

    void painterFallback() {
        SceneView view(true);
        QVERIFY(!view.usesOpenGL() && !view.findChild<QOpenGLWidget*>());
        QVERIFY(!view.fallbackReason().isEmpty());
        Scene scene = fieldScene(Metric::L2, 1.0, true);
        scene.equalAspect = true;
        view.resize(500, 350);
        view.setScene(scene);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage img = view.grab().toImage();
        QCOMPARE(img.size(), view.size() * img.devicePixelRatio());
        const RegionField& f = scene.regionFields[0];
        for (size_t k = 0; k < f.centres.size(); ++k) {
            const QPointF px = view.transform().toPixel(f.centres[k]);
            QVERIFY2(close(at(img, px), f.colors[k], 3), why(px, "fallback", at(img, px), f.colors[k]));
        }
        // One wheel notch on the canvas, then a resize: one data unit must stay square.
        const double before = view.transform().scaleX();
        QWheelEvent wheel({250, 170}, view.mapToGlobal(QPointF(250, 170)), {}, {0, 120}, Qt::NoButton, {}, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view.findChild<QWidget*>(), &wheel);
        QVERIFY(view.transform().scaleX() > 1.1 * before);
        QVERIFY(std::abs(view.transform().scaleX() / view.transform().scaleY() - 1) < 1e-9);
        view.resize(700, 300);
        QVERIFY(std::abs(view.transform().scaleX() / view.transform().scaleY() - 1) < 1e-6);
    }
};

QTEST_MAIN(TestRendering)
#include "test_rendering.moc"
