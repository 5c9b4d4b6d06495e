// Image data for diffusion: fashion-mnist-14 / fashion-mnist-test-14 are Fashion-MNIST averaged
// over 2×2 pixel blocks (checked against the 28×28 set), with the labels kept; and the DDPM maps
// image data [0, max] to [−1, 1] and its samples back into [0, max].
#include "core/datasets.h"
#include "core/ddpm.h"

#include <QFile>
#include <QTest>

using namespace latentlab::core;

class TestDdpmData : public QObject {
    Q_OBJECT
private slots:
    void fashionMnist14() {
        if (!QFile::exists(QString::fromStdString(fashionMnistDir() + "/t10k-images-idx3-ubyte.gz")))
            QSKIP("dataset-fashion-mnist is not installed");
        const Dataset full = loadDataset("fashion-mnist-test", {}, 0);
        const Dataset small = loadDataset("fashion-mnist-test-14", {}, 0);
        QCOMPARE(small.name, std::string("fashion-mnist-test-14"));
        QCOMPARE(small.n(), full.n());
        QCOMPARE(small.d(), 196);
        QVERIFY(small.imageShape && small.imageShape->height == 14 && small.imageShape->width == 14);
        QVERIFY(small.labels == full.labels);
        QVERIFY(small.labelNames == full.labelNames);
        QCOMPARE(small.featureNames.size(), size_t(196));
        QCOMPARE(small.featureNames[15], std::string("px_1_1"));
        for (int i : {0, 1, 4321, 9999})
            for (int r = 0; r < 14; ++r)
                for (int c = 0; c < 14; ++c) {
                    const float mean = (full.X(i, 2 * r * 28 + 2 * c) + full.X(i, 2 * r * 28 + 2 * c + 1) +
                                        full.X(i, (2 * r + 1) * 28 + 2 * c) + full.X(i, (2 * r + 1) * 28 + 2 * c + 1)) / 4;
                    QVERIFY(std::abs(small.X(i, r * 14 + c) - mean) < 1e-6f);
                }
        QVERIFY(small.X.minCoeff() >= 0 && small.X.maxCoeff() <= 1);
        QVERIFY(findDataset("fashion-mnist-14") && !findDataset("fashion-mnist-14")->generator);
    }

    void imagesScaledToPlusMinusOne() {
        const Dataset digits = loadDataset("digits", {}, 0); // grey levels 0 .. 16
        Params p(Ddpm::specs());
        p.set("T", int64_t{20});
        p.set("width", int64_t{16});
        p.set("train-steps", int64_t{0});
        p.set("sample-points", int64_t{40});
        Ddpm ddpm;
        ddpm.reset(digits, p, 1);
        const DdpmScaling& sc = ddpm.scaling();
        QVERIFY(sc.image);
        QCOMPARE(sc.imageMax, 16.0f);
        const Matrix m = sc.toModel(digits.X);
        QCOMPARE(m.minCoeff(), -1.0f);
        QCOMPARE(m.maxCoeff(), 1.0f);
        while (!ddpm.finished()) ddpm.step();
        const Matrix x = std::static_pointer_cast<const DdpmSnapshot>(ddpm.snapshot())->points;
        QCOMPARE(x.cols(), Eigen::Index(64));
        QVERIFY(x.minCoeff() >= 0 && x.maxCoeff() <= 16); // clipped into the data's range
    }
};

QTEST_APPLESS_MAIN(TestDdpmData)
#include "test_ddpm_data.moc"
