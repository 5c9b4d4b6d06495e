#pragma once
// DDPM noise schedules and the closed-form steps that need no network: forward sampling
// q(x_t | x_0), the posterior q(x_{t−1} | x_t, x_0), the Algorithm-2 reverse step, x_0 from ε,
// DDIM steps and the λ_t loss weights. Everything here is arithmetic on the schedule; the
// ε-network is the caller's.
//
// Sources: lecture 003:5897-6375 (Chinese; ../shared/seeds/003_*.txt) — forward step 003:5955,
// closed form 003:6128-6134, posterior 003:6178-6206, ε-form of the mean 003:6302-6312, λ_t
// 003:6319-6321, Algorithm 1 003:6346, Algorithm 2 003:6362-6370. Errata followed: the lecture's
// "+ β̃_t·ε" (003:6033/6059/6064) is "+ √β̃_t·ε" as in its own Algorithm 2; λ_t's simplified form at
// 003:6321 lacks a factor ½ (see lossWeights()). Papers: Ho, Jain & Abbeel 2020, "Denoising
// Diffusion Probabilistic Models" (eq. 4, 6, 7, 11, 12, Alg. 1-2); Nichol & Dhariwal 2021,
// "Improved DDPM" (eq. 17 cosine schedule, and their code's linear schedule scaled by 1000/T);
// Song, Meng & Ermon 2021, "DDIM" (eq. 12 and 16).
//
// INDEX CONVENTION: the lecture and the papers count t = 1..T. Every array below has T entries
// and entry i holds the value for t = i + 1: betas[0] = β_1, alphas_cumprod[T−1] = ᾱ_T (the same
// as diffusers' timestep i and the DDPM authors' code). The functions take the 1-based t of the
// lecture and do the − 1 themselves. ᾱ_0 = 1 (no noise) is alphas_cumprod_prev[0].
//
// Batches are N × d float matrices (core::Matrix, rows are samples); the schedule itself is
// double. Errors: std::invalid_argument with a message naming the bad value.
#include "core/dataset.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace latentlab::core {

/// Constant: β_t = β for all t (the lecture's 0.01, 003:5957). Linear: Ho et al. 2020's
/// linspace(1e-4, 0.02, T) for T = 1000, for other T scaled by 1000/T as in Nichol & Dhariwal's
/// code (so ᾱ_T stays near 4e-5), clipped at 0.999 (T < 50 would exceed 1 there; our choice).
/// Cosine: Nichol & Dhariwal 2021 eq. 17, s = 0.008, β_t = min(1 − ᾱ_t/ᾱ_{t−1}, 0.999).
enum class BetaSchedule { Constant, Linear, Cosine };

/// The reverse-step variance σ_t² of p_θ(x_{t−1} | x_t): the posterior variance β̃_t (the
/// lecture's choice, 003:6214) or β_t (Ho et al. 2020 §3.2 found both work about equally).
enum class ReverseVariance { PosteriorVariance, Beta };

inline constexpr int kDdpmMinSteps = 10;   ///< smallest T accepted
inline constexpr int kDdpmMaxSteps = 1000; ///< largest T accepted
inline constexpr double kDdpmMaxBeta = 0.999;

/// "constant", "linear", "cosine" ↔ BetaSchedule. parseBetaSchedule throws
/// std::invalid_argument naming the known names.
BetaSchedule parseBetaSchedule(const std::string& name);
std::string betaScheduleName(BetaSchedule schedule);

/// The schedule arrays, named as in Ho et al.'s code and diffusers; all of length T, entry i
/// for t = i + 1 (see the index convention above). Computed once, in double.
struct DdpmSchedule {
    BetaSchedule kind = BetaSchedule::Constant;
    int T = 0;
    Eigen::VectorXd betas;                         ///< β_t, in (0, 0.999]
    Eigen::VectorXd alphas;                        ///< α_t = 1 − β_t
    Eigen::VectorXd alphas_cumprod;                ///< ᾱ_t = Π_{s ≤ t} α_s (003:6132)
    Eigen::VectorXd alphas_cumprod_prev;           ///< ᾱ_{t−1}; entry 0 is ᾱ_0 = 1
    Eigen::VectorXd sqrt_alphas_cumprod;           ///< √ᾱ_t
    Eigen::VectorXd sqrt_one_minus_alphas_cumprod; ///< √(1 − ᾱ_t)
    /// β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t (003:6180; Ho et al. eq. 7); β̃_1 = 0.
    Eigen::VectorXd posterior_variance;
    /// log β̃_t with β̃_1 replaced by β̃_2 (log 0 is −∞), as in Ho et al.'s code.
    Eigen::VectorXd posterior_log_variance_clipped;
    /// √ᾱ_{t−1} β_t / (1 − ᾱ_t): the weight of x_0 in μ̃_t (003:6180); 1 at t = 1.
    Eigen::VectorXd posterior_mean_coef1;
    /// √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t): the weight of x_t in μ̃_t (003:6180); 0 at t = 1.
    Eigen::VectorXd posterior_mean_coef2;

    /// Entry for the 1-based timestep t ∈ [1, T] (throws std::invalid_argument outside).
    size_t index(int t) const;
};

/// Builds the schedule. T ∈ [10, 1000]; `constantBeta` ∈ (0, 0.999] is used only by
/// BetaSchedule::Constant. Throws std::invalid_argument outside these ranges.
DdpmSchedule makeDdpmSchedule(BetaSchedule kind, int T, double constantBeta = 0.01);

/// Closed-form forward sample (003:6134, Ho et al. eq. 4): x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, for one
/// t ∈ [1, T] for the whole batch. x0 and eps: N × d, same shape. Returns N × d.
Matrix qSample(const DdpmSchedule& s, const Matrix& x0, int t, const Matrix& eps);
/// The same with one timestep per row (Algorithm 1's t ~ U{1..T}): t has N entries in [1, T].
Matrix qSample(const DdpmSchedule& s, const Matrix& x0, const std::vector<int>& t, const Matrix& eps);

/// Posterior mean μ̃_t(x_t, x_0) = coef1 · x_0 + coef2 · x_t (003:6180, Ho et al. eq. 7).
/// xt, x0: N × d; t ∈ [1, T]. The posterior variance is s.posterior_variance[t − 1].
Matrix posteriorMean(const DdpmSchedule& s, const Matrix& xt, const Matrix& x0, int t);

/// x_0 predicted from ε by inverting the closed form: x̂_0 = (x_t − √(1 − ᾱ_t) ε) / √ᾱ_t
/// (Ho et al. eq. 4 solved for x_0; 003:6304). xt, eps: N × d; t ∈ [1, T].
Matrix predictX0(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& eps);

/// Mean of the reverse step: μ_θ(x_t, t) = (x_t − β_t / √(1 − ᾱ_t) · ε_θ) / √α_t (003:6310,
/// Ho et al. eq. 11). With the true ε that made x_t from x_0 it equals μ̃_t(x_t, x_0) (003:6306).
Matrix reverseMean(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& epsTheta);

/// σ_t of the reverse step: √β̃_t (ReverseVariance::PosteriorVariance — the erratum: the
/// lecture's 003:6033 writes β̃_t, its Algorithm 2 at 003:6368 has √β̃_t) or √β_t; 0 at t = 1,
/// where Algorithm 2 adds no noise (003:6367).
double reverseSigma(const DdpmSchedule& s, int t, ReverseVariance variance);

/// One step of Algorithm 2 (003:6362-6370, Ho et al. Alg. 2):
/// x_{t−1} = reverseMean(x_t, t, ε_θ) + σ_t z, σ_t = reverseSigma(t). xt, epsTheta, z: N × d,
/// z ~ N(0, I) drawn by the caller; at t = 1 z is not used and may be empty.
Matrix reverseStep(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& epsTheta,
                   const Matrix& z, ReverseVariance variance = ReverseVariance::PosteriorVariance);

/// The DDIM sub-sequence of `steps` timesteps out of 1..T, increasing, evenly spaced and ending
/// at T: τ_i = round(i · T / steps), i = 1..steps, ties to even ("trailing" spacing of Lin et al.
/// 2024, table 2, and diffusers; Song et al.'s code starts at t = 1 instead and never visits T).
/// Sampling goes τ_S → … → τ_1 → 0.
/// steps ∈ [1, T]; throws std::invalid_argument otherwise.
std::vector<int> ddimTimesteps(int T, int steps);

/// σ of a DDIM step t → tPrev (Song et al. 2021 eq. 16, ᾱ written α there):
/// η √((1 − ᾱ_prev) / (1 − ᾱ_t)) √(1 − ᾱ_t / ᾱ_prev). η = 1 with tPrev = t − 1 gives √β̃_t (DDPM);
/// η = 0 gives 0 (deterministic DDIM).
double ddimSigma(const DdpmSchedule& s, int t, int tPrev, double eta);

/// One DDIM step t → tPrev (Song et al. 2021 eq. 12):
/// x_prev = √ᾱ_prev x̂_0 + √(1 − ᾱ_prev − σ²) ε_θ + σ z, x̂_0 = predictX0(x_t, t, ε_θ),
/// σ = ddimSigma(t, tPrev, η). t ∈ [1, T], tPrev ∈ [0, t − 1] (ᾱ_0 = 1), η ∈ [0, 1]. xt, epsTheta:
/// N × d; z: N × d standard normal, not used (may be empty) when σ = 0.
Matrix ddimStep(const DdpmSchedule& s, const Matrix& xt, int t, int tPrev, const Matrix& epsTheta,
                double eta, const Matrix& z);

/// λ_t of the λ_t-weighted loss Σ_t λ_t E‖ε − ε_θ(x_t, t)‖² that matches the variational bound
/// term L_{t−1} (Ho et al. eq. 12, lecture 003:6319-6321): λ_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)).
/// With σ_t² = β̃_t this is β_t / (2 α_t (1 − ᾱ_{t−1})) — the lecture's simplification at 003:6321
/// drops the ½ (erratum). At t = 1, β̃_1 = 0 would give ∞ (that term of the bound is the decoder
/// L_0, not a KL): we use β̃_2 there, as posterior_log_variance_clipped does. Length T (index
/// t − 1), not normalised; the simple loss of Algorithm 1 is λ_t = 1.
Eigen::VectorXd lossWeights(const DdpmSchedule& s,
                            ReverseVariance variance = ReverseVariance::PosteriorVariance);

} // namespace latentlab::core
