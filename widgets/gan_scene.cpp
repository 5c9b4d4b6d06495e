#include "widgets/gan_scene.h"

#include "widgets/rbm_views.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace latentlab::ui {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("latentlab::ui::GanSceneBuilder", s); }

// ColorBrewer PRGn, 11 classes (Brewer 2002): purple … white … green.
constexpr std::array<QRgb, 11> kPrgn{0x40004b, 0x762a83, 0x9970ab, 0xc2a5cf, 0xe7d4e8, 0xf7f7f7,
                                     0xd9f0d3, 0xa6dba0, 0x5aae61, 0x1b7837, 0x00441b};

QColor lerp(QRgb a, QRgb b, double t) {
    auto mix = [t](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * t)); };
    return QColor(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

float sigmoid(float l) { return 1.0f / (1.0f + std::exp(-l)); }

/// dℓ/dlogit of one generated sample's generator loss (core/gan.cpp, per sample).
float lossSlope(float logit, core::GanLoss loss) {
    switch (loss) {
    case core::GanLoss::Minimax: return -sigmoid(logit);             // d log(1 − σ(l))/dl
    case core::GanLoss::NonSaturating: return sigmoid(logit) - 1.0f; // d(−log σ(l))/dl
    case core::GanLoss::LeastSquares: return logit - 1.0f;           // d ½(l − 1)²/dl
    }
    return 0.0f;
}

QString lossName(core::GanLoss loss) {
    switch (loss) {
    case core::GanLoss::Minimax: return tr("log(1 − D)");
    case core::GanLoss::NonSaturating: return tr("−log D");
    case core::GanLoss::LeastSquares: return tr("½(D − 1)²");
    }
    return {};
}

QRectF grown(const QRectF& r, double f) {
    return r.adjusted(-f * r.width(), -f * r.height(), f * r.width(), f * r.height());
}

} // namespace

QColor GanSceneBuilder::realColor() { return QColor(kPrgn[9]); }
QColor GanSceneBuilder::fakeColor() { return QColor(kPrgn[1]); }

QColor GanSceneBuilder::discriminatorColor(double p) {
    // Classes 3..7 only: the dark ends are kept for the points drawn on top.
    const double t = 3.0 + 4.0 * std::clamp(std::isfinite(p) ? p : 0.5, 0.0, 1.0);
    const int i = std::min(6, static_cast<int>(t));
    return lerp(kPrgn[static_cast<size_t>(i)], kPrgn[static_cast<size_t>(i + 1)], t - i);
}

std::vector<float> GanSceneBuilder::discriminatorGrid(const core::nn::Mlp<float>& D, const QRectF& rect, int w,
                                                      int h, float dataScale) {
    if (D.inputs() != 2) throw std::invalid_argument("the D(x) heat map needs a discriminator with 2 inputs");
    core::nn::Mat<float> X(static_cast<Eigen::Index>(w) * h, 2);
    for (int r = 0; r < h; ++r) {
        const double y = rect.bottom() - (r + 0.5) * rect.height() / h;
        for (int c = 0; c < w; ++c) {
            const Eigen::Index i = static_cast<Eigen::Index>(r) * w + c;
            X(i, 0) = static_cast<float>(rect.left() + (c + 0.5) * rect.width() / w) * dataScale;
            X(i, 1) = static_cast<float>(y) * dataScale;
        }
    }
    const core::nn::Mat<float> logits = D.predict(X);
    std::vector<float> p(static_cast<size_t>(X.rows()));
    for (Eigen::Index i = 0; i < X.rows(); ++i) p[static_cast<size_t>(i)] = sigmoid(logits(i, 0));
    return p;
}

core::nn::Mat<float> GanSceneBuilder::generatorLossGradient(const core::nn::Mlp<float>& D,
                                                            const core::nn::Mat<float>& x, core::GanLoss loss,
                                                            float dataScale) {
    if (x.cols() != D.inputs()) throw std::invalid_argument("the samples do not fit the discriminator's inputs");
    if (x.rows() == 0) return core::nn::Mat<float>(0, x.cols());
    core::nn::Mlp<float> net = D; // forward/backward keep caches: never on the snapshot's network
    const core::nn::Mat<float> xm = x * dataScale;
    const core::nn::Mat<float>& logits = net.forward(xm);
    core::nn::Mat<float> slope(x.rows(), 1);
    for (Eigen::Index i = 0; i < x.rows(); ++i) slope(i, 0) = lossSlope(logits(i, 0), loss);
    // ∂ℓ/∂x_data = ∂ℓ/∂x_model · dataScale.
    return net.backward(slope, core::nn::Grad::InputOnly) * dataScale;
}

std::vector<std::vector<QPointF>> GanSceneBuilder::manifold(const core::nn::Mlp<float>& G, core::GanNoise noise,
                                                            float dataScale, int fx, int fy, int lines, int samples) {
    const int m = G.inputs();
    if ((m != 1 && m != 2) || lines < 2 || samples < 2 || fx >= G.outputs() || fy >= G.outputs()) return {};
    const double range = noise == core::GanNoise::Uniform ? 1.0 : 2.5;
    auto at = [range](int i, int n) { return static_cast<float>(-range + 2.0 * range * i / (n - 1)); };
    const int count = m == 1 ? 1 : 2 * lines;
    const int perLine = m == 1 ? std::max(samples, 201) : samples;
    core::nn::Mat<float> Z(static_cast<Eigen::Index>(count) * perLine, m);
    for (int l = 0; l < count; ++l)
        for (int s = 0; s < perLine; ++s) {
            const Eigen::Index i = static_cast<Eigen::Index>(l) * perLine + s;
            if (m == 1) {
                Z(i, 0) = at(s, perLine);
            } else if (l < lines) { // z₁ fixed, z₂ runs
                Z(i, 0) = at(l, lines);
                Z(i, 1) = at(s, perLine);
            } else { // z₂ fixed, z₁ runs
                Z(i, 0) = at(s, perLine);
                Z(i, 1) = at(l - lines, lines);
            }
        }
    const core::nn::Mat<float> X = G.predict(Z) / dataScale;
    std::vector<std::vector<QPointF>> out(static_cast<size_t>(count));
    for (int l = 0; l < count; ++l) {
        auto& line = out[static_cast<size_t>(l)];
        line.reserve(static_cast<size_t>(perLine));
        for (int s = 0; s < perLine; ++s) {
            const Eigen::Index i = static_cast<Eigen::Index>(l) * perLine + s;
            line.emplace_back(X(i, fx), fy >= 0 ? X(i, fy) : 0.0f);
        }
    }
    return out;
}

std::vector<ImageTile> GanSceneBuilder::generatedTiles(const core::GanSnapshot& snap, const core::ImageShape& shape,
                                                       int count) {
    const auto& X = snap.generated;
    if (X.cols() != static_cast<Eigen::Index>(shape.height) * shape.width * shape.channels) return {};
    std::vector<ImageTile> tiles;
    const int n = std::min<int>(count, static_cast<int>(X.rows()));
    std::vector<float> row(static_cast<size_t>(X.cols()));
    for (int i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < X.cols(); ++j)
            row[static_cast<size_t>(j)] = std::clamp(X(i, j) * snap.dataScale, 0.0f, 1.0f);
        tiles.push_back({unitImage(row.data(), shape), QString(),
                         tr("G(z_%1): generated from fixed drawing noise z_%1").arg(i), QColor()});
    }
    return tiles;
}

QString GanSceneBuilder::caption(const core::GanSnapshot& snap) {
    QString step;
    if (snap.phase == "discriminator")
        step = snap.settings.discriminatorSteps > 1
                   ? tr("D step %1 of %2").arg(snap.dStepsThisIteration).arg(snap.settings.discriminatorSteps)
                   : tr("D step");
    else if (snap.phase == "generator")
        step = tr("G step");
    else
        step = tr("random G and D");
    return tr("Iteration %1 · %2").arg(snap.iteration).arg(step);
}

Scene GanSceneBuilder::build(const core::GanSnapshot& snap, const GanViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || !snap.generator || !snap.discriminator) return scene;
    const core::Dataset& data = *snap.data;
    const int d = data.d();
    if (d == 1 && snap.generated.cols() == 1) return build1d(snap, o);
    const int fx = std::clamp(o.featureX, 0, d - 1);
    const int fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : -1;
    m_columns.update(snap.data, fx, fy);
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = fy >= 0 ? DataColumns::featureName(data, fy) : QString();
    scene.equalAspect = o.equalAspect;
    QRectF bounds = m_columns.bounds();
    scene.dataBounds = grown(bounds, 0.12);
    // Room on the right for the legend, which sits in the plot's top-right corner.
    const QRectF fit = scene.dataBounds;
    scene.dataBounds.setRight(fit.right() + 0.7 * fit.width());

    // D(x) under everything (the whole of x is the plane only for d = 2).
    if (o.showHeatMap && d == 2) {
        // Beyond the bounds: a wide window with equal aspect shows more than them.
        const QRectF area = grown(scene.dataBounds, 0.5);
        const double aspect = area.width() / area.height();
        const int w = std::max(8, static_cast<int>(std::lround(o.heatMapSize * std::sqrt(aspect))));
        const int h = std::max(8, static_cast<int>(std::lround(o.heatMapSize / std::sqrt(aspect))));
        const std::vector<float> p = discriminatorGrid(*snap.discriminator, area, w, h, snap.dataScale);
        QImage img(w, h, QImage::Format_RGB32);
        for (int r = 0; r < h; ++r) {
            auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
            for (int c = 0; c < w; ++c) line[c] = discriminatorColor(p[static_cast<size_t>(r) * w + c]).rgb();
        }
        scene.images.push_back({img, area, 1.0f, true});
        LegendEntry bar{tr("D(x): 0 fake … 1 real"), discriminatorColor(0.5), LegendEntry::Kind::Area};
        for (int i = 0; i <= 8; ++i) bar.gradient.push_back(discriminatorColor(i / 8.0));
        scene.legend.push_back(bar);
    }

    // The generator's manifold.
    const core::nn::Mat<float>& gen = snap.generated;
    if (o.showManifold) {
        const auto lines = manifold(*snap.generator, snap.settings.noise, snap.dataScale, fx, fy, o.manifoldLines);
        const bool curve = lines.size() == 1;
        for (size_t i = 0; i < lines.size(); ++i) {
            const bool edge = !curve && (i == 0 || i + 1 == lines.size() / 2 || i == lines.size() / 2 || i + 1 == lines.size());
            // An outlined area that runs along the line and back: drawn under the points.
            FilledArea l;
            l.points = lines[i];
            l.points.insert(l.points.end(), lines[i].rbegin(), lines[i].rend());
            l.fill = Qt::transparent;
            l.outline = curve ? QColor(50, 50, 50, 200) : QColor(40, 40, 40, edge ? 150 : 60);
            l.outlineWidthPx = curve ? 2.2f : edge ? 1.4f : 0.8f;
            scene.areas.push_back(std::move(l));
        }
        if (!lines.empty())
            scene.legend.push_back({snap.settings.noiseDim == 1 ? tr("G(z) for z on a line (the manifold)")
                                                                : tr("G(z grid): the manifold"),
                                    QColor(45, 45, 45, 170), LegendEntry::Kind::Line, 1.5f});
    }

    PointBatch real;
    real.x = m_columns.x();
    real.y = m_columns.y();
    real.positionsVersion = m_columns.version();
    real.colorsVersion = 1;
    real.palette = {realColor()};
    real.sizePx = data.n() > 5000 ? 4.0f : 6.5f;
    real.opacity = 0.9f;
    scene.points.push_back(real);
    scene.legend.push_back({tr("real data"), realColor(), LegendEntry::Kind::Point});

    if (gen.rows() > 0 && gen.cols() == d) {
        auto gx = std::make_shared<std::vector<float>>(static_cast<size_t>(gen.rows()));
        auto gy = std::make_shared<std::vector<float>>(static_cast<size_t>(gen.rows()));
        for (Eigen::Index i = 0; i < gen.rows(); ++i) {
            (*gx)[static_cast<size_t>(i)] = gen(i, fx);
            (*gy)[static_cast<size_t>(i)] = fy >= 0 ? gen(i, fy) : 0.0f;
        }
        PointBatch fake;
        fake.x = gx;
        fake.y = gy;
        fake.positionsVersion = ++m_generatedVersion;
        fake.colorsVersion = 1;
        fake.palette = {fakeColor()};
        fake.sizePx = 5.0f;
        fake.opacity = 0.85f;
        scene.points.push_back(std::move(fake));
        scene.legend.push_back({tr("generated G(z)"), fakeColor(), LegendEntry::Kind::Point});
    }

    if (o.showArrows && gen.rows() > 0 && gen.cols() == snap.discriminator->inputs() && o.arrowCount > 0) {
        const int n = std::min<int>(o.arrowCount, static_cast<int>(gen.rows()));
        core::nn::Mat<float> x(n, gen.cols());
        for (int j = 0; j < n; ++j) x.row(j) = gen.row(static_cast<Eigen::Index>(j) * gen.rows() / n);
        const core::nn::Mat<float> g = generatorLossGradient(*snap.discriminator, x, snap.settings.loss, snap.dataScale);
        std::vector<double> norms;
        for (int j = 0; j < n; ++j)
            norms.push_back(std::hypot(g(j, fx), fy >= 0 ? g(j, fy) : 0.0f));
        std::vector<double> sorted = norms;
        std::sort(sorted.begin(), sorted.end());
        const double top = sorted[static_cast<size_t>(0.95 * (n - 1))];
        // One scale for all arrows (their lengths compare); the 95th percentile spans 7 % of the view.
        const double diag = std::hypot(fit.width(), fit.height());
        const double scale = top > 0 && std::isfinite(top) ? 0.07 * diag / top : 0.0;
        for (int j = 0; j < n && scale > 0; ++j) {
            const double len = std::min(norms[static_cast<size_t>(j)] * scale, 0.1 * diag);
            if (!(len > 1e-3 * diag)) continue;
            const double f = len / norms[static_cast<size_t>(j)];
            const QPointF a(x(j, fx), fy >= 0 ? x(j, fy) : 0.0f);
            Polyline l;
            l.points = {a, a - QPointF(f * g(j, fx), fy >= 0 ? f * g(j, fy) : 0.0)}; // descent: −∂ℓ/∂x
            l.color = QColor(15, 15, 15, 200);
            l.widthPx = 1.3f;
            l.arrowHead = true;
            scene.lines.push_back(std::move(l));
        }
        scene.legend.push_back({tr("−∂ℓ/∂x, ℓ = %1").arg(lossName(snap.settings.loss)),
                                QColor(20, 20, 20), LegendEntry::Kind::Line, 1.4f});
    }

    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

} // namespace latentlab::ui
