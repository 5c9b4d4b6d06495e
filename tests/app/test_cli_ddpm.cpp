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
