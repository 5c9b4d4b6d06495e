#include "widgets/gmm_scene.h"

#include "widgets/core_text.h"
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

/// The marginal of component k on features (fx, fy): mean and 2 × 2 covariance.
struct Marginal {
    double mx, my, sxx, sxy, syy;
};

Marginal marginal(const core::GmmSnapshot& s, int k, int fx, int fy) {
    const Eigen::MatrixXd& S = s.covariances[static_cast<size_t>(k)];
    return {s.means(k, fx), s.means(k, fy), S(fx, fx), S(fx, fy), S(fy, fy)};
}

/// Mixture density of the (fx, fy) marginal on a grid over `rect`, as a viridis image whose
/// alpha grows with the density (low density stays transparent over the background).
QImage densityImage(const core::GmmSnapshot& s, int fx, int fy, const QRectF& rect, int w, int h) {
    const int K = static_cast<int>(s.weights.size());
    struct Component {
        double pi, mx, my, a, b, c, norm; // inverse covariance [[a, b], [b, c]]
    };
    std::vector<Component> comps;
    for (int k = 0; k < K; ++k) {
        const Marginal m = marginal(s, k, fx, fy);
        const double det = m.sxx * m.syy - m.sxy * m.sxy;
        if (!(det > 0)) continue;
        comps.push_back({s.weights[k], m.mx, m.my, m.syy / det, -m.sxy / det, m.sxx / det,
                         1.0 / (2 * M_PI * std::sqrt(det))});
    }
    std::vector<double> p(static_cast<size_t>(w) * h, 0.0);
    double maxP = 0;
    for (int r = 0; r < h; ++r) {
        const double y = rect.bottom() - (r + 0.5) * rect.height() / h; // row 0 at the top (y up)
        for (int c = 0; c < w; ++c) {
            const double x = rect.left() + (c + 0.5) * rect.width() / w;
            double sum = 0;
            for (const Component& q : comps) {
                const double dx = x - q.mx, dy = y - q.my;
                sum += q.pi * q.norm * std::exp(-0.5 * (q.a * dx * dx + 2 * q.b * dx * dy + q.c * dy * dy));
            }
            p[static_cast<size_t>(r) * w + c] = sum;
            maxP = std::max(maxP, sum);
        }
    }
    QImage img(w, h, QImage::Format_ARGB32);
    for (int r = 0; r < h; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
        for (int c = 0; c < w; ++c) {
            const double t = maxP > 0 ? p[static_cast<size_t>(r) * w + c] / maxP : 0.0;
            QColor col = viridis(0.15 + 0.85 * std::sqrt(t));
            col.setAlphaF(static_cast<float>(0.55 * std::sqrt(t)));
            line[c] = col.rgba();
        }
    }
    return img;
}

} // namespace

std::vector<QPointF> GmmSceneBuilder::ellipse(QPointF mean, double sxx, double sxy, double syy, double s,
                                              int segments) {
    // Eigen-decomposition of a symmetric 2 × 2 matrix in closed form.
    const double tr = sxx + syy, det = sxx * syy - sxy * sxy;
    const double disc = std::sqrt(std::max(0.0, tr * tr / 4 - det));
    const double l1 = std::max(0.0, tr / 2 + disc), l2 = std::max(0.0, tr / 2 - disc);
    const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy); // direction of e₁
    const double c = std::cos(angle), sn = std::sin(angle);
    const double a = s * std::sqrt(l1), b = s * std::sqrt(l2);
    std::vector<QPointF> pts;
    pts.reserve(static_cast<size_t>(segments) + 1);
    for (int i = 0; i <= segments; ++i) {
        const double th = 2 * M_PI * i / segments;
        const double u = a * std::cos(th), v = b * std::sin(th);
        pts.emplace_back(mean.x() + u * c - v * sn, mean.y() + u * sn + v * c);
    }
    return pts;
}

QString GmmSceneBuilder::caption(const core::GmmSnapshot& snap) {
    return GmmScene::tr("Iteration %1 · %2")
        .arg(snap.iteration)
        .arg(coreText(core::GaussianMixture::phaseLabel(snap.gmmPhase, snap.converged, snap.hardEm)));
}

std::shared_ptr<const std::vector<QRgb>> GmmSceneBuilder::blendedColors(const Eigen::MatrixXf& R,
                                                                       const std::vector<QColor>& colors) {
    const auto K = std::min<Eigen::Index>(R.cols(), static_cast<Eigen::Index>(colors.size()));
    auto rgba = std::make_shared<std::vector<QRgb>>(static_cast<size_t>(R.rows()));
    for (Eigen::Index i = 0; i < R.rows(); ++i) {
        double r = 0, g = 0, bl = 0;
        for (Eigen::Index k = 0; k < K; ++k) {
            const double w = R(i, k);
            r += w * colors[static_cast<size_t>(k)].redF();
            g += w * colors[static_cast<size_t>(k)].greenF();
            bl += w * colors[static_cast<size_t>(k)].blueF();
        }
        (*rgba)[static_cast<size_t>(i)] = qRgb(static_cast<int>(std::lround(255 * std::clamp(r, 0.0, 1.0))),
                                               static_cast<int>(std::lround(255 * std::clamp(g, 0.0, 1.0))),
                                               static_cast<int>(std::lround(255 * std::clamp(bl, 0.0, 1.0))));
    }
    return rgba;
}

Scene GmmSceneBuilder::build(const core::GmmSnapshot& snap, const GmmViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || snap.weights.size() == 0) return scene;
    const auto& data = *snap.data;
    const int d = data.d();
    if (d == 1) return m_oneD.build(snap, 0, o.showCaption ? caption(snap) : QString());
    const int fx = std::clamp(o.featureX, 0, d - 1);
    const int fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : fx;
    m_columns.update(snap.data, fx, d > 1 ? fy : -1);
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = d > 1 ? DataColumns::featureName(data, fy) : QString();
    scene.dataBounds = m_columns.bounds();
    scene.equalAspect = o.equalAspect;
    const int K = static_cast<int>(snap.weights.size());
    const std::vector<QColor> colors = categoricalPalette(K);

    if (o.showDensity && d > 1) {
        const QRectF b = scene.dataBounds;
        const QRectF area = b.adjusted(-0.25 * b.width(), -0.25 * b.height(), 0.25 * b.width(), 0.25 * b.height());
        ImageItem density;
        density.image = densityImage(snap, fx, fy, area, 240, 180);
        density.dataRect = area;
        density.smooth = true;
        scene.images.push_back(std::move(density));
    }

    PointBatch points;
    points.x = m_columns.x();
    points.y = m_columns.y();
    points.positionsVersion = m_columns.version();
    points.palette = {unassignedColor()};
    if (snap.responsibilities && snap.responsibilities->rows() == data.n())
        points.rgba = blendedColors(*snap.responsibilities, colors);
    points.colorsVersion = snap.responsibilitiesVersion * 2 + (points.rgba ? 1 : 0);
    const int n = data.n();
    points.sizePx = n > 20000 ? 3.0f : n > 2000 ? 5.0f : 7.0f;
    points.outline = n <= 20000;
    scene.points.push_back(std::move(points));

    for (int k = 0; k < K && d > 1; ++k) {
        if (!o.showEllipses) break;
        const Marginal m = marginal(snap, k, fx, fy);
        for (int s = 1; s <= 3; ++s) {
            Polyline l;
            const auto pts = ellipse({m.mx, m.my}, m.sxx, m.sxy, m.syy, s);
            l.points.assign(pts.begin(), pts.end());
            l.color = darker(colors[static_cast<size_t>(k)], 0.7);
            l.widthPx = s == 1 ? 2.6f : s == 2 ? 1.8f : 1.2f;
            l.dashed = s == 3;
            if (s <= 2) // frame the data and every component's 2σ ellipse
                for (const QPointF& q : l.points) scene.dataBounds |= QRectF(q, QSizeF(0, 0));
            scene.lines.push_back(std::move(l));
        }
    }
    for (int k = 0; k < K; ++k) {
        Marker m;
        m.pos = QPointF(snap.means(k, fx), d > 1 ? snap.means(k, fy) : 0.0);
        m.shape = Marker::Shape::Circle;
        m.sizePx = 16.0f;
        m.fill = colors[static_cast<size_t>(k)];
        m.outline = QColor(25, 25, 25);
        m.outlineWidthPx = 2.5f;
        m.label = QStringLiteral("μ%1  π=%2").arg(k + 1).arg(snap.weights[k], 0, 'f', 2);
        scene.markers.push_back(m);
    }
    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

} // namespace latentlab::ui
