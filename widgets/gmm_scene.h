#pragma once
// Snapshot → Scene for a Gaussian mixture: points coloured by their blended responsibilities,
// each component's 1σ/2σ/3σ ellipses (axes = eigenvectors of Σ_k, radii = s·√λ, lecture
// 003:703-731), the mixture density as a viridis heat map under them, means labelled with
// their weights π_k, and a caption naming the half-step (E or M). One-feature data get the
// 1-D view of widgets/gmm_scene_1d.h instead.
#include "core/gmm.h"
#include "widgets/data_columns.h"
#include "widgets/gmm_scene_1d.h"
#include "widgets/scene.h"

namespace latentlab::ui {

struct GmmViewOptions {
    int featureX = 0; ///< column of the data shown on x
    int featureY = 1; ///< column shown on y
    bool showDensity = true;
    bool showEllipses = true;
    bool showCaption = true;
    bool equalAspect = false;
};

class GmmSceneBuilder {
public:
    /// The 2-D view of features (featureX, featureY), or the 1-D view when the data have one
    /// feature.
    Scene build(const core::GmmSnapshot& snap, const GmmViewOptions& options);
    /// "Iteration 2 · E-step: responsibilities …".
    static QString caption(const core::GmmSnapshot& snap);

    /// Points on the ellipse {μ + s·(√λ₁ cos θ e₁ + √λ₂ sin θ e₂)} of a 2 × 2 covariance
    /// (`segments` + 1 points, closed). Degenerate (λ ≤ 0) axes collapse to the mean.
    static std::vector<QPointF> ellipse(QPointF mean, double sxx, double sxy, double syy, double s,
                                        int segments = 72);

    /// Per-point colours Σ_k γ_nk colour_k (N × K responsibilities, K ≤ colors.size()): a point
    /// shared by two components shows both.
    static std::shared_ptr<const std::vector<QRgb>> blendedColors(const Eigen::MatrixXf& responsibilities,
                                                                  const std::vector<QColor>& colors);

private:
    DataColumns m_columns;
    Gmm1dSceneBuilder m_oneD;
};

} // namespace latentlab::ui
