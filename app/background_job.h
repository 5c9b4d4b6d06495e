#pragma once
// A cancellable computation on the thread pool whose result a page shows when it is done (the
// k-means elbow chart, the mixture's AIC/BIC). Starting again cancels the one running; a
// result that finished after requestCancel() is to be dropped (cancelled() tells).
#include <QFutureWatcher>
#include <QtConcurrent>

#include <atomic>
#include <memory>

namespace latentlab::app {

template <typename T>
class BackgroundJob {
public:
    ~BackgroundJob() {
        requestCancel();
        m_watcher.waitForFinished();
    }

    /// Runs `work(const std::atomic<bool>* cancel)` on the pool after cancelling and waiting
    /// for the previous run; `work` should return early once *cancel is true.
    template <typename Work>
    void start(Work work) {
        requestCancel();
        m_watcher.waitForFinished();
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        m_cancel = cancel;
        m_watcher.setFuture(QtConcurrent::run([work, cancel] { return work(cancel.get()); }));
    }
    /// Asks the running computation to stop, without waiting.
    void requestCancel() {
        if (m_cancel) *m_cancel = true;
    }
    bool cancelled() const { return m_cancel && *m_cancel; }
    bool isRunning() const { return m_watcher.isRunning(); }
    T result() const { return m_watcher.result(); }
    /// Emits finished() in the GUI thread when a run ends.
    QFutureWatcher<T>& watcher() { return m_watcher; }

private:
    QFutureWatcher<T> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace latentlab::app
