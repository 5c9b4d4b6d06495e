#pragma once
// The RBM page's image views as ImageGridView tiles: each hidden unit's filter W[:, j], the
// triptych input v | p(h|v) | reconstruction after 1 and after k Gibbs steps, and the states
// of a free-running Gibbs chain ("dreams"); plus a small canvas to paint an input image on.
//
// Sources: lecture 000:1120-1312 (energy, conditionals, CD-k), 002:63 (Gibbs chains); filters
// and "fantasies" as shown in Hinton, "A practical guide to training restricted Boltzmann
// machines" (2010) §15 and Hinton & Salakhutdinov, Science 313 (2006).
#include "core/dataset.h"
#include "core/rbm_math.h"
#include "widgets/image_grid.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace latentlab::ui {

/// How V visible values are shown: the data's image shape when it has V pixels, else a 1 × V
/// strip.
core::ImageShape rbmImageShape(const std::optional<core::ImageShape>& shape, int visible);

/// Hidden units 0 .. min(H, maxCount) − 1 as diverging images (blue −, white 0, red +), each
/// scaled to its own largest |W_ij| (a symmetric range per filter); hover "hidden unit j:
/// ‖w‖ = …, b_j = …". `shape` must have V pixels.
std::vector<ImageTile> filterTiles(const core::RbmWeights& theta, const core::ImageShape& shape, int maxCount = 100);

/// H probabilities in [0, 1] as a near-square grey image (black 0, white 1), row-major, the
/// cells after H a neutral blue-grey.
QImage hiddenImage(const float* p, int H);

/// Values in [0, 1] (h·w pixels, first channel shown) as a grey image.
QImage unitImage(const float* values, const core::ImageShape& shape);

/// The triptych for the rows of `inputs` (N × V, values in [0, 1]): per row four tiles, input v
/// | p(h | v) | p(v | h) after 1 Gibbs step | after k steps, run with core::Rng(seed) on the
/// current weights (core::gibbsChain). `names[n]` names row n in captions (may be short).
/// Throws std::invalid_argument when inputs has not V columns or k < 1.
std::vector<ImageTile> triptychTiles(const core::RbmWeights& theta, const core::Matrix& inputs,
                                     const core::ImageShape& shape, int k, uint64_t seed,
                                     const std::vector<QString>& names);
ImageGridLayout triptychLayout(int k);

/// A grey image the user paints on: left button white (1), right button black (0), with a
/// square brush of `brush` image pixels. Emits edited() after every change.
class PaintCanvas : public QWidget {
    Q_OBJECT
public:
    explicit PaintCanvas(QWidget* parent = nullptr);
    /// The image to paint on: h·w values in [0, 1], row-major (channels other than 1 are
    /// shown and painted in their first channel only).
    void setImage(std::vector<float> values, const core::ImageShape& shape);
    const std::vector<float>& values() const { return m_values; }
    /// Paints at widget position `pos` (as a mouse press there would); false outside the image.
    bool paintAt(QPointF pos, bool white);
    void setBrush(int pixels) { m_brush = std::max(1, pixels); }

signals:
    void edited();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    QSize sizeHint() const override { return {220, 220}; }

private:
    QRectF imageRect() const;
    std::vector<float> m_values;
    core::ImageShape m_shape;
    int m_brush = 1;
};

} // namespace latentlab::ui
