// `latentlab run gan` and `latentlab bench gan`, run as a user would: the JSON fields and their
// shapes, the same output for the same seed, network files written and read back, bad input
// (exit code 2, one line naming the problem, no output file) and the bench.
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "cli_test_support.h"

using namespace latentlab::test;

class TestCliGan : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
        QVERIFY(m_dir.isValid());
    }

    void runWritesJson() {
        const QString json = m_dir.filePath("gan.json"), model = m_dir.filePath("gan.llnet");
        const Result r = runExe({"run", "gan", "--dataset", "ring8", "--steps", "300", "--seed", "1", "--json", json,
                                 "--samples", "500", "--save-model", model});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("modes covered"));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["algorithm"].toString(), "gan");
        QCOMPARE(o["iterations"].toInt(), 300);
        QCOMPARE(o["params"].toObject()["loss"].toString(), "non-saturating");
        QVERIFY(isVector(o["losses"].toObject()["d"], 300));
        QVERIFY(isVector(o["losses"].toObject()["g"], 300));
        QVERIFY(isVector(o["mean_d_real"], 300));
        QVERIFY(isVector(o["value"], 300));
        QVERIFY(isMatrix(o["samples"], 500, 2));
        QCOMPARE(o["modes_total"].toInt(), 8);
        const int covered = o["modes_covered"].toInt(-1);
        QVERIFY(covered >= 0 && covered <= 8);
        const double hq = o["high_quality_fraction"].toDouble(-1);
        QVERIFY(hq >= 0 && hq <= 1);
        QVERIFY(QFile::exists(model));

        // The same seed gives the same samples; a loaded model continues from the saved networks.
        const QString again = m_dir.filePath("again.json");
        QCOMPARE(runExe({"run", "gan", "--steps", "300", "--seed", "1", "--json", again, "--samples", "500"}).code, 0);
        QCOMPARE(readJson(again)["samples"], o["samples"]);
        const QString loaded = m_dir.filePath("loaded.json");
        const Result l = runExe({"run", "gan", "--steps", "1", "--seed", "1", "--load-model", model, "--json", loaded,
                                 "--samples", "500"});
        QVERIFY2(l.code == 0, qPrintable(l.err));
        QVERIFY(readJson(loaded)["samples"] != o["samples"]); // one more iteration moved them
        QVERIFY(readJson(loaded)["high_quality_fraction"].toDouble() > 0.5 * hq);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown loss") << QStringList{"--loss", "wasserstein"} << "loss";
        QTest::newRow("zero batch") << QStringList{"--batch", "0"} << "batch";
        QTest::newRow("samples") << QStringList{"--samples", "-3"} << "--samples";
        QTest::newRow("missing model") << QStringList{"--load-model", "/nonexistent/gan.llnet"} << "gan.llnet";
        QTest::newRow("other shape") << QStringList{"--noise-dim", "3", "--load-model", "@model"} << "noise-dim";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString model = m_dir.filePath("gan.llnet");
        args.replaceInStrings("@model", model);
        const QString json = m_dir.filePath("bad.json");
        QFile::remove(json);
        const Result r = runExe(QStringList{"run", "gan", "--steps", "5", "--json", json} + args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(json));
    }

    void benchWritesJson() {
        const QString json = m_dir.filePath("bench.json");
        const Result r = runExe({"bench", "gan", "--dataset", "ring8", "--iterations", "100", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = readJson(json);
        QCOMPARE(o["benchmark"].toString(), "gan");
        QCOMPARE(o["batch"].toInt(), 256);
        QVERIFY(o["iterations_per_second"].toDouble() > 0);
        QVERIFY(runExe({"bench", "gan", "--save-model", "x"}).code == 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliGan)
#include "test_cli_gan.moc"
