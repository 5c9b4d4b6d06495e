// DDPM schedules and closed-form steps (core/ddpm_schedule.h) against the lecture (003:5897-6375)
// and the published formulas, each computed here independently of the code under test.
#include "core/ddpm_schedule.h"
#include "core/rng.h"
#include "python_check.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>

using namespace latentlab::core;

namespace {

Matrix normals(Eigen::Index n, Eigen::Index d, Rng& rng) {
    Matrix m(n, d);
    for (Eigen::Index j = 0; j < d; ++j)
        for (Eigen::Index i = 0; i < n; ++i) m(i, j) = static_cast<float>(rng.normal());
    return m;
}

QString invalidArgumentOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

float maxAbsDiff(const Matrix& a, const Matrix& b) {
    return (a - b).cwiseAbs().maxCoeff();
}

} // namespace

class TestDdpmSchedule : public QObject {
    Q_OBJECT
private slots:
    void lectureConstantSchedule();
    void posteriorCoefficientsAsLecture();
    void linearScheduleIsHoEtAl();
    void cosineScheduleIsEq17();
    void rejectsBadInput();
    void forwardChainMatchesClosedForm();
    void oracleEpsilonGivesPosteriorMean();
    void reverseStepNoiseIsSqrtVariance();
    void ddimEtaOneIsDdpm();
    void ddimWithOracleRecoversX0();
    void ddimTimesteps();
    void lambdaWeights();
    void againstPublishedCode();
};

// 003:5957 β_t = 0.01, t = 1..1000; 003:6132 ᾱ_t = Π (1 − β_s).
void TestDdpmSchedule::lectureConstantSchedule() {
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Constant, 1000);
    QCOMPARE(s.T, 1000);
    QCOMPARE(s.betas.size(), Eigen::Index(1000));
    QCOMPARE(s.alphas_cumprod_prev[0], 1.0); // ᾱ_0
    // Index convention: entry t − 1 holds t.
    QVERIFY(std::abs(s.alphas_cumprod[s.index(100)] - 0.366) < 5e-4);
    QVERIFY(std::abs(s.alphas_cumprod[99] - std::pow(0.99, 100)) < 1e-12);
    QVERIFY(std::abs(s.alphas_cumprod[999] / 4.3e-5 - 1) < 0.01);
    QVERIFY(std::abs(s.alphas_cumprod[999] - std::pow(0.99, 1000)) < 1e-15);
    for (int i = 1; i < 1000; ++i) QCOMPARE(s.alphas_cumprod_prev[i], s.alphas_cumprod[i - 1]);
    QCOMPARE(s.posterior_variance[0], 0.0); // β̃_1 = 0
    QVERIFY(std::isfinite(s.posterior_log_variance_clipped[0]));
    QCOMPARE(s.posterior_log_variance_clipped[0], std::log(s.posterior_variance[1]));
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(std::abs(s.sqrt_alphas_cumprod[i] - std::sqrt(std::pow(0.99, i + 1))) < 1e-12);
        QVERIFY(std::abs(s.sqrt_one_minus_alphas_cumprod[i] - std::sqrt(1 - std::pow(0.99, i + 1))) < 1e-12);
    }
    const DdpmSchedule other = makeDdpmSchedule(BetaSchedule::Constant, 10, 0.2);
    QVERIFY(std::abs(other.alphas_cumprod[9] - std::pow(0.8, 10)) < 1e-14);
}

// 003:6204-6206 derive the posterior by completing the square: Var = 1/((1−β)/β + 1/(1−ᾱ_{t−1})),
// mean = Var · (√(1−β)/β · x_t + √ᾱ_{t−1}/(1−ᾱ_{t−1}) · x_0). That form is computed here and
// compared with the boxed closed form the code uses (003:6180). The lecture's figure (003:6191)
// has no table of numbers; its reading (003:6195) "for t ≥ 20 the mean is mostly x_t" is checked
// as: the x_0 weight falls below 0.05 exactly from t = 20 on.
void TestDdpmSchedule::posteriorCoefficientsAsLecture() {
    const double beta = 0.01;
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Constant, 1000, beta);
    QCOMPARE(s.posterior_mean_coef1[0], 1.0); // t = 1: μ̃_1 = x_0
    QCOMPARE(s.posterior_mean_coef2[0], 0.0);
    for (int t = 2; t <= 1000; ++t) {
        const double abarPrev = std::pow(1 - beta, t - 1);
        const double var = 1.0 / ((1 - beta) / beta + 1.0 / (1 - abarPrev));
        const double cX0 = var * std::sqrt(abarPrev) / (1 - abarPrev);
        const double cXt = var * std::sqrt(1 - beta) / beta;
        const size_t i = s.index(t);
        QVERIFY2(std::abs(s.posterior_variance[i] - var) < 1e-12 * var, qPrintable(QString::number(t)));
        QVERIFY2(std::abs(s.posterior_mean_coef1[i] - cX0) < 1e-10, qPrintable(QString::number(t)));
        QVERIFY2(std::abs(s.posterior_mean_coef2[i] - cXt) < 1e-10, qPrintable(QString::number(t)));
        QCOMPARE(s.posterior_mean_coef1[i] < 0.05, t >= 20);
    }
    // At t = 2 both weights are √α β / (1 − α²) ≈ 0.49999.
    QVERIFY(std::abs(s.posterior_mean_coef1[1] - 0.4999937) < 1e-6);
    QVERIFY(std::abs(s.posterior_mean_coef2[1] - s.posterior_mean_coef1[1]) < 1e-12);
}

// Ho et al. 2020 §4: β from 1e-4 to 0.02 linearly, T = 1000; other T scaled by 1000/T as in
// Nichol & Dhariwal's code.
void TestDdpmSchedule::linearScheduleIsHoEtAl() {
    for (int T : {1000, 200, 10}) {
        const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Linear, T);
        const double start = 1e-4 * 1000 / T, end = 0.02 * 1000 / T;
        double abar = 1;
        for (int t = 1; t <= T; ++t) {
            const double beta = std::min(start + (end - start) * (t - 1) / (T - 1), 0.999);
            abar *= 1 - beta;
            QVERIFY(std::abs(s.betas[t - 1] - beta) < 1e-15);
            QVERIFY(std::abs(s.alphas_cumprod[t - 1] / abar - 1) < 1e-12);
        }
    }
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Linear, 1000);
    QCOMPARE(s.betas[0], 1e-4);
    QVERIFY(std::abs(s.betas[999] - 0.02) < 1e-15);
    QVERIFY(s.alphas_cumprod[999] > 3.9e-5 && s.alphas_cumprod[999] < 4.2e-5); // ≈ 4.04e-5
    QCOMPARE(makeDdpmSchedule(BetaSchedule::Linear, 10).betas[9], 0.999);      // clipped
}

// Nichol & Dhariwal 2021 eq. 17: ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) · π/2), s = 0.008;
// β_t = 1 − ᾱ_t/ᾱ_{t−1} clipped at 0.999.
void TestDdpmSchedule::cosineScheduleIsEq17() {
    for (int T : {1000, 50}) {
        const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Cosine, T);
        auto f = [T](int t) {
            const double c = std::cos((double(t) / T + 0.008) / 1.008 * M_PI / 2);
            return c * c;
        };
        bool clipped = false;
        for (int t = 1; t <= T; ++t) {
            const double beta = 1 - f(t) / f(t - 1);
            if (beta >= 0.999) {
                QCOMPARE(s.betas[t - 1], 0.999);
                clipped = true;
                continue;
            }
            QVERIFY(std::abs(s.betas[t - 1] - beta) < 1e-12);
            if (!clipped) QVERIFY2(std::abs(s.alphas_cumprod[t - 1] / (f(t) / f(0)) - 1) < 1e-9, qPrintable(QString::number(t)));
            if (t > 1) QVERIFY(s.betas[t - 1] > s.betas[t - 2]);
        }
        QVERIFY(clipped); // f(T) = cos²(π/2) = 0: the last β is the clip
        QVERIFY(s.alphas_cumprod[T - 1] < 1e-5);
    }
}

void TestDdpmSchedule::rejectsBadInput() {
    for (int T : {9, 1001, 0, -5}) {
        const QString m = invalidArgumentOf([T] { makeDdpmSchedule(BetaSchedule::Linear, T); });
        QVERIFY2(m.contains("between 10 and 1000") && m.contains(QString::number(T)), qPrintable(m));
    }
    QVERIFY(invalidArgumentOf([] { makeDdpmSchedule(BetaSchedule::Constant, 100, 0.0); }).contains("β"));
    QVERIFY(!invalidArgumentOf([] { makeDdpmSchedule(BetaSchedule::Constant, 100, 1.0); }).isEmpty());
    QVERIFY(!invalidArgumentOf([] { makeDdpmSchedule(BetaSchedule::Constant, 100, std::nan("")); }).isEmpty());
    QVERIFY(invalidArgumentOf([] { parseBetaSchedule("quadratic"); }).contains("cosine"));
    QVERIFY(parseBetaSchedule("cosine") == BetaSchedule::Cosine);
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Constant, 100);
    const Matrix x = Matrix::Zero(3, 2);
    QVERIFY(invalidArgumentOf([&] { qSample(s, x, 0, x); }).contains("got 0"));
    QVERIFY(invalidArgumentOf([&] { qSample(s, x, 101, x); }).contains("T = 100"));
    QVERIFY(invalidArgumentOf([&] { qSample(s, x, 5, Matrix::Zero(3, 1)); }).contains("3 × 1"));
    QVERIFY(!invalidArgumentOf([&] { qSample(s, x, std::vector<int>{1, 2}, x); }).isEmpty());
    QVERIFY(!invalidArgumentOf([&] { reverseStep(s, x, 5, x, Matrix()); }).isEmpty());
    QVERIFY(!invalidArgumentOf([&] { ddimSigma(s, 5, 5, 0.0); }).isEmpty());
    QVERIFY(!invalidArgumentOf([&] { ddimSigma(s, 5, 4, 1.5); }).isEmpty());
}

// Iterating x_t = √(1−β_t) x_{t−1} + √β_t ε (003:5955) from a fixed x_0 gives, at every t,
// mean √ᾱ_t x_0 and variance 1 − ᾱ_t per coordinate (003:6128); 5-σ statistical tolerances.
void TestDdpmSchedule::forwardChainMatchesClosedForm() {
    const int n = 20000;
    for (BetaSchedule kind : {BetaSchedule::Constant, BetaSchedule::Linear, BetaSchedule::Cosine}) {
        const DdpmSchedule s = makeDdpmSchedule(kind, 100, 0.01);
        Rng rng(17);
        Matrix x0(n, 2);
        x0.col(0).setConstant(1.5f);
        x0.col(1).setConstant(-0.5f);
        Eigen::MatrixXd x = x0.cast<double>();
        for (int t = 1; t <= 100; ++t) {
            const double beta = s.betas[t - 1];
            x = std::sqrt(1 - beta) * x + std::sqrt(beta) * normals(n, 2, rng).cast<double>();
            if (t != 1 && t != 10 && t != 50 && t != 100) continue;
            // The closed form, with fresh noise, must have the same statistics.
            const Eigen::MatrixXd closed = qSample(s, x0, t, normals(n, 2, rng)).cast<double>();
            const double abar = s.alphas_cumprod[t - 1], var = 1 - abar;
            for (const Eigen::MatrixXd* m : std::initializer_list<const Eigen::MatrixXd*>{&x, &closed}) {
                for (int j = 0; j < 2; ++j) {
                    const double mean = m->col(j).mean();
                    const double v = (m->col(j).array() - mean).square().sum() / (n - 1);
                    const double expectMean = std::sqrt(abar) * x0(0, j);
                    QVERIFY2(std::abs(mean - expectMean) < 5 * std::sqrt(var / n),
                             qPrintable(QString("%1 t=%2 mean %3 vs %4").arg(QString::fromStdString(betaScheduleName(kind))).arg(t).arg(mean).arg(expectMean)));
                    QVERIFY2(std::abs(v - var) < 5 * var * std::sqrt(2.0 / n),
                             qPrintable(QString("%1 t=%2 var %3 vs %4").arg(QString::fromStdString(betaScheduleName(kind))).arg(t).arg(v).arg(var)));
                }
            }
        }
    }
}

// 003:6302-6310: with ε_θ = the true ε, μ_θ(x_t, t) = μ̃_t(x_t, x_0).
void TestDdpmSchedule::oracleEpsilonGivesPosteriorMean() {
    Rng rng(5);
    const Matrix x0 = 2.0f * normals(400, 2, rng);
    const Matrix eps = normals(400, 2, rng);
    for (BetaSchedule kind : {BetaSchedule::Constant, BetaSchedule::Linear, BetaSchedule::Cosine}) {
        for (int T : {1000, 10}) {
            const DdpmSchedule s = makeDdpmSchedule(kind, T);
            for (int t : {1, 2, 3, 5, 10, 20, 100, 500, 999, 1000}) {
                if (t > T) continue;
                const Matrix xt = qSample(s, x0, t, eps);
                const float err = maxAbsDiff(reverseMean(s, xt, t, eps), posteriorMean(s, xt, x0, t));
                QVERIFY2(err < 1e-5f, qPrintable(QString("%1 T=%2 t=%3: %4").arg(QString::fromStdString(betaScheduleName(kind))).arg(T).arg(t).arg(err)));
                if (s.alphas_cumprod[t - 1] > 1e-2)
                    QVERIFY(maxAbsDiff(predictX0(s, xt, t, eps), x0) < 1e-5f);
            }
        }
    }
    // Per-row timesteps give the same rows as one timestep at a time.
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Linear, 100);
    std::vector<int> ts(400);
    for (size_t i = 0; i < ts.size(); ++i) ts[i] = 1 + int(i % 100);
    const Matrix mixed = qSample(s, x0, ts, eps);
    for (Eigen::Index i = 0; i < 400; i += 37)
        QVERIFY(maxAbsDiff(mixed.row(i), qSample(s, x0.row(i), ts[size_t(i)], eps.row(i))) < 1e-6f);
}

// Algorithm 2 (003:6368) adds √β̃_t z — not β̃_t z as 003:6033/6059/6064 write; or √β_t z.
void TestDdpmSchedule::reverseStepNoiseIsSqrtVariance() {
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Constant, 1000);
    Rng rng(8);
    const Matrix xt = normals(50, 3, rng), eps = normals(50, 3, rng), z = normals(50, 3, rng);
    for (int t : {2, 20, 1000}) {
        const Matrix mean = reverseMean(s, xt, t, eps);
        const double tilde = s.posterior_variance[t - 1];
        QVERIFY(tilde > 0 && tilde < 0.01);
        QVERIFY(maxAbsDiff(reverseStep(s, xt, t, eps, z) - mean, float(std::sqrt(tilde)) * z) < 1e-6f);
        QVERIFY(maxAbsDiff(reverseStep(s, xt, t, eps, z, ReverseVariance::Beta) - mean, 0.1f * z) < 1e-6f);
    }
    // t = 1: no noise (Algorithm 2, line 3), z may be empty.
    QVERIFY(reverseStep(s, xt, 1, eps, z, ReverseVariance::Beta) == reverseMean(s, xt, 1, eps));
    QVERIFY(reverseStep(s, xt, 1, eps, Matrix()) == reverseMean(s, xt, 1, eps));
    QCOMPARE(reverseSigma(s, 1, ReverseVariance::Beta), 0.0);
}

// Song et al. 2021: η = 1 on consecutive steps is the DDPM step with σ² = β̃_t, for any ε_θ.
void TestDdpmSchedule::ddimEtaOneIsDdpm() {
    Rng rng(9);
    const Matrix xt = normals(200, 2, rng), eps = normals(200, 2, rng), z = normals(200, 2, rng);
    for (BetaSchedule kind : {BetaSchedule::Constant, BetaSchedule::Linear, BetaSchedule::Cosine}) {
        const DdpmSchedule s = makeDdpmSchedule(kind, 1000);
        for (int t : {2, 3, 50, 500, 900}) {
            QVERIFY(std::abs(ddimSigma(s, t, t - 1, 1.0) - std::sqrt(s.posterior_variance[t - 1])) < 1e-12);
            QCOMPARE(ddimSigma(s, t, t - 1, 0.0), 0.0);
            const float err = maxAbsDiff(ddimStep(s, xt, t, t - 1, eps, 1.0, z), reverseStep(s, xt, t, eps, z));
            QVERIFY2(err < 2e-5f, qPrintable(QString("t=%1: %2").arg(t).arg(err)));
        }
    }
}

// With the true ε, deterministic DDIM lands on q(x_τ | x_0)'s mean line at every step, and on
// x_0 at the end, however few the steps.
void TestDdpmSchedule::ddimWithOracleRecoversX0() {
    Rng rng(10);
    const Matrix x0 = normals(300, 2, rng), eps = normals(300, 2, rng);
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Linear, 1000);
    for (int steps : {1, 10, 50}) {
        const std::vector<int> tau = latentlab::core::ddimTimesteps(1000, steps);
        Matrix x = qSample(s, x0, 1000, eps);
        for (size_t k = tau.size(); k-- > 0;) {
            const int tPrev = k == 0 ? 0 : tau[k - 1];
            x = ddimStep(s, x, tau[k], tPrev, eps, 0.0, Matrix());
            if (tPrev > 0) QVERIFY(maxAbsDiff(x, qSample(s, x0, tPrev, eps)) < 1e-4f);
        }
        QVERIFY2(maxAbsDiff(x, x0) < 1e-4f, qPrintable(QString::number(maxAbsDiff(x, x0))));
    }
}

void TestDdpmSchedule::ddimTimesteps() {
    std::vector<int> expect;
    for (int t = 100; t <= 1000; t += 100) expect.push_back(t);
    QCOMPARE(latentlab::core::ddimTimesteps(1000, 10), expect);
    const std::vector<int> sixteen = latentlab::core::ddimTimesteps(1000, 16);
    QCOMPARE(sixteen[0], 62); // 62.5 and 187.5 round to even, as numpy
    QCOMPARE(sixteen[2], 188);
    QCOMPARE(sixteen.back(), 1000);
    const std::vector<int> all = latentlab::core::ddimTimesteps(37, 37);
    for (int t = 1; t <= 37; ++t) QCOMPARE(all[size_t(t - 1)], t);
    const std::vector<int> odd = latentlab::core::ddimTimesteps(37, 5);
    for (size_t i = 1; i < odd.size(); ++i) QVERIFY(odd[i] > odd[i - 1]);
    QVERIFY(!invalidArgumentOf([] { latentlab::core::ddimTimesteps(100, 0); }).isEmpty());
    QVERIFY(!invalidArgumentOf([] { latentlab::core::ddimTimesteps(100, 101); }).isEmpty());
}

// Ho et al. eq. 12, lecture 003:6321: λ_t = β_t² / (2σ_t² α_t (1 − ᾱ_t)).
void TestDdpmSchedule::lambdaWeights() {
    const DdpmSchedule s = makeDdpmSchedule(BetaSchedule::Constant, 1000);
    const Eigen::VectorXd tilde = lossWeights(s), beta = lossWeights(s, ReverseVariance::Beta);
    QCOMPARE(tilde.size(), Eigen::Index(1000));
    for (int t = 2; t <= 1000; ++t) {
        const double abarPrev = std::pow(0.99, t - 1), abar = std::pow(0.99, t);
        const double simplified = 0.01 / (2 * 0.99 * (1 - abarPrev)); // 003:6321 with its ½ restored
        QVERIFY(std::abs(tilde[t - 1] / simplified - 1) < 1e-10);
        QVERIFY(std::abs(beta[t - 1] / (0.01 / (2 * 0.99 * (1 - abar))) - 1) < 1e-10);
    }
    QVERIFY(std::isfinite(tilde[0]) && tilde[0] > tilde[1]); // t = 1 uses β̃_2
    // 003:6325: λ_t over-weights small t.
    QVERIFY(tilde[1] > 10 * tilde[99] && tilde[99] > tilde[999]);
    for (BetaSchedule kind : {BetaSchedule::Linear, BetaSchedule::Cosine})
        QVERIFY(lossWeights(makeDdpmSchedule(kind, 200)).allFinite());
}

// Every array and the three kinds of step against scripts/bench/check_ddpm_schedule.py: NumPy
// code written as improved-diffusion, Ho et al.'s GaussianDiffusion and diffusers' DDPM/DDIM
// schedulers write it (the DDPM step there goes through x̂_0, ours through the ε-form).
void TestDdpmSchedule::againstPublishedCode() {
    struct Case {
        BetaSchedule kind;
        int T, t, tPrev;
        double eta;
    };
    std::vector<Case> cases;
    for (BetaSchedule kind : {BetaSchedule::Constant, BetaSchedule::Linear, BetaSchedule::Cosine}) {
        cases.push_back({kind, 1000, 501, 401, 0.5});
        cases.push_back({kind, 1000, 2, 0, 1.0});
        cases.push_back({kind, 100, 1, 0, 0.0});
        cases.push_back({kind, 10, 6, 3, 0.3});
    }
    Rng rng(12);
    const Matrix x = normals(20, 2, rng), eps = normals(20, 2, rng), z = normals(20, 2, rng);
    QJsonArray in;
    for (const Case& c : cases)
        in.append(QJsonObject{{"schedule", QString::fromStdString(betaScheduleName(c.kind))},
                              {"T", c.T}, {"t", c.t}, {"t_prev", c.tPrev}, {"eta", c.eta},
                              {"x", latentlab::test::toJson(x)}, {"eps", latentlab::test::toJson(eps)},
                              {"z", latentlab::test::toJson(z)}});
    const auto py = latentlab::test::runPythonCheck("check_ddpm_schedule.py", QJsonObject{{"cases", in}});
    if (py.skipped) QSKIP(qPrintable("NumPy is not available: " + py.message));
    QVERIFY2(!py.out.isEmpty(), qPrintable(py.message));
    const QJsonArray out = py.out["cases"].toArray();
    QCOMPARE(out.size(), qsizetype(cases.size()));
    for (size_t k = 0; k < cases.size(); ++k) {
        const Case& c = cases[k];
        const QString where = QString("%1 T=%2 t=%3").arg(QString::fromStdString(betaScheduleName(c.kind))).arg(c.T).arg(c.t);
        const DdpmSchedule s = makeDdpmSchedule(c.kind, c.T);
        const QJsonObject ref = out[qsizetype(k)].toObject();
        const QJsonObject arrays = ref["arrays"].toObject();
        const std::pair<const char*, const Eigen::VectorXd*> ours[] = {
            {"betas", &s.betas}, {"alphas", &s.alphas}, {"alphas_cumprod", &s.alphas_cumprod},
            {"alphas_cumprod_prev", &s.alphas_cumprod_prev}, {"sqrt_alphas_cumprod", &s.sqrt_alphas_cumprod},
            {"sqrt_one_minus_alphas_cumprod", &s.sqrt_one_minus_alphas_cumprod},
            {"posterior_variance", &s.posterior_variance},
            {"posterior_log_variance_clipped", &s.posterior_log_variance_clipped},
            {"posterior_mean_coef1", &s.posterior_mean_coef1}, {"posterior_mean_coef2", &s.posterior_mean_coef2}};
        for (const auto& [name, v] : ours) {
            const QJsonArray theirs = arrays[name].toArray();
            QCOMPARE(theirs.size(), qsizetype(c.T));
            for (int i = 0; i < c.T; ++i) {
                const double a = (*v)[i], b = theirs[i].toDouble();
                QVERIFY2(std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)),
                         qPrintable(QString("%1 %2[%3]: %4 vs %5").arg(where, name).arg(i).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)));
            }
        }
        auto check = [&](const char* name, const Matrix& mine) {
            const Eigen::MatrixXd theirs = latentlab::test::matrixOf(ref[name].toArray());
            const double err = (mine.cast<double>() - theirs).cwiseAbs().maxCoeff();
            QVERIFY2(err < 2e-5 * std::max(1.0, theirs.cwiseAbs().maxCoeff()),
                     qPrintable(QString("%1 %2: %3").arg(where, name).arg(err)));
        };
        check("ddpm_small", reverseStep(s, x, c.t, eps, z));
        check("ddpm_large", reverseStep(s, x, c.t, eps, z, ReverseVariance::Beta));
        check("ddim", ddimStep(s, x, c.t, c.tPrev, eps, c.eta, z));
    }
}

QTEST_APPLESS_MAIN(TestDdpmSchedule)
#include "test_ddpm_schedule.moc"
