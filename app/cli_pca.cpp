#include "app/cli_pca.h"

#include "core/datasets.h"
#include "core/pca.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace latentlab::app::cli {

namespace {

const RunCommand& pcaCommand() {
    static const RunCommand c{"pca", core::Pca::specs(), {}, false};
    return c;
}

/// The angle between two axes as lines (sign ignored), degrees in [0, 90]; 2·atan2 keeps
/// tiny angles accurate where acos of a cosine near 1 would not.
double lineAngleDeg(Eigen::VectorXd a, Eigen::VectorXd b) {
    a.normalize();
    b.normalize();
    if (a.dot(b) < 0) b = -b;
    return 2 * std::atan2((a - b).norm(), (a + b).norm()) * 180 / std::numbers::pi;
}

const char* solverName(core::PcaSolver solver) {
    return solver == core::PcaSolver::Svd ? "svd" : "covariance";
}

QJsonArray toJson(const core::Vector& v) { return vectorToJson(Eigen::VectorXd(v.cast<double>())); }

} // namespace

int runPca(const ParsedOptions& given) {
    ParsedOptions o = given;
    if (!o.has("dataset")) o.options.emplace(o.options.begin(), QStringLiteral("dataset"), QStringLiteral("iris"));
    const RunSetup s = parseRun(o, pcaCommand());
    const auto data = loadRunData(s);
    const auto start = Clock::now();
    core::Pca pca;
    pca.reset(std::shared_ptr<const core::Dataset>(data), s.model, s.seed);
    const int64_t requested = std::min<int64_t>(s.model.getInt("components"), data->d());
    runToEnd(pca, "PCA", requested * s.model.getInt("max-iter"), [](const core::Snapshot& snap) {
        const auto& p = static_cast<const core::PcaSnapshot&>(snap);
        char buf[96];
        std::snprintf(buf, sizeof buf, "component %d of %d, variance along u %.6g", p.current + 1, p.requested,
                      p.rayleigh);
        return std::string(buf);
    });
    const auto snap = std::dynamic_pointer_cast<const core::PcaSnapshot>(pca.snapshot());

    core::PcaOptions options;
    options.standardize = s.model.getBool("unit-variance");
    const core::PcaResult exact = core::fitPca(data->X, options);
    const int r = exact.count();
    const int found = static_cast<int>(snap->found.cols());
    const int m = std::min(found, r);
    if (snap->limitHit)
        std::fprintf(stderr, "latentlab: warning: a component stopped at --max-iter %lld before turning less than "
                             "--tol; accepted as it was\n",
                     static_cast<long long>(s.model.getInt("max-iter")));

    std::vector<double> angles;
    for (int i = 0; i < m; ++i)
        angles.push_back(lineAngleDeg(snap->found.col(i), exact.components.col(i).cast<double>()));
    const double foundVariance = snap->foundVariance.sum();
    const double exactVariance = exact.explainedVariance.head(m).sum();

    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["algorithm"] = "pca";
        out["seed"] = static_cast<qint64>(s.seed);
        out["params"] = paramsToJson(s.model);
        out["dataset"] = datasetJson(s, *data);
        out["covariance_scaling"] = "1/(N-1)";
        out["solver"] = solverName(exact.solver);
        out["mean"] = toJson(exact.mean);
        out["scale"] = toJson(exact.scale);
        out["components"] = matrixToJson(core::Matrix(exact.components.transpose()));
        out["sign_rule"] = "each component's entry of largest magnitude is positive (entries within a relative 1e-6 "
                           "of it tie; the lowest index wins)";
        out["explained_variance"] = vectorToJson(exact.explainedVariance);
        out["explained_variance_ratio"] = vectorToJson(exact.explainedVarianceRatio);
        // σ_i = sqrt(λ_i (N − 1)): scikit-learn's singular_values_ (its explained_variance_ is 1/(N−1)).
        out["singular_values"] = vectorToJson(
            Eigen::VectorXd((exact.explainedVariance.array().max(0.0) * static_cast<double>(std::max(data->n() - 1, 0))).sqrt()));
        out["n_samples"] = data->n();
        out["total_variance"] = exact.totalVariance;
        std::vector<double> errors;
        for (int k = 0; k <= r; ++k) errors.push_back(exact.reconstructionError(k));
        out["reconstruction_error"] = vectorToJson(errors);
        out["n_components"] = m;
        out["projection"] = matrixToJson(exact.project(data->X, m));

        QJsonObject stepwise;
        stepwise["method"] = QString::fromStdString(s.model.getChoice("method"));
        stepwise["converged"] = snap->converged;
        QJsonArray steps;
        for (int64_t n : snap->iterationsPerComponent) steps.append(static_cast<qint64>(n));
        stepwise["steps_per_component"] = steps;
        stepwise["angle_to_exact_deg"] = vectorToJson(angles);
        stepwise["explained_variance_found"] = vectorToJson(snap->foundVariance);
        stepwise["explained_variance_ratio_found"] = exact.totalVariance > 0 ? foundVariance / exact.totalVariance : 0.0;
        stepwise["components_found"] = matrixToJson(Eigen::MatrixXd(snap->found.transpose()));
        out["stepwise"] = stepwise;
        out["seconds"] = seconds(Clock::now() - start);
        writeJson(s.json, out);
    }

    std::string steps;
    for (int64_t n : snap->iterationsPerComponent) steps += (steps.empty() ? "" : " + ") + std::to_string(n);
    const double total = exact.totalVariance > 0 ? exact.totalVariance : 1.0;
    std::printf("PCA (%s) on %s (n = %d, d = %d%s): %d components explain %.4f%% of the variance (exact %.4f%%), "
                "found in %s steps, at most %.3g degrees from the exact axes\n",
                s.model.getChoice("method").c_str(), data->name.c_str(), data->n(), data->d(),
                s.standardize || options.standardize ? ", standardised" : "", m, 100 * foundVariance / total,
                100 * exactVariance / total, steps.c_str(),
                angles.empty() ? 0.0 : *std::max_element(angles.begin(), angles.end()));
    return 0;
}

int benchPca(const ParsedOptions& o) {
    for (const auto& [name, value] : o.options)
        if (!QStringList{"dataset", "n", "d", "iterations", "json"}.contains(name))
            throw UsageError("unknown option --" + name.toStdString() +
                             " for bench pca (known: --dataset --n --d --iterations --json)");
    const bool generated = o.has("n") || o.has("d");
    if (generated && o.has("dataset")) throw UsageError("bench pca: give either --dataset or --n and --d, not both");
    const int iterations = parseInt(o, "iterations", 10, 1, 100000);
    const QString json = o.value("json");
    const QString name = o.value("dataset", "digits");
    if (!json.isEmpty()) checkWritable(json);
    std::shared_ptr<core::Dataset> data;
    const auto loadStart = Clock::now();
    if (generated) {
        const int n = parseInt(o, "n", 10'000, 2, 50'000'000);
        const int d = parseInt(o, "d", 64, 1, 4096);
        if (static_cast<int64_t>(n) * d > 250'000'000)
            throw UsageError("bench pca: --n × --d must not exceed 250000000 values (1 GB)");
        data = uniformData(n, d);
    } else {
        data = std::make_shared<core::Dataset>(
            core::loadDataset(name.toStdString(), core::datasetParams(name.toStdString()), 1));
    }
    const double loadSeconds = seconds(Clock::now() - loadStart); // not part of the fit times
    watchInterrupt();
    core::PcaResult result = core::fitPca(data->X); // warm-up: caches and page tables
    std::vector<double> ms;
    for (int it = 0; it < iterations; ++it) {
        checkCancelled();
        const auto t0 = Clock::now();
        result = core::fitPca(data->X);
        ms.push_back(seconds(Clock::now() - t0) * 1e3);
    }
    const Timing t = summarise(ms, "bench pca");
    std::printf("exact PCA (fitPca, %s solver), %s %d x %d float32: median %.3f ms per fit, min %.3f ms over %d "
                "fits (loading or generating the data: %.3f s, not timed)\n",
                solverName(result.solver), data->name.c_str(), data->n(), data->d(), t.median, t.min, t.count,
                loadSeconds);
    if (!json.isEmpty()) {
        QJsonObject out;
        out["benchmark"] = "pca";
        out["dataset"] = QString::fromStdString(data->name);
        out["n"] = data->n();
        out["d"] = data->d();
        out["iterations"] = t.count;
        out["solver"] = solverName(result.solver);
        out["dtype"] = "float32";
        out["ms_per_fit"] = t.median;
        out["seconds"] = t.median / 1e3;
        out["ms_min"] = t.min;
        out["ms_max"] = t.max;
        out["load_seconds"] = loadSeconds;
        writeJson(json, out);
    }
    return 0;
}

} // namespace latentlab::app::cli
