// The Gaussian-mixture page beyond the 2-D scatter, as a user meets it: fitting one feature of
// Old Faithful alone (the 1-D view) and back, one-feature data, the weights bars following the
// run, the EM lower-bound tab taking the room it needs, and exporting what is shown.
// Needs a display (ctest runs under xvfb-run).
#include "gui_test_support.h"
#include "app/gmm_page.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "core/gmm.h"
#include "widgets/criteria_chart.h"
#include "widgets/em_bound_panel.h"
#include "widgets/exporter.h"
#include "widgets/gmm_weights_chart.h"

#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace latentlab;

namespace {

bool waitFor(const std::function<bool()>& done, int ms = 10000) { return latentlab::test::waitFor(done, ms); }

app::LaunchOptions gmmOn(const QString& dataset) {
    app::LaunchOptions o;
    o.autoplay = false;
    o.algorithm = QStringLiteral("gmm");
    o.dataset = dataset;
    return o;
}

struct Window {
    explicit Window(const app::LaunchOptions& o) : window(o) {
        window.show();
        page = qobject_cast<app::GmmPage*>(window.page());
    }
    std::shared_ptr<const core::GmmSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::GmmSnapshot>(window.controller()->current());
    }
    /// Runs `steps` half-steps of the current run and waits until they are shown.
    bool stepAndWait(int steps) {
        if (!waitFor([&] { return shown() != nullptr; })) return false;
        const int64_t target = shown()->stepCount + steps;
        window.controller()->step(steps);
        return waitFor([&] { return shown()->stepCount == target || shown()->finished; });
    }
    QComboBox* fitChoice() const {
        for (auto* c : page->parameterWidget()->findChildren<QComboBox*>())
            if (c->toolTip().startsWith(QStringLiteral("Fit all features"))) return c;
        return nullptr;
    }
    app::MainWindow window;
    app::GmmPage* page = nullptr;
};

} // namespace

class TestGmmPage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void fitsOneFeatureOfOldFaithfulAlone();
    void oneFeatureDataGetTheOneDimensionalView();
    void weightsFollowTheShownStep();
    void lowerBoundTabTakesTheRoomAndSpeaks();
};

void TestGmmPage::fitsOneFeatureOfOldFaithfulAlone() {
    Window w(gmmOn(QStringLiteral("old-faithful")));
    QVERIFY(w.page);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.stepAndWait(2));
    const auto all = w.shown()->data;
    QCOMPARE(all->d(), 2);
    QComboBox* fit = w.fitChoice();
    QVERIFY(fit);
    QCOMPARE(fit->count(), 3); // all features, eruptions only, waiting only
    QVERIFY(fit->isEnabled());
    QVERIFY(fit->itemText(1).startsWith(QStringLiteral("eruptions")));

    fit->setCurrentIndex(1);
    emit fit->activated(1); // as a user's choice
    QCOMPARE(w.page->fitFeature(), 0);
    QVERIFY(waitFor([&] { return w.shown() && w.shown()->data->d() == 1; }));
    QVERIFY(w.stepAndWait(6));
    const auto snap = w.shown();
    QCOMPARE(snap->data->featureNames, std::vector<std::string>{"eruptions"});
    QCOMPARE(snap->data->n(), 272);
    QVERIFY(snap->data->X.col(0) == all->X.col(0)); // the same (standardised) column
    QCOMPARE(snap->means.cols(), Eigen::Index{1});
    const ui::Scene scene = w.page->currentScene();
    QCOMPARE(scene.xLabel, QStringLiteral("eruptions"));
    QVERIFY(scene.areas.size() > 5);                    // histogram bars and component fills
    QCOMPARE(scene.lines.size(), size_t{3});            // two components and the mixture
    QCOMPARE(scene.points.at(0).x->size(), size_t{272}); // the rug
    // File → Export figure repaints this scene.
    const QString path = m_dir.path() + "/eruptions.png";
    ui::ExportOptions o;
    o.visibleData = w.page->view()->transform().visibleData();
    ui::exportScene(scene, path, o);
    QCOMPARE(QImage(path).size(), o.sizePx);
    if (const QByteArray keep = qgetenv("LATENTLAB_KEEP_FIGURES"); !keep.isEmpty()) // screenshots to look at
        w.window.grab().save(QString::fromLocal8Bit(keep) + "/window-eruptions.png");

    // AIC/BIC follow the data that are fitted.
    auto* criteria = w.page->findChild<ui::CriteriaChart*>();
    auto* tabs = w.page->findChild<QTabWidget*>();
    QVERIFY(criteria && tabs);
    tabs->setCurrentWidget(criteria);
    auto* aic = static_cast<QLineSeries*>(criteria->findChild<QChartView*>()->chart()->series().at(0));
    QVERIFY(waitFor([&] { return aic->count() == 8; }, 20000));

    w.page->setFitFeature(-1); // back to both features: the 2-D view
    QVERIFY(waitFor([&] { return w.shown() && w.shown()->data->d() == 2; }));
    QCOMPARE(fit->currentIndex(), 0);
    QVERIFY(waitFor([&] { return w.page->currentScene().areas.empty(); }));
    QVERIFY(waitFor([&] { return aic->count() == 8; }, 20000)); // recomputed for two features
}

void TestGmmPage::oneFeatureDataGetTheOneDimensionalView() {
    Window w(gmmOn(QStringLiteral("mixture-1d")));
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.stepAndWait(4));
    QCOMPARE(w.shown()->data->d(), 1);
    QComboBox* fit = w.fitChoice();
    QVERIFY(fit);
    QCOMPARE(fit->count(), 1);
    QVERIFY(!fit->isEnabled());
    QCOMPARE(w.page->fitFeature(), -1);
    const ui::Scene scene = w.page->view()->scene();
    QVERIFY(!scene.areas.empty() && !scene.legend.empty());
    QCOMPARE(scene.yLabel, QStringLiteral("density"));
}

void TestGmmPage::weightsFollowTheShownStep() {
    Window w(gmmOn(QStringLiteral("old-faithful")));
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    ui::GmmWeightsChart* bars = w.page->weightsChart();
    QVERIFY(bars && bars->isVisible());
    for (int steps : {1, 1, 4}) {
        QVERIFY(w.stepAndWait(steps));
        const auto snap = w.shown();
        QVERIFY(waitFor([&] { return bars->weights().size() == size_t(snap->weights.size()); }));
        for (int k = 0; k < snap->weights.size(); ++k) QCOMPARE(bars->weights()[size_t(k)], snap->weights[k]);
    }
    // Scrubbing back shows the weights of that step.
    w.window.controller()->showHistoryEntry(0);
    QVERIFY(waitFor([&] { return w.shown()->stepCount == 0; }));
    QVERIFY(waitFor([&] { return bars->weights()[0] == w.shown()->weights[0]; }));
}

void TestGmmPage::lowerBoundTabTakesTheRoomAndSpeaks() {
    Window w(gmmOn(QStringLiteral("old-faithful")));
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    ui::EmBoundPanel* bound = w.page->emBoundPanel();
    auto* tabs = w.page->findChild<QTabWidget*>();
    auto* split = qobject_cast<QSplitter*>(tabs->parentWidget());
    QVERIFY(bound && tabs && split);
    const QList<int> before = split->sizes();
    QVERIFY(before[1] < before[0]);
    tabs->setCurrentWidget(bound);
    QVERIFY(split->sizes()[1] > split->sizes()[0]); // the figure gets most of the height
    QSignalSpy status(w.page, &app::AlgorithmPage::statusChanged);
    bound->step();
    QVERIFY(!status.isEmpty() && status.last().at(0).toString().startsWith(QStringLiteral("E-step")));
    // The run's own status lines wait while the bound is on display.
    status.clear();
    QVERIFY(w.stepAndWait(1));
    QTest::qWait(50);
    for (const auto& args : status) QVERIFY(!args.at(0).toString().startsWith(QStringLiteral("Iteration")));
    if (const QByteArray keep = qgetenv("LATENTLAB_KEEP_FIGURES"); !keep.isEmpty()) { // screenshots to look at
        bound->step();
        QTest::qWait(100);
        w.window.grab().save(QString::fromLocal8Bit(keep) + "/window-em-bound.png");
    }
    status.clear();
    tabs->setCurrentIndex(0);
    QCOMPARE(split->sizes(), before);
    QVERIFY(!status.isEmpty() && status.last().at(0).toString().startsWith(QStringLiteral("Iteration")));
}

QTEST_MAIN(TestGmmPage)
#include "test_gmm_page.moc"
