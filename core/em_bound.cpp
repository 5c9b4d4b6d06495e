#include "core/em_bound.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace latentlab::core {

namespace {

constexpr double kLogSqrt2Pi = 0.91893853320467274178; // log √(2π)

/// log 𝒩(x | m, s²).
double logNormal(double x, double m, double s) {
    const double z = (x - m) / s;
    return -kLogSqrt2Pi - std::log(s) - 0.5 * z * z;
}

double logAddExp(double a, double b) {
    const double hi = std::max(a, b), lo = std::min(a, b);
    return hi + std::log1p(std::exp(lo - hi));
}

/// Φ⁻¹(u) for u ∈ (0, 1), by bisection on Φ(z) = erfc(−z/√2)/2 (to double precision).
double standardNormalQuantile(double u) {
    double lo = -40, hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(-mid / std::sqrt(2.0)) < u ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

void require(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("EM lower bound: " + what);
}

} // namespace

void EmBoundProblem::validate() const {
    require(!x.empty(), "the data are empty");
    for (size_t n = 0; n < x.size(); ++n)
        require(std::isfinite(x[n]), "data point " + std::to_string(n) + " is not a finite number");
    require(weight1 > 0 && weight1 < 1, "the weight π₁ must lie strictly between 0 and 1");
    require(std::isfinite(sigma1) && sigma1 > 0, "σ₁ must be a positive number");
    require(std::isfinite(sigma2) && sigma2 > 0, "σ₂ must be a positive number");
    require(std::isfinite(mean2), "μ₂ must be a finite number");
}

EmBoundProblem EmBoundProblem::classroomExample() {
    EmBoundProblem p;
    const std::pair<double, int> clusters[] = {{-3.5, 14}, {0.0, 22}, {3.5, 18}};
    for (const auto& [centre, count] : clusters)
        for (int i = 0; i < count; ++i)
            p.x.push_back(centre + 0.8 * standardNormalQuantile((i + 0.5) / count));
    return p;
}

std::vector<double> EmPosterior::q1() const {
    std::vector<double> q(logQ1.size());
    std::transform(logQ1.begin(), logQ1.end(), q.begin(), [](double l) { return std::exp(l); });
    return q;
}

double emLogLikelihood(const EmBoundProblem& p, double theta) {
    const double logPi1 = std::log(p.weight1), logPi2 = std::log1p(-p.weight1);
    double sum = 0;
    for (double x : p.x)
        sum += logAddExp(logPi1 + logNormal(x, theta, p.sigma1),
                         logPi2 + logNormal(x, p.mean2, p.sigma2));
    return sum;
}

EmPosterior emPosterior(const EmBoundProblem& p, double thetaT) {
    const double logPi1 = std::log(p.weight1), logPi2 = std::log1p(-p.weight1);
    EmPosterior q;
    q.theta = thetaT;
    q.logQ1.resize(p.x.size());
    q.logQ2.resize(p.x.size());
    for (size_t n = 0; n < p.x.size(); ++n) {
        const double a = logPi1 + logNormal(p.x[n], thetaT, p.sigma1);
        const double b = logPi2 + logNormal(p.x[n], p.mean2, p.sigma2);
        const double logP = logAddExp(a, b);
        q.logQ1[n] = a - logP;
        q.logQ2[n] = b - logP;
    }
    return q;
}

double emLowerBound(const EmBoundProblem& p, const EmPosterior& q, double theta) {
    const double logPi1 = std::log(p.weight1), logPi2 = std::log1p(-p.weight1);
    double sum = 0;
    for (size_t n = 0; n < p.x.size(); ++n) {
        // q·(log p(x, z) − log q), with 0·(…) = 0 where the posterior underflowed.
        const double q1 = std::exp(q.logQ1[n]), q2 = std::exp(q.logQ2[n]);
        if (q1 > 0) sum += q1 * (logPi1 + logNormal(p.x[n], theta, p.sigma1) - q.logQ1[n]);
        if (q2 > 0) sum += q2 * (logPi2 + logNormal(p.x[n], p.mean2, p.sigma2) - q.logQ2[n]);
    }
    return sum;
}

double emMaximiseBound(const EmBoundProblem& p, const EmPosterior& q) {
    // ∂J/∂θ = Σ_n q_n(1) (x_n − θ) / σ₁² = 0.
    double mass = 0, weighted = 0;
    for (size_t n = 0; n < p.x.size(); ++n) {
        const double q1 = std::exp(q.logQ1[n]);
        mass += q1;
        weighted += q1 * p.x[n];
    }
    return mass > 0 ? weighted / mass : q.theta;
}

EmBoundDemo::EmBoundDemo(EmBoundProblem problem, double theta0) : m_problem(std::move(problem)) {
    m_problem.validate();
    reset(theta0);
}

void EmBoundDemo::reset(double theta0) {
    require(std::isfinite(theta0), "θ₀ must be a finite number");
    m_phase = Phase::Init;
    m_thetas = {theta0};
    m_posteriors.clear();
    m_logLik = {emLogLikelihood(m_problem, theta0)};
}

void EmBoundDemo::step() {
    if (m_phase == Phase::EStep) {
        const double next = emMaximiseBound(m_problem, m_posteriors.back());
        m_thetas.push_back(next);
        m_logLik.push_back(emLogLikelihood(m_problem, next));
        m_phase = Phase::MStep;
    } else {
        m_posteriors.push_back(emPosterior(m_problem, theta()));
        m_phase = Phase::EStep;
    }
}

bool EmBoundDemo::converged(double tol) const {
    const size_t t = m_thetas.size();
    return t >= 2 && std::abs(m_thetas[t - 1] - m_thetas[t - 2]) < tol;
}

} // namespace latentlab::core
