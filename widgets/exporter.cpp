#include "widgets/exporter.h"

#include "widgets/painter_renderer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QLayout>
#include <QResizeEvent>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

namespace latentlab::ui {

namespace {

/// The translation context of this file's messages (the command line shows them untranslated).
struct FigureExport {
    Q_DECLARE_TR_FUNCTIONS(FigureExport)
};

std::runtime_error exportError(const QString& path, const QString& what) {
    return std::runtime_error(QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), what).toStdString());
}

double scaleOf(const ExportOptions& o) { return o.fontScale.value_or(o.dpi / 96.0); }

/// Opens a painter on a device for `path` whose logical coordinate system is `logical`
/// (pixels at font scale 1 spread over the whole figure), calls `draw`, and finishes the file.
void paintTo(const QString& path, const ExportOptions& o, const std::function<void(QPainter&)>& draw) {
    const QString format = exportFormat(path);
    if (!o.sizePx.isValid() || o.sizePx.width() < 16 || o.sizePx.height() < 16)
        throw exportError(path, FigureExport::tr("the figure size must be at least 16×16 pixels"));
    if (format == QLatin1String("png")) {
        QImage image(o.sizePx, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        image.setDotsPerMeterX(static_cast<int>(o.dpi / 0.0254 + 0.5));
        image.setDotsPerMeterY(static_cast<int>(o.dpi / 0.0254 + 0.5));
        {
            QPainter p(&image);
            draw(p);
        }
        if (!image.save(path, "PNG")) throw exportError(path, FigureExport::tr("cannot write the file"));
    } else if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(o.sizePx);
        svg.setViewBox(QRect(QPoint(0, 0), o.sizePx));
        svg.setResolution(o.dpi);
        svg.setTitle(QStringLiteral("LatentLab figure"));
        QPainter p;
        if (!p.begin(&svg)) throw exportError(path, FigureExport::tr("cannot write the file"));
        draw(p);
        p.end();
    } else {
        QPdfWriter pdf(path);
        pdf.setResolution(o.dpi);
        pdf.setPageSize(QPageSize(QSizeF(o.sizePx.width() * 72.0 / o.dpi, o.sizePx.height() * 72.0 / o.dpi),
                                  QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setCreator(QStringLiteral("LatentLab"));
        QPainter p;
        if (!p.begin(&pdf)) throw exportError(path, FigureExport::tr("cannot write the file"));
        // Device pixels at `dpi` match sizePx one to one.
        p.setWindow(QRect(QPoint(0, 0), o.sizePx));
        p.setViewport(QRect(QPoint(0, 0), QSize(pdf.width(), pdf.height())));
        draw(p);
        p.end();
    }
}

/// The reproducibility caption, small and grey, in the bottom-right corner of a w × h figure.
void drawCaption(QPainter& p, const QString& caption, QSizeF size, double scale, const QColor& color) {
    if (caption.isEmpty()) return;
    QFont f = p.font();
    f.setPixelSize(std::max(6, static_cast<int>(10 * scale)));
    p.setFont(f);
    p.setPen(color);
    const double pad = 4 * scale;
    p.drawText(QRectF(QPointF(pad, pad), size - QSizeF(2 * pad, 2 * pad)), Qt::AlignRight | Qt::AlignBottom, caption);
}

void drawScene(QPainter& p, const Scene& full, const ExportOptions& o) {
    const Scene scene = withElements(full, o);
    RenderStyle style;
    style.fontScale = scaleOf(o);
    style.markerScale = scaleOf(o);
    style.transparent = o.transparent;
    ViewTransform t;
    t.setViewport(QSizeF(o.sizePx), plotMargins(scene, style));
    if (o.visibleData && o.visibleData->isValid()) {
        // Keep what the user framed; widen one axis if needed so equal aspect stays equal.
        t.setVisibleData(*o.visibleData);
        if (scene.equalAspect) t.fit(*o.visibleData, true, 0.0);
    } else {
        t.fit(scene.dataBounds, scene.equalAspect);
    }
    paintScene(p, scene, t, style);
    QColor grey = scene.foreground;
    grey.setAlphaF(0.6f);
    drawCaption(p, o.caption, QSizeF(o.sizePx), scaleOf(o), grey);
}

/// The grid of scenes (see renderSceneGridImage) on `p`, whose coordinates are o.sizePx pixels.
void drawSceneGrid(QPainter& p, const std::vector<Scene>& scenes, const ExportOptions& o, int columns) {
    if (scenes.empty()) throw std::invalid_argument("drawSceneGrid: no scenes");
    const double scale = scaleOf(o);
    const double captionH = o.caption.isEmpty() ? 0.0 : 18 * scale;
    const QSizeF area(o.sizePx.width(), o.sizePx.height() - captionH);
    const int n = static_cast<int>(scenes.size());
    double aspect = 4.0 / 3.0;
    if (o.visibleData && o.visibleData->isValid() && scenes.front().equalAspect)
        aspect = std::clamp(o.visibleData->width() / o.visibleData->height(), 0.5, 2.5);
    const int cols = columns > 0 ? std::min(columns, n) : gridColumns(n, area, aspect);
    const int rows = (n + cols - 1) / cols;
    const QSizeF cell(area.width() / cols, area.height() / rows);
    if (!o.transparent) p.fillRect(QRectF(QPointF(0, 0), QSizeF(o.sizePx)), scenes.front().background);
    for (int i = 0; i < n; ++i) {
        ExportOptions panel = o;
        panel.sizePx = QSize(std::max(16, static_cast<int>(cell.width())), std::max(16, static_cast<int>(cell.height())));
        panel.caption.clear();
        panel.fontScale = scale;
        panel.showLegend = o.showLegend && i == 0;
        p.save();
        p.translate(std::floor((i % cols) * cell.width()), std::floor((i / cols) * cell.height()));
        p.setClipRect(QRectF(QPointF(0, 0), QSizeF(panel.sizePx)));
        drawScene(p, scenes[static_cast<size_t>(i)], panel);
        p.restore();
    }
    QColor grey = scenes.front().foreground;
    grey.setAlphaF(0.6f);
    drawCaption(p, o.caption, QSizeF(o.sizePx), scale, grey);
}

} // namespace

int gridColumns(int n, QSizeF size, double aspect) {
    int best = 1;
    double bestArea = -1;
    for (int cols = 1; cols <= std::max(1, n); ++cols) {
        const int rows = (n + cols - 1) / cols;
        const double w = size.width() / cols, h = size.height() / rows;
        const double panelH = std::min(h, w / aspect); // the plot keeps its shape inside the cell
        if (panelH * panelH * aspect > bestArea * 1.0001) {
            bestArea = panelH * panelH * aspect;
            best = cols;
        }
    }
    return best;
}

QImage renderSceneGridImage(const std::vector<Scene>& scenes, const ExportOptions& o, int columns) {
    QImage image(o.sizePx, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    drawSceneGrid(p, scenes, o, columns);
    return image;
}

void exportSceneGrid(const std::vector<Scene>& scenes, const QString& path, const ExportOptions& o, int columns) {
    paintTo(path, o, [&](QPainter& p) { drawSceneGrid(p, scenes, o, columns); });
}

Scene withElements(Scene scene, const ExportOptions& o) {
    if (!o.showTitle) scene.title.clear();
    if (!o.showAxes) scene.showAxes = false;
    if (!o.showLegend) scene.legend.clear();
    return scene;
}

QString exportFormat(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("svg") || suffix == QLatin1String("pdf"))
        return suffix;
    throw exportError(path, FigureExport::tr("unknown figure format '.%1' (use .png, .svg or .pdf)").arg(suffix));
}

QImage renderSceneImage(const Scene& scene, const ExportOptions& o) {
    QImage image(o.sizePx, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    drawScene(p, scene, o);
    return image;
}

void exportScene(const Scene& scene, const QString& path, const ExportOptions& o) {
    paintTo(path, o, [&](QPainter& p) { drawScene(p, scene, o); });
}

namespace {
/// Switches off the chart elements `o` asks to leave out in every QChartView of `widget` (the
/// widget itself included) and puts them back when destroyed.
class ChartElementsGuard {
public:
    ChartElementsGuard(QWidget* widget, const ExportOptions& o) {
        if (o.showTitle && o.showAxes && o.showLegend) return;
        QList<QChartView*> views = widget->findChildren<QChartView*>();
        if (auto* self = qobject_cast<QChartView*>(widget)) views.prepend(self);
        for (QChartView* v : views) {
            QChart* c = v->chart();
            if (!c) continue;
            if (!o.showTitle && !c->title().isEmpty()) {
                m_undo.push_back([c, t = c->title()] { c->setTitle(t); });
                c->setTitle(QString());
            }
            if (!o.showLegend && c->legend() && c->legend()->isVisible()) {
                m_undo.push_back([c] { c->legend()->setVisible(true); });
                c->legend()->setVisible(false);
            }
            if (!o.showAxes)
                for (QAbstractAxis* a : c->axes()) {
                    m_undo.push_back([a, line = a->isLineVisible(), labels = a->labelsVisible(), title = a->isTitleVisible()] {
                        a->setLineVisible(line);
                        a->setLabelsVisible(labels);
                        a->setTitleVisible(title);
                    });
                    a->setLineVisible(false);
                    a->setLabelsVisible(false);
                    a->setTitleVisible(false);
                }
        }
    }
    ~ChartElementsGuard() {
        for (auto it = m_undo.rbegin(); it != m_undo.rend(); ++it) (*it)();
    }
    ChartElementsGuard(const ChartElementsGuard&) = delete;
    ChartElementsGuard& operator=(const ChartElementsGuard&) = delete;

private:
    std::vector<std::function<void()>> m_undo;
};

/// Brings the layout of every chart in `widget` up to date now (a hidden or just resized chart,
/// or one whose title, axes or legend were just switched, would draw its stale layout).
void settleCharts(QWidget* widget) {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (widget->layout()) widget->layout()->activate();
    QList<QChartView*> views = widget->findChildren<QChartView*>();
    if (auto* self = qobject_cast<QChartView*>(widget)) views.prepend(self);
    for (QChartView* v : views) {
        QResizeEvent resize(v->size(), v->size());
        QCoreApplication::sendEvent(v, &resize); // the view resizes its chart to fit
        if (v->chart() && v->chart()->layout()) {
            v->chart()->layout()->invalidate();
            v->chart()->layout()->activate();
        }
    }
}

/// Lays `widget` out at the figure's logical size, calls `paint` with a drawing function, then
/// puts the widget back (also when writing fails).
void withWidgetAtFigureSize(QWidget* widget, const ExportOptions& o,
                            const std::function<void(const std::function<void(QPainter&)>&)>& paint) {
    const double scale = scaleOf(o);
    const QSize logical(static_cast<int>(o.sizePx.width() / scale), static_cast<int>(o.sizePx.height() / scale));
    struct SizeGuard {
        QWidget* w;
        QSize before;
        ~SizeGuard() { w->resize(before); }
    } guard{widget, widget->size()};
    const ChartElementsGuard elements(widget, o);
    widget->resize(logical);
    widget->ensurePolished();
    settleCharts(widget);
    paint([&](QPainter& p) {
        if (!o.transparent) p.fillRect(QRect(QPoint(0, 0), o.sizePx), widget->palette().window());
        p.save();
        p.scale(scale, scale);
        widget->render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
        p.restore();
        drawCaption(p, o.caption, QSizeF(o.sizePx), scale, QColor(90, 90, 90));
    });
}
} // namespace

QImage renderWidgetImage(QWidget* widget, const ExportOptions& o) {
    QImage image(o.sizePx.expandedTo(QSize(16, 16)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (!widget) return image;
    withWidgetAtFigureSize(widget, o, [&](const std::function<void(QPainter&)>& draw) {
        QPainter p(&image);
        draw(p);
    });
    return image;
}

void exportWidget(QWidget* widget, const QString& path, const ExportOptions& o) {
    if (!widget) throw exportError(path, FigureExport::tr("nothing to export"));
    exportFormat(path); // refuse a bad suffix before touching the widget
    withWidgetAtFigureSize(widget, o, [&](const std::function<void(QPainter&)>& draw) { paintTo(path, o, draw); });
}

} // namespace latentlab::ui
