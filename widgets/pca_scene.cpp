#include "widgets/pca_scene.h"

#include "widgets/core_text.h"
#include "widgets/palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct PcaScene {
    Q_DECLARE_TR_FUNCTIONS(PcaScene)
};

const QColor kAxis(90, 90, 90);
const QColor kFound(0xD5, 0x5E, 0x00);   // vermillion (Okabe–Ito)
const QColor kEstimate(0x00, 0x72, 0xB2); // blue
const QColor kProbe(0xCC, 0x79, 0xA7);    // reddish purple

} // namespace

QString PcaSceneBuilder::caption(const core::PcaSnapshot& snap) {
    QString text = coreText(core::Pca::phaseLabel(snap.pcaPhase, snap.method, snap.current));
    if (snap.pcaPhase == core::PcaPhase::Iterate || snap.pcaPhase == core::PcaPhase::Init)
        text += PcaScene::tr(" · %1° from PC%2").arg(snap.angleToExactDeg, 0, 'f', snap.angleToExactDeg < 1 ? 2 : 1).arg(snap.current + 1);
    return text;
}

double PcaSceneBuilder::probeAngleAt(const core::PcaResult& exact, QPointF data, int fx, int fy) {
    const double zx = (data.x() - exact.mean[fx]) / exact.scale[fx];
    const double zy = (data.y() - exact.mean[fy]) / exact.scale[fy];
    return std::atan2(zy, zx);
}

Scene PcaSceneBuilder::build(const core::PcaSnapshot& snap, const PcaViewOptions& o) {
    if (!snap.data || snap.data->n() == 0 || !snap.exact) return {};
    const int d = snap.data->d();
    Scene scene = d == 2 ? dataSpace(snap, o, 0, 1) : scoreSpace(snap);
    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

Scene PcaSceneBuilder::dataSpace(const core::PcaSnapshot& snap, const PcaViewOptions& o, int fx, int fy) {
    Scene scene;
    const core::Dataset& data = *snap.data;
    const core::PcaResult& ex = *snap.exact;
    m_columns.update(snap.data, fx, fy);
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = DataColumns::featureName(data, fy);
    scene.dataBounds = m_columns.bounds();
    scene.equalAspect = o.equalAspect;

    PointBatch points;
    points.x = m_columns.x();
    points.y = m_columns.y();
    points.positionsVersion = m_columns.version();
    points.palette = {QColor(0x56, 0xB4, 0xE9)}; // sky blue
    points.sizePx = data.n() > 2000 ? 4.0f : 7.0f;
    points.outline = data.n() <= 20000;
    scene.points.push_back(std::move(points));

    // PCA space (centred, maybe scaled) → data units.
    const QPointF mean(ex.mean[fx], ex.mean[fy]);
    auto toData = [&](double a, double b) { return mean + QPointF(a * ex.scale[fx], b * ex.scale[fy]); };
    auto segment = [&](double ux, double uy, double half, QColor color, float width, bool dashed, bool arrow) {
        Polyline l;
        l.points = {toData(-half * ux, -half * uy), toData(half * ux, half * uy)};
        l.color = color;
        l.widthPx = width;
        l.dashed = dashed;
        l.arrowHead = arrow;
        scene.lines.push_back(std::move(l));
    };
    // Labels along the arrows (at their tips they would leave the plot).
    auto label = [&](QPointF at, const QString& text, QColor color) {
        TextItem t;
        t.text = text;
        t.pos = at;
        t.color = color.darker(115);
        t.pointSize = 12.0f;
        t.align = Qt::AlignLeft | Qt::AlignBottom;
        scene.texts.push_back(t);
    };
    const int m = static_cast<int>(snap.u.size());
    // Residuals first (under the arrows): each point to its projection on u's line.
    const bool probe = o.probeAngle.has_value() && m == 2;
    const bool toProbe = probe && (o.residualsForProbe || snap.pcaPhase == core::PcaPhase::Done);
    if (o.showResiduals && m == 2 && data.n() <= 2000 && (toProbe || snap.pcaPhase != core::PcaPhase::Done)) {
        const double ux = toProbe ? std::cos(*o.probeAngle) : snap.u[0];
        const double uy = toProbe ? std::sin(*o.probeAngle) : snap.u[1];
        QColor c = toProbe ? kProbe : kEstimate;
        c.setAlphaF(0.35f);
        for (int i = 0; i < data.n(); ++i) {
            const double zx = (data.X(i, fx) - ex.mean[fx]) / ex.scale[fx];
            const double zy = (data.X(i, fy) - ex.mean[fy]) / ex.scale[fy];
            const double t = zx * ux + zy * uy;
            Polyline l;
            l.points = {QPointF(data.X(i, fx), data.X(i, fy)), toData(t * ux, t * uy)};
            l.color = c;
            l.widthPx = 1.0f;
            scene.lines.push_back(std::move(l));
        }
    }
    for (int i = 0; i < ex.count() && i < 2; ++i) {
        const double half = 2.0 * std::sqrt(std::max(0.0, ex.explainedVariance[i]));
        segment(ex.components(0, i), ex.components(1, i), half, kAxis, 1.5f, true, false);
    }
    for (int j = 0; j < snap.found.cols(); ++j) {
        const double half = 2.0 * std::sqrt(std::max(0.0, snap.foundVariance[j]));
        segment(snap.found(0, j), snap.found(1, j), half, kFound, 3.0f, false, true);
    }
    if (snap.pcaPhase != core::PcaPhase::Done && m == 2) {
        const double half = 2.0 * std::sqrt(std::max(0.0, snap.rayleigh));
        segment(snap.u[0], snap.u[1], half, kEstimate, 3.0f, false, true);
        label(toData(0.55 * half * snap.u[0], 0.55 * half * snap.u[1]), PcaScene::tr("u: uᵀSu = %1").arg(snap.rayleigh, 0, 'g', 4),
              kEstimate);
    }
    for (int j = 0; j < snap.found.cols(); ++j) {
        const double half = 2.0 * std::sqrt(std::max(0.0, snap.foundVariance[j]));
        label(toData(0.55 * half * snap.found(0, j), 0.55 * half * snap.found(1, j)),
              PcaScene::tr("PC%1: λ = %2").arg(j + 1).arg(snap.foundVariance[j], 0, 'g', 4), kFound);
    }
    if (probe && snap.covariance) {
        const double px = std::cos(*o.probeAngle), py = std::sin(*o.probeAngle);
        const Eigen::Vector2d u(px, py);
        const double variance = u.dot(*snap.covariance * u);
        const double half = 2.0 * std::sqrt(std::max(0.0, ex.explainedVariance[0])); // fixed: the handle stays put
        segment(px, py, half, kProbe, 3.0f, false, false);
        Marker handle;
        handle.pos = toData(half * px, half * py);
        handle.shape = Marker::Shape::Circle;
        handle.sizePx = 18.0f;
        handle.fill = kProbe;
        handle.outline = kProbe.darker(150);
        handle.id = kProbeHandle;
        handle.label = PcaScene::tr("drag: u, uᵀSu = %1").arg(variance, 0, 'g', 4);
        scene.markers.push_back(handle);
    }
    // Keep the axes' tips and their labels inside the view.
    QRectF bounds = scene.dataBounds;
    // (QRectF's |= ignores empty rects, so grow the bounds by hand.)
    double x0 = bounds.left(), x1 = bounds.right(), y0 = bounds.top(), y1 = bounds.bottom();
    for (const Polyline& l : scene.lines)
        for (const QPointF& q : l.points) {
            x0 = std::min(x0, q.x()), x1 = std::max(x1, q.x());
            y0 = std::min(y0, q.y()), y1 = std::max(y1, q.y());
        }
    bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1));
    scene.dataBounds = bounds.adjusted(-0.08 * bounds.width(), -0.08 * bounds.height(), 0.08 * bounds.width(),
                                       0.08 * bounds.height());
    Marker centre;
    centre.pos = mean;
    centre.shape = Marker::Shape::Cross;
    centre.sizePx = 12.0f;
    centre.fill = QColor(40, 40, 40);
    centre.outline = QColor(40, 40, 40);
    centre.outlineWidthPx = 1.0f;
    centre.label = PcaScene::tr("x̄");
    scene.markers.push_back(centre);
    return scene;
}

Scene PcaSceneBuilder::scoreSpace(const core::PcaSnapshot& snap) {
    Scene scene;
    const core::Dataset& data = *snap.data;
    const auto exact = snap.exact;
    const int r = exact->count();
    if (m_scoresOf.lock() != exact || !m_sx) {
        const core::Matrix Y = exact->project(data.X, std::min(2, r));
        auto sx = std::make_shared<std::vector<float>>(static_cast<size_t>(data.n()));
        auto sy = std::make_shared<std::vector<float>>(static_cast<size_t>(data.n()), 0.0f);
        for (int i = 0; i < data.n(); ++i) {
            (*sx)[static_cast<size_t>(i)] = Y(i, 0);
            if (Y.cols() > 1) (*sy)[static_cast<size_t>(i)] = Y(i, 1);
        }
        const auto [x0, x1] = std::minmax_element(sx->begin(), sx->end());
        const auto [y0, y1] = std::minmax_element(sy->begin(), sy->end());
        m_scoreBounds = QRectF(QPointF(*x0, *y0), QPointF(*x1, *y1));
        if (m_scoreBounds.height() <= 0) m_scoreBounds.adjust(0, -1, 0, 1);
        m_sx = std::move(sx);
        m_sy = std::move(sy);
        m_labels.reset();
        if (data.hasLabels()) {
            auto labels = std::make_shared<std::vector<uint8_t>>();
            // At most 64 colours (the GL palette); further classes share the last one.
            for (int l : data.labels) labels->push_back(static_cast<uint8_t>(std::clamp(l, 0, 63)));
            m_labels = std::move(labels);
        }
        m_scoresOf = exact;
        ++m_scoreVersion;
    }
    auto axisName = [&](int i) {
        return i < r ? PcaScene::tr("PC%1 (%2% of the variance)").arg(i + 1).arg(100 * exact->explainedVarianceRatio[i], 0, 'f', 1)
                     : QString();
    };
    scene.xLabel = axisName(0);
    scene.yLabel = axisName(1);
    scene.dataBounds = m_scoreBounds;
    scene.equalAspect = true;
    PointBatch points;
    points.x = m_sx;
    points.y = m_sy;
    points.positionsVersion = m_scoreVersion;
    points.colorIndex = m_labels;
    int classes = 1;
    if (data.hasLabels()) classes = std::clamp(*std::max_element(data.labels.begin(), data.labels.end()) + 1, 1, 64);
    points.palette = categoricalPalette(std::max(1, classes));
    points.colorsVersion = m_scoreVersion;
    points.sizePx = data.n() > 2000 ? 4.0f : 7.0f;
    points.outline = data.n() <= 20000;
    scene.points.push_back(std::move(points));
    // A legend while it fits (up to 12 classes; digits have 10).
    for (int c = 0; c < classes && classes <= 12 && c < static_cast<int>(data.labelNames.size()) && data.hasLabels(); ++c) {
        TextItem t; // a legend of the classes, top right
        t.text = QStringLiteral("● ") + QString::fromStdString(data.labelNames[static_cast<size_t>(c)]);
        t.pos = QPointF(0.985, 0.985 - 0.06 * c);
        t.anchoredToPlot = true;
        t.color = scene.points.back().palette[static_cast<size_t>(c)];
        t.pointSize = 11.0f;
        t.align = Qt::AlignRight | Qt::AlignTop;
        scene.texts.push_back(t);
    }
    return scene;
}

} // namespace latentlab::ui
