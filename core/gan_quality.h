#pragma once
// Sample quality of a generator on toy data whose classes are Gaussian modes (ring of 8, grid
// of 25, blobs): the two numbers of Metz et al. 2017 ("Unrolled GANs", §3.1 and Table 1).
#include "core/dataset.h"

#include <Eigen/Core>

namespace latentlab::core {

struct GanModeQuality {
    int modesCovered = 0;            ///< modes with at least one high-quality sample
    int modesTotal = 0;              ///< classes in the data
    double highQualityFraction = 0;  ///< share of samples within 3σ of their nearest mode, [0, 1]
};

inline constexpr const char* kGanModeQualityDefinition =
    "modes = the data's classes, centre = class mean, sigma = the classes' pooled standard deviation per "
    "coordinate (sqrt of the mean squared distance to the class centre / d); a sample is high quality when it "
    "lies within 3 sigma of its nearest centre; a mode is covered when at least one high-quality sample is "
    "nearest to it (Metz et al. 2017, section 3.1; core/sample_metrics.h)";

/// Quality of `samples` (M × d, same units as data.X) against the modes of `data` (N × d with
/// labels), estimating the centres and σ from the labelled data and scoring with
/// core::modeQuality (sample_metrics.h). Throws std::invalid_argument when the data have no
/// labels or another d.
GanModeQuality modeQuality(const Dataset& data, const Eigen::MatrixXf& samples);

} // namespace latentlab::core
