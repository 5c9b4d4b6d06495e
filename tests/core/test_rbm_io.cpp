// RBM model files (core/rbm_io.h): an exact round trip, and one clear DataError naming the file
// for every way a file can be broken, truncated or not fit the data. And the shipped pretrained
// Fashion-MNIST model: its shapes, and a pseudo-log-likelihood on test images far better than a
// random model's.
#include "file_test_support.h"
#include "core/datasets.h"
#include "core/rbm_io.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace latentlab::core;

namespace {

RbmModelFile sampleModel(int V, int H) {
    RbmModelFile m;
    m.weights = RbmWeights::zero(V, H);
    Rng rng(3);
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < V; ++i) m.weights.W(i, j) = static_cast<float>(rng.normal());
    for (int i = 0; i < V; ++i) m.weights.a(i) = static_cast<float>(rng.normal());
    for (int j = 0; j < H; ++j) m.weights.b(j) = static_cast<float>(rng.normal());
    m.description = "latentlab run rbm --hidden " + std::to_string(H) + " (ü)";
    return m;
}

QString loadError(const QString& path) {
    return latentlab::test::loadError(path, [](const std::string& p) { loadRbmModel(p); });
}

using latentlab::test::put32;
using latentlab::test::readAll;
using latentlab::test::writeAll;

/// The first n images of Fashion-MNIST's test set, scaled to [0, 1], read straight from the
/// Debian package's IDX file (empty if it is not installed).
Matrix fashionTestImages(int n) {
    const char* env = std::getenv("LATENTLAB_FASHION_MNIST_DIR");
    const std::string path = std::string(env && *env ? env : "/usr/share/datasets/fashion-mnist") +
                             "/t10k-images-idx3-ubyte.gz";
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return {};
    unsigned char header[16];
    Matrix X(n, 784);
    std::vector<unsigned char> row(784);
    bool ok = gzread(f, header, 16) == 16 && header[2] == 0x08 && header[3] == 3;
    for (int i = 0; ok && i < n; ++i) {
        ok = gzread(f, row.data(), 784) == 784;
        for (int j = 0; j < 784; ++j) X(i, j) = row[static_cast<size_t>(j)] / 255.0f;
    }
    gzclose(f);
    return ok ? X : Matrix();
}

} // namespace

class TestRbmIo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void roundTrip();
    void brokenFiles_data();
    void brokenFiles();
    void missingAndFolder();
    void mismatchWithData();
    void refusesBadModels();
    void pretrainedFashionModel();

private:
    QTemporaryDir m_dir;
};

void TestRbmIo::roundTrip() {
    RbmModelFile m = sampleModel(12, 5);
    m.imageShape = ImageShape{3, 4, 1};
    const QString path = m_dir.filePath("model.bin");
    saveRbmModel(path.toStdString(), m);
    QCOMPARE(readAll(path).size(), 48 + static_cast<int>(m.description.size()) + 4 * (12 * 5 + 12 + 5) + 8);
    QVERIFY(!QFile::exists(path + ".part"));
    const RbmModelFile back = loadRbmModel(path.toStdString());
    QVERIFY(back.weights.W == m.weights.W); // bit for bit
    QVERIFY(back.weights.a == m.weights.a && back.weights.b == m.weights.b);
    QCOMPARE(back.description, m.description);
    QVERIFY(back.imageShape && back.imageShape->height == 3 && back.imageShape->width == 4);
    // Without an image shape.
    m.imageShape.reset();
    saveRbmModel(path.toStdString(), m);
    QVERIFY(!loadRbmModel(path.toStdString()).imageShape);
}

void TestRbmIo::brokenFiles_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "empty" << "not a LatentLab RBM model file";
    QTest::newRow("text file") << "text" << "not a LatentLab RBM model file";
    QTest::newRow("header cut") << "cut-header" << "shorter than the 48-byte header";
    QTest::newRow("truncated") << "truncate" << "truncated: ";
    QTest::newRow("extra bytes") << "append" << "has extra data at the end";
    QTest::newRow("flipped weight bit") << "flip" << "checksum mismatch";
    QTest::newRow("future version") << "version" << "format version 2 is not supported";
    QTest::newRow("float64") << "value-size" << "values of 8 bytes are not supported";
    QTest::newRow("zero hidden units") << "shape" << "impossible shape 12 visible × 0 hidden units";
    QTest::newRow("payload disagrees") << "payload" << "header inconsistent";
    QTest::newRow("bad image shape") << "image" << "does not have 12 pixels";
}

// Each damage gives one DataError that names the file and says what is wrong.
void TestRbmIo::brokenFiles() {
    QFETCH(QString, damage);
    QFETCH(QString, message);
    const QString path = m_dir.filePath("broken-" + damage + ".bin");
    RbmModelFile m = sampleModel(12, 5);
    m.imageShape = ImageShape{3, 4, 1};
    saveRbmModel(path.toStdString(), m);
    QByteArray b = readAll(path);
    if (damage == "empty") b.clear();
    if (damage == "text") b = "W = [[0.1, 0.2], ...]\n";
    if (damage == "cut-header") b.truncate(30);
    if (damage == "truncate") b.chop(9);
    if (damage == "append") b.append("xyz");
    if (damage == "flip") b[100] = static_cast<char>(b[100] ^ 0x10);
    if (damage == "version") put32(b, 8, 2);
    if (damage == "value-size") put32(b, 12, 8);
    if (damage == "shape") put32(b, 20, 0);
    if (damage == "payload") put32(b, 40, 12345);
    if (damage == "image") {
        put32(b, 24, 5); // 5 × 4 ≠ 12; fix the checksum so that only the shape is wrong
        const uint64_t size = static_cast<uint64_t>(b.size()) - 8;
        uint64_t h = 0xcbf29ce484222325ULL;
        for (uint64_t i = 0; i < size; ++i) {
            h ^= static_cast<unsigned char>(b[static_cast<int>(i)]);
            h *= 0x100000001b3ULL;
        }
        for (int i = 0; i < 8; ++i) b[static_cast<int>(size) + i] = static_cast<char>(h >> (8 * i));
    }
    writeAll(path, b);
    const QString error = loadError(path);
    QVERIFY2(error.startsWith(path + ": "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!error.contains('\n'));
}

void TestRbmIo::missingAndFolder() {
    QVERIFY(loadError(m_dir.filePath("nope.bin")).contains("cannot be opened"));
    QVERIFY(loadError(m_dir.path()).contains("is a folder"));
    QVERIFY_THROWS_EXCEPTION(DataError, saveRbmModel(m_dir.filePath("no/such/dir/m.bin").toStdString(), sampleModel(2, 2)));
}

void TestRbmIo::mismatchWithData() {
    RbmModelFile m = sampleModel(64, 4);
    const Dataset digits = loadDataset("digits", Params(), 0);
    checkModelFits(m, digits, "m.bin"); // 64 features: fits, with or without image shapes
    m.imageShape = ImageShape{8, 8, 1};
    checkModelFits(m, digits, "m.bin");
    m.imageShape = ImageShape{4, 16, 1};
    try {
        checkModelFits(m, digits, "m.bin");
        QFAIL("no error");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()), QString("m.bin: the model is for 4 × 16 images but digits has 8 × 8 images"));
    }
    const Dataset iris = loadDataset("iris", Params(), 0);
    try {
        checkModelFits(m, iris, "m.bin");
        QFAIL("no error");
    } catch (const DataError& e) {
        QCOMPARE(QString(e.what()), QString("m.bin: the model has 64 visible units but iris has 4 features"));
    }
}

void TestRbmIo::refusesBadModels() {
    const std::string path = m_dir.filePath("bad.bin").toStdString();
    RbmModelFile m = sampleModel(4, 3);
    m.weights.W(1, 1) = std::nanf("");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveRbmModel(path, m));
    m = sampleModel(4, 3);
    m.imageShape = ImageShape{3, 3, 1};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveRbmModel(path, m));
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
}

// The shipped model (README: "Pretrained model") loads, has the documented shape, and explains
// Fashion-MNIST test images far better than a random model with the same shape.
void TestRbmIo::pretrainedFashionModel() {
    const QString path = qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/resources/models/rbm-fashion-256.bin";
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const RbmModelFile m = loadRbmModel(path.toStdString());
    QCOMPARE(m.weights.visible(), 784);
    QCOMPARE(m.weights.hidden(), 256);
    QVERIFY(m.imageShape && m.imageShape->height == 28 && m.imageShape->width == 28);
    QVERIFY(m.description.find("latentlab run rbm") != std::string::npos);
    const Matrix X = fashionTestImages(300);
    if (X.size() == 0) QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    const std::vector<int> flips = pllFlipIndices(300, 784, 12345);
    const double trained = pseudoLogLikelihood(m.weights, X, flips).mean();
    RbmModelFile random = sampleModel(784, 256);
    random.weights.W *= 0.01f;
    random.weights.a.setZero();
    random.weights.b.setZero();
    const double untrained = pseudoLogLikelihood(random.weights, X, flips).mean();
    qInfo("pseudo-log-likelihood on 300 test images: pretrained %.2f, random %.2f", trained, untrained);
    QVERIFY(trained > 0.5 * untrained); // both negative: at least twice as good
    QVERIFY(trained < 0);
}

QTEST_GUILESS_MAIN(TestRbmIo)
#include "test_rbm_io.moc"
