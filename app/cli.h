#pragma once
// The command line: the same core as the GUI, no window.
//
//   latentlab datasets
//   latentlab run kmeans --dataset old-faithful --k 2 --init kmeans++ --seed 7 --max-iter 100
//             --json out.json --figure out.svg --size 1600x1000
//   latentlab run gmm --dataset old-faithful --k 2 --covariance full --init kmeans --seed 3
//             --json out.json --figure out.svg                 (app/cli_gmm.h)
//   latentlab run pca --dataset iris --standardize --components 2 --json out.json (app/cli_pca.h)
//   latentlab bench kmeans --n 1000000 --d 2 --k 10 --iterations 20 [--threads N] [--json FILE]
//   latentlab bench gmm --n 100000 --d 2 --k 10 --iterations 20 [--threads N] [--json FILE]
//   latentlab bench pca [--dataset digits | --n N --d D] [--iterations I] [--json FILE]
//
// Bad input (unknown data set, malformed CSV, bad parameter, unwritable output) prints one line
// on stderr and exits with code 2, writing no output file. Ctrl-C cancels with code 130.
#include "core/dataset.h"
#include "core/model.h"
#include "core/params.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::ui {
struct Scene;
}

namespace latentlab::app {

/// True if `command` (argv[1]) is a command-line verb rather than a GUI option.
bool isCliCommand(const QString& command);

/// Runs a command; `args` excludes the program name. Returns the process exit code.
int runCli(const QStringList& args);

/// Parsed `--name value` pairs (a flag without a value gets "true").
struct ParsedOptions {
    QStringList positional;
    std::vector<std::pair<QString, QString>> options;
    QString value(const QString& name, const QString& fallback = {}) const;
    bool has(const QString& name) const;
};
ParsedOptions parseOptions(const QStringList& args);

/// Helpers shared by the command implementations (app/cli.cpp, app/cli_gmm.cpp).
namespace cli {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d);

/// A user error: one line on stderr, exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Ctrl-C: installs the SIGINT handler; checkCancelled() then throws Cancelled (exit code 130,
/// no output written) once the user pressed Ctrl-C.
void watchInterrupt();
void checkCancelled();
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled; no output written") {}
};

QJsonArray matrixToJson(const core::Matrix& m);
QJsonArray matrixToJson(const Eigen::MatrixXd& m);
QJsonArray vectorToJson(const Eigen::VectorXd& v);
QJsonArray vectorToJson(const std::vector<double>& v);
/// Non-finite values (a diverged loss) become null.
QJsonArray vectorToJson(const std::vector<float>& v);
QJsonObject paramsToJson(const core::Params& p);
/// Writes all or nothing (QSaveFile commits by rename).
void writeJson(const QString& path, const QJsonObject& o);
/// Checks up front that an output file can be created, so that a run fails before its work.
void checkWritable(const QString& path);
/// --name as a whole number in [lo, hi], `fallback` when absent; UsageError otherwise.
int parseInt(const ParsedOptions& o, const QString& name, int fallback, int lo, int hi);

/// What `run ALGORITHM` accepts besides the shared options.
struct RunCommand {
    std::string label;                  ///< for messages, e.g. "k-means"
    std::vector<core::ParamSpec> specs; ///< the model's parameters, each accepted as --name value
    std::map<QString, QString> aliases; ///< extra option → parameter name, e.g. covariance
    bool figures = false;               ///< --figure, --size, --dpi are accepted
};

/// The options of `run`, split into the command's own, the model's and the generator's.
struct RunSetup {
    QString dataset = "old-faithful";
    uint64_t seed = 0;
    uint64_t dataSeed = 0;
    bool standardize = false;
    QString json, figure;
    QSize size{1600, 1000};
    double dpi = 144;
    bool darkTheme = false; ///< --theme dark
    QString animation;      ///< --animation FILE.gif: every frameStep-th step as an animated GIF
    double fps = 10;        ///< --fps, 1..50
    int frameStep = 1;      ///< --frame-step, ≥ 1
    QString series;         ///< --figure-series FILE: chosen iterations as one multi-panel figure
    std::vector<int> seriesIterations; ///< --series-iterations 0,1,2,5 (-1: last); app/batch_export.h
    int threads = 0;
    core::Params model;
    core::Params generator;
};
/// Parses and validates the options, checks that the output files can be written.
RunSetup parseRun(const ParsedOptions& o, const RunCommand& command);
/// The data set of a run (generated or loaded, standardised if asked).
std::shared_ptr<core::Dataset> loadRunData(const RunSetup& s);
/// {name, n, d, standardized[, generator_params, data_seed]}
QJsonObject datasetJson(const RunSetup& s, const core::Dataset& data);

/// Whether a figure of this run keeps x and y at the same scale (standardised or generated
/// data, whose axes share units).
bool equalAspect(const RunSetup& s);
/// Exports `scene` to s.figure (.png, .svg or .pdf) at s.size and s.dpi. Writes a temporary
/// file first and renames it: a failed export leaves no partial figure (UsageError).
void writeFigure(const ui::Scene& scene, const RunSetup& s);
/// Writes `frames` to s.animation as an animated GIF at s.size, s.fps, every frame drawn in the
/// last frame's data bounds (so nothing jumps). Temporary file first, like writeFigure.
void writeAnimation(const std::vector<ui::Scene>& frames, const RunSetup& s);
/// Writes the states of `history` (every step of the run) at s.seriesIterations to s.series as
/// one grid figure (ui::exportSceneGrid), panels titled "iteration N", drawn by `scene`, all in
/// the last state's data bounds. Temporary file first, like writeFigure.
void writeSeries(const std::vector<core::SnapshotPtr>& history, const RunSetup& s,
                 const std::function<ui::Scene(const core::Snapshot&)>& scene);

/// Steps `model` until it finishes. A run longer than a second reports on stderr twice a
/// second: "<label>: iteration i of at most maxIter, <status(snapshot)>, t s, at most N s left".
/// Throws Cancelled on Ctrl-C.
/// `afterStep`, when given, runs after every step (e.g. to record animation frames).
void runToEnd(core::Model& model, const char* label, int64_t maxIter,
              const std::function<std::string(const core::Snapshot&)>& status,
              const std::function<void()>& afterStep = {});

/// N × d float32 values uniform in [0, 1) from core::Rng(1), filled column by column (the data
/// of the benchmarks, as scripts/bench/sklearn_kmeans.py makes them).
std::shared_ptr<core::Dataset> uniformData(int n, int d);
/// Median, min and max of per-iteration times; UsageError when there are none.
struct Timing {
    double median = 0, min = 0, max = 0;
    int count = 0;
};
Timing summarise(std::vector<double> ms, const std::string& command);
/// Threads a parallel loop uses for --threads (0 = all cores).
int usedThreads(int threads);
/// {benchmark, n, d, k, iterations, threads, dtype, ms_per_iteration (median), ms_min, ms_max}
QJsonObject benchJson(const char* benchmark, int n, int d, int k, int threads, const Timing& t);

} // namespace cli
} // namespace latentlab::app
