#pragma once
// One seeded generator per run (DESIGN.md: no global RNG). xoshiro256** seeded through
// splitmix64, with our own uniform/normal transforms so that a seed gives the same numbers
// with every standard library (std::normal_distribution is implementation-defined).
#include <array>
#include <cmath>
#include <cstdint>

namespace latentlab::core {

class Rng {
public:
    explicit Rng(uint64_t seed = 0) { reseed(seed); }

    void reseed(uint64_t seed) {
        uint64_t x = seed;
        for (auto& s : m_s) s = splitmix64(x);
        m_hasSpare = false;
    }

    /// Next raw 64-bit value (xoshiro256**, Blackman & Vigna 2018).
    uint64_t next() {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform double in [a, b).
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    /// Uniform integer in [0, n) without modulo bias (Lemire's method); n > 0.
    uint64_t below(uint64_t n) {
        unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
        uint64_t low = static_cast<uint64_t>(m);
        if (low < n) {
            const uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<unsigned __int128>(next()) * n;
                low = static_cast<uint64_t>(m);
            }
        }
        return static_cast<uint64_t>(m >> 64);
    }
    /// Standard normal N(0, 1) by the Box-Muller transform (pairs cached).
    double normal() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = uniform();
        while (u1 <= 0.0) u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * M_PI * u2);
    }
    double normal(double mean, double stddev) { return mean + stddev * normal(); }

    /// Full generator state, for exact restore (history scrubbing, sessions).
    struct State {
        std::array<uint64_t, 4> s;
        bool hasSpare;
        double spare;
    };
    State state() const { return {m_s, m_hasSpare, m_spare}; }
    void setState(const State& st) {
        m_s = st.s;
        m_hasSpare = st.hasSpare;
        m_spare = st.spare;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static uint64_t splitmix64(uint64_t& x) {
        uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::array<uint64_t, 4> m_s{};
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

} // namespace latentlab::core
