#pragma once
// Exact computations for small RBMs, by enumerating the states of the smaller layer with the
// other layer summed out analytically (lecture 000:1199: p(v) ∝ e^{aᵀv} Π_j (1 + e^{b_j +
// (vᵀW)_j}); by symmetry p(h) ∝ e^{bᵀh} Π_i (1 + e^{a_i + (Wh)_i})): the partition function Z,
// the exact log-likelihood, the exact gradient ⟨v hᵀ⟩_data − ⟨v hᵀ⟩_model (000:1255-1290), and
// the expected CD-k estimate of that gradient, so the bias of CD-k can be seen shrinking as k
// grows (Carreira-Perpiñán & Hinton 2005; LECTURES.md "RBM"). All in double.
#include "core/dataset.h"
#include "core/rbm_math.h"

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <vector>

namespace latentlab::core::rbm {

/// Largest smaller layer that is enumerated (2^20 states).
inline constexpr int kExactMaxUnits = 20;
/// Upper bound on 2^min(V,H) · V · H, the work of one enumeration (~0.1 s).
inline constexpr double kExactMaxWork = 134217728.0; // 2^27

/// True when the exact functions below accept a V × H model: min(V, H) ≤ kExactMaxUnits and
/// 2^min(V,H)·V·H ≤ kExactMaxWork. Every model with V + H ≤ 20 ("tiny") qualifies, and so do
/// e.g. 784 × 10 or 64 × 16.
bool exactAvailable(int visible, int hidden);
/// The CD-k bias study (cdGradientErrors) is offered for tiny models, V + H ≤ 20.
bool tinyModel(int visible, int hidden);

/// log Z = log Σ_{v,h} e^{−E(v,h)} in nats. Throws std::invalid_argument when !exactAvailable.
double logPartitionFunction(const RbmWeights& theta);

/// log p(v_n) = −F(v_n) − log Z for every row of v (N × V), in nats; pass logZ when it is known
/// (NaN: computed here). Meaningful for binary v. Throws like logPartitionFunction.
Eigen::VectorXd exactLogProbability(const RbmWeights& theta, const Matrix& v,
                                    double logZ = std::numeric_limits<double>::quiet_NaN());

/// A gradient (or any quantity) shaped like the parameters, in double.
struct RbmGradient {
    Eigen::MatrixXd W; ///< V × H
    Eigen::VectorXd a; ///< V
    Eigen::VectorXd b; ///< H
    /// Euclidean norm over all parameters.
    double norm() const;
    RbmGradient operator-(const RbmGradient& o) const;
};

/// The exact gradient of the mean log-likelihood (1/N) Σ_n log p(v_n) of the rows of data:
///   ∂/∂W = ⟨v p(h|v)ᵀ⟩_data − ⟨v hᵀ⟩_model, ∂/∂a = ⟨v⟩_data − ⟨v⟩_model,
///   ∂/∂b = ⟨p(h|v)⟩_data − ⟨h⟩_model (lecture 000:1256-1284; 001:504-510, whose ∂/∂b_i has a
///   '+' that should be '−'),
/// the model expectations by enumeration. Throws like logPartitionFunction.
RbmGradient exactGradient(const RbmWeights& theta, const Matrix& data);

/// The positive phase alone: ⟨v p(h|v)ᵀ⟩_data, ⟨v⟩_data, ⟨p(h|v)⟩_data over the rows of data.
RbmGradient dataStatistics(const RbmWeights& theta, const Matrix& data);

/// Monte Carlo estimate of the expected CD-k gradient for each k in ks (ascending, ≥ 1): the
/// positive phase of the data minus ⟨v_k p(h|v_k)ᵀ⟩ averaged over `chains` Gibbs chains per data
/// row, each started at its row (the "probabilities" statistics). The same chains are continued
/// from one k to the next, so the estimates are correlated and their differences show the bias.
/// `seed` makes it reproducible. Returns one gradient per k.
std::vector<RbmGradient> cdGradients(const RbmWeights& theta, const Matrix& data,
                                     const std::vector<int>& ks, int chains, uint64_t seed);

/// ‖E[CD-k gradient] − exact gradient‖ / ‖exact gradient‖ for each k in ks (estimated with
/// cdGradients). Throws like logPartitionFunction.
std::vector<double> cdGradientErrors(const RbmWeights& theta, const Matrix& data,
                                     const std::vector<int>& ks, int chains, uint64_t seed);

} // namespace latentlab::core::rbm
