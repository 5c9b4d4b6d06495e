#pragma once
// A Scene is what a view draws: items in data coordinates with their style. A per-algorithm
// scene builder makes one from a Snapshot; GlSceneView (live) and PainterRenderer (export,
// fallback) draw the same Scene (DESIGN.md "Drawing: snapshot → scene → renderer").
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace latentlab::ui {

/// Many points with one size, coloured through a palette. Buffers are shared, immutable and
/// versioned so the GL renderer uploads them only when they change.
struct PointBatch {
    std::shared_ptr<const std::vector<float>> x;          ///< N data x coordinates
    std::shared_ptr<const std::vector<float>> y;          ///< N data y coordinates
    std::shared_ptr<const std::vector<uint8_t>> colorIndex; ///< N palette indices, or null: palette[0]
    std::vector<QColor> palette;                          ///< at least one colour
    /// N per-point colours (#AARRGGBB), e.g. blended responsibilities; when set it replaces
    /// colorIndex/palette (the palette still gives the outline hue of uncoloured batches).
    std::shared_ptr<const std::vector<QRgb>> rgba;
    float sizePx = 6.0f;   ///< marker diameter in device-independent pixels
    float opacity = 0.85f; ///< 0..1, multiplies the palette alpha
    bool outline = true;   ///< thin darker rim (helps on projectors); ignored when binned
    uint64_t positionsVersion = 0; ///< bump when x/y change
    uint64_t colorsVersion = 0;    ///< bump when colorIndex or palette change
};

/// A polyline in data coordinates (trails, axes of a PCA, decision boundaries).
struct Polyline {
    std::vector<QPointF> points;
    QColor color = Qt::black;
    float widthPx = 1.5f;
    bool dashed = false;
    bool arrowHead = false; ///< arrow at the last point
};

/// A single marker drawn in pixels at a data position (centroids, selected points).
struct Marker {
    enum class Shape { Circle, Square, Diamond, Triangle, Cross, Star };
    QPointF pos;
    Shape shape = Shape::Circle;
    float sizePx = 16.0f;
    QColor fill = Qt::white;
    QColor outline = Qt::black;
    float outlineWidthPx = 2.0f;
    QString label; ///< drawn beside the marker, may be empty
    int id = -1;   ///< >= 0: the user may drag it; the view reports drags with this id
};

/// Colours every pixel of the plot by the nearest centre under a metric: Voronoi cells of
/// k-means. GL evaluates it per pixel in a fragment shader (shaders/region_field.frag);
/// PainterRenderer evaluates the same formula on the CPU at device resolution.
struct RegionField {
    enum class Metric { L2, L1, Cosine };
    std::vector<QPointF> centres;
    std::vector<QColor> colors; ///< one per centre
    Metric metric = Metric::L2;
    float opacity = 0.18f;
};

/// A raster in data coordinates: heat maps, densities, images. Drawn without smoothing
/// unless `smooth` (pixel data such as images must stay crisp).
struct ImageItem {
    QImage image;
    QRectF dataRect; ///< where the image's corners land, in data coordinates (y up)
    float opacity = 1.0f;
    bool smooth = false; ///< interpolate when scaling (smooth fields such as densities)
};

/// A filled polygon in data coordinates (histogram bars, the area under a density), drawn
/// over images and under points; closed implicitly.
struct FilledArea {
    std::vector<QPointF> points;
    QColor fill = QColor(0, 0, 0, 40);
    QColor outline = Qt::transparent;
    float outlineWidthPx = 0.0f; ///< 0: no outline
};

/// One row of the legend, drawn in the top-right corner of the plot.
struct LegendEntry {
    enum class Kind { Line, Area, Point };
    QString label;
    QColor color = Qt::black;
    Kind kind = Kind::Line;
    float widthPx = 2.0f; ///< line width for Kind::Line
    bool dashed = false;
    /// Kind::Area: when set, the swatch is a colour bar through these colours, left to right.
    std::vector<QColor> gradient = {};
};

/// Text anchored at a data position, or at a corner of the plot when anchoredToPlot is set.
struct TextItem {
    QString text;
    QPointF pos; ///< data coordinates, or fractions (0..1) of the plot rect if anchoredToPlot
    bool anchoredToPlot = false;
    QColor color = Qt::black;
    float pointSize = 10.0f;
    Qt::Alignment align = Qt::AlignLeft | Qt::AlignTop;
};

struct Scene {
    QString title;
    QString xLabel;
    QString yLabel;
    QRectF dataBounds; ///< the region worth showing (the view fits it on "reset view")
    bool equalAspect = false; ///< one data unit is as long on x as on y
    bool showAxes = true;
    QColor background = QColor(255, 255, 255);
    QColor foreground = QColor(40, 40, 40); ///< axes, ticks, labels

    // Drawn in this order: fields, images and areas, points, lines, markers, texts, legend,
    // then axes.
    std::vector<RegionField> regionFields;
    std::vector<ImageItem> images;
    std::vector<PointBatch> points;
    std::vector<Polyline> lines;
    std::vector<Marker> markers;
    std::vector<TextItem> texts;
    /// The view's caption (iteration and phase) in the plot's top-left corner, 13 pt.
    void addCaption(const QString& text) {
        TextItem t;
        t.text = text;
        t.pos = QPointF(0.015, 0.985);
        t.anchoredToPlot = true;
        t.pointSize = 13.0f;
        texts.push_back(t);
    }
    std::vector<FilledArea> areas;
    std::vector<LegendEntry> legend;
};

} // namespace latentlab::ui
