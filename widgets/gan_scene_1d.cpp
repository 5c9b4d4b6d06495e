#include "widgets/gan_scene_1d.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

struct GanScene1d {
    Q_DECLARE_TR_FUNCTIONS(GanScene1d)
};

constexpr int kCurvePoints = 400;
const QColor kReal(33, 102, 172), kFake(230, 97, 1), kD(40, 40, 40), kDStar(118, 42, 131);

} // namespace

double silvermanBandwidth(const std::vector<float>& x) {
    if (x.size() < 2) return 1.0;
    double mean = 0;
    for (float v : x) mean += v;
    mean /= double(x.size());
    double var = 0;
    for (float v : x) var += (v - mean) * (v - mean);
    const double sd = std::sqrt(var / double(x.size() - 1));
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    const double floor = 1e-3 * std::max(1e-9, double(*mx - *mn));
    return std::max(floor, 1.06 * sd * std::pow(double(x.size()), -0.2));
}

std::vector<double> kernelDensity(const std::vector<float>& x, const std::vector<double>& at, double h) {
    std::vector<double> p(at.size(), 0.0);
    if (x.empty() || !(h > 0)) return p;
    const double norm = 1.0 / (double(x.size()) * h * std::sqrt(2 * M_PI));
    for (size_t k = 0; k < at.size(); ++k) {
        double s = 0;
        for (float v : x) {
            const double u = (at[k] - v) / h;
            if (u * u < 60) s += std::exp(-0.5 * u * u);
        }
        p[k] = s * norm;
    }
    return p;
}

Scene buildGan1dScene(const core::GanSnapshot& snap, const QString& caption) {
    Scene scene;
    scene.title = caption;
    const core::Dataset& data = *snap.data;
    scene.xLabel = data.featureNames.empty() ? QStringLiteral("x") : QString::fromStdString(data.featureNames[0]);
    scene.yLabel = GanScene1d::tr("density (scaled) · D(x)");
    std::vector<float> real(size_t(data.n())), fake(size_t(snap.generated.rows()));
    for (int i = 0; i < data.n(); ++i) real[size_t(i)] = data.X(i, 0);
    for (Eigen::Index i = 0; i < snap.generated.rows(); ++i) fake[size_t(i)] = snap.generated(i, 0);
    float lo = *std::min_element(real.begin(), real.end()), hi = *std::max_element(real.begin(), real.end());
    for (float v : fake)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    const double margin = 0.1 * std::max(1e-6, double(hi - lo));
    const double x0 = lo - margin, x1 = hi + margin;

    std::vector<double> xs(kCurvePoints);
    for (int k = 0; k < kCurvePoints; ++k) xs[size_t(k)] = x0 + (x1 - x0) * k / (kCurvePoints - 1);
    const std::vector<double> pData = kernelDensity(real, xs, silvermanBandwidth(real));
    const std::vector<double> pG = kernelDensity(fake, xs, silvermanBandwidth(fake));
    const double peak = std::max(*std::max_element(pData.begin(), pData.end()), *std::max_element(pG.begin(), pG.end()));
    const double scale = peak > 0 ? 1.0 / peak : 1.0;

    // The data histogram, scaled like the curves, as light bars.
    // Rice's rule over the data's own range.
    const int bins = std::clamp(int(std::ceil(2 * std::cbrt(double(real.size())))), 5, 60);
    const auto [rlo, rhi] = std::minmax_element(real.begin(), real.end());
    const double h0 = *rlo, w = std::max(1e-9, double(*rhi - *rlo)) / bins;
    std::vector<double> count(size_t(bins), 0.0);
    for (float v : real) count[size_t(std::clamp(int((v - h0) / w), 0, bins - 1))] += 1;
    double top = 1.0;
    for (int b = 0; b < bins; ++b) {
        if (count[size_t(b)] == 0) continue;
        const double h = count[size_t(b)] / (double(real.size()) * w) * scale;
        top = std::max(top, h);
        FilledArea bar;
        bar.points = {{h0 + b * w, 0}, {h0 + (b + 1) * w, 0}, {h0 + (b + 1) * w, h}, {h0 + b * w, h}};
        bar.fill = QColor(kReal.red(), kReal.green(), kReal.blue(), 38);
        scene.areas.push_back(std::move(bar));
    }

    // Rugs: real just below the axis, generated below them.
    auto rug = [](const std::vector<float>& v, float y, QColor c) {
        PointBatch b;
        b.x = std::make_shared<const std::vector<float>>(v);
        b.y = std::make_shared<const std::vector<float>>(v.size(), y);
        b.palette = {c};
        b.sizePx = 5.0f;
        b.opacity = 0.5f;
        b.outline = false;
        return b;
    };
    scene.points.push_back(rug(real, -0.05f, kReal));
    scene.points.push_back(rug(fake, -0.11f, kFake));

    core::nn::Mat<float> grid(kCurvePoints, 1);
    for (int k = 0; k < kCurvePoints; ++k) grid(k, 0) = float(xs[size_t(k)] * snap.dataScale);
    const core::nn::Mat<float> logits = snap.discriminator->predict(grid);
    Polyline dataCurve, genCurve, dCurve, dStar;
    dataCurve.color = kReal, genCurve.color = kFake, dCurve.color = kD, dStar.color = kDStar;
    dataCurve.widthPx = genCurve.widthPx = 3.0f;
    dCurve.widthPx = 2.5f;
    dStar.widthPx = 2.0f;
    dStar.dashed = true;
    std::vector<Polyline> starPieces;
    const double negligible = 1e-3 * peak;
    for (int k = 0; k < kCurvePoints; ++k) {
        const double x = xs[size_t(k)];
        dataCurve.points.push_back({x, pData[size_t(k)] * scale});
        genCurve.points.push_back({x, pG[size_t(k)] * scale});
        dCurve.points.push_back({x, 1.0 / (1.0 + std::exp(-double(logits(k, 0))))});
        if (pData[size_t(k)] + pG[size_t(k)] > negligible) {
            dStar.points.push_back({x, pData[size_t(k)] / (pData[size_t(k)] + pG[size_t(k)])});
        } else if (!dStar.points.empty()) {
            starPieces.push_back(dStar);
            dStar.points.clear();
        }
    }
    if (!dStar.points.empty()) starPieces.push_back(dStar);
    scene.lines.push_back(dataCurve);
    scene.lines.push_back(genCurve);
    scene.lines.push_back(dCurve);
    for (auto& piece : starPieces) scene.lines.push_back(piece);
    Polyline half;
    half.points = {{x0, 0.5}, {x1, 0.5}};
    half.color = QColor(150, 150, 150);
    half.widthPx = 1.0f;
    half.dashed = true;
    scene.lines.push_back(half);

    scene.legend.push_back({GanScene1d::tr("p_data (kernel estimate)"), kReal, LegendEntry::Kind::Line, 3.0f});
    scene.legend.push_back({GanScene1d::tr("p_G, generated samples"), kFake, LegendEntry::Kind::Line, 3.0f});
    scene.legend.push_back({GanScene1d::tr("D(x)"), kD, LegendEntry::Kind::Line, 2.5f});
    scene.legend.push_back({GanScene1d::tr("D*(x) = p_data / (p_data + p_G)"), kDStar, LegendEntry::Kind::Line, 2.0f, true});
    scene.legend.push_back({GanScene1d::tr("½: D* when p_G = p_data"), QColor(150, 150, 150), LegendEntry::Kind::Line, 1.0f, true});
    scene.dataBounds = QRectF(QPointF(x0, -0.15), QPointF(x1, top + 0.08));
    return scene;
}

} // namespace latentlab::ui
