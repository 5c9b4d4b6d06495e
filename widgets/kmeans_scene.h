#pragma once
// Snapshot → Scene for k-means: points coloured by cluster, centroids as draggable markers
// with their trails across iterations, Voronoi cells (2-D data), and a caption naming the
// lecture's step (000:230-242).
#include "core/kmeans.h"
#include "widgets/data_columns.h"
#include "widgets/scene.h"

#include <QString>


namespace latentlab::ui {

struct KMeansViewOptions {
    int featureX = 0; ///< column of the data shown on x
    int featureY = 1; ///< column shown on y (same as x for 1-D data)
    bool showCells = true;  ///< Voronoi cells (only when the data has exactly these 2 features)
    bool showTrails = true; ///< centroid paths across iterations
    bool showCaption = true;
    bool equalAspect = false;
};

/// Builds scenes for successive snapshots, caching the coordinate buffers of the data so
/// that the GL view uploads positions only when the data or the shown features change.
class KMeansSceneBuilder {
public:
    Scene build(const core::KMeansSnapshot& snap, const KMeansViewOptions& options);

    /// One-line caption: "Iteration 2 · compute centroids".
    static QString caption(const core::KMeansSnapshot& snap);

private:
    DataColumns m_columns;
};

} // namespace latentlab::ui
