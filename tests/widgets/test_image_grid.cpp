// The shared image grid: geometry (which tile is where, gaps and captions outside every tile),
// the scene it makes, and hover/click on a live view.
#include "widgets/image_grid.h"
#include "widgets/painter_renderer.h"

#include <QSignalSpy>
#include <QTest>

using namespace latentlab::ui;

namespace {
std::vector<ImageTile> tiles(int n, QSize size) {
    std::vector<ImageTile> t;
    for (int i = 0; i < n; ++i) {
        QImage img(size, QImage::Format_RGB32);
        img.fill(QColor(i * 10 % 256, 0, 0));
        t.push_back({img, QStringLiteral("c%1").arg(i), QStringLiteral("tile %1").arg(i), i == 2 ? QColor(Qt::red) : QColor()});
    }
    return t;
}
} // namespace

class TestImageGrid : public QObject {
    Q_OBJECT
private slots:
    void geometryPlacesTilesRowByRow() {
        ImageGridLayout layout;
        layout.columns = 4;
        layout.gap = 0.5;
        layout.captionLines = 1;
        const auto t = tiles(10, QSize(8, 16)); // twice as high as wide
        const ImageGridGeometry g = imageGridGeometry(t, layout);
        QCOMPARE(g.columns, 4);
        QCOMPARE(g.aspect, 2.0);
        for (int i = 0; i < 10; ++i) {
            const QRectF r = g.tileRect(i);
            QCOMPARE(r.width(), 1.0);
            QCOMPARE(r.height(), 2.0);
            QCOMPARE(g.tileAt(r.center()), i);
            QCOMPARE(g.tileAt(r.center() + QPointF(0.74, 0)), -1); // in the gap
        }
        QVERIFY(g.tileRect(4).top() < g.tileRect(0).top()); // row 2 below row 1 (y up)
        QCOMPARE(g.tileAt(g.tileRect(9).center() + QPointF(g.stepX, 0)), -1); // past the last tile
        QCOMPARE(g.tileAt(QPointF(-0.2, g.top - 1)), -1);
        // Auto columns: as square as the count allows.
        QCOMPARE(imageGridGeometry(tiles(10, QSize(4, 4)), ImageGridLayout{}).columns, 4);
        QCOMPARE(imageGridGeometry(tiles(9, QSize(4, 4)), ImageGridLayout{}).columns, 3);
    }

    void sceneHasEveryTileItsCaptionAndFrames() {
        ImageGridLayout layout;
        layout.captionLines = 1;
        layout.title = QStringLiteral("title");
        const auto t = tiles(5, QSize(6, 6));
        const Scene s = imageGridScene(t, layout);
        QCOMPARE(static_cast<int>(s.images.size()), 5);
        QCOMPARE(static_cast<int>(s.lines.size()), 1); // tile 2 is framed
        QCOMPARE(static_cast<int>(s.texts.size()), 6); // five captions and the title
        QVERIFY(!s.showAxes);
        for (const ImageItem& im : s.images) QVERIFY(s.dataBounds.contains(im.dataRect));
        // No captions asked for: none drawn.
        QCOMPARE(static_cast<int>(imageGridScene(t, ImageGridLayout{}).texts.size()), 0);
    }

    void viewReportsHoverAndClick() {
        ImageGridView view;
        view.resize(600, 400);
        ImageGridLayout layout;
        layout.columns = 3;
        view.setTiles(tiles(6, QSize(8, 8)), layout);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy hovered(&view, &ImageGridView::tileHovered);
        QSignalSpy clicked(&view, &ImageGridView::tileClicked);
        QWidget* canvas = view.findChildren<QWidget*>(Qt::FindDirectChildrenOnly).value(0);
        QVERIFY(canvas);
        const QPoint p4 = view.transform().toPixel(view.gridGeometry().tileRect(4).center()).toPoint();
        QTest::mouseMove(canvas, p4);
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toInt(), 4);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, p4);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.last().at(0).toInt(), 4);
        // A click in a gap selects nothing.
        const QRectF r = view.gridGeometry().tileRect(0);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, view.transform().toPixel(r.center() + QPointF(0.56, 0)).toPoint());
        QCOMPARE(clicked.count(), 1);
    }
};

QTEST_MAIN(TestImageGrid)
#include "test_image_grid.moc"
