#pragma once
// Snapshot → Scene for a GAN (GAN Lab's picture; Kahng et al. 2019): the discriminator's
// D(x) = σ(logit) as a purple (0, "fake") – white (½) – green (1, "real") heat map under
// everything, the real samples and G of the fixed drawing noise on top, arrows −∂(G loss)/∂x on a
// subset of the generated points (where the generator's update pushes each sample, lecture
// 000:1035-1049), and the generator's manifold: a grid of z-space warped through G (noise
// dimension 1: a curve, 2: 21 × 21 lines). Image data get a grid of generated images instead.
// Everything is computed from the snapshot's networks (predict() is const; the gradient runs on
// a copy of D).
#include "core/gan.h"
#include "widgets/data_columns.h"
#include "widgets/image_grid.h"
#include "widgets/scene.h"

#include <vector>

namespace latentlab::ui {

struct GanViewOptions {
    int featureX = 0;           ///< data column on x
    int featureY = 1;           ///< data column on y
    bool showHeatMap = true;    ///< D(x) under the points (2-D data only)
    bool showArrows = true;     ///< −∂(G loss)/∂x on arrowCount generated points
    bool showManifold = true;   ///< the warped z grid (noise dimension 1 or 2)
    int arrowCount = 100;
    int heatMapSize = 120;      ///< the heat map has about heatMapSize² cells
    int manifoldLines = 21;     ///< lines per z axis
    bool equalAspect = true;
    bool showCaption = true;
};

class GanSceneBuilder {
public:
    /// The 2-D picture over columns (featureX, featureY). The heat map needs d = 2 (D sees all
    /// features); arrows and manifold are projected onto the two columns for d > 2.
    Scene build(const core::GanSnapshot& snap, const GanViewOptions& options);
    /// One feature (Goodfellow et al. 2014, fig. 1): p_data and p_G as Gaussian kernel densities
    /// (Scott's bandwidth), D(x), the optimal D*(x) = p_data / (p_data + p_G) for the current G
    /// (lecture 000:1010-1026) and the ½ line; the samples as rugs under the axis with arrows
    /// −∂ℓ/∂x on 40 generated ones (widgets/gan_scene_1d.cpp). build() calls it for d = 1.
    Scene build1d(const core::GanSnapshot& snap, const GanViewOptions& options);
    /// "Iteration 12 · G step" (or "D step 2 of 3", "random G and D"): short, for the plot.
    static QString caption(const core::GanSnapshot& snap);

    /// Diverging colour of D(x) = p ∈ [0, 1]: purple (fake) – near-white (½) – green (real),
    /// ColorBrewer PRGn (colour-blind safe), kept light so points stay readable on top.
    static QColor discriminatorColor(double p);
    /// D(x) = σ(D(x · dataScale)) at the centres of a w × h grid over `rect` (data units, y up;
    /// row 0 at the top), row-major. D must take 2 inputs (else std::invalid_argument).
    static std::vector<float> discriminatorGrid(const core::nn::Mlp<float>& D, const QRectF& rect, int w, int h,
                                                float dataScale);
    /// Per-sample ∂ℓ(x_i)/∂x_i of the generator loss ℓ of one generated sample x_i (N × d, data
    /// units): minimax ℓ = log(1 − D), non-saturating ℓ = −log D, least squares ℓ = ½(logit − 1)²
    /// (core/gan.h). Runs forward/backward on a copy of D. Throws std::invalid_argument when x
    /// has not D.inputs() columns.
    static core::nn::Mat<float> generatorLossGradient(const core::nn::Mlp<float>& D, const core::nn::Mat<float>& x,
                                                      core::GanLoss loss, float dataScale);
    /// z-grid lines through G, in data units: noise dimension 1 gives one curve of `samples`
    /// points over the noise range (±2.5 for Gaussian, ±1 for uniform), dimension 2 gives
    /// `lines` lines of constant z₁ and `lines` of constant z₂; other dimensions give none.
    /// Each line is a polyline in columns (fx, fy) of G's output.
    static std::vector<std::vector<QPointF>> manifold(const core::nn::Mlp<float>& G, core::GanNoise noise,
                                                      float dataScale, int fx, int fy, int lines = 21,
                                                      int samples = 61);
    /// The first `count` generated images of the fixed drawing noise (grey, values ·
    /// dataScale clamped to [0, 1]); none when `shape` has not d pixels.
    static std::vector<ImageTile> generatedTiles(const core::GanSnapshot& snap, const core::ImageShape& shape,
                                                 int count = 64);
    /// Real samples' and generated samples' colours (the heat map's two ends, saturated).
    static QColor realColor();
    static QColor fakeColor();

private:
    DataColumns m_columns;
    uint64_t m_generatedVersion = 0;
};

} // namespace latentlab::ui
