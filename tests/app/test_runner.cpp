// The generic runner: the model in a worker thread, commands between steps, snapshots through
// a latest-wins mailbox, a scrubbable history, clean teardown while running.
#include "gui_test_support.h"
#include "app/history.h"
#include "app/run_controller.h"
#include "core/kmeans.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace latentlab;

namespace {

bool waitFor(const std::function<bool()>& done, int ms = 5000) { return latentlab::test::waitFor(done, ms); }

std::shared_ptr<const core::Dataset> uniform(int n, uint64_t seed) {
    auto d = std::make_shared<core::Dataset>();
    d->X.resize(n, 2);
    core::Rng rng(seed);
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < n; ++i) d->X(i, j) = static_cast<float>(rng.uniform());
    return d;
}

app::RunController::ModelFactory kmeansFactory(std::shared_ptr<const core::Dataset> data, int k,
                                               int maxIter = 300) {
    return [data, k, maxIter] {
        core::Params p(core::KMeans::specs());
        p.set("k", int64_t{k});
        p.set("max-iter", int64_t{maxIter});
        auto m = std::make_shared<core::KMeans>();
        m->reset(data, p, 3);
        return m;
    };
}

} // namespace

class TestRunner : public QObject {
    Q_OBJECT
private slots:
    void stepRunsExactlyThatMany();
    void pauseStopsPlaying();
    void resetStartsNewRunAndDropsOld();
    void scrubBackThenForwardShowsSameStates();
    void continuingFromPastEntryBranches();
    void historyThinsWithinBudget();
    void closeWhileRunning();
    void guiStaysResponsiveOnMillionPoints();
    void failingFactoryReportsMessage();
};

void TestRunner::stepRunsExactlyThatMany() {
    app::RunController rc;
    rc.start(kmeansFactory(uniform(500, 1), 4));
    QVERIFY(waitFor([&] { return rc.historySize() == 1; }));
    rc.step(3);
    QVERIFY(waitFor([&] { return rc.historySize() == 4; }));
    QTest::qWait(50);
    QCOMPARE(rc.historySize(), 4);
    QCOMPARE(rc.history().latest()->stepCount, int64_t{3});
    QVERIFY(waitFor([&] { return rc.current() && rc.current()->stepCount == 3; }));
}

void TestRunner::pauseStopsPlaying() {
    app::RunController rc;
    rc.setSpeed(0);
    rc.start(kmeansFactory(uniform(200000, 2), 20, 100000));
    QVERIFY(waitFor([&] { return rc.historySize() == 1; }));
    QSignalSpy playing(&rc, &app::RunController::playingChanged);
    rc.play();
    // Wait for the worker's "playing" to arrive too: until it has, isPlaying() is false and
    // would not tell that the pause has been honoured (seen on a loaded machine).
    QVERIFY(waitFor([&] { return rc.isPlaying() && rc.historySize() > 5; }));
    rc.pause();
    QVERIFY(waitFor([&] { return !rc.isPlaying(); }, 2000));
    const int size = rc.historySize();
    QTest::qWait(100);
    QCOMPARE(rc.historySize(), size);
    QVERIFY(playing.count() >= 2);
}

void TestRunner::resetStartsNewRunAndDropsOld() {
    app::RunController rc;
    rc.start(kmeansFactory(uniform(1000, 3), 3));
    QVERIFY(waitFor([&] { return rc.historySize() == 1; }));
    rc.step(4);
    QVERIFY(waitFor([&] { return rc.historySize() == 5; }));
    const uint64_t firstRun = rc.runId();
    rc.start(kmeansFactory(uniform(1000, 4), 5));
    QVERIFY(waitFor([&] { return rc.historySize() == 1 && rc.current() && rc.current()->runId == rc.runId(); }));
    QVERIFY(rc.runId() != firstRun);
    QCOMPARE(rc.current()->stepCount, int64_t{0});
}

void TestRunner::scrubBackThenForwardShowsSameStates() {
    app::RunController rc;
    rc.start(kmeansFactory(uniform(2000, 5), 4));
    QVERIFY(waitFor([&] { return rc.historySize() == 1; }));
    rc.step(8);
    QVERIFY(waitFor([&] { return rc.historySize() == 9; }));
    std::vector<core::SnapshotPtr> seen;
    QObject::connect(&rc, &app::RunController::snapshotReady,
                     [&](core::SnapshotPtr s, bool) { seen.push_back(s); });
    for (int i = 8; i >= 0; --i) rc.showHistoryEntry(i);
    for (int i = 0; i <= 8; ++i) rc.showHistoryEntry(i);
    QCOMPARE(seen.size(), size_t{18});
    for (int i = 0; i <= 8; ++i) {
        QCOMPARE(seen[static_cast<size_t>(8 - i)].get(), seen[static_cast<size_t>(9 + i)].get());
        QCOMPARE(seen[static_cast<size_t>(9 + i)]->stepCount, int64_t{i});
    }
}

void TestRunner::continuingFromPastEntryBranches() {
    app::RunController rc;
    rc.start(kmeansFactory(uniform(3000, 6), 5));
    QVERIFY(waitFor([&] { return rc.historySize() == 1; }));
    rc.step(6);
    QVERIFY(waitFor([&] { return rc.historySize() == 7; }));
    const auto original = std::dynamic_pointer_cast<const core::KMeansSnapshot>(rc.history().at(4));
    rc.showHistoryEntry(2);
    rc.step(2); // continues from entry 2: entries 3 and 4 again, identical to the first time
    QVERIFY(waitFor([&] { return rc.historySize() == 5 && rc.current() && rc.current()->stepCount == 4; }));
    const auto again = std::dynamic_pointer_cast<const core::KMeansSnapshot>(rc.history().at(4));
    QVERIFY(again.get() != original.get());
    QCOMPARE(again->centroids, original->centroids);
    QCOMPARE(again->objective, original->objective);
}

void TestRunner::historyThinsWithinBudget() {
    app::History h(20'000);
    core::KMeans km;
    core::Params p(core::KMeans::specs());
    p.set("k", int64_t{3});
    p.set("max-iter", int64_t{1000});
    km.reset(uniform(5000, 7), p, 1);
    h.append(km.snapshot());
    for (int i = 0; i < 60 && !km.finished(); ++i) {
        km.step();
        h.append(km.snapshot());
    }
    QVERIFY(h.thinned());
    QVERIFY(h.bytes() <= 20'000 + h.latest()->byteSize() * 2);
    QCOMPARE(h.at(0)->stepCount, int64_t{0}); // the start is always kept
    for (size_t i = 1; i < h.size(); ++i) QVERIFY(h.at(i)->stepCount > h.at(i - 1)->stepCount);

    // A named edit's state (here: at step 1, odd, the first to go) and the state before it stay.
    app::History e(20'000);
    km.reset(uniform(5000, 7), p, 1);
    e.append(km.snapshot());
    km.step();
    e.append(km.snapshot());
    auto edited = std::make_shared<core::KMeansSnapshot>(*std::dynamic_pointer_cast<const core::KMeansSnapshot>(km.snapshot()));
    edited->edit = "sample-now";
    e.append(edited);
    for (int i = 0; i < 60 && !km.finished(); ++i) {
        km.step();
        e.append(km.snapshot());
    }
    QVERIFY(e.thinned());
    QCOMPARE(e.at(1)->stepCount, int64_t{1});
    QCOMPARE(e.at(2)->edit, std::string("sample-now"));
}

void TestRunner::closeWhileRunning() {
    QElapsedTimer t;
    {
        auto rc = std::make_unique<app::RunController>();
        rc->setSpeed(0);
        rc->start(kmeansFactory(uniform(1'000'000, 8), 10, 100000));
        QVERIFY(waitFor([&] { return rc->historySize() >= 1; }, 20000));
        rc->play();
        QVERIFY(waitFor([&] { return rc->historySize() > 3; }, 20000));
        t.start();
    } // destroyed while playing
    QVERIFY2(t.elapsed() < 2000, qPrintable(QString("teardown took %1 ms").arg(t.elapsed())));
}

// The GUI event loop keeps answering within 50 ms while k-means runs flat out on 10^6 points.
void TestRunner::guiStaysResponsiveOnMillionPoints() {
    app::RunController rc;
    rc.setSpeed(0);
    rc.start(kmeansFactory(uniform(1'000'000, 9), 10, 100000));
    QVERIFY(waitFor([&] { return rc.historySize() >= 1; }, 20000));
    rc.play();
    QVERIFY(waitFor([&] { return rc.historySize() > 3; }, 20000));
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worst = 0;
    int ticks = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (ticks++ > 0) worst = std::max(worst, now - last);
        last = now;
    });
    probe.start(5);
    QTest::qWait(1500);
    probe.stop();
    const int steps = rc.historySize();
    rc.pause();
    QVERIFY(steps > 20); // the model really was running meanwhile
    QVERIFY2(worst < 50, qPrintable(QString("the event loop stalled for %1 ms").arg(worst)));
}

void TestRunner::failingFactoryReportsMessage() {
    app::RunController rc;
    QSignalSpy failed(&rc, &app::RunController::failed);
    rc.start(kmeansFactory(uniform(2, 10), 5)); // 5 clusters, 2 points
    QVERIFY(failed.wait(3000));
    QVERIFY(failed.first().first().toString().contains("at least 5 points"));
}

QTEST_GUILESS_MAIN(TestRunner)
#include "test_runner.moc"
