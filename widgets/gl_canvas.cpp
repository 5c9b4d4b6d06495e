#include "widgets/gl_canvas.h"

#include "widgets/binned_layer.h"

#include <QOpenGLContext>
#include <QPainter>

#include <algorithm>

namespace latentlab::ui {

namespace {
// Desktop GL compatibility profiles need these for gl_PointSize / gl_PointCoord.
constexpr GLenum kProgramPointSize = 0x8642;
constexpr GLenum kPointSprite = 0x8861;
constexpr int kMaxPalette = 64;

void setColor(QOpenGLShaderProgram& prog, const char* name, int index, const QColor& c) {
    prog.setUniformValue(QStringLiteral("%1[%2]").arg(QLatin1String(name)).arg(index).toLatin1().constData(),
                         QVector4D(c.redF(), c.greenF(), c.blueF(), c.alphaF()));
}
} // namespace

GlCanvas::GlCanvas(const Scene* scene, const ViewTransform* transform, QWidget* parent)
    : QOpenGLWidget(parent), m_scene(scene), m_transform(transform) {
    setMouseTracking(true);
}

GlCanvas::~GlCanvas() {
    makeCurrent();
    m_buffers.clear();
    m_points.reset();
    m_region.reset();
    doneCurrent();
}

void GlCanvas::initializeGL() {
    initializeOpenGLFunctions();
    auto build = [this](const QString& stem, QString& log) {
        auto prog = std::make_unique<QOpenGLShaderProgram>();
        const bool ok = prog->addShaderFromSourceFile(QOpenGLShader::Vertex, ":/shaders/" + stem + ".vert") &&
                        prog->addShaderFromSourceFile(QOpenGLShader::Fragment, ":/shaders/" + stem + ".frag") &&
                        prog->link();
        if (!ok) log += prog->log();
        return ok ? std::move(prog) : nullptr;
    };
    QString log;
    m_points = build(QStringLiteral("points"), log);
    m_region = build(QStringLiteral("region_field"), log);
    m_ok = m_points && m_region;
    m_pointSprite = !context()->isOpenGLES();
    if (!m_ok) emit glFailed(tr("OpenGL shaders failed to build: %1").arg(log.left(300)));
}

void GlCanvas::paintGL() {
    const Scene& s = *m_scene;
    const ViewTransform& t = *m_transform;
    QPainter p(this);
    const RenderStyle style = liveStyle();
    paintBackground(p, s, t, style);
    if (m_ok) {
        p.beginNativePainting();
        const QRectF plot = t.plotRect();
        const qreal dpr = devicePixelRatioF();
        glEnable(GL_SCISSOR_TEST);
        glScissor(static_cast<GLint>(plot.left() * dpr), static_cast<GLint>((height() - plot.bottom()) * dpr),
                  static_cast<GLsizei>(plot.width() * dpr), static_cast<GLsizei>(plot.height() * dpr));
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        for (const RegionField& f : s.regionFields) drawRegionField(f);
        glDisable(GL_SCISSOR_TEST);
        p.endNativePainting();
    }
    paintImages(p, s, t);
    if (m_buffers.size() < s.points.size()) m_buffers.resize(s.points.size());
    while (m_layers.size() < s.points.size()) {
        m_layers.push_back(std::make_unique<BinnedLayer>());
        connect(m_layers.back().get(), &BinnedLayer::ready, this, qOverload<>(&QWidget::update));
    }
    const QRectF plot = t.plotRect();
    const qreal dpr = devicePixelRatioF();
    const QSize device(std::max(1, static_cast<int>(plot.width() * dpr)), std::max(1, static_cast<int>(plot.height() * dpr)));
    for (size_t i = 0; i < s.points.size(); ++i) {
        const PointBatch& b = s.points[i];
        if (b.x && b.x->size() > static_cast<size_t>(kBinningThreshold)) {
            // Binned on a pool thread; sprites again once few enough points are in view.
            const BinnedLayer::Frame& frame = m_layers[i]->request(b, t, device);
            if (frame.visible < 0 || frame.visible > kBinningThreshold) {
                BinnedLayer::draw(p, frame, t);
                continue;
            }
        }
        if (!m_ok) continue;
        p.beginNativePainting();
        glEnable(GL_SCISSOR_TEST);
        glScissor(static_cast<GLint>(plot.left() * dpr), static_cast<GLint>((height() - plot.bottom()) * dpr),
                  static_cast<GLsizei>(plot.width() * dpr), static_cast<GLsizei>(plot.height() * dpr));
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        drawPoints(i, b);
        glDisable(GL_SCISSOR_TEST);
        p.endNativePainting();
    }
    paintOverlay(p, s, t, style);
}

void GlCanvas::drawRegionField(const RegionField& f) {
    const int K = std::min<int>(kMaxPalette, static_cast<int>(std::min(f.centres.size(), f.colors.size())));
    if (K == 0) return;
    const ViewTransform& t = *m_transform;
    const QRectF plot = t.plotRect(), v = t.visibleData();
    const double W = width(), H = height();
    auto clip = [&](QPointF px) { return QVector2D(px.x() / W * 2 - 1, 1 - px.y() / H * 2); };
    const QVector2D clipPos[4] = {clip(plot.bottomLeft()), clip(plot.bottomRight()), clip(plot.topLeft()),
                                  clip(plot.topRight())};
    const QVector2D dataPos[4] = {QVector2D(v.left(), v.top()), QVector2D(v.right(), v.top()),
                                  QVector2D(v.left(), v.bottom()), QVector2D(v.right(), v.bottom())};
    QOpenGLShaderProgram& prog = *m_region;
    prog.bind();
    for (int k = 0; k < K; ++k) {
        const QPointF c = f.centres[static_cast<size_t>(k)];
        prog.setUniformValue(QStringLiteral("u_centres[%1]").arg(k).toLatin1().constData(),
                             QVector2D(static_cast<float>(c.x()), static_cast<float>(c.y())));
        setColor(prog, "u_colors", k, f.colors[static_cast<size_t>(k)]);
    }
    prog.setUniformValue("u_count", K);
    prog.setUniformValue("u_metric", static_cast<int>(f.metric));
    prog.setUniformValue("u_opacity", f.opacity);
    const int aClip = prog.attributeLocation("a_clip"), aData = prog.attributeLocation("a_data");
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    prog.enableAttributeArray(aClip);
    prog.enableAttributeArray(aData);
    prog.setAttributeArray(aClip, clipPos);
    prog.setAttributeArray(aData, dataPos);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    prog.disableAttributeArray(aClip);
    prog.disableAttributeArray(aData);
    prog.release();
}

void GlCanvas::drawPoints(size_t index, const PointBatch& b) {
    if (!b.x || !b.y || b.palette.empty()) return;
    auto& slot = m_buffers[index];
    if (!slot) slot = std::make_unique<PointBuffers>();
    PointBuffers& buf = *slot;
    const int n = static_cast<int>(std::min(b.x->size(), b.y->size()));
    auto upload = [](QOpenGLBuffer& vbo, const void* data, int bytes) {
        if (!vbo.isCreated()) vbo.create();
        vbo.bind();
        vbo.setUsagePattern(QOpenGLBuffer::StaticDraw);
        vbo.allocate(data, bytes);
        vbo.release();
    };
    if (buf.xSource != b.x.get() || buf.positionsVersion != b.positionsVersion || buf.count != n) {
        upload(buf.x, b.x->data(), n * 4);
        upload(buf.y, b.y->data(), n * 4);
        buf.xSource = b.x.get();
        buf.positionsVersion = b.positionsVersion;
        buf.count = n;
        buf.colorsVersion = ~0ull;
        buf.rgbaVersion = ~0ull;
    }
    const void* colorSource = b.colorIndex ? b.colorIndex.get() : nullptr;
    if (buf.colorSource != colorSource || buf.colorsVersion != b.colorsVersion) {
        std::vector<uint8_t> zeros;
        const uint8_t* c = nullptr;
        if (b.colorIndex && static_cast<int>(b.colorIndex->size()) >= n) c = b.colorIndex->data();
        else {
            zeros.assign(static_cast<size_t>(n), 0);
            c = zeros.data();
        }
        upload(buf.color, c, n);
        buf.colorSource = colorSource;
        buf.colorsVersion = b.colorsVersion;
    }

    const bool direct = b.rgba && static_cast<int>(b.rgba->size()) >= n;
    if (direct && (buf.rgbaSource != b.rgba.get() || buf.rgbaVersion != b.colorsVersion)) {
        upload(buf.rgba, b.rgba->data(), n * 4);
        buf.rgbaSource = b.rgba.get();
        buf.rgbaVersion = b.colorsVersion;
    }

    const ViewTransform& t = *m_transform;
    const double W = width(), H = height();
    const QRectF plot = t.plotRect(), v = t.visibleData();
    const double sx = t.scaleX(), sy = t.scaleY();
    // clip = data * scale + offset (see shaders/points.vert)
    const QVector4D map(static_cast<float>(2 * sx / W), static_cast<float>(2 * sy / H),
                        static_cast<float>(2 * (plot.left() - v.left() * sx) / W - 1),
                        static_cast<float>(1 - 2 * (plot.bottom() + v.top() * sy) / H));
    QOpenGLShaderProgram& prog = *m_points;
    prog.bind();
    prog.setUniformValue("u_map", map);
    const float size = static_cast<float>(b.sizePx * devicePixelRatioF());
    prog.setUniformValue("u_pointSize", size);
    prog.setUniformValue("u_outline", b.outline ? std::clamp(1.6f / size * 2.0f, 0.15f, 0.45f) : 0.0f);
    prog.setUniformValue("u_opacity", b.opacity);
    const int colors = std::min<int>(kMaxPalette, static_cast<int>(b.palette.size()));
    for (int c = 0; c < colors; ++c) setColor(prog, "u_palette", c, b.palette[static_cast<size_t>(c)]);
    prog.setUniformValue("u_paletteSize", colors);
    prog.setUniformValue("u_direct", direct);
    glEnable(kProgramPointSize);
    if (m_pointSprite) glEnable(kPointSprite);
    const int ax = prog.attributeLocation("a_x"), ay = prog.attributeLocation("a_y"),
              ac = prog.attributeLocation("a_color");
    buf.x.bind();
    prog.enableAttributeArray(ax);
    prog.setAttributeBuffer(ax, GL_FLOAT, 0, 1);
    buf.y.bind();
    prog.enableAttributeArray(ay);
    prog.setAttributeBuffer(ay, GL_FLOAT, 0, 1);
    buf.color.bind();
    prog.enableAttributeArray(ac);
    // Not normalised: the shader reads the palette index itself (Qt's helper normalises).
    glVertexAttribPointer(static_cast<GLuint>(ac), 1, GL_UNSIGNED_BYTE, GL_FALSE, 0, nullptr);
    const int argba = prog.attributeLocation("a_rgba");
    if (direct && argba >= 0) {
        buf.rgba.bind();
        prog.enableAttributeArray(argba);
        glVertexAttribPointer(static_cast<GLuint>(argba), 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, nullptr);
    }
    glDrawArrays(GL_POINTS, 0, n);
    if (direct && argba >= 0) prog.disableAttributeArray(argba);
    prog.disableAttributeArray(ax);
    prog.disableAttributeArray(ay);
    prog.disableAttributeArray(ac);
    buf.color.release();
    if (m_pointSprite) glDisable(kPointSprite);
    glDisable(kProgramPointSize);
    prog.release();
}

} // namespace latentlab::ui
