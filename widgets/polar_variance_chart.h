#pragma once
// The lecture's max-variance argument as a picture: for two-feature data, the variance uᵀSu
// along the unit direction u(φ) = (cos φ, sin φ), drawn in polar coordinates for φ ∈ [0, 2π).
// The curve reaches furthest along PC1 (λ₁, the largest eigenvalue) and is nearest along PC2
// (λ₂); the direction the user drags (here or in the data view) is marked with its value.
//
// Source: lecture 000:385-453 (max_{‖u‖=1} uᵀSu = λ₁ at the top eigenvector).
#include <Eigen/Core>
#include <QWidget>

#include <optional>

namespace latentlab::ui {

class PolarVarianceChart : public QWidget {
    Q_OBJECT
public:
    explicit PolarVarianceChart(QWidget* parent = nullptr);

    /// S: the 2 × 2 covariance (symmetric, positive semi-definite) in the PCA's units; an empty
    /// or non-2 × 2 matrix shows a note instead (the plot is for two-feature data).
    void setCovariance(const Eigen::MatrixXd& S);
    /// The probe direction φ in radians (PCA space: x = first feature, y = second, y up).
    void setProbeAngle(double phi);
    double probeAngle() const { return m_phi; }
    /// The algorithm's current estimate u (2-vector), drawn as a thinner ray; nullopt hides it.
    void setEstimate(std::optional<Eigen::Vector2d> u);
    /// uᵀSu for u = (cos φ, sin φ).
    static double variance(const Eigen::Matrix2d& S, double phi);

signals:
    /// The user dragged the probe to angle φ (radians).
    void probeAngleChanged(double phi);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    QSize sizeHint() const override { return {600, 240}; }

private:
    QPointF centre() const;
    double radiusPx() const;
    void dragTo(QPointF px);

    Eigen::Matrix2d m_S = Eigen::Matrix2d::Zero();
    bool m_valid = false;
    double m_phi = 0.9;
    std::optional<Eigen::Vector2d> m_estimate;
};

} // namespace latentlab::ui
