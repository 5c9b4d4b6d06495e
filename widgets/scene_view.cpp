#include "widgets/scene_view.h"

#include "widgets/high_contrast.h"

#include "widgets/binned_layer.h"
#include "widgets/gl_canvas.h"
#include "widgets/painter_renderer.h"

#include <QGuiApplication>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QTimer>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>

namespace latentlab::ui {

namespace {

/// The QPainter canvas: the export renderer, drawn live; large point sets are binned off the
/// GUI thread (BinnedLayer).
class PainterCanvas : public QWidget {
public:
    PainterCanvas(const Scene* scene, const ViewTransform* t, QWidget* parent = nullptr)
        : QWidget(parent), m_scene(scene), m_t(t) {
        setMouseTracking(true);
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        const RenderStyle style = liveStyle();
        paintBackground(p, *m_scene, *m_t, style);
        paintRegionFields(p, *m_scene, *m_t);
        paintImages(p, *m_scene, *m_t);
        while (m_layers.size() < m_scene->points.size()) {
            m_layers.push_back(std::make_unique<BinnedLayer>());
            connect(m_layers.back().get(), &BinnedLayer::ready, this, qOverload<>(&QWidget::update));
        }
        const QRectF plot = m_t->plotRect();
        const qreal dpr = devicePixelRatioF();
        const QSize device(std::max(1, int(plot.width() * dpr)), std::max(1, int(plot.height() * dpr)));
        for (size_t i = 0; i < m_scene->points.size(); ++i) {
            const PointBatch& b = m_scene->points[i];
            const auto& frame = b.x && b.x->size() > size_t(kBinningThreshold)
                                    ? m_layers[i]->request(b, *m_t, device)
                                    : BinnedLayer::Frame{};
            if (frame.visible > kBinningThreshold || (frame.visible < 0 && b.x && b.x->size() > size_t(kBinningThreshold)))
                BinnedLayer::draw(p, frame, *m_t);
            else
                paintPointBatch(p, b, *m_t, style);
        }
        paintOverlay(p, *m_scene, *m_t, style);
    }

private:
    const Scene* m_scene;
    const ViewTransform* m_t;
    std::vector<std::unique_ptr<BinnedLayer>> m_layers;
};

} // namespace

bool SceneView::isSoftwareRenderer(const QString& renderer) {
    for (const char* name : {"llvmpipe", "softpipe", "Software Rasterizer", "swrast"})
        if (renderer.contains(QLatin1String(name), Qt::CaseInsensitive)) return true;
    return false;
}

bool SceneView::openGLAvailable(QString* reason, QString* renderer) {
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal")) {
        if (reason) *reason = tr("the '%1' platform has no OpenGL windows").arg(platform);
        return false;
    }
    QOpenGLContext context;
    if (!context.create()) {
        if (reason) *reason = tr("no OpenGL context could be created");
        return false;
    }
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!surface.isValid() || !context.makeCurrent(&surface)) {
        if (reason) *reason = tr("the OpenGL context could not be made current");
        return false;
    }
    if (renderer) {
        const auto* name = context.functions()->glGetString(GL_RENDERER);
        *renderer = name ? QString::fromLatin1(reinterpret_cast<const char*>(name)) : QString();
    }
    context.doneCurrent();
    return true;
}

SceneView::SceneView(RenderBackend backend, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setMinimumSize(320, 240);
    QString reason = tr("QPainter chosen (--no-gl)"), renderer;
    bool gl = backend != RenderBackend::Painter && openGLAvailable(&reason, &renderer);
    if (gl && backend == RenderBackend::Auto && isSoftwareRenderer(renderer)) {
        gl = false;
        reason = tr("software OpenGL (%1) is slower here than QPainter; --gl forces it").arg(renderer.section(' ', 0, 0));
    }
    if (gl) {
        auto* canvas = new GlCanvas(&m_scene, &m_transform);
        m_gl = true;
        connect(canvas, &GlCanvas::glFailed, this, [this](const QString& why) {
            // Swap after the current paint has finished.
            QTimer::singleShot(0, this, [this, why] {
                m_gl = false;
                m_fallbackReason = why;
                useCanvas(new PainterCanvas(&m_scene, &m_transform));
                emit fellBackToPainter(why);
            });
        });
        useCanvas(canvas);
    } else {
        m_fallbackReason = reason;
        useCanvas(new PainterCanvas(&m_scene, &m_transform));
    }
}

void SceneView::useCanvas(QWidget* canvas) {
    if (m_canvas) m_canvas->deleteLater();
    m_canvas = canvas;
    m_canvas->installEventFilter(this);
    m_canvas->setFocusPolicy(Qt::ClickFocus);
    layout()->addWidget(m_canvas);
    updateViewport();
}

void SceneView::updateViewport() {
    m_transform.setViewport(QSizeF(width(), height()), plotMargins(m_scene, liveStyle()));
    if (m_autoFit) m_transform.fit(m_scene.dataBounds, m_scene.equalAspect);
}

void SceneView::refresh() {
    if (m_canvas) m_canvas->update();
}

void SceneView::setScene(const Scene& scene) {
    const QRectF oldBounds = m_scene.dataBounds;
    m_source = scene;
    m_scene = liveHighContrast() ? highContrast(scene) : scene;
    // Follow the data while the user has not moved the view, but do not jump for small edits.
    if (m_fitOnNextScene || (m_autoFit && (oldBounds.isEmpty() ||
                                            !m_transform.visibleData().contains(scene.dataBounds)))) {
        m_fitOnNextScene = false;
        updateViewport();
    }
    else
        m_transform.setViewport(QSizeF(width(), height()), plotMargins(m_scene, liveStyle()));
    refresh();
}

void SceneView::restyle() {
    m_scene = liveHighContrast() ? highContrast(m_source) : m_source;
    m_transform.setViewport(QSizeF(width(), height()), plotMargins(m_scene, liveStyle()));
    refresh();
}

void SceneView::resetView() {
    m_autoFit = true;
    m_fitOnNextScene = true; // new data may be on its way
    updateViewport();
    refresh();
}

void SceneView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const QRectF visible = m_transform.visibleData();
    updateViewport();
    if (!m_autoFit) {
        m_transform.setVisibleData(visible);
        if (m_scene.equalAspect) m_transform.fit(visible, true, 0.0); // stay square
    }
}

bool SceneView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_canvas) return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        const QPointF px = e->position();
        if (e->button() == Qt::RightButton) {
            emit pointRemoveRequested(m_transform.toData(px));
            return true;
        }
        if (e->button() != Qt::LeftButton) return false;
        m_pressPixel = m_lastPixel = px;
        m_dragMarker = markerAt(m_scene, m_transform, px, liveStyle().markerScale);
        m_drag = m_dragMarker >= 0 ? Drag::Marker : Drag::Pending;
        if (m_drag == Drag::Marker) m_canvas->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        const QPointF px = e->position();
        if (m_drag == Drag::Marker) {
            emit markerDragged(m_dragMarker, m_transform.toData(px));
        } else if (m_drag == Drag::Pending && QLineF(px, m_pressPixel).length() > 4) {
            m_drag = Drag::Pan;
            m_canvas->setCursor(Qt::ClosedHandCursor);
        }
        if (m_drag == Drag::Pan && m_rotateOnDrag) {
            emit rotateDragged(px - m_lastPixel);
        } else if (m_drag == Drag::Pan) {
            m_autoFit = false;
            m_transform.pan(px - m_lastPixel);
            refresh();
        }
        if (m_drag == Drag::None) {
            m_canvas->setCursor(markerAt(m_scene, m_transform, px, liveStyle().markerScale) >= 0 ? Qt::OpenHandCursor : Qt::CrossCursor);
            emit hovered(m_transform.toData(px));
        }
        m_lastPixel = px;
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() != Qt::LeftButton) return false;
        const QPointF data = m_transform.toData(e->position());
        if (m_drag == Drag::Marker) emit markerDropped(m_dragMarker, data);
        else if (m_drag == Drag::Pending && m_transform.plotRect().contains(e->position()))
            emit pointAddRequested(data);
        m_drag = Drag::None;
        m_canvas->setCursor(Qt::CrossCursor);
        return true;
    }
    case QEvent::Wheel: {
        auto* e = static_cast<QWheelEvent*>(event);
        m_autoFit = false;
        m_transform.zoom(e->position(), std::pow(1.0015, e->angleDelta().y()));
        refresh();
        return true;
    }
    default: return false;
    }
}

} // namespace latentlab::ui
