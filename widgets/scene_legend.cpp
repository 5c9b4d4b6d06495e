#include "widgets/scene_legend.h"

#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

/// `pt` points at 96 dpi as a pixel size, as the other scene text (painter_renderer.cpp).
QFont legendFont(const RenderStyle& s) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(6, static_cast<int>(std::lround(11.0 * 4.0 / 3.0 * s.fontScale))));
    return f;
}

QColor withAlpha(QColor c, double a) {
    c.setAlphaF(static_cast<float>(std::clamp(a * c.alphaF(), 0.0, 1.0)));
    return c;
}

} // namespace

void paintLegend(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& s) {
    if (scene.legend.empty()) return;
    const QFont font = legendFont(s);
    p.save();
    p.setFont(font);
    const QFontMetricsF fm(font);
    const bool bar = std::any_of(scene.legend.begin(), scene.legend.end(), [](const LegendEntry& e) { return !e.gradient.empty(); });
    const double row = fm.height() * 1.25, swatch = (bar ? 54 : 30) * s.fontScale, pad = 7 * s.fontScale;
    double textWidth = 0;
    for (const LegendEntry& e : scene.legend) textWidth = std::max(textWidth, fm.horizontalAdvance(e.label));
    const QRectF plot = t.plotRect();
    const QSizeF size(pad * 3 + swatch + textWidth, pad * 2 + row * static_cast<double>(scene.legend.size()));
    QRectF box(plot.right() - size.width() - 8 * s.fontScale, plot.top() + 8 * s.fontScale, size.width(),
               size.height());
    // Below a caption along the top of the plot that would run into it.
    for (const TextItem& ti : scene.texts) {
        if (!ti.anchoredToPlot || !(ti.align & Qt::AlignTop) || (ti.align & Qt::AlignRight) || ti.pos.y() < 0.8) continue;
        QFont f = legendFont(s);
        f.setPixelSize(std::max(6, static_cast<int>(std::lround(ti.pointSize * 4.0 / 3.0 * s.fontScale))));
        const QFontMetricsF tm(f);
        const QRectF text = tm.boundingRect(QRectF(0, 0, 4000, 4000), 0, ti.text);
        const QPointF a(plot.left() + ti.pos.x() * plot.width(), plot.bottom() - ti.pos.y() * plot.height());
        if (a.x() + text.width() + 12 * s.fontScale > box.left()) box.moveTop(std::max(box.top(), a.y() + text.height() + 8 * s.fontScale));
    }
    QColor panel = scene.background;
    panel.setAlphaF(0.88f);
    p.setPen(QPen(withAlpha(scene.foreground, 0.35), 1.0));
    p.setBrush(panel);
    p.drawRoundedRect(box, 4 * s.fontScale, 4 * s.fontScale);
    for (size_t i = 0; i < scene.legend.size(); ++i) {
        const LegendEntry& e = scene.legend[i];
        const double cy = box.top() + pad + row * (static_cast<double>(i) + 0.5);
        const QRectF sw(box.left() + pad, cy - row * 0.3, swatch, row * 0.6);
        switch (e.kind) {
        case LegendEntry::Kind::Line:
            p.setPen(QPen(e.color, e.widthPx * s.markerScale, e.dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(sw.left(), cy), QPointF(sw.right(), cy));
            break;
        case LegendEntry::Kind::Area:
            p.setPen(QPen(e.color.darker(130), 1.0));
            if (e.gradient.empty()) {
                p.setBrush(e.color);
            } else { // a colour bar
                QLinearGradient g(sw.topLeft(), sw.topRight());
                for (size_t k = 0; k < e.gradient.size(); ++k)
                    g.setColorAt(e.gradient.size() > 1 ? double(k) / double(e.gradient.size() - 1) : 0.0, e.gradient[k]);
                p.setBrush(g);
                p.setPen(QPen(withAlpha(scene.foreground, 0.5), 1.0));
            }
            p.drawRect(sw);
            break;
        case LegendEntry::Kind::Point:
            p.setPen(QPen(e.color.darker(170), 1.0));
            p.setBrush(e.color);
            p.drawEllipse(QPointF(sw.center().x(), cy), row * 0.22, row * 0.22);
            break;
        }
        p.setPen(scene.foreground);
        p.drawText(QRectF(sw.right() + pad, cy - row / 2, textWidth + pad, row), Qt::AlignLeft | Qt::AlignVCenter,
                   e.label);
    }
    p.restore();
}

} // namespace latentlab::ui
