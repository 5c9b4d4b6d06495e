#include "app/cli_ddpm.h"
#include "app/cli_ddpm_figure.h"

#include "core/datasets.h"
#include "core/ddpm.h"
#include "core/ddpm_io.h"
#include "core/sample_metrics.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace latentlab::app::cli {

namespace {

const RunCommand& ddpmCommand() {
    static const RunCommand c{"DDPM", core::Ddpm::specs(), {}, true};
    return c;
}

struct DdpmOptions {
    QString saveModel, loadModel;
};

/// Takes out --samples, --save-model and --load-model and sets the default data set
/// (two-moons).
ParsedOptions splitOptions(const ParsedOptions& o, int& samples, DdpmOptions* files = nullptr) {
    ParsedOptions r;
    r.positional = o.positional;
    for (const auto& [name, value] : o.options) {
        if (files && (name == "save-model" || name == "load-model")) {
            if (value == "true") throw UsageError("--save-model and --load-model need a file name");
            (name == "save-model" ? files->saveModel : files->loadModel) = value;
        } else if (name == "samples") {
            bool ok = false;
            samples = value.toInt(&ok);
            if (!ok || samples < 1 || samples > 1000000) throw UsageError("--samples needs a number of points from 1 to 1000000");
        } else {
            r.options.emplace_back(name, value);
        }
    }
    if (!r.has("dataset")) r.options.emplace_back("dataset", "two-moons");
    return r;
}

/// The options of a run from a model file: the file's parameters and data set (with its
/// generator parameters and seed) wherever the command line does not give its own.
ParsedOptions withModelOptions(const ParsedOptions& o, const core::DdpmModelFile& m) {
    ParsedOptions r = o;
    for (const auto& [name, value] : m.params) {
        const QString key = QString::fromStdString(name);
        if (!o.has(key)) r.options.emplace_back(key, QString::fromStdString(value));
    }
    if (!o.has("dataset")) {
        r.options.emplace_back("dataset", QString::fromStdString(m.dataset));
        for (const auto& [name, value] : m.datasetParams)
            if (!o.has(QString::fromStdString("data-" + name)))
                r.options.emplace_back(QString::fromStdString("data-" + name), QString::fromStdString(value));
        if (m.dataSeed && !o.has("data-seed")) r.options.emplace_back("data-seed", QString::number(*m.dataSeed));
    }
    return r;
}

/// The command that trained the model, without the options that only say where output goes
/// or how many threads run (the model is the same for any thread count).
std::string commandLine(const ParsedOptions& o) {
    std::string s = "latentlab run ddpm";
    for (const auto& [name, value] : o.options) {
        if (name == "save-model" || name == "json" || name == "samples" || name == "threads") continue;
        s.append(" --").append(name.toStdString());
        if (value != "true") s.append(" ").append(value.toStdString());
    }
    return s;
}

/// Progress on stderr: "\rddpm: training step 1200 of 3000, loss 0.41, 3.0 s, about 5 s left".
void report(const char* what, int64_t done, int64_t total, double loss, double elapsed) {
    std::fprintf(stderr, "\rddpm: %s %lld of %lld%s, %.1f s, about %.0f s left   ", what, static_cast<long long>(done),
                 static_cast<long long>(total), loss >= 0 ? (", loss " + std::to_string(loss).substr(0, 6)).c_str() : "",
                 elapsed, done > 0 ? elapsed * double(total - done) / double(done) : 0.0);
}

} // namespace

int runDdpm(const ParsedOptions& options) {
    int samples = 2000;
    DdpmOptions files;
    ParsedOptions given = options;
    std::optional<core::DdpmModelFile> loaded;
    if (options.has("load-model")) {
        splitOptions(options, samples, &files); // the file name, and the usage checks
        loaded = core::readDdpmModel(files.loadModel.toStdString());
        given = withModelOptions(options, *loaded);
    }
    const ParsedOptions rest = splitOptions(given, samples, &files);
    const RunSetup s = parseRun(rest, ddpmCommand());
    checkDdpmFigureOptions(s);
    if (!files.saveModel.isEmpty()) checkWritable(files.saveModel);
    const auto data = loadRunData(s);
    const auto start = Clock::now();
    core::Ddpm ddpm;
    ddpm.setThreads(s.threads);
    ddpm.setPreview(false);
    core::Params params = s.model;
    params.set("sample-points", int64_t{1}); // the model's own chain is not needed: sample() below
    ddpm.reset(data, params, s.seed);
    if (loaded) {
        try {
            ddpm.installTrained(*loaded);
        } catch (const std::invalid_argument& e) {
            throw UsageError(files.loadModel.toStdString() + ": " + e.what());
        }
    }
    watchInterrupt();
    const auto t0 = Clock::now();
    auto last = t0;
    bool reported = false;
    const int64_t total = ddpm.settings().trainSteps;
    while (!ddpm.sampling() && !ddpm.diverged()) {
        try {
            checkCancelled();
        } catch (const Cancelled&) {
            if (reported) std::fputs("\n", stderr);
            throw;
        }
        ddpm.step();
        const auto now = Clock::now();
        if (seconds(now - t0) > 1.0 && seconds(now - last) > 0.5) {
            report("training step", ddpm.trainSteps(), total, ddpm.lossHistory().back(), seconds(now - t0));
            last = now;
            reported = true;
        }
    }
    if (reported) std::fputs("\n", stderr);
    const double trainSeconds = seconds(Clock::now() - t0);
    for (const auto& e : std::static_pointer_cast<const core::Snapshot>(ddpm.snapshot())->events)
        if (e.kind == core::ModelEvent::Kind::Diverged) std::fprintf(stderr, "latentlab: warning: %s\n", e.message.c_str());

    if (!files.saveModel.isEmpty()) {
        core::DdpmModelFile file = core::makeDdpmModelFile(ddpm, s.model);
        file.description = loaded ? loaded->description : commandLine(options);
        file.dataset = s.dataset.toStdString();
        const auto* gen = core::findDataset(file.dataset);
        if (gen && gen->generator) {
            for (const core::ParamSpec& spec : s.generator.specs())
                file.datasetParams.emplace_back(spec.name, s.generator.toString(spec.name));
            file.dataSeed = s.dataSeed;
        }
        core::writeDdpmModel(files.saveModel.toStdString(), file);
    }
    core::Rng rng(s.seed ^ 0x64647061ULL);
    const auto s0 = Clock::now();
    const core::Matrix x = ddpm.sample(samples, rng);
    const double sampleSeconds = seconds(Clock::now() - s0);
    writeDdpmFigure(ddpm, samples, s, rest.has("size"));
    // Fresh data from the same generator (another seed), or the data themselves for files.
    const auto* info = core::findDataset(s.dataset.toStdString());
    core::Matrix fresh = data->X;
    if (info && info->generator)
        fresh = core::loadDataset(s.dataset.toStdString(), s.generator, s.dataSeed + 1).X;
    const int m = int(std::min<Eigen::Index>(fresh.rows(), 2000));
    const double energy = core::energyDistance(x.topRows(std::min(samples, 2000)), fresh.topRows(m));
    const double floor = core::energyDistance(data->X.topRows(std::min<Eigen::Index>(data->X.rows(), 2000)), fresh.topRows(m));

    if (!s.json.isEmpty()) {
        const auto snap = std::static_pointer_cast<const core::DdpmSnapshot>(ddpm.snapshot());
        QJsonObject out;
        out["algorithm"] = "ddpm";
        out["seed"] = static_cast<qint64>(s.seed);
        QJsonObject p = paramsToJson(s.model);
        p.remove("sample-points");
        out["params"] = p;
        out["dataset"] = datasetJson(s, *data);
        out["train_steps"] = static_cast<qint64>(ddpm.trainSteps());
        if (loaded) out["loaded_model"] = files.loadModel;
        out["loss"] = vectorToJson(ddpm.lossHistory());
        out["loss_definition"] = "per training step: mean over the batch of |eps - eps_theta(x_t, t)|^2 / d (Algorithm 1)";
        QJsonArray buckets;
        for (double b : snap->bucketLoss) buckets.append(std::isfinite(b) ? QJsonValue(b) : QJsonValue());
        out["loss_per_t_bucket"] = buckets;
        QJsonArray ac;
        for (Eigen::Index i = 0; i < ddpm.schedule().alphas_cumprod.size(); ++i) ac.append(ddpm.schedule().alphas_cumprod[i]);
        out["alphas_cumprod"] = ac;
        out["samples"] = matrixToJson(x);
        out["energy_distance"] = energy;
        out["energy_distance_data"] = floor;
        out["energy_distance_definition"] =
            "squared energy distance 2E|X-Y| - E|X-X'| - E|Y-Y'| (V-statistic) between at most 2000 samples and 2000 "
            "fresh data points; energy_distance_data: the training data against the same fresh points";
        out["diverged"] = ddpm.diverged();
        out["training_seconds"] = trainSeconds;
        out["sampling_seconds"] = sampleSeconds;
        out["seconds"] = seconds(Clock::now() - start);
        writeJson(s.json, out);
    }
    std::printf("DDPM on %s (n = %d): %s after %lld training steps in %.2f s, %d samples in %.2f s, energy distance "
                "%.4g (data vs fresh data: %.4g)\n",
                data->name.c_str(), data->n(), ddpm.diverged() ? "diverged" : "done",
                static_cast<long long>(ddpm.trainSteps()), trainSeconds, samples, sampleSeconds, energy, floor);
    return 0;
}

int benchDdpm(const ParsedOptions& options) {
    int unused = 0;
    ParsedOptions rest = splitOptions(options, unused);
    if (!rest.has("train-steps")) rest.options.emplace_back("train-steps", "2000");
    if (!rest.has("T")) rest.options.emplace_back("T", "1000");
    if (!rest.has("sample-points")) rest.options.emplace_back("sample-points", "10000");
    const RunSetup s = parseRun(rest, ddpmCommand());
    const auto data = loadRunData(s);
    core::Ddpm ddpm;
    ddpm.setThreads(s.threads);
    ddpm.setPreview(false);
    ddpm.reset(data, s.model, s.seed);
    watchInterrupt();
    for (int i = 0; i < 5 && !ddpm.sampling(); ++i) ddpm.step(); // warm-up
    const int64_t first = ddpm.trainSteps();
    const auto t0 = Clock::now();
    while (!ddpm.sampling() && !ddpm.diverged()) {
        if ((ddpm.trainSteps() & 63) == 0) checkCancelled();
        ddpm.step();
    }
    const double trainSec = seconds(Clock::now() - t0);
    const double stepsPerSecond = double(ddpm.trainSteps() - first) / trainSec;
    const auto t1 = Clock::now();
    while (!ddpm.finished()) {
        checkCancelled();
        ddpm.step();
    }
    const double sampleSec = seconds(Clock::now() - t1);
    const auto& st = ddpm.settings();
    const int threads = std::min(usedThreads(s.threads), 2);
    std::printf("DDPM on %s, MLP %d x %d + time embedding %d, batch %d, Adam, %d thread%s: %.0f training steps/s; "
                "sampling %d points x %d reverse steps: %.2f s\n",
                data->name.c_str(), st.layers, st.width, st.timeEmbedding, st.batch, threads, threads > 1 ? "s" : "",
                stepsPerSecond, st.samplePoints, st.sampler == core::DdpmSampler::Ddim ? st.ddimSteps : st.T, sampleSec);
    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["benchmark"] = "ddpm";
        out["dataset"] = QString::fromStdString(data->name);
        out["T"] = st.T;
        out["batch"] = st.batch;
        out["layers"] = st.layers;
        out["width"] = st.width;
        out["time_embedding"] = st.timeEmbedding;
        out["threads"] = threads;
        out["train_steps"] = static_cast<qint64>(ddpm.trainSteps() - first);
        out["train_steps_per_second"] = stepsPerSecond;
        out["sample_points"] = st.samplePoints;
        out["sampling_seconds"] = sampleSec;
        writeJson(s.json, out);
    }
    return 0;
}

} // namespace latentlab::app::cli
