#include "core/gan_quality.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace latentlab::core {

GanModeQuality modeQuality(const Dataset& data, const Eigen::MatrixXf& samples) {
    if (!data.hasLabels()) throw std::invalid_argument("mode quality needs labelled data (one class per mode)");
    if (samples.cols() != data.d())
        throw std::invalid_argument("mode quality: the samples have another number of features than the data");
    int K = 0;
    for (int l : data.labels) K = std::max(K, l + 1);
    const Eigen::Index d = data.d();
    Eigen::MatrixXd centre = Eigen::MatrixXd::Zero(K, d);
    std::vector<double> count(size_t(K), 0.0), sq(size_t(K), 0.0);
    for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
        const int c = data.labels[size_t(i)];
        centre.row(c) += data.X.row(i).cast<double>();
        count[size_t(c)] += 1;
    }
    for (int c = 0; c < K; ++c)
        if (count[size_t(c)] > 0) centre.row(c) /= count[size_t(c)];
    for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
        const int c = data.labels[size_t(i)];
        sq[size_t(c)] += (data.X.row(i).cast<double>() - centre.row(c)).squaredNorm();
    }
    std::vector<double> radius(static_cast<size_t>(K), 0.0);
    GanModeQuality q;
    for (int c = 0; c < K; ++c) {
        if (count[size_t(c)] == 0) continue;
        ++q.modesTotal;
        radius[size_t(c)] = 3.0 * std::sqrt(sq[size_t(c)] / (count[size_t(c)] * double(d)));
    }
    std::vector<bool> covered(size_t(K), false);
    int good = 0;
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
        int best = -1;
        double bestDist = std::numeric_limits<double>::infinity();
        for (int c = 0; c < K; ++c) {
            if (count[size_t(c)] == 0) continue;
            const double dist = (samples.row(i).cast<double>() - centre.row(c)).norm();
            if (dist < bestDist) bestDist = dist, best = c;
        }
        if (best >= 0 && bestDist <= radius[size_t(best)]) {
            ++good;
            covered[size_t(best)] = true;
        }
    }
    for (bool c : covered) q.modesCovered += c ? 1 : 0;
    q.highQualityFraction = samples.rows() > 0 ? double(good) / double(samples.rows()) : 0.0;
    return q;
}

} // namespace latentlab::core
