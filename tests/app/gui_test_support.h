#pragma once
// Shared by the window tests: wait for something the worker thread or the event loop will do.
#include <QElapsedTimer>
#include <QTest>

#include <functional>

namespace latentlab::test {

/// Runs the event loop until `done()` is true or `ms` milliseconds pass; returns `done()`.
inline bool waitFor(const std::function<bool()>& done, int ms = 15000) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) QTest::qWait(5);
    return done();
}

} // namespace latentlab::test
