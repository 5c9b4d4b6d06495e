// The whole window as a user meets it: the default demo, editing with the mouse, a responsive
// event loop while k-means runs flat out on 10^6 points with drawing, and closing mid-run.
// Needs a display (ctest runs under xvfb-run).
#include "gui_test_support.h"
#include "app/kmeans_page.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "core/gmm.h"
#include "core/kmeans.h"
#include "widgets/criteria_chart.h"
#include "widgets/painter_renderer.h"
#include "widgets/scene_view.h"

#include <QChartView>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineSeries>
#include <QTabWidget>
#include <QElapsedTimer>
#include <QListWidget>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace latentlab;

namespace {

bool waitFor(const std::function<bool()>& done, int ms = 10000) { return latentlab::test::waitFor(done, ms); }

/// Launch options for tests that drive the steps themselves.
app::LaunchOptions paused() {
    app::LaunchOptions o;
    o.autoplay = false;
    return o;
}

struct Window {
    explicit Window(app::LaunchOptions o = paused()) : window(o) {
        window.show();
        page = window.findChild<app::KMeansPage*>();
        view = page ? page->view() : nullptr;
    }
    QWidget* canvas() const { return view->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).value(0); }
    std::shared_ptr<const core::KMeansSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::KMeansSnapshot>(window.controller()->current());
    }
    app::MainWindow window;
    app::KMeansPage* page = nullptr;
    ui::SceneView* view = nullptr;
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void defaultDemoIsKMeansOnOldFaithful();
    void defaultDemoAnimatesByItself();
    void glForcedDrawsTheSameDemo();
    void eachAlgorithmRunsInTheWindow_data();
    void eachAlgorithmRunsInTheWindow();
    void switchingAlgorithmRestartsOnTheSameData();
    void gmmCriteriaChartFillsWhenOpened();
    void elbowFillsOnFirstPress();
    void clickAddsAndRightClickRemovesPoints();
    void draggingCentroidMovesIt();
    void editAfterScrubbingBackStartsFromTheShownData();
    void responsiveWhileRunningOnMillionPoints();
    void closeWhileRunning();
    void presentationModeEnlargesAndRestores();
};

void TestMainWindow::defaultDemoIsKMeansOnOldFaithful() {
    Window w;
    QVERIFY(w.page && w.view);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    const auto snap = w.shown();
    QCOMPARE(snap->data->n(), 272);
    QCOMPARE(snap->centroids.rows(), Eigen::Index{2});
    w.window.controller()->step(4);
    QVERIFY(waitFor([&] { return w.shown()->stepCount == 4; }));
    QCOMPARE(w.view->scene().markers.size(), size_t{2});
    QCOMPARE(w.view->scene().points.at(0).x->size(), size_t{272});
    // Auto: OpenGL on a hardware renderer, QPainter (with the reason shown) otherwise.
    QString renderer;
    const bool gl = ui::SceneView::openGLAvailable(nullptr, &renderer);
    QCOMPARE(w.view->usesOpenGL(), gl && !ui::SceneView::isSoftwareRenderer(renderer));
    if (!w.view->usesOpenGL()) QVERIFY(!w.view->fallbackReason().isEmpty());
}

void TestMainWindow::defaultDemoAnimatesByItself() {
    Window w{app::LaunchOptions{}};
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    // Two steps a second by default: the first assignment and update come without a click.
    QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount >= 2; }, 5000));
    QVERIFY(w.window.controller()->isPlaying());
}

void TestMainWindow::glForcedDrawsTheSameDemo() {
    if (!ui::SceneView::openGLAvailable()) QSKIP("no OpenGL context here (run under xvfb-run)");
    app::LaunchOptions o = paused();
    o.renderer = ui::RenderBackend::OpenGL;
    Window w(o);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.view->usesOpenGL());
    w.window.controller()->step(3);
    QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount == 3; }));
    QTest::qWait(100);
    QVERIFY(w.view->usesOpenGL()); // the shaders built: no fallback happened
}

void TestMainWindow::eachAlgorithmRunsInTheWindow_data() {
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<int>("minLines"); // what the scene must draw after four steps
    QTest::newRow("kmeans") << "kmeans" << 0;
    QTest::newRow("gmm") << "gmm" << 6;   // 1σ, 2σ, 3σ ellipses of 2 components
    QTest::newRow("pca") << "pca" << 1;   // at least one axis
}

void TestMainWindow::eachAlgorithmRunsInTheWindow() {
    QFETCH(QString, algorithm);
    QFETCH(int, minLines);
    app::LaunchOptions o = paused();
    o.algorithm = algorithm;
    Window w(o);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QCOMPARE(w.window.page()->algorithm(), algorithm);
    QVERIFY(waitFor([&] { return w.window.controller()->current() != nullptr; }));
    w.window.controller()->step(4);
    QVERIFY(waitFor([&] {
        const auto c = w.window.controller()->current();
        return c && (c->stepCount == 4 || c->finished);
    }));
    ui::SceneView* view = w.window.page()->view();
    QVERIFY(waitFor([&] { return !view->scene().points.empty(); }));
    QCOMPARE(view->scene().points.front().x->size(), size_t{272});
    QVERIFY(static_cast<int>(view->scene().lines.size()) >= minLines);
    QVERIFY(!view->scene().texts.empty()); // the caption names the step
}

void TestMainWindow::switchingAlgorithmRestartsOnTheSameData() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.window.controller()->current() != nullptr; }));
    auto* combo = w.window.findChild<QComboBox*>();
    QVERIFY(combo);
    int gmm = -1;
    for (auto* c : w.window.findChildren<QComboBox*>())
        if (c->findData(QStringLiteral("gmm")) >= 0) {
            combo = c;
            gmm = c->findData(QStringLiteral("gmm"));
        }
    QVERIFY(gmm >= 0);
    combo->setCurrentIndex(gmm);
    QCOMPARE(w.window.page()->algorithm(), QStringLiteral("gmm"));
    QVERIFY(waitFor([&] {
        return std::dynamic_pointer_cast<const core::GmmSnapshot>(w.window.controller()->current()) != nullptr;
    }));
    QCOMPARE(w.window.controller()->current()->data->n(), 272);
}

void TestMainWindow::gmmCriteriaChartFillsWhenOpened() {
    app::LaunchOptions o = paused();
    o.algorithm = QStringLiteral("gmm");
    Window w(o);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    auto* criteria = w.window.page()->findChild<ui::CriteriaChart*>();
    QVERIFY(criteria);
    auto* tabs = w.window.page()->findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentWidget(criteria);
    auto* view = criteria->findChild<QChartView*>();
    QVERIFY(view);
    auto* aic = static_cast<QLineSeries*>(view->chart()->series().at(0));
    auto* bic = static_cast<QLineSeries*>(view->chart()->series().at(1));
    QVERIFY(waitFor([&] { return aic->count() == 8; }, 20000)); // K = 1..8
    QCOMPARE(bic->count(), 8);
    // BIC penalises parameters more than AIC once log N > 2 (N = 272).
    for (int i = 1; i < 8; ++i) QVERIFY(bic->at(i).y() > aic->at(i).y());
}

void TestMainWindow::elbowFillsOnFirstPress() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    auto* page = w.window.findChild<app::KMeansPage*>();
    QVERIFY(page);
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    page->computeElbow(); // from the J tab, as the toolbar's Elbow does
    auto* view = static_cast<QWidget*>(page->elbowChart())->findChild<QChartView*>();
    QVERIFY(view);
    auto* best = static_cast<QLineSeries*>(view->chart()->series().at(0));
    QVERIFY(waitFor([&] { return best->count() == 10; }, 20000)); // K = 1..10
    for (int i = 1; i < 10; ++i) QVERIFY(best->at(i).y() <= best->at(i - 1).y() * (1 + 1e-6)); // J falls with K
}

void TestMainWindow::clickAddsAndRightClickRemovesPoints() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    w.window.controller()->step(2);
    QVERIFY(waitFor([&] { return w.shown()->stepCount == 2; }));
    // A click in an empty corner of the plot adds a point there.
    const QRectF plot = w.view->transform().plotRect();
    const QPoint at = (plot.topLeft() + QPointF(30, 60)).toPoint();
    const QPointF data = w.view->transform().toData(at);
    QTest::mouseClick(w.canvas(), Qt::LeftButton, {}, at);
    QVERIFY(waitFor([&] { return w.shown()->data->n() == 273; }));
    const auto& X = w.shown()->data->X;
    QVERIFY(std::abs(X(272, 0) - data.x()) < 1e-3 && std::abs(X(272, 1) - data.y()) < 1e-3);
    // The next assignment puts the new point in a cluster.
    w.window.controller()->step(1);
    QVERIFY(waitFor([&] { return w.shown()->labels && w.shown()->labels->size() == 273; }));
    // Right-click on it removes it again.
    QTest::mouseClick(w.canvas(), Qt::RightButton, {}, w.view->transform().toPixel(QPointF(X(272, 0), X(272, 1))).toPoint());
    QVERIFY(waitFor([&] { return w.shown()->data->n() == 272; }));
}

void TestMainWindow::draggingCentroidMovesIt() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    const auto before = w.shown();
    const QPointF from = w.view->transform().toPixel(QPointF(before->centroids(0, 0), before->centroids(0, 1)));
    const QPointF to = from + QPointF(40, -30);
    QWidget* c = w.canvas();
    QTest::mousePress(c, Qt::LeftButton, {}, from.toPoint());
    QTest::mouseMove(c, (from + QPointF(10, -8)).toPoint());
    QTest::mouseMove(c, to.toPoint());
    QTest::mouseRelease(c, Qt::LeftButton, {}, to.toPoint());
    const QPointF target = w.view->transform().toData(to.toPoint());
    QVERIFY(waitFor([&] {
        const auto s = w.shown();
        return std::abs(s->centroids(0, 0) - target.x()) < 1e-3 && std::abs(s->centroids(0, 1) - target.y()) < 1e-3;
    }));
    // The other centroid stayed where it was.
    QCOMPARE(w.shown()->centroids.row(1), before->centroids.row(1));
}

void TestMainWindow::editAfterScrubbingBackStartsFromTheShownData() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    auto* rc = w.window.controller();
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    rc->step(2);
    QVERIFY(waitFor([&] { return w.shown()->stepCount == 2; }));
    const int before = rc->historySize() - 1;
    // Add a point: the edit is logged, the data has 273 points.
    const QRectF plot = w.view->transform().plotRect();
    QTest::mouseClick(w.canvas(), Qt::LeftButton, {}, (plot.topLeft() + QPointF(30, 60)).toPoint());
    QVERIFY(waitFor([&] { return w.shown()->data->n() == 273; }));
    auto* log = w.window.findChild<QListWidget*>();
    QVERIFY(log);
    QVERIFY(waitFor([&] { return !log->findItems(QStringLiteral("data edited"), Qt::MatchContains).isEmpty(); }));
    // Scrub back to before the edit, then remove a point: 271, not 272 (the undone point
    // must not come back).
    rc->showHistoryEntry(before);
    QVERIFY(waitFor([&] { return w.shown()->data->n() == 272; }));
    const auto& X = w.shown()->data->X;
    QTest::mouseClick(w.canvas(), Qt::RightButton, {}, w.view->transform().toPixel(QPointF(X(0, 0), X(0, 1))).toPoint());
    QVERIFY(waitFor([&] { return w.shown()->data->n() == 271; }));
}

void TestMainWindow::responsiveWhileRunningOnMillionPoints() {
    app::LaunchOptions o = paused();
    o.dataset = QStringLiteral("uniform");
    o.generatorParams = {{QStringLiteral("n"), QStringLiteral("1000000")}};
    o.stepsPerSecond = 0; // flat out
    core::Params p(core::KMeans::specs());
    p.set("k", int64_t{10});
    p.set("max-iter", int64_t{100000});
    o.modelParams = p;
    Window w(o);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.shown() && w.shown()->data->n() == 1'000'000; }, 30000));
    auto* rc = w.window.controller();
    rc->play();
    QVERIFY(waitFor([&] { return rc->historySize() > 3; }, 20000));
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worst = 0;
    int ticks = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (ticks++ > 0) worst = std::max(worst, now - last);
        last = now;
    });
    const int64_t stepsBefore = w.shown()->stepCount;
    probe.start(5);
    QTest::qWait(1500);
    probe.stop();
    const int64_t stepsAfter = w.shown()->stepCount;
    rc->pause();
    QVERIFY2(stepsAfter - stepsBefore > 10, "the model was not running while the window drew");
    qInfo("worst event-loop gap while drawing 10^6 points: %lld ms (%lld steps in 1.5 s)", worst,
          static_cast<long long>(stepsAfter - stepsBefore));
    QVERIFY2(worst < 50, qPrintable(QString("the event loop stalled for %1 ms while drawing 10^6 points").arg(worst)));
}

void TestMainWindow::closeWhileRunning() {
    auto w = std::make_unique<Window>();
    QVERIFY(QTest::qWaitForWindowExposed(&w->window));
    w->window.controller()->setSpeed(0);
    w->window.controller()->play();
    QTest::qWait(100);
    w->window.close();
    w.reset(); // tears the worker down while it plays; must not hang or crash
}

void TestMainWindow::presentationModeEnlargesAndRestores() {
    Window w;
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
    auto* dataDock = w.window.findChild<QDockWidget*>(QStringLiteral("left-dock"));
    QVERIFY(dataDock && dataDock->isVisible());
    const double font = QApplication::font().pointSizeF();
    const QRectF plot = w.view->transform().plotRect();
    w.window.setPresentationMode(true);
    QVERIFY(w.window.isPresenting());
    QVERIFY(!dataDock->isVisible());
    QVERIFY(QApplication::font().pointSizeF() > 1.4 * font);
    QCOMPARE(ui::liveStyle().fontScale, 1.6);
    // Stepping with the keys a clicker sends still works.
    w.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w.window));
    const int64_t before = w.shown()->stepCount;
    QTest::keyClick(&w.window, Qt::Key_PageDown);
    QVERIFY(waitFor([&] { return w.shown()->stepCount == before + 1; }));
    QTest::keyClick(&w.window, Qt::Key_Escape);
    QVERIFY(!w.window.isPresenting());
    QVERIFY(dataDock->isVisible());
    QCOMPARE(QApplication::font().pointSizeF(), font);
    QCOMPARE(ui::liveStyle().fontScale, 1.0);
    QVERIFY(waitFor([&] { return w.view->transform().plotRect().left() <= plot.left() + 1; }));
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
