// Built-in data sets, the seeded generators and loadDataset()'s name resolution.
#include "core/datasets.h"
#include "core/generators.h"
#include "core/sample_metrics.h"
#include "python_check.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <set>

using namespace latentlab::core;

namespace {

Dataset generated(const QString& name, int n, uint64_t seed) {
    Params p = datasetParams(name.toStdString());
    p.set("n", int64_t(n));
    return loadDataset(name.toStdString(), p, seed);
}

QString dataErrorOf(const std::string& name) {
    try {
        loadDataset(name, Params(), 1);
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const QStringList kGenerators = {"blobs",   "aniso-blobs", "varied-blobs", "two-moons",
                                 "circles", "spirals",     "uniform",      "ring",
                                 "grid25",  "swiss-roll",  "spiral",       "line"};
/// Generators of images rather than 2-D points (their own tests: tests/core/test_rbm_data.cpp).
const QStringList kImageGenerators = {"bars-and-stripes"};

} // namespace

class TestDatasets : public QObject {
    Q_OBJECT
private slots:
    void listsFilesThenGenerators();
    void builtins_data();
    void builtins();
    void irisAndDigitsContent();
    void generators_data();
    void generators();
    void generatorParams();
    void geometry();
    void anisoIsShearedBlobs();
    void blobSpread();
    void mixture1d();
    void ganAndDiffusionToys();
    void swissRollMatchesSklearn();
    void rejectsBadParams();
    void loadsFilesByPath();
    void unknownName();
    void standardizes();
};

void TestDatasets::listsFilesThenGenerators() {
    QStringList names;
    for (const auto& info : listDatasets()) {
        names << QString::fromStdString(info.name);
        QVERIFY(!info.description.empty());
        QCOMPARE(findDataset(info.name), &info);
    }
    QCOMPARE(names, QStringList({"old-faithful", "iris", "digits", "fashion-mnist", "fashion-mnist-test", "fashion-mnist-14",
                                     "fashion-mnist-test-14"}) +
                        kGenerators + QStringList{"mixture-1d"} + kImageGenerators);
    QVERIFY(findDataset("nope") == nullptr);
    QCOMPARE(generatorInfos().size(), size_t(kGenerators.size() + 1 + kImageGenerators.size()));
}

void TestDatasets::builtins_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<QString>("firstFeature");
    QTest::addColumn<int>("classes");
    QTest::addColumn<bool>("image");
    QTest::newRow("old-faithful") << "old-faithful" << 272 << 2 << "eruptions" << 0 << false;
    QTest::newRow("iris") << "iris" << 150 << 4 << "sepal_length" << 3 << false;
    QTest::newRow("digits") << "digits" << 1797 << 64 << "p0" << 10 << true;
}

void TestDatasets::builtins() {
    QFETCH(QString, name);
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(QString, firstFeature);
    QFETCH(int, classes);
    QFETCH(bool, image);
    const Dataset d = loadDataset(name.toStdString(), datasetParams(name.toStdString()), 1);
    QCOMPARE(d.name, name.toStdString());
    QCOMPARE(d.n(), rows);
    QCOMPARE(d.d(), cols);
    QCOMPARE(d.featureNames.front(), firstFeature.toStdString());
    QCOMPARE(int(d.labelNames.size()), classes);
    QCOMPARE(int(d.labels.size()), classes ? rows : 0);
    QCOMPARE(d.imageShape.has_value(), image);
    QVERIFY(d.X.allFinite());
    QVERIFY(datasetParams(name.toStdString()).specs().empty());
}

void TestDatasets::irisAndDigitsContent() {
    const Dataset iris = loadDataset("iris", Params(), 0);
    QCOMPARE(iris.labelNames, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
    std::vector<int> counts(3);
    for (int l : iris.labels)
        ++counts[size_t(l)];
    QCOMPARE(counts, (std::vector<int>{50, 50, 50}));
    QCOMPARE(iris.X(0, 0), 5.1f);

    const Dataset digits = loadDataset("digits", Params(), 0);
    for (int c = 0; c < 10; ++c)
        QCOMPARE(digits.labelNames[size_t(c)], std::to_string(c));
    QCOMPARE(digits.labels[0], 0); // the first UCI digit is a 0
    QCOMPARE(digits.labels[1], 1);
    QCOMPARE(digits.imageShape->height, 8);
    QCOMPARE(digits.imageShape->width, 8);
    QCOMPARE(digits.imageShape->channels, 1);
    QVERIFY(digits.X.minCoeff() >= 0.0f && digits.X.maxCoeff() <= 16.0f);

    const Dataset faithful = loadDataset("old-faithful", Params(), 0);
    QCOMPARE(faithful.featureNames, (std::vector<std::string>{"eruptions", "waiting"}));
    QCOMPARE(faithful.X(0, 0), 3.6f);
    QCOMPARE(faithful.X(0, 1), 79.0f);
}

void TestDatasets::generators_data() {
    QTest::addColumn<QString>("name");
    for (const QString& g : kGenerators)
        QTest::newRow(qPrintable(g)) << g;
}

void TestDatasets::generators() {
    QFETCH(QString, name);
    for (int n : {1, 2, 3, 537}) {
        const Dataset a = generated(name, n, 42);
        QCOMPARE(a.n(), n);
        QCOMPARE(a.d(), 2);
        QCOMPARE(a.featureNames, (std::vector<std::string>{"x", "y"}));
        QCOMPARE(a.labels.size(), size_t(n));
        QVERIFY(!a.labelNames.empty());
        for (int l : a.labels)
            QVERIFY(l >= 0 && size_t(l) < a.labelNames.size());
        QVERIFY(a.X.allFinite());
        const Dataset b = generated(name, n, 42);
        QVERIFY(a.X == b.X);
        QCOMPARE(a.labels, b.labels);
    }
    QVERIFY(generated(name, 537, 42).X != generated(name, 537, 43).X);
    // Defaults: an empty Params gives the spec defaults (n = 500).
    QCOMPARE(loadDataset(name.toStdString(), Params(), 5).n(), 500);
}

void TestDatasets::generatorParams() {
    for (const auto& info : generatorInfos()) {
        QVERIFY(info.generator);
        std::set<std::string> names;
        for (const ParamSpec& s : info.params) {
            names.insert(s.name);
            QVERIFY(!s.label.empty() && !s.doc.empty());
            QCOMPARE(s.type, s.name == "noise" ? ParamType::Real : ParamType::Int);
            QVERIFY(s.minValue <= s.defaultValue && s.defaultValue <= s.maxValue);
        }
        QVERIFY(names.count("n") && names.count("noise"));
        if (kImageGenerators.contains(QString::fromStdString(info.name))) continue;
        const Params p = datasetParams(info.name);
        QCOMPARE(p.getInt("n"), int64_t(500));
        QCOMPARE(p.spec("n")->maxValue, 2e6);
        QCOMPARE(p.spec("noise")->maxValue, 10.0);
        if (p.spec("k")) QCOMPARE(p.spec("k")->maxValue, 64.0);
    }
    Params p = datasetParams("blobs");
    QCOMPARE(p.getInt("k"), int64_t(3));
    QCOMPARE(p.getReal("noise"), 1.0);
    p.set("k", int64_t(5));
    p.set("n", int64_t(1003));
    const Dataset d = loadDataset("blobs", p, 3);
    QCOMPARE(d.labelNames.size(), size_t(5));
    std::vector<int> counts(5);
    for (int l : d.labels)
        ++counts[size_t(l)];
    QCOMPARE(counts, (std::vector<int>{201, 201, 201, 200, 200})); // make_blobs' even split
    QCOMPARE(datasetParams("ring").getInt("k"), int64_t(8));
    QCOMPARE(datasetParams("ring").getReal("noise"), 0.05);
    QCOMPARE(datasetParams("two-moons").getReal("noise"), 0.1);
    QVERIFY(datasetParams("two-moons").spec("k") == nullptr);
}

void TestDatasets::geometry() {
    // Without noise every point lies exactly on its curve.
    const Dataset circles = makeCircles(400, 0.0, 1);
    for (int i = 0; i < circles.n(); ++i)
        QVERIFY(std::abs(circles.X.row(i).norm() - (circles.labels[size_t(i)] ? 0.5f : 1.0f)) <
                1e-5f);
    const Dataset moons = makeMoons(401, 0.0, 1);
    for (int i = 0; i < moons.n(); ++i) {
        const bool upper = moons.labels[size_t(i)] == 0;
        const float cx = upper ? 0.0f : 1.0f, cy = upper ? 0.0f : 0.5f;
        const float dx = moons.X(i, 0) - cx, dy = moons.X(i, 1) - cy;
        QVERIFY(std::abs(std::hypot(dx, dy) - 1.0f) < 1e-5f);
        QVERIFY(upper ? dy >= -1e-6f : dy <= 1e-6f);
    }
    QCOMPARE(std::count(moons.labels.begin(), moons.labels.end(), 0), 200L);
    const Dataset ring = makeRing(300, 6, 0.0, 1);
    for (int i = 0; i < ring.n(); ++i) {
        const double angle = 2 * M_PI * ring.labels[size_t(i)] / 6;
        QVERIFY(std::abs(ring.X(i, 0) - 2 * std::cos(angle)) < 1e-5);
        QVERIFY(std::abs(ring.X(i, 1) - 2 * std::sin(angle)) < 1e-5);
    }
    const Dataset spirals = makeSpirals(500, 0.0, 1);
    QVERIFY(spirals.X.rowwise().norm().maxCoeff() <= 1.5f + 1e-5f);
    const Dataset uniform = makeUniform(1000, 1);
    QVERIFY(uniform.X.minCoeff() >= 0.0f && uniform.X.maxCoeff() < 1.0f);
    const Dataset blobs = makeBlobs(500, 4, 0.0, 1);
    QVERIFY(blobs.X.cwiseAbs().maxCoeff() <= 10.0f);
}

void TestDatasets::anisoIsShearedBlobs() {
    const Dataset blobs = makeBlobs(300, 3, 1.0, 9);
    const Dataset aniso = makeAnisoBlobs(300, 3, 1.0, 9);
    Eigen::Matrix2f shear;
    shear << 0.6f, -0.64f, -0.41f, 0.85f;
    QVERIFY((blobs.X * shear - aniso.X).cwiseAbs().maxCoeff() < 1e-5f);
    QCOMPARE(aniso.labels, blobs.labels);
}

void TestDatasets::blobSpread() {
    // Per-blob sample std ≈ noise × (1, 2.5, 0.5) for varied-blobs, ≈ noise for blobs.
    auto blobStd = [](const Dataset& d, int label) {
        std::vector<Eigen::RowVector2d> rows;
        for (int i = 0; i < d.n(); ++i)
            if (d.labels[size_t(i)] == label) rows.push_back(d.X.row(i).cast<double>());
        Eigen::RowVector2d mean = Eigen::RowVector2d::Zero();
        for (const auto& r : rows)
            mean += r;
        mean /= double(rows.size());
        double ss = 0;
        for (const auto& r : rows)
            ss += (r - mean).squaredNorm();
        return std::sqrt(ss / (2.0 * double(rows.size())));
    };
    const Dataset varied = makeVariedBlobs(30000, 3, 2.0, 4);
    QVERIFY(std::abs(blobStd(varied, 0) - 2.0) < 0.1);
    QVERIFY(std::abs(blobStd(varied, 1) - 5.0) < 0.2);
    QVERIFY(std::abs(blobStd(varied, 2) - 1.0) < 0.05);
    const Dataset blobs = makeBlobs(30000, 3, 0.7, 4);
    for (int c = 0; c < 3; ++c)
        QVERIFY(std::abs(blobStd(blobs, c) - 0.7) < 0.03);
}

void TestDatasets::mixture1d() {
    Params p = datasetParams("mixture-1d");
    QCOMPARE(p.getInt("k"), int64_t(2));
    QCOMPARE(p.getReal("noise"), 1.0);
    p.set("n", int64_t(30000));
    p.set("k", int64_t(3));
    p.set("noise", 0.5);
    const Dataset d = loadDataset("mixture-1d", p, 7);
    QCOMPARE(d.n(), 30000);
    QCOMPARE(d.d(), 1);
    QCOMPARE(d.featureNames, std::vector<std::string>{"x"});
    QCOMPARE(d.labelNames.size(), size_t(3));
    QVERIFY(d.X.allFinite());
    // Component j: mean 4(j − 1), std 0.5 × (1, 0.6, 1.4)[j], weight (j + 1)/6.
    const double means[] = {-4, 0, 4}, stds[] = {0.5, 0.3, 0.7},
                 weights[] = {1 / 6.0, 2 / 6.0, 3 / 6.0};
    for (int j = 0; j < 3; ++j) {
        double count = 0, sum = 0, sq = 0;
        for (int i = 0; i < d.n(); ++i) {
            if (d.labels[size_t(i)] != j) continue;
            ++count;
            sum += d.X(i, 0);
            sq += double(d.X(i, 0)) * d.X(i, 0);
        }
        const double mean = sum / count, sd = std::sqrt(sq / count - mean * mean);
        QVERIFY2(std::abs(count / d.n() - weights[j]) < 0.015,
                 qPrintable(QString::number(count / d.n())));
        QVERIFY2(std::abs(mean - means[j]) < 0.03, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(sd / stds[j] - 1) < 0.04, qPrintable(QString::number(sd)));
    }
    const Dataset again = loadDataset("mixture-1d", p, 7);
    QVERIFY(again.X == d.X);
    QVERIFY(loadDataset("mixture-1d", p, 8).X != d.X);
    QCOMPARE(loadDataset("mixture-1d", Params(), 1).n(), 500);
}

void TestDatasets::ganAndDiffusionToys() {
    // grid25: without noise every point is its label's centre, (2c − 4, 2r − 4) for label 5r + c;
    // components are drawn uniformly; with noise the spread around the centre is the noise.
    const Matrix centres = grid25Centres();
    QCOMPARE(centres.rows(), Eigen::Index(25));
    const Dataset grid = makeGrid25(25000, 0.0, 3);
    std::vector<int> counts(25);
    for (int i = 0; i < grid.n(); ++i) {
        const int l = grid.labels[size_t(i)];
        ++counts[size_t(l)];
        QCOMPARE(grid.X(i, 0), float(2 * (l % 5) - 4));
        QCOMPARE(grid.X(i, 1), float(2 * (l / 5) - 4));
    }
    for (int c : counts) QVERIFY2(std::abs(c - 1000) < 5 * 31, qPrintable(QString::number(c))); // binomial sd ≈ 31
    const Dataset noisy = makeGrid25(20000, 0.05, 3);
    double ss = 0;
    for (int i = 0; i < noisy.n(); ++i)
        ss += (noisy.X.row(i) - centres.row(noisy.labels[size_t(i)])).squaredNorm();
    QVERIFY(std::abs(std::sqrt(ss / (2.0 * noisy.n())) - 0.05) < 0.001);
    QCOMPARE(datasetParams("grid25").getReal("noise"), 0.05);
    QVERIFY(datasetParams("grid25").spec("k") == nullptr);
    // ringCentres are the noise-free ring points.
    const Matrix ring = ringCentres(8);
    const Dataset ringData = makeRing(200, 8, 0.0, 2);
    for (int i = 0; i < ringData.n(); ++i)
        QVERIFY((ringData.X.row(i) - ring.row(ringData.labels[size_t(i)])).norm() < 1e-6f);

    // swiss-roll: make_swiss_roll's (t cos t, t sin t)/10 with t ∈ [1.5π, 4.5π]: the radius is
    // t/10 and the angle is t (mod 2π).
    const Dataset roll = makeSwissRoll(3000, 0.0, 4);
    double rMin = 10, rMax = 0;
    for (int i = 0; i < roll.n(); ++i) {
        const double r = std::hypot(double(roll.X(i, 0)), double(roll.X(i, 1))), t = 10 * r;
        rMin = std::min(rMin, r);
        rMax = std::max(rMax, r);
        QVERIFY(t >= 1.5 * M_PI - 1e-5 && t <= 4.5 * M_PI + 1e-5);
        QVERIFY(std::abs(roll.X(i, 0) - 0.1 * t * std::cos(t)) < 1e-5);
        QVERIFY(std::abs(roll.X(i, 1) - 0.1 * t * std::sin(t)) < 1e-5);
    }
    QVERIFY(rMin < 0.15 * M_PI + 0.01 && rMax > 0.45 * M_PI - 0.01); // the whole roll is covered

    // spiral: r = θ/2π with θ the angle (mod 2π), up to 1.5 turns.
    const Dataset spiral = makeSpiral(2000, 0.0, 5);
    for (int i = 0; i < spiral.n(); ++i) {
        const double r = std::hypot(double(spiral.X(i, 0)), double(spiral.X(i, 1)));
        const double theta = 2 * M_PI * r;
        QVERIFY(r <= 1.5 + 1e-5);
        QVERIFY(std::abs(spiral.X(i, 0) - r * std::cos(theta)) < 1e-4);
        QVERIFY(std::abs(spiral.X(i, 1) - r * std::sin(theta)) < 1e-4);
    }
    // line: on the diagonal segment, spread over all of it; noise is isotropic.
    const Dataset line = makeLine(2000, 0.0, 6);
    QVERIFY((line.X.col(0) - line.X.col(1)).isZero());
    QVERIFY(line.X.minCoeff() >= -1.0f && line.X.maxCoeff() <= 1.0f);
    QVERIFY(line.X.minCoeff() < -0.99f && line.X.maxCoeff() > 0.99f);
    const Dataset noisyLine = makeLine(20000, 0.1, 6);
    const Eigen::ArrayXd across = ((noisyLine.X.col(0) - noisyLine.X.col(1)) / std::sqrt(2.0f)).cast<double>().array();
    QVERIFY(std::abs(std::sqrt(across.square().mean()) - 0.1) < 0.003);
    for (const char* name : {"swiss-roll", "spiral", "line"}) {
        const Dataset d = loadDataset(name, Params(), 1);
        QCOMPARE(d.labelNames.size(), size_t(1));
        QCOMPARE(datasetParams(name).getReal("noise"), 0.05);
    }
}

// Same distribution as scikit-learn's make_swiss_roll (x, z)/10: its energy distance to ours is
// as small as between two of our own samples, and far below that to a different curve.
void TestDatasets::swissRollMatchesSklearn() {
    const int n = 4000;
    const auto py = latentlab::test::runPythonCheck("check_sklearn_swiss_roll.py",
                                                    QJsonObject{{"n", n}, {"noise", 0.05}, {"seed", 0}});
    if (py.skipped) QSKIP(qPrintable("scikit-learn is not available: " + py.message));
    QVERIFY2(!py.out.isEmpty(), qPrintable(py.message));
    const Matrix theirs = latentlab::test::matrixOf(py.out["X"].toArray()).cast<float>();
    QCOMPARE(theirs.rows(), Eigen::Index(n));
    const Matrix ours = makeSwissRoll(n, 0.05, 1).X, again = makeSwissRoll(n, 0.05, 2).X;
    const double between = energyDistance(ours, theirs), within = energyDistance(ours, again);
    const double other = energyDistance(makeSpiral(n, 0.05, 1).X, theirs);
    qInfo("energy distance to scikit-learn's roll %.2g, ours vs ours %.2g, spiral vs roll %.2g",
          between, within, other);
    // Measured over 20 seeds at n = 4000: ours vs ours 1.9e-4 to 1.6e-3 (median 4e-4), ours vs
    // scikit-learn 3.2e-4 to 1.6e-3 (median 8e-4); the spiral vs the roll 0.12.
    QVERIFY2(between < 3e-3, qPrintable(QString::number(between)));
    QVERIFY(within < 3e-3 && other > 0.05);
}

void TestDatasets::rejectsBadParams() {
    QVERIFY_THROWS_EXCEPTION(ParamError, makeBlobs(0, 3, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeBlobs(2'000'001, 3, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeBlobs(10, 0, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeRing(10, 65, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeMoons(10, -0.1, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeCircles(10, 10.5, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeSpirals(10, std::nan(""), 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeGrid25(0, 0.05, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeSwissRoll(10, -1.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeSpiral(10, 11.0, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, makeLine(2'000'001, 0.05, 1));
    QVERIFY_THROWS_EXCEPTION(ParamError, ringCentres(0));
    Params p = datasetParams("ring");
    QVERIFY_THROWS_EXCEPTION(ParamError, p.set("n", int64_t(0)));
    QVERIFY_THROWS_EXCEPTION(ParamError, p.setFromString("k", "100"));
    QVERIFY_THROWS_EXCEPTION(ParamError, p.setFromString("noise", "11"));
    try {
        makeBlobs(0, 3, 1.0, 1);
    } catch (const ParamError& e) {
        QCOMPARE(std::string(e.what()), std::string("--n must be between 1 and 2000000, got 0"));
    }
}

void TestDatasets::loadsFilesByPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& file : {QString("points.csv"), QString("points.txt")}) {
        const std::string path = dir.filePath(file).toStdString();
        std::ofstream(path) << "u,v\n1,2\n3,4\n5,6\n";
        const Dataset d = loadDataset(path, Params(), 0);
        QCOMPARE(d.n(), 3);
        QCOMPARE(d.name, file.toStdString());
    }
    QVERIFY(dataErrorOf(dir.filePath("missing.csv").toStdString()).endsWith("no such file"));
}

void TestDatasets::unknownName() {
    const QString error = dataErrorOf("xyz");
    QVERIFY2(error.startsWith("unknown data set 'xyz'"), qPrintable(error));
    QVERIFY(error.contains("two-moons") && error.contains("iris"));
    QVERIFY(error.contains("latentlab datasets"));
    QVERIFY(datasetParams("xyz").specs().empty());
    QVERIFY_THROWS_EXCEPTION(DataError, generate("iris", Params(), 1));
}

void TestDatasets::standardizes() {
    Dataset d = makeVariedBlobs(2000, 3, 1.0, 11);
    d.X.col(1).array() = d.X.col(1).array() * 1000.0f + 5000.0f; // large offset and scale
    const Standardization s = standardize(d);
    for (int j = 0; j < 2; ++j) {
        const Eigen::VectorXd col = d.X.col(j).cast<double>();
        const double mean = col.mean();
        const double sd = std::sqrt((col.array() - mean).square().mean());
        QVERIFY2(std::abs(mean) < 1e-4, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(sd - 1.0) < 1e-4, qPrintable(QString::number(sd)));
    }
    QVERIFY(s.scale[1] > 100.0f);
    Dataset constant = makeUniform(10, 1);
    constant.X.col(0).setConstant(3.0f);
    const Standardization c = standardize(constant);
    QCOMPARE(c.scale[0], 1.0f);
    QVERIFY(constant.X.col(0).isZero());
}

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"
