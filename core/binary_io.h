#pragma once
// Little-endian encoding helpers and the atomic file write shared by LatentLab's binary
// model formats (rbm_io, nn_io, ddpm_io). Integers little-endian, floats IEEE 754 little-endian.
#include "core/dataset.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace latentlab::core::binary {

/// FNV-1a 64-bit hash of n bytes (Fowler, Noll, Vo), the files' checksum.
inline uint64_t fnv1a(const unsigned char* p, size_t n, uint64_t h = 0xcbf29ce484222325ULL) {
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

inline void put32(std::vector<unsigned char>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
inline void put64(std::vector<unsigned char>& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
inline void putFloat(std::vector<unsigned char>& out, float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    put32(out, bits);
}
inline void putDouble(std::vector<unsigned char>& out, double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    put64(out, bits);
}
inline uint32_t get32(const unsigned char* p) {
    return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
inline uint64_t get64(const unsigned char* p) { return uint64_t{get32(p)} | uint64_t{get32(p + 4)} << 32; }
inline float getFloat(const unsigned char* p) {
    const uint32_t bits = get32(p);
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}
inline double getDouble(const unsigned char* p) {
    const uint64_t bits = get64(p);
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

/// Bounds-checked little-endian reading of a payload [begin, end) from position p: running
/// past the end throws DataError "<name>: truncated or inconsistent at byte N (reading what)".
struct Cursor {
    const std::string& name; ///< the file (or resource) named in errors
    const unsigned char* p;
    const unsigned char* end;
    const unsigned char* begin;
    [[noreturn]] void fail(const std::string& what) const { throw DataError(name + ": " + what); }
    void need(uint64_t n, const char* what) const {
        if (uint64_t(end - p) < n)
            fail("truncated or inconsistent at byte " + std::to_string(p - begin) + " (reading " + what + ")");
    }
    /// n bytes decoded by get, after the bounds check.
    template <typename Get> auto take(uint64_t n, const char* what, Get get) {
        need(n, what);
        const auto v = get(p);
        p += n;
        return v;
    }
    uint32_t u32(const char* what) { return take(4, what, get32); }
    uint64_t u64(const char* what) { return take(8, what, get64); }
    float f32(const char* what) { return take(4, what, getFloat); }
    double f64(const char* what) { return take(8, what, getDouble); }

};

/// Writes `bytes` to `path` through `path.part` renamed into place, so a failed write leaves
/// no partial file. Throws DataError "cannot write <path>: …".
void writeFileAtomically(const std::string& path, const std::vector<unsigned char>& bytes);

/// Reads a whole file of at most maxBytes. Throws DataError naming `path` for a folder, a
/// missing or unreadable file, or one larger than maxBytes.
std::vector<unsigned char> readFile(const std::string& path, uint64_t maxBytes);

} // namespace latentlab::core::binary
