#pragma once
// Helpers for the tests that break model files byte by byte (test_rbm_io, test_ddpm_io).
#include "core/dataset.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTest>

#include <cstdint>

namespace latentlab::test {

/// The file's bytes (empty when it cannot be read).
inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

/// The DataError message `load(path)` throws, or empty when it loads.
template <typename Load> QString loadError(const QString& path, Load load) {
    try {
        load(path.toStdString());
    } catch (const core::DataError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

/// Writes v little-endian at `offset`.
inline void put32(QByteArray& b, int offset, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[offset + i] = static_cast<char>(v >> (8 * i));
}

} // namespace latentlab::test
