#pragma once
// Losses for the neural-network core, each returning the loss (double accumulation) and
// writing its gradient with respect to the network output next to it. Reductions follow
// PyTorch's reduction="mean": the mean over all elements of the block passed in.
#include "core/nn_layers.h"

namespace latentlab::core::nn {

template <typename T> using ConstRef = Eigen::Ref<const Mat<T>>;
template <typename T> using Ref = Eigen::Ref<Mat<T>>;

/// Binary cross-entropy on logits z with a constant target y ∈ [0, 1] (PyTorch
/// BCEWithLogitsLoss): L = scale · mean[max(z, 0) − z·y + log(1 + e^{−|z|})], the stable form
/// of −y log σ(z) − (1 − y) log(1 − σ(z)). Writes dz = ∂L/∂z = scale · (σ(z) − y) / n
/// (n = elements of z; dz has z's shape). Throws std::invalid_argument for y outside [0, 1] or
/// a shape mismatch. scale = −1 with y = 0 gives the lecture's minimax generator loss
/// E[log(1 − D(G(z)))] (000:961-978).
template <typename T>
double bceWithLogits(const ConstRef<T>& z, double y, Ref<T> dz, double scale = 1.0);

/// Same with one target per element (targets: z's shape, each in [0, 1]).
template <typename T>
double bceWithLogits(const ConstRef<T>& z, const ConstRef<T>& targets, Ref<T> dz,
                     double scale = 1.0);

/// Mean squared error L = scale · mean[(p − t)²] (PyTorch MSELoss); dp = scale · 2(p − t) / n.
template <typename T>
double mse(const ConstRef<T>& prediction, const ConstRef<T>& target, Ref<T> dp,
           double scale = 1.0);

/// Mean squared error against a constant target (least-squares GAN, Mao et al. 2017, eq. 2).
template <typename T>
double mse(const ConstRef<T>& prediction, double target, Ref<T> dp, double scale = 1.0);

} // namespace latentlab::core::nn
