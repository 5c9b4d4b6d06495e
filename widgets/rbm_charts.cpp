#include "widgets/rbm_charts.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::ui {

namespace {
const QColor kText(40, 40, 40);
const QColor kGrid(225, 225, 225);
const QColor kBar(0x56, 0xB4, 0xE9);

void whiteBackground(QWidget* w) {
    QPalette pal = w->palette();
    pal.setColor(QPalette::Window, Qt::white);
    w->setPalette(pal);
    w->setAutoFillBackground(true);
    w->setMinimumHeight(140);
}

QString number(double v) { return QString::number(v, 'g', 3); }

/// Title (bold) and note in the top strip; returns the plot rectangle.
QRectF frame(QPainter& p, const QWidget* w, const QString& title, const QString& note) {
    const double em = w->fontMetrics().height();
    QFont bold = w->font();
    bold.setBold(true);
    p.setPen(kText);
    p.setFont(bold);
    p.drawText(QPointF(0.6 * em, 1.1 * em), title);
    p.setFont(w->font());
    if (!note.isEmpty()) p.drawText(QPointF(0.6 * em, 2.2 * em), note);
    return QRectF(QPointF(5.0 * em, (note.isEmpty() ? 2.0 : 3.0) * em), QPointF(w->width() - 1.2 * em, w->height() - 2.4 * em));
}

void yAxis(QPainter& p, const QRectF& r, double lo, double hi, double em) {
    for (int i = 0; i <= 4; ++i) {
        const double v = lo + (hi - lo) * i / 4.0;
        const double y = r.bottom() - (v - lo) / (hi - lo) * r.height();
        p.setPen(kGrid);
        p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
        p.setPen(kText);
        p.drawText(QRectF(0, y - em / 2, r.left() - 0.3 * em, em), Qt::AlignRight | Qt::AlignVCenter, number(v));
    }
}
} // namespace

EpochChart::EpochChart(const QString& title, const QString& yLabel, QWidget* parent)
    : QWidget(parent), m_title(title), m_yLabel(yLabel) {
    whiteBackground(this);
}

void EpochChart::setSeries(std::vector<Series> series) {
    m_series = std::move(series);
    update();
}

void EpochChart::setNote(const QString& note) {
    m_note = note;
    update();
}

void EpochChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const double em = fontMetrics().height();
    const QRectF r = frame(p, this, m_title, m_note);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    size_t epochs = 0;
    for (const Series& s : m_series) {
        epochs = std::max(epochs, s.values.size());
        for (double v : s.values)
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    if (!(hi >= lo)) {
        p.setPen(kText);
        p.drawText(r, Qt::AlignCenter, tr("Measured at the end of every epoch: nothing yet"));
        return;
    }
    const double pad = hi > lo ? 0.08 * (hi - lo) : std::max(1.0, std::abs(hi) * 0.05);
    lo -= pad;
    hi += pad;
    yAxis(p, r, lo, hi, em);
    const double n = std::max<double>(2, static_cast<double>(epochs));
    auto xOf = [&](double epoch) { return r.left() + (epoch - 1) / (n - 1) * r.width(); };
    auto yOf = [&](double v) { return r.bottom() - (v - lo) / (hi - lo) * r.height(); };
    p.setPen(kText);
    const int tickStep = std::max(1, static_cast<int>(std::ceil(n / 8)));
    for (int e = 1; e <= static_cast<int>(n); e += tickStep)
        p.drawText(QRectF(xOf(e) - 2 * em, r.bottom() + 0.2 * em, 4 * em, em), Qt::AlignCenter, QString::number(e));
    p.drawText(QRectF(r.left(), r.bottom() + 1.2 * em, r.width(), em), Qt::AlignCenter, tr("epoch"));
    p.save();
    p.translate(0.9 * em, r.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -0.6 * em, r.height(), 1.2 * em), Qt::AlignCenter, m_yLabel);
    p.restore();
    double legendX = r.right();
    for (auto it = m_series.rbegin(); it != m_series.rend(); ++it) { // legend, right-aligned
        const double w = fontMetrics().horizontalAdvance(it->name) + 2.2 * em;
        legendX -= w;
        p.setPen(QPen(it->color, 2.5));
        p.drawLine(QPointF(legendX, r.top() + 0.6 * em), QPointF(legendX + 1.2 * em, r.top() + 0.6 * em));
        p.setPen(kText);
        p.drawText(QPointF(legendX + 1.5 * em, r.top() + 0.95 * em), it->name);
    }
    for (const Series& s : m_series) {
        QPainterPath path;
        bool open = false;
        p.setPen(QPen(s.color, 2));
        for (size_t e = 0; e < s.values.size(); ++e) {
            if (!std::isfinite(s.values[e])) {
                open = false;
                continue;
            }
            const QPointF q(xOf(static_cast<double>(e + 1)), yOf(s.values[e]));
            open ? path.lineTo(q) : path.moveTo(q);
            open = true;
            p.setBrush(s.color);
            p.drawEllipse(q, 2.5, 2.5);
        }
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
}

HistogramChart::HistogramChart(const QString& title, QWidget* parent) : QWidget(parent), m_title(title) {
    whiteBackground(this);
}

void HistogramChart::setCounts(std::vector<int64_t> counts, const QString& note) {
    m_counts = std::move(counts);
    m_note = note;
    update();
}

void HistogramChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const double em = fontMetrics().height();
    const QRectF r = frame(p, this, m_title, m_note);
    int64_t total = 0, peak = 0;
    for (int64_t c : m_counts) total += c, peak = std::max(peak, c);
    if (total == 0) {
        p.setPen(kText);
        p.drawText(r, Qt::AlignCenter, tr("No mini-batch yet"));
        return;
    }
    const double top = 1.1 * static_cast<double>(peak) / static_cast<double>(total);
    yAxis(p, r, 0.0, top, em);
    const double bw = r.width() / static_cast<double>(m_counts.size());
    for (size_t i = 0; i < m_counts.size(); ++i) {
        const double share = static_cast<double>(m_counts[i]) / static_cast<double>(total);
        const double h = share / top * r.height();
        p.fillRect(QRectF(r.left() + i * bw + 1, r.bottom() - h, bw - 2, h), kBar);
    }
    p.setPen(kText);
    for (int t = 0; t <= 4; ++t)
        p.drawText(QRectF(r.left() + t / 4.0 * r.width() - 2 * em, r.bottom() + 0.2 * em, 4 * em, em), Qt::AlignCenter,
                   QString::number(t / 4.0));
    p.drawText(QRectF(r.left(), r.bottom() + 1.2 * em, r.width(), em), Qt::AlignCenter,
               tr("p(h_j = 1 | v) — share of (unit, sample) pairs per bin"));
}

} // namespace latentlab::ui
