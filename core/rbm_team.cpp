#include "core/rbm_team.h"

#include <omp.h>

namespace latentlab::core::rbm {

namespace {

constexpr int kSpins = 4000; // ~20 µs of pause instructions before sleeping

inline void pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// Waits until `a` differs from `old`: spins briefly, then sleeps in the futex.
template <typename T> void waitChange(const std::atomic<T>& a, T old) {
    for (int i = 0; i < kSpins; ++i) {
        if (a.load(std::memory_order_acquire) != old) return;
        pause();
    }
    while (a.load(std::memory_order_acquire) == old) a.wait(old, std::memory_order_acquire);
}

} // namespace

WorkTeam::WorkTeam(int threads) {
    const int n = threads > 0 ? threads : omp_get_max_threads();
    for (int i = 1; i < n; ++i) m_workers.emplace_back([this] { workerLoop(); });
}

WorkTeam::~WorkTeam() {
    m_stop.store(true, std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_generation.notify_all();
    for (auto& t : m_workers) t.join();
}

void WorkTeam::runItems() {
    for (int i = m_next.fetch_add(1, std::memory_order_acq_rel); i < m_n;
         i = m_next.fetch_add(1, std::memory_order_acq_rel)) {
        (*m_fn)(i);
        if (m_done.fetch_add(1, std::memory_order_acq_rel) + 1 == m_n) m_done.notify_all();
    }
}

void WorkTeam::workerLoop() {
    uint64_t seen = 0;
    for (;;) {
        waitChange(m_generation, seen);
        seen = m_generation.load(std::memory_order_acquire);
        if (m_stop.load(std::memory_order_acquire)) return;
        runItems();
        if (m_active.fetch_sub(1, std::memory_order_acq_rel) == 1) m_active.notify_all();
    }
}

void WorkTeam::parallelFor(int n, const std::function<void(int)>& fn) {
    if (n <= 0) return;
    if (m_workers.empty() || n == 1) {
        for (int i = 0; i < n; ++i) fn(i);
        return;
    }
    m_fn = &fn;
    m_n = n;
    m_next.store(0, std::memory_order_relaxed);
    m_done.store(0, std::memory_order_relaxed);
    m_active.store(static_cast<int>(m_workers.size()), std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_acq_rel); // publishes the job
    m_generation.notify_all();
    runItems();
    // Every item done, and every worker out of runItems() (so none touches m_fn or the counters
    // of the next job).
    for (int d = m_done.load(std::memory_order_acquire); d < n; d = m_done.load(std::memory_order_acquire))
        waitChange(m_done, d);
    for (int a = m_active.load(std::memory_order_acquire); a > 0; a = m_active.load(std::memory_order_acquire))
        waitChange(m_active, a);
}

} // namespace latentlab::core::rbm
