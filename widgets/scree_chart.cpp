#include "widgets/scree_chart.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

const QColor kBar(0x56, 0xB4, 0xE9);      // sky blue
const QColor kLine(0x00, 0x72, 0xB2);     // blue
const QColor kCutoff(0xD5, 0x5E, 0x00);   // vermillion
const QColor kText(40, 40, 40);
const QColor kGrid(225, 225, 225);

/// About `target` round tick values covering [0, hi].
std::vector<double> niceTicks(double hi, int target = 4) {
    if (!(hi > 0)) return {0};
    const double raw = hi / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    std::vector<double> ticks;
    for (double v = 0; v <= hi * (1 + 1e-9); v += step) ticks.push_back(v);
    return ticks;
}

QString number(double v) { return QString::number(v, 'g', 3); }

} // namespace

ScreeChart::ScreeChart(Mode mode, QWidget* parent) : QWidget(parent), m_mode(mode) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumHeight(140);
    setCursor(Qt::SizeHorCursor);
    setToolTip(tr("Drag (or use ← →) to choose how many components M to keep"));
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    setAutoFillBackground(true);
}

void ScreeChart::setEigenvalues(std::vector<double> lambda, double totalVariance) {
    m_lambda = std::move(lambda);
    m_total = totalVariance;
    m_cutoff = std::clamp(m_cutoff, 1, std::max(1, count()));
    update();
}

void ScreeChart::setCutoff(int M) {
    M = std::clamp(M, 1, std::max(1, count()));
    if (M == m_cutoff) return;
    m_cutoff = M;
    update();
    emit cutoffChanged(M);
}

QRectF ScreeChart::plotRect() const {
    const double em = fontMetrics().height();
    return QRectF(QPointF(4.2 * em, 2.2 * em), QPointF(width() - (m_mode == Mode::Scree ? 3.6 : 1.2) * em,
                                                       height() - 2.6 * em));
}

double ScreeChart::xOf(double M) const {
    const QRectF r = plotRect();
    const double n = std::max(1, count());
    if (logScale()) {
        const double t = std::log(std::max(M, 1.0)) / std::log(n);
        return r.left() + t * r.width();
    }
    const double lo = m_mode == Mode::Scree ? 0.5 : 0.0, hi = m_mode == Mode::Scree ? n + 0.5 : n;
    return r.left() + (M - lo) / (hi - lo) * r.width();
}

int ScreeChart::cutoffAt(double px) const {
    const QRectF r = plotRect();
    const double n = std::max(1, count());
    double M;
    if (logScale()) M = std::exp((px - r.left()) / r.width() * std::log(n));
    else if (m_mode == Mode::Scree) M = 0.5 + (px - r.left()) / r.width() * n; // bar M's slot [M − ½, M + ½)
    else M = (px - r.left()) / r.width() * n;
    return std::clamp(static_cast<int>(std::lround(M)), 1, std::max(1, count()));
}

void ScreeChart::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && count() > 0) setCutoff(cutoffAt(e->position().x()));
}

void ScreeChart::mouseMoveEvent(QMouseEvent* e) {
    if ((e->buttons() & Qt::LeftButton) && count() > 0) setCutoff(cutoffAt(e->position().x()));
}

void ScreeChart::keyPressEvent(QKeyEvent* e) {
    const int step = logScale() ? std::max(1, m_cutoff / 10) : 1;
    if (e->key() == Qt::Key_Left) setCutoff(m_cutoff - step);
    else if (e->key() == Qt::Key_Right) setCutoff(m_cutoff + step);
    else if (e->key() == Qt::Key_Home) setCutoff(1);
    else if (e->key() == Qt::Key_End) setCutoff(count());
    else QWidget::keyPressEvent(e);
}

void ScreeChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRectF r = plotRect();
    const double em = fontMetrics().height();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(kText);
    const QString title = m_mode == Mode::Scree ? tr("Share of the variance per component (bars) and cumulative (line)")
                                                : tr("Reconstruction error E(M) = Σ λᵢ over i > M = tr S − Σ λᵢ over i ≤ M");
    p.drawText(QRectF(0, 0.3 * em, width(), 1.4 * em), Qt::AlignHCenter | Qt::AlignVCenter, title);
    p.setFont(font());
    if (m_lambda.empty() || !(m_total > 0)) {
        p.drawText(r, Qt::AlignCenter, tr("No components yet"));
        return;
    }
    const int n = count();
    std::vector<double> cumulative(static_cast<size_t>(n));
    double acc = 0;
    for (int i = 0; i < n; ++i) cumulative[static_cast<size_t>(i)] = (acc += m_lambda[static_cast<size_t>(i)]) / m_total;

    // y axis: share per component (scree) or E(M) in units².
    const double yMax = m_mode == Mode::Scree ? m_lambda.front() / m_total * 1.08 : m_total * 1.04;
    auto yOf = [&](double v) { return r.bottom() - v / yMax * r.height(); };
    for (double v : niceTicks(yMax)) {
        p.setPen(kGrid);
        p.drawLine(QPointF(r.left(), yOf(v)), QPointF(r.right(), yOf(v)));
        p.setPen(kText);
        const QString label = m_mode == Mode::Scree ? QString::number(100 * v, 'g', 3) + QLatin1Char('%') : number(v);
        p.drawText(QRectF(0, yOf(v) - em, r.left() - 0.4 * em, 2 * em), Qt::AlignRight | Qt::AlignVCenter, label);
    }
    // x axis ticks: integers, or 1, 2, 5, 10, … on the log scale.
    std::vector<int> xt;
    if (logScale()) {
        for (int b = 1; b <= n; b *= 10)
            for (int m : {1, 2, 5})
                if (m * b <= n) xt.push_back(m * b);
        if (xt.back() != n) xt.push_back(n);
    } else {
        const std::vector<double> nice = niceTicks(n, 8);
        const int step = std::max(1, nice.size() > 1 ? static_cast<int>(std::lround(nice[1])) : 1);
        if (m_mode == Mode::Scree && step > 1) xt.push_back(1);
        for (int m = 0; m <= n; m += step)
            if (m > 0 || m_mode == Mode::ReconstructionError) xt.push_back(m);
    }
    p.setPen(kText);
    for (int m : xt)
        p.drawText(QRectF(xOf(m) - 2 * em, r.bottom() + 0.2 * em, 4 * em, 1.2 * em), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(m));
    p.drawText(QRectF(r.left(), r.bottom() + 1.3 * em, r.width(), 1.2 * em), Qt::AlignHCenter | Qt::AlignTop,
               logScale() ? tr("component / M (log scale)") : tr("component / M"));
    p.drawLine(r.bottomLeft(), r.bottomRight());
    p.drawLine(r.bottomLeft(), r.topLeft());

    if (m_mode == Mode::Scree) {
        const double barW = logScale() ? 3.0 : std::max(1.0, 0.7 * (xOf(2) - xOf(1)));
        for (int i = 0; i < n; ++i) {
            const double v = m_lambda[static_cast<size_t>(i)] / m_total;
            const double x = xOf(i + 1);
            p.fillRect(QRectF(QPointF(x - barW / 2, yOf(v)), QPointF(x + barW / 2, r.bottom())),
                       i < m_cutoff ? kCutoff.lighter(135) : kBar);
        }
        // Cumulative share on the right axis, 0..100 %.
        auto yc = [&](double c) { return r.bottom() - c * r.height(); };
        QPainterPath path;
        for (int i = 0; i < n; ++i) {
            const QPointF q(xOf(i + 1), yc(cumulative[static_cast<size_t>(i)]));
            i == 0 ? path.moveTo(q) : path.lineTo(q);
        }
        p.setPen(QPen(kLine, 2.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        for (double c : {0.0, 0.25, 0.5, 0.75, 1.0})
            p.drawText(QRectF(r.right() + 0.4 * em, yc(c) - em, 3.2 * em, 2 * em), Qt::AlignLeft | Qt::AlignVCenter,
                       QString::number(100 * c, 'f', 0) + QLatin1Char('%'));
    } else {
        QPainterPath path;
        for (int M = logScale() ? 1 : 0; M <= n; ++M) {
            const double e = M == 0 ? m_total : std::max(0.0, m_total * (1 - cumulative[static_cast<size_t>(M - 1)]));
            const QPointF q(xOf(M), yOf(e));
            path.elementCount() == 0 ? path.moveTo(q) : path.lineTo(q);
        }
        p.setPen(QPen(kLine, 2.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }

    // The cut-off.
    const double kept = cumulative[static_cast<size_t>(m_cutoff - 1)];
    const double xc = m_mode == Mode::Scree && !logScale() ? xOf(m_cutoff + 0.5) : xOf(m_cutoff);
    p.setPen(QPen(kCutoff, 2.2, Qt::DashLine));
    p.drawLine(QPointF(xc, r.top()), QPointF(xc, r.bottom()));
    const double error = std::max(0.0, m_total * (1 - kept));
    if (m_mode == Mode::ReconstructionError) {
        p.setPen(QPen(kCutoff.darker(120), 1.5));
        p.setBrush(kCutoff);
        p.drawEllipse(QPointF(xOf(m_cutoff), yOf(error)), 5, 5);
    }
    const QString label = m_mode == Mode::Scree
                              ? tr("M = %1 keeps %2%").arg(m_cutoff).arg(100 * kept, 0, 'f', 1)
                              : tr("E(%1) = %2 (%3% of tr S)").arg(m_cutoff).arg(number(error)).arg(100 * (1 - kept), 0, 'f', 1);
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const double w = QFontMetricsF(f).horizontalAdvance(label) + em;
    const bool left = xc + w > r.right();
    QRectF box(left ? xc - w - 0.3 * em : xc + 0.3 * em, r.top() + 0.2 * em, w, 1.4 * em);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 215));
    p.drawRoundedRect(box, 3, 3);
    p.setPen(kCutoff.darker(130));
    p.drawText(box, Qt::AlignCenter, label);
}

} // namespace latentlab::ui
