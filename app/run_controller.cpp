#include "app/run_controller.h"

#include <sys/resource.h>

#include <exception>

namespace latentlab::app {

RunController::RunController(QObject* parent) : QObject(parent) {
    m_worker = new AlgorithmWorker(&m_mailbox, &m_history);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &AlgorithmWorker::playingChanged, this, [this](bool playing, bool done) {
        m_playing = playing;
        poll(); // draw the final state right away
        emit playingChanged(playing, done);
    });
    connect(m_worker, &AlgorithmWorker::failed, this, &RunController::failed);
    // The model runs at a lower CPU priority (nice 10, per thread on Linux; OpenMP threads it
    // creates inherit it): on a 2-core machine with software OpenGL the GUI thread must win
    // the CPU whenever it has something to draw, or the window stalls for 100 ms and more.
    connect(&m_thread, &QThread::started, m_worker, [] { setpriority(PRIO_PROCESS, 0, 10); },
            Qt::DirectConnection);
    m_thread.setObjectName("latentlab-worker");
    m_thread.start();
    m_poll.setInterval(16); // ~60 Hz: the GUI takes at most one snapshot per frame
    connect(&m_poll, &QTimer::timeout, this, &RunController::poll);
    m_poll.start();
}

RunController::~RunController() {
    m_worker->requestPause();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void RunController::start(ModelFactory make) {
    const uint64_t id = ++m_runId;
    m_viewIndex = -1;
    m_worker->requestPause();
    QMetaObject::invokeMethod(m_worker, [this, make = std::move(make), id] {
        std::shared_ptr<core::Model> model;
        try {
            model = make();
        } catch (const std::exception& e) {
            emit m_worker->failed(QString::fromStdString(e.what()));
            return;
        }
        if (!model) return;
        model->setRunId(id);
        m_worker->setModel(std::move(model));
    });
}

void RunController::continueFromShownEntry() {
    if (m_viewIndex >= 0 && m_viewIndex < historySize() - 1) {
        const qsizetype index = m_viewIndex;
        QMetaObject::invokeMethod(m_worker, [w = m_worker, index] { w->restoreTo(index); });
    }
    m_viewIndex = -1;
}

void RunController::play() {
    continueFromShownEntry();
    QMetaObject::invokeMethod(m_worker, &AlgorithmWorker::play);
}

void RunController::pause() {
    m_worker->requestPause();
    QMetaObject::invokeMethod(m_worker, &AlgorithmWorker::pause);
}

void RunController::step(int count) {
    continueFromShownEntry();
    m_worker->requestPause();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, count] { w->step(count); });
}

void RunController::runToConvergence() {
    setSpeed(0);
    play();
}

void RunController::setSpeed(double stepsPerSecond) {
    QMetaObject::invokeMethod(m_worker, [w = m_worker, stepsPerSecond] { w->setSpeed(stepsPerSecond); });
}

void RunController::edit(std::function<void(core::Model&)> change, const std::string& name) {
    continueFromShownEntry();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, change = std::move(change), name] { w->edit(change, name); });
}

void RunController::showHistoryEntry(int index) {
    const int size = historySize();
    if (size == 0) return;
    // Until the worker has made the new run's first state, the history is the old run's.
    const core::SnapshotPtr latest = m_history.latest();
    if (!latest || latest->runId != m_runId) return;
    if (index >= size - 1) {
        m_viewIndex = -1;
        m_current = latest;
        emit snapshotReady(m_current, true);
    } else {
        pause();
        m_viewIndex = std::max(0, index);
        m_current = m_history.at(static_cast<size_t>(m_viewIndex));
        emit snapshotReady(m_current, false);
    }
    emit historyChanged(size); // the timeline follows the entry on display
}

int RunController::shownIndex() const {
    return m_viewIndex >= 0 ? m_viewIndex : historySize() - 1;
}

void RunController::poll() {
    if (core::SnapshotPtr snap = m_mailbox.take()) {
        if (snap->runId == m_runId && m_viewIndex < 0) {
            m_current = snap;
            emit snapshotReady(snap, true);
        }
    }
    const int size = historySize();
    if (size != m_lastHistorySize) {
        m_lastHistorySize = size;
        emit historyChanged(size);
    }
}

} // namespace latentlab::app
