#pragma once
// Snapshot → Scene for step-wise PCA. Two-feature data are drawn in data space: the cloud, the
// exact principal axes through the mean (dashed, ±2√λ_i long, lecture 000:313-323), the
// components found so far (solid arrows) and the current estimate u (an arrow ±2√(uᵀSu)) with
// each point's projection onto u's line (the residuals the max-variance / min-error views
// share, 000:385-453 and 003:3802-3834). More features: the scores on PC1 and PC2, coloured by
// label.
#include "core/pca.h"
#include "widgets/data_columns.h"
#include "widgets/scene.h"

#include <optional>

namespace latentlab::ui {

struct PcaViewOptions {
    int featureX = 0;
    int featureY = 1;
    bool showResiduals = true; ///< projections onto u (data space, ≤ 2000 points)
    bool showCaption = true;
    bool equalAspect = true; ///< PCA is about directions: square units by default
    /// Two-feature data: a direction u = (cos φ, sin φ) the user drags (φ in radians, in the
    /// PCA's centred and maybe scaled space), drawn with a handle (Marker id kProbeHandle) and
    /// the variance uᵀSu along it. nullopt hides it.
    std::optional<double> probeAngle;
    /// Residuals go to the probe's line instead of the algorithm's estimate (after a drag).
    bool residualsForProbe = false;
};

/// Marker::id of the probe's handle in the data-space scene.
inline constexpr int kProbeHandle = 0;

class PcaSceneBuilder {
public:
    Scene build(const core::PcaSnapshot& snap, const PcaViewOptions& options);
    /// The probe angle φ (radians, PCA space) of a handle dropped at `data` (data units).
    static double probeAngleAt(const core::PcaResult& exact, QPointF data, int featureX = 0, int featureY = 1);
    /// "Component 1 · power iteration: u ← S u / ‖S u‖ · angle to PC1 3.2°".
    static QString caption(const core::PcaSnapshot& snap);

private:
    Scene dataSpace(const core::PcaSnapshot& snap, const PcaViewOptions& o, int fx, int fy);
    Scene scoreSpace(const core::PcaSnapshot& snap);

    DataColumns m_columns;
    std::weak_ptr<const core::PcaResult> m_scoresOf; ///< scores cached for this result
    std::shared_ptr<const std::vector<float>> m_sx, m_sy;
    std::shared_ptr<const std::vector<uint8_t>> m_labels;
    QRectF m_scoreBounds;
    uint64_t m_scoreVersion = 0;
};

} // namespace latentlab::ui
