#pragma once
// Snapshot → Scene for a Gaussian mixture in one dimension: the data histogram normalised to a
// density, each weighted component π_k 𝒩(x | μ_k, σ_k²) in its colour (a thin curve over a light
// fill), the mixture density p(x) = Σ_k π_k 𝒩(x | μ_k, σ_k²) as a thick dark curve, and the
// points as a rug under the axis coloured by their responsibilities γ_nk (lecture 000:588-596;
// Bishop, PRML fig. 2.22 / 9.8). With more features it shows feature j's marginal: the
// components' marginals are 𝒩(μ_kj, Σ_k,jj), so the picture stays exact.
#include "core/gmm.h"
#include "widgets/scene.h"

#include <memory>
#include <vector>

namespace latentlab::ui {

/// A histogram normalised to a density: Σ_b density[b] · width = 1 (over the data's range).
struct DensityHistogram {
    double lo = 0;                 ///< left edge of bin 0 (data units)
    double width = 1;              ///< bin width (data units), > 0
    std::vector<double> density;   ///< per bin: count / (N · width), 1/data unit
    double maxDensity() const;
};

class Gmm1dSceneBuilder {
public:
    /// The scene for feature `feature` of snap.data (clamped to [0, d)). Items, in order:
    /// areas = the histogram's non-empty bars, then one fill per component; points = one rug
    /// batch (N points at y < 0); lines = the K weighted components in component order, then
    /// the mixture p(x) last (the widest); markers = the K means at their component's peak;
    /// texts = the caption when `caption` is not empty; a legend that, for K ≤ 4, gives each
    /// component's π_k, μ_k and σ_k.
    /// Curves are sampled on ≥ 600 points over the scene's x range, which covers the data and
    /// every component's μ_k ± 3σ_k (at most one data span beyond the data).
    Scene build(const core::GmmSnapshot& snap, int feature, const QString& caption);

    /// Rice's rule, 2·∛N bins, clamped to [5, 80].
    static int binCount(int n);
    /// Equal-width bins over [min, max] of `x` (a zero-width range is widened to ±0.5).
    static DensityHistogram histogram(const std::vector<float>& x, int bins);

private:
    std::weak_ptr<const core::Dataset> m_data;
    int m_feature = -1;
    DensityHistogram m_histogram;
    std::shared_ptr<const std::vector<float>> m_x, m_rugY;
    uint64_t m_version = 0;
};

} // namespace latentlab::ui
