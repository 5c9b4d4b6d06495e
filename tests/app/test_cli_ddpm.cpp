// `latentlab run ddpm` and `latentlab bench ddpm`, run as a user would: JSON fields and shapes
// (alphas_cumprod of the lecture's constant schedule), bad input (exit code 2, one line, no
// output file), and the bench's fields. CI-sized: T = 50, a few hundred training steps.
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "cli_test_support.h"

using namespace latentlab::test;

class TestCliDdpm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
        QVERIFY(m_dir.isValid());
    }

    void runWritesJson() {
        const QString json = m_dir.filePath("ddpm.json");
        const Result r = runExe({"run", "ddpm", "--dataset", "two-moons", "--schedule", "constant", "--T", "50",
                                 "--train-steps", "300", "--width", "32", "--seed", "1", "--samples", "400", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["algorithm"].toString(), "ddpm");
        QCOMPARE(o["train_steps"].toInt(), 300);
        QVERIFY(isVector(o["loss"], 300));
        QVERIFY(isVector(o["alphas_cumprod"], 50));
        // The lecture's constant β = 0.01: ᾱ_t = 0.99^t.
        QVERIFY(std::abs(o["alphas_cumprod"].toArray()[49].toDouble() - std::pow(0.99, 50)) < 1e-12);
        QVERIFY(isMatrix(o["samples"], 400, 2));
        const double e = o["energy_distance"].toDouble(-1), floor = o["energy_distance_data"].toDouble(-1);
        QVERIFY(e > 0 && floor > 0 && floor < e);
        QCOMPARE(o["loss_per_t_bucket"].toArray().size(), 10);
        QCOMPARE(o["params"].toObject()["schedule"].toString(), "constant");
    }

    // --figure: the forward process over the reverse chain at nine timesteps, as SVG; the
    // options DDPM has no figure for are refused before any training.
    void figureOfTheChain() {
        const QString svg = m_dir.filePath("chain.svg");
        Result r = runExe({"run", "ddpm", "--T", "40", "--train-steps", "50", "--width", "16", "--samples", "300",
                           "--figure", svg});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        for (const char* label : {"t = 0", "t = 20", "t = 40", "noising"}) QVERIFY2(text.contains(label), label);
        QVERIFY(text.count("<circle") + text.count("<path") > 1000); // the points of 18 panels
        r = runExe({"run", "ddpm", "--train-steps", "5", "--animation", m_dir.filePath("a.gif")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--figure"));
        QVERIFY(!QFile::exists(m_dir.filePath("a.gif")));
    }

    void badInput() {
        const QString json = m_dir.filePath("bad.json");
        for (const QStringList& args : {QStringList{"--T", "5"}, QStringList{"--schedule", "quadratic"},
                                        QStringList{"--samples", "0"}}) {
            const Result r = runExe(QStringList{"run", "ddpm", "--train-steps", "1", "--json", json} + args);
            QCOMPARE(r.code, 2);
            QCOMPARE(r.err.trimmed().count('\n'), 0);
            QVERIFY(!QFile::exists(json));
        }
    }

    // --save-model writes a model file; --load-model samples from it without training, with the
    // file's parameters and data set: the same seed gives the very same samples.
    void saveAndLoadModel() {
        const QString model = m_dir.filePath("m.llddpm"), trained = m_dir.filePath("trained.json"),
                      loaded = m_dir.filePath("loaded.json");
        Result r = runExe({"run", "ddpm", "--dataset", "two-moons", "--data-n", "300", "--T", "40", "--train-steps", "200",
                           "--width", "24", "--seed", "3", "--samples", "300", "--json", trained, "--save-model", model});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(model));
        r = runExe({"run", "ddpm", "--load-model", model, "--seed", "3", "--samples", "300", "--json", loaded});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject a = readJson(trained), b = readJson(loaded);
        QCOMPARE(b["train_steps"].toInt(), 200);
        QVERIFY(isVector(b["loss"], 0));
        QCOMPARE(b["params"].toObject()["width"].toInt(), 24);
        QCOMPARE(b["params"].toObject()["T"].toInt(), 40);
        QCOMPARE(b["dataset"].toObject()["n"].toInt(), 300);
        QCOMPARE(b["dataset"].toObject()["data_seed"].toInt(), 3);
        QCOMPARE(b["samples"], a["samples"]);
        QCOMPARE(b["energy_distance"].toDouble(), a["energy_distance"].toDouble());
        // Another seed samples anew from the same network.
        r = runExe({"run", "ddpm", "--load-model", model, "--seed", "4", "--samples", "300", "--json", loaded});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readJson(loaded)["samples"] != a["samples"]);
        // A model that does not fit the parameters or the data, a broken file, a missing name.
        const QString broken = m_dir.filePath("broken.llddpm");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a model");
        f.close();
        const QList<QPair<QStringList, QString>> bad = {
            {{"--load-model", model, "--width", "32"}, "does not fit the parameters"},
            {{"--load-model", model, "--T", "41"}, "cannot sample with other noise levels"},
            {{"--load-model", model, "--dataset", "iris"}, "is for 2-dimensional data but iris has 4 features"},
            {{"--load-model", broken}, broken + ": not a LatentLab DDPM model file"},
            {{"--load-model", m_dir.filePath("none.llddpm")}, "none.llddpm: cannot be opened"},
            {{"--save-model"}, "--save-model and --load-model need a file name"}};
        for (const auto& [args, message] : bad) {
            r = runExe(QStringList{"run", "ddpm", "--samples", "10"} + args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count('\n'), 0);
        }
    }

    void benchWritesJson() {
        const QString json = m_dir.filePath("bench.json");
        const Result r = runExe({"bench", "ddpm", "--T", "20", "--train-steps", "50", "--sample-points", "500", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["benchmark"].toString(), "ddpm");
        QCOMPARE(o["width"].toInt(), 128);
        QCOMPARE(o["layers"].toInt(), 3);
        QVERIFY(o["train_steps_per_second"].toDouble() > 0);
        QVERIFY(o["sampling_seconds"].toDouble() > 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliDdpm)
#include "test_cli_ddpm.moc"
