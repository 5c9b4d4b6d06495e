#include "core/ddpm_infer.h"

#include <algorithm>
#include <stdexcept>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define LATENTLAB_DDPM_AVX2 1
#endif

namespace latentlab::core {

namespace {

constexpr int kRows = 6;  ///< rows of a tile: 6 × 2 accumulator registers + 2 for B + 1 for A
constexpr int kPanel = 16; ///< columns of a weight panel (two 8-float registers)

int roundUp(int n, int m) { return (n + m - 1) / m * m; }

#ifdef LATENTLAB_DDPM_AVX2

// e^x, Cephes' expf (S. L. Moshier): x = n ln 2 + r with |r| ≤ ln 2 / 2, e^r by a degree-6
// polynomial, 2^n by the exponent bits; about 1 ulp. x is clamped to [−87.3, 88.37], where the
// result is a normal float.
inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.37f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    x = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    x = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), x);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), _mm256_add_ps(x, _mm256_set1_ps(1.0f)));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

// tanh, Cephes' tanhf: an odd polynomial for |x| < 0.625, 1 − 2 / (e^{2|x|} + 1) beyond.
inline __m256 tanh8(__m256 x) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    const __m256 ax = _mm256_andnot_ps(sign, x);
    const __m256 big = _mm256_sub_ps(
        _mm256_set1_ps(1.0f),
        _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(exp8(_mm256_add_ps(ax, ax)), _mm256_set1_ps(1.0f))));
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(-5.70498872745e-3f);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(2.06390887954e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-5.37397155531e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(1.33314422036e-1f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-3.33332819422e-1f));
    const __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), x, x);
    const __m256 isSmall = _mm256_cmp_ps(ax, _mm256_set1_ps(0.625f), _CMP_LT_OQ);
    return _mm256_blendv_ps(_mm256_or_ps(big, _mm256_and_ps(sign, x)), small, isSmall);
}

template <nn::Activation F> inline __m256 activate(__m256 z, __m256 slope) {
    (void)slope; // LeakyReLU only
    if constexpr (F == nn::Activation::ReLU) return _mm256_max_ps(z, _mm256_setzero_ps());
    if constexpr (F == nn::Activation::LeakyReLU)
        return _mm256_blendv_ps(_mm256_mul_ps(z, slope), z, _mm256_cmp_ps(z, _mm256_setzero_ps(), _CMP_GT_OQ));
    if constexpr (F == nn::Activation::Tanh) return tanh8(z);
    if constexpr (F == nn::Activation::Sigmoid)
        return _mm256_div_ps(_mm256_set1_ps(1.0f),
                             _mm256_add_ps(_mm256_set1_ps(1.0f), exp8(_mm256_sub_ps(_mm256_setzero_ps(), z))));
    if constexpr (F == nn::Activation::SiLU) // z σ(z) = z / (1 + e^{−z})
        return _mm256_div_ps(z, _mm256_add_ps(_mm256_set1_ps(1.0f), exp8(_mm256_sub_ps(_mm256_setzero_ps(), z))));
    return z;
}

// o(r, 8v + j) = f(acc(r, 8v + j) + bias(8v + j)) for r < mr, v < nv; acc rows of 8·nv floats.
template <nn::Activation F>
void epilogueOf(const float* acc, int mr, int nv, const float* bias, float slope, float* o, ptrdiff_t ldo) {
    const __m256 s = _mm256_set1_ps(slope), b0 = _mm256_loadu_ps(bias);
    if (nv == 2) {
        const __m256 b1 = _mm256_loadu_ps(bias + 8);
        for (int r = 0; r < mr; ++r) {
            _mm256_storeu_ps(o + r * ldo, activate<F>(_mm256_add_ps(_mm256_load_ps(acc + 16 * r), b0), s));
            _mm256_storeu_ps(o + r * ldo + 8, activate<F>(_mm256_add_ps(_mm256_load_ps(acc + 16 * r + 8), b1), s));
        }
    } else {
        for (int r = 0; r < mr; ++r)
            _mm256_storeu_ps(o + r * ldo, activate<F>(_mm256_add_ps(_mm256_load_ps(acc + 8 * r), b0), s));
    }
}

__attribute__((noinline)) void epilogue(const float* acc, int mr, int nv, const float* bias, nn::Activation f,
                                        float slope, float* o, ptrdiff_t ldo) {
    switch (f) {
    case nn::Activation::Identity: epilogueOf<nn::Activation::Identity>(acc, mr, nv, bias, slope, o, ldo); break;
    case nn::Activation::ReLU: epilogueOf<nn::Activation::ReLU>(acc, mr, nv, bias, slope, o, ldo); break;
    case nn::Activation::LeakyReLU: epilogueOf<nn::Activation::LeakyReLU>(acc, mr, nv, bias, slope, o, ldo); break;
    case nn::Activation::Tanh: epilogueOf<nn::Activation::Tanh>(acc, mr, nv, bias, slope, o, ldo); break;
    case nn::Activation::Sigmoid: epilogueOf<nn::Activation::Sigmoid>(acc, mr, nv, bias, slope, o, ldo); break;
    case nn::Activation::SiLU: epilogueOf<nn::Activation::SiLU>(acc, mr, nv, bias, slope, o, ldo); break;
    }
}

// o(r, c) = f(Σ_k A(r, k) W(k, c) + bias(c)) for r < MR, c < 8·NV, with A(r, k) = a[r·ars + k·acs]
// and W(k, c) = w[k·8·NV + c] (one packed panel). One FMA chain per element, k ascending. The
// sums go through a small buffer to the epilogue so that the accumulators stay in registers.
template <int MR, int NV>
void tile(const float* a, ptrdiff_t ars, ptrdiff_t acs, const float* w, int K, const float* bias,
          nn::Activation f, float slope, float* o, ptrdiff_t ldo) {
    __m256 c[MR][NV];
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 2
        for (int v = 0; v < NV; ++v) c[r][v] = _mm256_setzero_ps();
#pragma GCC unroll 4
    for (int k = 0; k < K; ++k) {
        __m256 b[NV];
#pragma GCC unroll 2
        for (int v = 0; v < NV; ++v) b[v] = _mm256_loadu_ps(w + 8 * v);
#pragma GCC unroll 8
        for (int r = 0; r < MR; ++r) {
            const __m256 x = _mm256_broadcast_ss(a + r * ars);
#pragma GCC unroll 2
            for (int v = 0; v < NV; ++v) c[r][v] = _mm256_fmadd_ps(x, b[v], c[r][v]);
        }
        a += acs;
        w += 8 * NV;
    }
    alignas(32) float acc[MR][8 * NV];
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 2
        for (int v = 0; v < NV; ++v) _mm256_store_ps(&acc[r][8 * v], c[r][v]);
    epilogue(&acc[0][0], MR, NV, bias, f, slope, o, ldo);
}

using TileFn = void (*)(const float*, ptrdiff_t, ptrdiff_t, const float*, int, const float*, nn::Activation, float,
                        float*, ptrdiff_t);
constexpr TileFn kTiles[kRows][2] = {
    {tile<1, 1>, tile<1, 2>}, {tile<2, 1>, tile<2, 2>}, {tile<3, 1>, tile<3, 2>},
    {tile<4, 1>, tile<4, 2>}, {tile<5, 1>, tile<5, 2>}, {tile<6, 1>, tile<6, 2>},
};

#endif

} // namespace

bool FusedMlp::available() {
#ifdef LATENTLAB_DDPM_AVX2
    return true;
#else
    return false;
#endif
}

bool FusedMlp::pack(const nn::Mlp<float>& net, int directInputs) {
    m_layers.clear();
    if (!available() || directInputs < 1 || directInputs > net.inputs()) return false;
    for (const auto& d : net.layers())
        if (d.spec().outputs > kMaxWidth || d.spec().inputs > kMaxWidth) return false;
    std::vector<Layer> layers;
    for (size_t l = 0; l < net.layers().size(); ++l) {
        const auto& d = net.layers()[l];
        Layer L;
        L.K = l == 0 ? directInputs : int(d.W.rows());
        L.N = int(d.W.cols());
        L.f = d.spec().activation;
        L.slope = float(d.spec().negativeSlope);
        const int Np = roundUp(L.N, 8);
        L.W.assign(size_t(L.K) * size_t(Np), 0.0f);
        L.b.assign(size_t(roundUp(L.N, kPanel)), 0.0f);
        for (int c = 0; c < L.N; ++c) L.b[size_t(c)] = d.b(c);
        for (int p = 0; p * kPanel < L.N; ++p) {
            const int width = std::min(kPanel, Np - p * kPanel);
            float* panel = L.W.data() + size_t(p) * kPanel * size_t(L.K);
            for (int k = 0; k < L.K; ++k)
                for (int j = 0; j < width && p * kPanel + j < L.N; ++j)
                    panel[size_t(k) * size_t(width) + size_t(j)] = d.W(k, p * kPanel + j);
        }
        layers.push_back(std::move(L));
    }
    m_layers = std::move(layers);
    return true;
}

void FusedMlp::forward(const float* x, ptrdiff_t xRow, ptrdiff_t xCol, int rows, const float* firstBias, float* out,
                       ptrdiff_t oRow, ptrdiff_t oCol) const {
    if (!ok()) throw std::logic_error("FusedMlp::forward before a successful pack");
#ifdef LATENTLAB_DDPM_AVX2
    alignas(32) float bias0[kMaxWidth];
    alignas(32) float buf[2][kRows * kMaxWidth];
    const Layer& first = m_layers.front();
    std::fill(bias0, bias0 + roundUp(first.N, kPanel), 0.0f);
    std::copy(firstBias, firstBias + first.N, bias0);
    for (int r0 = 0; r0 < rows; r0 += kRows) {
        const int mr = std::min(kRows, rows - r0);
        const float* a = x + r0 * xRow;
        ptrdiff_t ars = xRow, acs = xCol;
        float* o = nullptr;
        ptrdiff_t ldo = 0;
        for (size_t l = 0; l < m_layers.size(); ++l) {
            const Layer& L = m_layers[l];
            o = buf[l & 1];
            ldo = roundUp(L.N, 8);
            const float* bias = l == 0 ? bias0 : L.b.data();
            for (int p = 0; p * kPanel < L.N; ++p) {
                const int nv = std::min(kPanel, int(ldo) - p * kPanel) / 8;
                kTiles[mr - 1][nv - 1](a, ars, acs, L.W.data() + size_t(p) * kPanel * size_t(L.K), L.K,
                                       bias + p * kPanel, L.f, L.slope, o + p * kPanel, ldo);
            }
            a = o;
            ars = ldo;
            acs = 1;
        }
        const int N = m_layers.back().N;
        for (int r = 0; r < mr; ++r)
            for (int c = 0; c < N; ++c) out[(r0 + r) * oRow + c * oCol] = o[r * ldo + c];
    }
#else
    (void)x, (void)xRow, (void)xCol, (void)rows, (void)firstBias, (void)out, (void)oRow, (void)oCol;
#endif
}

} // namespace latentlab::core
