#include "core/scatter_matrix.h"

#include <omp.h>

#include <algorithm>
#include <vector>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define LATENTLAB_SCATTER_KERNEL 1
#endif

namespace latentlab::core {

namespace {

/// Rows per block on the double path (one Eigen rank-k update each).
constexpr Eigen::Index kDoubleRows = 2048;
/// At most this many parts, and their d × d double sums take at most kPartBytes together.
constexpr int kMaxParts = 8;
constexpr double kPartBytes = 64.0 * (1 << 20);

int threadCount(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

#ifdef LATENTLAB_SCATTER_KERNEL

/// Features per packed panel (two AVX registers) and columns per tile (the 16 × 6 tile's
/// 12 accumulators, 2 panel registers and a broadcast fill 15 of the 16 AVX registers).
constexpr Eigen::Index kPanel = 16;
constexpr Eigen::Index kTileCols = 6;

/// Rows [row0, row0 + rows) of X, centred and scaled, as panels of 16 features: panel p holds,
/// row after row, z(r, 16p .. 16p + 15) (features past d are 0). One extra panel of zeros
/// follows, for the tile columns past d. `out` holds (panels + 1) · rows · 16 floats.
void pack(const Matrix& X, Eigen::Index row0, Eigen::Index rows, const float* mu, const float* inv,
          Eigen::Index panels, float* out) {
    const Eigen::Index d = X.cols();
    for (Eigen::Index p = 0; p <= panels; ++p) {
        for (Eigen::Index ii = 0; ii < kPanel; ++ii) {
            const Eigen::Index j = p * kPanel + ii;
            float* o = out + p * rows * kPanel + ii;
            if (j >= d) {
                for (Eigen::Index r = 0; r < rows; ++r)
                    o[r * kPanel] = 0;
                continue;
            }
            const float* x = X.col(j).data() + row0;
            const float m = mu[j], s = inv[j];
            for (Eigen::Index r = 0; r < rows; ++r)
                o[r * kPanel] = (x[r] - m) * s;
        }
    }
}

/// tile (16 × 6, column-major) = Σ_r a[16r .. 16r + 15] · b_j[16r], j < 6: a 16-feature panel
/// against 6 single features, all in registers.
void kernel(const float* a, const float* const* b, Eigen::Index rows, float* tile) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00;
    __m256 c10 = c00, c11 = c00, c12 = c00, c13 = c00, c14 = c00, c15 = c00;
    const float *b0 = b[0], *b1 = b[1], *b2 = b[2], *b3 = b[3], *b4 = b[4], *b5 = b[5];
    for (Eigen::Index r = 0; r < rows; ++r) {
        const __m256 a0 = _mm256_loadu_ps(a), a1 = _mm256_loadu_ps(a + 8);
        __m256 v = _mm256_broadcast_ss(b0);
        c00 = _mm256_fmadd_ps(a0, v, c00);
        c10 = _mm256_fmadd_ps(a1, v, c10);
        v = _mm256_broadcast_ss(b1);
        c01 = _mm256_fmadd_ps(a0, v, c01);
        c11 = _mm256_fmadd_ps(a1, v, c11);
        v = _mm256_broadcast_ss(b2);
        c02 = _mm256_fmadd_ps(a0, v, c02);
        c12 = _mm256_fmadd_ps(a1, v, c12);
        v = _mm256_broadcast_ss(b3);
        c03 = _mm256_fmadd_ps(a0, v, c03);
        c13 = _mm256_fmadd_ps(a1, v, c13);
        v = _mm256_broadcast_ss(b4);
        c04 = _mm256_fmadd_ps(a0, v, c04);
        c14 = _mm256_fmadd_ps(a1, v, c14);
        v = _mm256_broadcast_ss(b5);
        c05 = _mm256_fmadd_ps(a0, v, c05);
        c15 = _mm256_fmadd_ps(a1, v, c15);
        a += kPanel;
        b0 += kPanel, b1 += kPanel, b2 += kPanel, b3 += kPanel, b4 += kPanel, b5 += kPanel;
    }
    const __m256 lo[6] = {c00, c01, c02, c03, c04, c05}, hi[6] = {c10, c11, c12, c13, c14, c15};
    for (int j = 0; j < 6; ++j) {
        _mm256_storeu_ps(tile + 16 * j, lo[j]);
        _mm256_storeu_ps(tile + 16 * j + 8, hi[j]);
    }
}

/// C(i, j) += tile for i ≥ j, i < d (rows i0 .. i0 + 15, columns j0 .. j0 + 5).
void addTile(const float* tile, Eigen::Index i0, Eigen::Index j0, Eigen::MatrixXd& C) {
    const Eigen::Index d = C.rows();
    if (i0 >= j0 + kTileCols - 1 && i0 + kPanel <= d && j0 + kTileCols <= d) { // all inside
        for (Eigen::Index jj = 0; jj < kTileCols; ++jj) {
            double* c = C.col(j0 + jj).data() + i0;
            for (int k = 0; k < 16; k += 4)
                _mm256_storeu_pd(c + k, _mm256_add_pd(_mm256_loadu_pd(c + k),
                                                      _mm256_cvtps_pd(_mm_loadu_ps(tile + 16 * jj + k))));
        }
        return;
    }
    for (Eigen::Index jj = 0; jj < kTileCols && j0 + jj < d; ++jj)
        for (Eigen::Index ii = std::max<Eigen::Index>(0, j0 + jj - i0); ii < kPanel && i0 + ii < d; ++ii)
            C(i0 + ii, j0 + jj) += tile[16 * jj + ii];
}

/// C's lower triangle += Σ over rows [row0, row0 + rows) (≤ kScatterFloatRows) of z zᵀ.
void addFloatBlock(const Matrix& X, Eigen::Index row0, Eigen::Index rows, const float* mu,
                   const float* inv, std::vector<float>& packed, Eigen::MatrixXd& C) {
    const Eigen::Index d = X.cols();
    const Eigen::Index panels = (d + kPanel - 1) / kPanel;
    packed.resize(static_cast<size_t>((panels + 1) * rows * kPanel));
    pack(X, row0, rows, mu, inv, panels, packed.data());
    const float* zeros = packed.data() + panels * rows * kPanel;
    alignas(32) float tile[kPanel * kTileCols];
    for (Eigen::Index j0 = 0; j0 < d; j0 += kTileCols) {
        const float* b[kTileCols];
        for (Eigen::Index jj = 0; jj < kTileCols; ++jj) {
            const Eigen::Index j = j0 + jj;
            b[jj] = j < d ? packed.data() + (j / kPanel) * rows * kPanel + j % kPanel : zeros;
        }
        for (Eigen::Index p = j0 / kPanel; p < panels; ++p) {
            kernel(packed.data() + p * rows * kPanel, b, rows, tile);
            addTile(tile, p * kPanel, j0, C);
        }
    }
}

#endif // LATENTLAB_SCATTER_KERNEL

/// C's lower triangle += Σ over rows [begin, end) of z zᵀ, block by block.
void addRows(const Matrix& X, Eigen::Index begin, Eigen::Index end, const Eigen::RowVectorXd& mean,
             const Eigen::RowVectorXd& scale, ScatterPrecision precision, Eigen::MatrixXd& C) {
    if (precision == ScatterPrecision::Double) {
        Eigen::MatrixXd Z;
        for (Eigen::Index b = begin; b < end; b += kDoubleRows) {
            const Eigen::Index rows = std::min(kDoubleRows, end - b);
            Z = ((X.middleRows(b, rows).cast<double>().rowwise() - mean).array().rowwise() / scale.array())
                    .matrix();
            C.selfadjointView<Eigen::Lower>().rankUpdate(Z.transpose());
        }
        return;
    }
    const Eigen::RowVectorXf mu = mean.cast<float>(), inv = scale.cwiseInverse().cast<float>();
#ifdef LATENTLAB_SCATTER_KERNEL
    std::vector<float> packed;
    for (Eigen::Index b = begin; b < end; b += kScatterFloatRows)
        addFloatBlock(X, b, std::min(kScatterFloatRows, end - b), mu.data(), inv.data(), packed, C);
#else
    Matrix Z, ZtZ(X.cols(), X.cols());
    for (Eigen::Index b = begin; b < end; b += kScatterFloatRows) {
        const Eigen::Index rows = std::min(kScatterFloatRows, end - b);
        Z = ((X.middleRows(b, rows).rowwise() - mu).array().rowwise() * inv.array()).matrix();
        ZtZ.setZero();
        ZtZ.selfadjointView<Eigen::Lower>().rankUpdate(Z.transpose());
        C.triangularView<Eigen::Lower>() += ZtZ.cast<double>();
    }
#endif
}

} // namespace

Eigen::MatrixXd scatterMatrix(const Matrix& X, const Eigen::RowVectorXd& mean,
                              const Eigen::RowVectorXd& scale, ScatterPrecision precision,
                              int threads) {
    const Eigen::Index n = X.rows(), d = X.cols();
    const Eigen::Index blockRows = precision == ScatterPrecision::Double ? kDoubleRows : kScatterFloatRows;
    const Eigen::Index blocks = (n + blockRows - 1) / blockRows;
    const double partBytes = 8.0 * static_cast<double>(d) * static_cast<double>(d);
    const int parts = static_cast<int>(std::clamp<double>(
        std::min<double>(kPartBytes / partBytes, static_cast<double>(blocks)), 1, kMaxParts));
    std::vector<Eigen::MatrixXd> sums(static_cast<size_t>(parts));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threadCount(threads)) if (parts > 1)
    for (int p = 0; p < parts; ++p) {
        Eigen::MatrixXd& sum = sums[static_cast<size_t>(p)];
        sum.setZero(d, d);
        const Eigen::Index begin = std::min(n, blocks * p / parts * blockRows);
        const Eigen::Index end = std::min(n, blocks * (p + 1) / parts * blockRows);
        addRows(X, begin, end, mean, scale, precision, sum);
    }
    for (size_t p = 1; p < sums.size(); ++p)
        sums[0].triangularView<Eigen::Lower>() += sums[p];
    return std::move(sums[0]);
}

} // namespace latentlab::core
