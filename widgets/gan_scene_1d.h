#pragma once
// Snapshot → Scene for a GAN on one-dimensional data: Goodfellow et al. 2014's figure 1 live.
// On one axis: the data density p_data and the generator's density p_G (Gaussian kernel
// estimates, scaled together so the larger peaks at 1), the discriminator D(x) = σ(logit), the
// optimal discriminator for this G, D*(x) = p_data / (p_data + p_G) (lecture 000:1010-1026),
// and the ½ line where D* settles when p_G = p_data. Real and generated samples as rugs below
// the axis.
#include "core/gan.h"
#include "widgets/scene.h"

#include <vector>

namespace latentlab::ui {

/// Gaussian kernel density estimate of `x` at `at`, bandwidth h > 0 (1/data unit).
std::vector<double> kernelDensity(const std::vector<float>& x, const std::vector<double>& at, double h);
/// Silverman's rule of thumb: 1.06 · std · n^(−1/5) (a floor of 1e-3 · range keeps it > 0).
double silvermanBandwidth(const std::vector<float>& x);

/// The 1-D GAN scene for feature 0 of snap.data. Items: areas = the data histogram (density,
/// scaled like the curves); points = two rugs (real, generated); lines, in order: p_data,
/// p_G, D(x), D*(x) (only where p_data + p_G is not negligible), the ½ line; legend for each.
/// Curves are sampled at 400 points over the data and the samples' range with 10 % margins.
Scene buildGan1dScene(const core::GanSnapshot& snap, const QString& caption = {});

} // namespace latentlab::ui
