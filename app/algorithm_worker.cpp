#include "app/algorithm_worker.h"

#include <cmath>
#include <exception>

namespace latentlab::app {

namespace {
constexpr int kSliceMs = 15; // at full speed, hand a snapshot over about 60 times a second
}

AlgorithmWorker::AlgorithmWorker(SnapshotMailbox* mailbox, History* history)
    : m_mailbox(mailbox), m_history(history) {}

void AlgorithmWorker::setModel(std::shared_ptr<core::Model> model) {
    stopPlaying();
    m_model = std::move(model);
    m_history->clear();
    if (m_model) publish(m_model->snapshot());
}

void AlgorithmWorker::edit(std::function<void(core::Model&)> change, const std::string& name) {
    if (!m_model) return;
    try {
        change(*m_model);
        core::SnapshotPtr snap = m_model->snapshot();
        // A fresh object no one else holds yet: marking it is safe.
        if (!name.empty()) const_cast<core::Snapshot&>(*snap).edit = name;
        publish(std::move(snap));
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
    }
}

void AlgorithmWorker::restoreTo(qsizetype index) {
    if (!m_model || index < 0) return;
    const core::SnapshotPtr snap = m_history->at(static_cast<size_t>(index));
    if (!snap || !m_model->restore(*snap)) return;
    m_history->truncateAfter(static_cast<size_t>(index));
    m_mailbox->post(snap);
}

void AlgorithmWorker::play() {
    if (!m_model || m_model->finished()) {
        emit playingChanged(false, m_model && m_model->finished());
        return;
    }
    m_pauseRequested = false;
    if (!m_playing) {
        m_playing = true;
        emit playingChanged(true, false);
    }
    tick();
}

void AlgorithmWorker::pause() {
    m_pauseRequested = true;
    stopPlaying();
}

void AlgorithmWorker::step(int count) {
    stopPlaying();
    for (int i = 0; i < count; ++i)
        if (!doStep()) break;
    emit playingChanged(false, m_model && m_model->finished());
}

void AlgorithmWorker::setSpeed(double stepsPerSecond) { m_stepsPerSecond = stepsPerSecond; }

void AlgorithmWorker::tick() {
    if (!m_playing) return;
    if (m_pauseRequested) {
        stopPlaying();
        return;
    }
    if (m_stepsPerSecond > 0) {
        if (!doStep()) return;
        if (!m_timer) {
            m_timer = new QTimer(this);
            m_timer->setSingleShot(true);
            m_timer->setTimerType(Qt::PreciseTimer);
            connect(m_timer, &QTimer::timeout, this, &AlgorithmWorker::tick);
        }
        m_timer->start(static_cast<int>(std::lround(1000.0 / m_stepsPerSecond)));
        return;
    }
    // As fast as possible: steps for one time slice, then back to the event loop so that
    // queued commands (pause, edits) are handled between slices.
    QElapsedTimer slice;
    slice.start();
    while (slice.elapsed() < kSliceMs && !m_pauseRequested)
        if (!doStep()) return;
    QMetaObject::invokeMethod(this, &AlgorithmWorker::tick, Qt::QueuedConnection);
}

bool AlgorithmWorker::doStep() {
    if (!m_model || m_model->finished()) {
        stopPlaying();
        return false;
    }
    core::SnapshotPtr snap;
    try {
        m_model->step();
        snap = m_model->snapshot();
    } catch (const std::exception& e) {
        stopPlaying();
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    if (std::isinf(snap->objective) || (std::isnan(snap->objective) && snap->stepCount > 0 &&
                                        snap->phase != "init")) {
        // Diverged: keep the last good state and say what happened.
        if (const auto good = m_history->latest()) m_model->restore(*good);
        stopPlaying();
        emit failed(tr("The model diverged at step %1 (objective %2); paused at the last good "
                       "state.")
                        .arg(snap->stepCount)
                        .arg(snap->objective));
        return false;
    }
    publish(std::move(snap));
    if (m_model->finished()) {
        stopPlaying();
        return false;
    }
    return true;
}

void AlgorithmWorker::publish(core::SnapshotPtr snap) {
    m_history->append(snap);
    m_mailbox->post(std::move(snap));
}

void AlgorithmWorker::stopPlaying() {
    if (m_timer) m_timer->stop();
    const bool was = m_playing.exchange(false);
    if (was) emit playingChanged(false, m_model && m_model->finished());
}

} // namespace latentlab::app
