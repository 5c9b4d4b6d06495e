#include "app/cli_rbm.h"

#include "core/datasets.h"
#include "core/rbm.h"
#include "core/rbm_io.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab::app::cli {

namespace {

const RunCommand& rbmCommand() {
    static const RunCommand c{"rbm", core::Rbm::specs(), {}, false};
    return c;
}

/// The options only `run rbm` / `bench rbm` know, taken out before the shared parsing.
struct RbmOptions {
    QString saveModel, loadModel;
    bool rescale = false;
    ParsedOptions rest;
};

RbmOptions splitOptions(const ParsedOptions& o) {
    RbmOptions r;
    r.rest.positional = o.positional;
    bool dataset = false;
    for (const auto& [name, value] : o.options) {
        if (name == "save-model") r.saveModel = value;
        else if (name == "load-model") r.loadModel = value;
        else if (name == "rescale") r.rescale = value != "false";
        else r.rest.options.emplace_back(name, value);
        dataset = dataset || name == "dataset";
    }
    if (!dataset) r.rest.options.emplace_back("dataset", "fashion-mnist");
    if ((o.has("save-model") && r.saveModel == "true") || (o.has("load-model") && r.loadModel == "true"))
        throw UsageError("--save-model and --load-model need a file name");
    return r;
}

/// Maps the values linearly from [min, max] to [0, 1] (--rescale), or refuses data outside
/// [0, 1] with the hint.
void prepareRange(core::Dataset& data, bool rescale) {
    if (data.X.size() == 0) return;
    if (!data.X.allFinite()) return; // core::Rbm names the bad value
    const float lo = data.X.minCoeff(), hi = data.X.maxCoeff();
    if (rescale) {
        if (hi > lo) data.X = (data.X.array() - lo) / (hi - lo);
        else data.X.setConstant(std::clamp(lo, 0.0f, 1.0f));
        return;
    }
    if (lo < 0 || hi > 1) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "rbm: %s has values from %g to %g, but the RBM needs [0, 1]; add --rescale to map "
                      "[%g, %g] to [0, 1]",
                      data.name.c_str(), static_cast<double>(lo), static_cast<double>(hi), static_cast<double>(lo),
                      static_cast<double>(hi));
        throw UsageError(buf);
    }
}

QJsonArray toJson(const std::vector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(std::isfinite(x) ? QJsonValue(x) : QJsonValue());
    return a;
}

std::string commandLine(const ParsedOptions& o) {
    std::string s = "latentlab run rbm";
    for (const auto& [name, value] : o.options) {
        s.append(" --").append(name.toStdString()); // append: GCC 12 warns (falsely) about " --" + string
        if (value != "true") s.append(" ").append(value.toStdString());
    }
    return s;
}

/// "\rrbm: epoch 2 of 5, batch 120 of 860, reconstruction error 0.021, 3.2 s, about 9 s left"
void reportProgress(const core::Rbm& rbm, double elapsed) {
    const int64_t nb = rbm.stepsPerIteration();
    const int64_t total = rbm.settings().epochs * nb;
    const int64_t done = rbm.epoch() * nb + rbm.batchInEpoch();
    const double left = done > 0 ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : 0.0;
    std::fprintf(stderr, "\rrbm: epoch %lld of %lld, batch %lld of %lld, reconstruction error %.4g, %.1f s, about %.0f s left   ",
                 static_cast<long long>(std::min(rbm.epoch() + 1, rbm.settings().epochs)),
                 static_cast<long long>(rbm.settings().epochs), static_cast<long long>(rbm.batchInEpoch()),
                 static_cast<long long>(nb), rbm.batchReconstructionError(), elapsed, left);
}

} // namespace

int runRbm(const ParsedOptions& options) {
    const RbmOptions ro = splitOptions(options);
    const RunSetup s = parseRun(ro.rest, rbmCommand());
    if (!ro.saveModel.isEmpty()) checkWritable(ro.saveModel);
    std::optional<core::RbmModelFile> loaded;
    if (!ro.loadModel.isEmpty()) loaded = core::loadRbmModel(ro.loadModel.toStdString());
    const auto data = loadRunData(s);
    prepareRange(*data, ro.rescale);
    core::Params params = s.model;
    if (loaded) {
        core::checkModelFits(*loaded, *data, ro.loadModel.toStdString());
        const int64_t h = loaded->weights.hidden();
        if (ro.rest.has("hidden") && params.getInt("hidden") != h)
            throw UsageError("--hidden " + std::to_string(params.getInt("hidden")) + " does not match " +
                             ro.loadModel.toStdString() + ", which has " + std::to_string(h) + " hidden units");
        params.set("hidden", h);
    }

    const auto start = Clock::now();
    core::Rbm rbm;
    rbm.setThreads(s.threads);
    rbm.reset(data, params, s.seed);
    if (loaded) rbm.setWeights(loaded->weights);

    watchInterrupt();
    const auto trainStart = Clock::now(); // the estimate of the time left leaves out loading
    auto lastReport = trainStart;
    bool reported = false;
    while (!rbm.finished()) {
        try {
            checkCancelled();
        } catch (const Cancelled&) {
            if (reported) std::fputs("\n", stderr);
            throw;
        }
        rbm.step();
        const auto now = Clock::now();
        if (!rbm.finished() && seconds(now - trainStart) > 1.0 && seconds(now - lastReport) > 0.5) {
            reportProgress(rbm, seconds(now - trainStart));
            lastReport = now;
            reported = true;
        }
    }
    if (reported) std::fputs("\n", stderr);
    const auto snap = std::dynamic_pointer_cast<const core::RbmSnapshot>(rbm.snapshot());
    const core::RbmMonitors& m = snap->monitors;
    if (snap->diverged)
        for (const auto& e : snap->events)
            if (e.kind == core::ModelEvent::Kind::Diverged) std::fprintf(stderr, "latentlab: warning: %s\n", e.message.c_str());

    if (!ro.saveModel.isEmpty()) {
        core::RbmModelFile file{*snap->weights, data->imageShape,
                                commandLine(options) + "\ntrained on " + data->name + " (" + std::to_string(data->n()) +
                                    " × " + std::to_string(data->d()) + ") for " + std::to_string(snap->epoch) +
                                    " epochs"};
        core::saveRbmModel(ro.saveModel.toStdString(), file);
    }
    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["algorithm"] = "rbm";
        out["seed"] = static_cast<qint64>(s.seed);
        out["params"] = paramsToJson(params);
        QJsonObject ds = datasetJson(s, *data);
        ds["rescaled"] = ro.rescale;
        out["dataset"] = ds;
        out["n_train"] = static_cast<qint64>(snap->split->train.rows());
        out["n_held_out"] = static_cast<qint64>(snap->split->heldOut.rows());
        out["batches_per_epoch"] = static_cast<qint64>(snap->batchesPerEpoch);
        out["epochs"] = static_cast<qint64>(snap->epoch);
        out["reconstruction_error"] = toJson(m.reconstructionError);
        out["reconstruction_error_definition"] =
            "mean over the epoch's mini-batches of (1/(B V)) sum_n sum_i (v_ni - p(v_i=1|h_n))^2 with h_n ~ p(h|v_n), "
            "measured with the weights before each batch's update";
        out["pseudo_log_likelihood"] = toJson(m.pseudoLogLikelihood);
        out["pseudo_log_likelihood_definition"] =
            "mean over the training rows of scikit-learn 1.2 BernoulliRBM.score_samples: V log sigmoid(F(v~) - F(v)), "
            "v~ = v with one random unit i flipped to 1 - v_i; nats per sample, after each epoch";
        out["free_energy_train"] = toJson(m.freeEnergyTrain);
        out["free_energy_held_out"] = toJson(m.freeEnergyHeldOut);
        out["free_energy_definition"] = "mean F(v) = -a.v - sum_j log(1 + exp(b_j + (v W)_j)) in nats, after each epoch";
        out["seconds_per_epoch"] = toJson(m.seconds);
        QJsonArray batchErrors;
        for (const auto& epoch : snap->batchErrors)
            for (float e : *epoch) batchErrors.append(static_cast<double>(e));
        out["batch_reconstruction_error"] = batchErrors;
        QJsonArray hist;
        for (int64_t c : snap->hiddenHistogram) hist.append(static_cast<qint64>(c));
        out["hidden_histogram"] = hist;
        out["momentum_schedule"] = QString("min(0.5, momentum) for the first %1 epochs, then momentum")
                                       .arg(core::kRbmInitialMomentumEpochs);
        if (!m.logPartition.empty()) {
            out["exact_log_likelihood"] = toJson(m.exactLogLikelihood);
            out["exact_held_out_log_likelihood"] = toJson(m.exactHeldOutLogLikelihood);
            out["log_partition_function"] = toJson(m.logPartition);
        }
        if (!m.cdGradientError.empty()) {
            QJsonObject cd;
            QJsonArray ks, perEpoch;
            for (int k : core::kRbmCdStudyKs) ks.append(k);
            for (const auto& e : m.cdGradientError) perEpoch.append(QJsonArray{e[0], e[1], e[2], e[3]});
            cd["k"] = ks;
            cd["per_epoch"] = perEpoch;
            cd["definition"] = "|E[CD-k gradient] - exact gradient| / |exact gradient| over W, a, b";
            out["cd_gradient_error"] = cd;
        }
        out["diverged"] = snap->diverged;
        out["seconds"] = seconds(Clock::now() - start);
        if (!ro.loadModel.isEmpty()) out["loaded_model"] = ro.loadModel;
        if (!ro.saveModel.isEmpty()) out["model_file"] = ro.saveModel;
        writeJson(s.json, out);
    }
    const double pll = m.pseudoLogLikelihood.empty() ? std::nan("") : m.pseudoLogLikelihood.back();
    const double recon = m.reconstructionError.empty() ? std::nan("") : m.reconstructionError.back();
    double trainSeconds = 0;
    for (double t : m.seconds) trainSeconds += t;
    std::printf("RBM %d × %d on %s (n = %d): %s after %lld epochs, reconstruction error %.6g, pseudo-log-likelihood "
                "%.6g per sample, %.3g s per epoch\n",
                data->d(), static_cast<int>(params.getInt("hidden")), data->name.c_str(), data->n(),
                snap->diverged ? "diverged" : "done", static_cast<long long>(snap->epoch), recon, pll,
                m.seconds.empty() ? 0.0 : trainSeconds / static_cast<double>(m.seconds.size()));
    return 0;
}

int benchRbm(const ParsedOptions& options) {
    RbmOptions ro = splitOptions(options);
    if (!ro.saveModel.isEmpty() || !ro.loadModel.isEmpty())
        throw UsageError("bench rbm: --save-model and --load-model are for run rbm");
    const QStringList allowed = {"dataset", "data-seed", "hidden", "batch", "epochs", "cd-k", "persistent",
                                 "learning-rate", "statistics", "binarize", "threads", "json", "seed"};
    for (const auto& [name, value] : ro.rest.options)
        if (!allowed.contains(name))
            throw UsageError("unknown option --" + name.toStdString() + " for bench rbm (known: --" +
                             allowed.join(" --").toStdString() + " --rescale)");
    // The defaults of the benchmark: 784 → 256, batch 64, one epoch.
    if (!ro.rest.has("hidden")) ro.rest.options.emplace_back("hidden", "256");
    if (!ro.rest.has("epochs")) ro.rest.options.emplace_back("epochs", "1");
    RunSetup s = parseRun(ro.rest, rbmCommand());
    s.model.set("held-out", 0.0); // every image is trained on, as scikit-learn's fit does
    const auto data = loadRunData(s);
    prepareRange(*data, ro.rescale);
    core::Rbm rbm;
    rbm.setThreads(s.threads);
    rbm.setMonitors(false);
    rbm.reset(data, s.model, s.seed);
    watchInterrupt();
    while (!rbm.finished()) {
        checkCancelled();
        rbm.step();
    }
    std::vector<double> epochSeconds = rbm.monitors().seconds;
    std::vector<double> sorted = epochSeconds;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const int64_t nTrain = rbm.split().train.rows();
    const int hidden = static_cast<int>(s.model.getInt("hidden"));
    const int batch = static_cast<int>(s.model.getInt("batch"));
    const int k = static_cast<int>(s.model.getInt("cd-k"));
    const bool persistent = s.model.getBool("persistent");
    std::printf("RBM epoch (%s-%d), %lld x %d float32 -> %d hidden, batch %d, %d threads: median %.3f s, min %.3f s "
                "over %zu epochs\n",
                persistent ? "PCD" : "CD", k, static_cast<long long>(nTrain), data->d(), hidden, batch,
                usedThreads(s.threads), median, sorted.front(), sorted.size());
    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["benchmark"] = "rbm";
        out["dataset"] = QString::fromStdString(data->name);
        out["n_train"] = static_cast<qint64>(nTrain);
        out["d"] = data->d();
        out["hidden"] = hidden;
        out["batch"] = batch;
        out["cd_k"] = k;
        out["persistent"] = persistent;
        out["epochs"] = static_cast<int>(epochSeconds.size());
        out["threads"] = usedThreads(s.threads);
        out["dtype"] = "float32";
        out["seconds_per_epoch"] = median;
        out["seconds_min"] = sorted.front();
        out["seconds_max"] = sorted.back();
        out["epoch_seconds"] = toJson(epochSeconds);
        writeJson(s.json, out);
    }
    return 0;
}

} // namespace latentlab::app::cli
