// Batch export (issue 7): every panel of the page as files named from their tabs, the main view
// over chosen iterations as one multi-panel figure; cancelling leaves no file.
#include "cli_test_support.h"
#include "gui_test_support.h"
#include "app/algorithm_page.h"
#include "app/batch_export.h"
#include "app/main_window.h"
#include "app/run_controller.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <stdexcept>

using namespace latentlab;
using latentlab::test::waitFor;

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestBatchExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void namesAndIterationLists() {
        QCOMPARE(app::slugify(QStringLiteral("AIC / BIC (choose K)")), QStringLiteral("aic_bic_choose_k"));
        QCOMPARE(app::slugify(QStringLiteral("  --  ")), QStringLiteral("panel"));
        QCOMPARE(app::panelFileName(QStringLiteral("gmm"), 12, QStringLiteral("Responsibilities"), QStringLiteral("svg")),
                 QStringLiteral("gmm_iter012_responsibilities.svg"));
        QCOMPARE(app::panelFileName(QStringLiteral("kmeans"), 1234, QStringLiteral("E(M)"), QStringLiteral("png")),
                 QStringLiteral("kmeans_iter1234_e_m.png"));
        QCOMPARE(app::parseIterationList(QStringLiteral("0, 1, 2, 5, 10, 20")), (std::vector<int>{0, 1, 2, 5, 10, 20}));
        QCOMPARE(app::parseIterationList(QStringLiteral("5 1 1;last")), (std::vector<int>{-1, 1, 5}));
        try {
            app::parseIterationList(QStringLiteral("0, 1, x2"));
            QFAIL("a bad item must throw");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("item 3 'x2'")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app::parseIterationList(QStringLiteral("0, -1")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, app::parseIterationList(QStringLiteral(" , ")));
        QCOMPARE(app::everyNthIteration(5, 12), (std::vector<int>{0, 5, 10, 12}));
        QCOMPARE(app::everyNthIteration(3, 6), (std::vector<int>{0, 3, 6}));
    }

    void allViewsAndIterationSeries() {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("gmm");
        o.dataset = QStringLiteral("blobs");
        app::MainWindow w(o);
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        w.controller()->step(8);
        QVERIFY(waitFor([&] { return w.controller()->current()->stepCount >= 8 || w.controller()->current()->finished; }));
        const auto snap = w.controller()->current();
        const QString iter = QStringLiteral("_iter%1_").arg(snap->iteration, 3, 10, QLatin1Char('0'));
        const auto panels = w.page()->panels();
        QVERIFY(panels.size() >= 2);

        QTemporaryDir dir;
        for (const QString& format : {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf")}) {
            const QString folder = dir.filePath(format);
            const QStringList files = w.exportAllViews(folder, format, ui::ExportOptions{}, ui::FigureTheme::Light);
            QCOMPARE(files.size(), static_cast<qsizetype>(panels.size()));
            QCOMPARE(QDir(folder).entryList(QDir::Files).size(), files.size()); // no temporary left
            for (size_t i = 0; i < panels.size(); ++i) {
                const QString name = QFileInfo(files[static_cast<qsizetype>(i)]).fileName();
                QCOMPARE(name, QStringLiteral("gmm") + iter + app::slugify(panels[i].title) + QLatin1Char('.') + format);
                const QByteArray head = readAll(files[static_cast<qsizetype>(i)]).left(200);
                if (format == QLatin1String("svg")) QVERIFY(head.contains("<svg") || head.contains("<?xml"));
                if (format == QLatin1String("pdf")) QVERIFY(head.startsWith("%PDF"));
                if (format == QLatin1String("png")) QCOMPARE(QImage(files[static_cast<qsizetype>(i)]).size(), ui::ExportOptions{}.sizePx);
            }
        }
        // Cancel after the first panel: nothing at all is left in the folder.
        const QString cancelled = dir.filePath("cancelled");
        const QStringList none = w.exportAllViews(cancelled, QStringLiteral("svg"), ui::ExportOptions{}, ui::FigureTheme::Dark,
                                                  [](int done, int) { return done < 1; });
        QVERIFY(none.isEmpty());
        QVERIFY(QDir(cancelled).entryList(QDir::Files).isEmpty());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, w.exportAllViews(dir.filePath("x"), QStringLiteral("bmp"), ui::ExportOptions{}, ui::FigureTheme::Light));

        // The iteration series: one file, a panel titled per iteration, the shown step kept.
        const int shown = w.controller()->shownIndex();
        const QString series = dir.filePath("series.svg");
        QCOMPARE(w.exportIterationSeries(series, {0, 1, 2}, ui::ExportOptions{}, ui::FigureTheme::Light), 3);
        const QByteArray svg = readAll(series);
        for (const char* title : {"iteration 0", "iteration 1", "iteration 2"}) QVERIFY2(svg.contains(title), title);
        QVERIFY(!svg.contains("iteration 3"));
        QCOMPARE(w.controller()->shownIndex(), shown);
        ui::ExportOptions small;
        small.sizePx = QSize(900, 500);
        const QString png = dir.filePath("series.png");
        QCOMPARE(w.exportIterationSeries(png, {0, 1000}, small, ui::FigureTheme::Dark), 2); // 1000: the last state
        QCOMPARE(QImage(png).size(), small.sizePx);
        const QString stopped = dir.filePath("stopped.svg");
        QCOMPARE(w.exportIterationSeries(stopped, {0, 1, 2}, small, ui::FigureTheme::Light, [](int done, int) { return done < 2; }), 0);
        QVERIFY(!QFile::exists(stopped));
        QVERIFY(!QFile::exists(stopped + ".part.svg"));
        QCOMPARE(w.controller()->shownIndex(), shown);
    }

    void hiddenViewTabsAreDrawn() {
        // PCA draws its 3-D and eigen-image tabs only when shown: the batch must show them.
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("pca");
        o.dataset = QStringLiteral("iris");
        app::MainWindow w(o);
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        w.controller()->step(2);
        QVERIFY(waitFor([&] { return w.controller()->current()->stepCount >= 2 || w.controller()->current()->finished; }));
        QTemporaryDir dir;
        const QStringList files = w.exportAllViews(dir.path(), QStringLiteral("svg"), ui::ExportOptions{}, ui::FigureTheme::Light);
        const auto threeD = std::find_if(files.begin(), files.end(), [](const QString& f) { return f.contains(QStringLiteral("_3_d.svg")); });
        QVERIFY(threeD != files.end());
        // 150 iris points at least, not an empty frame.
        const QByteArray svg = readAll(*threeD);
        QVERIFY2(svg.count("<circle") + svg.count("<ellipse") >= 150, qPrintable(*threeD));
        QCOMPARE(w.page()->currentViewTab(), QStringLiteral("Projection")); // the tab on display is put back
    }

    void commandLineSeries() {
        if (qEnvironmentVariableIsEmpty("LATENTLAB_EXE")) QSKIP("LATENTLAB_EXE is not set");
        QTemporaryDir dir;
        const QString svg = dir.filePath("series.svg");
        for (const QString& algorithm : {QStringLiteral("kmeans"), QStringLiteral("gmm")}) {
            const test::Result r = test::runExe({"run", algorithm, "--dataset", "blobs", "--k", "3", "--figure-series", svg,
                                                 "--series-iterations", "0,1,2", "--size", "1200x500"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const QByteArray text = readAll(svg);
            for (const char* title : {"iteration 0", "iteration 1", "iteration 2"}) QVERIFY2(text.contains(title), title);
            QVERIFY(!text.contains("iteration 3"));
        }
        const test::Result bad = test::runExe({"run", "kmeans", "--dataset", "blobs", "--figure-series", svg,
                                               "--series-iterations", "0,one"});
        QVERIFY(bad.code != 0);
        QVERIFY2(bad.err.contains(QStringLiteral("--series-iterations")) && bad.err.contains(QStringLiteral("'one'")), qPrintable(bad.err));
        const test::Result alone = test::runExe({"run", "kmeans", "--dataset", "blobs", "--series-iterations", "0"});
        QVERIFY(alone.code != 0);
    }
};

QTEST_MAIN(TestBatchExport)
#include "test_batch_export.moc"
