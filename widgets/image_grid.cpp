#include "widgets/image_grid.h"

#include <QCursor>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

QRectF ImageGridGeometry::tileRect(int i) const {
    const int row = i / columns, col = i % columns;
    const double left = col * stepX, tileTop = top - row * stepY;
    return QRectF(QPointF(left, tileTop - aspect), QPointF(left + 1.0, tileTop));
}

int ImageGridGeometry::tileAt(QPointF p) const {
    if (count <= 0 || p.x() < 0 || p.y() > top) return -1;
    const int col = static_cast<int>(std::floor(p.x() / stepX));
    const int row = static_cast<int>(std::floor((top - p.y()) / stepY));
    if (col < 0 || col >= columns || row < 0) return -1;
    const int i = row * columns + col;
    return i < count && tileRect(i).contains(p) ? i : -1;
}

ImageGridGeometry imageGridGeometry(const std::vector<ImageTile>& tiles, const ImageGridLayout& layout) {
    ImageGridGeometry g;
    g.count = static_cast<int>(tiles.size());
    g.columns = layout.columns > 0 ? layout.columns
                                   : std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(g.count)))));
    if (!tiles.empty() && tiles.front().image.width() > 0)
        g.aspect = static_cast<double>(tiles.front().image.height()) / tiles.front().image.width();
    // Caption room in tile widths: a 10 pt line is about 0.22 of a tile of ~90 px on screen.
    const double caption = layout.captionLines * 0.22 * layout.captionPointSize / 10.0;
    g.stepX = 1.0 + layout.gap;
    g.stepY = g.aspect + layout.gap + caption;
    const int rows = std::max(1, (g.count + g.columns - 1) / g.columns);
    g.top = rows * g.stepY;
    return g;
}

Scene imageGridScene(const std::vector<ImageTile>& tiles, const ImageGridLayout& layout) {
    Scene scene;
    scene.showAxes = false;
    scene.equalAspect = true;
    const ImageGridGeometry g = imageGridGeometry(tiles, layout);
    for (int i = 0; i < g.count; ++i) {
        const ImageTile& t = tiles[static_cast<size_t>(i)];
        ImageItem item;
        item.image = t.image;
        item.dataRect = g.tileRect(i);
        item.smooth = layout.smooth;
        scene.images.push_back(item);
        if (t.frame.isValid()) {
            const QRectF r = item.dataRect.adjusted(-0.03, -0.03, 0.03, 0.03);
            Polyline l;
            l.points = {r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft(), r.topLeft()};
            l.color = t.frame;
            l.widthPx = 2.5f;
            scene.lines.push_back(std::move(l));
        }
        if (!t.caption.isEmpty() && layout.captionLines > 0) {
            TextItem text;
            text.text = t.caption;
            text.pos = QPointF(item.dataRect.center().x(), item.dataRect.top() - 0.04);
            text.pointSize = static_cast<float>(layout.captionPointSize);
            text.color = t.frame.isValid() ? t.frame.darker(120) : QColor(40, 40, 40);
            text.align = Qt::AlignHCenter | Qt::AlignTop;
            scene.texts.push_back(text);
        }
    }
    const int usedColumns = std::min(std::max(1, g.count), g.columns);
    const double titleRoom = layout.title.isEmpty() ? 0.0 : 0.5;
    scene.dataBounds = QRectF(QPointF(-layout.gap, 0.0), QPointF(usedColumns * g.stepX, g.top + titleRoom));
    if (!layout.title.isEmpty()) {
        TextItem t;
        t.text = layout.title;
        t.pos = QPointF(0.01, 0.995);
        t.anchoredToPlot = true;
        t.pointSize = 12.0f;
        t.color = QColor(40, 40, 40);
        scene.texts.push_back(t);
    }
    return scene;
}

ImageGridView::ImageGridView(QWidget* parent) : SceneView(RenderBackend::Painter, parent) {
    connect(this, &SceneView::hovered, this, [this](QPointF p) {
        const int i = m_geometry.tileAt(p);
        if (i != m_hovered) {
            m_hovered = i;
            emit tileHovered(i);
        }
        if (i >= 0 && !m_tiles[static_cast<size_t>(i)].hoverText.isEmpty())
            QToolTip::showText(QCursor::pos(), m_tiles[static_cast<size_t>(i)].hoverText, this);
        else
            QToolTip::hideText();
    });
    connect(this, &SceneView::pointAddRequested, this, [this](QPointF p) {
        const int i = m_geometry.tileAt(p);
        if (i >= 0) emit tileClicked(i);
    });
}

void ImageGridView::setTiles(std::vector<ImageTile> tiles, const ImageGridLayout& layout) {
    m_tiles = std::move(tiles);
    m_geometry = imageGridGeometry(m_tiles, layout);
    m_hovered = -1;
    setScene(imageGridScene(m_tiles, layout));
}

} // namespace latentlab::ui
