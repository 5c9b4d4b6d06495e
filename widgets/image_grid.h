#pragma once
// A grid of images as a Scene — filters, reconstructions, samples, chains — so that every image
// view (PCA, RBM, and later GAN, diffusion, autoencoders) zooms, pans and exports like the other
// plots, and tells on hover which image is under the mouse (index, label, value).
#include "widgets/scene.h"
#include "widgets/scene_view.h"

#include <vector>

namespace latentlab::ui {

/// One image of a grid.
struct ImageTile {
    QImage image;      ///< any size; all tiles are drawn at the first tile's aspect ratio
    QString caption;   ///< under the tile (needs ImageGridLayout::captionLines > 0), may be empty
    QString hoverText; ///< what hovering shows, e.g. "hidden unit 17" or "#203 “Sneaker”"
    QColor frame;      ///< a frame around the tile, invalid for none
};

struct ImageGridLayout {
    int columns = 0;          ///< 0: as square a grid as the tile count allows
    double gap = 0.12;        ///< space between tiles, in tile widths
    int captionLines = 0;     ///< lines of caption room under every tile
    double captionPointSize = 10.0;
    QString title;            ///< caption in the plot's top-left corner, may be empty
    bool smooth = false;      ///< interpolate when scaling (photographs); pixel data stay crisp
};

/// The grid's geometry in data coordinates (y up): tile i sits in column i % columns, row
/// i / columns, is 1 unit wide and aspect = height / width of the first image high.
struct ImageGridGeometry {
    int count = 0;
    int columns = 1;
    double aspect = 1.0;
    double stepX = 1.12; ///< tile width + gap
    double stepY = 1.12; ///< tile height + gap + caption room
    double top = 0;      ///< y of the first row's top edge
    QRectF tileRect(int i) const;
    /// The tile containing data point p, or -1 (gaps and captions count as outside).
    int tileAt(QPointF p) const;
};

ImageGridGeometry imageGridGeometry(const std::vector<ImageTile>& tiles, const ImageGridLayout& layout);
/// The grid as a scene without axes, square data units, bounds around all tiles.
Scene imageGridScene(const std::vector<ImageTile>& tiles, const ImageGridLayout& layout);

/// A SceneView showing one image grid: hover shows the tile's hoverText as a tooltip and emits
/// tileHovered; a click emits tileClicked. Zoom and pan as in every plot.
class ImageGridView : public SceneView {
    Q_OBJECT
public:
    explicit ImageGridView(QWidget* parent = nullptr);
    void setTiles(std::vector<ImageTile> tiles, const ImageGridLayout& layout);
    const std::vector<ImageTile>& tiles() const { return m_tiles; }
    const ImageGridGeometry& gridGeometry() const { return m_geometry; }

signals:
    void tileHovered(int index); ///< -1 when the mouse leaves the tiles
    void tileClicked(int index);

private:
    std::vector<ImageTile> m_tiles;
    ImageGridGeometry m_geometry;
    int m_hovered = -1;
};

} // namespace latentlab::ui
