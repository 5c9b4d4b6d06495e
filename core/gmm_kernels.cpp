#include "core/gmm_kernels.h"

#if defined(__AVX2__) && defined(__FMA__)
#define LATENTLAB_GMM_AVX2 1
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace latentlab::core::gmm::kernels {

namespace {

/// Points per block: the block's γ (K × kBlock doubles, ≤ 32 KiB for K = 32) stays in L1/L2
/// between the pass that makes it and the pass that accumulates it.
constexpr int kBlock = 128;

/// Four doubles in plain C++: the fallback, and the reference for the vector types' semantics.
struct Portable {
    struct V {
        double v[4];
    };
    struct M {
        bool m[4];
    };
    template <class F> static V map(const F& f) {
        V r;
        for (int l = 0; l < 4; ++l)
            r.v[l] = f(l);
        return r;
    }
    static V set1(double a) { return map([&](int) { return a; }); }
    static V zero() { return set1(0.0); }
    static V load(const double* p) { return map([&](int l) { return p[l]; }); }
    static void store(double* p, V a) {
        for (int l = 0; l < 4; ++l)
            p[l] = a.v[l];
    }
    static V add(V a, V b) { return map([&](int l) { return a.v[l] + b.v[l]; }); }
    static V sub(V a, V b) { return map([&](int l) { return a.v[l] - b.v[l]; }); }
    static V mul(V a, V b) { return map([&](int l) { return a.v[l] * b.v[l]; }); }
    static V div(V a, V b) { return map([&](int l) { return a.v[l] / b.v[l]; }); }
    /// a·b + c
    static V fma(V a, V b, V c) { return map([&](int l) { return a.v[l] * b.v[l] + c.v[l]; }); }
    /// max as maxpd: b unless a > b.
    static V max(V a, V b) { return map([&](int l) { return a.v[l] > b.v[l] ? a.v[l] : b.v[l]; }); }
    static V exp(V a) { return map([&](int l) { return std::exp(a.v[l]); }); }
    static V log(V a) { return map([&](int l) { return std::log(a.v[l]); }); }
    static M gt(V a, V b) {
        M r;
        for (int l = 0; l < 4; ++l)
            r.m[l] = a.v[l] > b.v[l];
        return r;
    }
    static M eq(V a, V b) {
        M r;
        for (int l = 0; l < 4; ++l)
            r.m[l] = a.v[l] == b.v[l];
        return r;
    }
    static M lanes(int count) {
        M r;
        for (int l = 0; l < 4; ++l)
            r.m[l] = l < count;
        return r;
    }
    static M both(M a, M b) {
        M r;
        for (int l = 0; l < 4; ++l)
            r.m[l] = a.m[l] && b.m[l];
        return r;
    }
    /// a where the mask is set, else b.
    static V select(M m, V a, V b) { return map([&](int l) { return m.m[l] ? a.v[l] : b.v[l]; }); }
    static double hsum(V a) { return (a.v[0] + a.v[1]) + (a.v[2] + a.v[3]); }
    static void storeFloats(float* p, V a, int count) {
        for (int l = 0; l < count; ++l)
            p[l] = static_cast<float>(a.v[l]);
    }
};

#ifdef LATENTLAB_GMM_AVX2
struct Avx2 {
    using V = __m256d;
    using M = __m256d;
    static V set1(double a) { return _mm256_set1_pd(a); }
    static V zero() { return _mm256_setzero_pd(); }
    static V load(const double* p) { return _mm256_loadu_pd(p); }
    static void store(double* p, V a) { _mm256_storeu_pd(p, a); }
    static V add(V a, V b) { return _mm256_add_pd(a, b); }
    static V sub(V a, V b) { return _mm256_sub_pd(a, b); }
    static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
    static V div(V a, V b) { return _mm256_div_pd(a, b); }
    static V fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
    static V max(V a, V b) { return _mm256_max_pd(a, b); }
    static M gt(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
    static M eq(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
    static M lanes(int count) {
        return _mm256_cmp_pd(_mm256_set_pd(3, 2, 1, 0), _mm256_set1_pd(count), _CMP_LT_OQ);
    }
    static M both(M a, M b) { return _mm256_and_pd(a, b); }
    static V select(M m, V a, V b) { return _mm256_blendv_pd(b, a, m); }
    static double hsum(V a) {
        alignas(32) double v[4];
        _mm256_store_pd(v, a);
        return (v[0] + v[1]) + (v[2] + v[3]);
    }
    static void storeFloats(float* p, V a, int count) {
        const __m128 f = _mm256_cvtpd_ps(a);
        if (count == 4) {
            _mm_storeu_ps(p, f);
            return;
        }
        alignas(16) float v[4];
        _mm_store_ps(v, f);
        for (int l = 0; l < count; ++l)
            p[l] = v[l];
    }

    /// e^x for x ≤ 0 (−∞ → 0, NaN → NaN; results below 2^−1022 flush to 0): x = n ln 2 + r with
    /// |r| ≤ ½ ln 2 (Cody & Waite's two-part ln 2), e^r by its Taylor polynomial of degree 13
    /// (truncation < 5·10⁻¹⁸ relative), times 2^n added to the exponent bits.
    static V exp(V x) {
        const V shifter = set1(0x1.8p52); // adding it rounds to an integer in the low bits
        const V t = fma(x, set1(1.4426950408889634), shifter);
        const V n = sub(t, shifter);
        V r = _mm256_fnmadd_pd(n, set1(6.93147180369123816490e-01), x); // fdlibm ln2_hi
        r = _mm256_fnmadd_pd(n, set1(1.90821492927058770002e-10), r);   // fdlibm ln2_lo
        static constexpr double c[] = {1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800,
                                       1.0 / 3628800,    1.0 / 362880,    1.0 / 40320,
                                       1.0 / 5040,       1.0 / 720,       1.0 / 120,
                                       1.0 / 24,         1.0 / 6,         0.5,
                                       1.0,              1.0};
        V p = set1(c[0]);
        for (int i = 1; i < 14; ++i)
            p = fma(p, r, set1(c[i]));
        // The low bits of t hold n (two's complement modulo 2^12 after the shift).
        const __m256i scale = _mm256_slli_epi64(_mm256_castpd_si256(t), 52);
        V y = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p), scale));
        y = add(y, sub(x, x)); // NaN (and ±∞, cleared next) stay NaN
        return _mm256_andnot_pd(_mm256_cmp_pd(x, set1(-708.0), _CMP_LT_OQ), y);
    }

    /// log x for normal positive x (+∞ and NaN pass through): x = 2^e m with m ∈ [√½, √2),
    /// log m = 2 atanh f, f = (m − 1)/(m + 1), |f| ≤ 0.172, by its series to f²³ (truncation
    /// < 10⁻¹⁸ relative), plus e ln 2 in two parts.
    static V log(V x) {
        const __m256i bits = _mm256_castpd_si256(x);
        const __m256i mant = _mm256_or_si256(
            _mm256_and_si256(bits, _mm256_set1_epi64x(0x000FFFFFFFFFFFFFLL)),
            _mm256_set1_epi64x(0x3FF0000000000000LL));
        V m = _mm256_castsi256_pd(mant); // [1, 2)
        const __m256i ebits = _mm256_or_si256(_mm256_srli_epi64(bits, 52),
                                              _mm256_set1_epi64x(0x4330000000000000LL));
        V e = sub(_mm256_castsi256_pd(ebits), set1(0x1p52 + 1023));
        const M big = _mm256_cmp_pd(m, set1(1.4142135623730951), _CMP_GT_OQ);
        m = select(big, mul(m, set1(0.5)), m);
        e = select(big, add(e, set1(1.0)), e);
        const V f = div(sub(m, set1(1.0)), add(m, set1(1.0)));
        const V f2 = mul(f, f);
        V p = set1(1.0 / 23);
        for (int k = 21; k >= 3; k -= 2)
            p = fma(p, f2, set1(1.0 / k));
        const V twoF = add(f, f);
        const V logM = fma(mul(twoF, f2), p, twoF);
        const V y = fma(e, set1(6.93147180369123816490e-01),
                        fma(e, set1(1.90821492927058770002e-10), logM));
        const M finite = _mm256_cmp_pd(x, set1(std::numeric_limits<double>::infinity()), _CMP_LT_OQ);
        return select(finite, y, x);
    }
};
#endif

/// The kernel for D features (D = 0: any d ≤ kMaxFusedDimension, read at run time).
template <class B, int D>
void chunkKernel(const Matrix& X, int start, int rows, const Components& c, bool hard,
                 Eigen::MatrixXf* resp, ChunkSums& out) {
    using V = typename B::V;
    using M = typename B::M;
    constexpr int DM = D > 0 ? D : kMaxFusedDimension;
    constexpr int SM = 1 + DM + DM * (DM + 1) / 2;
    const int d = D > 0 ? D : c.d;
    const int T = d * (d + 1) / 2;
    const int S = 1 + d + T;
    const int K = c.k;
    const Eigen::Index n = X.rows();

    struct Box { // a vector register's value in a std::vector
        V v;
    };
    std::vector<Box> accStore(static_cast<size_t>(K * S), Box{B::zero()});
    std::vector<Box> packStore(2 * static_cast<size_t>(K));
    std::vector<double> gStore(static_cast<size_t>(K) * kBlock);
    Box* const acc = accStore.data();      // K × S per-lane chunk sums
    Box* const L = packStore.data();       // K log-joints of one pack of four points
    Box* const E = L + K;                  // K exp(L − max)
    double* const G = gStore.data();       // K × kBlock: γ of the block, k-major
    alignas(32) double xs[DM][kBlock];
    V llAcc = B::zero(), objAcc = B::zero(), entAcc = B::zero();
    const V one = B::set1(1.0), zero = B::zero();

    for (int b0 = 0; b0 < rows; b0 += kBlock) {
        const int nb = std::min(kBlock, rows - b0);
        const int packs = (nb + 3) / 4;
        for (int j = 0; j < d; ++j) {
            const float* col = X.data() + j * n + start + b0;
            for (int i = 0; i < nb; ++i)
                xs[j][i] = col[i];
            for (int i = nb; i < 4 * packs; ++i)
                xs[j][i] = 0;
        }
        // Pass 1, point-major: log-joint, log-sum-exp, γ.
        for (int p = 0; p < packs; ++p) {
            const int i = 4 * p;
            const M valid = B::lanes(nb - i);
            V x[DM];
            for (int j = 0; j < d; ++j)
                x[j] = B::load(&xs[j][i]);
            V m = B::set1(-std::numeric_limits<double>::infinity());
            for (int k = 0; k < K; ++k) {
                const double* mu = &c.means[static_cast<size_t>(k * d)];
                const double* U = &c.whiten[static_cast<size_t>(k * T)];
                V diff[DM];
                for (int j = 0; j < d; ++j)
                    diff[j] = B::sub(x[j], B::set1(mu[j]));
                V q = zero;
                for (int j = 0; j < d; ++j) { // y_j = Σ_{i ≤ j} (x − μ)_i U_ij; q = ‖y‖²
                    const double* Uj = U + j * (j + 1) / 2;
                    V y = B::mul(diff[0], B::set1(Uj[0]));
                    for (int r = 1; r <= j; ++r)
                        y = B::fma(diff[r], B::set1(Uj[r]), y);
                    q = B::fma(y, y, q);
                }
                L[k].v =
                    B::fma(B::set1(-0.5), q, B::set1(c.logNorm[static_cast<size_t>(k)]));
                m = B::max(L[k].v, m);
            }
            V s = zero;
            for (int k = 0; k < K; ++k) {
                E[k].v = B::exp(B::sub(L[k].v, m));
                s = B::add(s, E[k].v);
            }
            const V logS = B::log(s);
            llAcc = B::add(llAcc, B::select(valid, B::add(m, logS), zero));
            if (!hard) {
                // H = −Σ γ log γ = log s − Σ γ (L − m): both terms ≥ 0, no cancellation.
                const V inv = B::div(one, s);
                V gt = zero;
                for (int k = 0; k < K; ++k) {
                    const V g = B::mul(E[k].v, inv);
                    const V t = B::sub(L[k].v, m);
                    gt = B::add(gt, B::select(B::gt(g, zero), B::mul(g, t), zero));
                    B::store(G + k * kBlock + i, B::select(valid, g, zero));
                }
                entAcc = B::add(entAcc, B::select(valid, B::sub(logS, gt), zero));
            } else {
                V best = L[0].v, arg = zero;
                for (int k = 1; k < K; ++k) {
                    const M better = B::gt(L[k].v, best);
                    best = B::select(better, L[k].v, best);
                    arg = B::select(better, B::set1(k), arg);
                }
                for (int k = 0; k < K; ++k)
                    B::store(G + k * kBlock + i,
                             B::select(B::both(valid, B::eq(arg, B::set1(k))), one, zero));
                objAcc = B::add(objAcc, B::select(valid, m, zero));
            }
            if (resp)
                for (int k = 0; k < K; ++k)
                    B::storeFloats(resp->data() + k * n + start + b0 + i,
                                   B::load(G + k * kBlock + i),
                                   std::min(4, nb - i));
        }
        // Pass 2, component-major: N_k, Σ γ (x − μ_k), Σ γ (x − μ_k)(x − μ_k)ᵀ in registers.
        for (int k = 0; k < K; ++k) {
            V a[SM];
            Box* sums = acc + k * S;
            for (int s = 0; s < S; ++s)
                a[s] = sums[s].v;
            V mu[DM];
            for (int j = 0; j < d; ++j)
                mu[j] = B::set1(c.means[static_cast<size_t>(k * d + j)]);
            const double* g = G + k * kBlock;
            for (int p = 0; p < packs; ++p) {
                const V gk = B::load(g + 4 * p);
                V diff[DM], gd[DM];
                for (int j = 0; j < d; ++j) {
                    diff[j] = B::sub(B::load(&xs[j][4 * p]), mu[j]);
                    gd[j] = B::mul(gk, diff[j]);
                }
                a[0] = B::add(a[0], gk);
                for (int j = 0; j < d; ++j) {
                    a[1 + j] = B::add(a[1 + j], gd[j]);
                    V* col = &a[1 + d + j * (j + 1) / 2];
                    for (int r = 0; r <= j; ++r)
                        col[r] = B::fma(gd[r], diff[j], col[r]);
                }
            }
            for (int s = 0; s < S; ++s)
                sums[s].v = a[s];
        }
    }
    out.moments.resize(static_cast<size_t>(K * S));
    for (int s = 0; s < K * S; ++s)
        out.moments[static_cast<size_t>(s)] = B::hsum(acc[s].v);
    out.logLikelihood = B::hsum(llAcc);
    out.objective = hard ? B::hsum(objAcc) : out.logLikelihood;
    out.entropy = hard ? 0.0 : B::hsum(entAcc);
}

template <class B>
void dispatch(const Matrix& X, int start, int rows, const Components& c, bool hard,
              Eigen::MatrixXf* resp, ChunkSums& out) {
    switch (c.d) {
    case 1:
        return chunkKernel<B, 1>(X, start, rows, c, hard, resp, out);
    case 2:
        return chunkKernel<B, 2>(X, start, rows, c, hard, resp, out);
    case 3:
        return chunkKernel<B, 3>(X, start, rows, c, hard, resp, out);
    default:
        return chunkKernel<B, 0>(X, start, rows, c, hard, resp, out);
    }
}

} // namespace

Simd bestSimd() {
#ifdef LATENTLAB_GMM_AVX2
    return Simd::Avx2;
#else
    return Simd::Portable;
#endif
}

Components prepare(const GmmParameters& theta, const Factors& factors) {
    Components c;
    c.k = theta.k();
    c.d = theta.d();
    if (c.d < 1 || c.d > kMaxFusedDimension)
        throw std::invalid_argument("Gaussian mixture: the fused E-step takes 1 to " +
                                    std::to_string(kMaxFusedDimension) + " features, not " +
                                    std::to_string(c.d));
    const int T = c.d * (c.d + 1) / 2;
    c.means.resize(static_cast<size_t>(c.k * c.d));
    c.whiten.resize(static_cast<size_t>(c.k * T));
    c.logNorm.assign(factors.logNorm.data(), factors.logNorm.data() + c.k);
    for (int k = 0; k < c.k; ++k) {
        for (int j = 0; j < c.d; ++j)
            c.means[static_cast<size_t>(k * c.d + j)] = theta.means(k, j);
        const Eigen::MatrixXd& U = factors.whiten[static_cast<size_t>(k)];
        for (int j = 0; j < c.d; ++j)
            for (int i = 0; i <= j; ++i)
                c.whiten[static_cast<size_t>(k * T + j * (j + 1) / 2 + i)] = U(i, j);
    }
    return c;
}

void eStepChunk(const Matrix& X, int start, int rows, const Components& c, bool hard,
                Eigen::MatrixXf* resp, ChunkSums& out, Simd simd) {
#ifdef LATENTLAB_GMM_AVX2
    if (simd == Simd::Avx2) return dispatch<Avx2>(X, start, rows, c, hard, resp, out);
#else
    if (simd == Simd::Avx2)
        throw std::invalid_argument("Gaussian mixture: this build has no AVX2 E-step kernel");
#endif
    dispatch<Portable>(X, start, rows, c, hard, resp, out);
}

} // namespace latentlab::core::gmm::kernels
