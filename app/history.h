#pragma once
// Every snapshot of a run, for the timeline: scrubbing back and forth shows exactly the states
// the model went through. Memory is bounded: past the budget, every other snapshot of the
// older half is dropped (the first is always kept, and so are named edits' states and the
// states before them, which sessions need), so the timeline thins out instead of stopping. Thread-safe: the worker appends, the GUI reads.
#include "core/model.h"

#include <cstddef>
#include <mutex>
#include <vector>

namespace latentlab::app {

class History {
public:
    explicit History(size_t byteBudget = size_t{1} << 30) : m_budget(byteBudget) {}

    void clear();
    void append(core::SnapshotPtr snap);
    /// Drops every entry after `index` (continuing from a past state starts a new branch).
    void truncateAfter(size_t index);

    size_t size() const;
    core::SnapshotPtr at(size_t index) const; ///< null if out of range
    core::SnapshotPtr latest() const;
    size_t bytes() const;
    /// True once the budget forced the history to drop entries.
    bool thinned() const;

private:
    void enforceBudget();
    mutable std::mutex m_mutex;
    std::vector<core::SnapshotPtr> m_entries;
    size_t m_bytes = 0;
    size_t m_budget;
    bool m_thinned = false;
};

} // namespace latentlab::app
