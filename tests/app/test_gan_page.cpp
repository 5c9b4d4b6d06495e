// The GAN page as a user meets it: the ring of 8 Gaussians under D(x), the two point sets,
// gradient arrows and the warped z grid; "Train D once" / "Train G once" step one network;
// the charts fill; a divergence is reported and keeps the last good state; the digits show a
// grid of generated images; `--algorithm gan` on the command line. Needs a display (ctest runs
// under xvfb-run).
#include "gui_test_support.h"
#include "app/data_panel.h"
#include "app/gan_page.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "core/gan.h"
#include "widgets/gan_charts.h"
#include "widgets/image_grid.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;

struct Window {
    explicit Window(const QString& dataset = QStringLiteral("ring")) : window(options(dataset)) {
        window.show();
        page = window.findChild<app::GanPage*>();
    }
    static app::LaunchOptions options(const QString& dataset) {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("gan");
        o.dataset = dataset;
        o.standardize = false;
        core::Params p(core::Gan::specs());
        p.set("g-width", int64_t{32});
        p.set("d-width", int64_t{32});
        p.set("batch", int64_t{64});
        if (dataset != QLatin1String("ring")) p.set("noise-dim", int64_t{8});
        o.modelParams = p;
        return o;
    }
    std::shared_ptr<const core::GanSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::GanSnapshot>(window.controller()->current());
    }
    app::MainWindow window;
    app::GanPage* page = nullptr;
};

} // namespace

class TestGanPage : public QObject {
    Q_OBJECT
private slots:
    void ringWithEveryLayerAndTheTrainButtons() {
        Window w;
        QVERIFY(w.page);
        QCOMPARE(w.window.page(), static_cast<app::AlgorithmPage*>(w.page));
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        QCOMPARE(w.shown()->data->d(), 2);
        QCOMPARE(w.shown()->data->name.substr(0, 4), std::string("ring"));

        w.window.controller()->step(6); // three iterations of D, G
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount == 6; }));
        QCOMPARE(w.shown()->iteration, int64_t{3});

        // Train D twice: two D steps, no iteration ends; Train G: the iteration ends.
        QTest::mouseClick(w.page->trainDButton(), Qt::LeftButton);
        QVERIFY(waitFor([&] { return w.shown()->stepCount == 7; }));
        QTest::mouseClick(w.page->trainDButton(), Qt::LeftButton);
        QVERIFY(waitFor([&] { return w.shown()->stepCount == 8; }));
        QCOMPARE(w.shown()->phase, std::string("discriminator"));
        QCOMPARE(w.shown()->iteration, int64_t{3});
        const auto generatorBefore = w.shown()->generator;
        QTest::mouseClick(w.page->trainGButton(), Qt::LeftButton);
        QVERIFY(waitFor([&] { return w.shown()->stepCount == 9; }));
        QCOMPARE(w.shown()->phase, std::string("generator"));
        QCOMPARE(w.shown()->iteration, int64_t{4});
        QVERIFY(!w.shown()->generator->layers()[0].W.isApprox(generatorBefore->layers()[0].W));

        // The picture: heat map, real and generated points, arrows, the warped grid, a colour bar.
        QVERIFY(waitFor([&] { return w.page->currentScene().points.size() == 2; }));
        const ui::Scene s = w.page->currentScene();
        QCOMPARE(s.images.size(), size_t(1));
        QCOMPARE(int(s.points[1].x->size()), core::kGanDrawingSamples);
        QVERIFY(s.lines.size() > 50);
        QCOMPARE(s.areas.size(), size_t(42));
        QVERIFY(std::any_of(s.legend.begin(), s.legend.end(), [](const ui::LegendEntry& e) { return !e.gradient.empty(); }));
        w.page->setShowArrows(false);
        w.page->setShowManifold(false);
        QVERIFY(w.page->currentScene().lines.empty() && w.page->currentScene().areas.empty());

        // The charts: one point per iteration so far, the reference lines in place.
        QVERIFY(waitFor([&] { return w.page->lossChart()->pointCount(0) == 4; }));
        QCOMPARE(w.page->probabilityChart()->pointCount(1), 4);
        QCOMPARE(w.page->valueChart()->pointCount(0), 4);
        QVERIFY(w.page->selectTab(QStringLiteral("Value J")));
        QVERIFY(!w.page->selectTab(QStringLiteral("Generated images"))); // disabled for 2-D data
        QVERIFY(w.window.findChild<QStatusBar*>()->findChild<QLabel*>()->text().contains(QStringLiteral("D(real)")));
    }

    void divergenceIsReportedAndKeepsTheLastState() {
        Window w;
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        w.window.controller()->step(2);
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount == 2; }));
        // A diverged snapshot as the model would make it (its networks: the last good ones).
        auto bad = std::make_shared<core::GanSnapshot>(*w.shown());
        bad->diverged = true;
        bad->finished = true;
        bad->events = {{core::ModelEvent::Kind::Diverged, "the generator's loss or gradients are not finite"}};
        QSignalSpy logged(w.page, &app::AlgorithmPage::eventLogged);
        QSignalSpy status(w.page, &app::AlgorithmPage::statusChanged);
        w.page->showSnapshot(bad, true);
        QCOMPARE(logged.count(), 1);
        QVERIFY(logged.at(0).at(1).toBool()); // a warning
        QVERIFY(status.last().at(0).toString().contains(QStringLiteral("diverged")));
        const ui::Scene s = w.page->currentScene();
        QVERIFY(std::any_of(s.texts.begin(), s.texts.end(), [](const ui::TextItem& t) { return t.text.contains("Diverged"); }));
        QCOMPARE(s.points.size(), size_t(2)); // still drawn
    }

    void digitsShowAGridOfGeneratedImages() {
        Window w(QStringLiteral("digits"));
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->data->imageShape.has_value(); }, 30000));
        w.window.controller()->step(2);
        QVERIFY(waitFor([&] { return w.shown()->stepCount == 2; }));
        QVERIFY(waitFor([&] { return w.page->imageGrid()->tiles().size() == 64u; }));
        QCOMPARE(w.page->currentView(), static_cast<ui::SceneView*>(w.page->imageGrid()));
        QCOMPARE(w.page->imageGrid()->tiles()[0].image.width(), 8);
    }

    void algorithmIsSelectableOnTheCommandLine() {
        QTemporaryDir dir;
        const QString png = dir.filePath("gan.png");
        QProcess p;
        p.start(qEnvironmentVariable("LATENTLAB_EXE"), {"--algorithm", "gan", "--batch", "32", "--steps", "4",
                                                         "--tab", "Losses", "--screenshot", png});
        QVERIFY(p.waitForFinished(20000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QImage(png).width() > 400);
    }
};

QTEST_MAIN(TestGanPage)
#include "test_gan_page.moc"
