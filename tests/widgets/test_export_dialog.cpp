// The Export dialog: presets, sizes, themes, the reproducibility caption, atomic saving in every
// format and the clipboard (issue 7, "Figure export").
#include "widgets/export_dialog.h"
#include "widgets/figure_style.h"

#include <QApplication>
#include <QSettings>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QClipboard>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace latentlab::ui;

namespace {
Scene demoScene() {
    Scene s;
    s.xLabel = QStringLiteral("x");
    s.yLabel = QStringLiteral("y");
    s.dataBounds = QRectF(0, 0, 10, 10);
    Polyline l;
    l.points = {QPointF(1, 1), QPointF(9, 9)};
    l.color = QColor(20, 20, 20);
    s.lines.push_back(l);
    TextItem t;
    t.text = QStringLiteral("label");
    t.pos = QPointF(5, 5);
    t.color = QColor(30, 30, 30);
    s.texts.push_back(t);
    return s;
}

/// demoScene() with a title, axis labels and a legend, for the element toggles.
Scene dressedScene() {
    Scene s = demoScene();
    s.title = QStringLiteral("Figure heading");
    s.xLabel = QStringLiteral("eruption length");
    s.yLabel = QStringLiteral("waiting time");
    LegendEntry e;
    e.label = QStringLiteral("mixture density");
    s.legend.push_back(e);
    return s;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ExportDialog* makeDialog(const Scene& scene) {
    auto render = [scene](const ExportOptions& o, FigureTheme th) { return renderSceneImage(themed(scene, th), o); };
    auto write = [scene](const QString& path, const ExportOptions& o, FigureTheme th) { exportScene(themed(scene, th), path, o); };
    return new ExportDialog(QStringLiteral("Export"), QStringLiteral("fig"), QStringLiteral("LatentLab · k-means · seed 7"),
                            render, write);
}
} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().remove(QStringLiteral("export")); }

    void elementTogglesShapeTheSvg() {
        std::unique_ptr<ExportDialog> d(makeDialog(dressedScene()));
        QTemporaryDir dir;
        const QString all = dir.filePath("all.svg"), bare = dir.filePath("bare.svg");
        d->saveTo(all);
        const QByteArray a = readAll(all);
        for (const char* text : {"Figure heading", "eruption length", "waiting time", "mixture density", "seed 7"})
            QVERIFY2(a.contains(text), text);
        d->setElements(false, true, false, false);
        d->saveTo(bare);
        const QByteArray b = readAll(bare);
        QVERIFY(!b.contains("Figure heading"));
        QVERIFY(!b.contains("mixture density"));
        QVERIFY(!b.contains("seed 7"));
        QVERIFY(b.contains("eruption length")); // axes stay on
        QVERIFY(b.contains("label"));           // the scene's own texts stay
    }

    void axesOffDropsTicksAndTheirLabels() {
        std::unique_ptr<ExportDialog> d(makeDialog(dressedScene()));
        d->setElements(true, false, true, false);
        QVERIFY(!d->options().showAxes);
        QTemporaryDir dir;
        const QString path = dir.filePath("noaxes.svg");
        d->saveTo(path);
        const QByteArray text = readAll(path);
        QVERIFY(!text.contains("eruption length"));
        // The only texts left: the title, the legend and the scene's label (no tick numbers).
        QCOMPARE(static_cast<int>(text.count("<text")), 3);
        d->setElements(true, true, true, false);
        d->saveTo(path);
        QVERIFY(readAll(path).count("<text") > 3 + 6); // axis labels and ticks are back
    }

    void previewFollowsTheToggles() {
        std::unique_ptr<ExportDialog> d(makeDialog(dressedScene()));
        const QImage on = renderSceneImage(dressedScene(), d->options());
        d->setElements(true, true, false, true);
        const QImage off = renderSceneImage(dressedScene(), d->options());
        QVERIFY(on != off);
        d->setElements(true, true, true, true);
        QCOMPARE(renderSceneImage(dressedScene(), d->options()), on);
    }

    void togglesAreRemembered() {
        {
            std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
            d->setElements(false, true, false, false);
        }
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        const ExportOptions o = d->options();
        QVERIFY(!o.showTitle);
        QVERIFY(o.showAxes);
        QVERIFY(!o.showLegend);
        QVERIFY(o.caption.isEmpty());
    }

    void chartElementsOffAndRestored() {
        auto* chart = new QChart;
        chart->setTitle(QStringLiteral("Objective per step"));
        auto* series = new QLineSeries;
        series->setName(QStringLiteral("log-likelihood"));
        for (int i = 0; i < 10; ++i) series->append(i, i * i);
        chart->addSeries(series);
        auto* x = new QValueAxis;
        auto* y = new QValueAxis;
        x->setTitleText(QStringLiteral("iteration count"));
        y->setTitleText(QStringLiteral("objective value"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        QChartView view(chart);
        view.resize(640, 400);
        QTemporaryDir dir;
        ExportOptions o;
        o.sizePx = QSize(800, 500);
        o.dpi = 96;
        o.showTitle = o.showAxes = o.showLegend = false;
        const QString path = dir.filePath("chart.svg");
        exportWidget(&view, path, o);
        const QByteArray text = readAll(path);
        for (const char* gone : {"Objective per step", "log-likelihood", "iteration count", "objective value"})
            QVERIFY2(!text.contains(gone), gone);
        QVERIFY(text.contains("<polyline") || text.contains("<path")); // the curve is still there
        QCOMPARE(chart->title(), QStringLiteral("Objective per step"));
        QVERIFY(chart->legend()->isVisible());
        QVERIFY(x->labelsVisible() && x->isTitleVisible() && x->isLineVisible());
        o.showTitle = o.showAxes = o.showLegend = true;
        exportWidget(&view, path, o);
        const QByteArray full = readAll(path);
        for (const char* back : {"Objective per step", "log-likelihood", "iteration count", "objective value"})
            QVERIFY2(full.contains(back), back);
    }

    void presetsSetSizeAndResolution() {
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        const auto& presets = figurePresets();
        QCOMPARE(static_cast<int>(presets.size()), 4);
        for (int i = 0; i < 4; ++i) {
            d->setPreset(i);
            QCOMPARE(d->options().sizePx, presets[static_cast<size_t>(i)].sizePx);
            QCOMPARE(d->options().dpi, presets[static_cast<size_t>(i)].dpi);
        }
        // Single and double column are 3.5 and 7 inches wide.
        QCOMPARE(presets[2].sizePx.width() / double(presets[2].dpi), 3.5);
        QCOMPARE(presets[3].sizePx.width() / double(presets[3].dpi), 7.0);
        QCOMPARE(d->options().caption, QStringLiteral("LatentLab · k-means · seed 7"));
    }

    void pngHasTheAskedSizeAndTheme() {
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        d->setPreset(2);
        QTemporaryDir dir;
        const QString light = dir.filePath("light.png"), dark = dir.filePath("dark.png");
        d->saveTo(light);
        d->setTheme(FigureTheme::Dark);
        d->saveTo(dark);
        QImage a(light), b(dark);
        QCOMPARE(a.size(), figurePresets()[2].sizePx);
        QCOMPARE(b.size(), figurePresets()[2].sizePx);
        QVERIFY(qGray(a.pixel(3, 3)) > 200); // light background
        QVERIFY(qGray(b.pixel(3, 3)) < 60);  // dark background
        QVERIFY(!QFile::exists(light + ".part.png"));
    }

    void svgAndPdfAreVectorWithTheCaption() {
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        d->setPreset(3);
        QTemporaryDir dir;
        const QString svg = dir.filePath("f.svg"), pdf = dir.filePath("f.pdf");
        d->saveTo(svg);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("seed 7"));   // the caption is text, not pixels
        QVERIFY(text.contains("<path") || text.contains("<polyline"));
        d->saveTo(pdf);
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty()) QSKIP("pdfinfo (poppler-utils) is not installed");
        QProcess p;
        p.start(pdfinfo, {pdf});
        QVERIFY(p.waitForFinished(10000));
        const QString info = QString::fromUtf8(p.readAllStandardOutput());
        // 7 in = 504 pt wide; 1298 px at 300 dpi = 311.5 pt high (pdfinfo rounds).
        QVERIFY2(info.contains(QRegularExpression(QStringLiteral("Page size:\\s+504(\\.0+)? x 31[12]"))), qPrintable(info));
    }

    void badSuffixLeavesNoFile() {
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, d->saveTo(dir.filePath("f.bmp")));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void copiesAnImageToTheClipboard() {
        std::unique_ptr<ExportDialog> d(makeDialog(demoScene()));
        d->setPreset(1);
        d->copyToClipboard();
        QCOMPARE(QApplication::clipboard()->image().size(), figurePresets()[1].sizePx);
    }

    void darkThemeLightensTextButKeepsDataColours() {
        Scene s = demoScene();
        PointBatch b;
        b.palette = {QColor(0xE6, 0x9F, 0x00)};
        s.points.push_back(b);
        const Scene d = themed(s, FigureTheme::Dark);
        QVERIFY(d.texts.front().color.lightnessF() > 0.8);
        QVERIFY(d.lines.front().color.lightnessF() > 0.7);
        QCOMPARE(d.points.front().palette.front(), QColor(0xE6, 0x9F, 0x00));
        QVERIFY(d.background.lightnessF() < 0.2);
    }
};

QTEST_MAIN(TestExportDialog)
#include "test_export_dialog.moc"
