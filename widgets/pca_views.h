#pragma once
// The PCA page's other views, each a Scene so that both renderers draw it and Export figure
// repaints it: the scores on PC1–PC3 under a rotation (a 3-D view drawn as its 2-D
// projection), the mean image with the leading eigen-images, and one image seen through
// M = 1, 2, 5, … components.
//
// Sources: lecture 000:422-426 (scores y = U_Mᵀ(x − x̄)), 003:3802-3834 (reconstruction with the
// first M components and its error E(M)); eigen-images as in Turk & Pentland, "Eigenfaces for
// recognition", J. Cognitive Neuroscience 3 (1991) 71-86.
#include "core/dataset.h"
#include "core/pca_exact.h"
#include "widgets/image_grid.h"
#include "widgets/scene.h"

#include <memory>
#include <vector>

namespace latentlab::ui {

/// A camera turned by yaw (about the vertical axis) then pitch (about the horizontal one),
/// both in radians. rotate() maps a point of PC space (PC1, PC2, PC3) to view space: x right,
/// y up, z towards the viewer.
struct Rotation3D {
    double yaw = 0.6;
    double pitch = 0.35;
    void rotate(double x, double y, double z, double& ox, double& oy, double& oz) const;
};

/// Scores on the first three components, cached per PcaResult, drawn under a Rotation3D with
/// depth cueing (far points lighter, near points drawn last) and the PC axes as a triad.
class PcaProjection3D {
public:
    /// Needs exact.count() ≥ 3 and data with exact.dim() features; returns an empty scene
    /// (with a note) otherwise.
    Scene build(const std::shared_ptr<const core::Dataset>& data, const std::shared_ptr<const core::PcaResult>& exact,
                const Rotation3D& rotation);

private:
    std::weak_ptr<const core::PcaResult> m_of;
    std::weak_ptr<const core::Dataset> m_dataOf;
    std::vector<float> m_scores; ///< N × 3, row-major
    double m_radius = 1.0;       ///< largest ‖score‖, fixes the view while it turns
    uint64_t m_version = 0;
};

/// The grey value range an image data set's pixels use (digits 0..16, Fashion-MNIST 0..1):
/// [min, max] of X, or [0, 1] for empty data.
std::pair<float, float> pixelRange(const core::Dataset& data);

/// Greyscale image of one sample (`pixels`: h·w·c values, row-major; the first channel is
/// shown when c > 1), mapping [lo, hi] to black..white; values outside are clamped.
QImage greyImage(const float* pixels, const core::ImageShape& shape, float lo, float hi);
/// A component as a diverging image: blue negative, white zero, red positive, scaled by the
/// component's largest |entry| (so every eigen-image uses its full range).
QImage divergingImage(const float* values, const core::ImageShape& shape);

/// The mean image and the first `count` eigen-images in a grid with the explained-variance
/// ratio under each (λ on hover); the first `cutoffM` components are framed (the ones a
/// reconstruction with M components keeps). Needs data.imageShape (else a scene with a note).
/// `tiles`/`layout`, when given, receive the grid for an ImageGridView (hover texts).
Scene eigenImagesScene(const core::Dataset& data, const core::PcaResult& exact, int count, int cutoffM,
                       std::vector<ImageTile>* tiles = nullptr, ImageGridLayout* layout = nullptr);

/// The component counts shown for a reconstruction: 1, 2, 5, 10, 20, 50, 100, 200, 500, …
/// below r, then `cutoffM` (if not already there), then r (exact). Sorted, unique, in [1, r].
std::vector<int> reconstructionCounts(int r, int cutoffM);

/// Sample `index` and its reconstructions x̂ = x̄ + U_M U_Mᵀ(x − x̄) for reconstructionCounts(),
/// each labelled with M, the variance kept and ‖x − x̂‖²; the cut-off M is highlighted.
/// Needs data.imageShape and 0 ≤ index < N (else a scene with a note). `tiles`/`layout` as above.
Scene reconstructionScene(const core::Dataset& data, const core::PcaResult& exact, int index, int cutoffM,
                          std::vector<ImageTile>* tiles = nullptr, ImageGridLayout* layout = nullptr);

} // namespace latentlab::ui
