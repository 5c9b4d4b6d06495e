#pragma once
// Export by repainting (DESIGN.md "Drawing" step 3): a Scene is drawn again by the QPainter
// renderer at the asked size into PNG, SVG or PDF; widgets (charts) are rendered into the
// same devices. Never a framebuffer grab.
#include "widgets/scene.h"

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

class QWidget;

namespace latentlab::ui {

struct ExportOptions {
    QSize sizePx{1600, 1000}; ///< PNG pixels; for SVG/PDF the page is sizePx / dpi inches
    int dpi = 144;            ///< 36..1200; also sets the font scale (96 dpi = scale 1)
    std::optional<QRectF> visibleData; ///< data rect to show; default: fit scene.dataBounds
    std::optional<double> fontScale;   ///< default: dpi / 96
    bool transparent = false;          ///< PNG only: no background fill
    /// A small line in the figure's bottom-right corner (algorithm, data, parameters, seed,
    /// iteration: how to make the figure again); empty for none.
    QString caption;
    /// What a slide author may switch off. Scenes: Scene::title; the axes with their ticks,
    /// tick labels and axis labels (the plot then fills the figure); Scene::legend. Qt Charts
    /// inside an exported widget: the chart title; each axis' line, labels and title (grid lines
    /// stay); the legend. Other widgets are drawn as they are.
    bool showTitle = true;
    bool showAxes = true;
    bool showLegend = true;
};

/// `scene` without what `options` switches off (title, axes, legend).
Scene withElements(Scene scene, const ExportOptions& options);

/// The format of `path` from its suffix: "png", "svg" or "pdf". Throws std::runtime_error
/// naming the file for any other suffix.
QString exportFormat(const QString& path);

/// Renders `scene` as an image of options.sizePx pixels (what a PNG export writes).
QImage renderSceneImage(const Scene& scene, const ExportOptions& options);

/// Writes `scene` to `path` (.png, .svg or .pdf). Throws std::runtime_error with a message
/// naming the file if the format is unknown or the file cannot be written.
void exportScene(const Scene& scene, const QString& path, const ExportOptions& options);

/// Columns of the grid that makes `n` panels of width:height `aspect` as large as possible in a
/// figure of `size` (ties: fewer rows). n >= 1.
int gridColumns(int n, QSizeF size, double aspect);

/// Several scenes as one figure, panels side by side in a grid of `columns` columns (0: chosen
/// by gridColumns for the figure's shape), each panel a whole plot with its own Scene::title,
/// all with the same options (visibleData: one frame for every panel); the legend only in the
/// first panel, the caption once under the grid. Text keeps the figure's font scale.
/// What exportScene writes for a single scene; throws like it. `scenes` must not be empty.
QImage renderSceneGridImage(const std::vector<Scene>& scenes, const ExportOptions& options, int columns = 0);
void exportSceneGrid(const std::vector<Scene>& scenes, const QString& path, const ExportOptions& options, int columns = 0);

/// Renders a widget (e.g. a chart) as an image of options.sizePx pixels, as exportWidget()
/// would write it to PNG (previews, the clipboard).
QImage renderWidgetImage(QWidget* widget, const ExportOptions& options);

/// Writes a widget (e.g. a chart) to `path`, laid out at options.sizePx / fontScale logical
/// pixels so text keeps its size relative to the figure. Vector output for SVG and PDF.
void exportWidget(QWidget* widget, const QString& path, const ExportOptions& options);

} // namespace latentlab::ui
