// `latentlab run pca` and `latentlab bench pca`, run as a user would: JSON fields and shapes on
// iris (standardised), the exact PCA's invariants (descending variances, ratios summing to 1,
// orthonormal axes, E(M) = Σ_{i>M} λ_i), the step-wise model close to the exact axes,
// determinism, bad input (exit code 2, one line on stderr, no output file), Ctrl-C and the
// bench.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>

#include "cli_test_support.h"

using namespace latentlab::test;

namespace {






double at(const QJsonValue& m, int i, int j) { return m.toArray()[i].toArray()[j].toDouble(); }

} // namespace

class TestCliPca : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runWritesJson();
    void exactInvariants();
    void stepwiseMatchesExact_data();
    void stepwiseMatchesExact();
    void sameSeedSameOutput();
    void badInput_data();
    void badInput();
    void ctrlCWritesNothing();
    void benchWritesJson();
    void fashionMnist();
    void helpListsPca();

private:
    QJsonObject m_iris; ///< run pca on iris, standardised, M = 2
    QTemporaryDir m_dir;
};

void TestCliPca::initTestCase() {
    QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
    QVERIFY(m_dir.isValid());
    // An IDX file whose header promises 3 images of 3 × 3 bytes; it holds one and a byte.
    QFile bad(m_dir.filePath("bad-images-idx3-ubyte"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray("\0\0\x08\x03\0\0\0\x03\0\0\0\x03\0\0\0\x03", 16) + QByteArray(10, 'x'));
}

void TestCliPca::runWritesJson() {
    const QString json = m_dir.filePath("iris.json");
    const Result r = runExe({"run", "pca", "--dataset", "iris", "--standardize", "--seed", "5", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed().count('\n'), 0); // a one-line summary
    QVERIFY2(r.out.contains("iris") && r.out.contains("variance"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    m_iris = o;
    QCOMPARE(o["algorithm"].toString(), QString("pca"));
    QCOMPARE(o["seed"].toInt(), 5);
    const QJsonObject params = o["params"].toObject();
    QCOMPARE(params["components"].toInt(), 2);
    QCOMPARE(params["method"].toString(), QString("power-iteration"));
    QCOMPARE(params["unit-variance"].toBool(), false);
    const QJsonObject ds = o["dataset"].toObject();
    QCOMPARE(ds["name"].toString(), QString("iris"));
    QCOMPARE(ds["n"].toInt(), 150);
    QCOMPARE(ds["d"].toInt(), 4);
    QCOMPARE(ds["standardized"].toBool(), true);
    QCOMPARE(o["covariance_scaling"].toString(), QString("1/(N-1)"));

    const int r4 = 4; // the covariance solver: r = d
    QVERIFY(isVector(o["mean"], 4));
    QVERIFY(isVector(o["scale"], 4));
    for (const auto& m : o["mean"].toArray()) QVERIFY(std::abs(m.toDouble()) < 1e-5); // z-scored first
    QVERIFY(isMatrix(o["components"], r4, 4));
    QVERIFY(isVector(o["explained_variance"], r4));
    QVERIFY(isVector(o["explained_variance_ratio"], r4));
    QVERIFY(o["total_variance"].isDouble());
    // Standardised with 1/N, covariance with 1/(N−1): trace S = d · N/(N−1).
    QVERIFY(std::abs(o["total_variance"].toDouble() - 4.0 * 150 / 149) < 1e-4);
    QVERIFY(isVector(o["reconstruction_error"], r4 + 1));
    QCOMPARE(o["n_components"].toInt(), 2);
    QVERIFY(isMatrix(o["projection"], 150, 2));
    // The classic standardised iris PCA: 72.96 % and 22.85 % of the variance.
    QVERIFY(std::abs(o["explained_variance_ratio"].toArray()[0].toDouble() - 0.7296) < 1e-3);
    QVERIFY(std::abs(o["explained_variance_ratio"].toArray()[1].toDouble() - 0.2285) < 1e-3);

    const QJsonObject step = o["stepwise"].toObject();
    QCOMPARE(step["method"].toString(), QString("power-iteration"));
    QVERIFY(step["converged"].toBool());
    QCOMPARE(step["steps_per_component"].toArray().size(), 2);
    for (const auto& s : step["steps_per_component"].toArray()) QVERIFY(s.toInt() >= 1);
    QVERIFY(isVector(step["angle_to_exact_deg"], 2));
    QVERIFY(isVector(step["explained_variance_found"], 2));
    QVERIFY(o["seconds"].toDouble() >= 0);
}

void TestCliPca::exactInvariants() {
    const QJsonObject& o = m_iris;
    QVERIFY(!o.isEmpty());
    const QJsonArray lambda = o["explained_variance"].toArray();
    const QJsonArray ratio = o["explained_variance_ratio"].toArray();
    const QJsonValue u = o["components"];
    const int r = lambda.size(), d = 4;
    double ratioSum = 0, lambdaSum = 0;
    for (int i = 0; i < r; ++i) {
        if (i > 0) QVERIFY(lambda[i].toDouble() <= lambda[i - 1].toDouble());
        QVERIFY(lambda[i].toDouble() >= 0);
        ratioSum += ratio[i].toDouble();
        lambdaSum += lambda[i].toDouble();
    }
    QVERIFY2(std::abs(ratioSum - 1) < 1e-6, qPrintable(QString::number(ratioSum, 'g', 17)));
    QVERIFY(std::abs(lambdaSum - o["total_variance"].toDouble()) < 1e-9 * lambdaSum);
    // singular_values: σ_i² / (N − 1) = λ_i (scikit-learn's singular_values_).
    QCOMPARE(o["n_samples"].toInt(), 150);
    QVERIFY(isVector(o["singular_values"], r));
    const QJsonArray sigma = o["singular_values"].toArray();
    for (int i = 0; i < r; ++i) {
        const double s = sigma[i].toDouble(), l = lambda[i].toDouble();
        QVERIFY(s >= 0);
        QVERIFY2(std::abs(s * s / (150 - 1) - l) <= 1e-6 * std::max(l, 1e-12),
                 qPrintable(QString("sigma %1 = %2, lambda %3").arg(i).arg(s, 0, 'g', 17).arg(l, 0, 'g', 17)));
    }
    for (int i = 0; i < r; ++i) {
        for (int j = 0; j < r; ++j) {
            double dot = 0;
            for (int k = 0; k < d; ++k) dot += at(u, i, k) * at(u, j, k);
            QVERIFY2(std::abs(dot - (i == j ? 1.0 : 0.0)) < 1e-5,
                     qPrintable(QString("u%1 · u%2 = %3").arg(i).arg(j).arg(dot, 0, 'g', 17)));
        }
        // The sign rule: the entry of largest magnitude is positive.
        int big = 0;
        for (int k = 1; k < d; ++k)
            if (std::abs(at(u, i, k)) > std::abs(at(u, i, big)) * (1 + 1e-6)) big = k;
        QVERIFY(at(u, i, big) > 0);
    }
    const QJsonArray errors = o["reconstruction_error"].toArray();
    for (int m = 0; m <= r; ++m) {
        double tail = 0;
        for (int i = m; i < r; ++i) tail += lambda[i].toDouble();
        QVERIFY2(std::abs(errors[m].toDouble() - tail) < 1e-9 * std::max(1.0, lambdaSum),
                 qPrintable(QString("E(%1) = %2, tail %3").arg(m).arg(errors[m].toDouble()).arg(tail)));
    }
    // Each projection column has the variance of its component.
    const QJsonArray y = o["projection"].toArray();
    for (int c = 0; c < 2; ++c) {
        double sum = 0, sq = 0;
        for (const auto& row : y) {
            sum += row.toArray()[c].toDouble();
            sq += row.toArray()[c].toDouble() * row.toArray()[c].toDouble();
        }
        const double var = (sq - sum * sum / y.size()) / (y.size() - 1);
        QVERIFY(std::abs(var - lambda[c].toDouble()) < 1e-4 * lambda[c].toDouble());
    }
}

void TestCliPca::stepwiseMatchesExact_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("power iteration, standardize") << QStringList{"--standardize"};
    QTest::newRow("power iteration, unit-variance") << QStringList{"--unit-variance", "--components", "3"};
    QTest::newRow("oja") << QStringList{"--standardize", "--method", "oja", "--components", "3", "--seed", "2"};
}

void TestCliPca::stepwiseMatchesExact() {
    QFETCH(QStringList, args);
    const QString json = m_dir.filePath("stepwise.json");
    const Result r = runExe(QStringList{"run", "pca", "--dataset", "iris", "--json", json} << args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(json);
    const int m = o["n_components"].toInt();
    QVERIFY(m >= 2);
    const QJsonObject step = o["stepwise"].toObject();
    const QJsonArray angles = step["angle_to_exact_deg"].toArray();
    const QJsonArray found = step["explained_variance_found"].toArray();
    QCOMPARE(angles.size(), m);
    QCOMPARE(step["steps_per_component"].toArray().size(), m);
    for (int i = 0; i < m; ++i) {
        QVERIFY2(angles[i].toDouble() >= 0 && angles[i].toDouble() < 0.5,
                 qPrintable(QString("component %1: %2°").arg(i + 1).arg(angles[i].toDouble())));
        const double exact = o["explained_variance"].toArray()[i].toDouble();
        QVERIFY(std::abs(found[i].toDouble() - exact) < 1e-3 * exact);
    }
    QVERIFY(isMatrix(step["components_found"], m, 4));
    // Standardising the data set or inside PCA gives the same PCA.
    QVERIFY(std::abs(o["explained_variance_ratio"].toArray()[0].toDouble() - 0.7296) < 1e-3);
}

void TestCliPca::sameSeedSameOutput() {
    QJsonObject runs[2];
    for (int i = 0; i < 2; ++i) {
        const QString json = m_dir.filePath(QString("same%1.json").arg(i));
        const Result r = runExe({"run", "pca", "--dataset", "digits", "--method", "oja", "--components", "3",
                                 "--seed", "9", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        runs[i] = readJson(json);
        QVERIFY(runs[i].contains("seconds"));
        runs[i].remove("seconds");
    }
    QVERIFY(!runs[0].isEmpty());
    QCOMPARE(runs[0]["dataset"].toObject()["d"].toInt(), 64);
    QCOMPARE(runs[0], runs[1]);
}

void TestCliPca::badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("components 0") << QStringList{"run", "pca", "--components", "0"} << "--components";
    QTest::newRow("unknown method") << QStringList{"run", "pca", "--method", "lanczos"} << "is not one of";
    QTest::newRow("malformed IDX") << QStringList{"run", "pca", "--dataset", m_dir.filePath("bad-images-idx3-ubyte")}
                                   << "bad-images-idx3-ubyte, byte 26: the data end inside image 2 of 3";
    QTest::newRow("unknown option") << QStringList{"run", "pca", "--colour", "red"} << "unknown option --colour";
    QTest::newRow("kmeans option") << QStringList{"run", "pca", "--k", "3"} << "unknown option --k";
    QTest::newRow("figure") << QStringList{"run", "pca", "--figure", "pca-out.svg"} << "not available for pca";
    QTest::newRow("unknown data set") << QStringList{"run", "pca", "--dataset", "no-such-data"} << "unknown data set";
    QTest::newRow("unwritable") << QStringList{"run", "pca", "--json", "/no/such/folder/out.json"} << "cannot write";
    QTest::newRow("bench malformed IDX")
        << QStringList{"bench", "pca", "--dataset", m_dir.filePath("bad-images-idx3-ubyte")}
        << "bad-images-idx3-ubyte, byte 26: the data end inside image 2 of 3";
    QTest::newRow("bench unknown option") << QStringList{"bench", "pca", "--k", "3"} << "unknown option --k";
    QTest::newRow("bench dataset and n") << QStringList{"bench", "pca", "--dataset", "iris", "--n", "100"} << "not both";
    QTest::newRow("bench iterations 0") << QStringList{"bench", "pca", "--iterations", "0"} << "--iterations";
}

void TestCliPca::badInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString json = m_dir.filePath("bad-out.json");
    QFile::remove(json);
    if (!args.contains("--json")) args << "--json" << json;
    const Result r = runExe(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(json));
    QVERIFY(!QFile::exists("pca-out.svg"));
}

// A long run reports progress with a time-left estimate; Ctrl-C stops it with code 130 and no
// output file.
void TestCliPca::ctrlCWritesNothing() {
    const QString json = m_dir.filePath("cancelled.json");
    QProcess p;
    p.setReadChannel(QProcess::StandardError);
    p.start(qEnvironmentVariable("LATENTLAB_EXE"),
            {"run", "pca", "--dataset", "digits", "--method", "oja", "--components", "64", "--tol", "1e-7",
             "--max-iter", "1000000", "--batch-size", "1", "--learning-rate", "0.001", "--json", json});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains("s left") && timer.elapsed() < 6000 && p.state() == QProcess::Running) {
        p.waitForReadyRead(100);
        err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("at most") && err.contains("s left"), err.constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(5000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("cancelled"), err.constData());
    QVERIFY(!QFile::exists(json));
}

void TestCliPca::benchWritesJson() {
    const QString json = m_dir.filePath("bench.json");
    Result r = runExe({"bench", "pca", "--iterations", "3", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("median"), qPrintable(r.out));
    QJsonObject o = readJson(json);
    QCOMPARE(o["benchmark"].toString(), QString("pca"));
    QCOMPARE(o["dataset"].toString(), QString("digits"));
    QCOMPARE(o["n"].toInt(), 1797);
    QCOMPARE(o["d"].toInt(), 64);
    QCOMPARE(o["iterations"].toInt(), 3);
    QVERIFY(o["ms_per_fit"].toDouble() > 0);
    QVERIFY(o["ms_min"].toDouble() <= o["ms_per_fit"].toDouble());
    QVERIFY(o["seconds"].toDouble() > 0);
    QVERIFY(std::abs(o["seconds"].toDouble() * 1e3 - o["ms_per_fit"].toDouble()) <= 1e-9 * o["ms_per_fit"].toDouble());

    r = runExe({"bench", "pca", "--n", "2000", "--d", "10", "--iterations", "2", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    o = readJson(json);
    QCOMPARE(o["n"].toInt(), 2000);
    QCOMPARE(o["d"].toInt(), 10);
    QVERIFY(o["ms_per_fit"].toDouble() > 0);
    QVERIFY(o["seconds"].toDouble() > 0);
}

void TestCliPca::helpListsPca() {
    const Result r = runExe({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("run pca"));
    QVERIFY(r.out.contains("bench pca"));
    QVERIFY(r.out.contains("--unit-variance"));
}

// The Fashion-MNIST test set (Debian's dataset-fashion-mnist): the JSON of `run pca` has the
// shapes of 784 pixels, and `bench pca` reports its fit time. Skipped without the package.
void TestCliPca::fashionMnist() {
    if (!QFile::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"))
        QSKIP("dataset-fashion-mnist is not installed");
    const QString json = m_dir.filePath("fashion.json");
    Result r = runExe({"run", "pca", "--dataset", "fashion-mnist-test", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("fashion-mnist-test (n = 10000, d = 784)"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["dataset"].toObject()["name"].toString(), QString("fashion-mnist-test"));
    QCOMPARE(o["n_samples"].toInt(), 10000);
    QCOMPARE(o["solver"].toString(), QString("covariance"));
    QVERIFY(isVector(o["mean"], 784));
    QVERIFY(isMatrix(o["components"], 784, 784));
    QVERIFY(isVector(o["explained_variance"], 784));
    QVERIFY(isMatrix(o["projection"], 10000, 2));
    const QJsonArray ratio = o["explained_variance_ratio"].toArray();
    double sum = 0;
    for (const auto& v : ratio) sum += v.toDouble();
    QVERIFY(std::abs(sum - 1) < 1e-6);
    // The first two components of Fashion-MNIST carry about 29 % and 18 % of the variance.
    QVERIFY2(ratio[0].toDouble() > 0.25 && ratio[0].toDouble() < 0.33, qPrintable(QString::number(ratio[0].toDouble())));
    for (const auto& a : o["stepwise"].toObject()["angle_to_exact_deg"].toArray()) QVERIFY(a.toDouble() < 0.5);

    const QString bench = m_dir.filePath("fashion-bench.json");
    r = runExe({"bench", "pca", "--dataset", "fashion-mnist-test", "--iterations", "1", "--json", bench});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject b = readJson(bench);
    QCOMPARE(b["n"].toInt(), 10000);
    QCOMPARE(b["d"].toInt(), 784);
    QVERIFY(b["seconds"].toDouble() > 0);
    QVERIFY(b["load_seconds"].toDouble() > 0);
}

QTEST_GUILESS_MAIN(TestCliPca)
#include "test_cli_pca.moc"
