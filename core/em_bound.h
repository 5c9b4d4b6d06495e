#pragma once
// The lecture's general-EM picture (000:680-797): EM as coordinate ascent on the lower bound
//   J(q, θ) = Σ_n Σ_z q_n(z) log( p(x_n, z; θ) / q_n(z) )  ≤  l(θ) = Σ_n log p(x_n; θ)
// (Jensen, 000:692-698; log is concave — the lecture's "convex" at 000:702 is a typo), tight
// when q_n(z) = p(z | x_n; θ) (000:708-721). The E-step sets q to that posterior at θ_t, so the
// bound touches l at θ_t; the M-step moves θ to the bound's maximum; hence l(θ_{t+1}) ≥
// J(q_t, θ_{t+1}) ≥ J(q_t, θ_t) = l(θ_t) (000:751-765, 000:771-783; Bishop, PRML §9.4).
//
// The model that makes it drawable: a 1-D mixture of two Gaussians in which only the mean of
// component 1 is free, θ = μ₁; π₁, π₂ = 1 − π₁, σ₁, σ₂ and μ₂ are fixed. Then l(θ) is a curve
// and J(q_t, ·) a concave parabola in θ whose maximiser is the GMM M-step's mean
// Σ_n q_n(1) x_n / Σ_n q_n(1) (000:588-596). No Qt; everything in double, nats.
#include <cstdint>
#include <vector>

namespace latentlab::core {

/// Data and fixed parameters of the one-free-mean mixture
/// p(x; θ) = π₁ 𝒩(x | θ, σ₁²) + (1 − π₁) 𝒩(x | μ₂, σ₂²).
struct EmBoundProblem {
    std::vector<double> x; ///< N ≥ 1 finite data points
    double weight1 = 0.5;  ///< π₁ ∈ (0, 1); π₂ = 1 − π₁
    double sigma1 = 1.0;   ///< σ₁ > 0, standard deviation of the free component (data units)
    double sigma2 = 1.0;   ///< σ₂ > 0, standard deviation of the fixed component
    double mean2 = 0.0;    ///< μ₂, mean of the fixed component (data units)

    /// Throws std::invalid_argument naming the first bad field (empty or non-finite data,
    /// π₁ outside (0, 1), σ ≤ 0 or non-finite, non-finite μ₂).
    void validate() const;

    /// The classroom example: 54 points in three clusters at −3.5, 0 and 3.5 (14, 22 and 18
    /// points at the evenly spaced quantiles (i + ½)/count of 𝒩(centre, 0.8²): no randomness,
    /// every cluster symmetric), π₁ = π₂ = ½, σ₁ = σ₂ = 1, μ₂ = 0. The
    /// fixed component explains the middle cluster, so l(θ) has two maxima: the global one
    /// near 3.5 and a local one near −3.5 — where EM ends depends on θ₀.
    static EmBoundProblem classroomExample();
};

/// The E-step's q_n(z) = p(z | x_n; θ_t) for z ∈ {1, 2}, kept as logarithms so that q·log q
/// is exact even when a posterior underflows (0·log 0 = 0).
struct EmPosterior {
    double theta = 0;          ///< θ_t the posterior belongs to
    std::vector<double> logQ1; ///< N, log q_n(1) = log p(z = 1 | x_n; θ_t)
    std::vector<double> logQ2; ///< N, log q_n(2)
    /// q_n(1) for n = 0..N−1 (exp of logQ1).
    std::vector<double> q1() const;
};

/// l(θ) = Σ_n log(π₁ 𝒩(x_n | θ, σ₁²) + π₂ 𝒩(x_n | μ₂, σ₂²)) in nats, by log-sum-exp
/// (000:692-696). Does not validate (call problem.validate() once).
double emLogLikelihood(const EmBoundProblem& problem, double theta);

/// The E-step at θ_t: q_n(z) = π_z 𝒩(x_n | μ_z, σ_z²) / p(x_n; θ_t) with μ₁ = θ_t (000:719-731).
EmPosterior emPosterior(const EmBoundProblem& problem, double thetaT);

/// The lower bound J(q, θ) = Σ_n Σ_z q_n(z) [log p(x_n, z; θ) − log q_n(z)] in nats
/// (000:771), with p(x, 1; θ) = π₁ 𝒩(x | θ, σ₁²), p(x, 2) = π₂ 𝒩(x | μ₂, σ₂²). For any q:
/// J(q, θ) ≤ emLogLikelihood(θ); equality at θ = q.theta.
double emLowerBound(const EmBoundProblem& problem, const EmPosterior& q, double theta);

/// The M-step for θ: argmax_θ J(q, θ) = Σ_n q_n(1) x_n / Σ_n q_n(1) (J is a parabola in θ
/// with curvature −Σ_n q_n(1)/σ₁²). When Σ_n q_n(1) underflows to 0, J does not depend on θ
/// and q.theta is returned.
double emMaximiseBound(const EmBoundProblem& problem, const EmPosterior& q);

/// EM on the one-free-mean mixture, one visible half-step at a time:
/// init (θ₀) → E (q₀) → M (θ₁) → E (q₁) → M (θ₂) → …
class EmBoundDemo {
public:
    enum class Phase { Init, EStep, MStep };

    /// Throws std::invalid_argument for a bad problem or a non-finite θ₀.
    EmBoundDemo(EmBoundProblem problem, double theta0);

    /// E-step after Init or an M-step, M-step after an E-step.
    void step();
    /// Back to θ₀ (no posterior).
    void reset(double theta0);

    const EmBoundProblem& problem() const { return m_problem; }
    Phase phase() const { return m_phase; }
    /// t of θ_t: the number of M-steps done.
    int iteration() const { return static_cast<int>(m_thetas.size()) - 1; }
    /// θ₀, θ₁, …, θ_t (θ_t is the current parameter).
    const std::vector<double>& thetas() const { return m_thetas; }
    double theta() const { return m_thetas.back(); }
    /// q_0, q_1, …: the posterior of every E-step so far (q_s belongs to θ_s).
    const std::vector<EmPosterior>& posteriors() const { return m_posteriors; }
    /// l(θ₀), l(θ₁), …: never decreases.
    const std::vector<double>& logLikelihoods() const { return m_logLik; }
    /// True when the last M-step moved θ by less than `tol` (data units).
    bool converged(double tol = 1e-6) const;

private:
    EmBoundProblem m_problem;
    Phase m_phase = Phase::Init;
    std::vector<double> m_thetas;
    std::vector<EmPosterior> m_posteriors;
    std::vector<double> m_logLik;
};

} // namespace latentlab::core
