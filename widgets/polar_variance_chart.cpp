#include "widgets/polar_variance_chart.h"

#include <Eigen/Eigenvalues>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace latentlab::ui {

namespace {
const QColor kCurve(0x00, 0x72, 0xB2); // blue
const QColor kAxis(90, 90, 90);
const QColor kProbe(0xCC, 0x79, 0xA7); // reddish purple (Okabe–Ito)
const QColor kEstimate(0x00, 0x9E, 0x73);
const QColor kText(40, 40, 40);

QString deg(double rad) { return QString::number(rad * 180 / std::numbers::pi, 'f', 1) + QStringLiteral("°"); }
} // namespace

PolarVarianceChart::PolarVarianceChart(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(140);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Drag to turn the direction u and read the variance uᵀSu along it"));
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    setAutoFillBackground(true);
}

double PolarVarianceChart::variance(const Eigen::Matrix2d& S, double phi) {
    const Eigen::Vector2d u(std::cos(phi), std::sin(phi));
    return u.dot(S * u);
}

void PolarVarianceChart::setCovariance(const Eigen::MatrixXd& S) {
    m_valid = S.rows() == 2 && S.cols() == 2 && S.allFinite();
    m_S = m_valid ? Eigen::Matrix2d(S) : Eigen::Matrix2d::Zero();
    update();
}

void PolarVarianceChart::setProbeAngle(double phi) {
    m_phi = phi;
    update();
}

void PolarVarianceChart::setEstimate(std::optional<Eigen::Vector2d> u) {
    m_estimate = std::move(u);
    update();
}

QPointF PolarVarianceChart::centre() const {
    const double em = fontMetrics().height();
    return QPointF(radiusPx() + 2 * em, 0.5 * (height() + 1.6 * em));
}

double PolarVarianceChart::radiusPx() const {
    const double em = fontMetrics().height();
    return std::max(10.0, std::min(0.5 * (height() - 1.6 * em) - 1.2 * em, 0.25 * width()));
}

void PolarVarianceChart::dragTo(QPointF px) {
    const QPointF d = px - centre();
    if (std::hypot(d.x(), d.y()) < 3) return;
    m_phi = std::atan2(-d.y(), d.x());
    update();
    emit probeAngleChanged(m_phi);
}

void PolarVarianceChart::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && m_valid) dragTo(e->position());
}

void PolarVarianceChart::mouseMoveEvent(QMouseEvent* e) {
    if ((e->buttons() & Qt::LeftButton) && m_valid) dragTo(e->position());
}

void PolarVarianceChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, true);
    const double em = fontMetrics().height();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(kText);
    p.drawText(QRectF(0, 0.3 * em, width(), 1.4 * em), Qt::AlignHCenter | Qt::AlignVCenter,
               tr("Variance along u(φ) = (cos φ, sin φ): uᵀSu is largest along PC1"));
    p.setFont(font());
    if (!m_valid) {
        p.drawText(rect(), Qt::AlignCenter, tr("The polar plot is for data with two features."));
        return;
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(m_S);
    const double l1 = std::max(eig.eigenvalues()[1], 0.0), l2 = std::max(eig.eigenvalues()[0], 0.0);
    const Eigen::Vector2d pc1 = eig.eigenvectors().col(1), pc2 = eig.eigenvectors().col(0);
    const QPointF c = centre();
    const double R = radiusPx();
    const double scale = l1 > 0 ? R / l1 : 1.0;
    auto at = [&](double phi, double v) { return c + QPointF(std::cos(phi), -std::sin(phi)) * (v * scale); };

    // Rings at a quarter, half, three quarters and all of λ₁.
    p.setPen(QPen(QColor(220, 220, 220), 1));
    p.setBrush(Qt::NoBrush);
    for (double f : {0.25, 0.5, 0.75, 1.0}) p.drawEllipse(c, f * R, f * R);
    p.drawLine(c - QPointF(R, 0), c + QPointF(R, 0));
    p.drawLine(c - QPointF(0, R), c + QPointF(0, R));

    QPainterPath curve;
    const int steps = 360;
    for (int i = 0; i <= steps; ++i) {
        const double phi = 2 * std::numbers::pi * i / steps;
        const QPointF q = at(phi, variance(m_S, phi));
        i == 0 ? curve.moveTo(q) : curve.lineTo(q);
    }
    QColor fill = kCurve;
    fill.setAlphaF(0.12f);
    p.setBrush(fill);
    p.setPen(QPen(kCurve, 2.4));
    p.drawPath(curve);

    // Axes are lines: report their angles in (−90°, 90°].
    auto lineAngle = [](const Eigen::Vector2d& v) {
        double a = std::atan2(v.y(), v.x());
        if (a > std::numbers::pi / 2) a -= std::numbers::pi;
        if (a <= -std::numbers::pi / 2) a += std::numbers::pi;
        return a;
    };
    const double phi1 = lineAngle(pc1), phi2 = lineAngle(pc2);
    p.setPen(QPen(kAxis, 1.5, Qt::DashLine));
    p.drawLine(at(phi1 + std::numbers::pi, l1), at(phi1, l1));
    p.drawLine(at(phi2 + std::numbers::pi, R / scale), at(phi2, R / scale));
    if (m_estimate && m_estimate->norm() > 0) {
        const double phiU = std::atan2(m_estimate->y(), m_estimate->x());
        p.setPen(QPen(kEstimate, 2.0));
        p.drawLine(c, at(phiU, variance(m_S, phiU)));
    }
    const double v = variance(m_S, m_phi);
    p.setPen(QPen(kProbe, 3.0));
    p.drawLine(c, at(m_phi, v));
    p.setBrush(kProbe);
    p.drawEllipse(at(m_phi, v), 6, 6);
    p.setBrush(kText);
    p.setPen(Qt::NoPen);
    p.drawEllipse(at(phi1, l1), 4, 4);

    // The readout, right of the plot.
    const double x0 = c.x() + R + 2.0 * em;
    QRectF box(x0, c.y() - 3.2 * em, std::max(50.0, width() - x0 - em), 1.5 * em);
    auto line = [&](const QString& text, QColor color, bool strong) {
        QFont f = font();
        f.setBold(strong);
        p.setFont(f);
        p.setPen(color);
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
        box.translate(0, 1.5 * em);
    };
    line(tr("u at φ = %1:  uᵀSu = %2").arg(deg(m_phi)).arg(v, 0, 'g', 4), kProbe.darker(130), true);
    line(tr("PC1 at φ = %1:  λ₁ = %2 (max)").arg(deg(phi1)).arg(l1, 0, 'g', 4), kText, false);
    line(tr("PC2 at φ = %1:  λ₂ = %2 (min)").arg(deg(phi2)).arg(l2, 0, 'g', 4), kText, false);
    line(tr("uᵀSu = λ₁cos²θ + λ₂sin²θ (θ: angle to PC1)"), QColor(90, 90, 90), false);
    if (m_estimate) line(tr("green: the algorithm's current u"), kEstimate.darker(120), false);
}

} // namespace latentlab::ui
