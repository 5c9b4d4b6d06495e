#pragma once
// Qt Charts at presentation size (issue 7, "Presentation mode"): Qt Charts set their fonts and
// pens from the chart theme, not from the application font, so a projector audience needs them
// enlarged explicitly.
class QChart;
class QWidget;

namespace latentlab::ui {

/// Sets every font of `chart` (title, legend, each axis' labels and title) to `fontScale` times
/// and every series' pen width (scatter marker size) to `lineScale` times the size it had before
/// the first call, so calls do not compound and scale 1 restores it exactly. Series and axes
/// added later start at their own size. Scales are clamped to [0.5, 4].
void setChartScale(QChart* chart, double fontScale, double lineScale);

/// setChartScale on every QChartView's chart in `root` (root included).
void setChartScaleIn(QWidget* root, double fontScale, double lineScale);

} // namespace latentlab::ui
