#include "widgets/painter_renderer.h"

#include "widgets/scene_legend.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::ui {

namespace {

/// Font of `pt` points at 96 dpi, as a pixel size so PNG, SVG and PDF agree.
QFont fontOf(double pt, const RenderStyle& s, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(6, static_cast<int>(std::lround(pt * 4.0 / 3.0 * s.fontScale))));
    f.setBold(bold);
    return f;
}

QColor withAlpha(QColor c, double a) {
    c.setAlphaF(static_cast<float>(std::clamp(a * c.alphaF(), 0.0, 1.0)));
    return c;
}

/// `rect` in the device pixels of the painter's device (HiDPI screens get sharp rasters).
QSize deviceSize(const QPainter& p, const QRectF& rect) {
    const double dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    return {std::max(1, static_cast<int>(rect.width() * dpr)), std::max(1, static_cast<int>(rect.height() * dpr))};
}

/// Clips a convex polygon by the half-plane n·x <= c (Sutherland–Hodgman).
QPolygonF clipHalfPlane(const QPolygonF& poly, QPointF n, double c) {
    QPolygonF out;
    const int m = static_cast<int>(poly.size());
    for (int i = 0; i < m; ++i) {
        const QPointF a = poly[i], b = poly[(i + 1) % m];
        const double da = n.x() * a.x() + n.y() * a.y() - c, db = n.x() * b.x() + n.y() * b.y() - c;
        if (da <= 0) out << a;
        if ((da < 0) != (db < 0) && da != db) out << a + (b - a) * (da / (da - db));
    }
    return out;
}

double distance(RegionField::Metric m, double x, double y, QPointF c) {
    switch (m) {
    case RegionField::Metric::L1: return std::abs(x - c.x()) + std::abs(y - c.y());
    case RegionField::Metric::Cosine: {
        const double nx = std::hypot(x, y), nc = std::hypot(c.x(), c.y());
        if (nx == 0 || nc == 0) return 1.0;
        return 1.0 - (x * c.x() + y * c.y()) / (nx * nc);
    }
    case RegionField::Metric::L2: break;
    }
    return (x - c.x()) * (x - c.x()) + (y - c.y()) * (y - c.y());
}

void paintRegionField(QPainter& p, const RegionField& f, const ViewTransform& t) {
    const int K = static_cast<int>(std::min(f.centres.size(), f.colors.size()));
    if (K == 0) return;
    const QRectF plot = t.plotRect();
    p.save();
    p.setClipRect(plot);
    if (f.metric == RegionField::Metric::L2) {
        // Exact cells as polygons: vector output stays vector.
        const QRectF v = t.visibleData();
        const QPolygonF view{QPointF(v.left(), v.top()), QPointF(v.right(), v.top()),
                             QPointF(v.right(), v.bottom()), QPointF(v.left(), v.bottom())};
        p.setPen(Qt::NoPen);
        for (int k = 0; k < K; ++k) {
            QPolygonF cell = view;
            const QPointF ck = f.centres[static_cast<size_t>(k)];
            for (int j = 0; j < K && cell.size() >= 3; ++j) {
                const QPointF cj = f.centres[static_cast<size_t>(j)];
                if (j == k) continue;
                if (cj == ck) { // identical centres: the lower index owns the cell
                    if (j < k) cell.clear();
                    continue;
                }
                const QPointF n = 2.0 * (cj - ck);
                cell = clipHalfPlane(cell, n, QPointF::dotProduct(cj, cj) - QPointF::dotProduct(ck, ck));
            }
            if (cell.size() < 3) continue;
            QPolygonF px;
            for (const QPointF& q : cell) px << t.toPixel(q);
            p.setBrush(withAlpha(f.colors[static_cast<size_t>(k)], f.opacity));
            p.drawPolygon(px);
        }
    } else {
        p.drawImage(plot, regionFieldImage(f, t, deviceSize(p, plot)));
    }
    p.restore();
}

void paintGrid(QPainter& p, const Scene& scene, const ViewTransform& t) {
    if (!scene.showAxes) return;
    const QRectF plot = t.plotRect(), v = t.visibleData();
    QColor grid = scene.foreground;
    grid.setAlphaF(0.10f);
    p.save();
    p.setPen(QPen(grid, 1.0));
    for (double x : niceTicks(v.left(), v.right(), std::max(2, static_cast<int>(plot.width() / 110)))) {
        const double px = t.toPixel({x, 0}).x();
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    }
    for (double y : niceTicks(v.top(), v.bottom(), std::max(2, static_cast<int>(plot.height() / 80)))) {
        const double py = t.toPixel({0, y}).y();
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }
    p.restore();
}

} // namespace

void paintPointBatch(QPainter& p, const PointBatch& b, const ViewTransform& t, const RenderStyle& s) {
    if (!b.x || !b.y || b.palette.empty()) return;
    const QRectF plot = t.plotRect();
    p.save();
    p.setClipRect(plot);
    const size_t n = std::min(b.x->size(), b.y->size());
    if (countVisible(b, t) > kBinningThreshold) {
        p.drawImage(plot, binPoints(b, t, deviceSize(p, plot)));
        p.restore();
        return;
    }
    const double r = b.sizePx * s.markerScale / 2.0;
    const QRectF inflated = plot.adjusted(-r, -r, r, r);
    if (b.rgba && b.rgba->size() >= n) { // per-point colours: one brush per point
        for (size_t i = 0; i < n; ++i) {
            const QPointF q = t.toPixel({(*b.x)[i], (*b.y)[i]});
            if (!inflated.contains(q)) continue;
            const QColor c = QColor::fromRgba((*b.rgba)[i]);
            p.setBrush(withAlpha(c, b.opacity));
            p.setPen(b.outline ? QPen(withAlpha(c.darker(170), std::min(1.0, b.opacity + 0.1)), std::max(0.5, r * 0.22))
                               : Qt::NoPen);
            p.drawEllipse(q, r, r);
        }
        p.restore();
        return;
    }
    const size_t colors = b.palette.size();
    // One pass per colour: set pen and brush once, draw its points.
    for (size_t c = 0; c < colors; ++c) {
        const QColor fill = withAlpha(b.palette[c], b.opacity);
        p.setBrush(fill);
        p.setPen(b.outline ? QPen(withAlpha(b.palette[c].darker(170), std::min(1.0, b.opacity + 0.1)), std::max(0.5, r * 0.22))
                           : Qt::NoPen);
        for (size_t i = 0; i < n; ++i) {
            const size_t ci = b.colorIndex && i < b.colorIndex->size() ? (*b.colorIndex)[i] : 0;
            if ((ci < colors ? ci : 0) != c) continue;
            const QPointF q = t.toPixel({(*b.x)[i], (*b.y)[i]});
            if (!inflated.contains(q)) continue;
            p.drawEllipse(q, r, r);
        }
    }
    p.restore();
}

namespace {

QPainterPath markerPath(Marker::Shape shape, double size) {
    const double h = size / 2;
    QPainterPath path;
    switch (shape) {
    case Marker::Shape::Circle: path.addEllipse(QPointF(0, 0), h, h); break;
    case Marker::Shape::Square: path.addRect(-h * 0.85, -h * 0.85, h * 1.7, h * 1.7); break;
    case Marker::Shape::Diamond: path.addPolygon(QPolygonF{{0, -h}, {h, 0}, {0, h}, {-h, 0}, {0, -h}}); break;
    case Marker::Shape::Triangle: path.addPolygon(QPolygonF{{0, -h}, {h, h * 0.8}, {-h, h * 0.8}, {0, -h}}); break;
    case Marker::Shape::Cross: {
        const double w = h * 0.3;
        path.addRect(-h, -w, 2 * h, 2 * w);
        path.addRect(-w, -h, 2 * w, 2 * h);
        path.setFillRule(Qt::WindingFill);
        path = path.simplified();
        break;
    }
    case Marker::Shape::Star: {
        QPolygonF star;
        for (int i = 0; i <= 10; ++i) {
            const double a = -M_PI / 2 + i * M_PI / 5, r = (i % 2) ? h * 0.45 : h;
            star << QPointF(r * std::cos(a), r * std::sin(a));
        }
        path.addPolygon(star);
        break;
    }
    }
    return path;
}

/// Text with a soft halo of the background colour, readable over points and cells.
void haloText(QPainter& p, const QRectF& box, int flags, const QString& text, const QColor& color,
              const QColor& halo) {
    QColor h = halo;
    h.setAlphaF(0.75f);
    p.setPen(h);
    for (const QPointF d : {QPointF(-1, 0), QPointF(1, 0), QPointF(0, -1), QPointF(0, 1)})
        p.drawText(box.translated(d), flags, text);
    p.setPen(color);
    p.drawText(box, flags, text);
}

void paintAxes(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    const QRectF plot = t.plotRect(), v = t.visibleData();
    const QColor fg = scene.foreground;
    p.save();
    p.setPen(QPen(fg, 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    const QFont tickFont = fontOf(9.5, s);
    p.setFont(tickFont);
    const double tick = 5 * s.fontScale;
    const auto xs = niceTicks(v.left(), v.right(), std::max(2, static_cast<int>(plot.width() / 110)));
    const double xStep = xs.size() > 1 ? xs[1] - xs[0] : 1;
    for (double x : xs) {
        const double px = t.toPixel({x, 0}).x();
        p.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + tick));
        p.drawText(QRectF(px - 60, plot.bottom() + tick + 1, 120, tickFont.pixelSize() * 1.4),
                   Qt::AlignHCenter | Qt::AlignTop, formatTick(x, xStep));
    }
    const auto ys = niceTicks(v.top(), v.bottom(), std::max(2, static_cast<int>(plot.height() / 80)));
    const double yStep = ys.size() > 1 ? ys[1] - ys[0] : 1;
    for (double y : ys) {
        const double py = t.toPixel({0, y}).y();
        p.drawLine(QPointF(plot.left() - tick, py), QPointF(plot.left(), py));
        p.drawText(QRectF(0, py - tickFont.pixelSize(), plot.left() - tick - 3, tickFont.pixelSize() * 2),
                   Qt::AlignRight | Qt::AlignVCenter, formatTick(y, yStep));
    }
    const QFont labelFont = fontOf(11, s);
    p.setFont(labelFont);
    const double lh = labelFont.pixelSize() * 1.5;
    if (!scene.xLabel.isEmpty())
        p.drawText(QRectF(plot.left(), t.canvas().height() - lh - 2 * s.fontScale, plot.width(), lh),
                   Qt::AlignHCenter | Qt::AlignVCenter, scene.xLabel);
    if (!scene.yLabel.isEmpty()) {
        p.translate(2 * s.fontScale, plot.center().y());
        p.rotate(-90);
        p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), lh), Qt::AlignHCenter | Qt::AlignVCenter,
                   scene.yLabel);
    }
    p.restore();
}

} // namespace

QMarginsF plotMargins(const Scene& scene, const RenderStyle& s) {
    const double f = s.fontScale;
    const double top = scene.title.isEmpty() ? 12 * f : 36 * f;
    if (!scene.showAxes) return {8 * f, top, 8 * f, 8 * f};
    return {(scene.yLabel.isEmpty() ? 52 : 74) * f, top, 18 * f, (scene.xLabel.isEmpty() ? 30 : 52) * f};
}

QImage regionFieldImage(const RegionField& f, const ViewTransform& t, QSize device) {
    QImage img(device, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    const int K = static_cast<int>(std::min(f.centres.size(), f.colors.size()));
    if (K == 0 || device.isEmpty()) return img;
    std::vector<QRgb> colors;
    for (const QColor& c : f.colors) colors.push_back(withAlpha(c, f.opacity).rgba());
    for (QRgb& c : colors) c = qPremultiply(c);
    const QRectF plot = t.plotRect();
    for (int row = 0; row < device.height(); ++row) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(row));
        const double py = plot.top() + (row + 0.5) * plot.height() / device.height();
        for (int col = 0; col < device.width(); ++col) {
            const QPointF d = t.toData({plot.left() + (col + 0.5) * plot.width() / device.width(), py});
            int best = 0;
            double bestD = std::numeric_limits<double>::infinity();
            for (int k = 0; k < K; ++k) {
                const double dk = distance(f.metric, d.x(), d.y(), f.centres[static_cast<size_t>(k)]);
                if (dk < bestD) bestD = dk, best = k;
            }
            line[col] = colors[static_cast<size_t>(best)];
        }
    }
    return img;
}

int countVisible(const PointBatch& b, const ViewTransform& t) {
    if (!b.x || !b.y) return 0;
    const size_t n = std::min(b.x->size(), b.y->size());
    const QRectF v = t.visibleData();
    const float x0 = static_cast<float>(v.left()), x1 = static_cast<float>(v.right());
    const float y0 = static_cast<float>(v.top()), y1 = static_cast<float>(v.bottom());
    int count = 0;
    const float* xs = b.x->data();
    const float* ys = b.y->data();
    for (size_t i = 0; i < n; ++i) count += (xs[i] >= x0) & (xs[i] <= x1) & (ys[i] >= y0) & (ys[i] <= y1);
    return count;
}

QImage binPoints(const PointBatch& b, const ViewTransform& t, QSize device, int* visible) {
    QImage img(device, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    if (!b.x || !b.y || b.palette.empty() || device.isEmpty()) return img;
    const int W = device.width(), H = device.height();
    const QRectF v = t.visibleData();
    const double sx = W / v.width(), sy = H / v.height();
    const size_t n = std::min(b.x->size(), b.y->size());
    const size_t colors = b.palette.size();
    std::vector<uint32_t> count(static_cast<size_t>(W) * H, 0);
    std::vector<float> rgb(static_cast<size_t>(W) * H * 3, 0.0f);
    std::vector<float> pal(colors * 3);
    for (size_t c = 0; c < colors; ++c) {
        pal[c * 3] = b.palette[c].redF();
        pal[c * 3 + 1] = b.palette[c].greenF();
        pal[c * 3 + 2] = b.palette[c].blueF();
    }
    int inside = 0;
    const bool direct = b.rgba && b.rgba->size() >= n;
    for (size_t i = 0; i < n; ++i) {
        const double fx = ((*b.x)[i] - v.left()) * sx, fy = (v.bottom() - (*b.y)[i]) * sy;
        if (!(fx >= 0 && fx < W && fy >= 0 && fy < H)) continue;
        const size_t cell = static_cast<size_t>(fy) * W + static_cast<size_t>(fx);
        ++count[cell];
        if (direct) {
            const QRgb c = (*b.rgba)[i];
            rgb[cell * 3] += qRed(c) / 255.0f;
            rgb[cell * 3 + 1] += qGreen(c) / 255.0f;
            rgb[cell * 3 + 2] += qBlue(c) / 255.0f;
        } else {
            size_t c = b.colorIndex && i < b.colorIndex->size() ? (*b.colorIndex)[i] : 0;
            if (c >= colors) c = 0;
            rgb[cell * 3] += pal[c * 3];
            rgb[cell * 3 + 1] += pal[c * 3 + 1];
            rgb[cell * 3 + 2] += pal[c * 3 + 2];
        }
        ++inside;
    }
    if (visible) *visible = inside;
    uint32_t maxCount = 1;
    for (uint32_t c : count) maxCount = std::max(maxCount, c);
    const double logMax = std::log1p(static_cast<double>(maxCount));
    for (int row = 0; row < H; ++row) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(row));
        for (int col = 0; col < W; ++col) {
            const size_t cell = static_cast<size_t>(row) * W + col;
            if (!count[cell]) continue;
            // Alpha from 0.35 (one point) to 1 (densest pixel): every point stays visible.
            const double a = 0.35 + 0.65 * std::log1p(count[cell]) / logMax;
            const double inv = 1.0 / count[cell];
            line[col] = qPremultiply(qRgba(static_cast<int>(std::lround(255 * rgb[cell * 3] * inv)),
                                           static_cast<int>(std::lround(255 * rgb[cell * 3 + 1] * inv)),
                                           static_cast<int>(std::lround(255 * rgb[cell * 3 + 2] * inv)),
                                           static_cast<int>(std::lround(255 * a))));
        }
    }
    return img;
}

namespace {
double g_liveScale = 1.0; // GUI thread only
} // namespace

RenderStyle liveStyle() {
    RenderStyle s;
    s.fontScale = s.markerScale = g_liveScale;
    return s;
}

void setLiveStyleScale(double scale) { g_liveScale = std::clamp(scale, 0.5, 4.0); }

void paintBackground(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    if (!s.transparent) p.fillRect(QRectF(QPointF(0, 0), t.canvas()), scene.background);
    paintGrid(p, scene, t);
}

void paintRegionFields(QPainter& p, const Scene& scene, const ViewTransform& t) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const RegionField& f : scene.regionFields) paintRegionField(p, f, t);
    p.restore();
}

void paintImages(QPainter& p, const Scene& scene, const ViewTransform& t) {
    p.save();
    p.setClipRect(t.plotRect());
    for (const ImageItem& im : scene.images) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, im.smooth);
        const QRectF d = im.dataRect.normalized();
        const QRectF px = QRectF(t.toPixel({d.left(), d.bottom()}), t.toPixel({d.right(), d.top()})).normalized();
        p.setOpacity(im.opacity);
        p.drawImage(px, im.image);
    }
    p.setOpacity(1.0);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const FilledArea& a : scene.areas) {
        if (a.points.size() < 3) continue;
        QPolygonF poly;
        for (const QPointF& q : a.points) poly << t.toPixel(q);
        p.setBrush(a.fill);
        p.setPen(a.outlineWidthPx > 0 ? QPen(a.outline, a.outlineWidthPx, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin)
                                      : QPen(Qt::NoPen));
        p.drawPolygon(poly);
    }
    p.restore();
}

void paintBase(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    paintBackground(p, scene, t, s);
    p.setRenderHint(QPainter::Antialiasing, true);
    paintRegionFields(p, scene, t);
    paintImages(p, scene, t);
    for (const PointBatch& b : scene.points) paintPointBatch(p, b, t, s);
}

void paintOverlay(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF plot = t.plotRect();
    p.setClipRect(plot);
    for (const Polyline& l : scene.lines) {
        if (l.points.size() < 2) continue;
        QPen pen(l.color, l.widthPx * s.markerScale, l.dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap,
                 Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        QPolygonF px;
        for (const QPointF& q : l.points) px << t.toPixel(q);
        p.drawPolyline(px);
        if (l.arrowHead) {
            const QPointF a = px[px.size() - 2], b = px.back();
            const double ang = std::atan2(b.y() - a.y(), b.x() - a.x()), len = 4 + 3 * l.widthPx * s.markerScale;
            p.setPen(Qt::NoPen);
            p.setBrush(l.color);
            p.drawPolygon(QPolygonF{b, b - QPointF(len * std::cos(ang - 0.45), len * std::sin(ang - 0.45)),
                                    b - QPointF(len * std::cos(ang + 0.45), len * std::sin(ang + 0.45))});
        }
    }
    const QFont markerFont = fontOf(12, s, true);
    for (const Marker& m : scene.markers) {
        const QPointF c = t.toPixel(m.pos);
        p.save();
        p.translate(c);
        const QPainterPath path = markerPath(m.shape, m.sizePx * s.markerScale);
        // A halo of the background colour first: the marker stands out even on a dense
        // cluster of its own colour.
        QColor halo = scene.background;
        halo.setAlphaF(0.9f);
        p.setPen(QPen(halo, (m.outlineWidthPx + 3.5) * s.markerScale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(QPen(m.outline, m.outlineWidthPx * s.markerScale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(m.fill);
        p.drawPath(path);
        p.restore();
        if (!m.label.isEmpty()) {
            p.setFont(markerFont);
            const double off = m.sizePx * s.markerScale * 0.55;
            const double w = p.fontMetrics().horizontalAdvance(m.label) + 4;
            // Beside the marker on the right, or on the left where the plot ends.
            const double x = c.x() + off + w > plot.right() ? c.x() - off - w : c.x() + off;
            haloText(p, QRectF(x, c.y() - off - markerFont.pixelSize() * 1.2, w, markerFont.pixelSize() * 1.4),
                     x < c.x() ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter, m.label,
                     m.outline, scene.background);
        }
    }
    for (const TextItem& ti : scene.texts) {
        p.setFont(fontOf(ti.pointSize, s));
        const QPointF a = ti.anchoredToPlot
                              ? QPointF(plot.left() + ti.pos.x() * plot.width(), plot.bottom() - ti.pos.y() * plot.height())
                              : t.toPixel(ti.pos);
        const QRectF bounds = p.fontMetrics().boundingRect(QRect(0, 0, 4000, 4000), 0, ti.text);
        QRectF box(a, bounds.size());
        if (ti.align & Qt::AlignRight) box.moveRight(a.x());
        else if (ti.align & Qt::AlignHCenter) box.moveLeft(a.x() - box.width() / 2);
        if (ti.align & Qt::AlignBottom) box.moveBottom(a.y());
        else if (ti.align & Qt::AlignVCenter) box.moveTop(a.y() - box.height() / 2);
        if (ti.anchoredToPlot) { // a caption: on a soft panel so it reads over any colour
            QColor panel = scene.background;
            panel.setAlphaF(0.82f);
            const double pad = 4 * s.fontScale;
            p.setPen(Qt::NoPen);
            p.setBrush(panel);
            p.drawRoundedRect(box.adjusted(-pad, -pad / 2, pad, pad / 2), 3 * s.fontScale, 3 * s.fontScale);
        }
        p.setPen(ti.color);
        const Qt::Alignment lines = ti.align & (Qt::AlignRight | Qt::AlignHCenter) ? ti.align & Qt::AlignHorizontal_Mask
                                                                                    : Qt::AlignLeft;
        p.drawText(box, lines | Qt::AlignTop, ti.text);
    }
    paintLegend(p, scene, t, s);
    p.setClipping(false);
    if (scene.showAxes) paintAxes(p, scene, t, s);
    if (!scene.title.isEmpty()) {
        const QFont f = fontOf(13, s, true);
        p.setFont(f);
        p.setPen(scene.foreground);
        p.drawText(QRectF(plot.left(), 0, plot.width(), plot.top()), Qt::AlignHCenter | Qt::AlignVCenter, scene.title);
    }
    p.restore();
}

void paintScene(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    paintBase(p, scene, t, s);
    paintOverlay(p, scene, t, s);
}

int markerAt(const Scene& scene, const ViewTransform& t, QPointF pixel, double markerScale) {
    int best = -1;
    double bestD = std::numeric_limits<double>::infinity();
    for (const Marker& m : scene.markers) {
        if (m.id < 0) continue;
        const QPointF d = t.toPixel(m.pos) - pixel;
        const double dist = std::hypot(d.x(), d.y());
        if (dist <= m.sizePx * markerScale / 2 + 4 && dist < bestD) bestD = dist, best = m.id;
    }
    return best;
}

} // namespace latentlab::ui
