#include "core/rbm_kernels.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace latentlab::core::rbm {

namespace {

constexpr int kMonitorChunk = 256; // rows per work item of the monitor pass
constexpr int kRowChunk = 32;      // rows per work item of the sampling phase

/// x[j] = σ(x[j] + bias[j]) for j < n.
inline void biasSigmoid(float* x, const float* bias, int n) {
    for (int j = 0; j < n; ++j) x[j] += bias[j];
    sigmoidInPlace(x, n);
}

typedef float V8f __attribute__((vector_size(32)));

/// The new velocity g ← m·v + η(g − λw) of one column of W (n values), in place in g, in one
/// vectorised pass that also checks that g and w + g are finite: returns false otherwise.
bool velocityColumn(float* g, const float* v, const float* w, int n, float m, float lr, float decay) {
    V8f acc = V8f{};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        V8f gi, vi, wi;
        std::memcpy(&gi, g + i, sizeof gi);
        std::memcpy(&vi, v + i, sizeof vi);
        std::memcpy(&wi, w + i, sizeof wi);
        gi = m * vi + lr * (gi - decay * wi);
        std::memcpy(g + i, &gi, sizeof gi);
        const V8f nw = wi + gi;
        acc += (gi - gi) + (nw - nw); // 0 for finite values, NaN otherwise
    }
    float tail = 0;
    for (; i < n; ++i) {
        g[i] = m * v[i] + lr * (g[i] - decay * w[i]);
        const float nw = w[i] + g[i];
        tail += (g[i] - g[i]) + (nw - nw);
    }
    bool ok = tail == 0.0f;
    for (int l = 0; l < 8; ++l) ok = ok && acc[l] == 0.0f;
    return ok;
}

/// Purposes of the counter-based streams inside one update.
enum Stream : uint64_t { kHidden0 = 0, kChainHidden = 1, kStepBase = 2 };

/// Rows [sRow, sRow + n) of S → P = σ(v·W + b) into rows [tRow, tRow + n) of T; when samples is
/// not null, h ~ P into samples (n × H, row-major), the number for (row r, unit j) being
/// counter (counterRow + r)·H + j of `key`; when hist is not null, P is counted into it.
void hiddenRows(const RbmWeights& theta, const RowMatrix& S, int sRow, int n, RowMatrix& T, int tRow,
                float* samples, uint64_t key, int counterRow, std::array<int64_t, kHistogramBins>* hist) {
    const int H = theta.hidden();
    T.middleRows(tRow, n).noalias() = S.middleRows(sRow, n) * theta.W;
    for (int r = 0; r < n; ++r) {
        float* p = &T(tRow + r, 0);
        biasSigmoid(p, theta.b.data(), H);
        if (samples)
            sampleBernoulli(p, samples + static_cast<size_t>(r) * H, H, key,
                            static_cast<uint32_t>((counterRow + r) * H));
        if (hist)
            for (int j = 0; j < H; ++j)
                ++(*hist)[static_cast<size_t>(std::min(kHistogramBins - 1, static_cast<int>(p[j] * kHistogramBins)))];
    }
}

/// n rows of h (row-major n × H) → PV = σ(h·Wᵀ + a) into rows [pvRow, pvRow + n) of PV; when
/// v0 is not null returns Σ (v₀ − PV)² over them (v0: n × V row-major); when out is not null,
/// v ~ PV into out (n × V), counters as in hiddenRows.
double visibleRows(const RbmWeights& theta, const float* h, int n, RowMatrix& PV, int pvRow, const float* v0,
                   float* out, uint64_t key, int counterRow) {
    const int V = theta.visible(), H = theta.hidden();
    PV.middleRows(pvRow, n).noalias() = Eigen::Map<const RowMatrix>(h, n, H) * theta.W.transpose();
    double err = 0;
    for (int r = 0; r < n; ++r) {
        float* p = &PV(pvRow + r, 0);
        biasSigmoid(p, theta.a.data(), V);
        if (v0) {
            const float* x = v0 + static_cast<size_t>(r) * V;
            float e = 0;
            for (int i = 0; i < V; ++i) e += (x[i] - p[i]) * (x[i] - p[i]);
            err += e;
        }
        if (out)
            sampleBernoulli(p, out + static_cast<size_t>(r) * V, V, key, static_cast<uint32_t>((counterRow + r) * V));
    }
    return err;
}

template <typename M> void ensure(M& m, int rows, int cols) {
    if (m.rows() != rows || m.cols() != cols) m.resize(rows, cols);
}

/// One work item of the sampling phase: `rows` rows from `first` of the batch (chain = false) or
/// of the persistent chains (chain = true).
struct RowItem {
    bool chain;
    int first, rows;
};

/// Results of one work item, reduced in item order.
struct ItemResult {
    double sqErr = 0;
    Eigen::VectorXd visibleSum; ///< Σ of the item's rows of S, scaled: +1/B (data), −1/C (chains)
    std::array<int64_t, kHistogramBins> hist{};
};

} // namespace

std::vector<std::pair<int, int>> unitBlocks(int n) {
    int count = std::max(1, (n + 63) / 64);
    if (count > 1 && count % 2) ++count;
    const int width = ((n + count - 1) / count + 7) / 8 * 8;
    std::vector<std::pair<int, int>> blocks;
    for (int start = 0; start < n; start += width) blocks.emplace_back(start, std::min(width, n - start));
    return blocks;
}

CdResult cdUpdate(RbmWeights& theta, RbmWeights& velocity, const float* batch, int B,
                  RowMatrix* chains, const CdSettings& st, uint64_t key, CdBuffers& buf, WorkTeam& team) {
    const int V = theta.visible(), H = theta.hidden();
    const bool persistent = chains != nullptr;
    const int C = persistent ? static_cast<int>(chains->rows()) : B;
    const bool samples = st.statistics == Statistics::Samples;
    ensure(buf.S, B + C, V);
    ensure(buf.T, B + C, H);
    ensure(buf.H0, B, H);
    ensure(buf.Hc, C, H);
    ensure(buf.PV, B + C, V);
    ensure(buf.G, V, H);
    buf.S.topRows(B) = Eigen::Map<const RowMatrix>(batch, B, V);
    if (persistent) buf.S.bottomRows(C) = *chains;

    // Work items: fixed chunks of rows (never derived from the thread count). CD: each batch
    // chunk runs its own chains (row r's chain starts at row r). PCD: batch chunks run the
    // positive phase and the reconstruction, chain chunks the persistent chains.
    std::vector<RowItem> items;
    for (int r = 0; r < B; r += kRowChunk) items.push_back({false, r, std::min(kRowChunk, B - r)});
    if (persistent)
        for (int r = 0; r < C; r += kRowChunk) items.push_back({true, r, std::min(kRowChunk, C - r)});
    std::vector<ItemResult> results(items.size());
    const auto blocks = unitBlocks(H);
    std::vector<char> finite(blocks.size(), 1);
    Eigen::VectorXf gradB(H);
    const float m = static_cast<float>(st.momentum);
    const float lr = static_cast<float>(st.learningRate);
    const float decay = static_cast<float>(st.weightDecay);
    const float scaleData = 1.0f / static_cast<float>(B), scaleModel = -1.0f / static_cast<float>(C);

    // Three phases: the rows' Gibbs sampling; the statistics and the new velocity per block of
    // hidden units; then, if every block is finite, the update of W.
    team.parallelFor(static_cast<int>(items.size()), [&](int it) {
            const RowItem& item = items[static_cast<size_t>(it)];
            ItemResult& res = results[static_cast<size_t>(it)];
            const int r0 = item.first, n = item.rows;
            const int sRow = item.chain ? B + r0 : r0; // the rows of S this item starts from
            // The chain's first hidden states: h₀ of the data (CD) or of the persistent chains.
            float* h = item.chain ? &buf.Hc(r0, 0) : &buf.H0(r0, 0);
            hiddenRows(theta, buf.S, sRow, n, buf.T, sRow, h, streamKey(key, 0, item.chain ? kChainHidden : kHidden0),
                       r0, item.chain ? nullptr : &res.hist);
            const bool runsChain = item.chain || !persistent;
            if (!item.chain) {
                const float* v0 = &buf.S(r0, 0);
                if (persistent) res.sqErr = visibleRows(theta, h, n, buf.PV, r0, v0, nullptr, 0, r0);
                if (samples) buf.T.middleRows(r0, n) = buf.H0.middleRows(r0, n);
                buf.T.middleRows(r0, n) *= scaleData;
                res.visibleSum = buf.S.middleRows(r0, n).cast<double>().colwise().sum().transpose() / B;
            }
            if (runsChain) {
                const int out = B + r0; // chain rows of S, T and PV
                for (int t = 1; t <= st.k; ++t) {
                    const bool first = t == 1 && !persistent;
                    const double e = visibleRows(theta, h, n, buf.PV, out, first ? &buf.S(r0, 0) : nullptr,
                                                 &buf.S(out, 0), streamKey(key, t, kStepBase), r0);
                    if (first) res.sqErr = e;
                    const bool sampleH = t < st.k || samples;
                    hiddenRows(theta, buf.S, out, n, buf.T, out, sampleH ? &buf.Hc(r0, 0) : nullptr,
                               streamKey(key, t, kStepBase + 1), r0, nullptr);
                    h = &buf.Hc(r0, 0);
                }
                if (samples) buf.T.middleRows(out, n) = buf.Hc.middleRows(r0, n);
                buf.T.middleRows(out, n) *= scaleModel;
                res.visibleSum = (res.visibleSum.size() ? res.visibleSum : Eigen::VectorXd::Zero(V)) -
                                 buf.S.middleRows(out, n).cast<double>().colwise().sum().transpose() / C;
            }
    });
    // Statistics: T = [h₀ / B; −h_k / C], so Sᵀ T = ⟨v hᵀ⟩₀ − ⟨v hᵀ⟩_k; then the velocity.
    team.parallelFor(static_cast<int>(blocks.size()), [&](int blk) {
            const auto [j0, hb] = blocks[static_cast<size_t>(blk)];
            buf.G.middleCols(j0, hb).noalias() = buf.S.transpose() * buf.T.middleCols(j0, hb);
            gradB.segment(j0, hb) = buf.T.middleCols(j0, hb).colwise().sum().transpose();
            bool ok = true;
            for (int j = j0; j < j0 + hb; ++j)
                ok = velocityColumn(&buf.G(0, j), &velocity.W(0, j), &theta.W(0, j), V, m, lr, decay) && ok;
            finite[static_cast<size_t>(blk)] = ok;
    });
    const bool allFinite = std::all_of(finite.begin(), finite.end(), [](char c) { return c != 0; });
    if (allFinite)
        team.parallelFor(static_cast<int>(blocks.size()), [&](int blk) {
            const auto [j0, hb] = blocks[static_cast<size_t>(blk)];
            theta.W.middleCols(j0, hb) += buf.G.middleCols(j0, hb);
        });

    CdResult res;
    double sqErr = 0;
    Eigen::VectorXd gradA = Eigen::VectorXd::Zero(V);
    for (const ItemResult& r : results) { // item order: the same sums for any thread count
        sqErr += r.sqErr;
        if (r.visibleSum.size()) gradA += r.visibleSum;
        for (int b = 0; b < kHistogramBins; ++b) res.histogram[static_cast<size_t>(b)] += r.hist[static_cast<size_t>(b)];
    }
    res.reconstructionError = sqErr / (static_cast<double>(B) * V);
    const Eigen::VectorXf va = m * velocity.a + lr * gradA.cast<float>();
    const Eigen::VectorXf vb = m * velocity.b + lr * gradB;
    const bool wFinite = std::all_of(finite.begin(), finite.end(), [](char c) { return c != 0; });
    res.finite = wFinite && (theta.a + va).allFinite() && (theta.b + vb).allFinite();
    if (!res.finite) {
        if (wFinite) theta.W -= buf.G; // undo; only the biases overflowed (exact unless W rounded)
        return res;
    }
    if (persistent) *chains = buf.S.bottomRows(C);
    std::swap(velocity.W, buf.G);
    velocity.a = va;
    velocity.b = vb;
    theta.a += va;
    theta.b += vb;
    return res;
}

MonitorSums monitor(const RbmWeights& theta, const float* rows, int n, bool withPll,
                    uint64_t flipKey, WorkTeam& team) {
    const int V = theta.visible(), H = theta.hidden();
    const int chunks = (n + kMonitorChunk - 1) / kMonitorChunk;
    std::vector<double> fe(static_cast<size_t>(chunks), 0.0), pll(static_cast<size_t>(chunks), 0.0);
    const RowMatrix Wr = theta.W; // rows of W contiguous: the flipped unit's weights
    team.parallelFor(chunks, [&](int c) {
        const int r0 = c * kMonitorChunk, m = std::min(kMonitorChunk, n - r0);
        const Eigen::Map<const RowMatrix> v(rows + static_cast<size_t>(r0) * V, m, V);
        RowMatrix x = v * theta.W; // m × H
        x.rowwise() += theta.b.transpose();
        const Eigen::VectorXd av = (v * theta.a).cast<double>();
        Eigen::ArrayXf sp(H), delta(H);
        double feSum = 0, pllSum = 0;
        for (int r = 0; r < m; ++r) {
            const Eigen::Map<const Eigen::ArrayXf> xr(&x(r, 0), H);
            // softplus(x) = max(x, 0) + log1p(e^−|x|)
            sp = xr.max(0.0f) + (-xr.abs()).exp().log1p();
            const double f = -av(r) - sp.cast<double>().sum();
            feSum += f;
            if (!withPll) continue;
            const uint32_t bits = counterBits(flipKey, static_cast<uint32_t>(r0 + r));
            const int i = static_cast<int>((static_cast<uint64_t>(bits) * V) >> 32);
            const float vi = v(r, i);
            const float dv = 1.0f - 2.0f * vi;
            // softplus(x + δ) − softplus(x) = log1p(σ(x)·expm1(δ)): no cancellation.
            const Eigen::Map<const Eigen::ArrayXf> wi(&Wr(i, 0), H);
            delta = (xr.logistic() * (wi * dv).expm1()).log1p();
            const double diff = -static_cast<double>(theta.a(i)) * dv - delta.cast<double>().sum();
            pllSum += -V * softplus(-diff);
        }
        fe[static_cast<size_t>(c)] = feSum;
        pll[static_cast<size_t>(c)] = pllSum;
    });
    MonitorSums s;
    for (int c = 0; c < chunks; ++c) {
        s.freeEnergy += fe[static_cast<size_t>(c)];
        s.pseudoLogLikelihood += pll[static_cast<size_t>(c)];
    }
    s.rows = n;
    return s;
}

} // namespace latentlab::core::rbm
