// Session files: a saved experiment reopens to identical states, damaged, foreign and
// future-version files are refused with one message and nothing running is lost.
#include "gui_test_support.h"
#include "app/algorithm_page.h"
#include "app/ddpm_page.h"
#include "app/gan_page.h"
#include "app/main_window.h"
#include "app/rbm_page.h"
#include "core/ddpm.h"
#include "core/rbm.h"
#include "core/rbm_io.h"
#include "app/run_controller.h"
#include "app/session.h"

#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace latentlab;

namespace {

using latentlab::test::waitFor;
app::LaunchOptions options(const QString& algorithm, const QString& dataset) {
    app::LaunchOptions o;
    o.autoplay = false;
    o.algorithm = algorithm;
    o.dataset = dataset;
    return o;
}

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void roundTripReplaysTheSameStates() {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.latentlab.json");
        app::LaunchOptions o = options(QStringLiteral("gmm"), QStringLiteral("blobs"));
        o.seed = 9;
        o.dataSeed = 5;
        o.generatorParams = {{QStringLiteral("n"), QStringLiteral("300")}};
        app::MainWindow a(o);
        a.show();
        QVERIFY(waitFor([&] { return a.controller()->current() != nullptr; }));
        a.controller()->step(7);
        QVERIFY(waitFor([&] { return a.controller()->current()->stepCount == 7 || a.controller()->current()->finished; }));
        const core::SnapshotPtr saved = a.controller()->current();
        const app::Session s = a.currentSession();
        QCOMPARE(s.algorithm, QStringLiteral("gmm"));
        QCOMPARE(s.generator.value(QStringLiteral("n")), QStringLiteral("300"));
        QCOMPARE(s.step, static_cast<int>(saved->stepCount));
        app::writeSession(path, s);
        const app::Session back = app::readSession(path);
        QCOMPARE(back.params, s.params);
        QCOMPARE(back.generator, s.generator);
        QCOMPARE(back.seed, s.seed);
        QCOMPARE(back.dataSeed, s.dataSeed);
        QCOMPARE(back.step, s.step);

        app::MainWindow b(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        b.show();
        QVERIFY(waitFor([&] { return b.controller()->current() != nullptr; }));
        b.openSession(back);
        const bool reached = waitFor([&] {
            const auto c = b.controller()->current();
            return c && b.page()->algorithm() == QStringLiteral("gmm") && c->stepCount == saved->stepCount;
        });
        if (!reached) qWarning() << "at step" << (b.controller()->current() ? b.controller()->current()->stepCount : -1)
                                 << "history" << b.controller()->historySize() << b.page()->algorithm();
        QVERIFY(reached);
        const core::SnapshotPtr replayed = b.controller()->current();
        QCOMPARE(replayed->data->n(), 300);
        QCOMPARE(replayed->objective, saved->objective); // bit-identical replay
        QCOMPARE(replayed->iteration, saved->iteration);
    }

    // A run from the shipped DDPM model is saved as such: opening it starts from the same
    // model (not 15 000 training steps from the seed) and replays the chain to the same points.
    void pretrainedDiffusionModelReplays() {
        QTemporaryDir dir;
        const QString path = dir.filePath("ddpm.latentlab.json");
        app::MainWindow a(options(QStringLiteral("ddpm"), QStringLiteral("two-moons")));
        a.show();
        auto* page = a.findChild<app::DdpmPage*>();
        QVERIFY(page && page->loadPretrained({}, false));
        const auto chain = [](const app::MainWindow& w) {
            return std::dynamic_pointer_cast<const core::DdpmSnapshot>(w.controller()->current());
        };
        QVERIFY(waitFor([&] { return chain(a) && chain(a)->sampling && chain(a)->trainStep == 15000; }, 30000));
        a.controller()->step(12);
        QVERIFY(waitFor([&] { return chain(a)->stepCount == 12; }, 30000));
        const auto saved = chain(a);
        QVERIFY(!a.shownRunHasEdits());
        const app::Session s = a.currentSession();
        QCOMPARE(s.startModel, QStringLiteral("pretrained"));
        app::writeSession(path, s);
        const app::Session back = app::readSession(path);
        QCOMPARE(back.startModel, QStringLiteral("pretrained"));

        app::MainWindow b(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        b.show();
        QVERIFY(waitFor([&] { return b.controller()->current() != nullptr; }));
        b.openSession(back);
        const bool reached = waitFor([&] { return chain(b) && chain(b)->stepCount == 12 && chain(b)->sampling; }, 30000);
        if (!reached && chain(b))
            qWarning() << "at step" << chain(b)->stepCount << "sampling" << chain(b)->sampling << "trained" << chain(b)->trainStep
                       << "run" << chain(b)->runId << "history" << b.controller()->historySize();
        QVERIFY(reached);
        QCOMPARE(chain(b)->trainStep, int64_t{15000});
        QCOMPARE(chain(b)->t, saved->t);
        QVERIFY(chain(b)->points == saved->points); // the same chain, bit for bit

        // Sample now is an edit: a new chain from fresh x_T without a model step. The session
        // saves it with its step and replays it there.
        b.controller()->pause();
        const int64_t before = chain(b)->stepCount;
        QVERIFY(b.findChild<app::DdpmPage*>()->replayEdit(QStringLiteral("sample-now")));
        QVERIFY(waitFor([&] { return chain(b)->edit == "sample-now"; }));
        QCOMPARE(chain(b)->stepCount, before);
        QCOMPARE(chain(b)->t, 200);
        b.controller()->step(5);
        QVERIFY(waitFor([&] { return chain(b)->stepCount == before + 5; }));
        QVERIFY(!b.shownRunHasEdits()); // named edits are replayed
        const app::Session withEdit = b.currentSession();
        QCOMPARE(withEdit.step, int(before + 5));
        QCOMPARE(withEdit.edits, (QList<app::Session::Edit>{{int(before), QStringLiteral("sample-now")}}));
        app::writeSession(path, withEdit);
        app::MainWindow c(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        c.show();
        QVERIFY(waitFor([&] { return c.controller()->current() != nullptr; }));
        c.openSession(app::readSession(path));
        QVERIFY(waitFor([&] { return chain(c) && chain(c)->stepCount == before + 5 && chain(c)->t == 195; }, 30000));
        QVERIFY(chain(c)->points == chain(b)->points);
    }

    // A run from an RBM model file records the file; opening the session starts from it again,
    // and a session whose model file is gone is refused by name.
    void rbmModelFileReplays() {
        QTemporaryDir dir;
        const QString model = dir.filePath("digits-16.bin"), path = dir.filePath("rbm.latentlab.json");
        core::RbmModelFile f;
        f.weights = core::RbmWeights::zero(64, 16);
        f.weights.W.setConstant(0.25f);
        core::saveRbmModel(model.toStdString(), f);
        app::MainWindow a(options(QStringLiteral("rbm"), QStringLiteral("digits")));
        a.show();
        auto* page = a.findChild<app::RbmPage*>();
        QVERIFY(waitFor([&] { return page->trainingData() != nullptr; }));
        page->loadModel(model);
        const auto rbm = [](const app::MainWindow& w) {
            return std::dynamic_pointer_cast<const core::RbmSnapshot>(w.controller()->current());
        };
        QVERIFY(waitFor([&] { return rbm(a) && rbm(a)->weights->hidden() == 16 && rbm(a)->stepCount == 0; }));
        a.controller()->step(3);
        QVERIFY(waitFor([&] { return rbm(a)->stepCount == 3; }));
        const auto saved = rbm(a);
        const app::Session s = a.currentSession();
        QCOMPARE(s.startModel, model);
        QVERIFY(!s.startModelSha256.isEmpty());
        app::writeSession(path, s);

        app::MainWindow b(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        b.show();
        QVERIFY(waitFor([&] { return b.controller()->current() != nullptr; }));
        b.openSession(app::readSession(path));
        QVERIFY(waitFor([&] { return rbm(b) && rbm(b)->stepCount == 3; }));
        QVERIFY(rbm(b)->weights->W == saved->weights->W); // started from the file, not N(0, 0.01²)

        QFile::remove(model);
        try {
            b.openSession(app::readSession(path));
            QFAIL("a session whose model file is gone was opened");
        } catch (const app::SessionError& e) {
            QVERIFY2(QString(e.what()).contains("digits-16.bin"), e.what());
        }
    }

    // GAN: Train D once / Train G once are named edits, replayed at their steps.
    void ganTrainOnceReplays() {
        QTemporaryDir dir;
        const QString path = dir.filePath("gan.latentlab.json");
        app::MainWindow a(options(QStringLiteral("gan"), QStringLiteral("ring")));
        a.show();
        QVERIFY(waitFor([&] { return a.controller()->current() != nullptr; }));
        auto* page = a.findChild<app::GanPage*>();
        a.controller()->step(3);
        QVERIFY(waitFor([&] { return a.controller()->current()->stepCount == 3; }));
        QVERIFY(page->replayEdit(QStringLiteral("train-d")));
        QVERIFY(waitFor([&] { return a.controller()->current()->edit == "train-d"; }));
        QVERIFY(page->replayEdit(QStringLiteral("train-d")));
        QVERIFY(waitFor([&] { return a.controller()->current()->stepCount == 5; }));
        a.controller()->step(2);
        QVERIFY(waitFor([&] { return a.controller()->current()->stepCount == 7; }));
        const auto saved = a.controller()->current();
        const app::Session s = a.currentSession();
        QCOMPARE(s.edits, (QList<app::Session::Edit>{{3, QStringLiteral("train-d")}, {4, QStringLiteral("train-d")}}));
        app::writeSession(path, s);
        app::MainWindow b(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        b.show();
        QVERIFY(waitFor([&] { return b.controller()->current() != nullptr; }));
        b.openSession(app::readSession(path));
        QVERIFY(waitFor([&] {
            const auto c = b.controller()->current();
            return c && b.page()->algorithm() == QStringLiteral("gan") && c->stepCount == 7;
        }));
        QCOMPARE(b.controller()->current()->objective, saved->objective); // bit-identical, edits included
        QCOMPARE(b.controller()->current()->iteration, saved->iteration);
    }

    void damagedForeignAndNewerFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << QByteArray("{\n  \"format\": \"latentlab-session\",\n  \"version\": 1,\n  \"algo")
                                   << "line 4, column";
        QTest::newRow("not a session") << QByteArray("{\"hello\": 1}") << "not a LatentLab session";
        QTest::newRow("newer") << QByteArray("{\"format\": \"latentlab-session\", \"version\": 99}") << "newer LatentLab";
        QTest::newRow("missing field")
            << QByteArray("{\"format\": \"latentlab-session\", \"version\": 1, \"algorithm\": \"kmeans\"}") << "“data” is missing";
        QTest::newRow("unknown algorithm")
            << QByteArray("{\"format\": \"latentlab-session\", \"version\": 1, \"algorithm\": \"nope\", \"data\": {\"name\": "
                          "\"iris\", \"data_seed\": \"1\", \"feature_x\": 0, \"feature_y\": 1}, \"seed\": \"1\", \"step\": 0}")
            << "unknown algorithm";
        QTest::newRow("edits out of order")
            << QByteArray("{\"format\": \"latentlab-session\", \"version\": 1, \"algorithm\": \"gan\", \"data\": {\"name\": "
                          "\"ring\", \"data_seed\": \"1\", \"feature_x\": 0, \"feature_y\": 1}, \"seed\": \"1\", \"step\": 9, "
                          "\"edits\": [{\"step\": 5, \"name\": \"train-d\"}, {\"step\": 2, \"name\": \"train-g\"}]}")
            << "the edits' steps must rise";
    }
    void damagedForeignAndNewerFilesAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.json");
        write(path, bytes);
        app::MainWindow w(options(QStringLiteral("kmeans"), QStringLiteral("old-faithful")));
        w.show();
        QVERIFY(waitFor([&] { return w.controller()->current() != nullptr; }));
        const core::SnapshotPtr before = w.controller()->current();
        try {
            w.openSession(app::readSession(path));
            QFAIL("the file was accepted");
        } catch (const app::SessionError& e) {
            const QString text = QString::fromUtf8(e.what());
            QVERIFY2(text.contains(message), qPrintable(text));
            if (message != QLatin1String("unknown algorithm")) // caught after reading: the dialog adds the name
                QVERIFY2(text.startsWith(QStringLiteral("bad.json")), qPrintable(text));
        }
        QTest::qWait(50);
        QCOMPARE(w.page()->algorithm(), QStringLiteral("kmeans")); // nothing lost
        QCOMPARE(w.controller()->current()->runId, before->runId);
    }

    void savingIsAtomic() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.json");
        write(path, "previous contents");
        QVERIFY_THROWS_EXCEPTION(app::SessionError, app::writeSession(dir.filePath("no/such/dir/s.json"), app::Session{}));
        app::writeSession(path, app::Session{});
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).size() == 1); // no temporary left behind
        QCOMPARE(app::readSession(path).algorithm, QStringLiteral("kmeans"));
    }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
