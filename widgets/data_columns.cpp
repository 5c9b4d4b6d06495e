#include "widgets/data_columns.h"

#include <algorithm>
#include <limits>

namespace latentlab::ui {

void DataColumns::update(const std::shared_ptr<const core::Dataset>& data, int fx, int fy) {
    if (m_data.lock() == data && fx == m_fx && fy == m_fy && m_x) return;
    m_data = data;
    m_fx = fx;
    m_fy = fy;
    const int n = data->n();
    auto x = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
    auto y = std::make_shared<std::vector<float>>(static_cast<size_t>(n));
    float minX = std::numeric_limits<float>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
    for (int i = 0; i < n; ++i) {
        const float xi = data->X(i, fx), yi = fy >= 0 ? data->X(i, fy) : 0.0f;
        (*x)[static_cast<size_t>(i)] = xi;
        (*y)[static_cast<size_t>(i)] = yi;
        minX = std::min(minX, xi);
        maxX = std::max(maxX, xi);
        minY = std::min(minY, yi);
        maxY = std::max(maxY, yi);
    }
    if (n == 0) minX = maxX = minY = maxY = 0;
    if (maxX - minX < 1e-6f) { minX -= 1; maxX += 1; }
    if (maxY - minY < 1e-6f) { minY -= 1; maxY += 1; }
    m_x = std::move(x);
    m_y = std::move(y);
    m_bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
    ++m_version;
}

QString DataColumns::featureName(const core::Dataset& data, int j) {
    return j >= 0 && j < static_cast<int>(data.featureNames.size())
               ? QString::fromStdString(data.featureNames[static_cast<size_t>(j)])
               : QStringLiteral("x%1").arg(j + 1);
}

} // namespace latentlab::ui
