#pragma once
// The command line: the same core as the GUI, no window.
//
//   latentlab datasets
//   latentlab run kmeans --dataset old-faithful --k 2 --init kmeans++ --seed 7 --max-iter 100
//             --json out.json --figure out.svg --size 1600x1000
//   latentlab bench kmeans --n 1000000 --d 2 --k 10 --iterations 20 [--threads N] [--json FILE]
//
// Bad input (unknown data set, malformed CSV, bad parameter, unwritable output) prints one line
// on stderr and exits with code 2, writing no output file. Ctrl-C cancels with code 130.
#include <QString>
#include <QStringList>

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

} // namespace latentlab::app
