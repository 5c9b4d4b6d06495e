#include "core/kmeans_kernels.h"

#include <omp.h>
#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace latentlab::core::kernels {

namespace {

constexpr int kBlock = 256; // points per inner block: the working set stays in L1

int threadCount(int requested) { return requested > 0 ? requested : omp_get_max_threads(); }

int chunkCount(int n, int chunk) { return (n + chunk - 1) / chunk; }

/// The hard L2/cosine assignment for many features (hardChunkGemm): the matrix-product path.
bool manyFeaturesPath(int d, KMeansDistance distance, bool soft) {
    return !soft && distance != KMeansDistance::L1 && d >= kManyFeatures;
}

} // namespace

bool wantsRowMajorCopy(int d, KMeansDistance distance, bool soft) {
    return manyFeaturesPath(d, distance, soft);
}

double pointDistance(const Matrix& X, const Matrix& normalised, int i, const Eigen::VectorXd& c,
                     KMeansDistance distance) {
    const int d = static_cast<int>(X.cols());
    double acc = 0;
    switch (distance) {
    case KMeansDistance::L2:
        for (int j = 0; j < d; ++j) {
            const double t = X(i, j) - c[j];
            acc += t * t;
        }
        return acc;
    case KMeansDistance::L1:
        for (int j = 0; j < d; ++j) acc += std::abs(X(i, j) - c[j]);
        return acc;
    case KMeansDistance::Cosine: {
        // 1 − cos = ½‖x̂ − μ̂‖² for unit vectors, without the cancellation of 1 − x̂·μ̂.
        const double norm = c.norm();
        for (int j = 0; j < d; ++j) {
            const double t = normalised(i, j) - (norm > 0 ? c[j] / norm : 0.0);
            acc += t * t;
        }
        return 0.5 * acc;
    }
    }
    return acc;
}

namespace {

/// Per-chunk partial results, reduced in chunk order.
struct Partial {
    std::vector<double> sums; // K*d, row-major by cluster
    std::vector<double> weights, clusterObj;
    std::vector<int64_t> sizes;
    int64_t changed = 0;
    double objective = 0;
    std::vector<float> scratch; // per-block accumulators (hardBlock, rowBlockStats)
    void init(int K, int d) {
        sums.assign(static_cast<size_t>(K) * d, 0.0);
        weights.assign(K, 0.0);
        clusterObj.assign(K, 0.0);
        sizes.assign(K, 0);
    }
};

struct ChunkContext {
    const AssignInput& in;
    const float* data;  // column-major N × d: the normalised rows for cosine
    const float* rows;  // the same row-major (AssignInput::rows), or null
    int n, d, K;
    std::vector<float> cRowMajor; // K × d centroids (unit rows for cosine)
    const std::vector<uint8_t>* previous;
    uint8_t* labels;
    Eigen::MatrixXf* resp;
};

// Eight lanes of float / int32 (GCC/Clang vector extensions: AVX with -march=native, two SSE
// halves otherwise). Kept in registers across all centroids: no masked stores.
typedef float V8f __attribute__((vector_size(32)));
typedef int32_t V8i __attribute__((vector_size(32)));

template <KMeansDistance M>
inline V8f accumulate(V8f dd, V8f x, float c) {
    if constexpr (M == KMeansDistance::L2) {
        const V8f t = x - c;
        return dd + t * t;
    } else {
        const V8f t = x - c;
        return dd + (t < 0 ? -t : t);
    }
}

template <int D, KMeansDistance M>
inline float scalarDistance(const float* const* xs, int i, const float* ck) {
    float dd = 0.0f;
    for (int j = 0; j < D; ++j) {
        if constexpr (M == KMeansDistance::L2) dd += (xs[j][i] - ck[j]) * (xs[j][i] - ck[j]);
        else dd += std::abs(xs[j][i] - ck[j]);
    }
    return dd;
}

/// Fused distance + arg-min for a compile-time feature count D ≤ 4 (the 2-D views, the
/// benchmark): eight points at a time against every centroid, vectorised over points.
template <int D, KMeansDistance M>
void nearestSmall(const float* const* xs, int B, const float* c, int K, float* best, int* arg) {
    int i = 0;
    for (; i + 8 <= B; i += 8) {
        V8f x[D];
        for (int j = 0; j < D; ++j) std::memcpy(&x[j], xs[j] + i, sizeof(V8f));
        V8f bd = V8f{} + std::numeric_limits<float>::infinity();
        V8i ba = V8i{};
        for (int k = 0; k < K; ++k) {
            V8f dd = V8f{};
            for (int j = 0; j < D; ++j) dd = accumulate<M>(dd, x[j], c[k * D + j]);
            const V8i better = dd < bd;
            bd = better ? dd : bd;
            ba = better ? V8i{} + k : ba;
        }
        std::memcpy(best + i, &bd, sizeof(V8f));
        std::memcpy(arg + i, &ba, sizeof(V8i));
    }
    for (; i < B; ++i) {
        best[i] = std::numeric_limits<float>::infinity();
        arg[i] = 0;
        for (int k = 0; k < K; ++k) {
            const float dd = scalarDistance<D, M>(xs, i, c + k * D);
            if (dd < best[i]) {
                best[i] = dd;
                arg[i] = k;
            }
        }
    }
}

/// Generic d: distances feature by feature over the block (vectorised over points).
void nearestGeneric(const ChunkContext& cx, int b, int B, float* best, int* arg) {
    alignas(64) float dist[kBlock];
    std::fill(best, best + B, std::numeric_limits<float>::infinity());
    std::fill(arg, arg + B, 0);
    const auto metric = cx.in.distance;
    for (int k = 0; k < cx.K; ++k) {
        std::fill(dist, dist + B, 0.0f);
        const float* c = &cx.cRowMajor[static_cast<size_t>(k) * cx.d];
        for (int j = 0; j < cx.d; ++j) {
            const float m = c[j];
            const float* xj = cx.data + static_cast<size_t>(j) * cx.n + b;
            if (metric == KMeansDistance::L1) {
                for (int i = 0; i < B; ++i) dist[i] += std::abs(xj[i] - m);
            } else { // L2, or cosine as squared L2 between unit vectors
                for (int i = 0; i < B; ++i) {
                    const float t = xj[i] - m;
                    dist[i] += t * t;
                }
            }
        }
        for (int i = 0; i < B; ++i) {
            const bool better = dist[i] < best[i];
            best[i] = better ? dist[i] : best[i];
            arg[i] = better ? k : arg[i];
        }
    }
}

template <int D>
void nearestDispatch(const ChunkContext& cx, int b, int B, float* best, int* arg) {
    const float* xs[D];
    for (int j = 0; j < D; ++j) xs[j] = cx.data + static_cast<size_t>(j) * cx.n + b;
    const float* c = cx.cRowMajor.data();
    switch (cx.in.distance) {
    case KMeansDistance::L1: nearestSmall<D, KMeansDistance::L1>(xs, B, c, cx.K, best, arg); break;
    case KMeansDistance::L2:
    case KMeansDistance::Cosine: // squared L2 between unit vectors (= 2·(1 − cos))
        nearestSmall<D, KMeansDistance::L2>(xs, B, c, cx.K, best, arg);
        break;
    }
}

/// Per-cluster sums of one block: counts, J, and Σ(x − μ_old) for L2 (so the update's J is
/// exact without another pass, see KMeans::updateStep) or Σ x̂ for cosine. Four interleaved
/// float accumulators break the store-to-load chains of consecutive points in one cluster; a
/// block is only 256 points, so float is accurate here.
template <int D>
void blockStats(const ChunkContext& cx, int b, int B, const float* best, const int* arg,
                Partial& p) {
    constexpr int S = D + 2;
    const bool l1 = cx.in.distance == KMeansDistance::L1;
    float* acc = p.scratch.data();
    std::fill(acc, acc + 4 * cx.K * S, 0.0f);
    const float* xs[D > 0 ? D : 1];
    for (int j = 0; j < D; ++j) xs[j] = cx.data + static_cast<size_t>(j) * cx.n + b;
    const float* c = cx.cRowMajor.data();
    for (int i = 0; i < B; ++i) {
        const int l = arg[i];
        float* a = acc + ((i & 3) * cx.K + l) * S;
        a[0] += 1.0f;
        a[1] += best[i];
        if (!l1)
            for (int j = 0; j < D; ++j) a[2 + j] += xs[j][i] - c[l * D + j];
    }
    for (int r = 0; r < 4; ++r)
        for (int k = 0; k < cx.K; ++k) {
            const float* a = acc + (r * cx.K + k) * S;
            p.sizes[k] += static_cast<int64_t>(a[0]);
            p.clusterObj[k] += a[1];
            for (int j = 0; j < D; ++j) p.sums[static_cast<size_t>(k) * D + j] += a[2 + j];
        }
}

/// The same for any d (feature-major loops; the accumulator index is computed per point).
void blockStatsGeneric(const ChunkContext& cx, int b, int B, const float* best, const int* arg,
                       Partial& p) {
    for (int i = 0; i < B; ++i) {
        ++p.sizes[arg[i]];
        p.clusterObj[arg[i]] += best[i];
    }
    if (cx.in.distance == KMeansDistance::L1) return;
    const int stride = cx.d;
    float* acc = p.scratch.data();
    std::fill(acc, acc + 4 * cx.K * stride, 0.0f);
    for (int j = 0; j < cx.d; ++j) {
        const float* xj = cx.data + static_cast<size_t>(j) * cx.n + b;
        for (int i = 0; i < B; ++i) {
            const float mu = cx.cRowMajor[static_cast<size_t>(arg[i]) * cx.d + j];
            acc[((i & 3) * cx.K + arg[i]) * stride + j] += xj[i] - mu;
        }
    }
    for (int r = 0; r < 4; ++r)
        for (int k = 0; k < cx.K; ++k)
            for (int j = 0; j < cx.d; ++j)
                p.sums[static_cast<size_t>(k) * cx.d + j] += acc[(r * cx.K + k) * stride + j];
}

#if defined(__AVX2__) && defined(__FMA__)
/// d = 2, squared L2 (AVX2 + FMA): arg-min and the block's statistics in one pass.
/// Per 8 points: the winner's centroid is gathered, t = x − μ, J_i = t0² + t1² (exact); the
/// four values [1, J_i, t0, t1] are transposed into one 128-bit vector per point and added to
/// acc[slot = lane][label] (8 slots: no store-to-load chain between neighbouring points).
void hardBlockFused2(const ChunkContext& cx, int b, int B, Partial& p) {
    const int K = cx.K;
    const float* xs0 = cx.data + b;
    const float* xs1 = cx.data + static_cast<size_t>(cx.n) + b;
    const float* c = cx.cRowMajor.data();
    alignas(32) float acc[8 * 64 * 4];
    std::fill(acc, acc + 8 * K * 4, 0.0f);
    alignas(32) int lab[kBlock];
    const __m256 ones = _mm256_set1_ps(1.0f);
    const __m256i idx2 = _mm256_set1_epi32(2);
    int i = 0;
    constexpr int G = 4;
    // G groups of eight points in flight: G independent min/arg chains hide the latency.
    for (; i + 8 * G <= B; i += 8 * G) {
        __m256 X0[G], X1[G], BD[G];
        __m256i BA[G];
        for (int g = 0; g < G; ++g) {
            X0[g] = _mm256_loadu_ps(xs0 + i + 8 * g);
            X1[g] = _mm256_loadu_ps(xs1 + i + 8 * g);
            BD[g] = _mm256_set1_ps(std::numeric_limits<float>::infinity());
            BA[g] = _mm256_setzero_si256();
        }
        for (int k = 0; k < K; ++k) {
            const __m256 c0 = _mm256_set1_ps(c[2 * k]), c1 = _mm256_set1_ps(c[2 * k + 1]);
            const __m256i kk = _mm256_set1_epi32(k);
            for (int g = 0; g < G; ++g) {
                const __m256 t0 = _mm256_sub_ps(X0[g], c0);
                const __m256 t1 = _mm256_sub_ps(X1[g], c1);
                const __m256 dd = _mm256_fmadd_ps(t1, t1, _mm256_mul_ps(t0, t0));
                const __m256 better = _mm256_cmp_ps(dd, BD[g], _CMP_LT_OQ);
                BD[g] = _mm256_min_ps(dd, BD[g]);
                BA[g] = _mm256_blendv_epi8(BA[g], kk, _mm256_castps_si256(better));
            }
        }
        for (int g = 0; g < G; ++g)
            _mm256_store_si256(reinterpret_cast<__m256i*>(lab + i + 8 * g), BA[g]);
    }
    for (; i < B; ++i) { // tail: scalar
        float best = std::numeric_limits<float>::infinity();
        int arg = 0;
        for (int k = 0; k < K; ++k) {
            const float t0 = xs0[i] - c[2 * k], t1 = xs1[i] - c[2 * k + 1];
            const float dd = t0 * t0 + t1 * t1;
            if (dd < best) { best = dd; arg = k; }
        }
        lab[i] = arg;
    }
    // Statistics, eight points at a time.
    for (i = 0; i + 8 <= B; i += 8) {
        const __m256 x0 = _mm256_loadu_ps(xs0 + i), x1 = _mm256_loadu_ps(xs1 + i);
        const __m256i ba = _mm256_load_si256(reinterpret_cast<const __m256i*>(lab + i));
        const __m256i bi = _mm256_mullo_epi32(ba, idx2);
        const __m256 t0 = _mm256_sub_ps(x0, _mm256_i32gather_ps(c, bi, 4));
        const __m256 t1 = _mm256_sub_ps(x1, _mm256_i32gather_ps(c + 1, bi, 4));
        const __m256 j = _mm256_fmadd_ps(t1, t1, _mm256_mul_ps(t0, t0));
        const __m256 a = _mm256_unpacklo_ps(ones, j), bb = _mm256_unpackhi_ps(ones, j);
        const __m256 cq = _mm256_unpacklo_ps(t0, t1), dq = _mm256_unpackhi_ps(t0, t1);
        const __m256 p0 = _mm256_shuffle_ps(a, cq, 0x44), p1 = _mm256_shuffle_ps(a, cq, 0xEE);
        const __m256 p2 = _mm256_shuffle_ps(bb, dq, 0x44), p3 = _mm256_shuffle_ps(bb, dq, 0xEE);
        const int* l = lab + i;
        auto add = [&](int slot, int label, __m128 v) {
            float* q = acc + (slot * K + label) * 4;
            _mm_store_ps(q, _mm_add_ps(_mm_load_ps(q), v));
        };
        add(0, l[0], _mm256_castps256_ps128(p0));
        add(1, l[1], _mm256_castps256_ps128(p1));
        add(2, l[2], _mm256_castps256_ps128(p2));
        add(3, l[3], _mm256_castps256_ps128(p3));
        add(4, l[4], _mm256_extractf128_ps(p0, 1));
        add(5, l[5], _mm256_extractf128_ps(p1, 1));
        add(6, l[6], _mm256_extractf128_ps(p2, 1));
        add(7, l[7], _mm256_extractf128_ps(p3, 1));
    }
    for (; i < B; ++i) {
        const int arg = lab[i];
        float* q = acc + arg * 4;
        const float t0 = xs0[i] - c[2 * arg], t1 = xs1[i] - c[2 * arg + 1];
        q[0] += 1.0f; q[1] += t0 * t0 + t1 * t1; q[2] += t0; q[3] += t1;
    }
    int64_t changed = 0;
    const uint8_t* prev = cx.previous ? cx.previous->data() + b : nullptr;
    uint8_t* labels = cx.labels + b;
    for (int q = 0; q < B; ++q) labels[q] = static_cast<uint8_t>(lab[q]);
    if (prev)
        for (int q = 0; q < B; ++q) changed += prev[q] != labels[q];
    p.changed += changed;
    for (int k = 0; k < K; ++k) {
        __m128 s = _mm_load_ps(acc + k * 4);
        for (int slot = 1; slot < 8; ++slot) s = _mm_add_ps(s, _mm_load_ps(acc + (slot * K + k) * 4));
        alignas(16) float v[4];
        _mm_store_ps(v, s);
        p.sizes[k] += static_cast<int64_t>(v[0]);
        p.clusterObj[k] += v[1];
        p.sums[static_cast<size_t>(k) * 2] += v[2];
        p.sums[static_cast<size_t>(k) * 2 + 1] += v[3];
    }
}
#endif

/// Hard assignment of points [b, b+B), then the sufficient statistics the update needs.
void hardBlock(const ChunkContext& cx, int b, int B, Partial& p) {
#if defined(__AVX2__) && defined(__FMA__)
    if (cx.d == 2 && cx.in.distance == KMeansDistance::L2 && cx.K <= 64) return hardBlockFused2(cx, b, B, p);
#endif
    alignas(64) float best[kBlock];
    alignas(64) int arg[kBlock];
    switch (cx.d) {
    case 1: nearestDispatch<1>(cx, b, B, best, arg); break;
    case 2: nearestDispatch<2>(cx, b, B, best, arg); break;
    case 3: nearestDispatch<3>(cx, b, B, best, arg); break;
    case 4: nearestDispatch<4>(cx, b, B, best, arg); break;
    default: nearestGeneric(cx, b, B, best, arg); break;
    }
    int64_t changed = 0;
    const uint8_t* prev = cx.previous ? cx.previous->data() + b : nullptr;
    uint8_t* labels = cx.labels + b;
    for (int i = 0; i < B; ++i) labels[i] = static_cast<uint8_t>(arg[i]);
    if (prev)
        for (int i = 0; i < B; ++i) changed += prev[i] != labels[i];
    p.changed += changed;
    switch (cx.d) {
    case 1: blockStats<1>(cx, b, B, best, arg, p); break;
    case 2: blockStats<2>(cx, b, B, best, arg, p); break;
    case 3: blockStats<3>(cx, b, B, best, arg, p); break;
    case 4: blockStats<4>(cx, b, B, best, arg, p); break;
    default: blockStatsGeneric(cx, b, B, best, arg, p); break;
    }
}

/// Statistics of B ≤ kBlock points given as row-major rows (x_i at rows + i·d) with their
/// labels: counts, the winner's exact J_i = ‖x_i − μ‖² and Σ(x − μ) per cluster (L2; between
/// unit vectors for cosine). Each point is a contiguous d-vector, eight features per step: one
/// pass gives t = x − μ, adds it to the cluster's accumulator and t² to J_i. Four interleaved
/// accumulator sets (by i mod 4) break the store-to-load chains of consecutive points in one
/// cluster; they are added in a fixed order, so the sums do not depend on the thread count. A
/// block is only 256 points, so float accumulators are accurate here (as in blockStats).
void rowBlockStats(const ChunkContext& cx, const float* rows, int B, const int* arg, Partial& p) {
    const int d = cx.d, K = cx.K;
    const int d8 = d & ~7;
    const size_t setSize = static_cast<size_t>(K) * d;
    float* acc = p.scratch.data(); // 4 sets × K × d
    std::fill(acc, acc + 4 * setSize, 0.0f);
    const float* centroids = cx.cRowMajor.data();
    for (int i = 0; i < B; ++i) {
        const int l = arg[i];
        const float* x = rows + static_cast<size_t>(i) * d;
        const float* mu = centroids + static_cast<size_t>(l) * d;
        float* a = acc + (i & 3) * setSize + static_cast<size_t>(l) * d;
        V8f sq = V8f{};
        int j = 0;
        for (; j < d8; j += 8) {
            V8f xv, mv, av;
            std::memcpy(&xv, x + j, sizeof(V8f));
            std::memcpy(&mv, mu + j, sizeof(V8f));
            std::memcpy(&av, a + j, sizeof(V8f));
            const V8f t = xv - mv;
            av += t;
            sq += t * t;
            std::memcpy(a + j, &av, sizeof(V8f));
        }
        float J = ((sq[0] + sq[4]) + (sq[1] + sq[5])) + ((sq[2] + sq[6]) + (sq[3] + sq[7]));
        for (; j < d; ++j) {
            const float t = x[j] - mu[j];
            a[j] += t;
            J += t * t;
        }
        ++p.sizes[l];
        p.clusterObj[l] += J;
    }
    for (size_t q = 0; q < setSize; ++q)
        p.sums[q] += (acc[q] + acc[setSize + q]) + (acc[2 * setSize + q] + acc[3 * setSize + q]);
}

/// arg min_k ‖μ_k‖² − 2 x_i·μ_k for B points from their dot products (column k of `dots`,
/// leading dimension ld, holds x_i·μ_k): eight points at a time, with the running minimum and
/// its index in registers across all centroids (no per-centroid stores); ties go to the lower k.
void nearestFromDots(const float* dots, int ld, int B, const float* cNorm, int K, int* arg) {
    int i = 0;
    for (; i + 8 <= B; i += 8) {
        V8f bd = V8f{} + std::numeric_limits<float>::infinity();
        V8i ba = V8i{};
        for (int k = 0; k < K; ++k) {
            V8f dk;
            std::memcpy(&dk, dots + static_cast<size_t>(k) * ld + i, sizeof(V8f));
            const V8f dd = cNorm[k] - 2.0f * dk;
            const V8i better = dd < bd;
            bd = better ? dd : bd;
            ba = better ? V8i{} + k : ba;
        }
        std::memcpy(arg + i, &ba, sizeof(V8i));
    }
    for (; i < B; ++i) {
        float best = std::numeric_limits<float>::infinity();
        arg[i] = 0;
        for (int k = 0; k < K; ++k) {
            const float dd = cNorm[k] - 2.0f * dots[static_cast<size_t>(k) * ld + i];
            if (dd < best) {
                best = dd;
                arg[i] = k;
            }
        }
    }
}

/// Hard L2 (or cosine, as L2 between unit vectors) with many features (d ≥ kManyFeatures),
/// points [start, end) in blocks of kBlock, each block read from the row-major data:
///  1. ‖x−μ‖² = ‖x‖² − 2x·μ + ‖μ‖², and ‖x‖² is the same for every centroid, so the arg-min
///     needs only ‖μ‖² − 2x·μ: one Eigen matrix product gives the block's B × K dot products;
///  2. nearestFromDots picks the nearest centroids;
///  3. rowBlockStats recomputes the winner's distance exactly (the expansion above cancels) and
///     adds the cluster sums, while the block is still in cache.
/// One pass over the data per assignment. Without a row-major copy (AssignInput::rows) each
/// block is transposed here first: the same values in the same order, so the same results.
void hardChunkGemm(const ChunkContext& cx, int start, int end, Partial& p) {
    const int d = cx.d, K = cx.K;
    const Eigen::Map<const RowMatrix> c(cx.cRowMajor.data(), K, d);
    const Eigen::VectorXf cNorm = c.rowwise().squaredNorm();
    Eigen::MatrixXf dots(kBlock, K);
    alignas(64) int arg[kBlock];
    std::vector<float> transposed(cx.rows ? 0 : static_cast<size_t>(kBlock) * d);
    const uint8_t* prev = cx.previous ? cx.previous->data() : nullptr;
    for (int b = start; b < end; b += kBlock) {
        const int B = std::min(kBlock, end - b);
        const float* rows = cx.rows ? cx.rows + static_cast<size_t>(b) * d : transposed.data();
        if (!cx.rows)
            for (int j = 0; j < d; ++j) {
                const float* xj = cx.data + static_cast<size_t>(j) * cx.n + b;
                for (int i = 0; i < B; ++i) transposed[static_cast<size_t>(i) * d + j] = xj[i];
            }
        dots.topRows(B).noalias() = Eigen::Map<const RowMatrix>(rows, B, d) * c.transpose();
        nearestFromDots(dots.data(), kBlock, B, cNorm.data(), K, arg);
        for (int i = 0; i < B; ++i) {
            cx.labels[b + i] = static_cast<uint8_t>(arg[i]);
            if (prev) p.changed += prev[b + i] != cx.labels[b + i];
        }
        rowBlockStats(cx, rows, B, arg, p);
    }
}

/// Soft assignment (L2): r_nk = softmax_k(−β d_nk), shifted by the minimum for stability.
void softBlock(const ChunkContext& cx, int b, int B, Partial& p) {
    const int K = cx.K;
    const double beta = cx.in.beta;
    std::vector<float> dist(static_cast<size_t>(K) * kBlock, 0.0f);
    for (int k = 0; k < K; ++k) {
        float* dk = &dist[static_cast<size_t>(k) * kBlock];
        for (int j = 0; j < cx.d; ++j) {
            const float m = cx.cRowMajor[static_cast<size_t>(k) * cx.d + j];
            const float* xj = cx.data + static_cast<size_t>(j) * cx.n + b;
            for (int i = 0; i < B; ++i) {
                const float t = xj[i] - m;
                dk[i] += t * t;
            }
        }
    }
    std::vector<double> r(K);
    for (int i = 0; i < B; ++i) {
        double mn = std::numeric_limits<double>::infinity();
        int arg = 0;
        for (int k = 0; k < K; ++k) {
            const double dk = dist[static_cast<size_t>(k) * kBlock + i];
            if (dk < mn) {
                mn = dk;
                arg = k;
            }
        }
        double z = 0;
        for (int k = 0; k < K; ++k) {
            r[k] = std::exp(-beta * (dist[static_cast<size_t>(k) * kBlock + i] - mn));
            z += r[k];
        }
        const int n = b + i;
        const auto label = static_cast<uint8_t>(arg);
        if (cx.previous && (*cx.previous)[static_cast<size_t>(n)] != label) ++p.changed;
        cx.labels[n] = label;
        ++p.sizes[arg];
        p.objective += mn - std::log(z) / beta;
        for (int k = 0; k < K; ++k) {
            const double rk = r[k] / z;
            (*cx.resp)(n, k) = static_cast<float>(rk);
            p.weights[k] += rk;
            p.clusterObj[k] += rk * dist[static_cast<size_t>(k) * kBlock + i];
            for (int j = 0; j < cx.d; ++j)
                p.sums[static_cast<size_t>(k) * cx.d + j] +=
                    rk * (cx.data[static_cast<size_t>(j) * cx.n + n] -
                          cx.cRowMajor[static_cast<size_t>(k) * cx.d + j]);
        }
    }
}

} // namespace

Matrix normaliseRows(const Matrix& X) {
    Matrix out = X;
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const float norm = X.row(i).norm();
        if (norm > 0) out.row(i) /= norm;
    }
    return out;
}

std::vector<int> pickSeeds(const Matrix& X, const Matrix& normalised, int k, KMeansInit init,
                           KMeansDistance distance, Rng& rng) {
    const int n = static_cast<int>(X.rows());
    std::vector<int> seeds;
    auto isSeed = [&](int i) { return std::find(seeds.begin(), seeds.end(), i) != seeds.end(); };
    if (init == KMeansInit::Random) {
        while (static_cast<int>(seeds.size()) < k) {
            const int i = static_cast<int>(rng.below(static_cast<uint64_t>(n)));
            if (!isSeed(i)) seeds.push_back(i);
        }
        return seeds;
    }
    seeds.push_back(static_cast<int>(rng.below(static_cast<uint64_t>(n))));
    std::vector<double> nearest(static_cast<size_t>(n), std::numeric_limits<double>::infinity());
    while (static_cast<int>(seeds.size()) < k) {
        const Eigen::VectorXd c = X.row(seeds.back()).cast<double>().transpose();
        double total = 0;
        for (int i = 0; i < n; ++i) {
            nearest[i] = std::min(nearest[i], pointDistance(X, normalised, i, c, distance));
            if (!isSeed(i)) total += nearest[i];
        }
        int next = -1;
        if (init == KMeansInit::FarthestPoint || total <= 0) {
            double best = -1;
            for (int i = 0; i < n; ++i)
                if (!isSeed(i) && nearest[i] > best) {
                    best = nearest[i];
                    next = i;
                }
        } else {
            const double u = rng.uniform() * total;
            double acc = 0;
            for (int i = 0; i < n && next < 0; ++i) {
                if (isSeed(i)) continue;
                acc += nearest[i];
                if (acc > u) next = i;
            }
            if (next < 0) // rounding left u just past the end: take the last candidate
                for (int i = n - 1; i >= 0 && next < 0; --i)
                    if (!isSeed(i) && nearest[i] > 0) next = i;
        }
        seeds.push_back(next);
    }
    return seeds;
}

AssignResult assign(const AssignInput& in, const std::vector<uint8_t>* previous,
                    std::vector<uint8_t>& labels, Eigen::MatrixXf* resp) {
    const int n = static_cast<int>(in.X.rows());
    const int d = static_cast<int>(in.X.cols());
    const int K = static_cast<int>(in.centroids.rows());
    const bool cosine = in.distance == KMeansDistance::Cosine;
    // The row-major copy is only read when it has the data's shape (else: on-the-fly blocks).
    const bool rowsFit = in.rows && in.rows->rows() == n && in.rows->cols() == d;
    ChunkContext cx{in, cosine ? in.normalised->data() : in.X.data(),
                    rowsFit ? in.rows->data() : nullptr, n, d, K, {}, previous, nullptr, resp};
    cx.cRowMajor.resize(static_cast<size_t>(K) * d);
    for (int k = 0; k < K; ++k) {
        const double norm = in.centroids.row(k).norm();
        for (int j = 0; j < d; ++j)
            cx.cRowMajor[static_cast<size_t>(k) * d + j] =
                cosine ? (norm > 0 ? static_cast<float>(in.centroids(k, j) / norm) : 0.0f)
                       : in.centroids(k, j);
    }
    labels.resize(static_cast<size_t>(n));
    cx.labels = labels.data();
    if (in.soft && resp) resp->resize(n, K);
    if (previous && previous->size() != static_cast<size_t>(n)) cx.previous = nullptr;

    const int chunk = chunkSize(d);
    const int chunks = chunkCount(n, chunk);
    std::vector<Partial> partials(static_cast<size_t>(chunks));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threadCount(in.threads)) if (chunks > 1)
    for (int c = 0; c < chunks; ++c) {
        Partial& p = partials[static_cast<size_t>(c)];
        p.init(K, d);
        p.scratch.resize(static_cast<size_t>(4) * K * (d + 2));
        const int end = std::min(n, (c + 1) * chunk);
        if (manyFeaturesPath(d, in.distance, in.soft)) {
            hardChunkGemm(cx, c * chunk, end, p);
        } else {
            for (int b = c * chunk; b < end; b += kBlock) {
                const int B = std::min(kBlock, end - b);
                if (in.soft) softBlock(cx, b, B, p);
                else hardBlock(cx, b, B, p);
            }
        }
        if (!in.soft) {
            for (int k = 0; k < K; ++k) {
                p.weights[k] = static_cast<double>(p.sizes[k]);
                p.objective += p.clusterObj[k];
            }
        }
    }

    AssignResult r;
    r.sums = Eigen::MatrixXd::Zero(K, d);
    r.weights = Eigen::VectorXd::Zero(K);
    r.clusterObjective = Eigen::VectorXd::Zero(K);
    r.sizes.assign(static_cast<size_t>(K), 0);
    for (const Partial& p : partials) { // chunk order: the same sums for any thread count
        for (int k = 0; k < K; ++k) {
            for (int j = 0; j < d; ++j) r.sums(k, j) += p.sums[static_cast<size_t>(k) * d + j];
            r.weights[k] += p.weights[k];
            r.clusterObjective[k] += p.clusterObj[k];
            r.sizes[static_cast<size_t>(k)] += p.sizes[k];
        }
        r.changed += p.changed;
        r.objective += p.objective;
    }
    if (cosine) {
        // Distances were ‖x̂ − μ̂‖² = 2·(1 − cos): halve the objective. For drawing, the
        // centroid sits at its members' mean length (see KMeans::updateStep).
        r.objective *= 0.5;
        r.memberNorms = Eigen::VectorXd::Zero(K);
        for (int i = 0; i < n; ++i) r.memberNorms[labels[i]] += in.X.row(i).norm();
    }
    return r;
}

Matrix medians(const Matrix& X, const std::vector<uint8_t>& labels, const Matrix& current) {
    const int n = static_cast<int>(X.rows());
    const int K = static_cast<int>(current.rows());
    std::vector<int> offset(static_cast<size_t>(K) + 1, 0);
    for (int i = 0; i < n; ++i) ++offset[labels[i] + 1];
    for (int k = 0; k < K; ++k) offset[k + 1] += offset[k];
    Matrix out = current;
    std::vector<float> values(static_cast<size_t>(n));
    std::vector<int> fill(static_cast<size_t>(K));
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        std::copy(offset.begin(), offset.end() - 1, fill.begin());
        for (int i = 0; i < n; ++i) values[fill[labels[i]]++] = X(i, j);
        for (int k = 0; k < K; ++k) {
            const int lo = offset[k], cnt = offset[k + 1] - offset[k];
            if (cnt == 0) continue;
            auto first = values.begin() + lo;
            auto mid = first + cnt / 2;
            std::nth_element(first, mid, first + cnt);
            double median = *mid;
            if (cnt % 2 == 0) // any value between the two middle ones minimises Σ|x − m|
                median = 0.5 * (median + *std::max_element(first, mid));
            out(k, j) = static_cast<float>(median);
        }
    }
    return out;
}

double objectiveL1(const Matrix& X, const std::vector<uint8_t>& labels, const Matrix& centroids,
                   int threads) {
    const int n = static_cast<int>(X.rows());
    const int chunks = chunkCount(n, kChunk);
    std::vector<double> partial(static_cast<size_t>(chunks), 0.0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threadCount(threads)) if (chunks > 1)
    for (int c = 0; c < chunks; ++c) {
        double acc = 0;
        const int end = std::min(n, (c + 1) * kChunk);
        for (int i = c * kChunk; i < end; ++i)
            for (Eigen::Index j = 0; j < X.cols(); ++j)
                acc += std::abs(static_cast<double>(X(i, j)) - centroids(labels[i], j));
        partial[static_cast<size_t>(c)] = acc;
    }
    double total = 0;
    for (double v : partial) total += v;
    return total;
}

} // namespace latentlab::core::kernels
