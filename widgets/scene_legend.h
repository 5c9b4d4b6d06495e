#pragma once
// The legend of a Scene (Scene::legend): a soft panel in the top-right corner of the plot with
// a swatch (line, area or point) and a label per row. Part of the shared QPainter overlay, so
// the live views and every export draw it alike.
#include "widgets/painter_renderer.h"

namespace latentlab::ui {

/// Draws scene.legend (nothing when empty) inside t.plotRect(); fonts and swatches follow
/// style.fontScale / markerScale.
void paintLegend(QPainter& p, const Scene& scene, const ViewTransform& t, const RenderStyle& style);

} // namespace latentlab::ui
