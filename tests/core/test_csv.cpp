// CSV reader: good files in every dialect we promise, one specific message per kind of bad
// file, and a seeded fuzz run that must end in a Dataset or a DataError, nothing else.
#include "core/csv.h"
#include "core/embedded_files.h"
#include "core/rng.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace latentlab::core;

namespace {

std::string str(const QByteArray& b) {
    return std::string(b.constData(), size_t(b.size()));
}

QStringList toQt(const std::vector<std::string>& v) {
    QStringList out;
    for (const auto& s : v)
        out << QString::fromStdString(s);
    return out;
}

/// Message of the DataError thrown by parsing `text` as "x.csv", or "" when it parsed.
QString errorOf(const std::string& text, const CsvOptions& options = {}) {
    try {
        parseCsv(text, "x.csv", options);
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void writeFile(const QString& path, const std::string& bytes) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << bytes;
}

} // namespace

class TestCsv : public QObject {
    Q_OBJECT
private slots:
    void parsesDialects_data();
    void parsesDialects();
    void labels_data();
    void labels();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void messagesAreOneLine();
    void sizeLimit();
    void loadsFiles();
    void fileErrors();
    void fuzz();
    void performance();
};

void TestCsv::parsesDialects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QStringList>("features");
    QTest::addColumn<QList<double>>("firstRow");

    QTest::newRow("header") << QByteArray("a,b\n1,2\n3,4\n") << 2 << QStringList{"a", "b"}
                            << QList<double>{1, 2};
    QTest::newRow("no header") << QByteArray("1,2\n3,4\n") << 2 << QStringList{"x1", "x2"}
                               << QList<double>{1, 2};
    QTest::newRow("single data row")
        << QByteArray("1.5,-2,3e2") << 1 << QStringList{"x1", "x2", "x3"}
        << QList<double>{1.5, -2, 300};
    QTest::newRow("semicolon, decimal comma") << QByteArray("a;b\n1,5;2\n3;4,25\n") << 2
                                              << QStringList{"a", "b"} << QList<double>{1.5, 2};
    QTest::newRow("tab") << QByteArray("a\tb\n1\t2\n") << 1 << QStringList{"a", "b"}
                         << QList<double>{1, 2};
    QTest::newRow("CRLF, no final newline")
        << QByteArray("a,b\r\n1,2\r\n3,4") << 2 << QStringList{"a", "b"} << QList<double>{1, 2};
    QTest::newRow("CR line ends") << QByteArray("a,b\r1,2\r3,4\r") << 2 << QStringList{"a", "b"}
                                  << QList<double>{1, 2};
    QTest::newRow("blank lines") << QByteArray("\n\na,b\n\n1,2\n   \r\n3,4\n\n") << 2
                                 << QStringList{"a", "b"} << QList<double>{1, 2};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                       "a,b\n1,2\n")
                         << 1 << QStringList{"a", "b"} << QList<double>{1, 2};
    QTest::newRow("quoted header and numbers")
        << QByteArray("\"a,1\",\"b \"\"q\"\"\"\n\"1.5\",\" 2 \"\n") << 1
        << QStringList{"a,1", "b \"q\""} << QList<double>{1.5, 2};
    QTest::newRow("blanks and plus") << QByteArray(" a , b \n +1 , -2e1 \n") << 1
                                     << QStringList{"a", "b"} << QList<double>{1, -20};
    QTest::newRow("space after closing quote")
        << QByteArray("\"1\" ,2\n") << 1 << QStringList{"x1", "x2"} << QList<double>{1, 2};
    QTest::newRow("underflow is zero")
        << QByteArray("a\n1e-60\n") << 1 << QStringList{"a"} << QList<double>{0};
    QTest::newRow("empty header name")
        << QByteArray("a,\n1,2\n") << 1 << QStringList{"a", "x2"} << QList<double>{1, 2};
}

void TestCsv::parsesDialects() {
    QFETCH(QByteArray, text);
    QFETCH(int, rows);
    QFETCH(QStringList, features);
    QFETCH(QList<double>, firstRow);
    const Dataset d = parseCsv(str(text), "x.csv");
    QCOMPARE(d.n(), rows);
    QCOMPARE(toQt(d.featureNames), features);
    QCOMPARE(d.d(), int(features.size()));
    QVERIFY(!d.hasLabels());
    QCOMPARE(d.name, std::string("x.csv"));
    for (int j = 0; j < d.d(); ++j)
        QCOMPARE(double(d.X(0, j)), firstRow[j]);
}

void TestCsv::labels_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("labelColumn");
    QTest::addColumn<QStringList>("features");
    QTest::addColumn<QStringList>("labelNames");
    QTest::addColumn<QList<int>>("labels");

    QTest::newRow("text column, no header")
        << QByteArray("1,2,cat\n3,4,dog\n5,6,cat\n") << "" << QStringList{"x1", "x2"}
        << QStringList{"cat", "dog"} << QList<int>{0, 1, 0};
    QTest::newRow("text column first, header")
        << QByteArray("kind,v\nb,1\na,2\n") << "" << QStringList{"v"} << QStringList{"b", "a"}
        << QList<int>{0, 1};
    QTest::newRow("quoted labels with delimiter and newline")
        << QByteArray("v,name\n1,\"two\nlines\"\n2,\"a,b\"\n3,\"two\nlines\"\n") << ""
        << QStringList{"v"} << QStringList{"two\nlines", "a,b"} << QList<int>{0, 1, 0};
    QTest::newRow("integer column named class")
        << QByteArray("f,Class\n0.5,2\n0.7,10\n0.1,2\n") << "" << QStringList{"f"}
        << QStringList{"2", "10"} << QList<int>{0, 1, 0};
    QTest::newRow("target with fractions stays a feature")
        << QByteArray("f,target\n1,0.5\n2,1.5\n") << "" << QStringList{"f", "target"}
        << QStringList{} << QList<int>{};
    QTest::newRow("lone label column stays a feature")
        << QByteArray("label\n1\n2\n") << "" << QStringList{"label"} << QStringList{}
        << QList<int>{};
    QTest::newRow("explicit integer column, sorted")
        << QByteArray("a,b,c\n1,10,3\n4,9,6\n7,10,9\n") << "b" << QStringList{"a", "c"}
        << QStringList{"9", "10"} << QList<int>{1, 0, 1};
    QTest::newRow("explicit, case-insensitive")
        << QByteArray("a,Group\n1,x\n2,y\n") << "group" << QStringList{"a"} << QStringList{"x", "y"}
        << QList<int>{0, 1};
    QTest::newRow("explicit, no header") << QByteArray("1,2\n3,4\n") << "x1" << QStringList{"x2"}
                                         << QStringList{"1", "3"} << QList<int>{0, 1};
}

void TestCsv::labels() {
    QFETCH(QByteArray, text);
    QFETCH(QString, labelColumn);
    QFETCH(QStringList, features);
    QFETCH(QStringList, labelNames);
    QFETCH(QList<int>, labels);
    CsvOptions options;
    options.labelColumn = labelColumn.toStdString();
    const Dataset d = parseCsv(str(text), "x.csv", options);
    QCOMPARE(toQt(d.featureNames), features);
    QCOMPARE(toQt(d.labelNames), labelNames);
    QCOMPARE(QList<int>(d.labels.begin(), d.labels.end()), labels);
}

void TestCsv::rejectsBadFiles_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("labelColumn");
    QTest::addColumn<QString>("message");

    const QString none;
    QTest::newRow("empty") << QByteArray() << none << "x.csv: the file is empty";
    QTest::newRow("blank lines only")
        << QByteArray("\n  \r\n\n") << none << "x.csv: the file is empty";
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << none << "x.csv: the file is empty";
    QTest::newRow("only header") << QByteArray("a,b,c\n\n") << none
                                 << "x.csv: there is only a header line";
    QTest::newRow("ragged, fewer") << QByteArray("a,b,c,d\n1,2,3,4\n1,2,3,4\n\n1,2,3\n") << none
                                   << "x.csv:5: expected 4 fields like the header, found 3";
    QTest::newRow("ragged, more") << QByteArray("a,b\n1,2,3\n") << none
                                  << "x.csv:2: expected 2 fields like the header, found 3";
    QTest::newRow("ragged, no header")
        << QByteArray("1,2\n3\n") << none << "x.csv:2: expected 2 fields like the first line";
    QTest::newRow("ragged after quoted newline")
        << QByteArray("a,b\n\"x\ny\",1\n2\n") << none << "x.csv:4: expected 2 fields";
    QTest::newRow("not a number")
        << QByteArray("sepal_length,sepal_width,petal_length,species\n1,2,3,a\n1,2,abc,b\n") << none
        << "x.csv:3, column 3 'petal_length': 'abc' is not a number";
    QTest::newRow("nan") << QByteArray("a,b\n1,2\nnan,3\n") << none
                         << "x.csv:3, column 1 'a': 'nan' is not a finite number";
    QTest::newRow("inf") << QByteArray("a\n1\n-inf\n") << none
                         << "x.csv:3, column 1 'a': '-inf' is not a finite number";
    QTest::newRow("too large for float")
        << QByteArray("a\n1\n1e39\n") << none << "x.csv:3, column 1 'a': '1e39' is too large";
    QTest::newRow("too large for double")
        << QByteArray("a\n1\n1e999\n") << none << "x.csv:3, column 1 'a': '1e999' is too large";
    QTest::newRow("empty value") << QByteArray("a,b\n1,\n") << none
                                 << "x.csv:2, column 2 'b': empty value";
    QTest::newRow("empty label") << QByteArray("a,b\n1,x\n2,\n") << none
                                 << "x.csv:3, column 2 'b': empty label";
    QTest::newRow("no numeric column")
        << QByteArray("name\nbob\nann\n") << none << "x.csv: there is no numeric column";
    QTest::newRow("label column is the only one") << QByteArray("a\n1\n2\n") << "a"
                                                  << "x.csv: there is no numeric column";
    QTest::newRow("second text column")
        << QByteArray("a,b,c\n1,x,y\n") << none << "x.csv:2, column 3 'c': 'y' is not a number";
    QTest::newRow("text beside chosen label") << QByteArray("a,b,c\n1,x,2\n") << "c"
                                              << "x.csv:2, column 2 'b': 'x' is not a number";
    QTest::newRow("unknown label column") << QByteArray("a,b\n1,2\n") << "zzz"
                                          << "x.csv: there is no column named 'zzz'";
    QTest::newRow("NUL byte") << QByteArray("a,b\n1,2\0\n", 9) << none
                              << "x.csv: this does not look like a text CSV file "
                                 "(binary data at byte 7)";
    QTest::newRow("invalid UTF-8")
        << QByteArray("a,b\n1,\xff\n") << none << "(binary data at byte 6)";
    QTest::newRow("truncated UTF-8") << QByteArray("a,\xc3") << none << "(binary data at byte 2)";
    QTest::newRow("control character") << QByteArray("a\x01") << none << "(binary data at byte 1)";
    QTest::newRow("offset counts the BOM")
        << QByteArray("\xEF\xBB\xBF\x02") << none << "(binary data at byte 3)";
    QTest::newRow("unterminated quote")
        << QByteArray("a,b\n1,\"abc\n2,3\n") << none << "x.csv:2, column 2: unterminated quote";
    QTest::newRow("text after quote") << QByteArray("a,b\n\"1\"x,2\n") << none
                                      << "x.csv:2, column 1: unexpected text after the closing";
}

void TestCsv::rejectsBadFiles() {
    QFETCH(QByteArray, text);
    QFETCH(QString, labelColumn);
    QFETCH(QString, message);
    CsvOptions options;
    options.labelColumn = labelColumn.toStdString();
    const QString error = errorOf(str(text), options);
    QVERIFY2(error.contains(message), qPrintable("got: " + error));
}

void TestCsv::messagesAreOneLine() {
    const QString error = errorOf("a,b\n1,\"x\ny\"\n2,\"p\nq\"\n3,4,5\n");
    QVERIFY2(error.startsWith("x.csv:6: expected 2"), qPrintable(error));
    const QString long_ = errorOf("a,b\n1,2\n3," + std::string(500, 'z') + "\n");
    QVERIFY(!long_.contains('\n'));
    QVERIFY2(long_.size() < 160, qPrintable(long_));
}

void TestCsv::sizeLimit() {
    CsvOptions options;
    options.maxBytes = 100;
    QCOMPARE(errorOf(std::string(200, '1'), options),
             QString("x.csv is 200 bytes; the limit is 100 bytes"));
    options.maxBytes = 2u << 20;
    QCOMPARE(errorOf(std::string(3u << 20, '1'), options),
             QString("x.csv is 3 MB; the limit is 2 MB"));
    QVERIFY(CsvOptions().maxBytes == 256u << 20);
}

void TestCsv::loadsFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("my data.csv");
    writeFile(path, "w,h,kind\n1,2,a\n3,4,b\n");
    const Dataset d = loadCsvFile(path.toStdString());
    QCOMPARE(d.name, std::string("my data.csv"));
    QCOMPARE(d.n(), 2);
    QCOMPARE(d.d(), 2);
    QCOMPARE(d.labelNames.size(), size_t(2));
}

void TestCsv::fileErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto errorLoading = [](const QString& path, const CsvOptions& options = {}) {
        try {
            loadCsvFile(path.toStdString(), options);
        } catch (const DataError& e) {
            return QString::fromStdString(e.what());
        }
        return QString();
    };
    QVERIFY(errorLoading(dir.filePath("nope.csv")).endsWith("nope.csv: no such file"));
    QVERIFY(errorLoading(dir.path()).contains("is a folder"));
    const QString big = dir.filePath("big.csv");
    writeFile(big, std::string(200, '1'));
    CsvOptions options;
    options.maxBytes = 100;
    QCOMPARE(errorLoading(big, options), QString("big.csv is 200 bytes; the limit is 100 bytes"));
    const QString bad = dir.filePath("bad.csv");
    writeFile(bad, "a,b\n1,x\n2,y\n3,\n");
    QCOMPARE(errorLoading(bad), QString("bad.csv:4, column 2 'b': empty label (missing values are "
                                        "not supported)"));
}

void TestCsv::fuzz() {
    // Random bytes, CSV-ish symbol soup and mutations of a valid file, all seeded.
    const std::string valid =
        "sepal_length,sepal_width,petal_length,species\n5.1,3.5,1.4,setosa\n"
        "4.9,\"3\",1.4,\"set\"\"osa\"\r\n7.0,3.2,4.7,versicolor\n\n6.3,3.3,6.0,virginica\n"
        "1e5,-2,+3,\"a,b\nc\"\n";
    const std::string alphabet = "0123456789.,;\t\n\r\" -+eEnaif\xEF\xBB\xBF\xC3\xA9";
    QCOMPARE(parseCsv(valid, "valid.csv").n(), 5);
    Rng rng(20240601);
    int parsed = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int kind = round % 3;
        if (kind == 0) {
            text.resize(rng.below(4097));
            for (char& c : text)
                c = static_cast<char>(rng.below(256));
        } else if (kind == 1) {
            text.resize(rng.below(4097));
            for (char& c : text)
                c = alphabet[rng.below(alphabet.size())];
        } else {
            text = valid;
            const int mutations = 1 + int(rng.below(3));
            for (int m = 0; m < mutations; ++m) {
                const size_t at = rng.below(text.size() + 1);
                switch (rng.below(4)) {
                case 0:
                    if (at < text.size()) text[at] = alphabet[rng.below(alphabet.size())];
                    break;
                case 1:
                    text.insert(at, 1, static_cast<char>(rng.below(256)));
                    break;
                case 2:
                    text.erase(at, rng.below(20));
                    break;
                default:
                    text.insert(at, text.substr(rng.below(text.size() + 1), 30));
                    break;
                }
            }
        }
        CsvOptions options;
        if (rng.below(4) == 0) options.labelColumn = round % 2 ? "species" : "x2";
        try {
            const Dataset d = parseCsv(text, "fuzz.csv", options);
            ++parsed;
            QCOMPARE(size_t(d.d()), d.featureNames.size());
            QVERIFY(d.n() > 0 && d.d() > 0);
            QVERIFY(d.X.allFinite());
            QVERIFY(d.labels.empty() || d.labels.size() == size_t(d.n()));
            for (int l : d.labels)
                QVERIFY(l >= 0 && size_t(l) < d.labelNames.size());
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).rfind("fuzz.csv", 0) == 0, e.what());
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("round %1: unexpected %2").arg(round).arg(e.what())));
        }
    }
    QVERIFY2(parsed > 50, qPrintable(QString("only %1 inputs parsed").arg(parsed)));
}

void TestCsv::performance() {
    std::string_view digits;
    for (const auto& f : embeddedFiles())
        if (std::string_view(f.name) == "digits_8x8.csv") digits = f.data;
    QVERIFY(digits.size() > 200000);
    qint64 best = 1 << 30;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const Dataset d = parseCsv(digits, "digits_8x8.csv");
        best = std::min(best, t.elapsed());
        QCOMPARE(d.n(), 1797);
    }
    QVERIFY2(best < 50, qPrintable(QString("digits took %1 ms").arg(best)));

    // ~6 MB of numbers; 50 MB takes under 2 s (see the report), scaled down here.
    std::string big = "a,b,c,d,e,f\n";
    Rng rng(7);
    char buf[32];
    for (int i = 0; i < 100000; ++i)
        for (int j = 0; j < 6; ++j) {
            std::snprintf(buf, sizeof buf, "%.6f%c", rng.normal(), j == 5 ? '\n' : ',');
            big += buf;
        }
    QElapsedTimer t;
    t.start();
    const Dataset d = parseCsv(big, "big.csv");
    QCOMPARE(d.n(), 100000);
    QVERIFY2(t.elapsed() < 1500, qPrintable(QString("6 MB took %1 ms").arg(t.elapsed())));
}

QTEST_APPLESS_MAIN(TestCsv)
#include "test_csv.moc"
