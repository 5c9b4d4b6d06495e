#pragma once
// What the command-line tests share: run the built executable ($LATENTLAB_EXE) as a user
// would, read its JSON, and check the shapes of arrays in it.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace latentlab::test {

struct Result {
    int code = -1; ///< exit code; -1 when the process timed out (it is then killed)
    QString out, err;
};

inline Result runExe(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(qEnvironmentVariable("LATENTLAB_EXE"), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

inline QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// A file of the source tree ($LATENTLAB_SOURCE_DIR/rel).
inline QString source(const QString& rel) { return qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/" + rel; }

/// True if `v` is an array of `n` numbers.
inline bool isVector(const QJsonValue& v, int n) {
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.size() != n) return false;
    for (const auto& x : a)
        if (!x.isDouble()) return false;
    return true;
}

/// True if `v` is an array of `rows` arrays of `cols` numbers.
inline bool isMatrix(const QJsonValue& v, int rows, int cols) {
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.size() != rows) return false;
    for (const auto& row : a)
        if (!isVector(row, cols)) return false;
    return true;
}

} // namespace latentlab::test
