#pragma once
// Colour-blind-safe colours for classes and clusters: Okabe & Ito (2008), ordered so that the
// first two (K = 2) and first three stay distinct for every colour-vision type.
#include <QColor>

#include <vector>

namespace latentlab::ui {

/// n categorical colours: Okabe–Ito first, then evenly spaced hues of moderate lightness.
std::vector<QColor> categoricalPalette(int n);
/// Grey for points not yet assigned to any cluster.
QColor unassignedColor();
/// Viridis (van der Walt & Smith 2015) at t ∈ [0, 1]: perceptually uniform, colour-blind safe,
/// readable in greyscale. For fields and densities.
QColor viridis(double t);
/// A darker shade of c for outlines and trails (same hue).
QColor darker(const QColor& c, double factor = 0.6);

} // namespace latentlab::ui
