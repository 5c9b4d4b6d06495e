#include "widgets/ddpm_charts.h"

#include "widgets/ddpm_chart_parts.h"
#include "widgets/gan_charts.h"
#include "widgets/palette.h"

#include <QAreaSeries>
#include <QCursor>
#include <QGridLayout>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

using namespace ddpm_parts;

// ---------------------------------------------------------------- DdpmLossChart

DdpmLossChart::DdpmLossChart(QWidget* parent) : QWidget(parent) {
    const QColor blue = categoricalPalette(1)[0], grey(0x77, 0x77, 0x77);
    const QFont base = font();
    m_curve = new GanCurveChart(tr("Training loss ‖ε − ε<sub>θ</sub>‖² / d per step"), tr("loss"));
    m_curve->setXAxisTitle(tr("training step (mini-batch)"));
    m_curve->setLegendAlignment(Qt::AlignBottom);
    m_curve->setReferences({{1.0, tr("ε<sub>θ</sub> = 0 (loss 1)"), grey}});

    // Bars over a t axis like the schedule chart's: one area of step outlines.
    m_bucketChart = makeChart(tr("Loss by timestep t (per tenth of 1…T)"), base);
    m_barTops = new QLineSeries;
    m_bars = new QAreaSeries(m_barTops);
    m_bars->setName(tr("mean loss over the bar's t"));
    m_bars->setColor(blue);
    m_bars->setBorderColor(darker(blue, 0.75));
    m_bucketChart->addSeries(m_bars);
    m_baseline = addLine(m_bucketChart, tr("ε<sub>θ</sub> = 0 (loss 1)"), grey, Qt::DashLine, 1.6);
    m_bucketX = new QValueAxis;
    styleAxis(m_bucketX, tr("timestep t"), base);
    m_bucketY = new QValueAxis;
    styleAxis(m_bucketY, tr("loss"), base);
    for (QValueAxis* a : {m_bucketX, m_bucketY}) {
        a->setTickType(QValueAxis::TicksDynamic);
        a->setTickAnchor(0);
    }
    m_bucketX->setLabelFormat(QStringLiteral("%d"));
    m_bucketY->setLabelFormat(QStringLiteral("%.3g"));
    m_bucketChart->addAxis(m_bucketX, Qt::AlignBottom);
    m_bucketChart->addAxis(m_bucketY, Qt::AlignLeft);
    for (QAbstractSeries* s : m_bucketChart->series()) {
        s->attachAxis(m_bucketX);
        s->attachAxis(m_bucketY);
    }
    m_bucketView = makeView(m_bucketChart);
    connect(m_bars, &QAreaSeries::hovered, this, [this](const QPointF& p, bool state) {
        if (!state || m_T <= 0 || m_buckets.empty()) return QToolTip::hideText();
        const int n = bucketCount();
        const int b = std::clamp(static_cast<int>(std::floor((p.x() - 0.5) * n / m_T)), 0, n - 1);
        QToolTip::showText(QCursor::pos(), tr("t = %1: mean loss %2").arg(bucketRange(b, n, m_T)).arg(m_buckets[size_t(b)], 0, 'g', 3));
    });

    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    m_grid->addWidget(m_curve, 0, 0);
    m_grid->addWidget(m_bucketView, 0, 1);
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
    setMinimumHeight(180);
    clear();
}

QString DdpmLossChart::bucketRange(int b, int n, int T) {
    if (n <= 0 || T <= 0 || b < 0 || b >= n) return QString();
    // Bucket b holds t with floor((t − 1) n / T) = b: t − 1 from ceil(b T / n) to ceil((b + 1) T / n) − 1.
    auto ceilDiv = [](long long a, long long d) { return (a + d - 1) / d; };
    const long long lo = ceilDiv(static_cast<long long>(b) * T, n) + 1;
    const long long hi = ceilDiv(static_cast<long long>(b + 1) * T, n);
    return lo == hi ? QString::number(lo) : QStringLiteral("%1–%2").arg(lo).arg(hi);
}

double DdpmLossChart::bucketValue(int b) const {
    return b >= 0 && b < bucketCount() ? m_buckets[size_t(b)] : NAN;
}

int DdpmLossChart::barCount() const { return static_cast<int>(m_barTops->count() / 4); }

void DdpmLossChart::setSnapshot(const core::DdpmSnapshot& snapshot) {
    static const std::vector<float> none;
    const bool noHistory = (!snapshot.loss || snapshot.loss->empty()) && snapshot.trainStep > 0;
    setLoss(snapshot.loss ? *snapshot.loss : none, snapshot.bucketLoss, snapshot.settings.T);
    setLoadedModel(noHistory ? snapshot.trainStep : 0, snapshot.bucketLossEvaluated);
}

void DdpmLossChart::setLoadedModel(int64_t trainedSteps, bool bucketsEvaluated) {
    m_curve->setTitle(trainedSteps > 0
                          ? tr("%1 training steps before loading").arg(trainedSteps)
                          : tr("Training loss ‖ε − ε<sub>θ</sub>‖² / d per step"));
    const QString title = bucketsEvaluated ? tr("Loss by timestep t (loaded model)")
                                           : tr("Loss by timestep t (per tenth of 1…T)");
    if (m_bucketChart->title() != title) m_bucketChart->setTitle(title);
    m_curve->setToolTip(trainedSteps > 0 ? tr("A model file keeps the trained networks, not their loss curve.") : QString());
    m_bucketView->setToolTip(bucketsEvaluated ? tr("The loaded EMA network's loss on about 2000 data rows noised at every t "
                                                   "(training steps from here on replace it with running means).")
                                              : QString());
}

void DdpmLossChart::setLoss(const std::vector<float>& loss, const std::vector<double>& bucketLoss, int T) {
    m_curve->setSeries({{tr("simple loss"), categoricalPalette(1)[0], loss}});
    m_buckets = bucketLoss;
    m_T = std::max(T, 0);
    const int n = bucketCount();
    // Bar b covers its timesteps [lo − ½, hi + ½] less a small gap; no bar for NaN (no data).
    QList<QPointF> tops;
    double hi = 1.0; // the ε_θ = 0 line stays in view
    const double gap = 0.06 * m_T / std::max(n, 1);
    for (int b = 0; b < n && m_T > 0; ++b) {
        const double v = m_buckets[size_t(b)];
        if (!std::isfinite(v)) continue;
        const QStringList range = bucketRange(b, n, m_T).split(QChar(0x2013));
        const double x0 = range.front().toDouble() - 0.5 + gap, x1 = range.back().toDouble() + 0.5 - gap;
        tops << QPointF(x0, 0) << QPointF(x0, v) << QPointF(x1, v) << QPointF(x1, 0);
        hi = std::max(hi, v);
    }
    m_barTops->replace(tops);
    const double xMax = std::max(m_T, 10);
    m_baseline->replace(QList<QPointF>{{0.0, 1.0}, {xMax, 1.0}});
    m_bucketX->setRange(0, xMax);
    m_bucketX->setTickInterval(niceStep(xMax / 5));
    const double tick = niceStep(hi * 1.05 / 4);
    m_bucketY->setTickInterval(tick);
    m_bucketY->setRange(0, std::ceil(hi * 1.05 / tick) * tick);
}

void DdpmLossChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const bool wide = arrangement(2, width(), height(), kPanelAspect) == 2;
    if (wide == m_wide) return;
    m_wide = wide;
    m_grid->removeWidget(m_bucketView);
    m_grid->addWidget(m_bucketView, wide ? 0 : 1, wide ? 1 : 0);
    m_grid->setColumnStretch(1, wide ? 1 : 0);
    m_grid->setRowStretch(0, 1);
    m_grid->setRowStretch(1, wide ? 0 : 1);
}

} // namespace latentlab::ui
