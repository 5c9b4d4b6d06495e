#pragma once
// Optimisers for the neural-network core. Each takes the network's parameter list (values
// and gradients, nn_layers.h) on every step, so a network may be copied or moved between
// steps; the optimiser's state (momenta, moment estimates) follows the list's order and sizes.
#include "core/nn_layers.h"

#include <cstdint>
#include <vector>

namespace latentlab::core::nn {

/// SGD with momentum as PyTorch's torch.optim.SGD (dampening 0, no Nesterov):
/// g ← ∇ + λ·p; buf ← g on the first step, μ·buf + g after; p ← p − lr·buf.
struct SgdOptions {
    double learningRate = 0.01; ///< > 0
    double momentum = 0.0;      ///< μ ∈ [0, 1)
    double weightDecay = 0.0;   ///< λ ≥ 0 (L2 penalty added to the gradient)
};

/// Adam (Kingma & Ba 2015, Algorithm 1) with bias correction and ε outside the square root,
/// computed as PyTorch's torch.optim.Adam does (lecture 003:2684 omits the bias correction and
/// ε: see LECTURES.md errata): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
struct AdamOptions {
    double learningRate = 1e-3; ///< > 0
    double beta1 = 0.9;         ///< ∈ [0, 1)
    double beta2 = 0.999;       ///< ∈ [0, 1)
    double epsilon = 1e-8;      ///< > 0
    double weightDecay = 0.0;   ///< λ ≥ 0, L2 added to the gradient (not AdamW)
};

template <typename T> class Sgd {
public:
    /// Throws std::invalid_argument for options outside the ranges above.
    explicit Sgd(SgdOptions o = {});
    /// One update of every parameter from its gradient. Throws std::invalid_argument when the
    /// list's sizes differ from the first call's.
    void step(const std::vector<ParamRef<T>>& params);
    const SgdOptions& options() const { return m_o; }
    void setLearningRate(double lr);
    int64_t steps() const { return m_t; }
    /// Momentum buffers, one per parameter tensor (for saving and restoring a run).
    std::vector<std::vector<T>>& state() { return m_buf; }
    const std::vector<std::vector<T>>& state() const { return m_buf; }
    void setSteps(int64_t t) { m_t = t; }

private:
    SgdOptions m_o;
    int64_t m_t = 0;
    std::vector<std::vector<T>> m_buf;
};

template <typename T> class Adam {
public:
    /// Throws std::invalid_argument for options outside the ranges above.
    explicit Adam(AdamOptions o = {});
    /// One update of every parameter from its gradient (t ← t + 1 first). Throws
    /// std::invalid_argument when the list's sizes differ from the first call's.
    void step(const std::vector<ParamRef<T>>& params);
    const AdamOptions& options() const { return m_o; }
    void setLearningRate(double lr);
    int64_t steps() const { return m_t; }
    /// First and second moment estimates, one vector per parameter tensor.
    std::vector<std::vector<T>>& firstMoments() { return m_m; }
    std::vector<std::vector<T>>& secondMoments() { return m_v; }
    const std::vector<std::vector<T>>& firstMoments() const { return m_m; }
    const std::vector<std::vector<T>>& secondMoments() const { return m_v; }
    void setSteps(int64_t t) { m_t = t; }

private:
    AdamOptions m_o;
    int64_t m_t = 0;
    std::vector<std::vector<T>> m_m, m_v;
};

extern template class Sgd<float>;
extern template class Sgd<double>;
extern template class Adam<float>;
extern template class Adam<double>;

} // namespace latentlab::core::nn
