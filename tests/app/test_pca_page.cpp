// The PCA page as a user meets it: the dragged direction u and its variance in the view and
// the polar chart, the cut-off M shared by the scree chart, E(M), the eigen-images and the
// reconstructions, tabs that only make sense for some data, and Export figure drawing the
// view on display. Needs a display (ctest runs under xvfb-run).
#include "gui_test_support.h"
#include "app/data_panel.h"
#include "app/main_window.h"
#include "app/pca_page.h"
#include "app/run_controller.h"
#include "core/pca.h"
#include "widgets/exporter.h"
#include "widgets/polar_variance_chart.h"
#include "widgets/scene_view.h"
#include "widgets/scree_chart.h"

#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;

struct Window {
    explicit Window(const QString& dataset) : window(options(dataset)) {
        window.show();
        page = window.findChild<app::PcaPage*>();
    }
    static app::LaunchOptions options(const QString& dataset) {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("pca");
        o.dataset = dataset;
        return o;
    }
    std::shared_ptr<const core::PcaSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::PcaSnapshot>(window.controller()->current());
    }
    app::MainWindow window;
    app::PcaPage* page = nullptr;
};

const ui::Marker* probeHandle(const ui::Scene& s) {
    for (const ui::Marker& m : s.markers)
        if (m.id == ui::kProbeHandle) return &m;
    return nullptr;
}

} // namespace

class TestPcaPage : public QObject {
    Q_OBJECT
private slots:
    void draggingTheProbeTurnsUAndUpdatesThePolarChart() {
        Window w(QStringLiteral("old-faithful"));
        QVERIFY(w.page);
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(waitFor([&] { return w.shown() && probeHandle(w.page->view()->scene()); }));
        auto* polar = w.page->findChild<ui::PolarVarianceChart*>();
        QVERIFY(polar);
        // Drag the handle with the mouse to straight above the mean: φ = 90° in z-space.
        ui::SceneView* view = w.page->view();
        QWidget* canvas = view->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).value(0);
        QVERIFY(canvas);
        const ui::ViewTransform& t = view->transform();
        const auto ex = w.shown()->exact;
        const QPoint from = t.toPixel(probeHandle(view->scene())->pos).toPoint();
        const QPoint to = t.toPixel(QPointF(ex->mean[0], ex->mean[1] + 2.0 * ex->scale[1])).toPoint();
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QTest::mouseMove(canvas, (from + to) / 2);
        QTest::mouseMove(canvas, to);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
        QVERIFY(w.page->probeAngle().has_value());
        QVERIFY2(std::abs(*w.page->probeAngle() - M_PI / 2) < 0.05, qPrintable(QString::number(*w.page->probeAngle())));
        QCOMPARE(polar->probeAngle(), *w.page->probeAngle());
        // The handle's label carries uᵀSu for the new u = (0, 1): S₂₂.
        const auto S = *w.shown()->covariance;
        const double phi = *w.page->probeAngle();
        const double v = S(0, 0) * std::cos(phi) * std::cos(phi) + 2 * S(0, 1) * std::cos(phi) * std::sin(phi) +
                         S(1, 1) * std::sin(phi) * std::sin(phi);
        QVERIFY(probeHandle(view->scene())->label.contains(QString::number(v, 'g', 4)));
        // Image tabs are off for two features; the polar chart is on.
        QVERIFY(!w.page->selectTab(QStringLiteral("Eigen-images")));
        QVERIFY(!w.page->selectTab(QStringLiteral("3-D")));
        QVERIFY(w.page->selectTab(QStringLiteral("Variance by direction")));
    }

    void cutoffIsSharedByChartsAndImageViews() {
        Window w(QStringLiteral("digits"));
        QVERIFY(w.page);
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->exact; }));
        QVERIFY(waitFor([&] { return w.page->cutoff() > 1; }));
        // Default: the smallest M keeping 90 % of the variance.
        const auto ex = w.shown()->exact;
        const int M0 = w.page->cutoff();
        QVERIFY(ex->explainedVarianceRatio.head(M0).sum() >= 0.9);
        QVERIFY(ex->explainedVarianceRatio.head(M0 - 1).sum() < 0.9);
        QVERIFY(!w.page->selectTab(QStringLiteral("Variance by direction"))); // two features only
        QVERIFY(w.page->selectTab(QStringLiteral("Scree")));
        auto charts = w.page->findChildren<ui::ScreeChart*>();
        QCOMPARE(charts.size(), 2);
        charts[0]->setCutoff(7); // as a drag would
        QCOMPARE(w.page->cutoff(), 7);
        QCOMPARE(charts[1]->cutoff(), 7);

        QVERIFY(w.page->selectTab(QStringLiteral("Eigen-images")));
        ui::Scene eigen = w.page->currentScene();
        QCOMPARE(static_cast<int>(eigen.images.size()), 26);
        QVERIFY(w.page->selectTab(QStringLiteral("Reconstructions")));
        w.page->setSampleIndex(5);
        const ui::Scene recon = w.page->currentScene();
        QCOMPARE(recon.images.size(), ui::reconstructionCounts(ex->count(), 7).size() + 1);
        bool framedSeven = false;
        for (const ui::TextItem& t : recon.texts) framedSeven |= t.text.startsWith(QStringLiteral("M = 7\n"));
        QVERIFY(framedSeven);

        // Export figure draws the view on display.
        QTemporaryDir dir;
        const QString path = dir.filePath("recon.svg");
        ui::exportScene(w.page->currentScene(), path, ui::ExportOptions{});
        QVERIFY(QFileInfo(path).size() > 1000);

        // The 3-D view turns with a drag.
        QVERIFY(w.page->selectTab(QStringLiteral("3-D")));
        QVERIFY(waitFor([&] { return !w.page->currentView()->scene().points.empty(); }));
        const ui::Rotation3D before = w.page->rotation();
        ui::SceneView* view3d = w.page->currentView();
        QWidget* canvas = view3d->findChildren<QWidget*>(Qt::FindDirectChildrenOnly).value(0);
        const QPoint c = canvas->rect().center();
        QTest::mousePress(canvas, Qt::LeftButton, {}, c);
        QTest::mouseMove(canvas, c + QPoint(30, 0));
        QTest::mouseMove(canvas, c + QPoint(60, 10));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, c + QPoint(60, 10));
        QVERIFY(w.page->rotation().yaw > before.yaw + 0.3);
        QCOMPARE(static_cast<int>(view3d->scene().points.front().x->size()), w.shown()->data->n());
    }

    void fashionMnistLoadsInTheBackgroundAndCancelKeepsTheData() {
        Window w(QStringLiteral("digits"));
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        auto* panel = w.window.findChild<app::DataPanel*>();
        QVERIFY(panel);
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->exact; }));
        const auto digits = panel->dataset();
        // Cancel at once: the digits stay, and so does the choice.
        QVERIFY(panel->select(QStringLiteral("fashion-mnist")));
        QVERIFY(panel->isLoading());
        panel->cancelLoad();
        QVERIFY(!panel->isLoading());
        QCOMPARE(panel->dataset(), digits);
        QCOMPARE(panel->datasetName(), QStringLiteral("digits"));
        // The test set (10 000 images) loads while the window keeps answering.
        QVERIFY(panel->select(QStringLiteral("fashion-mnist-test")));
        QVERIFY(waitFor([&] { return panel->dataset() != digits; }, 30000));
        QCOMPARE(panel->dataset()->n(), 10000);
        QVERIFY(panel->dataset()->imageShape.has_value());
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->data && w.shown()->data->n() == 10000 && w.shown()->exact; },
                        60000));
        QVERIFY(w.page->selectTab(QStringLiteral("Eigen-images")));
        const ui::Scene eigen = w.page->currentScene();
        QCOMPARE(static_cast<int>(eigen.images.size()), 26);
        QCOMPARE(eigen.images.front().image.size(), QSize(28, 28));
    }
};

QTEST_MAIN(TestPcaPage)
#include "test_pca_page.moc"
