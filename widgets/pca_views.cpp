#include "widgets/pca_views.h"

#include "widgets/palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentlab::ui {

namespace {

/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct PcaViews {
    Q_DECLARE_TR_FUNCTIONS(PcaViews)
};

const QColor kCutoff(0xD5, 0x5E, 0x00); // vermillion (Okabe–Ito), as the found components
const QColor kCaption(40, 40, 40);

TextItem note(const QString& text, QPointF at, float pointSize = 13.0f) {
    TextItem t;
    t.text = text;
    t.pos = at;
    t.anchoredToPlot = true;
    t.pointSize = pointSize;
    t.color = kCaption;
    return t;
}

/// RdBu-like diverging map at t ∈ [−1, 1]: blue (−1), white (0), red (+1).
QRgb diverging(float t) {
    t = std::clamp(t, -1.0f, 1.0f);
    const QColor neg(0x21, 0x66, 0xAC), pos(0xB2, 0x18, 0x2B);
    const QColor& c = t < 0 ? neg : pos;
    const float a = std::abs(t);
    auto mix = [a](int v) { return static_cast<int>(std::lround(255 + (v - 255) * a)); };
    return qRgb(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QString percent(double ratio) { return QString::number(100 * ratio, 'f', ratio < 0.1 ? 2 : 1) + QLatin1Char('%'); }

} // namespace

void Rotation3D::rotate(double x, double y, double z, double& ox, double& oy, double& oz) const {
    const double cy = std::cos(yaw), sy = std::sin(yaw), cp = std::cos(pitch), sp = std::sin(pitch);
    // Yaw about the view's y axis, then pitch about its x axis.
    const double x1 = cy * x + sy * z;
    const double z1 = -sy * x + cy * z;
    ox = x1;
    oy = cp * y - sp * z1;
    oz = sp * y + cp * z1;
}

Scene PcaProjection3D::build(const std::shared_ptr<const core::Dataset>& data,
                             const std::shared_ptr<const core::PcaResult>& exact, const Rotation3D& rot) {
    Scene scene;
    scene.showAxes = false;
    scene.equalAspect = true;
    scene.dataBounds = QRectF(-1, -1, 2, 2);
    if (!data || !exact || exact->count() < 3 || data->d() != exact->dim() || data->n() == 0) {
        scene.texts.push_back(note(PcaViews::tr("The 3-D view needs data with at least three features."), QPointF(0.5, 0.5)));
        scene.texts.back().align = Qt::AlignCenter;
        return scene;
    }
    const int n = data->n();
    if (m_of.lock() != exact || m_dataOf.lock() != data) {
        const core::Matrix Y = exact->project(data->X, 3);
        m_scores.resize(static_cast<size_t>(n) * 3);
        double r2 = 0;
        for (int i = 0; i < n; ++i) {
            for (int k = 0; k < 3; ++k) m_scores[static_cast<size_t>(3 * i + k)] = Y(i, k);
            r2 = std::max(r2, static_cast<double>(Y.row(i).squaredNorm()));
        }
        m_radius = r2 > 0 ? std::sqrt(r2) : 1.0;
        m_of = exact;
        m_dataOf = data;
    }
    ++m_version; // every rotation moves every point

    // Rotate, then draw far to near so the near points cover the far ones.
    std::vector<float> vx(static_cast<size_t>(n)), vy(static_cast<size_t>(n)), vz(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        double ox, oy, oz;
        const float* s = &m_scores[static_cast<size_t>(3 * i)];
        rot.rotate(s[0], s[1], s[2], ox, oy, oz);
        vx[static_cast<size_t>(i)] = static_cast<float>(ox);
        vy[static_cast<size_t>(i)] = static_cast<float>(oy);
        vz[static_cast<size_t>(i)] = static_cast<float>(oz);
    }
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return vz[static_cast<size_t>(a)] < vz[static_cast<size_t>(b)]; });

    int classes = 1;
    if (data->hasLabels()) classes = std::clamp(*std::max_element(data->labels.begin(), data->labels.end()) + 1, 1, 64);
    const std::vector<QColor> palette = categoricalPalette(classes);
    auto x = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
    auto y = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
    auto rgba = std::make_shared<std::vector<QRgb>>(static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) {
        const auto i = static_cast<size_t>(order[static_cast<size_t>(j)]);
        (*x)[static_cast<size_t>(j)] = vx[i];
        (*y)[static_cast<size_t>(j)] = vy[i];
        const int label = data->hasLabels() ? std::clamp(data->labels[i], 0, classes - 1) : 0;
        const QColor c = palette[static_cast<size_t>(label)];
        // Depth cue: towards white with distance, up to 55 % at the back of the cloud.
        const double fade = 0.55 * std::clamp((1.0 - vz[i] / m_radius) / 2.0, 0.0, 1.0);
        auto mix = [fade](int v) { return static_cast<int>(std::lround(v + (255 - v) * fade)); };
        (*rgba)[static_cast<size_t>(j)] = qRgb(mix(c.red()), mix(c.green()), mix(c.blue()));
    }
    PointBatch points;
    points.x = std::move(x);
    points.y = std::move(y);
    points.rgba = std::move(rgba);
    points.palette = palette;
    points.positionsVersion = points.colorsVersion = m_version;
    points.sizePx = n > 2000 ? 4.0f : 7.0f;
    points.outline = n <= 20000;
    scene.points.push_back(std::move(points));

    // The PC axes as a triad through the origin, labelled at their positive ends.
    const double len = 0.9 * m_radius;
    for (int k = 0; k < 3; ++k) {
        double e[3] = {0, 0, 0};
        e[k] = len;
        double ox, oy, oz;
        rot.rotate(e[0], e[1], e[2], ox, oy, oz);
        Polyline l;
        l.points = {QPointF(-0.35 * ox, -0.35 * oy), QPointF(ox, oy)};
        l.color = QColor(60, 60, 60);
        l.widthPx = 2.0f;
        l.arrowHead = true;
        scene.lines.push_back(std::move(l));
        TextItem t;
        t.text = PcaViews::tr("PC%1 (%2)").arg(k + 1).arg(percent(exact->explainedVarianceRatio[k]));
        t.pos = QPointF(1.04 * ox, 1.04 * oy);
        t.pointSize = 12.0f;
        t.color = QColor(40, 40, 40);
        t.align = (ox >= 0 ? Qt::AlignLeft : Qt::AlignRight) | (oy >= 0 ? Qt::AlignBottom : Qt::AlignTop);
        scene.texts.push_back(t);
    }
    scene.dataBounds = QRectF(-1.1 * m_radius, -1.1 * m_radius, 2.2 * m_radius, 2.2 * m_radius);
    scene.texts.push_back(note(PcaViews::tr("Scores on PC1–PC3 · drag to turn"), QPointF(0.015, 0.985)));
    for (int c = 0; c < classes && classes <= 12 && c < static_cast<int>(data->labelNames.size()) && data->hasLabels(); ++c) {
        TextItem t = note(QStringLiteral("● ") + QString::fromStdString(data->labelNames[static_cast<size_t>(c)]),
                          QPointF(0.985, 0.985 - 0.06 * c), 11.0f);
        t.color = palette[static_cast<size_t>(c)];
        t.align = Qt::AlignRight | Qt::AlignTop;
        scene.texts.push_back(t);
    }
    return scene;
}

std::pair<float, float> pixelRange(const core::Dataset& data) {
    if (data.X.size() == 0) return {0.0f, 1.0f};
    const float lo = data.X.minCoeff(), hi = data.X.maxCoeff();
    return hi > lo ? std::pair{lo, hi} : std::pair{lo, lo + 1.0f};
}

QImage greyImage(const float* pixels, const core::ImageShape& shape, float lo, float hi) {
    QImage img(shape.width, shape.height, QImage::Format_RGB32);
    const float scale = hi > lo ? 255.0f / (hi - lo) : 0.0f;
    for (int r = 0; r < shape.height; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        for (int c = 0; c < shape.width; ++c) {
            const float v = pixels[(static_cast<size_t>(r) * shape.width + c) * shape.channels];
            const int g = static_cast<int>(std::lround(std::clamp((v - lo) * scale, 0.0f, 255.0f)));
            line[c] = qRgb(g, g, g);
        }
    }
    return img;
}

QImage divergingImage(const float* values, const core::ImageShape& shape) {
    const size_t count = static_cast<size_t>(shape.height) * shape.width * shape.channels;
    float peak = 0;
    for (size_t i = 0; i < count; ++i) peak = std::max(peak, std::abs(values[i]));
    QImage img(shape.width, shape.height, QImage::Format_RGB32);
    for (int r = 0; r < shape.height; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        for (int c = 0; c < shape.width; ++c) {
            const float v = values[(static_cast<size_t>(r) * shape.width + c) * shape.channels];
            line[c] = diverging(peak > 0 ? v / peak : 0.0f);
        }
    }
    return img;
}

Scene eigenImagesScene(const core::Dataset& data, const core::PcaResult& exact, int count, int cutoffM,
                       std::vector<ImageTile>* tilesOut, ImageGridLayout* layoutOut) {
    if (!data.imageShape || exact.dim() != data.d()) {
        Scene scene;
        scene.showAxes = false;
        scene.dataBounds = QRectF(0, 0, 1, 1);
        scene.texts.push_back(note(PcaViews::tr("Eigen-images need image data (digits, Fashion-MNIST, an IDX file)."), QPointF(0.5, 0.5)));
        scene.texts.back().align = Qt::AlignCenter;
        return scene;
    }
    const core::ImageShape shape = *data.imageShape;
    const int shown = std::clamp(count, 0, exact.count());
    const auto [lo, hi] = pixelRange(data);
    std::vector<ImageTile> tiles;
    Eigen::VectorXf v = exact.mean;
    tiles.push_back({greyImage(v.data(), shape, lo, hi), PcaViews::tr("mean x̄"), PcaViews::tr("the mean image x̄"), QColor()});
    for (int i = 0; i < shown; ++i) {
        v = exact.components.col(i);
        const bool kept = i < cutoffM;
        tiles.push_back({divergingImage(v.data(), shape), PcaViews::tr("%1: %2").arg(i + 1).arg(percent(exact.explainedVarianceRatio[i])),
                         PcaViews::tr("PC%1: λ = %2, %3 of the variance%4")
                             .arg(i + 1)
                             .arg(exact.explainedVariance[i], 0, 'g', 4)
                             .arg(percent(exact.explainedVarianceRatio[i]))
                             .arg(kept ? PcaViews::tr(" (kept with M = %1)").arg(cutoffM) : QString()),
                         kept ? kCutoff : QColor()});
    }
    ImageGridLayout layout;
    layout.columns = std::min(9, static_cast<int>(tiles.size()));
    layout.gap = 0.25;
    layout.captionLines = 1;
    layout.title = PcaViews::tr("Mean and eigen-images 1–%1 (blue −, red +) · framed: the M = %2 kept")
                       .arg(shown)
                       .arg(std::min(cutoffM, exact.count()));
    Scene scene = imageGridScene(tiles, layout);
    if (tilesOut) *tilesOut = std::move(tiles);
    if (layoutOut) *layoutOut = layout;
    return scene;
}

std::vector<int> reconstructionCounts(int r, int cutoffM) {
    std::vector<int> counts;
    for (int base = 1; base < r; base *= 10)
        for (int m : {1, 2, 5})
            if (m * base < r) counts.push_back(m * base);
    if (cutoffM >= 1 && cutoffM <= r) counts.push_back(cutoffM);
    if (r >= 1) counts.push_back(r);
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    return counts;
}

Scene reconstructionScene(const core::Dataset& data, const core::PcaResult& exact, int index, int cutoffM,
                          std::vector<ImageTile>* tilesOut, ImageGridLayout* layoutOut) {
    if (!data.imageShape || exact.dim() != data.d() || index < 0 || index >= data.n()) {
        Scene scene;
        scene.showAxes = false;
        scene.dataBounds = QRectF(0, 0, 1, 1);
        scene.texts.push_back(note(PcaViews::tr("Reconstructions need image data (digits, Fashion-MNIST, an IDX file)."),
                                   QPointF(0.5, 0.5)));
        scene.texts.back().align = Qt::AlignCenter;
        return scene;
    }
    const core::ImageShape shape = *data.imageShape;
    const auto [lo, hi] = pixelRange(data);
    const core::Matrix x = data.X.row(index);
    const int r = exact.count();
    const std::vector<int> counts = reconstructionCounts(r, cutoffM);
    const core::Matrix scores = exact.project(x, r); // 1 × r, once; each M takes a prefix

    QString name = PcaViews::tr("#%1").arg(index);
    if (data.hasLabels() && static_cast<size_t>(data.labels[static_cast<size_t>(index)]) < data.labelNames.size())
        name += QStringLiteral(" “") +
                QString::fromStdString(data.labelNames[static_cast<size_t>(data.labels[static_cast<size_t>(index)])]) +
                QStringLiteral("”");
    std::vector<ImageTile> tiles;
    tiles.push_back({greyImage(x.data(), shape, lo, hi), PcaViews::tr("original\n%1").arg(name), PcaViews::tr("sample %1").arg(name), QColor()});
    for (int M : counts) {
        const core::Matrix xhat = exact.reconstruct(scores.leftCols(M));
        const double err = (x - xhat).squaredNorm();
        const double kept = exact.explainedVarianceRatio.head(M).sum();
        const QString errText = err < 0.01 ? QStringLiteral("≈ 0") : QString::number(err, 'g', 3);
        tiles.push_back({greyImage(xhat.data(), shape, lo, hi),
                         (M == r ? PcaViews::tr("M = %1 (all)") : PcaViews::tr("M = %1")).arg(M) + PcaViews::tr("\n%1 kept\nerr %2").arg(percent(kept)).arg(errText),
                         PcaViews::tr("through the first %1 components: %2 of the variance kept, ‖x − x̂‖² = %3")
                             .arg(M)
                             .arg(percent(kept))
                             .arg(err, 0, 'g', 4),
                         M == cutoffM ? kCutoff : QColor()});
    }
    ImageGridLayout layout;
    const int cells = static_cast<int>(tiles.size());
    layout.columns = cells <= 12 ? (cells + 1) / 2 : 6; // two rows while they fit
    layout.gap = 0.7;
    layout.captionLines = 3;
    layout.captionPointSize = 10.5;
    layout.title = PcaViews::tr("x̂ = x̄ + Σᵢ (uᵢᵀ(x − x̄)) uᵢ over i = 1..M, with the variance kept and the error ‖x − x̂‖²");
    Scene scene = imageGridScene(tiles, layout);
    if (tilesOut) *tilesOut = std::move(tiles);
    if (layoutOut) *layoutOut = layout;
    return scene;
}

} // namespace latentlab::ui
