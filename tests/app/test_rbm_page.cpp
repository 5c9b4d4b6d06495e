// The RBM page as a user meets it on the 8×8 digits: the data scaled to [0, 1], the filters
// (one tile per hidden unit), the triptych with a painted input, a dreaming Gibbs chain, the
// monitors, Export figure of the filters, and `--algorithm rbm` on the command line. Needs a
// display (ctest runs under xvfb-run).
#include "gui_test_support.h"
#include "app/data_panel.h"
#include "app/main_window.h"
#include "app/rbm_page.h"
#include "app/run_controller.h"
#include "core/rbm.h"
#include "core/rbm_io.h"
#include "widgets/exporter.h"
#include "widgets/image_grid.h"
#include "widgets/rbm_charts.h"
#include "widgets/rbm_views.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;

struct Window {
    explicit Window(const app::LaunchOptions& o = options()) : window(o) {
        window.show();
        page = window.findChild<app::RbmPage*>();
    }
    static app::LaunchOptions options() {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("rbm");
        o.dataset = QStringLiteral("digits");
        core::Params p(core::Rbm::specs());
        p.set("hidden", int64_t{36});
        p.set("batch", int64_t{32});
        o.modelParams = p;
        return o;
    }
    std::shared_ptr<const core::RbmSnapshot> shown() const {
        return std::dynamic_pointer_cast<const core::RbmSnapshot>(window.controller()->current());
    }
    app::MainWindow window;
    app::RbmPage* page = nullptr;
};

ui::ImageGridView* gridOf(app::RbmPage* page) { return qobject_cast<ui::ImageGridView*>(page->currentView()); }

} // namespace

class TestRbmPage : public QObject {
    Q_OBJECT
private slots:
    void filtersReconstructionsDreamsOnDigits() {
        Window w;
        QVERIFY(w.page);
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        // The digits (0..16) reach the model divided by 16.
        QVERIFY(w.page->trainingData());
        QCOMPARE(w.page->trainingData()->X.maxCoeff(), 1.0f);
        QVERIFY(w.page->trainingData()->X.minCoeff() >= 0.0f);

        w.window.controller()->step(150); // about three epochs: the reconstructions depend on the input by then
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount >= 150; }));
        QVERIFY(w.page->selectTab(QStringLiteral("Filters")));
        // Filters redraw at most ~5 times a second: wait for the last one.
        ui::ImageGridView* filters = gridOf(w.page);
        QVERIFY(filters);
        QVERIFY(waitFor([&] { return filters->tiles().size() == 36u && filters->tiles()[0].hoverText.contains("b_j"); }));
        const auto theta = w.shown()->weights;
        QVERIFY(waitFor([&] {
            return filters->tiles()[3].hoverText.contains(QString::number(theta->b[3], 'g', 3)) &&
                   filters->tiles()[3].hoverText.contains(QString::number(theta->W.col(3).norm(), 'g', 3));
        }));
        for (const ui::ImageTile& t : filters->tiles()) QCOMPARE(t.image.size(), QSize(8, 8));
        // Diverging colours: a filter's most negative weight is blue, its most positive red.
        {
            Eigen::Index iMax = 0, iMin = 0;
            theta->W.col(0).maxCoeff(&iMax);
            theta->W.col(0).minCoeff(&iMin);
            const QColor hi = filters->tiles()[0].image.pixelColor(int(iMax % 8), int(iMax / 8));
            const QColor lo = filters->tiles()[0].image.pixelColor(int(iMin % 8), int(iMin / 8));
            QVERIFY(hi.red() > hi.blue());
            QVERIFY(lo.blue() > lo.red());
        }
        // Export figure draws the filters.
        QTemporaryDir dir;
        const QString svg = dir.filePath("filters.svg");
        ui::exportScene(w.page->currentScene(), svg, ui::ExportOptions{});
        QVERIFY(QFileInfo(svg).size() > 2000);

        // Reconstructions: rows of input | p(h|v) | 1 step | k steps.
        QVERIFY(w.page->selectTab(QStringLiteral("Reconstructions")));
        ui::ImageGridView* recon = gridOf(w.page);
        QVERIFY(recon);
        QVERIFY(waitFor([&] { return recon->tiles().size() == 24u; }));
        QCOMPARE(recon->tiles()[1].image.size(), QSize(6, 6)); // 36 hidden units
        const QImage inputBefore = recon->tiles()[0].image;
        const QImage hiddenBefore = recon->tiles()[1].image;
        // Paint: a white stroke over the first input changes it and its reconstruction.
        w.page->setPaintMode(true);
        ui::PaintCanvas* canvas = w.page->paintCanvas();
        QVERIFY(canvas->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(canvas));
        const std::vector<float> before = canvas->values();
        const QRect r = canvas->rect();
        QTest::mousePress(canvas, Qt::LeftButton, {}, r.center() - QPoint(r.width() / 4, 0));
        QTest::mouseMove(canvas, r.center());
        QTest::mouseMove(canvas, r.center() + QPoint(r.width() / 4, 0));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, r.center() + QPoint(r.width() / 4, 0));
        QVERIFY(canvas->values() != before);
        QVERIFY(recon->tiles()[0].image != inputBefore);
        QVERIFY(recon->tiles()[0].caption.contains("painted"));
        QVERIFY(recon->tiles()[1].image != hiddenBefore); // p(h|v) of the painted input
        // The right button paints black.
        QVERIFY(canvas->paintAt(QPointF(r.center()), false));
        QCOMPARE(canvas->values()[4 * 8 + 4], 0.0f); // brush 1 pixel on 8×8: row 4, column 4
        QVERIFY(!canvas->paintAt(QPointF(-5, -5), true));

        // Dreams: the chain moves and keeps every n-th state.
        QVERIFY(w.page->selectTab(QStringLiteral("Dreams")));
        QCOMPARE(w.page->dreamStepCount(), int64_t{110}); // shown: 11 kept states at once
        w.page->dreamSteps(35);
        QCOMPARE(w.page->dreamStepCount(), int64_t{145});
        ui::ImageGridView* strip = gridOf(w.page);
        QVERIFY(strip);
        QCOMPARE(strip->tiles().size(), 15u); // steps 0, 10, …, 140 with n = 10
        QCOMPARE(strip->tiles().back().caption, QStringLiteral("t = 140"));
        QCOMPARE(strip->tiles().back().image.size(), QSize(8, 8));
        w.page->setDreaming(true);
        QVERIFY(waitFor([&] { return w.page->dreamStepCount() > 60; }, 5000));
        w.page->setDreaming(false);

        // Monitors after one full epoch; the histogram counts B × H activations.
        QVERIFY(w.page->selectTab(QStringLiteral("Hidden activations")));
        auto* histogram = w.page->findChild<ui::HistogramChart*>();
        int64_t total = 0;
        for (int64_t c : histogram->counts()) total += c;
        QCOMPARE(total, int64_t{32 * 36});
        const int64_t perEpoch = w.shown()->batchesPerEpoch;
        w.window.controller()->step(static_cast<int>(perEpoch));
        QVERIFY(waitFor([&] { return w.shown()->stepCount >= 150 + perEpoch; }));
        const size_t epochs = static_cast<size_t>(w.shown()->epoch);
        QVERIFY(epochs >= 2);
        QVERIFY(w.page->selectTab(QStringLiteral("Monitors")));
        QList<ui::EpochChart*> charts = w.page->findChildren<ui::EpochChart*>();
        QCOMPARE(charts.size(), 2);
        QVERIFY(waitFor([&] { return !charts[0]->series().empty() && charts[0]->series()[0].values.size() == epochs; }));
        QCOMPARE(charts[0]->series()[0].values[0], w.shown()->monitors.pseudoLogLikelihood[0]);
    }

    // Load model… starts the run from the file's weights (hidden units taken from the file); a
    // model for other data is refused with a message naming the file.
    void loadModelStartsFromItsWeights() {
        Window w;
        QVERIFY(w.page);
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        QTemporaryDir dir;
        core::RbmModelFile model;
        model.weights = core::RbmWeights::zero(64, 5);
        for (int j = 0; j < 5; ++j) model.weights.W(j * 10, j) = 0.5f + j;
        model.weights.b[2] = -1.25f;
        model.imageShape = core::ImageShape{8, 8, 1};
        model.description = "test model";
        const QString path = dir.filePath("m.bin");
        core::saveRbmModel(path.toStdString(), model);
        w.page->loadModel(path);
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount == 0 && w.shown()->weights->hidden() == 5; }));
        QCOMPARE(w.shown()->weights->W(30, 3), 3.5f);
        QCOMPARE(w.shown()->weights->b[2], -1.25f);
        QCOMPARE(w.page->params().getInt("hidden"), int64_t{5});

        core::RbmModelFile other = model;
        other.weights = core::RbmWeights::zero(16, 2);
        other.imageShape = core::ImageShape{4, 4, 1};
        const QString bad = dir.filePath("other.bin");
        core::saveRbmModel(bad.toStdString(), other);
        try {
            w.page->loadModel(bad);
            QFAIL("a 16-visible model was accepted for the 64-pixel digits");
        } catch (const core::DataError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("other.bin"), e.what());
        }
    }

    void pretrainedModelStartsAtOnceOnFashionMnist() {
        Window w;
        QVERIFY(w.page);
        QVERIFY(waitFor([&] { return w.shown() != nullptr; }));
        // On the digits (64 pixels) the shipped 784-pixel model does not fit: refused by name.
        QVERIFY_THROWS_EXCEPTION(std::exception, w.page->loadPretrained());
        auto* panel = w.window.findChild<app::DataPanel*>();
        QVERIFY(panel && panel->select(QStringLiteral("fashion-mnist-test")));
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->data && w.shown()->data->d() == 784; }, 60000));
        w.page->loadPretrained();
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->stepCount == 0 && w.shown()->weights->hidden() == 256; }, 60000));
        // Trained weights, not a fresh start (N(0, 0.01²) would have ‖W‖ about 0.01·√(784·256) ≈ 4.5).
        QVERIFY(w.shown()->weights->W.norm() > 20.0f);
    }

    // --pretrained (LaunchOptions::pretrained) starts the RBM page from the shipped model too.
    void pretrainedOptionStartsFromTheShippedModel() {
        app::LaunchOptions o = Window::options();
        o.dataset = QStringLiteral("fashion-mnist-test");
        o.modelParams = core::Params(core::Rbm::specs());
        o.pretrained = true;
        Window w(o);
        QVERIFY(waitFor([&] { return w.shown() && w.shown()->data && w.shown()->data->d() == 784; }, 60000));
        QVERIFY(waitFor([&] { return w.shown()->weights->hidden() == 256 && w.shown()->weights->W.norm() > 20.0f; }, 60000));
    }

    void algorithmIsSelectableOnTheCommandLine() {
        QTemporaryDir dir;
        const QString png = dir.filePath("rbm.png");
        QProcess p;
        p.start(qEnvironmentVariable("LATENTLAB_EXE"), {"--algorithm", "rbm", "--dataset", "digits", "--hidden", "16",
                                                         "--tab", "Filters", "--steps", "3", "--screenshot", png});
        QVERIFY(p.waitForFinished(15000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QImage(png).width() > 400);
        QProcess bad;
        bad.start(qEnvironmentVariable("LATENTLAB_EXE"), {"--algorithm", "rbn"});
        QVERIFY(bad.waitForFinished(10000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY(bad.readAllStandardError().contains("rbm"));
    }
};

QTEST_MAIN(TestRbmPage)
#include "test_rbm_page.moc"
