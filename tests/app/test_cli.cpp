// The command line, run as a user would: JSON fields and shapes, determinism, figures, bad
// input (exit code 2, one line on stderr, no output file), and the scikit-learn cross-check.
#include "core/datasets.h"
#include "core/kmeans.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace latentlab;

#include "cli_test_support.h"

using namespace latentlab::test;

namespace {





} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runKMeansWritesJson();
    void sameSeedSameOutput();
    void figureFormats_data();
    void figureFormats();
    void figureDarkTheme();
    void animationGif();
    void badInput_data();
    void badInput();
    void benchWritesJson();
    void datasetsListed();
    void agreesWithScikitLearn_data();
    void agreesWithScikitLearn();

private:
    QTemporaryDir m_dir;
};

void TestCli::initTestCase() {
    QVERIFY2(QFile::exists(qEnvironmentVariable("LATENTLAB_EXE")), "LATENTLAB_EXE must name the built latentlab");
    QVERIFY(m_dir.isValid());
}

void TestCli::runKMeansWritesJson() {
    const QString json = m_dir.filePath("out.json");
    const Result r = runExe({"run", "kmeans", "--dataset", "old-faithful", "--k", "2", "--init",
                             "kmeans++", "--seed", "7", "--max-iter", "100", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["algorithm"].toString(), QString("kmeans"));
    QCOMPARE(o["seed"].toInt(), 7);
    QCOMPARE(o["params"].toObject()["k"].toInt(), 2);
    QCOMPARE(o["params"].toObject()["init"].toString(), QString("kmeans++"));
    QCOMPARE(o["dataset"].toObject()["name"].toString(), QString("old-faithful"));
    QCOMPARE(o["dataset"].toObject()["n"].toInt(), 272);
    QCOMPARE(o["dataset"].toObject()["d"].toInt(), 2);
    QCOMPARE(o["initial_centroids"].toArray().size(), 2);
    QCOMPARE(o["initial_centroids"].toArray()[0].toArray().size(), 2);
    QCOMPARE(o["centroids"].toArray().size(), 2);
    QCOMPARE(o["labels"].toArray().size(), 272);
    QVERIFY(o["converged"].toBool());
    const QJsonArray objective = o["objective"].toArray();
    QCOMPARE(objective.size(), o["iterations"].toInt() + 1);
    for (int i = 1; i < objective.size(); ++i)
        QVERIFY(objective[i].toDouble() <= objective[i - 1].toDouble());

    // objective[0] is J of the initial centroids: recompute it from the data.
    const core::Dataset data = core::loadDataset("old-faithful", core::Params(), 0);
    const QJsonArray init = o["initial_centroids"].toArray();
    double j0 = 0;
    for (int i = 0; i < data.n(); ++i) {
        double best = 1e300;
        for (const auto& c : init) {
            const double dx = data.X(i, 0) - c.toArray()[0].toDouble();
            const double dy = data.X(i, 1) - c.toArray()[1].toDouble();
            best = std::min(best, dx * dx + dy * dy);
        }
        j0 += best;
    }
    QVERIFY(std::abs(objective[0].toDouble() - j0) < 1e-4 * j0);
}

void TestCli::sameSeedSameOutput() {
    QJsonObject runs[2];
    for (int i = 0; i < 2; ++i) {
        const QString json = m_dir.filePath(QString("same%1.json").arg(i));
        const Result r = runExe({"run", "kmeans", "--dataset", "blobs", "--n", "3000", "--k", "4",
                                 "--seed", "11", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        runs[i] = readJson(json);
        runs[i].remove("seconds");
    }
    QCOMPARE(runs[0], runs[1]);
}

void TestCli::figureFormats_data() {
    QTest::addColumn<QString>("suffix");
    QTest::newRow("svg") << "svg";
    QTest::newRow("pdf") << "pdf";
    QTest::newRow("png") << "png";
}

void TestCli::figureFormats() {
    QFETCH(QString, suffix);
    const QString fig = m_dir.filePath("fig." + suffix);
    const Result r = runExe({"run", "kmeans", "--dataset", "old-faithful", "--standardize", "--k",
                             "2", "--seed", "1", "--figure", fig, "--size", "1600x1000"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile f(fig);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray head = f.read(8);
    if (suffix == "svg") QVERIFY(f.readAll().contains("<svg") || head.contains("<?xml"));
    if (suffix == "pdf") QVERIFY(head.startsWith("%PDF"));
    if (suffix == "png") {
        const QImage img(fig);
        QCOMPARE(img.size(), QSize(1600, 1000));
    }
    QVERIFY(!QFile::exists(fig + ".part." + suffix));
}

void TestCli::figureDarkTheme() {
    const QString light = m_dir.filePath("light.png"), dark = m_dir.filePath("dark.png");
    for (const auto& [path, theme] : {std::pair{light, QStringLiteral("light")}, std::pair{dark, QStringLiteral("dark")}}) {
        const Result r = runExe({"run", "kmeans", "--dataset", "old-faithful", "--k", "2", "--seed", "1", "--figure", path,
                                 "--size", "800x500", "--theme", theme});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }
    QVERIFY(qGray(QImage(light).pixel(2, 2)) > 200);
    QVERIFY(qGray(QImage(dark).pixel(2, 2)) < 60);
    const Result bad = runExe({"run", "kmeans", "--figure", m_dir.filePath("x.png"), "--theme", "blue"});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("--theme"));
    QVERIFY(!QFile::exists(m_dir.filePath("x.png")));
}

void TestCli::animationGif() {
    const QString gif = m_dir.filePath("run.gif");
    const Result r = runExe({"run", "gmm", "--dataset", "old-faithful", "--k", "2", "--seed", "3", "--animation", gif,
                             "--fps", "5", "--frame-step", "2", "--size", "400x300"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile f(gif);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("GIF89a"));
    QVERIFY(bytes.contains("NETSCAPE2.0"));            // loops
    QVERIFY(bytes.count(QByteArray("\x21\xF9\x04", 3)) >= 2); // a graphics control block per frame
    QVERIFY(!QFile::exists(gif + ".part.gif"));
    const Result bad = runExe({"run", "kmeans", "--animation", m_dir.filePath("run.mp4")});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("must end in .gif"));
}

void TestCli::badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown data set") << QStringList{"--dataset", "no-such-data"} << "unknown data set";
    QTest::newRow("bad k") << QStringList{"--k", "0"} << "--k";
    QTest::newRow("k not a number") << QStringList{"--k", "two"} << "not a whole number";
    QTest::newRow("bad init") << QStringList{"--init", "smart"} << "is not one of";
    QTest::newRow("unknown option") << QStringList{"--colour", "red"} << "unknown option --colour";
    QTest::newRow("max-iter zero") << QStringList{"--max-iter", "0"} << "--max-iter";
    QTest::newRow("too many clusters") << QStringList{"--dataset", "blobs", "--n", "5", "--k", "10"} << "at least 10 points";
    QTest::newRow("bad figure suffix") << QStringList{"--figure", "out.bmp"} << ".png, .svg or .pdf";
    QTest::newRow("bad size") << QStringList{"--figure", "out.svg", "--size", "huge"} << "--size";
    QTest::newRow("unwritable") << QStringList{"--json", "/no/such/folder/out.json"} << "cannot write";
    QTest::newRow("malformed csv") << QStringList{"--dataset", "BAD_CSV"} << "bad.csv:3";
}

void TestCli::badInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QFile bad(m_dir.filePath("bad.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("a,b\n1,2\n3,oops\n");
    bad.close();
    args.replaceInStrings("BAD_CSV", bad.fileName());
    const QString json = m_dir.filePath("bad-out.json");
    QFile::remove(json);
    QStringList all{"run", "kmeans"};
    all << args;
    if (!args.contains("--json")) all << "--json" << json;
    const Result r = runExe(all);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
    QVERIFY(!QFile::exists(json));
}

void TestCli::benchWritesJson() {
    const QString json = m_dir.filePath("bench.json");
    const Result r = runExe({"bench", "kmeans", "--n", "20000", "--d", "2", "--k", "5",
                             "--iterations", "3", "--json", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = readJson(json);
    QCOMPARE(o["n"].toInt(), 20000);
    QCOMPARE(o["k"].toInt(), 5);
    QVERIFY(o["ms_per_iteration"].toDouble() > 0);
}

void TestCli::datasetsListed() {
    const Result r = runExe({"datasets"});
    QCOMPARE(r.code, 0);
    for (const auto& info : core::listDatasets())
        QVERIFY2(r.out.contains(QString::fromStdString(info.name)), qPrintable(QString::fromStdString(info.name)));
}

void TestCli::agreesWithScikitLearn_data() {
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("csv");
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("standardize");
    QTest::newRow("old faithful K=2") << "old-faithful" << "resources/data/old_faithful.csv" << 2 << false;
    QTest::newRow("old faithful z K=3") << "old-faithful" << "resources/data/old_faithful.csv" << 3 << true;
    QTest::newRow("iris K=3") << "iris" << "resources/data/iris.csv" << 3 << false;
    QTest::newRow("digits K=10") << "digits" << "resources/data/digits_8x8.csv" << 10 << false;
}

// Same data, same initial centroids → scikit-learn's Lloyd gives the same answer.
void TestCli::agreesWithScikitLearn() {
    QFETCH(QString, dataset);
    QFETCH(QString, csv);
    QFETCH(int, k);
    QFETCH(bool, standardize);
    const QString json = m_dir.filePath("sk.json");
    QStringList args{"run", "kmeans", "--dataset", dataset, "--k", QString::number(k), "--seed", "5", "--json", json};
    if (standardize) args << "--standardize";
    const Result r = runExe(args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QProcess py;
    QStringList pyArgs{source("scripts/bench/check_sklearn_kmeans.py"), json, source(csv)};
    if (standardize) pyArgs << "--standardize";
    py.start("/usr/bin/python3", pyArgs);
    if (!py.waitForStarted(5000)) QSKIP("/usr/bin/python3 is not available");
    QVERIFY(py.waitForFinished(60000));
    const QString out = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
    if (py.exitCode() == 77) QSKIP(qPrintable("scikit-learn is not installed: " + out));
    QVERIFY2(py.exitCode() == 0, qPrintable(out));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
