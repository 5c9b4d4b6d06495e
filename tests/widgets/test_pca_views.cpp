// The PCA page's views and charts: eigen-images and reconstructions as scenes, the 3-D
// projection under rotation, the probe direction with its handle, the polar variance plot and
// the scree/E(M) charts with their draggable cut-off.
#include "core/datasets.h"
#include "core/pca.h"
#include "widgets/exporter.h"
#include "widgets/pca_scene.h"
#include "widgets/pca_views.h"
#include "widgets/polar_variance_chart.h"
#include "widgets/scree_chart.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

std::shared_ptr<const core::Dataset> dataset(const std::string& name) {
    return std::make_shared<const core::Dataset>(core::loadDataset(name, core::datasetParams(name), 1));
}

int framedCount(const Scene& s) {
    int n = 0;
    for (const Polyline& l : s.lines) n += l.points.size() == 5 && l.widthPx >= 2.5f; // the cut-off frames
    return n;
}

/// The last snapshot of a step-wise PCA run to the end.
std::shared_ptr<const core::PcaSnapshot> finishedPca(std::shared_ptr<const core::Dataset> data) {
    core::Pca pca;
    core::Params p(core::Pca::specs());
    pca.reset(*data, p, 3);
    for (int i = 0; i < 10000 && !pca.finished(); ++i) pca.step();
    return std::dynamic_pointer_cast<const core::PcaSnapshot>(pca.snapshot());
}

} // namespace

class TestPcaViews : public QObject {
    Q_OBJECT
private slots:
    void reconstructionCountsAreSortedAndEndAtR() {
        QCOMPARE(reconstructionCounts(64, 21), (std::vector<int>{1, 2, 5, 10, 20, 21, 50, 64}));
        QCOMPARE(reconstructionCounts(784, 10), (std::vector<int>{1, 2, 5, 10, 20, 50, 100, 200, 500, 784}));
        QCOMPARE(reconstructionCounts(2, 1), (std::vector<int>{1, 2}));
        QCOMPARE(reconstructionCounts(1, 5), (std::vector<int>{1}));
    }

    void divergingImageMapsSignToColour() {
        const float v[4] = {-2.0f, 0.0f, 1.0f, 2.0f};
        const QImage img = divergingImage(v, core::ImageShape{2, 2, 1});
        const QColor neg = img.pixelColor(0, 0), zero = img.pixelColor(1, 0), half = img.pixelColor(0, 1),
                     pos = img.pixelColor(1, 1);
        QCOMPARE(zero, QColor(Qt::white));
        QVERIFY(neg.blue() > neg.red());  // blue for the most negative
        QVERIFY(pos.red() > pos.blue());  // red for the most positive
        QVERIFY(half.red() > half.green() && half.green() > pos.green()); // lighter red at half the peak
    }

    void eigenImagesShowMeanAndComponentsWithTheCutoffFramed() {
        auto digits = dataset("digits");
        const core::PcaResult ex = core::fitPca(digits->X);
        const Scene s = eigenImagesScene(*digits, ex, 25, 7);
        QCOMPARE(static_cast<int>(s.images.size()), 26); // mean + 25
        for (const ImageItem& im : s.images) QCOMPARE(im.image.size(), QSize(8, 8));
        QCOMPARE(framedCount(s), 7);
        // The mean image is the data's mean in grey: pixel (r, c) = feature 8r + c.
        const auto [lo, hi] = pixelRange(*digits);
        const QImage& mean = s.images.front().image;
        for (int j : {0, 19, 36, 63}) {
            const int g = static_cast<int>(std::lround((ex.mean[j] - lo) / (hi - lo) * 255));
            QVERIFY2(std::abs(qGray(mean.pixel(j % 8, j / 8)) - g) <= 1, qPrintable(QString::number(j)));
        }
        // Not image data: a note, no images.
        auto faithful = dataset("old-faithful");
        const Scene none = eigenImagesScene(*faithful, core::fitPca(faithful->X), 25, 1);
        QVERIFY(none.images.empty());
        QCOMPARE(static_cast<int>(none.texts.size()), 1);
    }

    void reconstructionsConvergeToTheImage() {
        auto digits = dataset("digits");
        const core::PcaResult ex = core::fitPca(digits->X);
        const int index = 17;
        const Scene s = reconstructionScene(*digits, ex, index, 21);
        const std::vector<int> counts = reconstructionCounts(ex.count(), 21);
        QCOMPARE(s.images.size(), counts.size() + 1);
        QCOMPARE(framedCount(s), 1);
        // With all components the reconstruction is the image (same grey levels).
        const QImage& original = s.images.front().image;
        const QImage& full = s.images.back().image;
        int maxDiff = 0;
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) maxDiff = std::max(maxDiff, std::abs(qGray(original.pixel(x, y)) - qGray(full.pixel(x, y))));
        QVERIFY2(maxDiff <= 1, qPrintable(QString::number(maxDiff)));
        // The error ‖x − x̂‖² never grows with M (the labels carry it; recompute it here).
        const core::Matrix x = digits->X.row(index);
        double last = std::numeric_limits<double>::infinity();
        for (int M : counts) {
            const double err = (x - ex.reconstructData(x, M)).squaredNorm();
            QVERIFY(err <= last + 1e-6);
            last = err;
        }
        QVERIFY(last < 1e-6);
    }

    void rotationIsOrthogonalAndFaceOnShowsPc1Pc2() {
        const Rotation3D r{0.7, -0.4};
        double x, y, z;
        r.rotate(1, 2, 3, x, y, z);
        QVERIFY(std::abs(x * x + y * y + z * z - 14.0) < 1e-12);
        auto iris = dataset("iris");
        auto ex = std::make_shared<const core::PcaResult>(core::fitPca(iris->X));
        PcaProjection3D projection;
        const Scene s = projection.build(iris, ex, Rotation3D{0.0, 0.0});
        QCOMPARE(static_cast<int>(s.points.size()), 1);
        const PointBatch& b = s.points.front();
        QCOMPARE(static_cast<int>(b.x->size()), iris->n());
        // Face on, the drawn points are the scores on PC1 and PC2 (in depth order).
        const core::Matrix Y = ex->project(iris->X, 2);
        std::vector<std::pair<float, float>> want, got;
        for (int i = 0; i < iris->n(); ++i) {
            want.emplace_back(Y(i, 0), Y(i, 1));
            got.emplace_back((*b.x)[static_cast<size_t>(i)], (*b.y)[static_cast<size_t>(i)]);
        }
        std::sort(want.begin(), want.end());
        std::sort(got.begin(), got.end());
        for (size_t i = 0; i < want.size(); ++i) {
            QVERIFY(std::abs(want[i].first - got[i].first) < 1e-4f);
            QVERIFY(std::abs(want[i].second - got[i].second) < 1e-4f);
        }
        QCOMPARE(static_cast<int>(s.lines.size()), 3); // the PC1-PC3 triad
        // Two features: a note instead.
        auto faithful = dataset("old-faithful");
        const Scene none = projection.build(faithful, std::make_shared<const core::PcaResult>(core::fitPca(faithful->X)), r);
        QVERIFY(none.points.empty());
    }

    void probeHandleGivesBackItsAngleAndVariance() {
        auto faithful = dataset("old-faithful");
        auto snap = finishedPca(faithful);
        QVERIFY(snap && snap->covariance);
        PcaSceneBuilder builder;
        PcaViewOptions o;
        for (double phi : {0.3, 1.2, -2.0}) {
            o.probeAngle = phi;
            const Scene s = builder.build(*snap, o);
            auto handle = std::find_if(s.markers.begin(), s.markers.end(), [](const Marker& m) { return m.id == kProbeHandle; });
            QVERIFY(handle != s.markers.end());
            const double back = PcaSceneBuilder::probeAngleAt(*snap->exact, handle->pos);
            QVERIFY2(std::abs(std::remainder(back - phi, 2 * std::numbers::pi)) < 1e-9, qPrintable(QString::number(back)));
            const Eigen::Vector2d u(std::cos(phi), std::sin(phi));
            QVERIFY(handle->label.contains(QString::number(u.dot(*snap->covariance * u), 'g', 4)));
            // The handle is inside the bounds the view fits.
            QVERIFY(s.dataBounds.contains(handle->pos));
        }
        o.probeAngle.reset();
        const Scene s = builder.build(*snap, o);
        QVERIFY(std::none_of(s.markers.begin(), s.markers.end(), [](const Marker& m) { return m.id == kProbeHandle; }));
    }

    void polarVarianceIsLargestAtPc1() {
        Eigen::Matrix2d S;
        S << 2.0, 0.8, 0.8, 1.0;
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(S);
        double best = -1, worst = 1e9;
        for (int i = 0; i < 3600; ++i) {
            const double v = PolarVarianceChart::variance(S, 2 * std::numbers::pi * i / 3600);
            best = std::max(best, v);
            worst = std::min(worst, v);
        }
        QVERIFY(std::abs(best - eig.eigenvalues()[1]) < 1e-5);
        QVERIFY(std::abs(worst - eig.eigenvalues()[0]) < 1e-5);
        const Eigen::Vector2d pc1 = eig.eigenvectors().col(1);
        QVERIFY(std::abs(PolarVarianceChart::variance(S, std::atan2(pc1.y(), pc1.x())) - eig.eigenvalues()[1]) < 1e-12);

        PolarVarianceChart chart;
        chart.resize(600, 260);
        chart.setCovariance(S);
        QSignalSpy spy(&chart, &PolarVarianceChart::probeAngleChanged);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        // A click straight above the centre points u up (φ = 90°).
        const double em = chart.fontMetrics().height();
        const double R = std::min(0.5 * (260 - 1.6 * em) - 1.2 * em, 0.25 * 600);
        const QPoint centre(static_cast<int>(R + 2 * em), static_cast<int>(0.5 * (260 + 1.6 * em)));
        QTest::mouseClick(&chart, Qt::LeftButton, {}, centre - QPoint(0, 40));
        QCOMPARE(spy.count(), 1);
        QVERIFY(std::abs(chart.probeAngle() - std::numbers::pi / 2) < 0.03);
    }

    void screeCutoffFollowsMouseAndKeys_data() {
        QTest::addColumn<int>("r");
        QTest::newRow("linear axis") << 64;
        QTest::newRow("log axis") << 784;
    }
    void screeCutoffFollowsMouseAndKeys() {
        QFETCH(int, r);
        std::vector<double> lambda(static_cast<size_t>(r));
        for (int i = 0; i < r; ++i) lambda[static_cast<size_t>(i)] = 1.0 / (1 + i);
        double total = 0;
        for (double l : lambda) total += l;
        for (auto mode : {ScreeChart::Mode::Scree, ScreeChart::Mode::ReconstructionError}) {
            ScreeChart chart(mode);
            chart.resize(800, 260);
            chart.setEigenvalues(lambda, total);
            chart.show();
            QVERIFY(QTest::qWaitForWindowExposed(&chart));
            QSignalSpy spy(&chart, &ScreeChart::cutoffChanged);
            for (int M : {1, 5, 37, r}) {
                QTest::mouseClick(&chart, Qt::LeftButton, {}, QPoint(static_cast<int>(std::lround(chart.xOf(M))), 130));
                QVERIFY2(std::abs(chart.cutoff() - M) <= (r > 64 ? M / 20 + 1 : 0),
                         qPrintable(QStringLiteral("M %1 got %2").arg(M).arg(chart.cutoff())));
            }
            chart.setCutoff(10);
            QTest::keyClick(&chart, Qt::Key_Right);
            QCOMPARE(chart.cutoff(), 11);
            QTest::keyClick(&chart, Qt::Key_End);
            QCOMPARE(chart.cutoff(), r);
            chart.setCutoff(r + 100); // clamped
            QCOMPARE(chart.cutoff(), r);
            chart.setCutoff(0);
            QCOMPARE(chart.cutoff(), 1);
            QVERIFY(spy.count() >= 5);
        }
    }

    void imageScenesExportToSvg() {
        auto digits = dataset("digits");
        const core::PcaResult ex = core::fitPca(digits->X);
        QTemporaryDir dir;
        const QString path = dir.filePath("eigen.svg");
        ExportOptions options;
        exportScene(eigenImagesScene(*digits, ex, 25, 5), path, options);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(svg.count("<image") >= 26); // every cell is in the figure
    }
};

QTEST_MAIN(TestPcaViews)
#include "test_pca_views.moc"
