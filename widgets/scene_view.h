#pragma once
// The live plot: draws a Scene with OpenGL when a context can be made (GlCanvas), else with
// QPainter (same code as export), and turns the mouse into pan/zoom and edit requests.
#include "widgets/scene.h"
#include "widgets/view_transform.h"

#include <QWidget>

namespace latentlab::ui {

class SceneView : public QWidget {
    Q_OBJECT
public:
    /// `forcePainter`: never try OpenGL (--no-gl).
    explicit SceneView(bool forcePainter = false, QWidget* parent = nullptr);

    /// Draws `scene`. The view is refitted to scene.dataBounds while the user has not panned
    /// or zoomed, or when the data leave the visible rect after a reset.
    void setScene(const Scene& scene);
    const Scene& scene() const { return m_scene; }
    const ViewTransform& transform() const { return m_transform; }
    bool usesOpenGL() const { return m_gl; }
    /// Why OpenGL is not used (empty when it is).
    QString fallbackReason() const { return m_fallbackReason; }

    /// True when an OpenGL context can be created and made current here. False on the
    /// offscreen/minimal platforms, where QOpenGLWidget crashes in Qt 6.4.
    static bool openGLAvailable(QString* reason = nullptr);

public slots:
    /// Fits the data bounds again (and follows them until the next pan or zoom).
    void resetView();

signals:
    void pointAddRequested(QPointF data);
    void pointRemoveRequested(QPointF data);
    /// A draggable marker (Marker::id >= 0) moves / is dropped at `data`.
    void markerDragged(int id, QPointF data);
    void markerDropped(int id, QPointF data);
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
    Scene m_scene;
    ViewTransform m_transform;
    bool m_gl = false;
    bool m_autoFit = true;
    bool m_fitOnNextScene = true;
    QString m_fallbackReason;

    enum class Drag { None, Pending, Pan, Marker };
    Drag m_drag = Drag::None;
    int m_dragMarker = -1;
    QPointF m_pressPixel, m_lastPixel;
};

} // namespace latentlab::ui
