// The DDPM widgets: the schedule chart draws one point per timestep, finds the lecture's "for
// t ≥ 20 the mean is mostly x_t" from the coefficients, moves its marker; the loss chart's
// t-buckets are the core's and NaN buckets are empty slots; the formula panel highlights the
// phase on display. With LATENTLAB_KEEP_FIGURES=<dir> the widgets are also written there as PNGs
// (on screen at a few sizes and as "Export chart" renders them) for looking at.
#include "core/ddpm_schedule.h"
#include "widgets/chart_style.h"
#include "widgets/ddpm_charts.h"
#include "widgets/ddpm_formula_panel.h"
#include "widgets/exporter.h"
#include "widgets/gan_charts.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLabel>
#include <QTest>

#include <cmath>

using namespace latentlab;
using ui::DdpmScheduleChart;

namespace {

/// The rich-text block (a <table>) around the first occurrence of `needle`, or empty.
QString blockAround(const QString& html, const QString& needle) {
    const qsizetype at = html.indexOf(needle);
    if (at < 0) return {};
    const qsizetype start = html.lastIndexOf(QStringLiteral("<table"), at);
    const qsizetype end = html.indexOf(QStringLiteral("</table>"), at);
    return start < 0 || end < 0 ? QString() : html.mid(start, end - start);
}
bool highlighted(const QString& html, const QString& needle) {
    return blockAround(html, needle).contains(QStringLiteral("bgcolor"));
}

void keep(QWidget& w, const QString& name) {
    const QByteArray dir = qgetenv("LATENTLAB_KEEP_FIGURES");
    if (dir.isEmpty()) return;
    const QString base = QString::fromLocal8Bit(dir) + QLatin1Char('/') + name;
    for (QSize size : {QSize(1200, 300), QSize(900, 560), QSize(420, 700)}) {
        w.resize(size);
        w.show();
        QTest::qWait(50);
        w.grab().save(base + QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height()));
    }
    ui::renderWidgetImage(&w, ui::ExportOptions{}).save(base + QStringLiteral("-export.png"));
    // Presentation mode (app/main_window_present.cpp): a larger font and scaled charts.
    const QFont normal = w.font();
    QFont big = normal;
    big.setPointSizeF(normal.pointSizeF() * 1.6);
    w.setFont(big);
    for (QLabel* l : w.findChildren<QLabel*>()) QVERIFY(l->font().pointSizeF() >= big.pointSizeF() - 0.01);
    ui::setChartScaleIn(&w, 1.6, 2.0);
    w.resize(1500, 480);
    QTest::qWait(50);
    w.grab().save(base + QStringLiteral("-present.png"));
    ui::setChartScaleIn(&w, 1.0, 1.0);
    w.setFont(normal);
    w.hide();
}

} // namespace

class TestDdpmWidgets : public QObject {
    Q_OBJECT
private slots:
    void scheduleChartDrawsEveryTimestep() {
        const core::DdpmSchedule s = core::makeDdpmSchedule(core::BetaSchedule::Linear, 200);
        DdpmScheduleChart chart;
        chart.setSchedule(s);
        for (auto c : {DdpmScheduleChart::AlphaBar, DdpmScheduleChart::SqrtAlphaBar, DdpmScheduleChart::SqrtOneMinusAlphaBar,
                       DdpmScheduleChart::Beta, DdpmScheduleChart::Coef1, DdpmScheduleChart::Coef2})
            QCOMPARE(chart.pointCount(c), 200);
        // β̃_1 = 0 has no place on the logarithmic axis; on a linear one it has.
        QVERIFY(chart.logBeta() && chart.betaAxisLogarithmic()); // β spans 5e-4 … 0.1
        QCOMPARE(chart.pointCount(DdpmScheduleChart::PosteriorVariance), 199);
        chart.setLogBeta(false);
        QCOMPARE(chart.pointCount(DdpmScheduleChart::PosteriorVariance), 200);
        QVERIFY(!chart.betaAxisLogarithmic());
        chart.setLogTime(false);
        QCOMPARE(chart.pointCount(DdpmScheduleChart::Coef1), 200);
        chart.setLogBeta(true);
        chart.setSchedule(core::makeDdpmSchedule(core::BetaSchedule::Constant, 100, 0.01));
        QVERIFY(!chart.betaAxisLogarithmic()); // 0.005 … 0.01: less than two decades
        QCOMPARE(chart.pointCount(DdpmScheduleChart::PosteriorVariance), 100);
        chart.clear();
        QCOMPARE(chart.pointCount(DdpmScheduleChart::AlphaBar), 0);
        QCOMPARE(chart.mostlyXtFrom(), 0);
        QVERIFY(chart.caption().isEmpty());
    }

    void mostlyXtFromIsTheLectures20() {
        // Lecture 003:6195: for β = 0.01 the posterior mean is mostly x_t from t = 20 on. The
        // chart finds it from the schedule; here coef1 = √ᾱ_{t−1} β / (1 − ᾱ_t) by hand.
        DdpmScheduleChart chart;
        chart.setSchedule(core::makeDdpmSchedule(core::BetaSchedule::Constant, 1000, 0.01));
        auto coef1 = [](int t) { return std::sqrt(std::pow(0.99, t - 1)) * 0.01 / (1 - std::pow(0.99, t)); };
        const int from = chart.mostlyXtFrom();
        QCOMPARE(from, 20);
        QVERIFY(coef1(from) < DdpmScheduleChart::kMostlyXt && coef1(from - 1) >= DdpmScheduleChart::kMostlyXt);
        QVERIFY(chart.caption().contains(QStringLiteral("t = 20")));
        // Another schedule, another t: the line follows the data, not the lecture's number.
        const core::DdpmSchedule cos = core::makeDdpmSchedule(core::BetaSchedule::Cosine, 100);
        chart.setSchedule(cos);
        const int f = chart.mostlyXtFrom();
        QVERIFY(f >= 2 && f <= 100);
        QVERIFY(cos.posterior_mean_coef1[f - 1] < DdpmScheduleChart::kMostlyXt);
        QVERIFY(cos.posterior_mean_coef1[f - 2] >= DdpmScheduleChart::kMostlyXt);
    }

    void markerFollowsCurrentT() {
        DdpmScheduleChart chart;
        chart.setCurrentT(37); // before any schedule: remembered, nothing drawn
        QVERIFY(!chart.markerT(0));
        chart.setSchedule(core::makeDdpmSchedule(core::BetaSchedule::Constant, 100, 0.01));
        for (int p = 0; p < DdpmScheduleChart::kPanels; ++p) QCOMPARE(*chart.markerT(p), 37.0);
        QVERIFY(chart.caption().contains(QStringLiteral("t = 37")));
        chart.setCurrentT(80);
        QCOMPARE(*chart.markerT(2), 80.0);
        chart.setLogTime(false); // new axes keep the marker
        QCOMPARE(*chart.markerT(2), 80.0);
        // Presentation mode's enlarged fonts survive an axis switch.
        ui::setChartScale(chart.chart(2), 2.0, 1.0);
        const double big = chart.chart(2)->axes(Qt::Horizontal).front()->labelsFont().pointSizeF();
        chart.setLogTime(true);
        QCOMPARE(chart.chart(2)->axes(Qt::Horizontal).front()->labelsFont().pointSizeF(), big);
        ui::setChartScale(chart.chart(2), 1.0, 1.0);
        QCOMPARE(chart.chart(2)->axes(Qt::Horizontal).front()->labelsFont().pointSizeF(), big / 2);
        chart.setCurrentT(5000); // clamped to T
        QCOMPARE(*chart.markerT(1), 100.0);
        chart.setCurrentT(0);
        QVERIFY(!chart.markerT(0));
        QVERIFY(!chart.caption().contains(QStringLiteral("t = 100:")));
    }

    void bucketRangesAreTheCores() {
        // core/ddpm.cpp puts t into bucket ⌊(t − 1)·n / T⌋: the labels must name exactly those t.
        for (int T : {10, 15, 37, 200, 999, 1000}) {
            int next = 1;
            for (int b = 0; b < 10; ++b) {
                const QStringList parts = ui::DdpmLossChart::bucketRange(b, 10, T).split(QChar(0x2013));
                const int lo = parts.front().toInt(), hi = parts.back().toInt();
                QCOMPARE(lo, next);
                for (int t = lo; t <= hi; ++t) QCOMPARE((t - 1) * 10 / T, b);
                next = hi + 1;
            }
            QCOMPARE(next, T + 1);
        }
        QCOMPARE(ui::DdpmLossChart::bucketRange(0, 10, 200), QStringLiteral("1–20"));
        QVERIFY(ui::DdpmLossChart::bucketRange(10, 10, 200).isEmpty());
    }

    // A model installed from a file has no loss curve but trained steps, and bars evaluated on
    // the data: the titles say so, and go back to the training titles when training resumes.
    void lossChartTitlesForALoadedModel() {
        ui::DdpmLossChart chart;
        const QString curveTitle = chart.curveChart()->title(), barTitle = chart.bucketChart()->title();
        core::DdpmSnapshot s;
        s.settings.T = 200;
        s.trainStep = 15000;
        s.loss = std::make_shared<const std::vector<float>>();
        s.bucketLoss = std::vector<double>(10, 0.5);
        s.bucketLossEvaluated = true;
        chart.setSnapshot(s);
        QVERIFY2(chart.curveChart()->title().contains("15000"), qPrintable(chart.curveChart()->title()));
        QVERIFY(chart.bucketChart()->title() != barTitle);
        QCOMPARE(chart.barCount(), 10);
        s.trainStep = 15001;
        s.loss = std::make_shared<const std::vector<float>>(1, 0.3f);
        s.bucketLossEvaluated = false;
        chart.setSnapshot(s);
        QCOMPARE(chart.curveChart()->title(), curveTitle);
        QCOMPARE(chart.bucketChart()->title(), barTitle);
    }

    void lossChartTakesNanBuckets() {
        ui::DdpmLossChart chart;
        std::vector<float> loss(3000);
        for (size_t i = 0; i < loss.size(); ++i) loss[i] = 1.0f / (1.0f + 0.001f * float(i));
        std::vector<double> buckets(10, NAN);
        buckets[0] = 0.9;
        buckets[9] = 0.05;
        chart.setLoss(loss, buckets, 200);
        QCOMPARE(chart.curveChart()->pointCount(0), ui::GanCurveChart::kMaxPoints);
        QCOMPARE(chart.bucketCount(), 10);
        QCOMPARE(chart.bucketValue(0), 0.9);
        QVERIFY(std::isnan(chart.bucketValue(4)));
        QCOMPARE(chart.barCount(), 2); // no bar where there is no data
        chart.resize(900, 300);
        (void)chart.grab(); // paints NaN slots without trouble
        chart.setLoss({}, std::vector<double>(10, NAN), 200); // all empty
        QCOMPARE(chart.barCount(), 0);
        chart.setLoss({}, {0.5}, 0); // no T: nothing to place the bar at
        QCOMPARE(chart.barCount(), 0);
        chart.clear();
        QCOMPARE(chart.bucketCount(), 0);
        QCOMPARE(chart.curveChart()->pointCount(0), 0);
    }

    void formulaPanelHighlightsThePhase() {
        ui::DdpmFormulaPanel panel;
        core::DdpmSettings s;
        s.schedule = core::BetaSchedule::Constant;
        s.T = 1000;
        panel.setSettings(s);
        panel.setPhase(ui::DdpmFormulaPanel::Phase::Training);
        QVERIFY(highlighted(panel.html(), QStringLiteral("Algorithm 1")));
        QVERIFY(!highlighted(panel.html(), QStringLiteral("Algorithm 2")));
        panel.setPhase(ui::DdpmFormulaPanel::Phase::Sampling);
        QVERIFY(highlighted(panel.html(), QStringLiteral("Algorithm 2")));
        QVERIFY(!highlighted(panel.html(), QStringLiteral("Algorithm 1")));
        QVERIFY(panel.html().contains(QStringLiteral("√β̃<sub>t</sub>"))); // the erratum's √
        QVERIFY(!panel.html().contains(QStringLiteral("DDIM")));
        QVERIFY(!panel.html().contains(QStringLiteral("beyond the lecture"))); // the lecture's own setting
        panel.setPhase(ui::DdpmFormulaPanel::Phase::Forward);
        QVERIFY(highlighted(panel.html(), QStringLiteral("Forward process")));
        QVERIFY(highlighted(panel.html(), QStringLiteral("Posterior")));
        QVERIFY(!highlighted(panel.html(), QStringLiteral("Algorithm 2")));
        // DDIM: its own block carries the highlight, marked as beyond the lecture.
        s.sampler = core::DdpmSampler::Ddim;
        s.schedule = core::BetaSchedule::Linear;
        panel.setSettings(s);
        panel.setPhase(ui::DdpmFormulaPanel::Phase::Sampling);
        QVERIFY(highlighted(panel.html(), QStringLiteral("DDIM")));
        QVERIFY(!highlighted(panel.html(), QStringLiteral("Algorithm 2")));
        QVERIFY(blockAround(panel.html(), QStringLiteral("DDIM")).contains(QStringLiteral("beyond the lecture")));
        QVERIFY(blockAround(panel.html(), QStringLiteral("schedule:")).contains(QStringLiteral("beyond the lecture")));
    }

    void figures() {
        DdpmScheduleChart schedule;
        schedule.setSchedule(core::makeDdpmSchedule(core::BetaSchedule::Linear, 1000));
        schedule.setCurrentT(150);
        const QImage exported = ui::renderWidgetImage(&schedule, ui::ExportOptions{});
        QCOMPARE(exported.size(), ui::ExportOptions{}.sizePx);
        keep(schedule, QStringLiteral("ddpm-schedule"));
        schedule.setSchedule(core::makeDdpmSchedule(core::BetaSchedule::Constant, 1000, 0.01));
        schedule.setCurrentT(40);
        keep(schedule, QStringLiteral("ddpm-schedule-constant"));

        ui::DdpmLossChart loss;
        std::vector<float> l(3000);
        for (size_t i = 0; i < l.size(); ++i) l[i] = float(0.35 + 0.65 * std::exp(-double(i) / 300) + 0.05 * std::sin(double(i)));
        std::vector<double> b = {0.92, 0.71, 0.55, 0.44, NAN, 0.29, 0.2, 0.14, 0.09, 0.05};
        loss.setLoss(l, b, 1000);
        keep(loss, QStringLiteral("ddpm-loss"));

        if (const QByteArray dir = qgetenv("LATENTLAB_KEEP_FIGURES"); !dir.isEmpty()) {
            // A ~300 px dock, each phase highlighted (bold is wider), the lecture's settings and
            // the extras beyond it.
            ui::DdpmFormulaPanel panel;
            core::DdpmSettings s;
            s.schedule = core::BetaSchedule::Constant;
            s.T = 1000;
            panel.setSettings(s);
            panel.resize(300, 1000);
            panel.show();
            int i = 0;
            for (auto phase : {ui::DdpmFormulaPanel::Phase::Forward, ui::DdpmFormulaPanel::Phase::Training,
                               ui::DdpmFormulaPanel::Phase::Sampling}) {
                panel.setPhase(phase);
                QTest::qWait(50);
                panel.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/ddpm-formulas-%1.png").arg(i++));
            }
            s.schedule = core::BetaSchedule::Cosine;
            s.sampler = core::DdpmSampler::Ddim;
            s.loss = core::DdpmLoss::Weighted;
            s.variance = core::ReverseVariance::Beta;
            panel.setSettings(s);
            QTest::qWait(50);
            panel.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/ddpm-formulas-extras.png"));
        }
    }
};

QTEST_MAIN(TestDdpmWidgets)
#include "test_ddpm_widgets.moc"
