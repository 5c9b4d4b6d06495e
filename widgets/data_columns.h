#pragma once
// Two columns of a data set as the float buffers a PointBatch shares, cached so that the GL
// view uploads positions only when the data or the shown features change.
#include "core/dataset.h"

#include <QRectF>
#include <QString>

#include <memory>
#include <vector>

namespace latentlab::ui {

class DataColumns {
public:
    /// Caches columns `fx` and `fy` of `data` (fy < 0: y = 0, for 1-D data); a no-op when
    /// they are cached already. Bumps version() when the buffers change.
    void update(const std::shared_ptr<const core::Dataset>& data, int fx, int fy);

    std::shared_ptr<const std::vector<float>> x() const { return m_x; }
    std::shared_ptr<const std::vector<float>> y() const { return m_y; }
    /// Bounding box of the points (grown to at least 2 units on a flat axis).
    QRectF bounds() const { return m_bounds; }
    uint64_t version() const { return m_version; }

    /// The name of feature j of `data` ("x3" when it has none).
    static QString featureName(const core::Dataset& data, int j);

private:
    std::weak_ptr<const core::Dataset> m_data;
    int m_fx = -1, m_fy = -1;
    std::shared_ptr<const std::vector<float>> m_x, m_y;
    QRectF m_bounds;
    uint64_t m_version = 0;
};

} // namespace latentlab::ui
