#pragma once
// What a figure for slides or papers needs beyond the scene: a light or dark theme, preset sizes
// (slides, journal columns) and a caption that says how to reproduce the figure.
#include "widgets/scene.h"

#include <QSize>
#include <QString>

#include <vector>

namespace latentlab::ui {

enum class FigureTheme { Light, Dark };

/// `scene` recoloured for `theme`: Dark puts light text and axes on a near-black background
/// (texts, lines and marker outlines darker than 35 % lightness are lifted: greys to the
/// foreground, hues to the same hue at 65 % lightness; data colours stay).
/// Light returns the scene unchanged.
Scene themed(Scene scene, FigureTheme theme);

/// A figure size: pixels at a resolution (physical size = pixels / dpi inches).
struct FigurePreset {
    QString name;   ///< what the user reads, e.g. "16:9 slide"
    QSize sizePx;
    int dpi = 144;
};

/// 16:9 slide (1920 × 1080 at 144 dpi), 4:3 slide (1600 × 1200), single column (3.5 in wide at
/// 300 dpi, 4:3) and double column (7 in at 300 dpi, golden ratio) — the journal widths of IEEE
/// and most ACM/Elsevier templates.
const std::vector<FigurePreset>& figurePresets();

} // namespace latentlab::ui
