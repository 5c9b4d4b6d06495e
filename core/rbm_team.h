#pragma once
// A small fork-join team of threads for the RBM kernels, which synchronise a few thousand times
// a second (three phases per mini-batch). OpenMP's default barrier spins for a long time before
// sleeping: on a machine whose cores are busy with other work (a shared VM, a build running) a
// spinning thread holds a core its partner needs, and measured epochs on 2 threads took 3-7×
// longer than on one. This team spins only briefly (about 20 µs) and then sleeps in
// std::atomic::wait (a futex), which costs little when the machine is idle and stays close to
// the one-thread time when it is not.
//
// Work is a range of items [0, n) handed out one at a time; which thread runs which item does
// not matter for the results as long as each item's computation is self-contained (fixed items,
// reductions in item order by the caller).
#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace latentlab::core::rbm {

class WorkTeam {
public:
    /// `threads` ≥ 1 threads in all (the caller's thread is one of them); 0 = all cores
    /// (omp_get_max_threads(), so OMP_NUM_THREADS limits it as it limits the other kernels).
    explicit WorkTeam(int threads = 0);
    ~WorkTeam();
    WorkTeam(const WorkTeam&) = delete;
    WorkTeam& operator=(const WorkTeam&) = delete;

    int threads() const { return static_cast<int>(m_workers.size()) + 1; }
    /// Runs fn(i) for every i in [0, n) on the team and returns when all are done. Not
    /// re-entrant: fn must not call parallelFor. Exceptions in fn terminate the program.
    void parallelFor(int n, const std::function<void(int)>& fn);

private:
    void workerLoop();
    void runItems();

    std::vector<std::thread> m_workers;
    const std::function<void(int)>* m_fn = nullptr;
    int m_n = 0;
    std::atomic<uint64_t> m_generation{0}; ///< bumped for every job; workers wait on it
    std::atomic<int> m_next{0};            ///< next item to hand out
    std::atomic<int> m_done{0};            ///< items finished
    std::atomic<int> m_active{0};          ///< workers still inside the current job
    std::atomic<bool> m_stop{false};
};

} // namespace latentlab::core::rbm
