#include "app/cli.h"

#include "core/datasets.h"
#include "core/kmeans.h"
#include "widgets/exporter.h"
#include "widgets/kmeans_scene.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <set>
#include <stdexcept>

namespace latentlab::app {

namespace {

using Clock = std::chrono::steady_clock;

/// A user error: one line on stderr, exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::atomic<bool> g_cancel{false};
extern "C" void onInterrupt(int) { g_cancel = true; }

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

QJsonArray matrixToJson(const core::Matrix& m) {
    QJsonArray rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        QJsonArray row;
        for (Eigen::Index j = 0; j < m.cols(); ++j) row.append(static_cast<double>(m(i, j)));
        rows.append(row);
    }
    return rows;
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

/// Writes all or nothing (QSaveFile commits by rename).
void writeJson(const QString& path, const QJsonObject& o) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        throw UsageError(QString("cannot write %1: %2").arg(path, f.errorString()).toStdString());
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit())
        throw UsageError(QString("cannot write %1: %2").arg(path, f.errorString()).toStdString());
}

/// Checks up front that an output file can be created, so that a run fails before its work.
void checkWritable(const QString& path) {
    const QFileInfo info(path);
    const QFileInfo dir(info.absolutePath());
    if (!dir.exists() || !dir.isDir() || !dir.isWritable())
        throw UsageError(QString("cannot write %1: the folder %2 does not exist or is not writable")
                             .arg(path, info.absolutePath())
                             .toStdString());
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

/// Splits the options of `run` into the command's own, the model's and the generator's.
struct RunSetup {
    QString dataset = "old-faithful";
    uint64_t seed = 0;
    uint64_t dataSeed = 0;
    bool standardize = false;
    QString json, figure;
    QSize size{1600, 1000};
    double dpi = 144;
    int threads = 0;
    core::Params model{core::KMeans::specs()};
    core::Params generator;
};

RunSetup parseRun(const ParsedOptions& o) {
    RunSetup s;
    s.dataset = o.value("dataset", s.dataset);
    s.generator = core::datasetParams(s.dataset.toStdString());
    const std::set<QString> own = {"dataset", "seed", "data-seed", "standardize", "json",
                                   "figure", "size", "dpi", "threads"};
    for (const auto& [name, value] : o.options) {
        if (own.count(name)) continue;
        const std::string key = name.toStdString();
        if (s.model.spec(key)) {
            s.model.setFromString(key, value.toStdString());
        } else if (name.startsWith("data-") && s.generator.spec(key.substr(5))) {
            s.generator.setFromString(key.substr(5), value.toStdString());
        } else if (s.generator.spec(key)) {
            s.generator.setFromString(key, value.toStdString());
        } else {
            std::string known;
            for (const auto& spec : s.model.specs()) known += " --" + spec.name;
            throw UsageError("unknown option --" + key + " for k-means (known:" + known +
                             ", --dataset --seed --standardize --json --figure --size --dpi --threads)");
        }
    }
    s.seed = static_cast<uint64_t>(parseInt(o, "seed", 0, 0, 2'000'000'000));
    s.dataSeed = static_cast<uint64_t>(parseInt(o, "data-seed", static_cast<int>(s.seed), 0, 2'000'000'000));
    s.standardize = o.has("standardize") && o.value("standardize") != "false";
    s.json = o.value("json");
    s.figure = o.value("figure");
    if (o.has("size")) s.size = parseSize(o.value("size"));
    s.dpi = parseInt(o, "dpi", 144, 36, 1200);
    s.threads = parseInt(o, "threads", 0, 0, 1024);
    return s;
}

int runKMeans(const ParsedOptions& o) {
    RunSetup s = parseRun(o);
    if (!s.json.isEmpty()) checkWritable(s.json);
    if (!s.figure.isEmpty()) {
        checkWritable(s.figure);
        const QString suffix = QFileInfo(s.figure).suffix().toLower();
        if (suffix != "png" && suffix != "svg" && suffix != "pdf")
            throw UsageError("--figure: '" + s.figure.toStdString() + "' must end in .png, .svg or .pdf");
    }
    auto data = std::make_shared<core::Dataset>(
        core::loadDataset(s.dataset.toStdString(), s.generator, s.dataSeed));
    if (s.standardize) core::standardize(*data);
    core::KMeans km;
    km.setThreads(s.threads);
    km.reset(data, s.model, s.seed);

    std::signal(SIGINT, onInterrupt);
    const auto start = Clock::now();
    auto lastReport = start;
    bool reported = false;
    const int64_t maxIter = s.model.getInt("max-iter");
    while (!km.finished()) {
        if (g_cancel) {
            std::fputs("\nlatentlab: cancelled; no output written\n", stderr);
            return 130;
        }
        km.step();
        const auto now = Clock::now();
        if (seconds(now - start) > 1.0 && seconds(now - lastReport) > 0.5) {
            const double perIter = seconds(now - start) / std::max<int64_t>(1, km.iteration());
            std::fprintf(stderr, "\rk-means: iteration %lld of at most %lld, J = %.6g, %.1f s, at most %.0f s left   ",
                         static_cast<long long>(km.iteration()), static_cast<long long>(maxIter),
                         km.snapshot()->objective, seconds(now - start),
                         perIter * static_cast<double>(maxIter - km.iteration()));
            lastReport = now;
            reported = true;
        }
    }
    if (reported) std::fputs("\n", stderr);
    const auto snap = std::dynamic_pointer_cast<const core::KMeansSnapshot>(km.snapshot());

    if (!s.figure.isEmpty()) {
        ui::KMeansSceneBuilder builder;
        ui::KMeansViewOptions view;
        const auto* info = core::findDataset(s.dataset.toStdString());
        view.equalAspect = s.standardize || (info && info->generator);
        ui::Scene scene = builder.build(*snap, view);
        const std::string distance = s.model.getChoice("distance");
        const QString method = s.model.getBool("soft") ? QStringLiteral("soft k-means (β = %1)").arg(s.model.getReal("beta"))
                               : distance == "l1"      ? QStringLiteral("k-medians (L1)")
                               : distance == "cosine"  ? QStringLiteral("spherical k-means (cosine)")
                                                       : QStringLiteral("k-means");
        scene.title = QString("%1, K = %2, on %3 (seed %4)")
                          .arg(method)
                          .arg(s.model.getInt("k"))
                          .arg(QString::fromStdString(data->name))
                          .arg(s.seed);
        ui::ExportOptions options;
        options.sizePx = s.size;
        options.dpi = s.dpi;
        // Export to a temporary name first: a failed export leaves no partial figure.
        const QString tmp = s.figure + ".part." + QFileInfo(s.figure).suffix();
        try {
            ui::exportScene(scene, tmp, options);
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
    if (!s.json.isEmpty()) {
        QJsonObject o;
        o["algorithm"] = "kmeans";
        o["seed"] = static_cast<qint64>(s.seed);
        o["params"] = paramsToJson(s.model);
        QJsonObject ds;
        ds["name"] = QString::fromStdString(data->name);
        ds["n"] = data->n();
        ds["d"] = data->d();
        ds["standardized"] = s.standardize;
        if (!s.generator.specs().empty()) {
            ds["generator_params"] = paramsToJson(s.generator);
            ds["data_seed"] = static_cast<qint64>(s.dataSeed);
        }
        o["dataset"] = ds;
        o["initial_centroids"] = matrixToJson(snap->initialCentroids);
        o["centroids"] = matrixToJson(snap->centroids);
        QJsonArray labels;
        if (snap->labels)
            for (uint8_t l : *snap->labels) labels.append(static_cast<int>(l));
        o["labels"] = labels;
        QJsonArray objective;
        for (double j : snap->objectivePerIteration) objective.append(j);
        o["objective"] = objective;
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
    auto data = std::make_shared<core::Dataset>();
    data->name = "uniform";
    data->X.resize(n, d);
    core::Rng rng(1);
    for (int j = 0; j < d; ++j)
        for (int i = 0; i < n; ++i) data->X(i, j) = static_cast<float>(rng.uniform());
    core::Params p(core::KMeans::specs());
    p.set("k", int64_t{k});
    p.set("init", std::string("random"));
    p.set("max-iter", int64_t{iterations + 1});
    core::KMeans km;
    km.setThreads(threads);
    km.reset(data, p, 1);
    km.setInitialCentroids(data->X.topRows(k));
    std::signal(SIGINT, onInterrupt);
    std::vector<double> ms;
    for (int it = 0; it <= iterations && !km.finished(); ++it) {
        if (g_cancel) {
            std::fputs("latentlab: cancelled\n", stderr);
            return 130;
        }
        const auto t0 = Clock::now();
        km.step(); // assign
        if (!km.finished()) km.step(); // update
        const double t = seconds(Clock::now() - t0) * 1e3;
        if (it > 0) ms.push_back(t); // the first iteration warms caches and page tables
    }
    if (ms.empty()) throw UsageError("bench kmeans: converged before a timed iteration; use more points");
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const int usedThreads = threads > 0 ? threads : omp_get_max_threads();
    std::printf("k-means Lloyd iteration (assign + update), %d x %d float32, K = %d, %d threads: "
                "median %.3f ms, min %.3f ms over %zu iterations\n",
                n, d, k, usedThreads, median, sorted.front(), ms.size());
    if (!json.isEmpty()) {
        QJsonObject out;
        out["benchmark"] = "kmeans";
        out["n"] = n;
        out["d"] = d;
        out["k"] = k;
        out["iterations"] = static_cast<int>(ms.size());
        out["threads"] = usedThreads;
        out["dtype"] = "float32";
        out["ms_per_iteration"] = median;
        out["ms_min"] = sorted.front();
        out["ms_max"] = sorted.back();
        writeJson(json, out);
    }
    return 0;
}

void printHelp() {
    std::puts(
        "LatentLab: unsupervised and generative learning, step by step.\n\n"
        "  latentlab [--dataset NAME|FILE.csv] [--k K] [--seed N] [--paused] [--gl|--no-gl]\n"
        "                                                open the window (plays at once)\n"
        "  latentlab --screenshot shot.png --steps 5     run 5 steps, save the window, quit\n"
        "  latentlab datasets                            list data sets and generators\n"
        "  latentlab run kmeans [--dataset NAME] [--standardize] [--seed N] [--json FILE]\n"
        "            [--figure FILE.svg|pdf|png] [--size WxH] [--threads N] [--<parameter> VALUE]\n"
        "  latentlab bench kmeans [--n N] [--d D] [--k K] [--iterations I] [--threads N] [--json FILE]\n\n"
        "k-means parameters:");
    for (const auto& s : core::KMeans::specs())
        std::printf("  --%-14s %s\n", s.name.c_str(), s.doc.c_str());
}

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
        const QString algorithm = o.positional.value(0);
        if (algorithm != "kmeans")
            throw UsageError(algorithm.isEmpty()
                                 ? "'" + command.toStdString() + "' needs an algorithm: kmeans"
                                 : "unknown algorithm '" + algorithm.toStdString() + "' (available: kmeans)");
        if (o.positional.size() > 1)
            throw UsageError("unexpected argument '" + o.positional[1].toStdString() + "'");
        return command == "run" ? runKMeans(o) : benchKMeans(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "latentlab: %s\n", e.what());
        return 2;
    }
}

} // namespace latentlab::app
