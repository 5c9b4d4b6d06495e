// The DDPM page as a user meets it: two moons under the predicted-noise arrows with preview
// samples while training; "Sample now" ends training and runs the reverse chain with paths of
// chosen points; the timeline steps back through the chain; the forward view morphs the data
// with t; the strip fills as the chain passes its frames; the digits show image grids; and
// `--algorithm ddpm` on the command line. Needs a display (ctest runs under xvfb-run).
#include "gui_test_support.h"
#include "app/ddpm_page.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "core/ddpm.h"

#include <QImage>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;

struct Window {
    explicit Window(const QString& dataset = QStringLiteral("two-moons")) : window(options(dataset)) {
        window.show();
        page = window.findChild<app::DdpmPage*>();
    }
    static app::LaunchOptions options(const QString& dataset) {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("ddpm");
        o.dataset = dataset;
        core::Params p(core::Ddpm::specs());
        p.set("width", int64_t{32});
        p.set("T", int64_t{20});
        p.set("batch", int64_t{64});
        p.set("train-steps", int64_t{250});
        p.set("sample-points", int64_t{300});
        o.modelParams = p;
        return o;
    }
    std::shared_ptr<const core::DdpmSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::DdpmSnapshot>(window.controller()->current());
    }
    app::MainWindow window;
    app::DdpmPage* page = nullptr;
};

size_t arrows(const ui::Scene& s) {
    return size_t(std::count_if(s.lines.begin(), s.lines.end(), [](const ui::Polyline& l) { return l.arrowHead; }));
}

} // namespace

class TestDdpmPage : public QObject {
    Q_OBJECT
private slots:
    void twoMoonsFromTrainingThroughTheChain() {
        Window w;
        QVERIFY(w.page);
        QCOMPARE(w.window.page(), static_cast<app::AlgorithmPage*>(w.page));
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        QCOMPARE(w.shown()->data->d(), 2);

        // Training: the data and, after 200 steps, preview samples under the arrows.
        w.window.controller()->step(210);
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->trainStep == 210; }, 30000));
        QVERIFY(w.shown()->preview);
        QVERIFY(waitFor([&] { return w.page->currentScene().points.size() == 2; }));
        ui::Scene s = w.page->currentScene();
        QCOMPARE(s.points[1].x->size(), size_t(core::Ddpm::kPreviewPoints));
        QCOMPARE(arrows(s), s.lines.size()); // no paths while training
        QVERIFY(arrows(s) > 300); // most of the 21 × 21 grid (tiny arrows are left out)
        w.page->setShowArrows(false);
        QCOMPARE(arrows(w.page->currentScene()), size_t(0));
        w.page->setShowArrows(true);

        // A click on the view adds a blob of 20 data points (user-drawn data); training goes on.
        const int n = w.shown()->data->n();
        emit w.page->view()->pointAddRequested(QPointF(0.0, 3.0));
        QVERIFY(waitFor([&] { return w.shown()->data->n() == n + 20; }));
        QVERIFY(std::abs(w.shown()->data->X.bottomRows(20).col(1).mean() - 3.0f) < 0.5f);

        // Sample now: the chain starts from x_T at t = T and the page asks for a watchable speed.
        QSignalSpy speed(w.page, &app::DdpmPage::speedSuggested);
        QTest::mouseClick(w.page->sampleButton(), Qt::LeftButton);
        QVERIFY(waitFor([&] { return w.shown()->sampling; }));
        w.window.controller()->pause(); // Sample now plays: stop, and let the last step arrive
        QTest::qWait(100);
        QVERIFY(speed.count() >= 1);
        QCOMPARE(speed.first().at(0).toDouble(), 30.0);
        const int64_t at = w.shown()->stepCount;
        w.window.controller()->step(5);
        QVERIFY(waitFor([&] { return w.shown()->stepCount >= at + 5; }));
        const int t = w.shown()->t;
        QVERIFY(t < 20);
        QVERIFY(waitFor([&] { return !w.page->currentScene().markers.empty(); }));
        s = w.page->currentScene();
        QCOMPARE(s.markers.size(), size_t(16));                    // the heads of 16 paths
        QCOMPARE(s.points.back().x->size(), size_t(300));          // every chain point
        QVERIFY(s.lines.size() >= 16 + 100);                       // paths and arrows

        // Back on the timeline: one reverse step earlier is one t higher.
        const int last = w.window.controller()->historySize() - 1;
        w.window.controller()->showHistoryEntry(last - 1);
        QVERIFY(waitFor([&] { return w.shown()->t == t + 1; }));
        w.window.controller()->showHistoryEntry(last);
        QVERIFY(waitFor([&] { return w.shown()->t == t; }));

        // Forward view: t = 0 is the data, t = T is nearly N(0, I) in model units.
        QVERIFY(w.page->selectTab(QStringLiteral("Forward process")));
        w.page->setForwardTimestep(0);
        QCOMPARE(w.page->forwardView()->scene().points.size(), size_t(1));
        const auto& x0 = *w.page->forwardView()->scene().points[0].x;
        QCOMPARE(x0.front(), w.shown()->data->X(0, 0));
        w.page->setForwardTimestep(20);
        QVERIFY(w.page->forwardView()->scene().points[0].x->front() != w.shown()->data->X(0, 0));
        QCOMPARE(w.page->currentView(), w.page->forwardView());

        // The strip: nine forward panels, and the reverse panels the chain has passed.
        QVERIFY(w.page->selectTab(QStringLiteral("Strip")));
        const size_t frames = w.shown()->frames->size();
        QVERIFY(frames >= 2);
        QCOMPARE(w.page->stripView()->scene().points.size(), size_t(core::Ddpm::kFrames) + frames);
        QVERIFY(!w.page->stripView()->scene().showAxes);
    }

    // The shipped two-moons model: its parameters and its data (not standardised), straight to
    // a chain that ends on the moons; editing a parameter ends its use.
    void pretrainedModelRunsTheChainAtOnce() {
        Window w(QStringLiteral("iris"));
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        QTest::mouseClick(w.page->pretrainedButton(), Qt::LeftButton);
        QVERIFY(w.page->pretrained());
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->sampling && w.shown()->data->name == "two-moons"; }, 20000));
        w.window.controller()->pause();
        QCOMPARE(w.shown()->trainStep, w.page->pretrained()->trainSteps);
        QCOMPARE(w.page->params().getInt("width"), int64_t{128});
        QCOMPARE(w.page->params().getInt("T"), int64_t{200});
        // Raw two moons (x in about [−1, 2]), not z-scores: the model's own units.
        QVERIFY(w.shown()->data->X.col(0).maxCoeff() > 1.8f);
        w.window.controller()->runToConvergence();
        QVERIFY(waitFor([&] { return w.shown()->finished; }, 30000));
        const core::Matrix& x = w.shown()->points;
        // Most samples sit on the moons: within 0.35 of some data point.
        int near = 0;
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            near += (w.shown()->data->X.rowwise() - x.row(i)).rowwise().norm().minCoeff() < 0.35f;
        QVERIFY2(near > 0.9 * double(x.rows()), qPrintable(QString::number(near)));
        core::Params p = w.page->params();
        p.set("T", int64_t{100});
        w.page->setParams(p);
        QVERIFY(!w.page->pretrained());
    }

    void digitsShowImageGrids() {
        Window w(QStringLiteral("digits"));
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->data->imageShape.has_value(); }, 30000));
        w.page->sampleNow();
        QVERIFY(waitFor([&] { return w.shown()->sampling; }));
        w.window.controller()->pause();
        w.window.controller()->step(3);
        QVERIFY(waitFor([&] { return w.shown()->t <= 17; }));
        QVERIFY(waitFor([&] { return !w.page->currentScene().images.empty(); }));
        QCOMPARE(w.page->currentScene().images.front().image.width(), 8);
        QVERIFY(w.page->selectTab(QStringLiteral("Strip")));
        // 8 chains × the strip's columns (T = 20 gives 9 frames), the unreached ones blank.
        QCOMPARE(w.page->stripView()->scene().images.size(), size_t(8 * core::Ddpm::kFrames));
        QVERIFY(w.page->selectTab(QStringLiteral("Forward process")));
        QCOMPARE(w.page->forwardView()->scene().images.size(), size_t(32));
    }

    void algorithmIsSelectableOnTheCommandLine() {
        QTemporaryDir dir;
        const QString png = dir.filePath("ddpm.png");
        QProcess p;
        p.start(qEnvironmentVariable("LATENTLAB_EXE"), {"--algorithm", "ddpm", "--train-steps", "20", "--T", "10",
                                                         "--steps", "25", "--tab", "Strip", "--screenshot", png});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QImage(png).width() > 400);
    }
};

QTEST_MAIN(TestDdpmPage)
#include "test_ddpm_page.moc"
