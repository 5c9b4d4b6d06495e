#pragma once
// Running a reference script of scripts/bench/ with /usr/bin/python3 from a test: JSON in, JSON
// out. Exit code 77 from the script, or no python3, means "reference library missing": skip.
#include <Eigen/Core>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QString>

namespace latentlab::test {

/// Rows of m as a JSON array of arrays.
inline QJsonArray toJson(const Eigen::MatrixXf& m) {
    QJsonArray rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        QJsonArray r;
        for (Eigen::Index j = 0; j < m.cols(); ++j) r.append(static_cast<double>(m(i, j)));
        rows.append(r);
    }
    return rows;
}

/// An array of arrays back into a matrix (rows × columns of the first row).
inline Eigen::MatrixXd matrixOf(const QJsonArray& rows) {
    Eigen::MatrixXd m(rows.size(), rows.isEmpty() ? 0 : rows[0].toArray().size());
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonArray r = rows[i].toArray();
        for (int j = 0; j < r.size(); ++j) m(i, j) = r[j].toDouble();
    }
    return m;
}

struct PythonResult {
    bool skipped = false; ///< python3 or the script's library is missing: QSKIP with `message`
    QString message;      ///< the script's stdout and stderr
    QJsonObject out;      ///< empty when the script failed
};

/// Runs $LATENTLAB_SOURCE_DIR/scripts/bench/<script> in.json out.json.
inline PythonResult runPythonCheck(const QString& script, const QJsonObject& in) {
    PythonResult r;
    QTemporaryDir dir;
    const QString inPath = dir.filePath("in.json"), outPath = dir.filePath("out.json");
    QFile f(inPath);
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly)) {
        r.message = "cannot write " + inPath;
        return r;
    }
    f.write(QJsonDocument(in).toJson(QJsonDocument::Compact));
    f.close();
    QProcess py;
    py.start("/usr/bin/python3",
             {qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/scripts/bench/" + script, inPath, outPath});
    if (!py.waitForStarted(5000)) {
        r.skipped = true;
        r.message = "/usr/bin/python3 is not available";
        return r;
    }
    py.waitForFinished(60000);
    r.message = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
    r.skipped = py.exitStatus() == QProcess::NormalExit && py.exitCode() == 77;
    if (py.exitStatus() != QProcess::NormalExit || py.exitCode() != 0) return r;
    QFile o(outPath);
    if (o.open(QIODevice::ReadOnly)) r.out = QJsonDocument::fromJson(o.readAll()).object();
    return r;
}

} // namespace latentlab::test
