#pragma once
// The mathematics of a Bernoulli–Bernoulli restricted Boltzmann machine that does not depend on
// how it is trained: its parameters, the two conditionals, the free energy, Gibbs sampling and
// scikit-learn's pseudo-log-likelihood. The views (filters, triptych, dreams) call these on a
// snapshot's weights; the trainer (core/rbm_kernels.h) uses the same definitions, batched.
//
// Notation (lecture 001:330-340 and LECTURES.md "RBM"): visible units v ∈ {0,1}^V (grey levels in
// [0, 1] are treated as probabilities of a unit being on), hidden units h ∈ {0,1}^H,
//   energy      E(v, h) = −aᵀv − bᵀh − vᵀWh                                      (001:350-352)
//   conditional p(h_j = 1 | v) = σ(b_j + Σ_i W_ij v_i),  p(v_i = 1 | h) = σ(a_i + Σ_j W_ij h_j)
//                                                                   (000:1214-1218, 001:419-420)
//   free energy F(v) = −aᵀv − Σ_j log(1 + exp(b_j + (vᵀW)_j)),  p(v) = exp(−F(v)) / Z (000:1199)
#include "core/dataset.h"
#include "core/rng.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace latentlab::core {

/// The parameters θ = (W, a, b) of an RBM, float32.
struct RbmWeights {
    Eigen::MatrixXf W; ///< V × H (n_visible × n_hidden); column j is hidden unit j's filter
    Eigen::VectorXf a; ///< V, visible biases
    Eigen::VectorXf b; ///< H, hidden biases

    int visible() const { return static_cast<int>(W.rows()); }
    int hidden() const { return static_cast<int>(W.cols()); }
    bool allFinite() const { return W.allFinite() && a.allFinite() && b.allFinite(); }
    /// W zero-filled V × H, a and b zero.
    static RbmWeights zero(int visible, int hidden);
};

namespace rbm {

/// Counter-based uniform random numbers (the idea of Salmon et al. 2011, "Parallel random
/// numbers: as easy as 1, 2, 3"): the number for (key, counter) is a hash of the two, so a
/// matrix of samples can be drawn in any order, by any number of threads, with the same result.
/// The hash is two rounds of Wellons' "lowbias32" integer mixer; fine for Monte Carlo, not for
/// cryptography.
///
/// streamKey derives a 64-bit key from the run's seed and two indices (e.g. the step number and
/// what the numbers are for) with splitmix64, so that different keys give unrelated streams.
uint64_t streamKey(uint64_t seed, uint64_t index, uint64_t purpose);

inline uint32_t mix32(uint32_t x) {
    x ^= x >> 16;
    x *= 0x21f0aaadu;
    x ^= x >> 15;
    x *= 0x735a2d97u;
    x ^= x >> 15;
    return x;
}
/// 32 random bits for (key, counter); counter < 2^32.
inline uint32_t counterBits(uint64_t key, uint32_t counter) {
    return mix32(mix32(counter ^ static_cast<uint32_t>(key)) + static_cast<uint32_t>(key >> 32));
}
/// Uniform in [0, 1) with 24 random bits, for (key, counter).
inline float counterUniform(uint64_t key, uint32_t counter) {
    return static_cast<float>(counterBits(key, counter) >> 8) * 0x1.0p-24f;
}

/// out[i] = 1 if counterUniform(key, first + i) < p[i] else 0, for i < n: a Bernoulli sample
/// of the probabilities p (p ≤ 0 is never on, p ≥ 1 always). out may alias p.
void sampleBernoulli(const float* p, float* out, int n, uint64_t key, uint32_t first);

/// Logistic σ(x) = 1 / (1 + e^−x) in place, vectorised (Eigen's float logistic: within a few
/// ulp of the exact value, exactly 1 above x ≈ 15.7).
void sigmoidInPlace(float* x, int n);

/// log(1 + e^x) without overflow or cancellation, in double.
inline double softplus(double x) {
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

} // namespace rbm

/// p(h_j = 1 | v) for every row of v: v is N × V (values in [0, 1]); returns N × H.
Eigen::MatrixXf hiddenProbabilities(const RbmWeights& theta, const Matrix& v);
/// p(v_i = 1 | h) for every row of h: h is N × H (values in [0, 1]); returns N × V.
Eigen::MatrixXf visibleProbabilities(const RbmWeights& theta, const Eigen::MatrixXf& h);

/// F(v) = −aᵀv − Σ_j softplus(b_j + (vᵀW)_j) for every row of v (N × V), in nats, accumulated
/// in double (lecture 000:1199; scikit-learn's BernoulliRBM._free_energy). Returns N values.
Eigen::VectorXd freeEnergy(const RbmWeights& theta, const Matrix& v);

/// One Gibbs step's states, for one or more chains (rows).
struct GibbsState {
    Eigen::MatrixXf hiddenProbabilities;  ///< N × H, p(h | v_{t−1})
    Eigen::MatrixXf hidden;               ///< N × H, h_{t−1} ~ p(h | v_{t−1}) (0 or 1)
    Eigen::MatrixXf visibleProbabilities; ///< N × V, p(v | h_{t−1}): the smooth "reconstruction"
    Eigen::MatrixXf visible;              ///< N × V, v_t ~ p(v | h_{t−1}) (0 or 1)
};

/// Runs k full Gibbs steps v → h → v from the rows of v0 (N × V, values in [0, 1]; grey levels
/// act as probabilities for the first hidden layer) with `rng`, and returns the states after the
/// steps t = every, 2·every, …, k (and after step k if every does not divide it): for the
/// triptych (input | p(h|v) | reconstruction after 1 and after k steps) and for "dreams", a
/// free-running chain (lecture 002:63; LECTURES.md "RBM"). Throws std::invalid_argument when v0
/// has not V columns, k < 1 or every < 1.
std::vector<GibbsState> gibbsChain(const RbmWeights& theta, const Matrix& v0, int k, Rng& rng,
                                   int every = 1);
/// The binary visible states v_k after k Gibbs steps from v0 (N × V); when visibleProbs is not
/// null it receives p(v | h_{k−1}) (N × V), the smoother image to show. Throws like gibbsChain.
Eigen::MatrixXf gibbsStep(const RbmWeights& theta, const Matrix& v0, int k, Rng& rng,
                          Eigen::MatrixXf* visibleProbs = nullptr);

/// Indices i_n uniform in [0, V) for n < N, drawn from the counter-based stream `key` (the bit
/// each sample has flipped in pseudoLogLikelihood).
std::vector<int> pllFlipIndices(int n, int visible, uint64_t key);

/// The pseudo-log-likelihood proxy of scikit-learn 1.2's BernoulliRBM.score_samples, per row of v
/// (N × V): with v̂ = v except v̂_i = 1 − v_i at i = flipped[n],
///   PLL(v) = V · log σ(F(v̂) − F(v))
/// in nats (≤ 0; V log 2 ≈ −0.69·V for a model that cannot tell a pixel from its flip). It is a
/// one-sample stochastic estimate of Σ_i log p(v_i | v_−i) (Besag 1975). Throws
/// std::invalid_argument for a wrong number of columns or indices, or an index out of range.
Eigen::VectorXd pseudoLogLikelihood(const RbmWeights& theta, const Matrix& v,
                                    const std::vector<int>& flipped);

} // namespace latentlab::core
