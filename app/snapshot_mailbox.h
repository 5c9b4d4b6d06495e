#pragma once
// Latest-wins hand-over of snapshots from the worker to the GUI (DESIGN.md "Threads"): the
// worker never waits for the GUI, the GUI never sees a half-updated model, and snapshots the
// GUI had no time to draw are simply replaced.
#include "core/model.h"

#include <mutex>

namespace latentlab::app {

class SnapshotMailbox {
public:
    /// Worker side: replaces whatever is waiting.
    void post(core::SnapshotPtr snap) {
        std::lock_guard lock(m_mutex);
        m_latest = std::move(snap);
        m_fresh = true;
    }
    /// GUI side: the latest snapshot if one arrived since the last take, else null.
    core::SnapshotPtr take() {
        std::lock_guard lock(m_mutex);
        if (!m_fresh) return nullptr;
        m_fresh = false;
        return m_latest;
    }

private:
    std::mutex m_mutex;
    core::SnapshotPtr m_latest;
    bool m_fresh = false;
};

} // namespace latentlab::app
