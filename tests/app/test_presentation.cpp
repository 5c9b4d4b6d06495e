// Presentation mode for a projector (issue 7): Qt Charts get larger fonts and thicker lines and
// get them back on leaving; the high-contrast look, by hand or with presentation mode.
#include "gui_test_support.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "widgets/high_contrast.h"
#include "widgets/palette.h"

#include <QSettings>
#include <cmath>
#include <QStandardPaths>
#include <QTest>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QXYSeries>

using namespace latentlab;
using latentlab::test::waitFor;

class TestPresentation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("view"));
    }

    void chartsGrowAndShrinkBack() {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("gmm");
        o.dataset = QStringLiteral("blobs");
        app::MainWindow w(o);
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        const QList<QChartView*> views = w.findChildren<QChartView*>();
        QVERIFY(!views.isEmpty());
        QChart* chart = views.front()->chart();
        QVERIFY(!chart->axes().isEmpty() && !chart->series().isEmpty());
        QAbstractAxis* axis = chart->axes().front();
        auto* series = qobject_cast<QXYSeries*>(chart->series().front());
        QVERIFY(series);
        const QFont labels = axis->labelsFont(), title = chart->titleFont(), legend = chart->legend()->font();
        const double pen = series->pen().widthF();

        w.setPresentationMode(true);
        QVERIFY(axis->labelsFont().pointSizeF() > 1.5 * labels.pointSizeF());
        QVERIFY(chart->titleFont().pointSizeF() > 1.5 * title.pointSizeF());
        QVERIFY(chart->legend()->font().pointSizeF() > 1.5 * legend.pointSizeF());
        QVERIFY(series->pen().widthF() >= 1.9 * pen);
        QVERIFY(!axis->truncateLabels()); // no "…" from a width estimate at the small size
        w.setPresentationMode(true); // again: no compounding
        QVERIFY(axis->labelsFont().pointSizeF() < 1.7 * labels.pointSizeF());

        w.setPresentationMode(false);
        QCOMPARE(axis->labelsFont(), labels);
        QCOMPARE(chart->titleFont(), title);
        QCOMPARE(chart->legend()->font(), legend);
        QCOMPARE(series->pen().widthF(), pen);
        QVERIFY(axis->truncateLabels());
        // Twice in and out: still the original sizes.
        w.setPresentationMode(true);
        w.setPresentationMode(false);
        QCOMPARE(axis->labelsFont(), labels);
    }

    void highContrastByHandAndWithPresentation() {
        app::LaunchOptions o;
        o.autoplay = false;
        app::MainWindow w(o);
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        QVERIFY(!w.isHighContrast());
        w.setPresentationMode(true); // the option is off by default
        QVERIFY(!ui::liveHighContrast());
        w.setPresentationMode(false);

        QSettings().setValue(QStringLiteral("view/highContrastWhenPresenting"), true);
        app::MainWindow w2(o);
        w2.setPresentationMode(true);
        QVERIFY(w2.isHighContrast() && ui::liveHighContrast());
        w2.setPresentationMode(false);
        QVERIFY(!w2.isHighContrast() && !ui::liveHighContrast());
        // Chosen by hand before presenting: leaving presentation mode keeps it.
        w2.setHighContrast(true);
        w2.setPresentationMode(true);
        w2.setPresentationMode(false);
        QVERIFY(w2.isHighContrast());
        w2.setHighContrast(false);
        QVERIFY(!ui::liveHighContrast());
        QSettings().remove(QStringLiteral("view"));
    }

    void highContrastLook() {
        ui::Scene s;
        s.background = QColor(255, 255, 255);
        s.foreground = QColor(40, 40, 40);
        ui::PointBatch b;
        b.palette = ui::categoricalPalette(8);
        b.sizePx = 6;
        b.opacity = 0.6f;
        b.colorsVersion = 3;
        s.points.push_back(b);
        ui::Polyline l;
        l.color = QColor(90, 90, 90);
        l.widthPx = 2;
        s.lines.push_back(l);
        ui::Marker m;
        m.sizePx = 16;
        s.markers.push_back(m);
        const ui::Scene hc = ui::highContrast(s);
        QCOMPARE(hc.foreground, QColor(0, 0, 0));
        QCOMPARE(hc.lines.front().color, QColor(0, 0, 0));
        QVERIFY(hc.lines.front().widthPx >= 3.5f);
        QVERIFY(hc.markers.front().sizePx > 20.0f);
        QVERIFY(hc.points.front().sizePx > 8.0f);
        QCOMPARE(hc.points.front().opacity, 1.0f);
        QVERIFY(hc.points.front().colorsVersion != 3u); // the GL view uploads the new colours
        QCOMPARE(hc.points.front().palette, ui::highContrastPalette(false));
        // Every class colour stands out from white (WCAG-style luminance contrast >= 3:1, the WCAG minimum for graphics).
        auto luminance = [](const QColor& c) {
            auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
        };
        for (const QColor& c : ui::highContrastPalette(false)) QVERIFY2(1.05 / (luminance(c) + 0.05) >= 3.0, qPrintable(c.name()));
        for (const QColor& c : ui::highContrastPalette(true)) QVERIFY2((luminance(c) + 0.05) / 0.05 >= 4.5, qPrintable(c.name()));
        s.background = QColor(20, 20, 20);
        QCOMPARE(ui::highContrast(s).background, QColor(0, 0, 0));
        QCOMPARE(ui::highContrast(s).points.front().palette, ui::highContrastPalette(true));
    }
};

QTEST_MAIN(TestPresentation)
#include "test_presentation.moc"
