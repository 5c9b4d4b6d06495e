#pragma once
// The live plot: draws a Scene with OpenGL when a context can be made (GlCanvas), else with
// QPainter (same code as export), and turns the mouse into pan/zoom and edit requests.
#include "widgets/scene.h"
#include "widgets/view_transform.h"

#include <QWidget>

namespace latentlab::ui {

/// How the live view draws. Auto: OpenGL on a hardware renderer; QPainter without a context
/// or on a software rasteriser (Mesa llvmpipe), where compositing a QOpenGLWidget into the
/// window costs 40-80 ms a frame on 2 cores against 15-30 ms for QPainter (measured with
/// tests/app/test_main_window on 10^6 points).
enum class RenderBackend { Auto, OpenGL, Painter };

class SceneView : public QWidget {
    Q_OBJECT
public:
    explicit SceneView(RenderBackend backend = RenderBackend::Auto, QWidget* parent = nullptr);
    /// `forcePainter`: QPainter; else OpenGL whenever a context can be made.
    explicit SceneView(bool forcePainter, QWidget* parent = nullptr)
        : SceneView(forcePainter ? RenderBackend::Painter : RenderBackend::OpenGL, parent) {}

    /// Draws `scene`. The view is refitted to scene.dataBounds while the user has not panned
    /// or zoomed, or when the data leave the visible rect after a reset.
    /// Drawn in the high-contrast look when liveHighContrast() is on (widgets/high_contrast.h).
    void setScene(const Scene& scene);
    /// The scene as given to setScene (without the live look; what exports draw).
    const Scene& scene() const { return m_source; }
    /// Draws the scene again in the live look now in force (after setLiveHighContrast).
    void restyle();
    const ViewTransform& transform() const { return m_transform; }
    bool usesOpenGL() const { return m_gl; }
    /// Why OpenGL is not used (empty when it is).
    QString fallbackReason() const { return m_fallbackReason; }

    /// True when an OpenGL context can be created and made current here. False on the
    /// offscreen/minimal platforms, where QOpenGLWidget crashes in Qt 6.4.
    /// `renderer` receives GL_RENDERER (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)").
    static bool openGLAvailable(QString* reason = nullptr, QString* renderer = nullptr);
    /// True for Mesa's software rasterisers (llvmpipe, softpipe, swrast).
    static bool isSoftwareRenderer(const QString& renderer);

    /// When on, a left-button drag asks for a rotation (rotateDragged) instead of panning: the
    /// 3-D views turn their camera. Default off.
    void setRotateOnDrag(bool on) { m_rotateOnDrag = on; }

public slots:
    /// Fits the data bounds again (and follows them until the next pan or zoom).
    void resetView();

signals:
    void pointAddRequested(QPointF data);
    void pointRemoveRequested(QPointF data);
    /// A draggable marker (Marker::id >= 0) moves / is dropped at `data`.
    void markerDragged(int id, QPointF data);
    void markerDropped(int id, QPointF data);
    /// The mouse moved over the plot with no button down (image grids show what is under it).
    void hovered(QPointF data);
    /// With setRotateOnDrag(true): the mouse moved `deltaPixels` with the left button down.
    void rotateDragged(QPointF deltaPixels);
    /// OpenGL failed after start-up; drawing continues with QPainter.
    void fellBackToPainter(const QString& reason);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void useCanvas(QWidget* canvas);
    void updateViewport();
    void refresh();

    QWidget* m_canvas = nullptr;
    Scene m_source; ///< as given
    Scene m_scene;  ///< as drawn: m_source, in the high-contrast look when that is on
    ViewTransform m_transform;
    bool m_gl = false;
    bool m_autoFit = true;
    bool m_fitOnNextScene = true;
    bool m_rotateOnDrag = false;
    QString m_fallbackReason;

    enum class Drag { None, Pending, Pan, Marker };
    Drag m_drag = Drag::None;
    int m_dragMarker = -1;
    QPointF m_pressPixel, m_lastPixel;
};

} // namespace latentlab::ui
