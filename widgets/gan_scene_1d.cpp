// The GAN's 1-D view (the picture of Goodfellow et al. 2014, fig. 1; lecture 000:1010-1026):
// p_data and p_G as smoothed densities, D(x), and the optimal D*(x) = p_data / (p_data + p_G)
// that D chases, with the samples as rugs under the axis.
#include "widgets/gan_scene.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("latentlab::ui::GanSceneBuilder", s); }

constexpr int kGrid = 300;
constexpr int kKdeMax = 2000; ///< at most this many samples enter a density estimate

/// Gaussian kernel density of `v` at `grid` with Scott's bandwidth 1.06 σ n^(−1/5).
std::vector<double> density(const std::vector<float>& v, const std::vector<double>& grid) {
    std::vector<double> p(grid.size(), 0.0);
    if (v.empty()) return p;
    const size_t stride = std::max<size_t>(1, v.size() / kKdeMax);
    std::vector<double> s;
    for (size_t i = 0; i < v.size(); i += stride) s.push_back(v[i]);
    double mean = 0, var = 0;
    for (double x : s) mean += x;
    mean /= double(s.size());
    for (double x : s) var += (x - mean) * (x - mean);
    const double sd = std::sqrt(var / std::max<double>(1.0, double(s.size()) - 1));
    const double h = std::max(1e-3, 1.06 * sd * std::pow(double(s.size()), -0.2));
    const double norm = 1.0 / (double(s.size()) * h * std::sqrt(2 * M_PI));
    for (size_t g = 0; g < grid.size(); ++g) {
        double sum = 0;
        for (double x : s) {
            const double u = (grid[g] - x) / h;
            if (std::abs(u) < 6) sum += std::exp(-0.5 * u * u);
        }
        p[g] = sum * norm;
    }
    return p;
}

} // namespace

Scene GanSceneBuilder::build1d(const core::GanSnapshot& snap, const GanViewOptions& o) {
    Scene scene;
    const core::Dataset& data = *snap.data;
    std::vector<float> real(data.X.data(), data.X.data() + data.n());
    std::vector<float> fake(snap.generated.data(), snap.generated.data() + snap.generated.rows());
    float lo = *std::min_element(real.begin(), real.end()), hi = *std::max_element(real.begin(), real.end());
    const float span = std::max(hi - lo, 1e-3f);
    lo -= 0.25f * span;
    hi += 0.25f * span;
    std::vector<double> grid(kGrid);
    for (int g = 0; g < kGrid; ++g) grid[size_t(g)] = lo + (hi - lo) * g / (kGrid - 1.0);
    const std::vector<double> pData = density(real, grid), pG = density(fake, grid);
    const double peak = std::max(*std::max_element(pData.begin(), pData.end()), 1e-12);

    scene.xLabel = DataColumns::featureName(data, 0);
    scene.yLabel = tr("D(x); densities scaled to p_data's peak = 1");
    scene.dataBounds = QRectF(lo, -0.22, hi - lo, 1.97); // room above for the legend
    auto area = [&](const std::vector<double>& p, QColor c) {
        FilledArea a;
        a.points.emplace_back(grid.front(), 0.0);
        for (int g = 0; g < kGrid; ++g) a.points.emplace_back(grid[size_t(g)], std::min(p[size_t(g)] / peak, 1.6));
        a.points.emplace_back(grid.back(), 0.0);
        c.setAlpha(70);
        a.fill = c;
        c.setAlpha(230);
        a.outline = c;
        a.outlineWidthPx = 2.0f;
        scene.areas.push_back(std::move(a));
    };
    area(pData, realColor());
    area(pG, fakeColor());
    scene.legend.push_back({tr("p_data (real)"), realColor(), LegendEntry::Kind::Area});
    scene.legend.push_back({tr("p_G (generated)"), fakeColor(), LegendEntry::Kind::Area});

    // D(x) and the optimum D* for the current G.
    core::nn::Mat<float> X(kGrid, 1);
    for (int g = 0; g < kGrid; ++g) X(g, 0) = float(grid[size_t(g)]) * snap.dataScale;
    const core::nn::Mat<float> logits = snap.discriminator->predict(X);
    const QColor dColor(0x00, 0x72, 0xB2);
    Polyline d, dStar, half;
    d.color = dStar.color = dColor;
    d.widthPx = 2.6f;
    dStar.widthPx = 2.0f;
    dStar.dashed = true;
    for (int g = 0; g < kGrid; ++g) {
        const double x = grid[size_t(g)];
        d.points.emplace_back(x, 1.0 / (1.0 + std::exp(-double(logits(g, 0)))));
        const double sum = pData[size_t(g)] + pG[size_t(g)];
        // Where neither density has mass the ratio of two kernel tails says nothing: break the line.
        if (sum > 0.02 * peak) dStar.points.emplace_back(x, pData[size_t(g)] / sum);
        else if (dStar.points.size() > 1) {
            scene.lines.push_back(dStar);
            dStar.points.clear();
        } else {
            dStar.points.clear();
        }
    }
    if (dStar.points.size() > 1) scene.lines.push_back(dStar);
    half.points = {QPointF(lo, 0.5), QPointF(hi, 0.5)};
    half.color = QColor(120, 120, 120);
    half.widthPx = 1.2f;
    half.dashed = true;
    scene.lines.push_back(half);
    scene.lines.push_back(d);
    scene.legend.push_back({tr("D(x)"), dColor, LegendEntry::Kind::Line, 2.6f});
    scene.legend.push_back({tr("D*(x) = p_data / (p_data + p_G)"), dColor, LegendEntry::Kind::Line, 2.0f, true});

    // The samples as rugs under the axis: real at y = −0.07, generated at y = −0.15.
    auto rug = [&](const std::vector<float>& v, double y, QColor c, uint64_t version) {
        PointBatch b;
        b.x = std::make_shared<const std::vector<float>>(v);
        b.y = std::make_shared<const std::vector<float>>(v.size(), float(y));
        b.palette = {c};
        b.sizePx = 5.0f;
        b.opacity = 0.5f;
        b.positionsVersion = version;
        b.colorsVersion = 1;
        scene.points.push_back(std::move(b));
    };
    rug(real, -0.07, realColor(), ++m_generatedVersion);
    rug(fake, -0.15, fakeColor(), ++m_generatedVersion);

    if (o.showArrows && !fake.empty()) {
        const int n = std::min<int>(40, int(fake.size()));
        core::nn::Mat<float> x(n, 1);
        for (int j = 0; j < n; ++j) x(j, 0) = fake[size_t(j) * fake.size() / size_t(n)];
        const core::nn::Mat<float> g = generatorLossGradient(*snap.discriminator, x, snap.settings.loss, snap.dataScale);
        const double top = g.cwiseAbs().maxCoeff();
        for (int j = 0; j < n && top > 0 && std::isfinite(top); ++j) {
            const double len = -g(j, 0) / top * 0.06 * (hi - lo);
            if (std::abs(len) < 1e-3 * (hi - lo)) continue;
            Polyline a;
            a.points = {QPointF(x(j, 0), -0.15), QPointF(x(j, 0) + len, -0.15)};
            a.color = QColor(15, 15, 15, 200);
            a.widthPx = 1.3f;
            a.arrowHead = true;
            scene.lines.push_back(std::move(a));
        }
    }
    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

} // namespace latentlab::ui
