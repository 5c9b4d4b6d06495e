#pragma once
// Internal to widgets/ddpm_charts.cpp and widgets/ddpm_loss_chart.cpp: the look the DDPM charts
// share (fonts of at least 10-11 pt, Okabe–Ito colours from widgets/palette, round line caps)
// and the choice of side-by-side, 2 × 2 or stacked panels.
#include <QChart>
#include <QChartView>
#include <QFont>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace latentlab::ui::ddpm_parts {

inline QFont readable(QFont f, double minPt, bool bold = false) {
    if (f.pointSizeF() < minPt) f.setPointSizeF(minPt);
    f.setBold(bold);
    return f;
}

/// 1, 2 or 5 × 10^n closest above x (x > 0).
inline double niceStep(double x) {
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    const double f = x / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

inline QChart* makeChart(const QString& title, const QFont& base) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setTitleFont(readable(base, 11, true));
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(readable(base, 10));
    return chart;
}

inline QChartView* makeView(QChart* chart) {
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(200, 150);
    return view;
}

inline void styleAxis(QAbstractAxis* axis, const QString& title, const QFont& base) {
    axis->setTitleText(title);
    axis->setLabelsFont(readable(base, 10));
    axis->setTitleFont(readable(base, 10, true));
}

inline QLineSeries* addLine(QChart* chart, const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine,
                     double width = 2.2) {
    auto* line = new QLineSeries;
    line->setName(name);
    // Round caps: Qt Charts draws a dense curve as short segments, flat caps leave it pale.
    line->setPen(QPen(color, width, style, style == Qt::SolidLine ? Qt::RoundCap : Qt::FlatCap, Qt::RoundJoin));
    chart->addSeries(line);
    return line;
}

inline void hideFromLegend(QChart* chart, QLineSeries* series) {
    for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

/// Side by side, in a 2 × 2 grid or stacked: the arrangement whose panels come closest to
/// `aspect` (width : height) for n panels in a w × h widget. Returns the number of columns.
inline int arrangement(int n, int w, int h, double aspect) {
    const double r = static_cast<double>(std::max(w, 1)) / std::max(h, 1);
    int best = 1;
    double bestMiss = INFINITY;
    for (int cols : {n, 2, 1}) {
        const int rows = (n + cols - 1) / cols;
        const double miss = std::abs(std::log(r * rows / cols / aspect));
        if (miss < bestMiss - 1e-9) {
            bestMiss = miss;
            best = cols;
        }
    }
    return best;
}

inline constexpr double kPanelAspect = 1.5;


} // namespace latentlab::ui::ddpm_parts
