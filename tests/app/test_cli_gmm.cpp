// `latentlab run gmm` and `latentlab bench gmm`, run as a user would: JSON fields and shapes,
// EM's non-decreasing log-likelihood, determinism, every covariance type, bad input (exit code
// 2, one line on stderr, no output file), Ctrl-C (exit code 130, no output file) and the bench.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <csignal>
#include <cmath>

#include "cli_test_support.h"

using namespace latentlab::test;

namespace {





/// {weights [K], means [K][d], covariances [K][d][d]} with weights summing to 1 and symmetric
/// covariances with a positive diagonal.
void checkParameters(const QJsonObject& o, int k, int d) {
    const QJsonArray weights = o["weights"].toArray();
    QCOMPARE(weights.size(), k);
    double sum = 0;
    for (const auto& w : weights) {
        QVERIFY(w.toDouble() >= 0);
        sum += w.toDouble();
    }
    QVERIFY(std::abs(sum - 1) < 1e-9);
    QVERIFY(isMatrix(o["means"], k, d));
    const QJsonArray covariances = o["covariances"].toArray();
    QCOMPARE(covariances.size(), k);
    for (const auto& c : covariances) {
        QVERIFY(isMatrix(c, d, d));
        const QJsonArray m = c.toArray();
        for (int i = 0; i < d; ++i) {
            QVERIFY(m[i].toArray()[i].toDouble() > 0);
            for (int j = 0; j < d; ++j)
                QCOMPARE(m[i].toArray()[j].toDouble(), m[j].toArray()[i].toDouble());
        }
    }
}

/// EM never lowers the log-likelihood (up to rounding).
void checkNonDecreasing(const QJsonArray& ll) {
    for (int i = 1; i < ll.size(); ++i)
        QVERIFY2(ll[i].toDouble() >= ll[i - 1].toDouble() - 1e-9 * std::abs(ll[i - 1].toDouble()),
                 qPrintable(QString("log_likelihood[%1] = %2 < [%3] = %4")
                                .arg(i)
                                .arg(ll[i].toDouble(), 0, 'g', 17)
                                .arg(i - 1)
                                .arg(ll[i - 1].toDouble(), 0, 'g', 17)));
}

} // namespace

class TestCliGmm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runWritesJson();
    void sameSeedSameOutput();
    void covarianceTypes_data();
    void covarianceTypes();
    void badInput_data();
    void badInput();
    void ctrlCWritesNothing();
    void figureSvg();
    void figureBadSuffix();
    void benchWritesJson();
    void helpListsGmm();

private:
    QTemporaryDir m_dir;
};

void TestCliGmm::initTestCase() {
    QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
    QVERIFY(m_dir.isValid());
}

void TestCliGmm::runWritesJson() {
    const QString json = m_dir.filePath("gmm.json");
    const Result r = runExe({"run", "gmm", "--dataset", "old-faithful", "--k", "2", "--covariance", "full",
                             "--init", "kmeans", "--seed", "3", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed().count('\n'), 0); // a one-line summary
    QVERIFY2(r.out.contains("converged"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["algorithm"].toString(), QString("gmm"));
    QCOMPARE(o["seed"].toInt(), 3);
    const QJsonObject params = o["params"].toObject();
    QCOMPARE(params["k"].toInt(), 2);
    QCOMPARE(params["covariance-type"].toString(), QString("full"));
    QCOMPARE(params["init"].toString(), QString("kmeans"));
    const QJsonObject ds = o["dataset"].toObject();
    QCOMPARE(ds["name"].toString(), QString("old-faithful"));
    QCOMPARE(ds["n"].toInt(), 272);
    QCOMPARE(ds["d"].toInt(), 2);
    QCOMPARE(ds["standardized"].toBool(), false);

    checkParameters(o["initial"].toObject(), 2, 2);
    checkParameters(o, 2, 2);
    // final {weights, means, covariances} repeats the top-level fitted parameters.
    const QJsonObject fin = o["final"].toObject();
    checkParameters(fin, 2, 2);
    for (const char* key : {"weights", "means", "covariances"}) QCOMPARE(fin[key], o[key]);
    QCOMPARE(o["reg_covar"].toDouble(), 1e-6); // the default
    QVERIFY(isMatrix(o["responsibilities"], 272, 2));
    for (const auto& row : o["responsibilities"].toArray()) {
        const QJsonArray g = row.toArray();
        QVERIFY(g[0].toDouble() >= 0 && g[1].toDouble() >= 0);
        QVERIFY2(std::abs(g[0].toDouble() + g[1].toDouble() - 1) < 1e-5,
                 qPrintable(QString::number(g[0].toDouble() + g[1].toDouble(), 'g', 17)));
    }
    QVERIFY(o["converged"].toBool());
    QVERIFY(!o["diverged"].toBool());
    const int iterations = o["iterations"].toInt();
    QVERIFY(iterations >= 2);
    const QJsonArray ll = o["log_likelihood"].toArray();
    QCOMPARE(ll.size(), iterations + 1);
    QVERIFY(o["log_likelihood_definition"].toString().contains("per sample"));
    checkNonDecreasing(ll);
    const double total = o["total_log_likelihood"].toDouble();
    QVERIFY(std::abs(total - 272 * ll.last().toDouble()) < 1e-9 * std::abs(total));
    // The classic two-component fit of Old Faithful (mclust VVV, G = 2): log L = −1130.26.
    QVERIFY2(std::abs(total + 1130.26) < 0.05, qPrintable(QString::number(total, 'g', 10)));

    const int m = 2 * 2 + 1 + 2 * 3; // means + weights + full covariances
    QCOMPARE(o["n_parameters"].toInt(), m);
    QVERIFY(std::abs(o["aic"].toDouble() - (2.0 * m - 2 * total)) < 1e-9 * std::abs(total));
    QVERIFY(std::abs(o["bic"].toDouble() - (m * std::log(272.0) - 2 * total)) < 1e-9 * std::abs(total));

    const QJsonArray labels = o["labels"].toArray();
    QCOMPARE(labels.size(), 272);
    int ones = 0;
    for (const auto& l : labels) {
        QVERIFY(l.toInt() == 0 || l.toInt() == 1);
        ones += l.toInt();
    }
    QVERIFY(ones > 50 && ones < 222); // both eruption types found
    QVERIFY(o["seconds"].toDouble() >= 0);
}

void TestCliGmm::sameSeedSameOutput() {
    QJsonObject runs[2];
    const QStringList threads[2] = {{"--threads", "1"}, {}}; // results do not depend on threads
    for (int i = 0; i < 2; ++i) {
        const QString json = m_dir.filePath(QString("same%1.json").arg(i));
        const Result r = runExe(QStringList{"run", "gmm", "--dataset", "blobs", "--n", "3000", "--k", "4",
                                            "--init", "kmeans++", "--seed", "11", "--json", json}
                                << threads[i]);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        runs[i] = readJson(json);
        QVERIFY(runs[i].contains("seconds"));
        runs[i].remove("seconds");
    }
    QVERIFY(!runs[0].isEmpty());
    QCOMPARE(runs[0], runs[1]);
}

void TestCliGmm::covarianceTypes_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("nParameters"); // K = 3, d = 2: means 6 + weights 2 + covariances
    QTest::newRow("full") << "--covariance-type" << "full" << 6 + 2 + 9;
    QTest::newRow("diag") << "--covariance" << "diag" << 6 + 2 + 6;
    QTest::newRow("spherical") << "--covariance" << "spherical" << 6 + 2 + 3;
    QTest::newRow("tied") << "--covariance-type" << "tied" << 6 + 2 + 3;
}

void TestCliGmm::covarianceTypes() {
    QFETCH(QString, option);
    QFETCH(QString, type);
    QFETCH(int, nParameters);
    const QString json = m_dir.filePath("type-" + type + ".json");
    const Result r = runExe({"run", "gmm", "--dataset", "old-faithful", "--standardize", "--k", "3", option, type,
                             "--seed", "2", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(type + " covariances"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["params"].toObject()["covariance-type"].toString(), type);
    QCOMPARE(o["dataset"].toObject()["standardized"].toBool(), true);
    QCOMPARE(o["n_parameters"].toInt(), nParameters);
    checkParameters(o, 3, 2);
    checkNonDecreasing(o["log_likelihood"].toArray());
    const QJsonArray covariances = o["covariances"].toArray();
    for (const auto& c : covariances) {
        const QJsonArray m = c.toArray();
        const double a = m[0].toArray()[0].toDouble(), b = m[0].toArray()[1].toDouble();
        const double dd = m[1].toArray()[1].toDouble();
        if (type == "diag" || type == "spherical") QCOMPARE(b, 0.0);
        if (type == "spherical") QCOMPARE(a, dd);
        if (type == "tied") QCOMPARE(c.toArray(), covariances[0].toArray());
    }
}

void TestCliGmm::badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown covariance") << QStringList{"run", "gmm", "--covariance", "banana"} << "is not one of";
    QTest::newRow("unknown covariance-type") << QStringList{"run", "gmm", "--covariance-type", "round"} << "is not one of";
    QTest::newRow("k zero") << QStringList{"run", "gmm", "--k", "0"} << "--k";
    QTest::newRow("k above n") << QStringList{"run", "gmm", "--dataset", "blobs", "--n", "5", "--k", "10"} << "at least 10 points";
    QTest::newRow("unknown option") << QStringList{"run", "gmm", "--colour", "red"} << "unknown option --colour";
    QTest::newRow("kmeans option") << QStringList{"run", "gmm", "--distance", "l1"} << "unknown option --distance";
    QTest::newRow("figure suffix") << QStringList{"run", "gmm", "--figure", "gmm-out.bmp"} << ".png, .svg or .pdf";
    QTest::newRow("bad tol") << QStringList{"run", "gmm", "--tol", "-1"} << "--tol";
    QTest::newRow("unknown data set") << QStringList{"run", "gmm", "--dataset", "no-such-data"} << "unknown data set";
    QTest::newRow("unwritable") << QStringList{"run", "gmm", "--json", "/no/such/folder/out.json"} << "cannot write";
    QTest::newRow("bench unknown option") << QStringList{"bench", "gmm", "--n", "100", "--init", "kmeans"} << "unknown option --init";
    QTest::newRow("bench k above n") << QStringList{"bench", "gmm", "--n", "5", "--k", "10"} << "--k must not exceed --n";
    QTest::newRow("bench bad covariance") << QStringList{"bench", "gmm", "--n", "100", "--covariance", "x"} << "is not one of";
}

void TestCliGmm::badInput() {
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
}

// A long run reports progress with a time-left estimate; Ctrl-C stops it with code 130 and no
// output file.
void TestCliGmm::ctrlCWritesNothing() {
    const QString json = m_dir.filePath("cancelled.json");
    QProcess p;
    p.setReadChannel(QProcess::StandardError);
    p.start(qEnvironmentVariable("LATENTLAB_EXE"),
            {"run", "gmm", "--dataset", "blobs", "--n", "20000", "--k", "5", "--tol", "0", "--max-iter",
             "100000", "--threads", "1", "--json", json});
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

// --figure draws the final state: a well-formed SVG with paths or polylines and the title.
void TestCliGmm::figureSvg() {
    const QString fig = m_dir.filePath("gmm.svg");
    const Result r = runExe({"run", "gmm", "--dataset", "old-faithful", "--k", "2", "--covariance", "full",
                             "--seed", "3", "--figure", fig, "--size", "1200x800"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile f(fig);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QXmlStreamReader xml(svg);
    int shapes = 0;
    bool root = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        if (xml.name() == QLatin1String("svg")) root = true;
        if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")) ++shapes;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(root);
    QVERIFY2(shapes > 0, "no <path> or <polyline> in the SVG");
    QVERIFY2(svg.contains("Gaussian mixture, K = 2, full covariances, on old-faithful (seed 3)"), svg.left(400).constData());
    QVERIFY(!QFile::exists(fig + ".part.svg"));
}

void TestCliGmm::figureBadSuffix() {
    const QString fig = m_dir.filePath("gmm.bmp");
    const QString json = m_dir.filePath("gmm-bad-figure.json");
    const Result r = runExe({"run", "gmm", "--figure", fig, "--json", json});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(".png, .svg or .pdf"), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY(!QFile::exists(fig));
    QVERIFY(!QFile::exists(fig + ".part.bmp"));
    QVERIFY(!QFile::exists(json));
}

void TestCliGmm::benchWritesJson() {
    const QString json = m_dir.filePath("bench.json");
    const Result r = runExe({"bench", "gmm", "--n", "5000", "--d", "2", "--k", "3", "--iterations", "3", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("median"), qPrintable(r.out));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["benchmark"].toString(), QString("gmm"));
    QCOMPARE(o["n"].toInt(), 5000);
    QCOMPARE(o["d"].toInt(), 2);
    QCOMPARE(o["k"].toInt(), 3);
    QCOMPARE(o["iterations"].toInt(), 3);
    QCOMPARE(o["covariance_type"].toString(), QString("full"));
    QVERIFY(o["threads"].toInt() >= 1);
    QVERIFY(o["ms_per_iteration"].toDouble() > 0);
}

void TestCliGmm::helpListsGmm() {
    const Result r = runExe({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("run gmm"));
    QVERIFY(r.out.contains("bench gmm"));
    QVERIFY(r.out.contains("--covariance-type"));
    QVERIFY(r.out.contains("run gmm [--dataset NAME] [--standardize] [--seed N] [--json FILE]\n            [--figure"));
}

QTEST_GUILESS_MAIN(TestCliGmm)
#include "test_cli_gmm.moc"
