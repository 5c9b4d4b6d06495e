#include "core/gan_quality.h"

#include "core/sample_metrics.h"

#include <cmath>
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
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(K, d);
    std::vector<double> count(static_cast<size_t>(K), 0.0);
    for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
        const int c = data.labels[size_t(i)];
        sum.row(c) += data.X.row(i).cast<double>();
        count[size_t(c)] += 1;
    }
    // Classes without points are not modes; the rest give the centres (class means).
    std::vector<int> index(static_cast<size_t>(K), -1);
    int modes = 0;
    for (int c = 0; c < K; ++c)
        if (count[size_t(c)] > 0) index[size_t(c)] = modes++;
    Matrix centres(modes, d);
    for (int c = 0; c < K; ++c)
        if (index[size_t(c)] >= 0) centres.row(index[size_t(c)]) = (sum.row(c) / count[size_t(c)]).cast<float>();
    // σ pooled over the classes: √(mean squared distance to the class centre / d).
    double sq = 0;
    for (Eigen::Index i = 0; i < data.X.rows(); ++i)
        sq += (data.X.row(i) - centres.row(index[size_t(data.labels[size_t(i)])])).cast<double>().squaredNorm();
    const double sigma = std::sqrt(sq / (double(data.X.rows()) * double(d)));
    GanModeQuality q;
    q.modesTotal = modes;
    if (samples.rows() == 0 || !(sigma > 0)) return q;
    const ModeQuality m = core::modeQuality(samples, centres, sigma);
    q.modesCovered = m.modesCovered;
    q.highQualityFraction = m.highQualityFraction;
    return q;
}

} // namespace latentlab::core
