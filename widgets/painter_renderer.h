#pragma once
// Draws a Scene with QPainter: the whole figure for PNG/SVG/PDF export and for the fallback
// view without OpenGL, and the overlay (lines, markers, text, axes) on top of the OpenGL view,
// so both renderers share one implementation of everything but the heavy layers
// (DESIGN.md "Drawing: snapshot → scene → renderer").
#include "widgets/scene.h"
#include "widgets/view_transform.h"

#include <QImage>
#include <QMarginsF>

class QPainter;

namespace latentlab::ui {

struct RenderStyle {
    double fontScale = 1.0;   ///< multiplies every font size (export at slide size uses > 1)
    double markerScale = 1.0; ///< multiplies point and marker sizes
    bool transparent = false; ///< leave the background unpainted (PNG export)
};

/// The style of the live views: RenderStyle{} scaled by setLiveStyleScale() (presentation mode
/// draws text and markers larger for the back row of a lecture hall).
RenderStyle liveStyle();
/// Font and marker scale of every live view, in [0.5, 4]; 1 by default. Views repaint on
/// their next update.
void setLiveStyleScale(double scale);

/// Above this many visible points both renderers draw a density/colour image instead of
/// individual points (DESIGN.md "Large point sets").
inline constexpr int kBinningThreshold = 100000;

/// Margins (px) the axes, labels and title need around the plot.
QMarginsF plotMargins(const Scene& scene, const RenderStyle& style);

/// Background, grid, region fields, images and points.
void paintBase(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& style);
/// Background and grid only (the OpenGL view draws fields and points itself).
void paintBackground(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& style);
/// Images, then filled areas: everything between the fields and the points (the OpenGL view
/// calls it too, so areas need no GL code).
void paintImages(QPainter& p, const Scene& scene, const ViewTransform& t);
/// Every RegionField of the scene (L2 cells as exact polygons, other metrics per pixel).
void paintRegionFields(QPainter& p, const Scene& scene, const ViewTransform& t);
/// One point batch; binned into an image when more than kBinningThreshold points are visible.
void paintPointBatch(QPainter& p, const PointBatch& batch, const ViewTransform& t, const RenderStyle& style);
/// Lines, markers, texts, legend, axes and title.
void paintOverlay(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& style);
/// The whole figure: paintBase + paintOverlay.
void paintScene(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& style);

/// The Voronoi cells of `field` over the plot rect as an image of `devicePx` pixels (the
/// plot rect at device resolution), each pixel evaluated with the field's metric.
QImage regionFieldImage(const RegionField& field, const ViewTransform& t, QSize devicePx);
/// Bins a point batch into a density/colour image over the plot rect (`devicePx` pixels):
/// colour = mean colour of the points in the pixel, alpha grows with log(count).
/// `visible` (optional) receives the number of points inside the plot.
QImage binPoints(const PointBatch& batch, const ViewTransform& t, QSize devicePx, int* visible = nullptr);
/// Points of `batch` inside the visible data rect.
int countVisible(const PointBatch& batch, const ViewTransform& t);

/// Marker::id of the draggable marker (id >= 0) nearest to `pixel` within its radius, or -1.
int markerAt(const Scene& scene, const ViewTransform& t, QPointF pixel, double markerScale = 1.0);

} // namespace latentlab::ui
