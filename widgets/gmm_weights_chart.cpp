#include "widgets/gmm_weights_chart.h"

#include "widgets/math_text.h"
#include "widgets/palette.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

GmmWeightsChart::GmmWeightsChart(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("Mixing weights π_k = N_k / N after the last M-step; the dashed line is 1/K"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(180);
}

void GmmWeightsChart::setWeights(std::vector<double> weights) {
    if (weights == m_weights) return;
    m_weights = std::move(weights);
    update();
}

double GmmWeightsChart::axisTop() const {
    if (m_weights.empty()) return 1.0;
    double top = 1.0 / static_cast<double>(m_weights.size());
    for (double w : m_weights)
        if (std::isfinite(w)) top = std::max(top, w);
    return std::min(1.0, std::ceil(top * 1.15 * 10 - 1e-9) / 10);
}

void GmmWeightsChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor fg = palette().color(QPalette::WindowText);
    QFont title = font();
    title.setPointSizeF(std::max(11.0, title.pointSizeF()));
    title.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(10.0, small.pointSizeF()));
    p.setFont(title);
    p.setPen(fg);
    const double titleH = QFontMetricsF(title).height() + 4;
    p.drawText(QRectF(0, 0, width(), titleH), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Weights πₖ = Nₖ / N"));
    const QFontMetricsF sm(small);
    const double labelH = sm.height() + 2;
    const QRectF plot(sm.horizontalAdvance(QStringLiteral("0.0")) + 8, titleH + labelH, 0, 0);
    const QRectF area(plot.left(), plot.top(), width() - plot.left() - 4, height() - plot.top() - labelH - 2);
    if (area.width() < 10 || area.height() < 10) return;
    p.setFont(small);
    p.setPen(QPen(fg, 1.0));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    const double top = axisTop();
    auto yOf = [&](double v) { return area.bottom() - area.height() * std::clamp(v / top, 0.0, 1.0); };
    for (double tick : {0.0, top}) {
        p.drawText(QRectF(0, yOf(tick) - labelH / 2, area.left() - 4, labelH), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(tick, 'f', 1));
    }
    const int K = static_cast<int>(m_weights.size());
    if (K == 0) {
        p.drawText(area, Qt::AlignCenter, tr("no weights yet"));
        return;
    }
    // The equal share 1/K, under the bars and their values: a bar above it gained mass, one
    // below it lost mass.
    p.setPen(QPen(fg, 1.0, Qt::DashLine));
    const double equal = yOf(1.0 / K);
    p.drawLine(QPointF(area.left(), equal), QPointF(area.right(), equal));
    const std::vector<QColor> colors = categoricalPalette(K);
    const double slot = area.width() / K, barW = std::min(60.0, slot * 0.7);
    const bool labels = slot >= sm.horizontalAdvance(QStringLiteral("0.00")) + 2;
    for (int k = 0; k < K; ++k) {
        const double w = std::isfinite(m_weights[static_cast<size_t>(k)]) ? m_weights[static_cast<size_t>(k)] : 0.0;
        const double cx = area.left() + slot * (k + 0.5);
        const QRectF bar(cx - barW / 2, yOf(w), barW, area.bottom() - yOf(w));
        p.setPen(QPen(darker(colors[static_cast<size_t>(k)], 0.7), 1.2));
        p.setBrush(colors[static_cast<size_t>(k)]);
        p.drawRect(bar);
        if (!labels) continue;
        const QString value = QString::number(w, 'f', 2);
        const double tw = sm.horizontalAdvance(value) + 4;
        p.fillRect(QRectF(cx - tw / 2, bar.top() - labelH, tw, labelH - 1), palette().window()); // over the 1/K line
        p.setPen(fg);
        p.drawText(QRectF(cx - slot / 2, bar.top() - labelH, slot, labelH), Qt::AlignCenter, value);
        p.drawText(QRectF(cx - slot / 2, area.bottom() + 1, slot, labelH), Qt::AlignCenter,
                   QStringLiteral("π") + subscriptDigits(k + 1));
    }
}

} // namespace latentlab::ui
