#include "widgets/elbow_chart.h"

#include "widgets/palette.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

/// The widget font at ≥ minPt points (readable on a projector).
QFont readable(QFont f, double minPt, bool bold = false) {
    if (f.pointSizeF() < minPt) f.setPointSizeF(minPt);
    f.setBold(bold);
    return f;
}

} // namespace

ElbowChart::ElbowChart(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->setTitleFont(readable(font(), 11, true));
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);

    const auto colors = categoricalPalette(4);
    m_series = new QLineSeries;
    m_series->setName(tr("best J"));
    m_series->setPen(QPen(colors[0], 2));
    m_series->setColor(colors[0]);
    m_series->setPointsVisible(true);
    m_series->setMarkerSize(5);

    m_highlight = new QScatterSeries;
    m_highlight->setName(tr("current K"));
    m_highlight->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_highlight->setMarkerSize(18);
    m_highlight->setColor(colors[3]);
    m_highlight->setBorderColor(darker(colors[3]));

    m_chart->addSeries(m_series);
    m_chart->addSeries(m_highlight);

    const QFont labelFont = readable(font(), 10);
    const QFont titleFont = readable(font(), 10, true);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("K (clusters)"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisX->setTickInterval(1);
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("best J over restarts"));
    m_axisY->setLabelFormat(QStringLiteral("%.6g"));
    for (QValueAxis* axis : {m_axisX, m_axisY}) {
        axis->setLabelsFont(labelFont);
        axis->setTitleFont(titleFont);
    }
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_highlight->attachAxis(m_axisX);
    m_highlight->attachAxis(m_axisY);

    m_view = new QChartView(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);

    m_hint = new QLabel;
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setFont(readable(font(), 11));
    m_hint->setMargin(12);

    m_stack = new QStackedLayout(this);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_view);
    setCurve({});
}

void ElbowChart::setCurve(const std::vector<double>& bestJ) {
    m_bestJ = bestJ;
    QList<QPointF> points;
    double lo = 0, hi = 0; // J ≥ 0, so the axis starts at 0 and the drop reads truthfully
    for (size_t i = 0; i < bestJ.size(); ++i) {
        if (!std::isfinite(bestJ[i])) continue;
        points.append(QPointF(static_cast<double>(i + 1), bestJ[i]));
        lo = std::min(lo, bestJ[i]);
        hi = std::max(hi, bestJ[i]);
    }
    m_series->replace(points);
    if (points.isEmpty()) {
        m_highlight->clear();
        m_stack->setCurrentWidget(m_hint);
        updateTexts();
        return;
    }
    const double kMax = static_cast<double>(bestJ.size());
    m_axisX->setTickInterval(kMax <= 20 ? 1.0 : std::ceil(kMax / 10));
    m_axisX->setRange(0.5, kMax + 0.5);
    if (hi <= lo) hi = lo + 1;
    m_axisY->setRange(lo, hi + 0.08 * (hi - lo));
    m_axisY->applyNiceNumbers();
    updateHighlight();
    m_stack->setCurrentWidget(m_view);
    updateTexts();
}

void ElbowChart::setBusy(bool busy) {
    m_busy = busy;
    updateTexts();
}

void ElbowChart::highlightK(int k) {
    m_highlightK = k;
    updateHighlight();
}

void ElbowChart::updateTexts() {
    m_chart->setTitle(m_busy ? tr("Elbow: computing…") : tr("Elbow: best J for each K"));
    m_hint->setText(m_busy ? tr("Computing J for K = 1..10…")
                           : tr("Press 'Elbow' (E) to compute J for K = 1..10"));
}

void ElbowChart::updateHighlight() {
    const int k = m_highlightK;
    if (k < 1 || static_cast<size_t>(k) > m_bestJ.size() ||
        !std::isfinite(m_bestJ[static_cast<size_t>(k - 1)])) {
        m_highlight->clear();
        return;
    }
    m_highlight->replace(QList<QPointF>{QPointF(k, m_bestJ[static_cast<size_t>(k - 1)])});
}

} // namespace latentlab::ui
