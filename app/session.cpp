#include "app/session.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace latentlab::app {

namespace {

/// The translation context of this file's messages (the window shows them in message boxes).
struct SessionFile {
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

[[noreturn]] void fail(const QString& path, const QString& what) {
    throw SessionError(QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), what).toStdString());
}

QJsonObject toJson(const QMap<QString, QString>& m) {
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it) o[it.key()] = it.value();
    return o;
}

/// 1-based line and column of byte `offset` in `bytes`.
std::pair<int, int> lineColumn(const QByteArray& bytes, int offset) {
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace

QString fileSha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f)) return {};
    return QString::fromLatin1(hash.result().toHex());
}

void writeSession(const QString& path, const Session& s) {
    QJsonObject o;
    o["format"] = QStringLiteral("latentlab-session");
    o["version"] = Session::kVersion;
    o["algorithm"] = s.algorithm;
    QJsonObject data;
    data["name"] = s.dataset;
    if (!s.fileSha256.isEmpty()) data["sha256"] = s.fileSha256;
    data["generator_params"] = toJson(s.generator);
    data["standardize"] = s.standardize;
    data["data_seed"] = QString::number(s.dataSeed);
    data["feature_x"] = s.featureX;
    data["feature_y"] = s.featureY;
    o["data"] = data;
    o["params"] = toJson(s.params);
    if (!s.startModel.isEmpty()) {
        QJsonObject model;
        model["name"] = s.startModel;
        if (!s.startModelSha256.isEmpty()) model["sha256"] = s.startModelSha256;
        o["start_model"] = model;
    }
    o["seed"] = QString::number(s.seed); // as text: JSON numbers lose 64-bit integers
    o["step"] = s.step;
    if (!s.edits.isEmpty()) {
        QJsonArray edits;
        for (const Session::Edit& e : s.edits) edits.append(QJsonObject{{"step", e.step}, {"name", e.name}});
        o["edits"] = edits;
    }
    QJsonObject view;
    view["view_tab"] = s.viewTab;
    view["chart_tab"] = s.chartTab;
    o["view"] = view;

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) fail(path, SessionFile::tr("cannot write the file (%1)").arg(file.errorString()));
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit()) fail(path, SessionFile::tr("cannot write the file (%1)").arg(file.errorString()));
}

Session readSession(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) fail(path, SessionFile::tr("cannot read the file (%1)").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineColumn(bytes, error.offset);
        fail(path, SessionFile::tr("line %1, column %2: %3 — the file is damaged").arg(line).arg(column).arg(error.errorString()));
    }
    if (!doc.isObject() || doc.object().value("format").toString() != QLatin1String("latentlab-session"))
        fail(path, SessionFile::tr("not a LatentLab session file"));
    const QJsonObject o = doc.object();
    const int version = o.value("version").toInt(-1);
    if (version > Session::kVersion)
        fail(path, SessionFile::tr("written by a newer LatentLab (session version %1; this one reads up to %2)")
                       .arg(version)
                       .arg(Session::kVersion));
    if (version < 1) fail(path, SessionFile::tr("the session version is missing or invalid"));

    auto text = [&](const QJsonObject& obj, const char* key, const QString& where) {
        const QJsonValue v = obj.value(QLatin1String(key));
        if (!v.isString()) fail(path, SessionFile::tr("“%1%2” is missing or not text").arg(where, QLatin1String(key)));
        return v.toString();
    };
    auto integer = [&](const QJsonObject& obj, const char* key, const QString& where) {
        const QJsonValue v = obj.value(QLatin1String(key));
        if (!v.isDouble()) fail(path, SessionFile::tr("“%1%2” is missing or not a number").arg(where, QLatin1String(key)));
        return v.toInt();
    };
    auto u64 = [&](const QJsonObject& obj, const char* key, const QString& where) {
        bool ok = false;
        const quint64 v = text(obj, key, where).toULongLong(&ok);
        if (!ok) fail(path, SessionFile::tr("“%1%2” is not a whole number").arg(where, QLatin1String(key)));
        return v;
    };
    auto map = [&](const QJsonObject& obj, const char* key) {
        QMap<QString, QString> m;
        const QJsonObject sub = obj.value(QLatin1String(key)).toObject();
        for (auto it = sub.begin(); it != sub.end(); ++it) {
            if (!it.value().isString()) fail(path, SessionFile::tr("parameter “%1” is not text").arg(it.key()));
            m[it.key()] = it.value().toString();
        }
        return m;
    };

    Session s;
    s.algorithm = text(o, "algorithm", {});
    const QJsonObject data = o.value("data").toObject();
    if (data.isEmpty()) fail(path, SessionFile::tr("“data” is missing"));
    s.dataset = text(data, "name", QStringLiteral("data."));
    s.fileSha256 = data.value("sha256").toString();
    s.generator = map(data, "generator_params");
    s.standardize = data.value("standardize").toBool();
    s.dataSeed = u64(data, "data_seed", QStringLiteral("data."));
    s.featureX = integer(data, "feature_x", QStringLiteral("data."));
    s.featureY = integer(data, "feature_y", QStringLiteral("data."));
    s.params = map(o, "params");
    if (o.contains("start_model")) {
        const QJsonObject model = o.value("start_model").toObject();
        s.startModel = text(model, "name", QStringLiteral("start_model."));
        s.startModelSha256 = model.value("sha256").toString();
    }
    s.seed = u64(o, "seed", {});
    s.step = integer(o, "step", {});
    if (s.step < 0) fail(path, SessionFile::tr("“step” must not be negative"));
    if (o.contains("edits")) {
        if (!o.value("edits").isArray()) fail(path, SessionFile::tr("“edits” is not a list"));
        int last = 0;
        for (const QJsonValue& v : o.value("edits").toArray()) {
            const QJsonObject e = v.toObject();
            Session::Edit edit{integer(e, "step", QStringLiteral("edits[].")), text(e, "name", QStringLiteral("edits[]."))};
            if (edit.step < last || edit.step > s.step)
                fail(path, SessionFile::tr("the edits' steps must rise and end by “step”"));
            last = edit.step;
            s.edits.append(edit);
        }
    }
    const QJsonObject view = o.value("view").toObject();
    s.viewTab = view.value("view_tab").toString();
    s.chartTab = view.value("chart_tab").toString();
    return s;
}

} // namespace latentlab::app
