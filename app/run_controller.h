#pragma once
// The GUI side of a run: owns the worker thread, forwards commands, and hands the GUI the
// latest snapshot at most ~60 times a second. Also the timeline: any history entry can be
// shown, and stepping or playing from a past entry continues from there.
#include "app/algorithm_worker.h"
#include "app/history.h"
#include "app/snapshot_mailbox.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

namespace latentlab::app {

class RunController : public QObject {
    Q_OBJECT
public:
    using ModelFactory = std::function<std::shared_ptr<core::Model>()>;

    explicit RunController(QObject* parent = nullptr);
    /// Teardown: pause, requestInterruption, quit, wait (DESIGN.md "Threads").
    ~RunController() override;

    /// Starts a new run: `make` runs in the worker thread and returns a reset model (it may
    /// throw; the message is reported by failed()). Older runs' snapshots are dropped.
    void start(ModelFactory make);
    void play();
    void pause();
    void step(int count = 1);
    /// Plays as fast as possible until the model is finished.
    void runToConvergence();
    /// Steps per second while playing; <= 0: as fast as possible.
    void setSpeed(double stepsPerSecond);
    /// Runs `change` on the model in the worker thread, between steps. A named edit marks its
    /// state (Snapshot::edit) so that sessions can replay it (AlgorithmPage::replayEdit).
    void edit(std::function<void(core::Model&)> change, const std::string& name = {});

    /// Shows history entry `index` (pauses the run). The last index means "follow live".
    void showHistoryEntry(int index);
    int historySize() const { return static_cast<int>(m_history.size()); }
    /// Index shown now (the last entry while following live).
    int shownIndex() const;
    const History& history() const { return m_history; }
    bool isPlaying() const { return m_playing; }
    uint64_t runId() const { return m_runId; }
    /// The snapshot shown now, or null.
    core::SnapshotPtr current() const { return m_current; }

signals:
    /// A snapshot to draw. `live`: it is the newest state (not a scrubbed past one).
    void snapshotReady(latentlab::core::SnapshotPtr snap, bool live);
    void playingChanged(bool playing, bool finished);
    void historyChanged(int size);
    void failed(const QString& message);

private:
    void poll();
    void continueFromShownEntry();

    QThread m_thread;
    AlgorithmWorker* m_worker = nullptr;
    SnapshotMailbox m_mailbox;
    History m_history;
    QTimer m_poll;
    uint64_t m_runId = 0;
    int m_viewIndex = -1; ///< -1: follow live
    int m_lastHistorySize = 0;
    bool m_playing = false;
    core::SnapshotPtr m_current;
};

} // namespace latentlab::app
