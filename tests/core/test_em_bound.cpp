// The general-EM picture (LECTURES.md "General EM as coordinate ascent on the lower bound",
// lecture 000:680-797) on the one-free-mean mixture of core/em_bound.h: J(q, θ) ≤ l(θ)
// everywhere, equality at θ_t after the E-step, the bound's maximiser is the GMM M-step's mean
// (checked against core::GaussianMixture), and l(θ_t) never falls along the demo.
#include "core/em_bound.h"
#include "core/gmm.h"
#include "core/rng.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace latentlab::core;

Q_DECLARE_METATYPE(EmBoundProblem)

namespace {

/// A seeded problem: n points from two clusters at ±spread, the given fixed parameters.
EmBoundProblem randomProblem(uint64_t seed, int n, double spread, double pi1, double s1, double s2,
                             double mu2) {
    EmBoundProblem p;
    Rng rng(seed);
    for (int i = 0; i < n; ++i)
        p.x.push_back((i % 2 ? spread : -spread) + rng.normal());
    p.weight1 = pi1;
    p.sigma1 = s1;
    p.sigma2 = s2;
    p.mean2 = mu2;
    return p;
}

double normalPdf(double x, double m, double s) {
    return std::exp(-0.5 * (x - m) * (x - m) / (s * s)) / (s * std::sqrt(2 * M_PI));
}

/// l(θ) and J(q, θ) straight from the lecture's definitions, without logarithms of densities.
double referenceLogLikelihood(const EmBoundProblem& p, double theta) {
    double l = 0;
    for (double x : p.x)
        l += std::log(p.weight1 * normalPdf(x, theta, p.sigma1) +
                      (1 - p.weight1) * normalPdf(x, p.mean2, p.sigma2));
    return l;
}

double referenceBound(const EmBoundProblem& p, double thetaT, double theta) {
    double j = 0;
    for (double x : p.x) {
        const double a = p.weight1 * normalPdf(x, thetaT, p.sigma1);
        const double b = (1 - p.weight1) * normalPdf(x, p.mean2, p.sigma2);
        const double q1 = a / (a + b), q2 = b / (a + b);
        j += q1 * std::log(p.weight1 * normalPdf(x, theta, p.sigma1) / q1) +
             q2 * std::log((1 - p.weight1) * normalPdf(x, p.mean2, p.sigma2) / q2);
    }
    return j;
}

std::vector<double> grid(const EmBoundProblem& p, int count) {
    const auto [lo, hi] = std::minmax_element(p.x.begin(), p.x.end());
    std::vector<double> g;
    for (int i = 0; i < count; ++i)
        g.push_back(*lo - 4 + (*hi - *lo + 8) * i / (count - 1));
    return g;
}

} // namespace

class TestEmBound : public QObject {
    Q_OBJECT
private slots:
    void problems_data();
    void matchesTheDefinitions_data() { problems_data(); }
    void matchesTheDefinitions();
    void boundIsBelowAndTouchesAtThetaT_data() { problems_data(); }
    void boundIsBelowAndTouchesAtThetaT();
    void maximiserIsTheGmmMStepMean_data() { problems_data(); }
    void maximiserIsTheGmmMStepMean();
    void likelihoodNeverFallsAlongTheDemo_data() { problems_data(); }
    void likelihoodNeverFallsAlongTheDemo();
    void classroomExampleHasTwoMaxima();
    void underflowedPosteriorsStayFinite();
    void rejectsBadProblems();
};

void TestEmBound::problems_data() {
    QTest::addColumn<EmBoundProblem>("problem");
    QTest::addColumn<double>("thetaT");
    QTest::newRow("classroom, θ between clusters") << EmBoundProblem::classroomExample() << 0.5;
    QTest::newRow("classroom, θ far left") << EmBoundProblem::classroomExample() << -7.0;
    QTest::newRow("unequal weights and widths")
        << randomProblem(1, 80, 2.0, 0.3, 0.7, 1.6, 1.0) << -1.0;
    QTest::newRow("narrow free component") << randomProblem(2, 40, 3.0, 0.8, 0.25, 1.0, 3.0) << 2.5;
    QTest::newRow("one point") << randomProblem(3, 1, 0.0, 0.5, 1.0, 2.0, 0.0) << 1.5;
    QTest::newRow("many points") << randomProblem(4, 3000, 1.5, 0.5, 1.0, 1.0, -1.5) << 4.0;
}

void TestEmBound::matchesTheDefinitions() {
    QFETCH(EmBoundProblem, problem);
    QFETCH(double, thetaT);
    const EmPosterior q = emPosterior(problem, thetaT);
    QCOMPARE(q.theta, thetaT);
    for (size_t n = 0; n < problem.x.size(); ++n) // posteriors sum to one
        QVERIFY(std::abs(std::exp(q.logQ1[n]) + std::exp(q.logQ2[n]) - 1) < 1e-12);
    for (double theta : {thetaT - 2, thetaT, thetaT + 0.7}) {
        const double l = emLogLikelihood(problem, theta),
                     lRef = referenceLogLikelihood(problem, theta);
        const double j = emLowerBound(problem, q, theta),
                     jRef = referenceBound(problem, thetaT, theta);
        QVERIFY2(std::abs(l - lRef) <= 1e-10 * std::max(1.0, std::abs(lRef)),
                 qPrintable(QString::number(l - lRef)));
        QVERIFY2(std::abs(j - jRef) <= 1e-10 * std::max(1.0, std::abs(jRef)),
                 qPrintable(QString::number(j - jRef)));
    }
}

void TestEmBound::boundIsBelowAndTouchesAtThetaT() {
    QFETCH(EmBoundProblem, problem);
    QFETCH(double, thetaT);
    const EmPosterior q = emPosterior(problem, thetaT);
    const double gap = emLogLikelihood(problem, thetaT) - emLowerBound(problem, q, thetaT);
    QVERIFY2(std::abs(gap) <= 1e-9,
             qPrintable(QStringLiteral("l(θ_t) − J(q_t, θ_t) = %1").arg(gap)));
    int strictlyBelow = 0;
    for (double theta : grid(problem, 401)) {
        const double l = emLogLikelihood(problem, theta), j = emLowerBound(problem, q, theta);
        QVERIFY2(j <= l + 1e-9,
                 qPrintable(QStringLiteral("θ = %1: J − l = %2").arg(theta).arg(j - l)));
        strictlyBelow += j < l - 1e-6;
    }
    QVERIFY(strictlyBelow > 300); // a bound, not a copy of l
}

void TestEmBound::maximiserIsTheGmmMStepMean() {
    QFETCH(EmBoundProblem, problem);
    QFETCH(double, thetaT);
    const EmPosterior q = emPosterior(problem, thetaT);
    const double best = emMaximiseBound(problem, q);
    // The maximum of the parabola: nothing on a fine grid is higher, both sides are lower.
    const double jBest = emLowerBound(problem, q, best);
    for (double theta : grid(problem, 2001))
        QVERIFY(emLowerBound(problem, q, theta) <= jBest + 1e-9);
    QVERIFY(emLowerBound(problem, q, best - 1e-3) < jBest &&
            emLowerBound(problem, q, best + 1e-3) < jBest);
    // …and the mean that one EM iteration of the full Gaussian mixture gives component 1.
    const int n = static_cast<int>(problem.x.size());
    if (n < 2) return; // the mixture needs N ≥ K
    auto data = std::make_shared<Dataset>();
    data->X.resize(n, 1);
    EmBoundProblem asFloat = problem; // the mixture stores float data: compare on the same values
    for (int i = 0; i < n; ++i) {
        data->X(i, 0) = static_cast<float>(problem.x[size_t(i)]);
        asFloat.x[size_t(i)] = data->X(i, 0);
    }
    Params params(GaussianMixture::specs());
    params.set("k", int64_t{2});
    params.set("reg-covar", 0.0);
    params.set("init", std::string("random-points"));
    GaussianMixture g;
    g.reset(data, params, 1);
    Eigen::MatrixXd means(2, 1);
    means << thetaT, problem.mean2;
    g.setInitialParameters(Eigen::Vector2d(problem.weight1, 1 - problem.weight1), means,
                           {Eigen::MatrixXd::Constant(1, 1, problem.sigma1 * problem.sigma1),
                            Eigen::MatrixXd::Constant(1, 1, problem.sigma2 * problem.sigma2)});
    g.step(); // E
    g.step(); // M
    const double mStepMean = g.parameters().means(0, 0);
    const double expected = emMaximiseBound(asFloat, emPosterior(asFloat, thetaT));
    QVERIFY2(std::abs(mStepMean - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
             qPrintable(QStringLiteral("GMM M-step μ₁ = %1, argmax J = %2")
                            .arg(mStepMean, 0, 'g', 17)
                            .arg(expected, 0, 'g', 17)));
}

void TestEmBound::likelihoodNeverFallsAlongTheDemo() {
    QFETCH(EmBoundProblem, problem);
    QFETCH(double, thetaT);
    EmBoundDemo demo(problem, thetaT);
    QCOMPARE(demo.phase(), EmBoundDemo::Phase::Init);
    for (int s = 0; s < 60; ++s) {
        demo.step();
        QCOMPARE(demo.phase(), s % 2 == 0 ? EmBoundDemo::Phase::EStep : EmBoundDemo::Phase::MStep);
        if (demo.phase() != EmBoundDemo::Phase::MStep) continue;
        const int t = demo.iteration();
        const EmPosterior& q = demo.posteriors()[size_t(t - 1)];
        QCOMPARE(q.theta, demo.thetas()[size_t(t - 1)]);
        // l(θ_{t+1}) ≥ J(q_t, θ_{t+1}) ≥ J(q_t, θ_t) = l(θ_t)   (000:764)
        const double lNew = demo.logLikelihoods()[size_t(t)],
                     lOld = demo.logLikelihoods()[size_t(t - 1)];
        const double jNew = emLowerBound(demo.problem(), q, demo.theta());
        QVERIFY(lNew >= jNew - 1e-9);
        QVERIFY(jNew >= lOld - 1e-9);
    }
    QCOMPARE(demo.iteration(), 30);
    QCOMPARE(int(demo.posteriors().size()), 30);
    demo.reset(thetaT + 1);
    QCOMPARE(demo.iteration(), 0);
    QCOMPARE(demo.theta(), thetaT + 1);
    QVERIFY(demo.posteriors().empty());
}

void TestEmBound::classroomExampleHasTwoMaxima() {
    const EmBoundProblem p = EmBoundProblem::classroomExample();
    QCOMPARE(int(p.x.size()), 54);
    auto runFrom = [&](double theta0) {
        EmBoundDemo demo(p, theta0);
        for (int s = 0; s < 400 && !demo.converged(1e-10); ++s)
            demo.step();
        return demo.theta();
    };
    const double left = runFrom(-1.0), right = runFrom(0.5);
    // Both ends are stationary points of l (EM's fixed points), in different clusters.
    for (double theta : {left, right}) {
        const double h = 1e-5;
        const double slope =
            (emLogLikelihood(p, theta + h) - emLogLikelihood(p, theta - h)) / (2 * h);
        QVERIFY2(std::abs(slope) < 1e-4, qPrintable(QString::number(slope)));
        QVERIFY(emLogLikelihood(p, theta) > emLogLikelihood(p, theta + 0.3));
        QVERIFY(emLogLikelihood(p, theta) > emLogLikelihood(p, theta - 0.3));
    }
    QVERIFY(left < -2.5 && right > 2.5);
    QVERIFY(emLogLikelihood(p, right) > emLogLikelihood(p, left)); // the local maximum is lower
}

void TestEmBound::underflowedPosteriorsStayFinite() {
    EmBoundProblem p;
    p.x = {-50, 0, 0.5, 60};
    p.sigma1 = 0.5;
    const EmPosterior q = emPosterior(p, 60); // q_n(1) = exp(−10⁴) = 0 for the first points
    QCOMPARE(std::exp(q.logQ1[0]), 0.0);
    const double j = emLowerBound(p, q, 10), l = emLogLikelihood(p, 10);
    QVERIFY(std::isfinite(j) && std::isfinite(l) && j <= l);
    QVERIFY(std::abs(emLowerBound(p, q, 60) - emLogLikelihood(p, 60)) < 1e-9);
    EmBoundProblem far = p;
    far.x = {0.0};
    far.sigma1 = 0.01;
    const EmPosterior none = emPosterior(far, 1e3); // the free component explains nothing
    QCOMPARE(emMaximiseBound(far, none), 1e3);      // J is flat in θ: θ stays
}

void TestEmBound::rejectsBadProblems() {
    auto throws = [](EmBoundProblem p) {
        try {
            p.validate();
        } catch (const std::invalid_argument& e) {
            return QString::fromUtf8(e.what()).startsWith("EM lower bound: ");
        }
        return false;
    };
    EmBoundProblem ok = EmBoundProblem::classroomExample();
    ok.validate();
    EmBoundProblem p = ok;
    p.x.clear();
    QVERIFY(throws(p));
    p = ok;
    p.x[3] = std::nan("");
    QVERIFY(throws(p));
    for (double w : {0.0, 1.0, -0.2, std::nan("")}) {
        p = ok;
        p.weight1 = w;
        QVERIFY(throws(p));
    }
    p = ok;
    p.sigma1 = 0;
    QVERIFY(throws(p));
    p = ok;
    p.sigma2 = -1;
    QVERIFY(throws(p));
    p = ok;
    p.mean2 = INFINITY;
    QVERIFY(throws(p));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, EmBoundDemo(ok, std::nan("")));
}

QTEST_APPLESS_MAIN(TestEmBound)
#include "test_em_bound.moc"
