#include "app/cli_gmm.h"

#include "core/gmm.h"
#include "widgets/gmm_scene.h"
#include "widgets/scene.h"

#include <cstdio>

namespace latentlab::app::cli {

namespace {

const RunCommand& gmmCommand() {
    static const RunCommand c{"gmm", core::GaussianMixture::specs(), {{"covariance", "covariance-type"}}, true};
    return c;
}

QJsonObject parametersJson(const core::GmmParameters& theta) {
    QJsonObject o;
    o["weights"] = vectorToJson(theta.weights);
    o["means"] = matrixToJson(theta.means);
    QJsonArray covariances;
    for (const auto& c : theta.covariances) covariances.append(matrixToJson(c));
    o["covariances"] = covariances;
    return o;
}

/// argmax_k γ_nk for every row (ties: the lower k).
QJsonArray labelsJson(const Eigen::MatrixXf* resp) {
    QJsonArray labels;
    if (!resp) return labels;
    for (Eigen::Index i = 0; i < resp->rows(); ++i) {
        Eigen::Index best = 0;
        for (Eigen::Index k = 1; k < resp->cols(); ++k)
            if ((*resp)(i, k) > (*resp)(i, best)) best = k;
        labels.append(static_cast<int>(best));
    }
    return labels;
}

ui::Scene figureScene(const RunSetup& s, const core::Dataset& data, const core::GmmSnapshot& snap) {
    ui::GmmSceneBuilder builder;
    ui::GmmViewOptions view;
    view.equalAspect = equalAspect(s);
    ui::Scene scene = builder.build(snap, view);
    scene.title = QString("Gaussian mixture, K = %1, %2 covariances, on %3 (seed %4)")
                      .arg(snap.means.rows())
                      .arg(core::covarianceTypeName(snap.covarianceType))
                      .arg(QString::fromStdString(data.name))
                      .arg(s.seed);
    return scene;
}

} // namespace

int runGmm(const ParsedOptions& o) {
    const RunSetup s = parseRun(o, gmmCommand());
    const auto data = loadRunData(s);
    const auto start = Clock::now();
    core::GaussianMixture gmm;
    gmm.setThreads(s.threads);
    gmm.reset(data, s.model, s.seed);
    const core::GmmParameters initial = gmm.parameters();

    std::vector<core::SnapshotPtr> frames; // --animation: every frame-step-th state
    if (!s.animation.isEmpty()) frames.push_back(gmm.snapshot());
    std::vector<core::SnapshotPtr> states; // --figure-series: every state
    if (!s.series.isEmpty()) states.push_back(gmm.snapshot());
    runToEnd(
        gmm, "EM", s.model.getInt("max-iter"),
        [](const core::Snapshot& snap) {
            const auto& history = static_cast<const core::GmmSnapshot&>(snap).logLikelihoodHistory;
            char buf[80];
            std::snprintf(buf, sizeof buf, "log-likelihood %.6g per sample", history.empty() ? 0.0 : history.back());
            return std::string(buf);
        },
        [&] {
            if (!s.series.isEmpty()) states.push_back(gmm.snapshot());
            if (s.animation.isEmpty()) return;
            auto state = gmm.snapshot();
            if (state->stepCount % s.frameStep == 0 || gmm.finished()) frames.push_back(std::move(state));
        });
    const auto snap = std::dynamic_pointer_cast<const core::GmmSnapshot>(gmm.snapshot());
    const int k = static_cast<int>(snap->means.rows());
    const int freeParameters = core::gmmFreeParameters(k, data->d(), snap->covarianceType);
    const double aic = core::aic(snap->logLikelihood, freeParameters);
    const double bic = core::bic(snap->logLikelihood, freeParameters, data->n());
    if (snap->diverged)
        for (const auto& e : snap->events)
            if (e.kind == core::ModelEvent::Kind::Diverged) std::fprintf(stderr, "latentlab: warning: %s\n", e.message.c_str());

    if (!s.figure.isEmpty()) writeFigure(figureScene(s, *data, *snap), s);
    writeSeries(states, s, [&](const core::Snapshot& state) {
        return figureScene(s, *data, static_cast<const core::GmmSnapshot&>(state));
    });
    if (!s.animation.isEmpty()) {
        std::vector<ui::Scene> scenes;
        for (const auto& f : frames) scenes.push_back(figureScene(s, *data, static_cast<const core::GmmSnapshot&>(*f)));
        writeAnimation(scenes, s);
    }
    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["algorithm"] = "gmm";
        out["seed"] = static_cast<qint64>(s.seed);
        out["params"] = paramsToJson(s.model);
        out["dataset"] = datasetJson(s, *data);
        out["initial"] = parametersJson(initial);
        const QJsonObject fitted = parametersJson({snap->weights, snap->means, snap->covariances});
        for (auto it = fitted.begin(); it != fitted.end(); ++it) out[it.key()] = it.value();
        out["final"] = fitted;
        out["reg_covar"] = snap->regCovar;
        out["log_likelihood"] = vectorToJson(snap->logLikelihoodHistory);
        out["log_likelihood_definition"] =
            "mean log-likelihood per sample (1/N) sum_n log sum_k pi_k N(x_n | mu_k, Sigma_k) in nats; "
            "entry i for the parameters after i EM iterations, entry 0 for the initial parameters";
        out["total_log_likelihood"] = snap->logLikelihood;
        out["iterations"] = static_cast<qint64>(snap->iteration);
        out["converged"] = snap->converged;
        out["diverged"] = snap->diverged;
        out["n_parameters"] = freeParameters;
        out["aic"] = aic;
        out["bic"] = bic;
        out["labels"] = labelsJson(snap->responsibilities.get());
        out["responsibilities"] =
            snap->responsibilities ? matrixToJson(core::Matrix(*snap->responsibilities)) : QJsonArray();
        out["seconds"] = seconds(Clock::now() - start);
        writeJson(s.json, out);
    }
    std::printf("Gaussian mixture (%s covariances) on %s (n = %d, d = %d), K = %d: %s after %lld iterations, "
                "log-likelihood = %.10g (%.6g per sample), AIC = %.6g, BIC = %.6g\n",
                core::covarianceTypeName(snap->covarianceType), data->name.c_str(), data->n(), data->d(), k,
                snap->converged  ? "converged"
                : snap->diverged ? "diverged"
                                 : "stopped",
                static_cast<long long>(snap->iteration), snap->logLikelihood,
                snap->logLikelihood / data->n(), aic, bic);
    return 0;
}

int benchGmm(const ParsedOptions& o) {
    const int n = parseInt(o, "n", 100'000, 1, 50'000'000);
    const int d = parseInt(o, "d", 2, 1, 1024);
    const int k = parseInt(o, "k", 10, 1, 32);
    const int iterations = parseInt(o, "iterations", 20, 1, 10000);
    const int threads = parseInt(o, "threads", 0, 0, 1024);
    const QString json = o.value("json");
    core::Params p(core::GaussianMixture::specs());
    for (const auto& [name, value] : o.options) {
        if (name == "covariance" || name == "covariance-type")
            p.setFromString("covariance-type", value.toStdString());
        else if (!QStringList{"n", "d", "k", "iterations", "threads", "json"}.contains(name))
            throw UsageError("unknown option --" + name.toStdString() +
                             " for bench gmm (known: --n --d --k --iterations --covariance --threads --json)");
    }
    if (!json.isEmpty()) checkWritable(json);
    if (k > n) throw UsageError("bench gmm: --k must not exceed --n");
    const auto data = uniformData(n, d);
    p.set("k", int64_t{k});
    p.set("init", std::string("random-points"));
    p.set("tol", 0.0);                            // never converged: every iteration runs
    p.set("max-iter", int64_t{iterations + 2}); // the finishing iteration's extra E-step is never reached
    core::GaussianMixture gmm;
    gmm.setThreads(threads);
    gmm.reset(data, p, 1);
    // As bench kmeans: the first K points as means; π_k = 1/K, Σ_k = the data covariance.
    Eigen::VectorXd mean;
    Eigen::MatrixXd cov;
    core::gmm::dataMoments(data->X, mean, cov);
    gmm.setInitialParameters(Eigen::VectorXd::Ones(k), data->X.topRows(k).cast<double>(),
                             std::vector<Eigen::MatrixXd>(static_cast<size_t>(k), cov));
    watchInterrupt();
    std::vector<double> ms;
    for (int it = 0; it <= iterations && !gmm.finished(); ++it) {
        checkCancelled();
        const auto t0 = Clock::now();
        gmm.step(); // E-step
        gmm.step(); // M-step
        const double t = seconds(Clock::now() - t0) * 1e3;
        if (it > 0) ms.push_back(t); // the first iteration warms caches and page tables
    }
    const Timing t = summarise(ms, "bench gmm");
    const std::string type = p.getChoice("covariance-type");
    std::printf("Gaussian mixture EM iteration (E-step + M-step), %d x %d float32, K = %d, %s covariances, "
                "%d threads: median %.3f ms, min %.3f ms over %d iterations\n",
                n, d, k, type.c_str(), usedThreads(threads), t.median, t.min, t.count);
    if (!json.isEmpty()) {
        QJsonObject out = benchJson("gmm", n, d, k, threads, t);
        out["covariance_type"] = QString::fromStdString(type);
        writeJson(json, out);
    }
    return 0;
}

} // namespace latentlab::app::cli
