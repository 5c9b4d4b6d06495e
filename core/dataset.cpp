#include "core/dataset.h"

#include <cmath>

namespace latentlab::core {

Standardization standardize(Dataset& data) {
    Standardization s;
    const int d = data.d();
    const double n = std::max(1, data.n());
    s.mean.resize(d);
    s.scale.resize(d);
    for (int j = 0; j < d; ++j) {
        const auto col = data.X.col(j).cast<double>();
        const double mean = col.sum() / n;
        const double var = (col.array() - mean).square().sum() / n;
        const double sd = std::sqrt(var);
        s.mean[j] = static_cast<float>(mean);
        s.scale[j] = sd > 1e-12 ? static_cast<float>(sd) : 1.0f;
        data.X.col(j) = ((col.array() - mean) / s.scale[j]).cast<float>().matrix();
    }
    return s;
}

} // namespace latentlab::core
