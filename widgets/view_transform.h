#pragma once
// Data ↔ pixel mapping shared by the OpenGL view, the QPainter renderer and export
// (DESIGN.md "Drawing", step 2). Pixels are device-independent, y grows downwards; data y
// grows upwards.
#include <QMarginsF>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace latentlab::ui {

class ViewTransform {
public:
    /// Size of the whole canvas (device-independent px) and the margins kept for axes and title.
    void setViewport(QSizeF canvas, QMarginsF margins);
    /// The data rectangle shown in the plot area (left..right, bottom..top; y up).
    void setVisibleData(const QRectF& data);
    /// Shows `bounds` with `padFraction` of air on each side; with `equalAspect` one data unit
    /// is as long on x as on y (the shorter side grows).
    void fit(const QRectF& bounds, bool equalAspect, double padFraction = 0.05);
    /// Zooms by `factor` (> 1 zooms in) keeping the data under `pixel` fixed.
    void zoom(QPointF pixel, double factor);
    /// Moves the view so that the data follows the mouse by `pixelDelta`.
    void pan(QPointF pixelDelta);

    QSizeF canvas() const { return m_canvas; }
    QMarginsF margins() const { return m_margins; }
    /// The plot area in pixels (canvas minus margins).
    QRectF plotRect() const;
    /// The data shown, as a normalised rect (left < right, top < bottom means y0 < y1).
    QRectF visibleData() const { return m_data; }
    QPointF toPixel(QPointF data) const;
    QPointF toData(QPointF pixel) const;
    /// Pixels per data unit along x and y (both positive).
    double scaleX() const;
    double scaleY() const;

private:
    QSizeF m_canvas{640, 480};
    QMarginsF m_margins;
    QRectF m_data{0, 0, 1, 1};
};

/// "Nice" tick positions (1, 2, 5 × 10^k steps) covering [lo, hi] with about `target` ticks.
std::vector<double> niceTicks(double lo, double hi, int target);
/// Formats a tick value with just enough digits for the tick step.
QString formatTick(double value, double step);

} // namespace latentlab::ui
