#include "core/ddpm_schedule.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace latentlab::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

[[noreturn]] void fail(const std::string& message) {
    throw std::invalid_argument(message);
}

void checkT(int T) {
    if (T >= kDdpmMinSteps && T <= kDdpmMaxSteps) return;
    fail("DDPM: the number of diffusion steps T must be between " + std::to_string(kDdpmMinSteps) +
         " and " + std::to_string(kDdpmMaxSteps) + ", got " + std::to_string(T));
}

void checkSameShape(const char* what, const Matrix& a, const char* aName, const Matrix& b,
                    const char* bName) {
    if (a.rows() == b.rows() && a.cols() == b.cols()) return;
    std::ostringstream os;
    os << what << ": " << bName << " is " << b.rows() << " × " << b.cols() << " but " << aName
       << " is " << a.rows() << " × " << a.cols();
    fail(os.str());
}

/// Nichol & Dhariwal 2021 eq. 17 without the division by f(0), which cancels in ᾱ_t / ᾱ_{t−1}.
double cosineF(double tOverT) {
    constexpr double s = 0.008;
    const double c = std::cos((tOverT + s) / (1.0 + s) * kPi / 2.0);
    return c * c;
}

Eigen::VectorXd makeBetas(BetaSchedule kind, int T, double constantBeta) {
    Eigen::VectorXd betas(T);
    switch (kind) {
    case BetaSchedule::Constant:
        betas.setConstant(constantBeta);
        break;
    case BetaSchedule::Linear: {
        // improved-diffusion's get_named_beta_schedule("linear"): Ho et al.'s 1e-4 → 0.02 at
        // T = 1000, both ends scaled by 1000/T; np.linspace(start, end, T).
        const double scale = 1000.0 / T, start = scale * 1e-4, end = scale * 0.02;
        for (int i = 0; i < T; ++i)
            betas[i] = std::min(start + (end - start) * i / (T - 1), kDdpmMaxBeta);
        break;
    }
    case BetaSchedule::Cosine:
        // improved-diffusion's betas_for_alpha_bar: β_t = min(1 − f(t/T) / f((t−1)/T), 0.999).
        for (int i = 0; i < T; ++i)
            betas[i] = std::min(1.0 - cosineF(double(i + 1) / T) / cosineF(double(i) / T),
                                kDdpmMaxBeta);
        break;
    }
    return betas;
}

} // namespace

BetaSchedule parseBetaSchedule(const std::string& name) {
    for (BetaSchedule b : {BetaSchedule::Constant, BetaSchedule::Linear, BetaSchedule::Cosine})
        if (betaScheduleName(b) == name) return b;
    fail("unknown noise schedule '" + name + "' (known: constant, linear, cosine)");
}

std::string betaScheduleName(BetaSchedule schedule) {
    switch (schedule) {
    case BetaSchedule::Constant: return "constant";
    case BetaSchedule::Linear: return "linear";
    case BetaSchedule::Cosine: return "cosine";
    }
    return "?";
}

size_t DdpmSchedule::index(int t) const {
    if (t < 1 || t > T)
        fail("DDPM: timestep t must be between 1 and T = " + std::to_string(T) + ", got " +
             std::to_string(t));
    return static_cast<size_t>(t - 1);
}

DdpmSchedule makeDdpmSchedule(BetaSchedule kind, int T, double constantBeta) {
    checkT(T);
    if (kind == BetaSchedule::Constant && !(constantBeta > 0.0 && constantBeta <= kDdpmMaxBeta)) {
        std::ostringstream os;
        os << "DDPM: the constant β must be in (0, " << kDdpmMaxBeta << "], got " << constantBeta;
        fail(os.str());
    }
    DdpmSchedule s;
    s.kind = kind;
    s.T = T;
    s.betas = makeBetas(kind, T, constantBeta);
    s.alphas = 1.0 - s.betas.array();
    s.alphas_cumprod.resize(T);
    s.alphas_cumprod_prev.resize(T);
    double prod = 1.0;
    for (int i = 0; i < T; ++i) {
        s.alphas_cumprod_prev[i] = prod; // ᾱ_0 = 1
        prod *= s.alphas[i];
        s.alphas_cumprod[i] = prod;
    }
    s.sqrt_alphas_cumprod = s.alphas_cumprod.array().sqrt();
    s.sqrt_one_minus_alphas_cumprod = (1.0 - s.alphas_cumprod.array()).sqrt();
    const Eigen::ArrayXd oneMinus = 1.0 - s.alphas_cumprod.array();
    const Eigen::ArrayXd oneMinusPrev = 1.0 - s.alphas_cumprod_prev.array();
    s.posterior_variance = s.betas.array() * oneMinusPrev / oneMinus;
    s.posterior_log_variance_clipped = s.posterior_variance.array().log();
    s.posterior_log_variance_clipped[0] = std::log(s.posterior_variance[1]);
    s.posterior_mean_coef1 = s.betas.array() * s.alphas_cumprod_prev.array().sqrt() / oneMinus;
    s.posterior_mean_coef2 = oneMinusPrev * s.alphas.array().sqrt() / oneMinus;
    return s;
}

Matrix qSample(const DdpmSchedule& s, const Matrix& x0, int t, const Matrix& eps) {
    checkSameShape("qSample", x0, "x0", eps, "eps");
    const size_t i = s.index(t);
    return static_cast<float>(s.sqrt_alphas_cumprod[i]) * x0 +
           static_cast<float>(s.sqrt_one_minus_alphas_cumprod[i]) * eps;
}

Matrix qSample(const DdpmSchedule& s, const Matrix& x0, const std::vector<int>& t,
               const Matrix& eps) {
    checkSameShape("qSample", x0, "x0", eps, "eps");
    if (static_cast<Eigen::Index>(t.size()) != x0.rows())
        fail("qSample: " + std::to_string(t.size()) + " timesteps for " +
             std::to_string(x0.rows()) + " rows");
    Eigen::VectorXf a(x0.rows()), b(x0.rows());
    for (Eigen::Index r = 0; r < x0.rows(); ++r) {
        const size_t i = s.index(t[static_cast<size_t>(r)]);
        a[r] = static_cast<float>(s.sqrt_alphas_cumprod[i]);
        b[r] = static_cast<float>(s.sqrt_one_minus_alphas_cumprod[i]);
    }
    return a.asDiagonal() * x0 + b.asDiagonal() * eps;
}

Matrix posteriorMean(const DdpmSchedule& s, const Matrix& xt, const Matrix& x0, int t) {
    checkSameShape("posteriorMean", xt, "xt", x0, "x0");
    const size_t i = s.index(t);
    return static_cast<float>(s.posterior_mean_coef1[i]) * x0 +
           static_cast<float>(s.posterior_mean_coef2[i]) * xt;
}

Matrix predictX0(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& eps) {
    checkSameShape("predictX0", xt, "xt", eps, "eps");
    const size_t i = s.index(t);
    // diffusers: sqrt_recip_alphas_cumprod · x_t − sqrt_recipm1_alphas_cumprod · ε
    const double recip = 1.0 / s.sqrt_alphas_cumprod[i];
    const double recipm1 = std::sqrt(1.0 / s.alphas_cumprod[i] - 1.0);
    return static_cast<float>(recip) * xt - static_cast<float>(recipm1) * eps;
}

Matrix reverseMean(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& epsTheta) {
    checkSameShape("reverseMean", xt, "xt", epsTheta, "epsTheta");
    const size_t i = s.index(t);
    const double scale = 1.0 / std::sqrt(s.alphas[i]);
    const double epsCoef = scale * s.betas[i] / s.sqrt_one_minus_alphas_cumprod[i];
    return static_cast<float>(scale) * xt - static_cast<float>(epsCoef) * epsTheta;
}

double reverseSigma(const DdpmSchedule& s, int t, ReverseVariance variance) {
    const size_t i = s.index(t);
    if (t == 1) return 0.0; // Algorithm 2, line 3: z = 0 at t = 1
    return std::sqrt(variance == ReverseVariance::Beta ? s.betas[i] : s.posterior_variance[i]);
}

Matrix reverseStep(const DdpmSchedule& s, const Matrix& xt, int t, const Matrix& epsTheta,
                   const Matrix& z, ReverseVariance variance) {
    Matrix x = reverseMean(s, xt, t, epsTheta);
    const double sigma = reverseSigma(s, t, variance);
    if (sigma > 0.0) {
        checkSameShape("reverseStep", xt, "xt", z, "z");
        x += static_cast<float>(sigma) * z;
    }
    return x;
}

std::vector<int> ddimTimesteps(int T, int steps) {
    checkT(T);
    if (steps < 1 || steps > T)
        fail("DDIM: the number of sampling steps must be between 1 and T = " + std::to_string(T) +
             ", got " + std::to_string(steps));
    std::vector<int> tau(static_cast<size_t>(steps));
    for (int i = 1; i <= steps; ++i) // nearbyint rounds ties to even, as numpy's round
        tau[static_cast<size_t>(i - 1)] =
            static_cast<int>(std::nearbyint(static_cast<double>(i) * T / steps));
    return tau;
}

double ddimSigma(const DdpmSchedule& s, int t, int tPrev, double eta) {
    const size_t i = s.index(t);
    if (tPrev < 0 || tPrev >= t)
        fail("DDIM: the previous timestep must be between 0 and t − 1 = " + std::to_string(t - 1) +
             ", got " + std::to_string(tPrev));
    if (!(eta >= 0.0 && eta <= 1.0)) {
        std::ostringstream os;
        os << "DDIM: η must be between 0 and 1, got " << eta;
        fail(os.str());
    }
    const double a = s.alphas_cumprod[i];
    const double aPrev = tPrev == 0 ? 1.0 : s.alphas_cumprod[s.index(tPrev)];
    const double var = (1.0 - aPrev) / (1.0 - a) * (1.0 - a / aPrev);
    return eta * std::sqrt(std::max(var, 0.0));
}

Matrix ddimStep(const DdpmSchedule& s, const Matrix& xt, int t, int tPrev, const Matrix& epsTheta,
                double eta, const Matrix& z) {
    const double sigma = ddimSigma(s, t, tPrev, eta);
    const Matrix x0 = predictX0(s, xt, t, epsTheta);
    const double aPrev = tPrev == 0 ? 1.0 : s.alphas_cumprod[s.index(tPrev)];
    const double dirCoef = std::sqrt(std::max(1.0 - aPrev - sigma * sigma, 0.0));
    Matrix x = static_cast<float>(std::sqrt(aPrev)) * x0 + static_cast<float>(dirCoef) * epsTheta;
    if (sigma > 0.0) {
        checkSameShape("ddimStep", xt, "xt", z, "z");
        x += static_cast<float>(sigma) * z;
    }
    return x;
}

Eigen::VectorXd lossWeights(const DdpmSchedule& s, ReverseVariance variance) {
    Eigen::VectorXd lambda(s.T);
    for (int i = 0; i < s.T; ++i) {
        const double sigma2 = variance == ReverseVariance::Beta
                                  ? s.betas[i]
                                  : s.posterior_variance[i == 0 ? 1 : i]; // β̃_1 = 0: use β̃_2
        lambda[i] = s.betas[i] * s.betas[i] /
                    (2.0 * sigma2 * s.alphas[i] * (1.0 - s.alphas_cumprod[i]));
    }
    return lambda;
}

} // namespace latentlab::core
