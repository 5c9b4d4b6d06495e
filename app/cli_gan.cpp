#include "app/cli_gan.h"

#include "core/gan.h"
#include "core/gan_quality.h"
#include "core/nn_io.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab::app::cli {

namespace {

const RunCommand& ganCommand() {
    static const RunCommand c{"GAN", core::Gan::specs(), {{"steps", "iterations"}}, false};
    return c;
}

struct GanOptions {
    QString saveModel, loadModel;
    int samples = 2000;
    ParsedOptions rest;
};

/// Takes out the GAN's own options and maps the data set alias ring8 → ring with 8 modes.
GanOptions splitOptions(const ParsedOptions& o, bool bench) {
    GanOptions r;
    r.rest.positional = o.positional;
    bool dataset = false;
    for (const auto& [name, value] : o.options) {
        if (name == "save-model" && !bench) r.saveModel = value;
        else if (name == "load-model" && !bench) r.loadModel = value;
        else if (name == "samples" && !bench) {
            bool ok = false;
            r.samples = value.toInt(&ok);
            if (!ok || r.samples < 0 || r.samples > 1000000)
                throw UsageError("--samples needs a number of points from 0 to 1000000");
        } else if (name == "dataset" && value == "ring8") {
            r.rest.options.emplace_back("dataset", "ring");
            r.rest.options.emplace_back("data-k", "8");
            dataset = true;
        } else {
            r.rest.options.emplace_back(name, value);
            dataset = dataset || name == "dataset";
        }
    }
    if (!dataset) {
        r.rest.options.emplace_back("dataset", "ring");
        r.rest.options.emplace_back("data-k", "8");
    }
    if ((o.has("save-model") && r.saveModel == "true") || (o.has("load-model") && r.loadModel == "true"))
        throw UsageError("--save-model and --load-model need a file name");
    return r;
}

std::string commandLine(const ParsedOptions& o) {
    std::string s = "latentlab run gan";
    for (const auto& [name, value] : o.options) {
        s.append(" --").append(name.toStdString());
        if (value != "true") s.append(" ").append(value.toStdString());
    }
    return s;
}

} // namespace

int runGan(const ParsedOptions& options) {
    const GanOptions go = splitOptions(options, false);
    const RunSetup s = parseRun(go.rest, ganCommand());
    if (!go.saveModel.isEmpty()) checkWritable(go.saveModel);
    std::optional<core::nn::NetworkFile> loaded;
    if (!go.loadModel.isEmpty()) loaded = core::nn::loadNetworks(go.loadModel.toStdString());
    const auto data = loadRunData(s);

    const auto start = Clock::now();
    core::Gan gan;
    gan.setThreads(s.threads);
    gan.reset(data, s.model, s.seed);
    if (loaded) {
        try {
            gan.setNetworks(loaded->network("generator"), loaded->network("discriminator"));
        } catch (const std::invalid_argument& e) {
            throw UsageError(go.loadModel.toStdString() + ": " + e.what() +
                             " (give the --noise-dim, --g-layers, … it was trained with)");
        }
    }
    watchInterrupt();
    const auto trainStart = Clock::now();
    auto lastReport = trainStart;
    bool reported = false;
    const int64_t total = gan.settings().iterations;
    while (!gan.finished()) {
        try {
            checkCancelled();
        } catch (const Cancelled&) {
            if (reported) std::fputs("\n", stderr);
            throw;
        }
        gan.step();
        const auto now = Clock::now();
        if (!gan.finished() && seconds(now - trainStart) > 1.0 && seconds(now - lastReport) > 0.5) {
            const double el = seconds(now - trainStart);
            const int64_t done = std::max<int64_t>(gan.iteration(), 1);
            const auto& h = gan.history();
            std::fprintf(stderr, "\rgan: iteration %lld of %lld, D loss %.4g, G loss %.4g, %.1f s, about %.0f s left   ",
                         static_cast<long long>(gan.iteration()), static_cast<long long>(total),
                         h.discriminatorLoss.empty() ? 0.0 : double(h.discriminatorLoss.back()),
                         h.generatorLoss.empty() ? 0.0 : double(h.generatorLoss.back()), el,
                         el * double(total - done) / double(done));
            lastReport = now;
            reported = true;
        }
    }
    if (reported) std::fputs("\n", stderr);
    const double trainSeconds = seconds(Clock::now() - trainStart);
    const auto snap = std::dynamic_pointer_cast<const core::GanSnapshot>(gan.snapshot());
    if (gan.diverged())
        for (const auto& e : snap->events)
            if (e.kind == core::ModelEvent::Kind::Diverged) std::fprintf(stderr, "latentlab: warning: %s\n", e.message.c_str());

    core::Rng sampleRng(s.seed ^ 0x5a4d504c45ULL); // fresh noise, not the training stream
    const core::nn::Mat<float> samples = gan.sample(go.samples, sampleRng);
    std::optional<core::GanModeQuality> quality;
    if (data->hasLabels() && samples.rows() > 0) quality = core::modeQuality(*data, samples);

    if (!go.saveModel.isEmpty()) {
        core::nn::NetworkFile file;
        file.description = commandLine(options) + "\ntrained on " + data->name + " for " +
                           std::to_string(gan.iteration()) + " iterations";
        file.networks.emplace_back("generator", gan.generator());
        file.networks.emplace_back("discriminator", gan.discriminator());
        core::nn::saveNetworks(go.saveModel.toStdString(), file);
    }
    if (!s.json.isEmpty()) {
        const core::GanHistory& h = gan.history();
        QJsonObject out;
        out["algorithm"] = "gan";
        out["seed"] = static_cast<qint64>(s.seed);
        out["params"] = paramsToJson(s.model);
        out["dataset"] = datasetJson(s, *data);
        out["iterations"] = static_cast<qint64>(gan.iteration());
        out["losses"] = QJsonObject{{"d", vectorToJson(h.discriminatorLoss)}, {"g", vectorToJson(h.generatorLoss)}};
        out["losses_definition"] =
            "d: binary cross-entropy of D on the iteration's last D batch (B real rows -> 1 plus B generated -> 0; "
            "least-squares: 0.5 mean (D-1)^2 + 0.5 mean D^2); g: the generator loss chosen by --loss on its batch";
        out["mean_d_real"] = vectorToJson(h.meanDReal);
        out["mean_d_fake"] = vectorToJson(h.meanDFake);
        out["value"] = vectorToJson(h.value);
        out["value_definition"] = "J = mean log D(x) + mean log(1 - D(G(z))) on the D batch; -log 4 at equilibrium";
        out["samples"] = matrixToJson(samples);
        if (quality) {
            out["modes_covered"] = quality->modesCovered;
            out["modes_total"] = quality->modesTotal;
            out["high_quality_fraction"] = quality->highQualityFraction;
            out["quality_definition"] = QString::fromStdString(core::kGanModeQualityDefinition);
        }
        out["diverged"] = gan.diverged();
        out["seconds"] = seconds(Clock::now() - start);
        out["training_seconds"] = trainSeconds;
        if (!go.loadModel.isEmpty()) out["loaded_model"] = go.loadModel;
        if (!go.saveModel.isEmpty()) out["model_file"] = go.saveModel;
        writeJson(s.json, out);
    }
    std::printf("GAN on %s (n = %d): %s after %lld iterations in %.2f s", data->name.c_str(), data->n(),
                gan.diverged() ? "diverged" : "done", static_cast<long long>(gan.iteration()), trainSeconds);
    if (quality)
        std::printf(", %d of %d modes covered, %.1f %% high-quality samples", quality->modesCovered,
                    quality->modesTotal, 100.0 * quality->highQualityFraction);
    std::printf("\n");
    return 0;
}

int benchGan(const ParsedOptions& options) {
    GanOptions go = splitOptions(options, true);
    const QStringList allowed = {"dataset", "data-k", "data-n", "data-seed", "iterations", "steps", "batch", "seed",
                                 "json", "g-layers", "g-width", "d-layers", "d-width", "noise-dim", "loss",
                                 "activation", "optimizer", "threads"};
    for (const auto& [name, value] : go.rest.options)
        if (!allowed.contains(name))
            throw UsageError("unknown option --" + name.toStdString() + " for bench gan (known: --" +
                             allowed.join(" --").toStdString() + ")");
    if (!go.rest.has("iterations") && !go.rest.has("steps")) go.rest.options.emplace_back("iterations", "2000");
    const RunSetup s = parseRun(go.rest, ganCommand());
    const auto data = loadRunData(s);
    core::Gan gan;
    gan.setThreads(s.threads);
    gan.reset(data, s.model, s.seed);
    watchInterrupt();
    // A few iterations first, so the timing leaves out the first-touch costs of the buffers.
    for (int i = 0; i < 2 * gan.stepsPerIteration(); ++i) gan.step();
    const int64_t first = gan.iteration();
    const auto t0 = Clock::now();
    while (!gan.finished()) {
        if ((gan.iteration() & 63) == 0) checkCancelled();
        gan.step();
    }
    const double sec = seconds(Clock::now() - t0);
    const int64_t iters = gan.iteration() - first;
    const double ips = double(iters) / sec;
    const auto& st = gan.settings();
    const int threads = std::min(usedThreads(s.threads), core::kGanParts);
    std::printf("GAN iterations (%d D step%s + 1 G step, batch %d, G and D %d x %d %s, noise %d-D, %s) on %s: "
                "%.0f iterations/s (%lld in %.3f s, %d thread%s)\n",
                st.discriminatorSteps, st.discriminatorSteps > 1 ? "s" : "", st.batch, st.generatorLayers,
                st.generatorWidth, core::nn::activationName(st.hidden).c_str(), st.noiseDim,
                st.optimizer == core::GanOptimizer::Adam ? "Adam" : "SGD", data->name.c_str(), ips,
                static_cast<long long>(iters), sec, threads, threads > 1 ? "s" : "");
    if (!s.json.isEmpty()) {
        QJsonObject out;
        out["benchmark"] = "gan";
        out["dataset"] = QString::fromStdString(data->name);
        out["iterations"] = static_cast<qint64>(iters);
        out["batch"] = st.batch;
        out["noise_dim"] = st.noiseDim;
        out["generator"] = QString("%1 hidden layers of %2").arg(st.generatorLayers).arg(st.generatorWidth);
        out["discriminator"] = QString("%1 hidden layers of %2").arg(st.discriminatorLayers).arg(st.discriminatorWidth);
        out["threads"] = threads;
        out["iterations_per_second"] = ips;
        out["seconds"] = sec;
        writeJson(s.json, out);
    }
    return 0;
}

} // namespace latentlab::app::cli
