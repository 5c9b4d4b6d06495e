#pragma once
// The float32 matrix-product tile and the vectorised per-tile steps of RBM training
// (core/rbm_kernels.cpp): a register-blocked micro-kernel in the style of Goto & van de Geijn
// ("Anatomy of high-performance matrix multiplication", ACM TOMS 2008) specialised for the
// RBM's shapes (64 × 784 × 256 per product at batch 64): each tile reads whole rows of 16
// contiguous floats of B and broadcasts single floats of A; the caller lays the operands out so
// that both are read sequentially (see core/rbm_kernels.h).
//
// Determinism: every output element is one chain of fused multiply-adds over k = 0, 1, …, K−1,
// whatever the tile shape or the thread that computes it, so the results do not depend on how
// the work is split.
#include <cstddef>
#include <cstdint>

namespace latentlab::core::rbm {

/// Width of a tile: 16 columns (two 8-float AVX registers).
inline constexpr int kTileCols = 16;
/// Maximum height of a tile: 6 rows, 12 accumulator registers.
inline constexpr int kTileRows = 6;

/// acc (mr × 16, row-major, ldacc ≥ 16 floats per row) = Σ_{k<K} A(r, k) · B(k, c) for
/// r < mr ≤ 6 and c < 16, with A(r, k) = a[r·ars + k·acs] and B(k, c) = b[k·ldb + c]: all 16
/// columns of B's rows are read, so B must be padded to a multiple of 16 columns (padding
/// columns give meaningless values in their own columns of acc only).
void gemmTile(int mr, const float* a, ptrdiff_t ars, ptrdiff_t acs, const float* b, ptrdiff_t ldb,
              int K, float* acc, ptrdiff_t ldacc = kTileCols);

/// dst[c] = src[c] for c < n ≤ 16, and dst[c] = 0 for n ≤ c < 16: one row of a 16-wide panel
/// (two vector moves when n = 16).
inline void copyPanelRow(float* dst, const float* src, int n) {
    if (n == kTileCols) {
        __builtin_memcpy(dst, src, sizeof(float) * kTileCols);
        return;
    }
    for (int c = 0; c < kTileCols; ++c) dst[c] = c < n ? src[c] : 0.0f;
}

/// x[c] = σ(x[c] + bias) for c < 16, vectorised (Eigen's float logistic).
void biasSigmoid16(float* x, float bias);
/// x[c] = σ(x[c] + bias[c]) for c < 16.
void biasSigmoid16(float* x, const float* bias);

/// out[c] = 1 if counterUniform(key, first + c·stride) < p[c] else 0, for c < 16 (the same
/// numbers as sampleBernoulli / counterUniform in core/rbm_math.h, 8 lanes at a time).
void sampleBernoulli16(const float* p, float* out, uint64_t key, uint32_t first, uint32_t stride);

/// Packs rows [0, n) of X (row-major, leading dimension ldx, V columns) as ⌈n/16⌉ panels of
/// V × 16 floats: panel p holds X(16p + c, i) at p·V·16 + i·16 + c, zero for rows ≥ n.
void packPanels(const float* X, ptrdiff_t ldx, int n, int V, float* panels);

/// The momentum step of n consecutive weights (one column of W, or a part of it), from the
/// gradient g:  vNew = m·v + lr·(g − decay·w),  wNew = w + vNew.
/// When `panels` is not null, wNew[i] is also stored at panels[(i / 16)·panelStride + i % 16]
/// (the column's rows of W packed by panels of 16 visible units, as packPanels lays them out).
/// Returns false when any vNew or wNew is not finite.
bool momentumStep(const float* g, const float* v, const float* w, float* vNew, float* wNew, int n,
                  float m, float lr, float decay, float* panels = nullptr, ptrdiff_t panelStride = 0);

} // namespace latentlab::core::rbm
