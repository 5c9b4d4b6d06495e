#include "core/rbm_gemm.h"

#include "core/rbm_math.h"

#include <Eigen/Core>
#include <cmath>
#include <cstring>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define LATENTLAB_RBM_AVX2 1
#endif

namespace latentlab::core::rbm {

namespace {

#ifdef LATENTLAB_RBM_AVX2
// The accumulators are one 2-D array with every loop over it unrolled, so that GCC keeps all
// 2·MR of them in registers: written as two separate arrays c0[MR], c1[MR], GCC 12 kept a copy
// of them on the stack and stored them there on every k (58 instead of 80-85 GFLOP/s).
template <int MR>
void tile(const float* a, ptrdiff_t ars, ptrdiff_t acs, const float* b, ptrdiff_t ldb, int K, float* acc,
          ptrdiff_t ldacc) {
    __m256 c[MR][2];
#pragma GCC unroll 6
    for (int r = 0; r < MR; ++r) c[r][0] = c[r][1] = _mm256_setzero_ps();
#pragma GCC unroll 4
    for (int k = 0; k < K; ++k) {
        const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
#pragma GCC unroll 6
        for (int r = 0; r < MR; ++r) {
            const __m256 x = _mm256_broadcast_ss(a + r * ars);
            c[r][0] = _mm256_fmadd_ps(x, b0, c[r][0]);
            c[r][1] = _mm256_fmadd_ps(x, b1, c[r][1]);
        }
        a += acs;
        b += ldb;
    }
#pragma GCC unroll 6
    for (int r = 0; r < MR; ++r) {
        _mm256_storeu_ps(acc + r * ldacc, c[r][0]);
        _mm256_storeu_ps(acc + r * ldacc + 8, c[r][1]);
    }
}

inline __m256i mix32x8(__m256i x) {
    x = _mm256_xor_si256(x, _mm256_srli_epi32(x, 16));
    x = _mm256_mullo_epi32(x, _mm256_set1_epi32(0x21f0aaad));
    x = _mm256_xor_si256(x, _mm256_srli_epi32(x, 15));
    x = _mm256_mullo_epi32(x, _mm256_set1_epi32(0x735a2d97));
    return _mm256_xor_si256(x, _mm256_srli_epi32(x, 15));
}
#else
template <int MR>
void tile(const float* a, ptrdiff_t ars, ptrdiff_t acs, const float* b, ptrdiff_t ldb, int K, float* acc,
          ptrdiff_t ldacc) {
    float c[MR][kTileCols] = {};
    for (int k = 0; k < K; ++k, a += acs, b += ldb)
        for (int r = 0; r < MR; ++r)
            for (int j = 0; j < kTileCols; ++j) c[r][j] = std::fma(a[r * ars], b[j], c[r][j]);
    for (int r = 0; r < MR; ++r) std::memcpy(acc + r * ldacc, c[r], sizeof c[r]);
}
#endif

} // namespace

void gemmTile(int mr, const float* a, ptrdiff_t ars, ptrdiff_t acs, const float* b, ptrdiff_t ldb, int K,
              float* acc, ptrdiff_t ldacc) {
    switch (mr) {
    case 1: tile<1>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    case 2: tile<2>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    case 3: tile<3>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    case 4: tile<4>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    case 5: tile<5>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    default: tile<6>(a, ars, acs, b, ldb, K, acc, ldacc); break;
    }
}

void biasSigmoid16(float* x, float bias) {
    Eigen::Map<Eigen::Array<float, kTileCols, 1>> m(x);
    m = (m + bias).logistic();
}

void biasSigmoid16(float* x, const float* bias) {
    Eigen::Map<Eigen::Array<float, kTileCols, 1>> m(x);
    m = (m + Eigen::Map<const Eigen::Array<float, kTileCols, 1>>(bias)).logistic();
}

void sampleBernoulli16(const float* p, float* out, uint64_t key, uint32_t first, uint32_t stride) {
    const uint32_t k0 = static_cast<uint32_t>(key), k1 = static_cast<uint32_t>(key >> 32);
#ifdef LATENTLAB_RBM_AVX2
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i step = _mm256_mullo_epi32(lane, _mm256_set1_epi32(static_cast<int>(stride)));
    const __m256 one = _mm256_set1_ps(1.0f), scale = _mm256_set1_ps(0x1.0p-24f);
    for (int h = 0; h < kTileCols; h += 8) {
        const uint32_t base = first + static_cast<uint32_t>(h) * stride;
        __m256i x = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(base)), step);
        x = mix32x8(_mm256_xor_si256(x, _mm256_set1_epi32(static_cast<int>(k0))));
        x = mix32x8(_mm256_add_epi32(x, _mm256_set1_epi32(static_cast<int>(k1))));
        const __m256 u = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(x, 8)), scale);
        const __m256 on = _mm256_cmp_ps(u, _mm256_loadu_ps(p + h), _CMP_LT_OQ);
        _mm256_storeu_ps(out + h, _mm256_and_ps(on, one));
    }
#else
    for (int c = 0; c < kTileCols; ++c) {
        const uint32_t bits = mix32(mix32((first + static_cast<uint32_t>(c) * stride) ^ k0) + k1);
        out[c] = static_cast<float>(bits >> 8) * 0x1.0p-24f < p[c] ? 1.0f : 0.0f;
    }
#endif
}

void packPanels(const float* X, ptrdiff_t ldx, int n, int V, float* panels) {
    for (int p = 0; p * kTileCols < n; ++p) {
        float* out = panels + static_cast<ptrdiff_t>(p) * V * kTileCols;
        const int rows = n - p * kTileCols < kTileCols ? n - p * kTileCols : kTileCols;
        const float* x = X + static_cast<ptrdiff_t>(p) * kTileCols * ldx;
        int i = 0;
#ifdef LATENTLAB_RBM_AVX2
        // Full panels: 8 × 8 blocks transposed in registers (two blocks of 8 rows per 8 columns).
        if (rows == kTileCols)
            for (; i + 8 <= V; i += 8)
                for (int c0 = 0; c0 < kTileCols; c0 += 8) {
                    __m256 r[8], t[8];
                    for (int c = 0; c < 8; ++c) r[c] = _mm256_loadu_ps(x + (c0 + c) * ldx + i);
                    for (int c = 0; c < 8; c += 2) {
                        t[c] = _mm256_unpacklo_ps(r[c], r[c + 1]);
                        t[c + 1] = _mm256_unpackhi_ps(r[c], r[c + 1]);
                    }
                    for (int c = 0; c < 8; c += 4)
                        for (int d = 0; d < 2; ++d) {
                            r[c + d] = _mm256_shuffle_ps(t[c + d], t[c + d + 2], _MM_SHUFFLE(1, 0, 1, 0));
                            r[c + d + 2] = _mm256_shuffle_ps(t[c + d], t[c + d + 2], _MM_SHUFFLE(3, 2, 3, 2));
                        }
                    // r[0..3] hold columns i+{0,4}, i+{2,6}, i+{1,5}, i+{3,7} of rows 0-3 | 4-7
                    // of the first 4-row half; r[4..7] the same of rows 4-7 (by 128-bit lanes).
                    static constexpr int kCol[4] = {0, 2, 1, 3};
                    for (int u = 0; u < 4; ++u) {
                        const __m256 lo = _mm256_permute2f128_ps(r[u], r[u + 4], 0x20);
                        const __m256 hi = _mm256_permute2f128_ps(r[u], r[u + 4], 0x31);
                        _mm256_storeu_ps(out + static_cast<ptrdiff_t>(i + kCol[u]) * kTileCols + c0, lo);
                        _mm256_storeu_ps(out + static_cast<ptrdiff_t>(i + kCol[u] + 4) * kTileCols + c0, hi);
                    }
                }
#endif
        // Row by row of the panel (64 bytes written at a time; the 16 rows are read as 16
        // sequential streams): a panel of 784 × 16 floats does not fit in L1.
        for (; i < V; ++i) {
            float* o = out + static_cast<ptrdiff_t>(i) * kTileCols;
            for (int c = 0; c < rows; ++c) o[c] = x[c * ldx + i];
            for (int c = rows; c < kTileCols; ++c) o[c] = 0;
        }
    }
}

bool momentumStep(const float* g, const float* v, const float* w, float* vNew, float* wNew, int n, float m,
                  float lr, float decay, float* panels, ptrdiff_t panelStride) {
    int i = 0;
    bool ok = true;
#ifdef LATENTLAB_RBM_AVX2
    const __m256 vm = _mm256_set1_ps(m), vlr = _mm256_set1_ps(lr), vd = _mm256_set1_ps(decay);
    __m256 acc = _mm256_setzero_ps();
    for (; i + 8 <= n; i += 8) {
        const __m256 wi = _mm256_loadu_ps(w + i);
        const __m256 step = _mm256_mul_ps(vlr, _mm256_sub_ps(_mm256_loadu_ps(g + i), _mm256_mul_ps(vd, wi)));
        const __m256 vn = _mm256_add_ps(_mm256_mul_ps(vm, _mm256_loadu_ps(v + i)), step);
        const __m256 wn = _mm256_add_ps(wi, vn);
        _mm256_storeu_ps(vNew + i, vn);
        _mm256_storeu_ps(wNew + i, wn);
        if (panels) _mm256_storeu_ps(panels + (i / kTileCols) * panelStride + i % kTileCols, wn);
        // 0 for finite values, NaN otherwise
        acc = _mm256_add_ps(acc, _mm256_add_ps(_mm256_sub_ps(vn, vn), _mm256_sub_ps(wn, wn)));
    }
    ok = _mm256_movemask_ps(_mm256_cmp_ps(acc, acc, _CMP_UNORD_Q)) == 0;
#endif
    for (; i < n; ++i) {
        const float vn = m * v[i] + lr * (g[i] - decay * w[i]);
        const float wn = w[i] + vn;
        vNew[i] = vn;
        wNew[i] = wn;
        if (panels) panels[(i / kTileCols) * panelStride + i % kTileCols] = wn;
        ok = ok && std::isfinite(vn) && std::isfinite(wn);
    }
    return ok;
}

} // namespace latentlab::core::rbm
