// `latentlab run rbm` and `latentlab bench rbm`, run as a user would: JSON fields and shapes,
// determinism for a seed and any thread count, model files written and read back, the exact
// fields of a tiny model, bad input (exit code 2, one line on stderr, no output file), Ctrl-C
// (exit code 130, no output file) and the bench. CI-sized data: the 8×8 digits (--rescale) and
// bars-and-stripes.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>

#include "cli_test_support.h"

using namespace latentlab::test;

class TestCliRbm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runWritesJson();
    void sameSeedSameOutput();
    void saveThenLoadModel();
    void tinyModelExactFields();
    void badInput_data();
    void badInput();
    void badModelFiles();
    void ctrlCWritesNothing();
    void benchWritesJson();
    void helpListsRbm();

private:
    QTemporaryDir m_dir;
};

void TestCliRbm::initTestCase() {
    QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
    QVERIFY(m_dir.isValid());
}

void TestCliRbm::runWritesJson() {
    const QString json = m_dir.filePath("rbm.json");
    const Result r = runExe({"run", "rbm", "--dataset", "digits", "--rescale", "--hidden", "32", "--cd-k", "1",
                             "--epochs", "3", "--batch", "64", "--learning-rate", "0.05", "--seed", "1", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed().count('\n'), 0);
    QVERIFY2(r.out.contains("RBM 64 × 32 on digits (n = 1797): done after 3 epochs"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["algorithm"].toString(), QString("rbm"));
    QCOMPARE(o["seed"].toInt(), 1);
    const QJsonObject params = o["params"].toObject();
    QCOMPARE(params["hidden"].toInt(), 32);
    QCOMPARE(params["cd-k"].toInt(), 1);
    QCOMPARE(params["batch"].toInt(), 64);
    QCOMPARE(params["learning-rate"].toDouble(), 0.05);
    QCOMPARE(params["statistics"].toString(), QString("probabilities"));
    QCOMPARE(params["persistent"].toBool(), false);
    const QJsonObject ds = o["dataset"].toObject();
    QCOMPARE(ds["name"].toString(), QString("digits"));
    QCOMPARE(ds["d"].toInt(), 64);
    QCOMPARE(ds["rescaled"].toBool(), true);
    const int nHeld = 1797 / 12, nTrain = 1797 - nHeld, batches = (nTrain + 63) / 64;
    QCOMPARE(o["n_train"].toInt(), nTrain);
    QCOMPARE(o["n_held_out"].toInt(), nHeld);
    QCOMPARE(o["batches_per_epoch"].toInt(), batches);
    QCOMPARE(o["epochs"].toInt(), 3);
    for (const char* key : {"reconstruction_error", "pseudo_log_likelihood", "free_energy_train", "free_energy_held_out",
                            "seconds_per_epoch"})
        QVERIFY2(isVector(o[key], 3), key);
    QVERIFY(isVector(o["batch_reconstruction_error"], 3 * batches));
    QVERIFY(isVector(o["hidden_histogram"], 20));
    double histogram = 0;
    for (const auto& c : o["hidden_histogram"].toArray()) histogram += c.toDouble();
    QCOMPARE(histogram, double(64 * 32)); // a full last batch of 64 rows × 32 units
    const QJsonArray pll = o["pseudo_log_likelihood"].toArray(), recon = o["reconstruction_error"].toArray();
    QVERIFY(pll[2].toDouble() < 0 && pll[2].toDouble() > pll[0].toDouble()); // learning
    QVERIFY(recon[2].toDouble() < recon[0].toDouble());
    QVERIFY(o["pseudo_log_likelihood_definition"].toString().contains("score_samples"));
    QVERIFY(o["reconstruction_error_definition"].toString().contains("p(v_i=1|h_n)"));
    // The epoch's reconstruction error is the mean of its batch errors.
    double sum = 0;
    const QJsonArray be = o["batch_reconstruction_error"].toArray();
    for (int i = 2 * batches; i < 3 * batches; ++i) sum += be[i].toDouble();
    QVERIFY(std::abs(sum / batches - recon[2].toDouble()) < 1e-6);
    QVERIFY(!o.contains("exact_log_likelihood")); // 64 × 32 is not enumerated
    QCOMPARE(o["diverged"].toBool(), false);
    QVERIFY(o["seconds"].toDouble() > 0);
}

void TestCliRbm::sameSeedSameOutput() {
    QJsonObject runs[2];
    const QStringList threads[2] = {{"--threads", "1"}, {"--threads", "2"}};
    for (int i = 0; i < 2; ++i) {
        const QString json = m_dir.filePath(QString("same%1.json").arg(i));
        const Result r = runExe(QStringList{"run", "rbm", "--dataset", "digits", "--rescale", "--hidden", "24",
                                            "--epochs", "2", "--persistent", "--seed", "7", "--json", json}
                                << threads[i]);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        runs[i] = readJson(json);
        for (const char* timing : {"seconds", "seconds_per_epoch"}) runs[i].remove(timing);
    }
    QVERIFY(!runs[0].isEmpty());
    QCOMPARE(runs[0], runs[1]);
}

// --save-model writes a model file; --load-model starts from it: with the learning rate at its
// minimum, one more epoch from the file keeps the pseudo-log-likelihood where it was (up to the
// noise of its random flips), far above a fresh model's.
void TestCliRbm::saveThenLoadModel() {
    const QString model = m_dir.filePath("digits.bin");
    const QString first = m_dir.filePath("first.json"), again = m_dir.filePath("again.json");
    const QString fresh = m_dir.filePath("fresh.json");
    Result r = runExe({"run", "rbm", "--dataset", "digits", "--rescale", "--hidden", "32", "--epochs", "8",
                       "--batch", "16", "--learning-rate", "0.1", "--save-model", model, "--json", first});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(model));
    QCOMPARE(readJson(first)["model_file"].toString(), model);
    const QStringList tail = {"--dataset", "digits", "--rescale", "--epochs", "1", "--learning-rate", "0.000001"};
    r = runExe(QStringList{"run", "rbm", "--load-model", model, "--json", again} + tail);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runExe(QStringList{"run", "rbm", "--hidden", "32", "--json", fresh} + tail);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject a = readJson(again);
    QCOMPARE(a["params"].toObject()["hidden"].toInt(), 32); // taken from the file
    QCOMPARE(a["loaded_model"].toString(), model);
    const double trained = readJson(first)["pseudo_log_likelihood"].toArray().last().toDouble();
    const double loaded = a["pseudo_log_likelihood"].toArray().last().toDouble();
    const double untrained = readJson(fresh)["pseudo_log_likelihood"].toArray().last().toDouble();
    // The PLL's one random flip per row makes it noisy by about a nat between epochs' draws.
    QVERIFY2(std::abs(loaded - trained) < 2 && loaded > untrained + 4,
             qPrintable(QString("trained %1, loaded %2, fresh %3").arg(trained).arg(loaded).arg(untrained)));
}

// A 16 × 4 model on bars and stripes is enumerated: exact log-likelihood, log Z and the CD-k
// bias study per epoch.
void TestCliRbm::tinyModelExactFields() {
    const QString json = m_dir.filePath("tiny.json");
    const Result r = runExe({"run", "rbm", "--dataset", "bars-and-stripes", "--n", "60", "--hidden", "4", "--epochs",
                             "4", "--batch", "10", "--held-out", "0", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(json);
    QVERIFY(isVector(o["exact_log_likelihood"], 4));
    QVERIFY(isVector(o["log_partition_function"], 4));
    QCOMPARE(o["n_held_out"].toInt(), 0);
    QVERIFY(o["free_energy_held_out"].toArray()[0].isNull()); // nothing held out
    for (const auto& ll : o["exact_log_likelihood"].toArray()) QVERIFY(ll.toDouble() < 0 && ll.toDouble() > -16 * std::log(2.0) - 1);
    const QJsonObject cd = o["cd_gradient_error"].toObject();
    QCOMPARE(cd["k"].toArray(), (QJsonArray{1, 2, 5, 10}));
    QCOMPARE(cd["per_epoch"].toArray().size(), 4);
    QVERIFY(isVector(cd["per_epoch"].toArray()[0], 4));
}

void TestCliRbm::badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString missing = QDir::tempPath() + "/latentlab-no-such-model.bin";
    QTest::newRow("not in [0, 1]") << QStringList{"run", "rbm", "--dataset", "digits"} << "add --rescale";
    QTest::newRow("cd-k zero") << QStringList{"run", "rbm", "--dataset", "digits", "--rescale", "--cd-k", "0"} << "--cd-k";
    QTest::newRow("bad statistics") << QStringList{"run", "rbm", "--dataset", "digits", "--statistics", "means"} << "is not one of";
    QTest::newRow("unknown option") << QStringList{"run", "rbm", "--dataset", "digits", "--k", "3"} << "unknown option --k";
    QTest::newRow("missing model") << QStringList{"run", "rbm", "--dataset", "digits", "--rescale", "--load-model", missing}
                                   << "cannot be opened";
    QTest::newRow("model name missing") << QStringList{"run", "rbm", "--dataset", "digits", "--save-model"} << "need a file name";
    QTest::newRow("unwritable model") << QStringList{"run", "rbm", "--dataset", "digits", "--rescale", "--save-model",
                                                     "/no/such/folder/m.bin"}
                                      << "cannot write";
    QTest::newRow("bench unknown option") << QStringList{"bench", "rbm", "--dataset", "digits", "--rescale", "--momentum", "0.5"}
                                          << "unknown option --momentum";
    QTest::newRow("bench save") << QStringList{"bench", "rbm", "--save-model", "x.bin"} << "for run rbm";
}

void TestCliRbm::badInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString json = m_dir.filePath("bad-out.json");
    QFile::remove(json);
    args << "--json" << json;
    const Result r = runExe(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(json));
}

// Model files that are broken or do not fit the data: one line naming the file, exit code 2.
void TestCliRbm::badModelFiles() {
    const QString tiny = m_dir.filePath("tiny.bin"), broken = m_dir.filePath("broken.bin");
    Result r = runExe({"run", "rbm", "--dataset", "bars-and-stripes", "--hidden", "4", "--epochs", "1", "--save-model", tiny});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile f(tiny);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    bytes.chop(10);
    QFile g(broken);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(bytes);
    g.close();
    const struct {
        QString file, message;
    } cases[] = {{tiny, tiny + ": the model has 16 visible units but digits has 64 features"},
                 {broken, broken + ": truncated"}};
    for (const auto& c : cases) {
        const QString json = m_dir.filePath("model-out.json");
        r = runExe({"run", "rbm", "--dataset", "digits", "--rescale", "--load-model", c.file, "--json", json});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(json));
    }
    r = runExe({"run", "rbm", "--dataset", "bars-and-stripes", "--load-model", tiny, "--hidden", "5"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--hidden 5 does not match"), qPrintable(r.err));
}

void TestCliRbm::ctrlCWritesNothing() {
    const QString json = m_dir.filePath("cancelled.json"), model = m_dir.filePath("cancelled.bin");
    QProcess p;
    p.setReadChannel(QProcess::StandardError);
    p.start(qEnvironmentVariable("LATENTLAB_EXE"), {"run", "rbm", "--dataset", "digits", "--rescale", "--hidden", "128",
                                                    "--epochs", "100000", "--threads", "1", "--json", json,
                                                    "--save-model", model});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains("s left") && timer.elapsed() < 6000 && p.state() == QProcess::Running) {
        p.waitForReadyRead(100);
        err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("rbm: epoch") && err.contains("s left"), err.constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(5000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("cancelled"), err.constData());
    QVERIFY(!QFile::exists(json));
    QVERIFY(!QFile::exists(model));
}

void TestCliRbm::benchWritesJson() {
    const QString json = m_dir.filePath("bench.json");
    const Result r = runExe({"bench", "rbm", "--dataset", "digits", "--rescale", "--hidden", "32", "--batch", "32",
                             "--epochs", "3", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("median"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["benchmark"].toString(), QString("rbm"));
    QCOMPARE(o["n_train"].toInt(), 1797); // nothing held out: every image is trained on
    QCOMPARE(o["d"].toInt(), 64);
    QCOMPARE(o["hidden"].toInt(), 32);
    QCOMPARE(o["batch"].toInt(), 32);
    QCOMPARE(o["epochs"].toInt(), 3);
    QVERIFY(isVector(o["epoch_seconds"], 3));
    QVERIFY(o["seconds_per_epoch"].toDouble() > 0);
    QVERIFY(o["seconds_min"].toDouble() <= o["seconds_per_epoch"].toDouble());
    QVERIFY(o["threads"].toInt() >= 1);
}

void TestCliRbm::helpListsRbm() {
    const Result r = runExe({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("run rbm"));
    QVERIFY(r.out.contains("bench rbm"));
    QVERIFY(r.out.contains("--cd-k"));
    QVERIFY(r.out.contains("--persistent"));
}

QTEST_GUILESS_MAIN(TestCliRbm)
#include "test_cli_rbm.moc"
