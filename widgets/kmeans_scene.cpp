#include "widgets/kmeans_scene.h"

#include "widgets/palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace latentlab::ui {

namespace {

/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct KMeansScene {
    Q_DECLARE_TR_FUNCTIONS(KMeansScene)
};

RegionField::Metric metricOf(core::KMeansDistance d) {
    switch (d) {
    case core::KMeansDistance::L1: return RegionField::Metric::L1;
    case core::KMeansDistance::Cosine: return RegionField::Metric::Cosine;
    case core::KMeansDistance::L2: break;
    }
    return RegionField::Metric::L2;
}

} // namespace


QString KMeansSceneBuilder::caption(const core::KMeansSnapshot& snap) {
    QString step;
    if (snap.converged) step = KMeansScene::tr("converged!");
    else if (snap.kmeansPhase == core::KMeansPhase::Init) step = KMeansScene::tr("pick seeds");
    else if (snap.kmeansPhase == core::KMeansPhase::Assign) step = KMeansScene::tr("reassign points to the nearest centroid");
    else step = KMeansScene::tr("compute centroids");
    return KMeansScene::tr("Iteration %1 · %2").arg(snap.iteration).arg(step);
}

Scene KMeansSceneBuilder::build(const core::KMeansSnapshot& snap, const KMeansViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0) return scene;
    const auto& data = *snap.data;
    const int d = data.d();
    const int fx = std::clamp(o.featureX, 0, d - 1);
    const int fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : -1;
    m_columns.update(snap.data, fx, fy);
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = fy >= 0 ? DataColumns::featureName(data, fy) : QString();
    scene.dataBounds = m_columns.bounds();
    scene.equalAspect = o.equalAspect;

    const int K = static_cast<int>(snap.centroids.rows());
    const std::vector<QColor> colors = categoricalPalette(K);
    const bool planar = d == 2 && fx == 0 && fy == 1;
    if (o.showCells && planar && snap.labels) {
        RegionField cells;
        for (int k = 0; k < K; ++k) cells.centres.emplace_back(snap.centroids(k, 0), snap.centroids(k, 1));
        cells.colors = colors;
        cells.metric = metricOf(snap.distance);
        scene.regionFields.push_back(std::move(cells));
    }

    PointBatch points;
    points.x = m_columns.x();
    points.y = m_columns.y();
    points.positionsVersion = m_columns.version();
    if (snap.labels) {
        points.colorIndex = snap.labels;
        points.palette = colors;
        points.colorsVersion = snap.labelsVersion * 2 + 1;
    } else {
        points.palette = {unassignedColor()};
        points.colorsVersion = snap.labelsVersion * 2;
    }
    const int n = data.n();
    points.sizePx = n > 20000 ? 3.0f : n > 2000 ? 5.0f : 7.5f;
    points.outline = n <= 20000;
    scene.points.push_back(std::move(points));

    auto at = [&](const core::Matrix& c, int k) {
        return QPointF(c(k, fx), fy >= 0 ? c(k, fy) : 0.0);
    };
    if (o.showTrails && snap.trail.size() > 1) {
        for (int k = 0; k < K; ++k) {
            Polyline trail;
            for (const auto& c : snap.trail)
                if (c.rows() == K) trail.points.push_back(at(c, k));
            trail.color = darker(colors[static_cast<size_t>(k)], 0.55);
            trail.widthPx = 2.0f;
            trail.dashed = true;
            if (trail.points.size() > 1) scene.lines.push_back(std::move(trail));
        }
    }
    for (int k = 0; k < K; ++k) {
        Marker m;
        m.pos = at(snap.centroids, k);
        m.shape = Marker::Shape::Diamond;
        m.sizePx = 22.0f;
        m.fill = colors[static_cast<size_t>(k)];
        m.outline = QColor(25, 25, 25);
        m.outlineWidthPx = 2.5f;
        m.label = QStringLiteral("μ%1").arg(k + 1);
        m.id = k;
        scene.markers.push_back(m);
    }
    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

} // namespace latentlab::ui
