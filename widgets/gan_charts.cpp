#include "widgets/gan_charts.h"

#include <QChart>
#include <QChartView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

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

/// values[i] at x = i + 1, averaged over equal bins when there are more than `maxPoints`.
QList<QPointF> binned(const std::vector<float>& values, int maxPoints) {
    QList<QPointF> out;
    const size_t n = values.size();
    const size_t bins = std::min<size_t>(n, static_cast<size_t>(maxPoints));
    for (size_t b = 0; b < bins; ++b) {
        const size_t lo = b * n / bins, hi = (b + 1) * n / bins;
        double sum = 0, xs = 0;
        int count = 0;
        for (size_t i = lo; i < hi; ++i)
            if (std::isfinite(values[i])) {
                sum += values[i];
                xs += static_cast<double>(i + 1);
                ++count;
            }
        if (count > 0) out.append(QPointF(xs / count, sum / count));
    }
    return out;
}

} // namespace

GanCurveChart::GanCurveChart(const QString& title, const QString& yLabel, QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->setTitle(title);
    m_chart->setTitleFont(readable(font(), 11, true));
    m_chart->setMargins(QMargins(4, 2, 4, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignRight); // the short chart keeps its height for the plot
    m_chart->legend()->setFont(readable(font(), 10));
    const QFont labelFont = readable(font(), 10), titleFont = readable(font(), 10, true);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("iteration (k D steps + 1 G step)"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(yLabel);
    m_axisY->setLabelFormat(QStringLiteral("%.3g"));
    for (QValueAxis* axis : {m_axisX, m_axisY}) {
        axis->setLabelsFont(labelFont);
        axis->setTitleFont(titleFont);
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_view = new QChartView(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(140);
    rebuild();
}

QString GanCurveChart::title() const { return m_chart->title(); }

void GanCurveChart::setTitle(const QString& title) {
    if (m_chart->title() != title) m_chart->setTitle(title);
}

int GanCurveChart::pointCount(int i) const {
    return i >= 0 && i < static_cast<int>(m_curves.size()) ? static_cast<int>(m_curves[static_cast<size_t>(i)]->count()) : 0;
}

void GanCurveChart::setSeries(std::vector<Series> series) {
    m_series = std::move(series);
    rebuild();
}

void GanCurveChart::setReferences(std::vector<Reference> references) {
    m_references = std::move(references);
    for (QLineSeries* s : m_lines) {
        m_chart->removeSeries(s);
        delete s;
    }
    m_lines.clear();
    rebuild();
}

void GanCurveChart::setFixedRange(std::optional<std::pair<double, double>> range) {
    m_fixed = range;
    rebuild();
}

void GanCurveChart::setXAxisTitle(const QString& title) { m_axisX->setTitleText(title); }

void GanCurveChart::setLegendAlignment(Qt::Alignment alignment) { m_chart->legend()->setAlignment(alignment); }

void GanCurveChart::rebuild() {
    // Curves are created once per name list and then only replaced (Qt Charts relayouts on
    // every added series).
    if (m_curves.size() != m_series.size()) {
        for (QLineSeries* s : m_curves) {
            m_chart->removeSeries(s);
            delete s;
        }
        m_curves.clear();
        for (const Series& s : m_series) {
            auto* line = new QLineSeries;
            line->setName(s.name);
            line->setPen(QPen(s.color, 2.0));
            m_chart->addSeries(line);
            line->attachAxis(m_axisX);
            line->attachAxis(m_axisY);
            m_curves.push_back(line);
        }
    }
    if (m_lines.size() != m_references.size()) {
        for (const Reference& r : m_references) {
            auto* line = new QLineSeries;
            line->setName(r.name);
            line->setPen(QPen(r.color, 1.6, Qt::DashLine));
            m_chart->addSeries(line);
            line->attachAxis(m_axisX);
            line->attachAxis(m_axisY);
            m_lines.push_back(line);
        }
    }
    double lo = INFINITY, hi = -INFINITY, xMax = 1;
    for (size_t i = 0; i < m_series.size(); ++i) {
        const QList<QPointF> pts = binned(m_series[i].values, kMaxPoints);
        for (const QPointF& p : pts) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        xMax = std::max(xMax, static_cast<double>(m_series[i].values.size()));
        m_curves[i]->setName(m_series[i].name);
        m_curves[i]->replace(pts);
    }
    for (const Reference& r : m_references) {
        lo = std::min(lo, r.y);
        hi = std::max(hi, r.y);
    }
    for (size_t i = 0; i < m_references.size(); ++i)
        m_lines[i]->replace(QList<QPointF>{QPointF(0, m_references[i].y), QPointF(xMax, m_references[i].y)});

    m_xMax = xMax;
    m_lo = lo;
    m_hi = hi;
    updateAxes();
}

void GanCurveChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateAxes();
}

void GanCurveChart::updateAxes() {
    m_axisX->setRange(0, m_xMax);
    m_axisX->setTickInterval(m_xMax <= 10 ? 1.0 : niceStep(m_xMax / 6));
    double lo = m_lo, hi = m_hi;
    if (m_fixed) {
        lo = m_fixed->first;
        hi = m_fixed->second;
    } else if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    } else {
        // One value only (e.g. just a reference line, no data yet): a readable unit range.
        const double span = hi > lo ? std::max(hi - lo, 1e-3 * std::max(1.0, std::abs(hi))) : std::max(0.5, 0.5 * std::abs(hi));
        lo -= 0.08 * span;
        hi += 0.08 * span;
    }
    // As many ticks as fit: about one per 40 px of chart height, 2 to 5 intervals (Qt Charts
    // elides labels that collide).
    const double intervals = std::clamp((height() - 90) / 40.0, 2.0, 5.0);
    const double tick = niceStep((hi - lo) / intervals);
    m_axisY->setTickInterval(tick);
    if (m_fixed) m_axisY->setRange(lo, hi);
    else m_axisY->setRange(std::floor(lo / tick) * tick, std::ceil(hi / tick) * tick);
}

} // namespace latentlab::ui
