#include "widgets/exporter.h"

#include "widgets/painter_renderer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>

#include <algorithm>
#include <functional>
#include <stdexcept>

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

void drawScene(QPainter& p, const Scene& scene, const ExportOptions& o) {
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

} // namespace

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
    widget->resize(logical);
    widget->ensurePolished();
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
