#include "widgets/objective_chart.h"

#include "widgets/palette.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace latentlab::ui {

namespace {

/// The widget font at ≥ minPt points (readable on a projector).
QFont readable(QFont f, double minPt, bool bold = false) {
    if (f.pointSizeF() < minPt) f.setPointSizeF(minPt);
    f.setBold(bold);
    return f;
}

/// 1, 2 or 5 × 10^n closest above x (x > 0).
double niceStep(double x) {
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    const double f = x / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

} // namespace

ObjectiveChart::ObjectiveChart(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->setTitle(tr("Objective J per half-step"));
    m_chart->setTitleFont(readable(font(), 11, true));
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);

    const QColor curveColor = categoricalPalette(1).front();
    m_series = new QLineSeries;
    m_series->setName(tr("J"));
    m_series->setPen(QPen(curveColor, 2));
    m_series->setColor(curveColor);
    m_series->setPointsVisible(true);
    m_series->setMarkerSize(5);

    m_marker = new QLineSeries;
    m_marker->setName(tr("shown state"));
    QPen dashed(categoricalPalette(4)[3], 1.5, Qt::DashLine);
    m_marker->setPen(dashed);

    m_chart->addSeries(m_series);
    m_chart->addSeries(m_marker);

    const QFont labelFont = readable(font(), 10);
    const QFont titleFont = readable(font(), 10, true);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("iteration"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("J"));
    m_axisY->setLabelFormat(QStringLiteral("%.6g"));
    m_axisY->setTickType(QValueAxis::TicksDynamic);
    m_axisY->setTickAnchor(0);
    for (QValueAxis* axis : {m_axisX, m_axisY}) {
        axis->setLabelsFont(labelFont);
        axis->setTitleFont(titleFont);
    }
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    for (QLineSeries* s : {m_series, m_marker}) {
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisY);
    }

    m_view = new QChartView(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    updateAxes();
}

void ObjectiveChart::setLabels(const QString& title, const QString& yLabel) {
    m_chart->setTitle(title);
    m_axisY->setTitleText(yLabel);
    m_series->setName(yLabel);
}

void ObjectiveChart::clear() {
    m_series->clear();
    m_marker->clear();
    m_markerX = std::nan("");
    m_hasData = false;
    m_lastX = 0;
    updateAxes();
}

void ObjectiveChart::setHistory(const std::vector<double>& values, int stepsPerIteration) {
    const double steps = std::max(1, stepsPerIteration);
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(values.size()));
    m_minY = 0;
    m_maxY = 0;
    // Thousands of half-steps (a run flat out) would cost Qt Charts tens of milliseconds per
    // update: J is monotone, so every stride-th value (and the last) draws the same curve.
    const size_t stride = std::max<size_t>(1, values.size() / 600);
    auto xOf = [steps](size_t i) { return i == 0 ? 0.0 : (static_cast<double>(i) + steps - 1) / steps; };
    auto add = [&](size_t i) {
        const double v = values[i];
        if (!std::isfinite(v)) return;
        m_minY = points.isEmpty() ? v : std::min(m_minY, v);
        m_maxY = points.isEmpty() ? v : std::max(m_maxY, v);
        points.append(QPointF(xOf(i), v));
    };
    for (size_t i = 0; i < values.size(); i += stride) add(i);
    if (values.size() > 1 && (values.size() - 1) % stride != 0) add(values.size() - 1); // the last
    m_hasData = !points.isEmpty();
    m_lastX = values.empty() ? 0.0 : xOf(values.size() - 1);
    // Hundreds of markers would merge into a thick line; show them while they are legible.
    m_series->setPointsVisible(points.size() <= 60);
    m_series->replace(points);
    updateAxes();
}

void ObjectiveChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateAxes();
}

void ObjectiveChart::setMarker(double iteration) {
    m_markerX = iteration;
    updateAxes();
}

void ObjectiveChart::updateAxes() {
    double xMax = std::max(1.0, m_lastX);
    if (std::isfinite(m_markerX)) xMax = std::max(xMax, m_markerX);
    // Integer ticks: every iteration while few, else a 1-2-5 step giving ≤ ~10 ticks.
    m_axisX->setTickInterval(xMax <= 12 ? 1.0 : std::max(1.0, niceStep(xMax / 8)));
    const double xPad = std::max(0.15, 0.02 * xMax);
    m_axisX->setRange(-xPad, xMax + xPad);

    if (!m_hasData) {
        m_axisY->setTickInterval(0.25);
        m_axisY->setRange(0, 1);
    } else {
        double span = m_maxY - m_minY;
        // A flat curve (one point, or converged at once) still gets a visible band.
        if (span <= 1e-12 * std::max(1.0, std::abs(m_maxY)))
            span = m_maxY != 0 ? 0.1 * std::abs(m_maxY) : 1.0;
        // Round the padded range out to a 1-2-5 tick step so the labels stay short.
        // As many ticks as fit: about one per 40 px of chart height, 2 to 5 intervals.
        const double intervals = std::clamp((height() - 90) / 40.0, 2.0, 5.0);
        const double tick = niceStep(1.16 * span / intervals);
        double lo = std::floor((m_minY - 0.08 * span) / tick) * tick;
        const double hi = std::ceil((m_maxY + 0.08 * span) / tick) * tick;
        if (m_minY >= 0) lo = std::max(lo, 0.0); // J ≥ 0: no negative axis
        m_axisY->setTickInterval(tick);
        m_axisY->setRange(lo, hi);
    }
    updateMarker();
}

void ObjectiveChart::updateMarker() {
    if (!std::isfinite(m_markerX) || !m_hasData) {
        m_marker->clear();
        return;
    }
    m_marker->replace(
        QList<QPointF>{QPointF(m_markerX, m_axisY->min()), QPointF(m_markerX, m_axisY->max())});
}

} // namespace latentlab::ui
