#include "app/history.h"

namespace latentlab::app {

void History::clear() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_bytes = 0;
    m_thinned = false;
}

void History::append(core::SnapshotPtr snap) {
    if (!snap) return;
    std::lock_guard lock(m_mutex);
    m_bytes += snap->byteSize();
    m_entries.push_back(std::move(snap));
    enforceBudget();
}

void History::truncateAfter(size_t index) {
    std::lock_guard lock(m_mutex);
    while (m_entries.size() > index + 1) {
        m_bytes -= m_entries.back()->byteSize();
        m_entries.pop_back();
    }
}

size_t History::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

core::SnapshotPtr History::at(size_t index) const {
    std::lock_guard lock(m_mutex);
    return index < m_entries.size() ? m_entries[index] : nullptr;
}

core::SnapshotPtr History::latest() const {
    std::lock_guard lock(m_mutex);
    return m_entries.empty() ? nullptr : m_entries.back();
}

size_t History::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

bool History::thinned() const {
    std::lock_guard lock(m_mutex);
    return m_thinned;
}

void History::enforceBudget() {
    while (m_bytes > m_budget && m_entries.size() > 3) {
        // Keep entry 0 and the newer half; drop every other one of the older half, but not a
        // named edit's state or the state it was applied to (sessions replay those edits).
        const size_t half = m_entries.size() / 2;
        std::vector<core::SnapshotPtr> kept;
        kept.reserve(m_entries.size());
        const auto editAt = [&](size_t i) { return i < m_entries.size() && !m_entries[i]->edit.empty(); };
        for (size_t i = 0; i < m_entries.size(); ++i) {
            if (i > 0 && i < half && i % 2 == 1 && !editAt(i) && !editAt(i + 1)) {
                m_bytes -= m_entries[i]->byteSize();
                continue;
            }
            kept.push_back(std::move(m_entries[i]));
        }
        const bool dropped = kept.size() < m_entries.size();
        m_entries = std::move(kept); // (the loop moved every kept entry out)
        if (!dropped) break;
        m_thinned = true;
    }
}

} // namespace latentlab::app
