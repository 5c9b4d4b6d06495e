#include "core/rbm_kernels.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace latentlab::core::rbm {

namespace {

constexpr int kMonitorChunk = 256; // rows per work item of the monitor pass

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

/// Rows [sRow, sRow + n) of S → P = σ(v·W + b) into rows [tRow, tRow + n) of T, block of hidden
/// units by block on the team; when samples is not null, h ~ P into its first n rows (the number
/// for (row r, unit j) is counter r·H + j of `key`); when hist is not null, P is counted into it.
void hiddenPass(const RbmWeights& theta, const RowMatrix& S, int sRow, int n, RowMatrix& T, int tRow,
                RowMatrix* samples, uint64_t key, std::array<int64_t, kHistogramBins>* hist, WorkTeam& team) {
    const int H = theta.hidden();
    const auto blocks = unitBlocks(H);
    std::vector<std::array<int64_t, kHistogramBins>> counts(hist ? blocks.size() : 0);
    team.parallelFor(static_cast<int>(blocks.size()), [&](int blk) {
        const auto [j0, hb] = blocks[static_cast<size_t>(blk)];
        T.block(tRow, j0, n, hb).noalias() = S.middleRows(sRow, n) * theta.W.middleCols(j0, hb);
        for (int r = 0; r < n; ++r) {
            float* p = &T(tRow + r, j0);
            biasSigmoid(p, theta.b.data() + j0, hb);
            if (samples) sampleBernoulli(p, &(*samples)(r, j0), hb, key, static_cast<uint32_t>(r * H + j0));
            if (hist) {
                auto& c = counts[static_cast<size_t>(blk)];
                for (int j = 0; j < hb; ++j)
                    ++c[static_cast<size_t>(std::min(kHistogramBins - 1, static_cast<int>(p[j] * kHistogramBins)))];
            }
        }
    });
    if (hist)
        for (const auto& c : counts) // block order
            for (int i = 0; i < kHistogramBins; ++i) (*hist)[static_cast<size_t>(i)] += c[static_cast<size_t>(i)];
}

/// The first n rows of h (n × H) → PV = σ(h·Wᵀ + a) into the first n rows of PV, block of visible
/// units by block on the team; when v0 is not null (n × V row-major) returns Σ (v₀ − PV)²; when
/// out is not null, v ~ PV into it (n × V row-major), counters r·V + i as in hiddenPass.
double visiblePass(const RbmWeights& theta, const RowMatrix& h, int n, RowMatrix& PV, const float* v0, float* out,
                   uint64_t key, WorkTeam& team) {
    const int V = theta.visible();
    const auto blocks = unitBlocks(V);
    std::vector<double> err(blocks.size(), 0.0);
    team.parallelFor(static_cast<int>(blocks.size()), [&](int blk) {
        const auto [i0, vb] = blocks[static_cast<size_t>(blk)];
        PV.block(0, i0, n, vb).noalias() = h.topRows(n) * theta.W.middleRows(i0, vb).transpose();
        double e = 0;
        for (int r = 0; r < n; ++r) {
            float* p = &PV(r, i0);
            biasSigmoid(p, theta.a.data() + i0, vb);
            if (v0) {
                const float* x = v0 + static_cast<size_t>(r) * V + i0;
                float s = 0;
                for (int i = 0; i < vb; ++i) s += (x[i] - p[i]) * (x[i] - p[i]);
                e += s;
            }
            if (out)
                sampleBernoulli(p, out + static_cast<size_t>(r) * V + i0, vb, key, static_cast<uint32_t>(r * V + i0));
        }
        err[static_cast<size_t>(blk)] = e;
    });
    double total = 0;
    for (double e : err) total += e; // block order: the same sum for any thread count
    return total;
}

template <typename M> void ensure(M& m, int rows, int cols) {
    if (m.rows() != rows || m.cols() != cols) m.resize(rows, cols);
}

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
    const auto blocks = unitBlocks(H);
    std::vector<char> finite(blocks.size(), 1);
    Eigen::VectorXf gradB(H);
    const float m = static_cast<float>(st.momentum);
    const float lr = static_cast<float>(st.learningRate);
    const float decay = static_cast<float>(st.weightDecay);
    const float scaleData = 1.0f / static_cast<float>(B), scaleModel = -1.0f / static_cast<float>(C);
    CdResult res;

    // Positive phase: p(h | v₀) and h₀. Then the chains' first hidden states: h₀ for CD (chain n
    // starts at row n); for PCD sampled from the persistent chains, whose batch's reconstruction
    // error then needs one extra pass from h₀.
    hiddenPass(theta, buf.S, 0, B, buf.T, 0, &buf.H0, streamKey(key, 0, kHidden0), &res.histogram, team);
    const RowMatrix* h = &buf.H0;
    double sqErr = 0;
    if (persistent) {
        hiddenPass(theta, buf.S, B, C, buf.T, B, &buf.Hc, streamKey(key, 0, kChainHidden), nullptr, team);
        sqErr = visiblePass(theta, buf.H0, B, buf.PV, buf.S.data(), nullptr, 0, team);
        h = &buf.Hc;
    }
    for (int t = 1; t <= st.k; ++t) {
        const bool first = t == 1 && !persistent;
        const double e = visiblePass(theta, *h, C, buf.PV, first ? buf.S.data() : nullptr, &buf.S(B, 0),
                                     streamKey(key, t, kStepBase), team);
        if (first) sqErr = e;
        const bool sampleH = t < st.k || samples;
        hiddenPass(theta, buf.S, B, C, buf.T, B, sampleH ? &buf.Hc : nullptr, streamKey(key, t, kStepBase + 1),
                   nullptr, team);
        h = &buf.Hc;
    }
    res.reconstructionError = sqErr / (static_cast<double>(B) * V);
    if (samples) {
        buf.T.topRows(B) = buf.H0;
        buf.T.bottomRows(C) = buf.Hc;
    }
    buf.T.topRows(B) *= scaleData;
    buf.T.bottomRows(C) *= scaleModel;

    // Statistics: T = [h₀ / B; −h_k / C], so Sᵀ T = ⟨v hᵀ⟩₀ − ⟨v hᵀ⟩_k; then the velocity. The
    // items after the hidden blocks sum S's columns for the visible biases' gradient.
    const auto vblocks = unitBlocks(V);
    Eigen::VectorXf gradA(V);
    team.parallelFor(static_cast<int>(blocks.size() + vblocks.size()), [&](int item) {
        if (item >= static_cast<int>(blocks.size())) {
            const auto [i0, vb] = vblocks[static_cast<size_t>(item) - blocks.size()];
            gradA.segment(i0, vb) = (buf.S.block(0, i0, B, vb).colwise().sum() * scaleData +
                                     buf.S.block(B, i0, C, vb).colwise().sum() * scaleModel)
                                        .transpose();
            return;
        }
        const auto [j0, hb] = blocks[static_cast<size_t>(item)];
        buf.G.middleCols(j0, hb).noalias() = buf.S.transpose() * buf.T.middleCols(j0, hb);
        gradB.segment(j0, hb) = buf.T.middleCols(j0, hb).colwise().sum().transpose();
        bool ok = true;
        for (int j = j0; j < j0 + hb; ++j)
            ok = velocityColumn(&buf.G(0, j), &velocity.W(0, j), &theta.W(0, j), V, m, lr, decay) && ok;
        finite[static_cast<size_t>(item)] = ok;
    });
    // Apply only an update that keeps every parameter finite.
    const Eigen::VectorXf va = m * velocity.a + lr * gradA;
    const Eigen::VectorXf vb = m * velocity.b + lr * gradB;
    res.finite = std::all_of(finite.begin(), finite.end(), [](char c) { return c != 0; }) &&
                 (theta.a + va).allFinite() && (theta.b + vb).allFinite();
    if (!res.finite) return res;
    team.parallelFor(static_cast<int>(blocks.size()), [&](int blk) {
        const auto [j0, hb] = blocks[static_cast<size_t>(blk)];
        theta.W.middleCols(j0, hb) += buf.G.middleCols(j0, hb);
    });
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
