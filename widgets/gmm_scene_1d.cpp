#include "widgets/gmm_scene_1d.h"

#include "widgets/data_columns.h"
#include "widgets/gmm_scene.h"
#include "widgets/math_text.h"
#include "widgets/palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct GmmScene {
    Q_DECLARE_TR_FUNCTIONS(GmmScene)
};

struct Component1d {
    double pi, mu, sigma;
    double at(double x) const {
        const double z = (x - mu) / sigma;
        return pi * std::exp(-0.5 * z * z) / (sigma * std::sqrt(2 * M_PI));
    }
    double peak() const { return pi / (sigma * std::sqrt(2 * M_PI)); }
};

/// `v` with `decimals` decimals (3 significant digits when smaller), a real minus sign.
QString number(double v, int decimals) {
    const QString s = std::abs(v) >= 0.1 || v == 0 ? QString::number(v, 'f', decimals) : QString::number(v, 'g', 2);
    return QString(s).replace(u'-', QChar(0x2212));
}

/// Component k's marginal on feature j; σ of a non-positive variance is clamped to a tiny
/// positive number (a collapsed component draws as a spike, not as NaN).
Component1d componentOf(const core::GmmSnapshot& s, int k, int j) {
    const double var = s.covariances[static_cast<size_t>(k)](j, j);
    return {s.weights[k], s.means(k, j), std::sqrt(std::max(var, 1e-300))};
}

} // namespace

double DensityHistogram::maxDensity() const {
    return density.empty() ? 0.0 : *std::max_element(density.begin(), density.end());
}

int Gmm1dSceneBuilder::binCount(int n) {
    return std::clamp(static_cast<int>(std::ceil(2.0 * std::cbrt(std::max(1, n)))), 5, 80);
}

DensityHistogram Gmm1dSceneBuilder::histogram(const std::vector<float>& x, int bins) {
    DensityHistogram h;
    bins = std::max(1, bins);
    h.density.assign(static_cast<size_t>(bins), 0.0);
    if (x.empty()) return h;
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    double lo = *mn, hi = *mx;
    if (!(hi - lo > 1e-9 * std::max(1.0, std::abs(lo)))) lo -= 0.5, hi += 0.5;
    h.lo = lo;
    h.width = (hi - lo) / bins;
    for (float v : x) {
        const int b = std::clamp(static_cast<int>((v - lo) / h.width), 0, bins - 1); // max in the last bin
        h.density[static_cast<size_t>(b)] += 1.0;
    }
    for (double& d : h.density) d /= static_cast<double>(x.size()) * h.width;
    return h;
}

Scene Gmm1dSceneBuilder::build(const core::GmmSnapshot& snap, int feature, const QString& caption) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || snap.weights.size() == 0) return scene;
    const core::Dataset& data = *snap.data;
    const int j = std::clamp(feature, 0, data.d() - 1);
    const int n = data.n();
    if (m_data.lock() != snap.data || m_feature != j || !m_x) {
        // Data or feature changed: histogram and rug positions (fixed while the model runs).
        auto x = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
        auto y = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) (*x)[static_cast<size_t>(i)] = data.X(i, j);
        m_histogram = histogram(*x, binCount(n));
        const double band = std::max(1e-12, m_histogram.maxDensity());
        for (int i = 0; i < n; ++i) { // a jittered strip under the axis (golden-ratio sequence)
            const double u = std::fmod(0.6180339887498949 * i, 1.0);
            (*y)[static_cast<size_t>(i)] = static_cast<float>(-band * (0.035 + 0.1 * u));
        }
        m_x = std::move(x);
        m_rugY = std::move(y);
        m_data = snap.data;
        m_feature = j;
        ++m_version;
    }
    const DensityHistogram& h = m_histogram;
    const double H = std::max(1e-12, h.maxDensity());
    const int K = static_cast<int>(snap.weights.size());
    const std::vector<QColor> colors = categoricalPalette(K);
    std::vector<Component1d> comps;
    for (int k = 0; k < K; ++k) comps.push_back(componentOf(snap, k, j));

    // x range: the data and every component's μ ± 3σ, but not beyond one data span.
    const double dataLo = h.lo, dataHi = h.lo + h.width * static_cast<double>(h.density.size());
    const double span = dataHi - dataLo;
    double lo = dataLo, hi = dataHi;
    for (const Component1d& c : comps) {
        lo = std::min(lo, std::max(c.mu - 3 * c.sigma, dataLo - span));
        hi = std::max(hi, std::min(c.mu + 3 * c.sigma, dataHi + span));
    }
    const double pad = 0.03 * (hi - lo);
    lo -= pad;
    hi += pad;

    // Sample points: an even grid plus every mean (narrow peaks are not cut off).
    std::vector<double> xs;
    constexpr int kSamples = 600;
    for (int i = 0; i <= kSamples; ++i) xs.push_back(lo + (hi - lo) * i / kSamples);
    for (const Component1d& c : comps)
        if (c.mu > lo && c.mu < hi) xs.push_back(c.mu);
    std::sort(xs.begin(), xs.end());

    for (size_t b = 0; b < h.density.size(); ++b) {
        if (h.density[b] <= 0) continue;
        const double x0 = h.lo + h.width * static_cast<double>(b), x1 = x0 + h.width;
        FilledArea bar;
        bar.points = {{x0, 0}, {x1, 0}, {x1, h.density[b]}, {x0, h.density[b]}};
        bar.fill = QColor(172, 172, 172, 150);
        bar.outline = QColor(255, 255, 255, 220);
        bar.outlineWidthPx = 1.0f;
        scene.areas.push_back(std::move(bar));
    }
    double top = H;
    std::vector<QPointF> mixture(xs.size());
    for (size_t i = 0; i < xs.size(); ++i) mixture[i] = QPointF(xs[i], 0.0);
    for (int k = 0; k < K; ++k) {
        const Component1d& c = comps[static_cast<size_t>(k)];
        Polyline curve;
        curve.points.reserve(xs.size());
        for (size_t i = 0; i < xs.size(); ++i) {
            const double v = c.at(xs[i]);
            curve.points.emplace_back(xs[i], v);
            mixture[i].ry() += v;
        }
        curve.color = darker(colors[static_cast<size_t>(k)], 0.8);
        curve.widthPx = 2.6f;
        FilledArea fill;
        fill.points = curve.points;
        fill.points.emplace_back(xs.back(), 0.0);
        fill.points.emplace_back(xs.front(), 0.0);
        fill.fill = colors[static_cast<size_t>(k)];
        fill.fill.setAlphaF(0.2f);
        scene.areas.push_back(std::move(fill));
        scene.lines.push_back(std::move(curve));
        top = std::max(top, c.peak());
    }
    Polyline p;
    p.points = std::move(mixture);
    p.color = QColor(30, 30, 30);
    p.widthPx = 4.0f;
    for (const QPointF& q : p.points) top = std::max(top, q.y());
    scene.lines.push_back(std::move(p));

    PointBatch rug;
    rug.x = m_x;
    rug.y = m_rugY;
    rug.positionsVersion = m_version;
    rug.palette = {unassignedColor()};
    if (snap.responsibilities && snap.responsibilities->rows() == n)
        rug.rgba = GmmSceneBuilder::blendedColors(*snap.responsibilities, colors);
    rug.colorsVersion = snap.responsibilitiesVersion * 2 + (rug.rgba ? 1 : 0);
    rug.sizePx = n > 20000 ? 3.0f : n > 2000 ? 4.5f : 6.0f;
    rug.outline = n <= 20000;
    scene.points.push_back(std::move(rug));

    for (int k = 0; k < K; ++k) {
        const Component1d& c = comps[static_cast<size_t>(k)];
        Marker m;
        m.pos = QPointF(c.mu, std::min(c.peak(), 3 * H));
        m.sizePx = 14.0f;
        m.fill = colors[static_cast<size_t>(k)];
        m.outline = QColor(25, 25, 25);
        m.outlineWidthPx = 2.5f;
        m.label = QStringLiteral("μ") + subscriptDigits(k + 1);
        scene.markers.push_back(m);
    }
    if (!caption.isEmpty()) scene.addCaption(caption);

    scene.legend.push_back({GmmScene::tr("data histogram (density)"), QColor(172, 172, 172), LegendEntry::Kind::Area});
    scene.legend.push_back({QStringLiteral("p(x) = Σₖ πₖ 𝒩(x | μₖ, σₖ²)"), QColor(30, 30, 30), LegendEntry::Kind::Line, 4.0f});
    if (K <= 4) { // each component with its numbers: π₁ 𝒩(x | μ₁, σ₁²) = 0.67 · 𝒩(x | 2.03, 0.50²)
        for (int k = 0; k < K; ++k) {
            const Component1d& c = comps[static_cast<size_t>(k)];
            const QString i = subscriptDigits(k + 1);
            const QString label = QStringLiteral("π") + i + QStringLiteral(" 𝒩(x | μ") + i + QStringLiteral(", σ") + i +
                                  QStringLiteral("²) = ") + number(c.pi, 2) + QStringLiteral(" · 𝒩(x | ") + number(c.mu, 2) +
                                  QStringLiteral(", ") + number(c.sigma, 2) + QStringLiteral("²)");
            scene.legend.push_back({label, darker(colors[static_cast<size_t>(k)], 0.8), LegendEntry::Kind::Line, 2.6f});
        }
    } else {
        scene.legend.push_back({GmmScene::tr("πₖ 𝒩(x | μₖ, σₖ²), one colour each"), darker(colors[0], 0.8),
                                LegendEntry::Kind::Line, 2.6f});
    }
    scene.legend.push_back({GmmScene::tr("points, coloured by γₙₖ"), colors[0], LegendEntry::Kind::Point});

    // Room above the peaks for the caption and the legend; a collapsing spike may leave the top.
    const double yTop = std::min(top, 3 * H) * (1.3 + 0.07 * static_cast<double>(scene.legend.size()));
    scene.dataBounds = QRectF(QPointF(lo, -0.16 * H), QPointF(hi, yTop));
    scene.xLabel = DataColumns::featureName(data, j);
    scene.yLabel = GmmScene::tr("density");
    return scene;
}

} // namespace latentlab::ui
