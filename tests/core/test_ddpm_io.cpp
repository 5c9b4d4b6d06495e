// DDPM model files (core/ddpm_io.h): an exact round trip, and one clear DataError naming the file
// for every way a file can be broken; Ddpm::installTrained goes straight to the reverse chain
// with the file's networks and refuses models that do not fit. And the shipped pretrained models
// (resources/models/ddpm-*.llddpm): they load, and their samples are far closer to fresh data
// than an untrained network's.
#include "file_test_support.h"
#include "core/datasets.h"
#include "core/ddpm_io.h"
#include "core/sample_metrics.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latentlab::core;

namespace {

Dataset moons(uint64_t seed) { return loadDataset("two-moons", Params(findDataset("two-moons")->params), seed); }

Params smallParams() {
    Params p(Ddpm::specs());
    p.set("T", int64_t{20});
    p.set("width", int64_t{16});
    p.set("layers", int64_t{2});
    p.set("train-steps", int64_t{15});
    p.set("batch", int64_t{32});
    p.set("sample-points", int64_t{50});
    return p;
}

/// A shipped model's loss by t right after installTrained is its EMA network evaluated on the
/// data: it removes most of the noise at large t (where x_t is nearly all noise) and little
/// near t = 1 (where the noise is a tiny part of x_t); an untrained network is near or above 1
/// everywhere.
void checkEvaluatedLoss(const Ddpm& installed) {
    const auto s = std::static_pointer_cast<const DdpmSnapshot>(installed.snapshot());
    QVERIFY(s->bucketLossEvaluated);
    QVERIFY(s->loss->empty());
    const std::vector<double>& buckets = s->bucketLoss;
    QVERIFY(std::all_of(buckets.begin(), buckets.end(), [](double v) { return std::isfinite(v) && v >= 0; }));
    QVERIFY2(buckets.back() < 0.05 && buckets.front() > 0.3 && buckets.front() < 1.0,
             qPrintable(QString("%1 … %2").arg(buckets.front()).arg(buckets.back())));
}

/// A briefly trained model and its file contents.
DdpmModelFile trainedFile(Ddpm& ddpm, const Params& p) {
    ddpm.reset(moons(1), p, 3);
    while (!ddpm.sampling()) ddpm.step();
    DdpmModelFile f = makeDdpmModelFile(ddpm, p);
    f.description = "latentlab run ddpm --T 20 (ü)";
    f.datasetParams = {{"n", "1000"}};
    f.dataSeed = 1;
    return f;
}

QString loadError(const QString& path) {
    return latentlab::test::loadError(path, [](const std::string& p) { readDdpmModel(p); });
}

using latentlab::test::put32;
using latentlab::test::readAll;
using latentlab::test::writeAll;

/// Recomputes the trailing FNV-1a checksum so that only the deliberate damage is wrong.
void fixChecksum(QByteArray& b) {
    const int size = int(b.size()) - 8;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(b[i]);
        h *= 0x100000001b3ULL;
    }
    for (int i = 0; i < 8; ++i) b[size + i] = static_cast<char>(h >> (8 * i));
}

bool sameNetwork(const nn::Mlp<float>& a, const nn::Mlp<float>& b) {
    if (a.layers().size() != b.layers().size()) return false;
    for (size_t i = 0; i < a.layers().size(); ++i)
        if (a.layers()[i].W != b.layers()[i].W || a.layers()[i].b != b.layers()[i].b) return false;
    return true;
}

} // namespace

class TestDdpmIo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void roundTripAndInstall();
    void brokenFiles_data();
    void brokenFiles();
    void missingAndFolder();
    void installRefusesMismatches();
    void shippedTwoMoons();
    void shippedDigits();
    void shippedFashion();

private:
    QTemporaryDir m_dir;
};

void TestDdpmIo::roundTripAndInstall() {
    Ddpm ddpm;
    const Params p = smallParams();
    const DdpmModelFile f = trainedFile(ddpm, p);
    const QString path = m_dir.filePath("m.llddpm");
    writeDdpmModel(path.toStdString(), f);
    QVERIFY(!QFile::exists(path + ".part"));
    const DdpmModelFile back = readDdpmModel(path.toStdString());
    QCOMPARE(back.description, f.description);
    QVERIFY(back.params == f.params);
    QCOMPARE(back.params.size(), Ddpm::specs().size());
    QCOMPARE(back.dataset, std::string("two-moons"));
    QVERIFY(back.datasetParams == f.datasetParams);
    QVERIFY(back.dataSeed && *back.dataSeed == 1);
    QVERIFY(!back.imageShape);
    QVERIFY(back.scaling.shift == f.scaling.shift && back.scaling.scale == f.scaling.scale && !back.scaling.image);
    QCOMPARE(back.trainSteps, int64_t{15});
    QVERIFY(sameNetwork(back.network, f.network) && sameNetwork(back.emaNetwork, f.emaNetwork));
    QVERIFY(!sameNetwork(back.network, back.emaNetwork)); // EMA lags the trained weights
    QCOMPARE(back.ddpmParams().getInt("width"), int64_t{16});
    QCOMPARE(back.generatorParams().getInt("n"), int64_t{1000});

    // Installed into a model reset with the file's parameters (on other data of the same
    // dimension): no training, the chain starts at x_T, ε_θ is the file's EMA network.
    Ddpm loaded;
    loaded.reset(moons(9), back.ddpmParams(), 11);
    QVERIFY(!loaded.sampling());
    loaded.installTrained(back);
    QVERIFY(loaded.sampling());
    QCOMPARE(loaded.trainSteps(), int64_t{15});
    QCOMPARE(loaded.currentTimestep(), 20);
    const Matrix x = Matrix::Random(7, 2);
    QCOMPARE(loaded.predictNoise(x, 5), ddpm.predictNoise(x, 5));
    QVERIFY(loaded.scaling().shift == ddpm.scaling().shift);
    int steps = 0;
    while (!loaded.finished()) loaded.step(), ++steps;
    QCOMPARE(steps, 20);
    // Going on training from the file works (Adam starts afresh); the loss by t becomes the
    // running means of training again.
    const auto evaluated = std::static_pointer_cast<const DdpmSnapshot>(loaded.snapshot());
    QVERIFY(evaluated->bucketLossEvaluated);
    QVERIFY(std::isfinite(loaded.trainStep()));
    QCOMPARE(loaded.trainSteps(), int64_t{16});
    const auto resumed = std::static_pointer_cast<const DdpmSnapshot>(loaded.snapshot());
    QVERIFY(!resumed->bucketLossEvaluated);
    QCOMPARE(resumed->loss->size(), size_t(1));

    // Images keep their shape and image scaling.
    Dataset digits = loadDataset("digits", {}, 0);
    Params q = smallParams();
    Ddpm img;
    img.reset(digits, q, 1);
    while (!img.sampling()) img.step();
    writeDdpmModel(path.toStdString(), makeDdpmModelFile(img, q));
    const DdpmModelFile imgBack = readDdpmModel(path.toStdString());
    QVERIFY(imgBack.imageShape && imgBack.imageShape->height == 8 && imgBack.imageShape->width == 8);
    QVERIFY(imgBack.scaling.image && imgBack.scaling.imageMax == 16.0f);
    QCOMPARE(imgBack.dataset, std::string("digits"));
    QVERIFY(!imgBack.dataSeed && imgBack.datasetParams.empty());
}

void TestDdpmIo::brokenFiles_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "empty" << "not a LatentLab DDPM model file";
    QTest::newRow("text file") << "text" << "not a LatentLab DDPM model file";
    QTest::newRow("network file") << "llnet" << "not a LatentLab DDPM model file";
    QTest::newRow("header cut") << "cut-header" << "shorter than the 24-byte header";
    QTest::newRow("truncated") << "truncate" << "truncated: ";
    QTest::newRow("extra bytes") << "append" << "has extra data at the end";
    QTest::newRow("flipped weight bit") << "flip" << "checksum mismatch";
    QTest::newRow("future version") << "version" << "format version 2 is not supported";
    QTest::newRow("zero dimension") << "dimension" << "impossible data dimension 0";
    QTest::newRow("payload length") << "payload" << "the header promises";
    QTest::newRow("unknown parameter") << "unknown-param" << "bad parameter: ";
    QTest::newRow("bad parameter value") << "bad-value" << "bad parameter: ";
    QTest::newRow("width does not fit") << "width" << "network \"epsilon\" does not fit: layer 0 maps 34 → 16";
    QTest::newRow("dimension does not fit") << "dimension-3" << "truncated or inconsistent at byte";
    QTest::newRow("inner network corrupt") << "inner" << "(networks): checksum mismatch";
    QTest::newRow("string length") << "string" << "truncated or inconsistent at byte";
    QTest::newRow("non-finite scaling") << "scale" << "scaling is not finite and positive";
}

// Each damage gives one DataError that names the file and says what is wrong.
void TestDdpmIo::brokenFiles() {
    QFETCH(QString, damage);
    QFETCH(QString, message);
    const QString path = m_dir.filePath("broken-" + damage + ".llddpm");
    Ddpm ddpm;
    const DdpmModelFile f = trainedFile(ddpm, smallParams());
    writeDdpmModel(path.toStdString(), f);
    QByteArray b = readAll(path);
    const int descLen = int(f.description.size());
    const int params = 24 + 4 + descLen + 4; // the first parameter's name length
    auto at = [&](const QByteArray& what) {
        const int i = int(b.indexOf(what));
        if (i < 0) qFatal("no %s in the file", what.constData());
        return i;
    };
    if (damage == "empty") b.clear();
    if (damage == "text") b = "schedule = linear\nT = 20\n";
    if (damage == "llnet") b = QByteArray("LLNET\r\n\x1a", 8) + b.mid(8);
    if (damage == "cut-header") b.truncate(20);
    if (damage == "truncate") b.chop(9);
    if (damage == "append") b.append("xyz");
    if (damage == "flip") b[int(b.size()) - 100] = static_cast<char>(b[int(b.size()) - 100] ^ 0x10);
    if (damage == "version") put32(b, 8, 2);
    if (damage == "dimension") put32(b, 12, 0);
    if (damage == "payload") put32(b, 16, 12345);
    if (damage == "unknown-param") b[params + 4] = 'X', fixChecksum(b); // "schedule" → "Xchedule"
    if (damage == "bad-value") b.replace(at("linear"), 6, "linerr"), fixChecksum(b);
    if (damage == "width") {
        b.replace(at(QByteArray("width") + QByteArray("\x02\0\0\0", 4) + "16"), 11,
                  QByteArray("width") + QByteArray("\x02\0\0\0", 4) + "32");
        fixChecksum(b);
    }
    if (damage == "dimension-3") put32(b, 12, 3), fixChecksum(b);
    if (damage == "inner") {
        const int llnet = at(QByteArray("LLNET\r\n\x1a", 8));
        b[llnet + 60] = static_cast<char>(b[llnet + 60] ^ 0x01);
        fixChecksum(b);
    }
    if (damage == "string") put32(b, 24, 60000), fixChecksum(b); // description length past its end
    if (damage == "scale") {
        const int llnet = at(QByteArray("LLNET\r\n\x1a", 8));
        const int scale = llnet - 8 - 8 - 4 * 2 - 4; // before: shift (2), steps (8), length (8)
        put32(b, scale, 0x7fc00000u);                  // NaN
        fixChecksum(b);
    }
    writeAll(path, b);
    const QString error = loadError(path);
    QVERIFY2(error.startsWith(path + ": ") || error.startsWith(path + " (networks): "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!error.contains('\n'));
}

void TestDdpmIo::missingAndFolder() {
    QVERIFY(loadError(m_dir.filePath("nope.llddpm")).contains("cannot be opened"));
    QVERIFY(loadError(m_dir.path()).contains("is a folder"));
    Ddpm ddpm;
    DdpmModelFile f = trainedFile(ddpm, smallParams());
    QVERIFY_THROWS_EXCEPTION(DataError, writeDdpmModel(m_dir.filePath("no/such/dir/m.llddpm").toStdString(), f));
    f.scaling.shift.resize(3); // no longer fits the networks
    const std::string path = m_dir.filePath("bad.llddpm").toStdString();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDdpmModel(path, f));
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
}

void TestDdpmIo::installRefusesMismatches() {
    Ddpm ddpm;
    const DdpmModelFile f = trainedFile(ddpm, smallParams());
    Ddpm never;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, never.installTrained(f));
    Ddpm other;
    other.reset(loadDataset("iris", {}, 0), f.ddpmParams(), 1);
    try {
        other.installTrained(f);
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QCOMPARE(QString(e.what()), QString("DDPM: the trained model is for 2-dimensional data but iris has 4 features"));
    }
    Params wider = f.ddpmParams();
    wider.set("width", int64_t{32});
    other.reset(moons(2), wider, 1);
    try {
        other.installTrained(f);
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString(e.what()).contains("does not fit the parameters: layer 0 maps 34 → 16"), e.what());
    }
    QVERIFY(!other.sampling()); // untouched
    // Other noise levels than the trained ones are refused; another sampler is not.
    const auto refusedWith = [&](const char* name, const QString& value) {
        Params p = f.ddpmParams();
        p.setFromString(name, value.toStdString());
        other.reset(moons(2), p, 1);
        try {
            other.installTrained(f);
        } catch (const std::invalid_argument& e) {
            return QString(e.what()).contains("cannot sample with other noise levels");
        }
        return false;
    };
    QVERIFY(refusedWith("T", QString::number(f.ddpmParams().getInt("T") + 1)));
    QVERIFY(refusedWith("schedule", f.ddpmParams().getChoice("schedule") == "cosine" ? "linear" : "cosine"));
    QVERIFY(!other.sampling());
    Params ddim = f.ddpmParams();
    ddim.setFromString("sampler", "ddim");
    ddim.set("ddim-steps", int64_t{5});
    other.reset(moons(2), ddim, 1);
    other.installTrained(f);
    QVERIFY(other.sampling());
}

// The shipped two-moons model (README "Pretrained DDPM models"): samples of its reverse chain
// are as close to fresh two-moons data as the training data themselves are, far closer than an
// untrained network of the same shape gets.
void TestDdpmIo::shippedTwoMoons() {
    const QString path = qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/resources/models/ddpm-two-moons.llddpm";
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const DdpmModelFile m = readDdpmModel(path.toStdString());
    QCOMPARE(m.dataset, std::string("two-moons"));
    QCOMPARE(m.dimension(), 2);
    QVERIFY(m.description.find("latentlab run ddpm") != std::string::npos);
    const Dataset fresh = loadDataset(m.dataset, m.generatorParams(), 12345);
    Params p = m.ddpmParams();
    p.set("sample-points", int64_t{600});
    Ddpm trained;
    trained.reset(fresh, p, 4);
    trained.installTrained(m);
    checkEvaluatedLoss(trained);
    while (!trained.finished()) trained.step();
    const Matrix samples = std::static_pointer_cast<const DdpmSnapshot>(trained.snapshot())->points;
    p.set("train-steps", int64_t{0});
    p.set("sample-points", int64_t{200});
    Ddpm untrained;
    untrained.reset(fresh, p, 4);
    while (!untrained.finished()) untrained.step();
    const Matrix raw = std::static_pointer_cast<const DdpmSnapshot>(untrained.snapshot())->points;
    const Matrix train = loadDataset(m.dataset, m.generatorParams(), m.dataSeed.value_or(0)).X;
    const double e = energyDistance(samples, fresh.X), e0 = energyDistance(raw, fresh.X),
                 floor = energyDistance(train, fresh.X);
    qInfo("energy distance to fresh two moons: shipped model %.4f, untrained %.4f, training data %.4f", e, e0, floor);
    QVERIFY(e < 0.01);
    QVERIFY(e0 > 0.01);
}

// The shipped 8×8 digits model: image samples in [0, 16] and much closer to the digits than an
// untrained network's.
void TestDdpmIo::shippedDigits() {
    const QString path = qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/resources/models/ddpm-digits.llddpm";
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const DdpmModelFile m = readDdpmModel(path.toStdString());
    QCOMPARE(m.dataset, std::string("digits"));
    QVERIFY(m.imageShape && m.imageShape->height == 8 && m.imageShape->width == 8);
    const Dataset digits = loadDataset("digits", {}, 0);
    Params p = m.ddpmParams();
    p.set("sample-points", int64_t{150});
    Ddpm trained;
    trained.reset(digits, p, 4);
    trained.installTrained(m);
    checkEvaluatedLoss(trained);
    while (!trained.finished()) trained.step();
    const Matrix samples = std::static_pointer_cast<const DdpmSnapshot>(trained.snapshot())->points;
    QVERIFY(samples.minCoeff() >= 0 && samples.maxCoeff() <= 16);
    p.set("train-steps", int64_t{0});
    p.set("sample-points", int64_t{60});
    Ddpm untrained;
    untrained.reset(digits, p, 4);
    while (!untrained.finished()) untrained.step();
    const Matrix raw = std::static_pointer_cast<const DdpmSnapshot>(untrained.snapshot())->points;
    const Matrix X = digits.X.topRows(600);
    const double e = energyDistance(samples, X), e0 = energyDistance(raw, X),
                 floor = energyDistance(digits.X.bottomRows(150), X);
    qInfo("energy distance to 600 digits: shipped model %.3f, untrained %.3f, 150 other digits %.3f", e, e0, floor);
    QVERIFY(e < 0.25 * e0);
}

// The shipped fashion-mnist-14 model loads and fits 14×14 images (its samples are judged by eye:
// README).
void TestDdpmIo::shippedFashion() {
    const QString path = qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/resources/models/ddpm-fashion-14.llddpm";
    const DdpmModelFile m = readDdpmModel(path.toStdString());
    QCOMPARE(m.dataset, std::string("fashion-mnist-14"));
    QVERIFY(m.imageShape && m.imageShape->height == 14 && m.imageShape->width == 14);
    QVERIFY(m.scaling.image && m.scaling.imageMax == 1.0f);
    QCOMPARE(m.trainSteps, int64_t{15000});
}

QTEST_APPLESS_MAIN(TestDdpmIo)
#include "test_ddpm_io.moc"
