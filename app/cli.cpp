#include "app/cli.h"

#include "app/batch_export.h"

#include "app/cli_gmm.h"
#include "app/cli_pca.h"
#include "app/cli_rbm.h"
#include "app/cli_gan.h"
#include "app/cli_ddpm.h"
#include "core/datasets.h"
#include "core/gmm.h"
#include "core/kmeans.h"
#include "core/pca.h"
#include "core/rbm.h"
#include "core/gan.h"
#include "core/ddpm.h"
#include "widgets/exporter.h"
#include "widgets/figure_style.h"
#include "widgets/gif_writer.h"
#include "widgets/kmeans_scene.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <set>

namespace latentlab::app {

namespace cli {

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onInterrupt(int) { g_cancel = true; }

template <typename M>
QJsonArray matrixRows(const M& m) {
    QJsonArray rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        QJsonArray row;
        for (Eigen::Index j = 0; j < m.cols(); ++j) row.append(static_cast<double>(m(i, j)));
        rows.append(row);
    }
    return rows;
}

QSize parseSize(const QString& s) {
    const QStringList parts = s.toLower().split('x');
    bool okW = false, okH = false;
    const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
    const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
    if (!okW || !okH || w < 16 || h < 16 || w > 20000 || h > 20000)
        throw UsageError(QString("--size: '%1' is not WIDTHxHEIGHT in pixels (16..20000), e.g. 1600x1000")
                             .arg(s)
                             .toStdString());
    return {w, h};
}

} // namespace

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void watchInterrupt() { std::signal(SIGINT, onInterrupt); }

void checkCancelled() {
    if (g_cancel) throw Cancelled();
}

QJsonArray matrixToJson(const core::Matrix& m) { return matrixRows(m); }
QJsonArray matrixToJson(const Eigen::MatrixXd& m) { return matrixRows(m); }

QJsonArray vectorToJson(const Eigen::VectorXd& v) {
    QJsonArray a;
    for (double x : v) a.append(x);
    return a;
}

QJsonArray vectorToJson(const std::vector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(x);
    return a;
}

QJsonArray vectorToJson(const std::vector<float>& v) {
    QJsonArray a;
    for (float x : v) a.append(std::isfinite(x) ? QJsonValue(double(x)) : QJsonValue());
    return a;
}

QJsonObject paramsToJson(const core::Params& p) {
    QJsonObject o;
    for (const auto& [name, value] : p.values()) {
        const QString key = QString::fromStdString(name);
        if (auto* i = std::get_if<int64_t>(&value)) o[key] = static_cast<qint64>(*i);
        else if (auto* d = std::get_if<double>(&value)) o[key] = *d;
        else if (auto* b = std::get_if<bool>(&value)) o[key] = *b;
        else o[key] = QString::fromStdString(std::get<std::string>(value));
    }
    return o;
}

void writeJson(const QString& path, const QJsonObject& o) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        throw UsageError(QString("cannot write %1: %2").arg(path, f.errorString()).toStdString());
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit())
        throw UsageError(QString("cannot write %1: %2").arg(path, f.errorString()).toStdString());
}

void checkWritable(const QString& path) {
    const QFileInfo info(path);
    const QFileInfo dir(info.absolutePath());
    if (!dir.exists() || !dir.isDir() || !dir.isWritable())
        throw UsageError(QString("cannot write %1: the folder %2 does not exist or is not writable")
                             .arg(path, info.absolutePath())
                             .toStdString());
}

int parseInt(const ParsedOptions& o, const QString& name, int fallback, int lo, int hi) {
    if (!o.has(name)) return fallback;
    bool ok = false;
    const int v = o.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw UsageError(QString("--%1: '%2' is not a whole number from %3 to %4")
                             .arg(name, o.value(name))
                             .arg(lo)
                             .arg(hi)
                             .toStdString());
    return v;
}

RunSetup parseRun(const ParsedOptions& o, const RunCommand& command) {
    RunSetup s;
    s.model = core::Params(command.specs);
    s.dataset = o.value("dataset", s.dataset);
    s.generator = core::datasetParams(s.dataset.toStdString());
    const std::set<QString> own = {"dataset", "seed", "data-seed", "standardize", "json", "threads"};
    const std::set<QString> figure = {"figure", "size", "dpi", "theme", "animation", "fps", "frame-step",
                                      "figure-series", "series-iterations"};
    for (const auto& [name, value] : o.options) {
        if (own.count(name) || (command.figures && figure.count(name))) continue;
        const auto alias = command.aliases.find(name);
        const std::string key = (alias != command.aliases.end() ? alias->second : name).toStdString();
        if (s.model.spec(key)) {
            s.model.setFromString(key, value.toStdString());
        } else if (name.startsWith("data-") && s.generator.spec(key.substr(5))) {
            s.generator.setFromString(key.substr(5), value.toStdString());
        } else if (s.generator.spec(key)) {
            s.generator.setFromString(key, value.toStdString());
        } else if (figure.count(name)) {
            throw UsageError("--" + key + ": figures are not available for " + command.label + " yet");
        } else {
            std::string known;
            for (const auto& spec : s.model.specs()) known += " --" + spec.name;
            for (const auto& [from, to] : command.aliases) known += " --" + from.toStdString();
            throw UsageError("unknown option --" + key + " for " + command.label + " (known:" + known +
                             ", --dataset --seed --standardize --json" +
                             (command.figures ? " --figure --size --dpi --theme --animation --fps --frame-step" : "") + " --threads)");
        }
    }
    s.seed = static_cast<uint64_t>(parseInt(o, "seed", 0, 0, 2'000'000'000));
    s.dataSeed = static_cast<uint64_t>(parseInt(o, "data-seed", static_cast<int>(s.seed), 0, 2'000'000'000));
    s.standardize = o.has("standardize") && o.value("standardize") != "false";
    s.json = o.value("json");
    s.figure = o.value("figure");
    if (o.has("size")) s.size = parseSize(o.value("size"));
    s.dpi = parseInt(o, "dpi", 144, 36, 1200);
    const QString theme = o.value("theme", QStringLiteral("light"));
    if (theme != "light" && theme != "dark")
        throw UsageError("--theme: '" + theme.toStdString() + "' must be light or dark");
    s.darkTheme = theme == "dark";
    s.animation = o.value("animation");
    s.fps = parseInt(o, "fps", 10, 1, 50);
    s.frameStep = static_cast<int>(parseInt(o, "frame-step", 1, 1, 1'000'000));
    if (!s.animation.isEmpty()) {
        checkWritable(s.animation);
        if (QFileInfo(s.animation).suffix().toLower() != "gif")
            throw UsageError("--animation: '" + s.animation.toStdString() + "' must end in .gif");
    }
    s.series = o.value("figure-series");
    if (!s.series.isEmpty()) {
        checkWritable(s.series);
        const QString suffix = QFileInfo(s.series).suffix().toLower();
        if (suffix != "png" && suffix != "svg" && suffix != "pdf")
            throw UsageError("--figure-series: '" + s.series.toStdString() + "' must end in .png, .svg or .pdf");
        try {
            s.seriesIterations = parseIterationList(o.value("series-iterations", QStringLiteral("0, 1, 2, 5, last")));
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--series-iterations: ") + e.what());
        }
    } else if (o.has("series-iterations")) {
        throw UsageError("--series-iterations needs --figure-series FILE");
    }
    s.threads = parseInt(o, "threads", 0, 0, 1024);
    if (!s.json.isEmpty()) checkWritable(s.json);
    if (!s.figure.isEmpty()) {
        checkWritable(s.figure);
        const QString suffix = QFileInfo(s.figure).suffix().toLower();
        if (suffix != "png" && suffix != "svg" && suffix != "pdf")
            throw UsageError("--figure: '" + s.figure.toStdString() + "' must end in .png, .svg or .pdf");
    }
    return s;
}

std::shared_ptr<core::Dataset> loadRunData(const RunSetup& s) {
    auto data = std::make_shared<core::Dataset>(core::loadDataset(s.dataset.toStdString(), s.generator, s.dataSeed));
    if (s.standardize) core::standardize(*data);
    return data;
}

QJsonObject datasetJson(const RunSetup& s, const core::Dataset& data) {
    QJsonObject ds;
    ds["name"] = QString::fromStdString(data.name);
    ds["n"] = data.n();
    ds["d"] = data.d();
    ds["standardized"] = s.standardize;
    if (!s.generator.specs().empty()) {
        ds["generator_params"] = paramsToJson(s.generator);
        ds["data_seed"] = static_cast<qint64>(s.dataSeed);
    }
    return ds;
}

bool equalAspect(const RunSetup& s) {
    const auto* info = core::findDataset(s.dataset.toStdString());
    return s.standardize || (info && info->generator);
}

void writeFigure(const ui::Scene& scene, const RunSetup& s) {
    ui::ExportOptions options;
    options.sizePx = s.size;
    options.dpi = static_cast<int>(s.dpi);
    // Export to a temporary name first: a failed export leaves no partial figure.
    const QString tmp = s.figure + ".part." + QFileInfo(s.figure).suffix();
    try {
        ui::exportScene(ui::themed(scene, s.darkTheme ? ui::FigureTheme::Dark : ui::FigureTheme::Light), tmp, options);
    } catch (const std::exception& e) {
        QFile::remove(tmp);
        throw UsageError(e.what());
    }
    QFile::remove(s.figure);
    if (!QFile::rename(tmp, s.figure)) {
        QFile::remove(tmp);
        throw UsageError("cannot write " + s.figure.toStdString());
    }
}

void writeAnimation(const std::vector<ui::Scene>& frames, const RunSetup& s) {
    if (frames.empty()) return;
    ui::ExportOptions options;
    options.sizePx = s.size;
    options.dpi = static_cast<int>(s.dpi);
    options.visibleData = frames.back().dataBounds.adjusted(-0.04 * frames.back().dataBounds.width(),
                                                            -0.04 * frames.back().dataBounds.height(),
                                                            0.04 * frames.back().dataBounds.width(),
                                                            0.04 * frames.back().dataBounds.height());
    const QString tmp = s.animation + ".part.gif";
    try {
        ui::GifWriter gif(tmp, s.size, s.fps);
        for (const ui::Scene& frame : frames)
            gif.addFrame(ui::renderSceneImage(ui::themed(frame, s.darkTheme ? ui::FigureTheme::Dark : ui::FigureTheme::Light), options));
        gif.close();
    } catch (const std::exception& e) {
        QFile::remove(tmp);
        throw UsageError(e.what());
    }
    QFile::remove(s.animation);
    if (!QFile::rename(tmp, s.animation)) {
        QFile::remove(tmp);
        throw UsageError("cannot write " + s.animation.toStdString());
    }
}

void writeSeries(const std::vector<core::SnapshotPtr>& history, const RunSetup& s,
                 const std::function<ui::Scene(const core::Snapshot&)>& scene) {
    if (s.series.isEmpty() || history.empty()) return;
    const std::vector<int> entries = historyEntriesFor(s.seriesIterations, static_cast<int>(history.size()),
                                                       [&](int i) { return history[static_cast<size_t>(i)]; });
    std::vector<ui::Scene> panels;
    for (const int i : entries) {
        const core::Snapshot& snap = *history[static_cast<size_t>(i)];
        panels.push_back(seriesPanelScene(ui::themed(scene(snap), s.darkTheme ? ui::FigureTheme::Dark : ui::FigureTheme::Light), snap));
    }
    ui::ExportOptions options;
    options.sizePx = s.size;
    options.dpi = static_cast<int>(s.dpi);
    const QRectF b = panels.back().dataBounds;
    options.visibleData = b.adjusted(-0.04 * b.width(), -0.04 * b.height(), 0.04 * b.width(), 0.04 * b.height());
    const QString tmp = s.series + ".part." + QFileInfo(s.series).suffix();
    try {
        ui::exportSceneGrid(panels, tmp, options);
    } catch (const std::exception& e) {
        QFile::remove(tmp);
        throw UsageError(e.what());
    }
    QFile::remove(s.series);
    if (!QFile::rename(tmp, s.series)) {
        QFile::remove(tmp);
        throw UsageError("cannot write " + s.series.toStdString());
    }
}

void runToEnd(core::Model& model, const char* label, int64_t maxIter,
              const std::function<std::string(const core::Snapshot&)>& status, const std::function<void()>& afterStep) {
    watchInterrupt();
    const auto start = Clock::now();
    auto lastReport = start;
    bool reported = false;
    while (!model.finished()) {
        if (g_cancel) {
            if (reported) std::fputs("\n", stderr);
            throw Cancelled();
        }
        model.step();
        if (afterStep) afterStep();
        const auto now = Clock::now();
        if (seconds(now - start) > 1.0 && seconds(now - lastReport) > 0.5) {
            const auto snap = model.snapshot();
            const int64_t done = snap->iteration;
            const double perIter = seconds(now - start) / static_cast<double>(std::max<int64_t>(1, done));
            std::fprintf(stderr, "\r%s: iteration %lld of at most %lld, %s, %.1f s, at most %.0f s left   ", label,
                         static_cast<long long>(done), static_cast<long long>(maxIter), status(*snap).c_str(),
                         seconds(now - start), perIter * static_cast<double>(maxIter - done));
            lastReport = now;
            reported = true;
        }
    }
    if (reported) std::fputs("\n", stderr);
}

std::shared_ptr<core::Dataset> uniformData(int n, int d) {
    auto data = std::make_shared<core::Dataset>();
    data->name = "uniform";
    data->X.resize(n, d);
    core::Rng rng(1);
    for (int j = 0; j < d; ++j)
        for (int i = 0; i < n; ++i) data->X(i, j) = static_cast<float>(rng.uniform());
    return data;
}

Timing summarise(std::vector<double> ms, const std::string& command) {
    if (ms.empty()) throw UsageError(command + ": converged before a timed iteration; use more points");
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back(), static_cast<int>(ms.size())};
}

int usedThreads(int threads) { return threads > 0 ? threads : omp_get_max_threads(); }

QJsonObject benchJson(const char* benchmark, int n, int d, int k, int threads, const Timing& t) {
    QJsonObject out;
    out["benchmark"] = benchmark;
    out["n"] = n;
    out["d"] = d;
    out["k"] = k;
    out["iterations"] = t.count;
    out["threads"] = usedThreads(threads);
    out["dtype"] = "float32";
    out["ms_per_iteration"] = t.median;
    out["ms_min"] = t.min;
    out["ms_max"] = t.max;
    return out;
}

} // namespace cli

namespace {

using namespace cli;

const RunCommand& kmeansCommand() {
    static const RunCommand c{"k-means", core::KMeans::specs(), {}, true};
    return c;
}

ui::Scene figureScene(const RunSetup& s, const core::Dataset& data, const core::KMeansSnapshot& snap) {
    ui::KMeansSceneBuilder builder;
    ui::KMeansViewOptions view;
    view.equalAspect = equalAspect(s);
    ui::Scene scene = builder.build(snap, view);
    const std::string distance = s.model.getChoice("distance");
    const QString method = s.model.getBool("soft") ? QStringLiteral("soft k-means (β = %1)").arg(s.model.getReal("beta"))
                           : distance == "l1"      ? QStringLiteral("k-medians (L1)")
                           : distance == "cosine"  ? QStringLiteral("spherical k-means (cosine)")
                                                   : QStringLiteral("k-means");
    scene.title = QString("%1, K = %2, on %3 (seed %4)")
                      .arg(method)
                      .arg(s.model.getInt("k"))
                      .arg(QString::fromStdString(data.name))
                      .arg(s.seed);
    return scene;
}

int runKMeans(const ParsedOptions& o) {
    const RunSetup s = parseRun(o, kmeansCommand());
    const auto data = loadRunData(s);
    core::KMeans km;
    km.setThreads(s.threads);
    km.reset(data, s.model, s.seed);

    const auto start = Clock::now();
    std::vector<core::SnapshotPtr> frames; // --animation: every frame-step-th state
    if (!s.animation.isEmpty()) frames.push_back(km.snapshot());
    std::vector<core::SnapshotPtr> history; // --figure-series: every state
    if (!s.series.isEmpty()) history.push_back(km.snapshot());
    runToEnd(
        km, "k-means", s.model.getInt("max-iter"),
        [](const core::Snapshot& snap) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "J = %.6g", snap.objective);
            return std::string(buf);
        },
        [&] {
            if (!s.series.isEmpty()) history.push_back(km.snapshot());
            if (s.animation.isEmpty()) return;
            auto state = km.snapshot();
            if (state->stepCount % s.frameStep == 0 || km.finished()) frames.push_back(std::move(state));
        });
    const auto snap = std::dynamic_pointer_cast<const core::KMeansSnapshot>(km.snapshot());

    if (!s.figure.isEmpty()) writeFigure(figureScene(s, *data, *snap), s);
    writeSeries(history, s, [&](const core::Snapshot& state) {
        return figureScene(s, *data, static_cast<const core::KMeansSnapshot&>(state));
    });
    if (!s.animation.isEmpty()) {
        std::vector<ui::Scene> scenes;
        for (const auto& f : frames) scenes.push_back(figureScene(s, *data, static_cast<const core::KMeansSnapshot&>(*f)));
        writeAnimation(scenes, s);
    }
    if (!s.json.isEmpty()) {
        QJsonObject o;
        o["algorithm"] = "kmeans";
        o["seed"] = static_cast<qint64>(s.seed);
        o["params"] = paramsToJson(s.model);
        o["dataset"] = datasetJson(s, *data);
        o["initial_centroids"] = matrixToJson(snap->initialCentroids);
        o["centroids"] = matrixToJson(snap->centroids);
        QJsonArray labels;
        if (snap->labels)
            for (uint8_t l : *snap->labels) labels.append(static_cast<int>(l));
        o["labels"] = labels;
        o["objective"] = vectorToJson(snap->objectivePerIteration);
        o["iterations"] = static_cast<qint64>(snap->iteration);
        o["converged"] = snap->converged;
        QJsonArray sizes;
        for (int64_t c : snap->clusterSizes) sizes.append(static_cast<qint64>(c));
        o["cluster_sizes"] = sizes;
        o["seconds"] = seconds(Clock::now() - start);
        writeJson(s.json, o);
    }
    std::printf("k-means on %s (n = %d, d = %d), K = %lld: %s after %lld iterations, J = %.10g\n",
                data->name.c_str(), data->n(), data->d(), static_cast<long long>(s.model.getInt("k")),
                snap->converged ? "converged" : "stopped", static_cast<long long>(snap->iteration),
                snap->objective);
    return 0;
}

int benchKMeans(const ParsedOptions& o) {
    const int n = parseInt(o, "n", 1'000'000, 1, 50'000'000);
    const int d = parseInt(o, "d", 2, 1, 4096);
    const int k = parseInt(o, "k", 10, 1, 64);
    const int iterations = parseInt(o, "iterations", 20, 1, 100000);
    const int threads = parseInt(o, "threads", 0, 0, 1024);
    const QString json = o.value("json");
    for (const auto& [name, value] : o.options)
        if (!QStringList{"n", "d", "k", "iterations", "threads", "json"}.contains(name))
            throw UsageError("unknown option --" + name.toStdString() +
                             " for bench kmeans (known: --n --d --k --iterations --threads --json)");
    if (!json.isEmpty()) checkWritable(json);
    if (k > n) throw UsageError("bench kmeans: --k must not exceed --n");
    // The same problem as scripts/bench/sklearn_kmeans.py: uniform points in the unit cube,
    // the first K points as initial centroids, plain Lloyd iterations.
    const auto data = uniformData(n, d);
    core::Params p(core::KMeans::specs());
    p.set("k", int64_t{k});
    p.set("init", std::string("random"));
    p.set("max-iter", int64_t{iterations + 1});
    core::KMeans km;
    km.setThreads(threads);
    km.reset(data, p, 1);
    km.setInitialCentroids(data->X.topRows(k));
    watchInterrupt();
    std::vector<double> ms;
    for (int it = 0; it <= iterations && !km.finished(); ++it) {
        checkCancelled();
        const auto t0 = Clock::now();
        km.step(); // assign
        if (!km.finished()) km.step(); // update
        const double t = seconds(Clock::now() - t0) * 1e3;
        if (it > 0) ms.push_back(t); // the first iteration warms caches and page tables
    }
    const Timing t = summarise(ms, "bench kmeans");
    std::printf("k-means Lloyd iteration (assign + update), %d x %d float32, K = %d, %d threads: "
                "median %.3f ms, min %.3f ms over %d iterations\n",
                n, d, k, usedThreads(threads), t.median, t.min, t.count);
    if (!json.isEmpty()) writeJson(json, benchJson("kmeans", n, d, k, threads, t));
    return 0;
}

int listDatasets() {
    QTextStream out(stdout);
    out << "Built-in data sets and generators (use with --dataset NAME; or give a CSV path):\n\n";
    for (const auto& info : core::listDatasets()) {
        out << "  " << QString::fromStdString(info.name).leftJustified(16) << ' '
            << QString::fromStdString(info.description) << '\n';
        for (const auto& p : info.params)
            out << "      --" << QString::fromStdString(p.name).leftJustified(10) << ' '
                << QString::fromStdString(p.doc) << " (default " << p.defaultValue << ")\n";
    }
    return 0;
}

void printParams(const char* title, const std::vector<core::ParamSpec>& specs) {
    std::printf("\n%s\n", title);
    for (const auto& s : specs)
        std::printf("  --%-16s %s\n", s.name.c_str(), s.doc.c_str());
}

void printHelp() {
    std::fputs(
        "LatentLab: unsupervised and generative learning, step by step.\n\n"
        "  latentlab [--algorithm kmeans|gmm|pca|rbm|gan|ddpm] [--dataset NAME|FILE.csv] [--k K]\n"
        "            [--seed N] [--paused] [--speed STEPS_PER_S] [--gl|--no-gl] [--<parameter> VALUE]\n"
        "                                                open the window (plays at once)\n"
        "            [--present] [--high-contrast]       projector mode, high-contrast colours\n"
        "            [--tab TITLE] [--pretrained]        open a view; start from the shipped model (rbm, ddpm)\n"
        "  latentlab --screenshot shot.png --steps 5     run 5 steps, save the window, quit\n"
        "  latentlab --language zh_CN|en|system          the window's language (default: View > Language)\n"
        "  latentlab datasets                            list data sets and generators\n"
        "  latentlab run kmeans [--dataset NAME] [--standardize] [--seed N] [--json FILE]\n"
        "            [--figure FILE.svg|pdf|png] [--size WxH] [--threads N] [--<parameter> VALUE]\n"
        "            [--figure-series FILE.svg|pdf|png --series-iterations 0,1,2,5,last]\n"
        "  latentlab run gmm [--dataset NAME] [--standardize] [--seed N] [--json FILE]\n"
        "            [--figure FILE.svg|pdf|png] [--size WxH] [--dpi N] [--theme light|dark] [--threads N] [--<parameter> VALUE]\n"
        "  latentlab run pca [--dataset NAME (default iris)] [--standardize] [--components M]\n"
        "            [--method power-iteration|oja] [--seed N] [--json FILE] [--<parameter> VALUE]\n"
        "  latentlab bench kmeans [--n N] [--d D] [--k K] [--iterations I] [--threads N] [--json FILE]\n"
        "  latentlab bench gmm [--n N] [--d D] [--k K] [--iterations I] [--covariance TYPE]\n"
        "            [--threads N] [--json FILE]\n"
        "  latentlab bench pca [--dataset NAME (default digits) | --n N --d D] [--iterations I]\n"
        "            [--json FILE]                        times the exact PCA (fitPca)\n"
        "  latentlab run rbm [--dataset NAME (default fashion-mnist)] [--rescale] [--seed N] [--json FILE]\n"
        "            [--save-model FILE] [--load-model FILE] [--threads N] [--<parameter> VALUE]\n"
        "  latentlab bench rbm [--dataset NAME] [--hidden H] [--batch B] [--epochs E] [--cd-k K]\n"
        "            [--threads N] [--json FILE]                times the training epochs\n"
        "  latentlab run gan [--dataset NAME (default ring8)] [--steps N] [--samples N] [--seed N]\n"
        "            [--json FILE] [--save-model FILE] [--load-model FILE] [--<parameter> VALUE]\n"
        "  latentlab bench gan [--dataset NAME] [--iterations I] [--batch B] [--json FILE]\n"
        "  latentlab run ddpm [--dataset NAME (default two-moons)] [--schedule S] [--T T] [--train-steps N]\n"
        "            [--samples N] [--seed N] [--json FILE] [--save-model FILE] [--load-model FILE]\n"
        "            [--<parameter> VALUE]        --load-model: no training, samples from the file's model\n"
        "  latentlab bench ddpm [--dataset NAME] [--T T] [--train-steps N] [--sample-points N] [--json FILE]\n",
        stdout);
    printParams("k-means parameters (run kmeans):", core::KMeans::specs());
    printParams("Gaussian mixture parameters (run gmm; --covariance is short for --covariance-type):",
                core::GaussianMixture::specs());
    printParams("PCA parameters (run pca; --standardize z-scores the data set, --unit-variance "
                "scales inside PCA: the same PCA):",
                core::Pca::specs());
    printParams("RBM parameters (run rbm; data in [0, 1], --rescale maps [min, max] to it):", core::Rbm::specs());
    printParams("GAN parameters (run gan; --steps is short for --iterations):", core::Gan::specs());
    printParams("DDPM parameters (run ddpm):", core::Ddpm::specs());
}

struct Algorithm {
    const char* name;
    int (*run)(const ParsedOptions&);
    int (*bench)(const ParsedOptions&);
};
constexpr Algorithm kAlgorithms[] = {
    {"kmeans", runKMeans, benchKMeans}, {"gmm", runGmm, benchGmm}, {"pca", runPca, benchPca},
    {"rbm", runRbm, benchRbm}, {"gan", runGan, benchGan},
    {"ddpm", runDdpm, benchDdpm}};

} // namespace

QString ParsedOptions::value(const QString& name, const QString& fallback) const {
    for (auto it = options.rbegin(); it != options.rend(); ++it)
        if (it->first == name) return it->second;
    return fallback;
}

bool ParsedOptions::has(const QString& name) const {
    return std::any_of(options.begin(), options.end(), [&](const auto& p) { return p.first == name; });
}

ParsedOptions parseOptions(const QStringList& args) {
    ParsedOptions out;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (!a.startsWith("--") || a.size() == 2) {
            out.positional << a;
            continue;
        }
        const QString body = a.mid(2);
        const int eq = body.indexOf('=');
        if (eq >= 0) {
            out.options.emplace_back(body.left(eq), body.mid(eq + 1));
        } else if (i + 1 < args.size() && !args[i + 1].startsWith("--")) {
            out.options.emplace_back(body, args[++i]);
        } else {
            out.options.emplace_back(body, QStringLiteral("true"));
        }
    }
    return out;
}

bool isCliCommand(const QString& command) {
    return QStringList{"datasets", "run", "bench", "help", "--help", "-h", "--version"}.contains(command);
}

int runCli(const QStringList& args) {
    try {
        const QString command = args.value(0);
        if (command == "--version") {
            std::puts("latentlab " LATENTLAB_VERSION);
            return 0;
        }
        if (command == "help" || command == "--help" || command == "-h") {
            printHelp();
            return 0;
        }
        const ParsedOptions o = parseOptions(args.mid(1));
        if (command == "datasets") return listDatasets();
        const QString name = o.positional.value(0);
        const auto* algorithm = std::find_if(std::begin(kAlgorithms), std::end(kAlgorithms),
                                             [&](const Algorithm& a) { return name == a.name; });
        if (algorithm == std::end(kAlgorithms))
            throw UsageError(name.isEmpty() ? "'" + command.toStdString() + "' needs an algorithm: kmeans, gmm, pca, rbm, gan or ddpm"
                                            : "unknown algorithm '" + name.toStdString() + "' (available: kmeans, gmm, pca, rbm, gan, ddpm)");
        if (o.positional.size() > 1)
            throw UsageError("unexpected argument '" + o.positional[1].toStdString() + "'");
        return command == "run" ? algorithm->run(o) : algorithm->bench(o);
    } catch (const Cancelled& e) {
        std::fprintf(stderr, "latentlab: %s\n", e.what());
        return 130;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "latentlab: %s\n", e.what());
        return 2;
    }
}

} // namespace latentlab::app
