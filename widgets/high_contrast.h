#pragma once
// The high-contrast look for projectors (issue 7, "Presentation mode"): pure white or black
// background, pure black or white text and axes, lines 1.8× and markers 1.3-1.4× thicker,
// points opaque with a rim, and the Okabe & Ito (2008) class colours made saturated enough
// for the background (yellow and sky blue darkened on white; blue and near-black lifted on
// black) so colour-blind viewers still tell them apart.
#include "widgets/scene.h"

namespace latentlab::ui {

/// The class colours of categoricalPalette() for high contrast on a light (`dark` false) or
/// dark background: 8 colours, in the same order.
const std::vector<QColor>& highContrastPalette(bool dark);

/// `scene` in the high-contrast look (see above). The background decides light or dark. The
/// colours of categoricalPalette(8) map to highContrastPalette(); other hues are saturated to
/// at least 85 % at a lightness readable on the background; greys of text and lines become
/// the foreground. Point colour buffers get new versions, so the OpenGL view re-uploads them.
Scene highContrast(Scene scene);

/// Whether the live views draw in the high-contrast look (default off). Views apply it on
/// their next setScene() or SceneView::restyle().
void setLiveHighContrast(bool on);
bool liveHighContrast();

} // namespace latentlab::ui
