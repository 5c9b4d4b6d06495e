#pragma once
// An experiment saved as a file and opened again (issue 7 "Sessions"): the data set (built-in
// name and generator parameters, or a CSV/IDX path with the SHA-256 of its bytes), the
// algorithm, every parameter, the seed and the step on display. Opening it replays the run from
// the seed, so every state is the same as when it was saved (the models are deterministic for a
// seed; tests/app/test_session checks the states).
//
// Format: JSON, {"format": "latentlab-session", "version": 1, ...}. Saved atomically (QSaveFile:
// a crash never leaves half a file). A damaged file, another format or a newer version is
// refused with one message naming the file (and line and column for malformed JSON).
// A run that started from a shipped model or a model file records which ("start_model"), and
// opening it starts from the same model; named edits (Sample now, Train D/G once) are saved
// with their step ("edits") and replayed there. Not saved: points added or removed with the
// mouse and centroids moved — the file records the run that the seed reproduces.
#include <QList>
#include <QMap>
#include <QString>

#include <stdexcept>

namespace latentlab::app {

class SessionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Session {
    static constexpr int kVersion = 1;
    QString algorithm = QStringLiteral("kmeans");
    QString dataset;                    ///< built-in or generator name, or a file path
    QString fileSha256;                 ///< hex, for file data sets: the bytes the run saw
    QMap<QString, QString> generator;   ///< generator parameters as on the command line
    bool standardize = false;
    quint64 dataSeed = 1;
    int featureX = 0, featureY = 1;
    QMap<QString, QString> params;      ///< the algorithm's parameters as on the command line
    /// Where the run started when not from the seed's random parameters:
    /// AlgorithmPage::startModel(), "pretrained" or a model file's path; empty: from the seed.
    QString startModel;
    QString startModelSha256;           ///< hex, for a model file: the bytes the run started from
    quint64 seed = 1;
    int step = 0;                       ///< model steps of the state on display
    /// Named edits of the run (Snapshot::edit) in order, each with the model steps of the
    /// state it was applied to; opening the session replays them at those steps.
    struct Edit {
        int step = 0;
        QString name;
        bool operator==(const Edit&) const = default;
    };
    QList<Edit> edits;
    QString viewTab, chartTab;          ///< tabs on display (titles), may be empty
};

/// SHA-256 of a file's bytes as hex; empty if it cannot be read.
QString fileSha256(const QString& path);
/// Writes `s` to `path` atomically. Throws SessionError naming the file.
void writeSession(const QString& path, const Session& s);
/// Reads a session. Throws SessionError naming the file: unreadable, malformed JSON (line and
/// column), not a LatentLab session, a newer version, or a missing or mistyped field.
Session readSession(const QString& path);

} // namespace latentlab::app
