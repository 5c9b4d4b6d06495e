#include "widgets/chart_style.h"

#include <QFont>
#include <QPen>
#include <QVariant>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QXYSeries>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {
/// The value `object` had before the first scaling, remembered under `key` (then `current`).
template <typename T>
T base(QObject* object, const char* key, const T& current) {
    const QVariant stored = object->property(key);
    if (stored.isValid()) return stored.value<T>();
    object->setProperty(key, QVariant::fromValue(current));
    return current;
}

QFont scaled(QFont f, double scale) {
    if (f.pointSizeF() > 0) f.setPointSizeF(f.pointSizeF() * scale);
    else if (f.pixelSize() > 0) f.setPixelSize(std::max(1, static_cast<int>(f.pixelSize() * scale + 0.5)));
    return f;
}

QPen widened(QPen p, double scale) {
    p.setWidthF(std::max(1.0, p.widthF()) * scale);
    return p;
}
} // namespace

void setChartScale(QChart* chart, double fontScale, double lineScale) {
    if (!chart) return;
    fontScale = std::clamp(fontScale, 0.5, 4.0);
    lineScale = std::clamp(lineScale, 0.5, 4.0);
    chart->setTitleFont(scaled(base(chart, "latentlab_titleFont", chart->titleFont()), fontScale));
    if (QLegend* legend = chart->legend()) {
        legend->setFont(scaled(base(legend, "latentlab_font", legend->font()), fontScale));
        // Markers follow the font in Qt 6.4 (QLegend::markerShape has no size of its own).
    }
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(scaled(base(axis, "latentlab_labelsFont", axis->labelsFont()), fontScale));
        axis->setTitleFont(scaled(base(axis, "latentlab_titleFont", axis->titleFont()), fontScale));
        axis->setLinePen(widened(base(axis, "latentlab_linePen", axis->linePen()), std::sqrt(lineScale)));
        // Qt Charts elides labels to "…" from a width estimate made at the normal font size.
        const bool truncate = base(axis, "latentlab_truncate", axis->truncateLabels());
        axis->setTruncateLabels(fontScale > 1.0 ? false : truncate);
    }
    for (QAbstractSeries* series : chart->series()) {
        if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
            scatter->setMarkerSize(base(scatter, "latentlab_markerSize", scatter->markerSize()) * lineScale);
            scatter->setPen(widened(base(scatter, "latentlab_pen", scatter->pen()), lineScale));
        } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            xy->setPen(widened(base(xy, "latentlab_pen", xy->pen()), lineScale));
        } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            area->setPen(widened(base(area, "latentlab_pen", area->pen()), lineScale));
        }
    }
}

void setChartScaleIn(QWidget* root, double fontScale, double lineScale) {
    if (!root) return;
    QList<QChartView*> views = root->findChildren<QChartView*>();
    if (auto* self = qobject_cast<QChartView*>(root)) views.prepend(self);
    for (QChartView* v : views) setChartScale(v->chart(), fontScale, lineScale);
}

} // namespace latentlab::ui
