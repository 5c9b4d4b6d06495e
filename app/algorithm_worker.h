#pragma once
// The model and its loop, living in the worker thread (DESIGN.md "Threads"). Commands arrive
// as queued calls between steps; pause is an atomic flag seen inside the loop at once.
#include "app/history.h"
#include "app/snapshot_mailbox.h"
#include "core/model.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace latentlab::app {

class AlgorithmWorker : public QObject {
    Q_OBJECT
public:
    AlgorithmWorker(SnapshotMailbox* mailbox, History* history);

    /// Requests a pause; seen by the running loop before its next step (any thread).
    void requestPause() { m_pauseRequested = true; }
    bool isPlaying() const { return m_playing; }

public slots:
    /// Takes a model that is already reset; its snapshot starts a new history.
    void setModel(std::shared_ptr<latentlab::core::Model> model);
    /// Runs a function on the model between steps (edits: move a centroid, replace data);
    /// its snapshot is appended to the history, marked with `name` (Snapshot::edit).
    void edit(std::function<void(latentlab::core::Model&)> change, const std::string& name = {});
    /// Puts the model back to history entry `index` and drops the entries after it.
    void restoreTo(qsizetype index);
    void play();
    void pause();
    /// Runs `count` steps now (a half-step is 1, an iteration is stepsPerIteration()).
    void step(int count);
    /// Steps per second while playing; <= 0 means as fast as possible.
    void setSpeed(double stepsPerSecond);

signals:
    /// Playing started or stopped; `finished`: the model has nothing left to do.
    void playingChanged(bool playing, bool finished);
    /// A step failed or the model diverged; the last good state was kept.
    void failed(const QString& message);

private:
    void tick();
    bool doStep(); ///< one step + snapshot; false if the model is finished or failed
    void publish(core::SnapshotPtr snap);
    void stopPlaying();

    SnapshotMailbox* m_mailbox;
    History* m_history;
    std::shared_ptr<core::Model> m_model;
    std::atomic<bool> m_playing{false};
    std::atomic<bool> m_pauseRequested{false};
    double m_stepsPerSecond = 4.0;
    QTimer* m_timer = nullptr;
};

} // namespace latentlab::app
