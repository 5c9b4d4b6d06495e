#pragma once
// The live OpenGL layer of SceneView: region fields (fragment shader) and point sprites
// (VBOs uploaded only when their version changes, transform as uniforms); background, images,
// binned large point sets and the overlay are drawn with the shared QPainter code on top.
#include "widgets/painter_renderer.h"

#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLWidget>

#include <functional>
#include <memory>

namespace latentlab::ui {

class BinnedLayer;

class GlCanvas : public QOpenGLWidget, protected QOpenGLFunctions {
    Q_OBJECT
public:
    /// `scene` and `transform` are read at every paint (owned by the SceneView).
    GlCanvas(const Scene* scene, const ViewTransform* transform, QWidget* parent = nullptr);
    ~GlCanvas() override;

signals:
    /// Shaders could not be built: the owner switches to the QPainter canvas.
    void glFailed(const QString& reason);

protected:
    void initializeGL() override;
    void paintGL() override;

private:
    struct PointBuffers {
        QOpenGLBuffer x{QOpenGLBuffer::VertexBuffer}, y{QOpenGLBuffer::VertexBuffer},
            color{QOpenGLBuffer::VertexBuffer}, rgba{QOpenGLBuffer::VertexBuffer};
        const void* xSource = nullptr;
        const void* colorSource = nullptr;
        const void* rgbaSource = nullptr;
        uint64_t rgbaVersion = ~0ull;
        uint64_t positionsVersion = ~0ull, colorsVersion = ~0ull;
        int count = 0;
    };
    void drawRegionField(const RegionField& field);
    void drawPoints(size_t index, const PointBatch& batch);

    const Scene* m_scene;
    const ViewTransform* m_transform;
    std::unique_ptr<QOpenGLShaderProgram> m_points, m_region;
    std::vector<std::unique_ptr<PointBuffers>> m_buffers;
    std::vector<std::unique_ptr<BinnedLayer>> m_layers;
    bool m_ok = false;
    bool m_pointSprite = false;
};

} // namespace latentlab::ui
