// Animation export (issue 7): the run so far as an animated GIF with the expected frame count,
// size and delay, or as a numbered PNG sequence; cancelling leaves no file.
#include "gui_test_support.h"
#include "app/main_window.h"
#include "app/run_controller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <gif_lib.h>

#include <functional>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;
} // namespace

class TestAnimation : public QObject {
    Q_OBJECT
private slots:
    void gifAndPngSequence() {
        app::LaunchOptions o;
        o.autoplay = false;
        o.algorithm = QStringLiteral("kmeans");
        o.dataset = QStringLiteral("blobs");
        o.modelParams = std::nullopt;
        app::MainWindow w(o);
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        w.controller()->step(8);
        QVERIFY(waitFor([&] { return w.controller()->historySize() >= 9 || w.controller()->current()->finished; }));
        const int entries = w.controller()->historySize();
        QVERIFY(entries >= 4);
        QTemporaryDir dir;
        const QString gif = dir.filePath("run.gif");
        const int frames = w.exportAnimation(gif, 0, entries - 1, 2, 5.0, QSize(320, 200));
        QCOMPARE(frames, (entries - 1) / 2 + 1 + ((entries - 1) % 2 ? 1 : 0));
        int error = 0;
        GifFileType* file = DGifOpenFileName(gif.toLocal8Bit().constData(), &error);
        QVERIFY(file);
        QCOMPARE(DGifSlurp(file), GIF_OK);
        QCOMPARE(file->ImageCount, frames);
        QCOMPARE(file->SWidth, 320);
        QCOMPARE(file->SHeight, 200);
        GraphicsControlBlock gcb{};
        QCOMPARE(DGifSavedExtensionToGCB(file, 0, &gcb), GIF_OK);
        QCOMPARE(gcb.DelayTime, 20); // 5 frames/s = 20 hundredths of a second
        DGifCloseFile(file, &error);

        const int pngs = w.exportAnimation(dir.filePath("seq.png"), 0, 2, 1, 5.0, QSize(200, 120));
        QCOMPARE(pngs, 3);
        for (int i = 0; i < 3; ++i) QCOMPARE(QImage(dir.filePath(QStringLiteral("seq-%1.png").arg(i, 4, 10, QLatin1Char('0')))).size(), QSize(200, 120));

        const QString cancelled = dir.filePath("cancelled.gif");
        w.exportAnimation(cancelled, 0, entries - 1, 1, 5.0, QSize(100, 100), [](int done, int) { return done < 2; });
        QVERIFY(!QFile::exists(cancelled));
        QVERIFY(!QFile::exists(cancelled + ".part.gif"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, w.exportAnimation(dir.filePath("x.bmp"), 0, 1, 1, 5.0, QSize(100, 100)));
    }
};

QTEST_MAIN(TestAnimation)
#include "test_animation.moc"
