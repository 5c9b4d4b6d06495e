#include "widgets/rbm_views.h"

#include "core/rng.h"
#include "widgets/pca_views.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace latentlab::ui {

namespace {
/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct RbmViews {
    Q_DECLARE_TR_FUNCTIONS(RbmViews)
};
} // namespace

core::ImageShape rbmImageShape(const std::optional<core::ImageShape>& shape, int visible) {
    if (shape && static_cast<int64_t>(shape->height) * shape->width * shape->channels == visible) return *shape;
    return core::ImageShape{1, std::max(1, visible), 1};
}

std::vector<ImageTile> filterTiles(const core::RbmWeights& theta, const core::ImageShape& shape, int maxCount) {
    const int shown = std::clamp(theta.hidden(), 0, std::max(0, maxCount));
    std::vector<ImageTile> tiles;
    tiles.reserve(static_cast<size_t>(shown));
    for (int j = 0; j < shown; ++j) {
        const float* w = theta.W.col(j).data();
        tiles.push_back({divergingImage(w, shape), QString(),
                         RbmViews::tr("hidden unit %1: ‖w‖ = %2, b_j = %3, largest |W_ij| = %4")
                             .arg(j)
                             .arg(theta.W.col(j).norm(), 0, 'g', 3)
                             .arg(theta.b[j], 0, 'g', 3)
                             .arg(theta.W.col(j).cwiseAbs().maxCoeff(), 0, 'g', 3),
                         QColor()});
    }
    return tiles;
}

QImage hiddenImage(const float* p, int H) {
    const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(H)))));
    const int rows = std::max(1, (H + cols - 1) / cols);
    QImage img(cols, rows, QImage::Format_RGB32);
    img.fill(QColor(0x9a, 0xa8, 0xb8));
    for (int j = 0; j < H; ++j) {
        const int g = static_cast<int>(std::lround(std::clamp(p[j], 0.0f, 1.0f) * 255.0f));
        img.setPixel(j % cols, j / cols, qRgb(g, g, g));
    }
    return img;
}

QImage unitImage(const float* values, const core::ImageShape& shape) { return greyImage(values, shape, 0.0f, 1.0f); }

std::vector<ImageTile> triptychTiles(const core::RbmWeights& theta, const core::Matrix& inputs,
                                     const core::ImageShape& shape, int k, uint64_t seed,
                                     const std::vector<QString>& names) {
    if (inputs.rows() == 0) return {};
    core::Rng rng(seed);
    const std::vector<core::GibbsState> chain = core::gibbsChain(theta, inputs, k, rng, 1);
    const int H = theta.hidden();
    std::vector<ImageTile> tiles;
    for (int n = 0; n < inputs.rows(); ++n) {
        const Eigen::VectorXf v = inputs.row(n).transpose();
        const Eigen::VectorXf ph = chain.front().hiddenProbabilities.row(n).transpose();
        const Eigen::VectorXf r1 = chain.front().visibleProbabilities.row(n).transpose();
        const Eigen::VectorXf rk = chain.back().visibleProbabilities.row(n).transpose();
        const QString name = n < static_cast<int>(names.size()) ? names[static_cast<size_t>(n)] : QString::number(n);
        const double e1 = (v - r1).squaredNorm() / std::max<Eigen::Index>(1, v.size());
        const double ek = (v - rk).squaredNorm() / std::max<Eigen::Index>(1, v.size());
        tiles.push_back({unitImage(v.data(), shape), name, RbmViews::tr("input v: %1").arg(name), QColor()});
        tiles.push_back({hiddenImage(ph.data(), H), RbmViews::tr("p(h|v)"),
                         RbmViews::tr("p(h_j = 1 | v) for the %1 hidden units (black 0, white 1), row by row; mean %2, %3 above ½")
                             .arg(H)
                             .arg(ph.mean(), 0, 'f', 3)
                             .arg((ph.array() > 0.5f).count()),
                         QColor()});
        tiles.push_back({unitImage(r1.data(), shape), RbmViews::tr("1 step"),
                         RbmViews::tr("p(v | h), h ~ p(h | v): one Gibbs step; mean squared error %1").arg(e1, 0, 'g', 3), QColor()});
        tiles.push_back({unitImage(rk.data(), shape), RbmViews::tr("%1 steps").arg(k),
                         RbmViews::tr("p(v | h) after %1 Gibbs steps v → h → v; mean squared error to the input %2")
                             .arg(k)
                             .arg(ek, 0, 'g', 3),
                         QColor()});
    }
    return tiles;
}

ImageGridLayout triptychLayout(int k) {
    ImageGridLayout layout;
    layout.columns = 4;
    layout.gap = 0.6;
    layout.captionLines = 1;
    layout.captionPointSize = 9.0;
    layout.title = RbmViews::tr("input v | p(h|v) | p(v|h) after 1 Gibbs step | after %1 steps (current weights)").arg(k);
    return layout;
}

PaintCanvas::PaintCanvas(QWidget* parent) : QWidget(parent) {
    setMinimumSize(120, 120);
    setCursor(Qt::CrossCursor);
    setToolTip(RbmViews::tr("Paint the input: left button white, right button black"));
}

void PaintCanvas::setImage(std::vector<float> values, const core::ImageShape& shape) {
    m_values = std::move(values);
    m_shape = shape;
    update();
}

QRectF PaintCanvas::imageRect() const {
    if (m_shape.width <= 0 || m_shape.height <= 0) return {};
    const double s = std::min((width() - 8.0) / m_shape.width, (height() - 8.0) / m_shape.height);
    const QSizeF size(s * m_shape.width, s * m_shape.height);
    return QRectF(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

bool PaintCanvas::paintAt(QPointF pos, bool white) {
    const QRectF r = imageRect();
    if (r.isEmpty() || !r.contains(pos)) return false;
    const int cx = static_cast<int>((pos.x() - r.left()) / r.width() * m_shape.width);
    const int cy = static_cast<int>((pos.y() - r.top()) / r.height() * m_shape.height);
    const int lo = -(m_brush - 1) / 2, hi = m_brush / 2; // brush 1: the pixel; 2: it and right/below
    for (int y = cy + lo; y <= cy + hi; ++y)
        for (int x = cx + lo; x <= cx + hi; ++x) {
            if (x < 0 || y < 0 || x >= m_shape.width || y >= m_shape.height) continue;
            const size_t i = (static_cast<size_t>(y) * m_shape.width + x) * m_shape.channels;
            if (i < m_values.size()) m_values[i] = white ? 1.0f : 0.0f;
        }
    update();
    emit edited();
    return true;
}

void PaintCanvas::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton || e->button() == Qt::RightButton)
        paintAt(e->position(), e->button() == Qt::LeftButton);
}

void PaintCanvas::mouseMoveEvent(QMouseEvent* e) {
    if (e->buttons() & (Qt::LeftButton | Qt::RightButton)) paintAt(e->position(), e->buttons() & Qt::LeftButton);
}

void PaintCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRectF r = imageRect();
    if (r.isEmpty() || m_values.empty()) return;
    p.drawImage(r, unitImage(m_values.data(), m_shape));
    p.setPen(QPen(QColor(0xD5, 0x5E, 0x00), 2));
    p.drawRect(r.adjusted(-1, -1, 1, 1));
}

} // namespace latentlab::ui
