#pragma once
// Small hand-made and seeded data sets the core tests share.
#include "core/dataset.h"
#include "core/rng.h"

#include <cmath>
#include <memory>
#include <utility>
#include <vector>

namespace latentlab::test {

/// Two-feature data from a list of points.
inline std::shared_ptr<core::Dataset> makeData(const std::vector<std::pair<float, float>>& pts) {
    auto d = std::make_shared<core::Dataset>();
    d->X.resize(static_cast<int>(pts.size()), 2);
    for (size_t i = 0; i < pts.size(); ++i) {
        d->X(static_cast<int>(i), 0) = pts[i].first;
        d->X(static_cast<int>(i), 1) = pts[i].second;
    }
    return d;
}

/// Gaussian blobs of unit std in d features, centres on a circle of radius `spread` in the
/// first two; row i is in blob i % k. Seeded.
inline std::shared_ptr<core::Dataset> blobs(int n, int d, int k, double spread, uint64_t seed) {
    core::Rng rng(seed);
    auto data = std::make_shared<core::Dataset>();
    data->X.resize(n, d);
    for (int i = 0; i < n; ++i) {
        const int c = i % k;
        for (int j = 0; j < d; ++j) {
            const double centre = j == 0   ? spread * std::cos(2 * M_PI * c / k)
                                  : j == 1 ? spread * std::sin(2 * M_PI * c / k)
                                           : 0.0;
            data->X(i, j) = static_cast<float>(centre + rng.normal());
        }
    }
    return data;
}

} // namespace latentlab::test
