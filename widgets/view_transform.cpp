#include "widgets/view_transform.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

void ViewTransform::setViewport(QSizeF canvas, QMarginsF margins) {
    m_canvas = canvas;
    m_margins = margins;
}

void ViewTransform::setVisibleData(const QRectF& data) {
    QRectF r = data.normalized();
    if (r.width() <= 0) r.setWidth(1);
    if (r.height() <= 0) r.setHeight(1);
    m_data = r;
}

QRectF ViewTransform::plotRect() const {
    QRectF r = QRectF(QPointF(0, 0), m_canvas).marginsRemoved(m_margins);
    if (r.width() < 1) r.setWidth(1);
    if (r.height() < 1) r.setHeight(1);
    return r;
}

double ViewTransform::scaleX() const { return plotRect().width() / m_data.width(); }
double ViewTransform::scaleY() const { return plotRect().height() / m_data.height(); }

QPointF ViewTransform::toPixel(QPointF d) const {
    const QRectF p = plotRect();
    return {p.left() + (d.x() - m_data.left()) * scaleX(), p.bottom() - (d.y() - m_data.top()) * scaleY()};
}

QPointF ViewTransform::toData(QPointF px) const {
    const QRectF p = plotRect();
    return {m_data.left() + (px.x() - p.left()) / scaleX(), m_data.top() + (p.bottom() - px.y()) / scaleY()};
}

void ViewTransform::fit(const QRectF& bounds, bool equalAspect, double padFraction) {
    QRectF b = bounds.normalized();
    if (b.width() <= 0) b.adjust(-0.5, 0, 0.5, 0);
    if (b.height() <= 0) b.adjust(0, -0.5, 0, 0.5);
    b.adjust(-b.width() * padFraction, -b.height() * padFraction, b.width() * padFraction,
             b.height() * padFraction);
    if (equalAspect) {
        const QRectF p = plotRect();
        const double unitsPerPx = std::max(b.width() / p.width(), b.height() / p.height());
        const QPointF c = b.center();
        const double w = unitsPerPx * p.width(), h = unitsPerPx * p.height();
        b = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
    }
    setVisibleData(b);
}

void ViewTransform::zoom(QPointF pixel, double factor) {
    if (!(factor > 0)) return;
    const QPointF anchor = toData(pixel);
    const double w = m_data.width() / factor, h = m_data.height() / factor;
    // Keep the anchor at the same fraction of the view.
    const double fx = (anchor.x() - m_data.left()) / m_data.width();
    const double fy = (anchor.y() - m_data.top()) / m_data.height();
    if (w < 1e-9 || h < 1e-9 || w > 1e12 || h > 1e12) return;
    m_data = QRectF(anchor.x() - fx * w, anchor.y() - fy * h, w, h);
}

void ViewTransform::pan(QPointF d) {
    m_data.translate(-d.x() / scaleX(), d.y() / scaleY());
}

std::vector<double> niceTicks(double lo, double hi, int target) {
    std::vector<double> ticks;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || target < 1) return ticks;
    const double raw = (hi - lo) / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / mag;
    const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

QString formatTick(double value, double step) {
    const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 8);
    if (std::abs(value) >= 1e6 || (std::abs(value) > 0 && std::abs(value) < 1e-4))
        return QString::number(value, 'g', 4);
    return QString::number(value, 'f', decimals).replace('-', QChar(0x2212));
}

} // namespace latentlab::ui
