#pragma once
// Snapshot → Scene for a DDPM (Ho et al. 2020; lecture 003:5897-6375).
//
// - chain(): the reverse chain's points x_t moving from N(0, I) to the data, the paths of the
//   first points (trails), and the predicted noise as arrows −ε_θ(x, t) on a grid — the
//   direction that removes the noise, ∝ the score ∇ log p_t(x) = −ε_θ / √(1 − ᾱ_t) (Song et al.
//   2021). While training it shows the preview samples of the EMA network instead.
// - forward(): the data pushed through the closed-form q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I)
//   (003:5957-6000) with one fixed ε per point, so that moving t morphs the same cloud.
// - strip(): small panels at the same timesteps: q(x_t | x_0) on top (t rising left to right)
//   and the reverse chain below (read right to left), so each column compares the two.
// Image data (d > 3 with an image shape) get image grids instead: the chain's first images,
// noised data images, and the denoising strip x_T → x_0 (rows = images, columns = steps).
#include "core/ddpm.h"
#include "widgets/data_columns.h"
#include "widgets/image_grid.h"
#include "widgets/scene.h"

#include <vector>

namespace latentlab::ui {

struct DdpmViewOptions {
    int featureX = 0;        ///< data column on x
    int featureY = 1;        ///< data column on y
    bool showData = true;    ///< the training data, faint, under the chain
    bool showTrails = true;  ///< paths of the first trailCount points of the chain
    int trailCount = 16;     ///< at most the snapshot's trailPoints
    bool showArrows = true;  ///< −ε_θ(x, t) on an arrowGrid × arrowGrid grid (d = 2)
    int arrowGrid = 21;
    bool equalAspect = true;
    bool showCaption = true;
    int images = 64;         ///< images shown for image data
};

class DdpmSceneBuilder {
public:
    /// The reverse chain at the snapshot's t (or the training preview). For d = 2 the arrows
    /// are at the chain's t (while training at fieldTimestep(snap)).
    Scene chain(const core::DdpmSnapshot& snap, const DdpmViewOptions& options);
    /// The data at timestep t ∈ [0, T] under q(x_t | x_0) with fixed noise (t = 0: the data).
    Scene forward(const core::DdpmSnapshot& snap, int t, const DdpmViewOptions& options);
    /// Forward and reverse panels at the strip's timesteps (stripTimesteps()).
    Scene strip(const core::DdpmSnapshot& snap, const DdpmViewOptions& options);

    /// The timesteps of the strip, descending: the snapshot's frame timesteps once the chain
    /// runs (core::Ddpm::chainFrameIndices), else those of a full DDPM chain of T steps.
    static std::vector<int> stripTimesteps(const core::DdpmSnapshot& snap);
    /// Where the arrows are drawn while training: t = max(1, T / 20), near the data.
    static int fieldTimestep(const core::DdpmSnapshot& snap);
    /// x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε in data units for rows x0 (data units) and ε (model units,
    /// same shape); t = 0 returns x0. Throws std::out_of_range for t outside [0, T].
    static core::Matrix noised(const core::DdpmSnapshot& snap, const core::Matrix& x0, const core::Matrix& eps, int t);
    /// The fixed forward noise: rows × d standard normals from a fixed seed (the same for every
    /// snapshot of a data set size, so the cloud morphs smoothly under the slider).
    static core::Matrix fixedNoise(Eigen::Index rows, Eigen::Index d);
    /// "Training step 1200 · loss 0.31" / "Reverse chain t = 57 of 200": short, for the plot.
    static QString caption(const core::DdpmSnapshot& snap);
    /// Rows of x (data units, values in [0, imageMax]) as grey tiles, at most count.
    static std::vector<ImageTile> imageTiles(const core::Matrix& x, const core::ImageShape& shape, float imageMax,
                                             int count, const QString& hover);
    /// Colours of the chain's points, the data and the arrows.
    static QColor chainColor();
    static QColor dataColor();

private:
    Scene imageChain(const core::DdpmSnapshot& snap, const DdpmViewOptions& options) const;
    Scene imageStrip(const core::DdpmSnapshot& snap) const;
    /// The box every 2-D view of this snapshot fits: the data and N(0, I) (±3) in data units.
    QRectF viewBounds(const core::DdpmSnapshot& snap, int fx, int fy);

    DataColumns m_columns;
    uint64_t m_version = 0;
};

} // namespace latentlab::ui
