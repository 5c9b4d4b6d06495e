// IDX loader: every element type, plain and gzip, labels and the images→labels naming rule;
// one specific message (file and byte) per kind of bad file; a seeded fuzz run that ends in a
// Dataset or a DataError; progress and cancellation; Fashion-MNIST from the Debian package
// (skipped when it is not installed) and the message when it is missing.
#include "core/datasets.h"
#include "core/idx.h"
#include "core/rng.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

using namespace latentlab::core;

namespace {

/// An IDX file: magic, big-endian sizes, then `payload` as it is.
std::string idx(uint8_t type, const std::vector<uint32_t>& dims, const std::string& payload) {
    std::string s = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
    for (uint32_t v : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            s += static_cast<char>((v >> shift) & 0xFF);
    return s + payload;
}

/// `v` big-endian in `size` bytes (integers), or the IEEE bits of float/double.
std::string be(uint64_t bits, int size) {
    std::string s;
    for (int k = size - 1; k >= 0; --k)
        s += static_cast<char>((bits >> (8 * k)) & 0xFF);
    return s;
}
std::string beFloat(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return be(u, 4);
}
std::string beDouble(double f) {
    uint64_t u;
    std::memcpy(&u, &f, 8);
    return be(u, 8);
}

std::string bytesOf(int n, int start = 0) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += static_cast<char>((start + i * 37) & 0xFF);
    return s;
}

void writeFile(const QString& path, const std::string& bytes) {
    // Removed, not truncated: ext4 flushes a truncated-and-rewritten file to disk on close.
    QFile::remove(path);
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << bytes;
}

std::string gzip(const std::string& bytes) {
    // A private directory: test runs in parallel (other builds, other worktrees) must not share it.
    QTemporaryDir dir;
    const QString tmp = dir.filePath("test-idx.gz");
    gzFile f = gzopen(tmp.toStdString().c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
    std::ifstream in(tmp.toStdString(), std::ios::binary);
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    QFile::remove(tmp);
    return out;
}

/// The DataError message of loading `images` (and `labels`, when not empty) written to
/// files in `dir`, or "" when it loaded.
QString errorOf(const QTemporaryDir& dir, const std::string& images, const std::string& labels = {},
                const IdxOptions& options = {}) {
    const QString ip = dir.filePath("x-images-idx3-ubyte"), lp = dir.filePath("x-labels-idx1-ubyte");
    writeFile(ip, images);
    writeFile(lp, labels);
    try {
        loadIdx(ip.toStdString(), labels.empty() ? "" : lp.toStdString(), options);
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const std::vector<std::string> kThree = {"a", "b", "c"};

} // namespace

class TestIdx : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void loadsBytesWithLabels();
    void elementTypes_data();
    void elementTypes();
    void shapes();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void badGzip();
    void fileErrors();
    void fuzz();
    void progressAndCancel();
    void namingConvention();
    void loadDatasetByPath();
    void fashionMnist_data();
    void fashionMnist();
    void fashionMnistMissing();

private:
    QTemporaryDir m_dir;
};

// 3 images of 2 × 4 unsigned bytes, plain and gzip, with labels: values v / 255 in the right
// places, pixel names, image shape, labels and their names.
void TestIdx::loadsBytesWithLabels() {
    const std::string pixels = bytesOf(24, 5);
    const std::string images = idx(0x08, {3, 2, 4}, pixels);
    const std::string labels = idx(0x08, {3}, std::string{2, 0, 2});
    for (bool gz : {false, true}) {
        const QString ip = m_dir.filePath(gz ? "a-images-idx3-ubyte.gz" : "a-images-idx3-ubyte");
        const QString lp = m_dir.filePath(gz ? "a-labels-idx1-ubyte.gz" : "a-labels-idx1-ubyte");
        writeFile(ip, gz ? gzip(images) : images);
        writeFile(lp, gz ? gzip(labels) : labels);
        const Dataset d = loadIdx(ip.toStdString(), lp.toStdString());
        QCOMPARE(d.n(), 3);
        QCOMPARE(d.d(), 8);
        QCOMPARE(QString::fromStdString(d.name), QFileInfo(ip).fileName());
        QVERIFY(d.imageShape && d.imageShape->height == 2 && d.imageShape->width == 4 &&
                d.imageShape->channels == 1);
        QCOMPARE(d.featureNames.front(), std::string("px_0_0"));
        QCOMPARE(d.featureNames[5], std::string("px_1_1"));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 8; ++j)
                QCOMPARE(d.X(i, j), float(static_cast<unsigned char>(pixels[size_t(i * 8 + j)])) / 255.0f);
        QCOMPARE(d.labels, (std::vector<int>{2, 0, 2}));
        QCOMPARE(d.labelNames, (std::vector<std::string>{"0", "1", "2"}));
        IdxOptions named;
        named.labelNames = kThree;
        QCOMPARE(loadIdx(ip.toStdString(), lp.toStdString(), named).labelNames, kThree);
    }
}

void TestIdx::elementTypes_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QVector<float>>("expected");
    auto qb = [](const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); };
    QTest::newRow("signed byte") << 0x09 << qb(be(0x80, 1) + be(0x7F, 1)) << QVector<float>{-128, 127};
    QTest::newRow("short") << 0x0B << qb(be(0xFFFE, 2) + be(0x1234, 2)) << QVector<float>{-2, 0x1234};
    QTest::newRow("int") << 0x0C << qb(be(0xFFFFFFFF, 4) + be(70000, 4)) << QVector<float>{-1, 70000};
    QTest::newRow("float") << 0x0D << qb(beFloat(-1.5f) + beFloat(3.25e20f)) << QVector<float>{-1.5f, 3.25e20f};
    QTest::newRow("double") << 0x0E << qb(beDouble(0.1) + beDouble(-2e30)) << QVector<float>{0.1f, -2e30f};
}

// Every type but unsigned byte is kept as it is (no scaling), big-endian decoded.
void TestIdx::elementTypes() {
    QFETCH(int, type);
    QFETCH(QByteArray, payload);
    QFETCH(QVector<float>, expected);
    const QString p = m_dir.filePath("t.idx");
    writeFile(p, idx(static_cast<uint8_t>(type), {1, 2}, payload.toStdString()));
    const Dataset d = loadIdx(p.toStdString());
    QCOMPARE(d.n(), 1);
    QCOMPARE(d.d(), 2);
    QVERIFY(!d.imageShape);
    QCOMPARE(d.featureNames, (std::vector<std::string>{"x1", "x2"}));
    QCOMPARE(d.X(0, 0), expected[0]);
    QCOMPARE(d.X(0, 1), expected[1]);
}

// 4 dimensions: colour images, channels last; labels of type short.
void TestIdx::shapes() {
    const QString p = m_dir.filePath("rgb.idx"), l = m_dir.filePath("rgb-labels.idx");
    writeFile(p, idx(0x08, {2, 2, 3, 3}, bytesOf(36)));
    writeFile(l, idx(0x0B, {2}, be(7, 2) + be(1, 2)));
    const Dataset d = loadIdx(p.toStdString(), l.toStdString());
    QCOMPARE(d.d(), 18);
    QVERIFY(d.imageShape && d.imageShape->height == 2 && d.imageShape->width == 3 &&
            d.imageShape->channels == 3);
    QCOMPARE(d.featureNames[0], std::string("px_0_0_0"));
    QCOMPARE(d.featureNames[4], std::string("px_0_1_1"));
    QCOMPARE(d.featureNames[17], std::string("px_1_2_2"));
    QCOMPARE(d.labels, (std::vector<int>{7, 1}));
    QCOMPARE(d.labelNames.size(), size_t(8));
}

void TestIdx::rejectsBadFiles_data() {
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<bool>("named"); ///< labels named a, b, c
    QTest::addColumn<QString>("message");
    auto qb = [](const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); };
    const std::string ok = idx(0x08, {2, 2, 2}, bytesOf(8));
    const QString img = "x-images-idx3-ubyte", lab = "x-labels-idx1-ubyte";
    QTest::newRow("empty") << QByteArray() << QByteArray() << false << img + ": the file is empty, not an IDX file";
    QTest::newRow("magic") << QByteArray("a,b\n1,2\n") << QByteArray() << false
                           << img + ", byte 0: not an IDX file: it starts with 61 2C 62 0A, an IDX file with 00 00";
    QTest::newRow("short magic") << QByteArray("\0\0", 2) << QByteArray() << false
                                 << img + ", byte 0: not an IDX file: it starts with 00 00,";
    QTest::newRow("type") << qb(idx(0x07, {1, 1}, "x")) << QByteArray() << false
                          << img + ", byte 2: type 07 is not an IDX type (08 unsigned byte";
    QTest::newRow("0 dims") << qb(idx(0x08, {}, "")) << QByteArray() << false
                            << img + ", byte 3: the header says the data have 0 dimensions";
    QTest::newRow("1 dim") << qb(idx(0x08, {3}, "abc")) << QByteArray() << false
                           << img + ", byte 3: 1 dimension (3): a labels file, not samples";
    QTest::newRow("5 dims") << qb(idx(0x08, {1, 1, 1, 1, 1}, "a")) << QByteArray() << false
                            << img + ", byte 3: 5 dimensions; samples have 2 to 4";
    QTest::newRow("header cut") << qb(idx(0x08, {2, 2, 2}, "").substr(0, 10)) << QByteArray() << false
                                << img + ", byte 10: the file ends inside the header (size 2 of 3)";
    QTest::newRow("zero size") << qb(idx(0x08, {2, 0, 2}, "")) << QByteArray() << false
                               << img + ", bytes 8-11: size 2 of 3 is 0";
    QTest::newRow("overflow") << qb(idx(0x0E, {4000000000u, 4000000000u, 4000000000u, 4000000000u}, ""))
                              << QByteArray() << false
                              << img + ", bytes 4-19: 4000000000 × 4000000000 × 4000000000 × 4000000000 = "
                                       "256000000000000000000000000000000000000 values, more than the limit of 268435456";
    QTest::newRow("truncated") << qb(idx(0x08, {3, 2, 2}, bytesOf(9))) << QByteArray() << false
                               << img + ", byte 25: the data end inside image 3 of 3 (the header says 3 × 2 × 2 "
                                        "values of type unsigned byte)";
    QTest::newRow("no data") << qb(idx(0x0D, {3, 2}, "")) << QByteArray() << false
                             << img + ", byte 12: the data end inside sample 1 of 3";
    QTest::newRow("extra data") << qb(ok + "zz") << QByteArray() << false
                                << img + ", byte 24: the data go on after the 2 × 2 × 2 values the header promises";
    QTest::newRow("NaN") << qb(idx(0x0D, {1, 2}, beFloat(1) + beFloat(std::nanf("")))) << QByteArray() << false
                         << img + ", bytes 16-19: sample 1, x2 is NaN";
    QTest::newRow("inf") << qb(idx(0x0E, {1, 1, 1}, beDouble(-INFINITY))) << QByteArray() << false
                         << img + ", bytes 16-23: sample 1, px_0_0 is infinite";
    QTest::newRow("double range") << qb(idx(0x0E, {2, 1}, beDouble(1) + beDouble(1e300))) << QByteArray() << false
                                  << img + ", bytes 20-27: sample 2, x1 is out of float's range";
    QTest::newRow("labels 2-D") << qb(ok) << qb(idx(0x08, {2, 1}, "ab")) << false
                                << lab + ", byte 3: a labels file has 1 dimension, this one has 2 (2 × 1)";
    QTest::newRow("labels float") << qb(ok) << qb(idx(0x0D, {2}, beFloat(1) + beFloat(2))) << false
                                  << lab + ", byte 2: labels must be integers, this file holds floats";
    QTest::newRow("labels count") << qb(ok) << qb(idx(0x08, {3}, "abc")) << false
                                  << lab + ", bytes 4-7: 3 labels for the 2 samples of " + img;
    QTest::newRow("labels cut") << qb(ok) << qb(idx(0x0C, {2}, be(1, 4) + "ab")) << false
                                << lab + ", byte 14: the data end inside label 2 of 2";
    QTest::newRow("label range named") << qb(ok) << qb(idx(0x08, {2}, std::string{1, 3})) << true
                                       << lab + ", byte 9: label 3 of sample 2 is out of range 0-2 (a, b, c)";
    QTest::newRow("label negative") << qb(ok) << qb(idx(0x09, {2}, std::string{-1, 0})) << false
                                    << lab + ", byte 8: label -1 of sample 1 is out of range 0-999";
    QTest::newRow("label too big") << qb(ok) << qb(idx(0x0B, {2}, be(0, 2) + be(1000, 2))) << false
                                   << lab + ", bytes 10-11: label 1000 of sample 2 is out of range 0-999";
}

void TestIdx::rejectsBadFiles() {
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(bool, named);
    QFETCH(QString, message);
    IdxOptions options;
    if (named) options.labelNames = kThree;
    const QString e = errorOf(m_dir, images.toStdString(), labels.toStdString(), options);
    QVERIFY2(e.startsWith(message), qPrintable(e));
    QVERIFY(!e.contains('\n'));
    // The same from a gzip file: the offsets are those of the decompressed data.
    const QString g = errorOf(m_dir, gzip(images.toStdString()), labels.isEmpty() ? "" : gzip(labels.toStdString()), options);
    QVERIFY2(g.startsWith(message), qPrintable(g));
}

// A cut or damaged gzip stream is reported as such, with how far it got.
void TestIdx::badGzip() {
    const std::string gz = gzip(idx(0x08, {50, 10, 10}, bytesOf(5000)));
    const QString cut = errorOf(m_dir, gz.substr(0, gz.size() / 2));
    QVERIFY2(cut.startsWith("x-images-idx3-ubyte: the gzip data are corrupt or cut short after "), qPrintable(cut));
    QVERIFY2(cut.endsWith("decompressed bytes (zlib: unexpected end of file)"), qPrintable(cut));
    std::string damaged = gz;
    damaged[damaged.size() - 6] ^= 0x55; // the CRC-32 at the end
    const QString crc = errorOf(m_dir, damaged);
    QVERIFY2(crc.startsWith("x-images-idx3-ubyte: the gzip data are corrupt or cut short after ") &&
                 crc.endsWith("(zlib: incorrect data check)"),
             qPrintable(crc));
}

void TestIdx::fileErrors() {
    auto error = [](const std::string& path, const std::string& labels = {}) {
        try {
            loadIdx(path, labels);
        } catch (const DataError& e) {
            return QString::fromStdString(e.what());
        }
        return QString();
    };
    const std::string missing = m_dir.filePath("nope-images-idx3-ubyte").toStdString();
    QCOMPARE(error(missing), QString::fromStdString(missing + ": no such file"));
    QCOMPARE(error(m_dir.path().toStdString()),
             QString::fromStdString(m_dir.path().toStdString() + " is a folder, not an IDX file"));
    const QString ok = m_dir.filePath("ok.idx");
    writeFile(ok, idx(0x08, {1, 1}, "a"));
    QCOMPARE(error(ok.toStdString(), missing), QString::fromStdString(missing + ": no such file"));
}

// Random bytes and mutations of valid files (plain and gzip), seeded: a Dataset or a DataError,
// never anything else.
void TestIdx::fuzz() {
    const std::string valid = idx(0x08, {4, 3, 3}, bytesOf(36));
    const std::string labels = idx(0x08, {4}, std::string{0, 1, 2, 1});
    Rng rng(77);
    int loaded = 0;
    for (int round = 0; round < 600; ++round) {
        std::string images = valid, lab = labels;
        std::string& target = round % 4 == 3 ? lab : images;
        if (round % 5 == 0) {
            target.resize(rng.below(64));
            for (char& c : target)
                c = static_cast<char>(rng.below(256));
        } else {
            for (int m = 0, count = 1 + int(rng.below(3)); m < count; ++m) {
                const size_t at = rng.below(target.size() + 1);
                if (rng.below(2) && at < target.size())
                    target[at] = static_cast<char>(rng.below(256));
                else if (rng.below(2))
                    target.insert(at, 1, static_cast<char>(rng.below(256)));
                else
                    target.erase(at, rng.below(8));
            }
        }
        if (round % 3 == 0) images = gzip(images);
        const QString ip = m_dir.filePath("f-images"), lp = m_dir.filePath("f-labels");
        writeFile(ip, images);
        writeFile(lp, lab);
        try {
            const Dataset d = loadIdx(ip.toStdString(), lp.toStdString());
            ++loaded;
            QCOMPARE(size_t(d.d()), d.featureNames.size());
            QCOMPARE(d.labels.size(), size_t(d.n()));
            QVERIFY(d.X.allFinite());
        } catch (const DataError& e) {
            QVERIFY(std::strlen(e.what()) > 0 && !std::strchr(e.what(), '\n'));
        }
    }
    QVERIFY(loaded > 0);
}

// Progress is non-decreasing, in [0, 1], ends at 1 and comes more than once for a 1.2 MB file;
// setting the cancel flag from the callback stops the load with LoadCancelled.
void TestIdx::progressAndCancel() {
    const QString p = m_dir.filePath("big-images-idx3-ubyte.gz");
    writeFile(p, gzip(idx(0x08, {1500, 28, 28}, bytesOf(1500 * 784))));
    std::vector<double> seen;
    LoadControl control;
    control.progress = [&](double f) { seen.push_back(f); };
    const Dataset d = loadIdx(p.toStdString(), {}, {}, control);
    QCOMPARE(d.n(), 1500);
    QVERIFY(seen.size() >= 3);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QVERIFY(seen.front() >= 0);
    QCOMPARE(seen.back(), 1.0);

    std::atomic<bool> cancel{false};
    control.cancel = &cancel;
    int calls = 0;
    control.progress = [&](double) {
        if (++calls == 2) cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(LoadCancelled, loadIdx(p.toStdString(), {}, {}, control));
    QCOMPARE(calls, 2);
}

void TestIdx::namingConvention() {
    for (const char* s : {"train-images-idx3-ubyte", "T10K-IMAGES-IDX3-UBYTE.GZ", "a.idx", "b.idx3.gz", "c.idx1"})
        QVERIFY2(hasIdxSuffix(s), s);
    for (const char* s : {"a.csv", "ubyte", "a.idx5", "a.gz", "idx", "a.idx.tar.gz"})
        QVERIFY2(!hasIdxSuffix(s), s);
    const QString images = m_dir.filePath("n-images-idx3-ubyte.gz");
    writeFile(images, "");
    QCOMPARE(idxLabelsPathFor(images.toStdString()), std::string());
    writeFile(m_dir.filePath("n-labels-idx1-ubyte"), "");
    QCOMPARE(idxLabelsPathFor(images.toStdString()), m_dir.filePath("n-labels-idx1-ubyte").toStdString());
    writeFile(m_dir.filePath("n-labels-idx1-ubyte.gz"), "");
    QCOMPARE(idxLabelsPathFor(images.toStdString()), m_dir.filePath("n-labels-idx1-ubyte.gz").toStdString());
    QCOMPARE(idxLabelsPathFor(m_dir.filePath("no-such.idx").toStdString()), std::string());
}

// loadDataset on an IDX path: images plus the sibling labels file.
void TestIdx::loadDatasetByPath() {
    const QString ip = m_dir.filePath("p-images-idx3-ubyte.gz");
    writeFile(ip, gzip(idx(0x08, {2, 2, 2}, bytesOf(8))));
    writeFile(m_dir.filePath("p-labels-idx1-ubyte.gz"), gzip(idx(0x08, {2}, std::string{1, 0})));
    const Dataset d = loadDataset(ip.toStdString(), {}, 0);
    QCOMPARE(d.n(), 2);
    QCOMPARE(d.labels, (std::vector<int>{1, 0}));
    QVERIFY(d.imageShape.has_value());
    QVERIFY_THROWS_EXCEPTION(DataError, loadDataset(m_dir.filePath("q-images-idx3-ubyte").toStdString(), {}, 0));
}

void TestIdx::fashionMnist_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("rows");
    QTest::newRow("test") << "fashion-mnist-test" << 10000;
    QTest::newRow("train") << "fashion-mnist" << 60000;
}

// The Debian package's files: 28 × 28 images in [0, 1], 10 balanced classes with their names.
void TestIdx::fashionMnist() {
    QFETCH(QString, name);
    QFETCH(int, rows);
    if (!QFile::exists(QString::fromStdString(fashionMnistDir() + "/t10k-images-idx3-ubyte.gz")))
        QSKIP("dataset-fashion-mnist is not installed");
    const Dataset d = loadDataset(name.toStdString(), {}, 0);
    QCOMPARE(QString::fromStdString(d.name), name);
    QCOMPARE(d.n(), rows);
    QCOMPARE(d.d(), 784);
    QVERIFY(d.imageShape && d.imageShape->height == 28 && d.imageShape->width == 28);
    QCOMPARE(d.labelNames, fashionMnistClassNames());
    QCOMPARE(d.labelNames[9], std::string("Ankle boot"));
    std::vector<int> count(10);
    for (int l : d.labels)
        ++count[size_t(l)];
    for (int c : count)
        QCOMPARE(c, rows / 10);
    QVERIFY(d.X.minCoeff() == 0.0f && d.X.maxCoeff() == 1.0f);
    QCOMPARE(d.featureNames[28 * 3 + 5], std::string("px_3_5"));
    if (rows == 10000) QCOMPARE(d.labels[0], 9); // the first test image is an ankle boot
}

void TestIdx::fashionMnistMissing() {
    const QByteArray old = qgetenv("LATENTLAB_FASHION_MNIST_DIR");
    qputenv("LATENTLAB_FASHION_MNIST_DIR", m_dir.filePath("empty").toUtf8());
    QString message;
    try {
        loadDataset("fashion-mnist", {}, 0);
    } catch (const DataError& e) {
        message = e.what();
    }
    if (old.isNull())
        qunsetenv("LATENTLAB_FASHION_MNIST_DIR");
    else
        qputenv("LATENTLAB_FASHION_MNIST_DIR", old);
    QVERIFY2(message.startsWith("fashion-mnist: " + m_dir.filePath("empty") + "/train-images-idx3-ubyte.gz is missing; "
                                "install the Debian package dataset-fashion-mnist"),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestIdx)
#include "test_idx.moc"
