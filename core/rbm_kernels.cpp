#include "core/rbm_kernels.h"

#include "core/rbm_gemm.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace latentlab::core::rbm {

namespace {

constexpr int kMonitorChunk = 256; // rows per work item of the monitor pass

/// Purposes of the counter-based streams inside one update.
enum Stream : uint64_t { kHidden0 = 0, kChainHidden = 1, kStepBase = 2 };

constexpr int kItemUnits = 12; // units per work item: two tiles of kTileRows = 6 rows

int roundUp16(int n) { return (n + kTileCols - 1) / kTileCols * kTileCols; }

/// Work items of kItemUnits units (the last one shorter): they depend on n only.
std::vector<std::pair<int, int>> itemBlocks(int n) {
    std::vector<std::pair<int, int>> blocks;
    for (int start = 0; start < n; start += kItemUnits) blocks.emplace_back(start, std::min(kItemUnits, n - start));
    return blocks;
}

/// Where a hidden pass writes: Tt(j, tOff + r) = scale · (p(h_j | v_r), or h_rj when storeSamples)
/// with Tt hidden-major (H × ldt); samples h_rj into Hs(j, r) (H × ldh, columns padded to 16).
struct HiddenOut {
    float* Tt;
    int ldt, tOff;
    float scale;
    float* Hs; // null: no samples
    int ldh;
    bool storeSamples;
    uint64_t key;
    int64_t* hist; // kHistogramBins counts or null
};

/// Hidden units [j0, j0 + hb) of σ(v·W + b) for the n rows packed in Xp (packPanels), as tiles of
/// (6 hidden units) × (16 rows): A = Wᵀ (the columns of W, contiguous), B = the panels. The
/// sample for (row r, unit j) is counter r·H + j of out.key.
void hiddenItem(const RbmWeights& theta, const float* Xp, int n, const HiddenOut& out, int j0, int hb) {
    const int V = theta.visible(), H = theta.hidden();
    alignas(32) float acc[kTileRows * kTileCols];
    alignas(32) float h[kTileCols];
    for (int jt = j0; jt < j0 + hb; jt += kTileRows) {
        const int mr = std::min(kTileRows, j0 + hb - jt);
        for (int p = 0; p * kTileCols < n; ++p) {
            const int r0 = p * kTileCols, nv = std::min(kTileCols, n - r0);
            gemmTile(mr, theta.W.data() + static_cast<ptrdiff_t>(jt) * V, V, 1,
                     Xp + static_cast<ptrdiff_t>(p) * V * kTileCols, kTileCols, V, acc);
            for (int r = 0; r < mr; ++r) {
                const int j = jt + r;
                float* x = acc + r * kTileCols;
                biasSigmoid16(x, theta.b(j));
                if (out.hist)
                    for (int l = 0; l < nv; ++l)
                        ++out.hist[std::min(kHistogramBins - 1, static_cast<int>(x[l] * kHistogramBins))];
                const float* t = x;
                if (out.Hs) {
                    sampleBernoulli16(x, h, out.key, static_cast<uint32_t>(r0 * H + j), static_cast<uint32_t>(H));
                    std::memcpy(out.Hs + static_cast<ptrdiff_t>(j) * out.ldh + r0, h, sizeof h);
                    if (out.storeSamples) t = h;
                }
                float* o = out.Tt + static_cast<ptrdiff_t>(j) * out.ldt + out.tOff + r0;
                for (int l = 0; l < nv; ++l) o[l] = t[l] * out.scale;
            }
        }
    }
}

/// Visible units [i0, i0 + 16) ∩ [0, V) — panel q = i0 / 16 — of σ(h·Wᵀ + a) for the n rows of
/// h, stored hidden-major in Hs (H × ldh), as tiles of (6 rows) × (16 visible units): A = Hs, B =
/// panel q of Wp (W packed by panels of 16 visible units, H × 16 each). Sp holds S = [v₀; v_k]
/// as panels of 16 visible units, K rows × 16 each. When withError, returns Σ (v₀ − p)² over the
/// panel (v₀ = rows [0, n) of S); when vOut ≥ 0, v ~ p (counter r·V + i of key) into rows
/// [vOut, vOut + n) of S and, packed by rows, into vPanels (packPanels' layout).
double visibleItem(const RbmWeights& theta, const float* Wp, const float* Hs, int ldh, int n, float* Sp, int K,
                   bool withError, int vOut, float* vPanels, uint64_t key, int q) {
    const int V = theta.visible(), H = theta.hidden();
    const int i0 = q * kTileCols, cnt = std::min(kTileCols, V - i0);
    alignas(32) float acc[kTileRows * kTileCols];
    alignas(32) float v[kTileCols];
    alignas(32) float bias[kTileCols] = {};
    std::memcpy(bias, theta.a.data() + i0, sizeof(float) * static_cast<size_t>(cnt));
    float* panel = Sp + static_cast<ptrdiff_t>(q) * K * kTileCols;
    const float* B = Wp + static_cast<ptrdiff_t>(q) * H * kTileCols;
    double e = 0;
    for (int rt = 0; rt < n; rt += kTileRows) {
        const int mr = std::min(kTileRows, n - rt);
        gemmTile(mr, Hs + rt, 1, ldh, B, kTileCols, H, acc);
        for (int r = 0; r < mr; ++r) {
            const int row = rt + r;
            float* x = acc + r * kTileCols;
            biasSigmoid16(x, bias);
            if (withError) {
                const float* x0 = panel + static_cast<ptrdiff_t>(row) * kTileCols;
                float s = 0;
                for (int l = 0; l < cnt; ++l) s += (x0[l] - x[l]) * (x0[l] - x[l]);
                e += s;
            }
            if (vOut < 0) continue;
            sampleBernoulli16(x, v, key, static_cast<uint32_t>(row * V + i0), 1);
            for (int l = cnt; l < kTileCols; ++l) v[l] = 0;
            std::memcpy(panel + static_cast<ptrdiff_t>(vOut + row) * kTileCols, v, sizeof v);
            float* packed = vPanels + (static_cast<ptrdiff_t>(row / kTileCols) * V + i0) * kTileCols + row % kTileCols;
            for (int l = 0; l < cnt; ++l) packed[l * kTileCols] = v[l];
        }
    }
    return e;
}

/// Rows [0, n) of X (row-major, V columns) into rows [r0, r0 + n) of Sp (panels of 16 columns,
/// K rows × 16 each; columns ≥ V zero).
void packColumnPanels(const float* X, int n, int V, float* Sp, int K, int r0) {
    // Row by row: X is read sequentially (it usually comes from memory, not from the cache).
    for (int r = 0; r < n; ++r) {
        const float* x = X + static_cast<ptrdiff_t>(r) * V;
        float* o = Sp + static_cast<ptrdiff_t>(r0 + r) * kTileCols;
        for (int i0 = 0; i0 < V; i0 += kTileCols, o += static_cast<ptrdiff_t>(K) * kTileCols)
            copyPanelRow(o, x + i0, std::min(kTileCols, V - i0));
    }
}

template <typename M> void ensure(M& m, int rows, int cols) {
    if (m.rows() != rows || m.cols() != cols) m.resize(rows, cols);
}

void ensure(std::vector<float>& v, size_t n) {
    if (v.size() != n) v.assign(n, 0.0f);
}

} // namespace

CdResult cdUpdate(RbmWeights& theta, RbmWeights& velocity, const float* batch, int B,
                  RowMatrix* chains, const CdSettings& st, uint64_t key, CdBuffers& buf, WorkTeam& team) {
    const int V = theta.visible(), H = theta.hidden();
    const bool persistent = chains != nullptr;
    const int C = persistent ? static_cast<int>(chains->rows()) : B;
    const bool samples = st.statistics == Statistics::Samples;
    const int K = B + C, ldt = K, ldh0 = roundUp16(B), ldhc = roundUp16(C), nq = roundUp16(V) / kTileCols;
    const size_t panelSize = static_cast<size_t>(V) * kTileCols;
    ensure(buf.Sp, static_cast<size_t>(nq) * K * kTileCols);
    ensure(buf.X0, static_cast<size_t>(ldh0 / kTileCols) * panelSize);
    ensure(buf.Xc, static_cast<size_t>(ldhc / kTileCols) * panelSize);
    ensure(buf.Tt, static_cast<size_t>(H) * ldt);
    ensure(buf.H0, static_cast<size_t>(H) * ldh0);
    ensure(buf.Hc, static_cast<size_t>(H) * ldhc);
    ensure(buf.Wp, static_cast<size_t>(nq) * H * kTileCols);
    ensure(buf.WpNext, static_cast<size_t>(nq) * H * kTileCols);
    ensure(buf.G, V, H);
    ensure(buf.Wn, V, H);
    const int ldg = nq * kTileCols;
    ensure(buf.Gt, static_cast<size_t>(itemBlocks(H).size()) * kItemUnits * ldg);
    // Wp is kept up to date by the previous update's weight step; repacked only when theta's W
    // is not the one that step produced.
    const bool repack = buf.packedW != theta.W.data() || buf.packedV != V || buf.packedH != H;
    float* Sp = buf.Sp.data();
    packPanels(batch, V, B, V, buf.X0.data()); // v₀'s rows into S: items of the first phase
    if (persistent) {
        packColumnPanels(chains->data(), C, V, Sp, K, B);
        packPanels(chains->data(), V, C, V, buf.Xc.data());
    }
    const auto hBlocks = itemBlocks(H);
    const int nh = static_cast<int>(hBlocks.size());
    std::vector<std::array<int64_t, kHistogramBins>> counts(hBlocks.size());
    std::vector<double> err(static_cast<size_t>(nq), 0.0);
    std::vector<char> finite(hBlocks.size(), 1);
    Eigen::VectorXf gradA(V), gradB(H);
    const float m = static_cast<float>(st.momentum);
    const float lr = static_cast<float>(st.learningRate);
    const float decay = static_cast<float>(st.weightDecay);
    const float scaleData = 1.0f / static_cast<float>(B), scaleModel = -1.0f / static_cast<float>(C);
    const auto sumErr = [&] {
        double total = 0;
        for (double e : err) total += e; // item order: the same sum for any thread count
        return total;
    };
    const HiddenOut chainOut{buf.Tt.data(), ldt, B, scaleModel, buf.Hc.data(), ldhc, samples, 0, nullptr};
    CdResult res;

    // Positive phase: p(h | v₀) (scaled for the statistics) and h₀; each hidden block also packs
    // its columns of W into Wp when they are not kept from the previous update, and the items
    // after the hidden blocks pack v₀ into S by 16 rows. Then the chains' first hidden states: h₀
    // for CD (chain n starts at row n); for PCD sampled from the persistent chains, whose batch's
    // reconstruction error then needs one extra pass from h₀.
    const int nPack = (B + kTileCols - 1) / kTileCols;
    team.parallelFor(nh + nPack, [&](int item) {
        if (item >= nh) {
            const int r0 = (item - nh) * kTileCols;
            packColumnPanels(batch + static_cast<ptrdiff_t>(r0) * V, std::min(kTileCols, B - r0), V, Sp, K, r0);
            return;
        }
        const auto [j0, hb] = hBlocks[static_cast<size_t>(item)];
        for (int q = 0; repack && q < nq; ++q) { // sequential writes: hb × 16 floats per panel
            const int i0 = q * kTileCols, cnt = std::min(kTileCols, V - i0);
            float* o = buf.Wp.data() + (static_cast<ptrdiff_t>(q) * H + j0) * kTileCols;
            for (int j = j0; j < j0 + hb; ++j, o += kTileCols) copyPanelRow(o, &theta.W(i0, j), cnt);
        }
        auto& c = counts[static_cast<size_t>(item)];
        c.fill(0);
        const HiddenOut out{buf.Tt.data(), ldt, 0, scaleData, buf.H0.data(), ldh0, samples,
                            streamKey(key, 0, kHidden0), c.data()};
        hiddenItem(theta, buf.X0.data(), B, out, j0, hb);
    });
    for (const auto& c : counts) // item order
        for (int i = 0; i < kHistogramBins; ++i) res.histogram[static_cast<size_t>(i)] += c[static_cast<size_t>(i)];
    const float* h = buf.H0.data();
    int ldh = ldh0;
    double sqErr = 0;
    if (persistent) {
        HiddenOut out = chainOut;
        out.key = streamKey(key, 0, kChainHidden);
        team.parallelFor(nh, [&](int item) {
            const auto [j0, hb] = hBlocks[static_cast<size_t>(item)];
            hiddenItem(theta, buf.Xc.data(), C, out, j0, hb);
        });
        team.parallelFor(nq, [&](int q) {
            err[static_cast<size_t>(q)] =
                visibleItem(theta, buf.Wp.data(), buf.H0.data(), ldh0, B, Sp, K, true, -1, nullptr, 0, q);
        });
        sqErr = sumErr();
        h = buf.Hc.data();
        ldh = ldhc;
    }
    for (int t = 1; t <= st.k; ++t) {
        const bool first = t == 1 && !persistent;
        const uint64_t vKey = streamKey(key, t, kStepBase);
        team.parallelFor(nq, [&](int q) {
            err[static_cast<size_t>(q)] =
                visibleItem(theta, buf.Wp.data(), h, ldh, C, Sp, K, first, B, buf.Xc.data(), vKey, q);
        });
        if (first) sqErr = sumErr();
        if (t == st.k) break; // the last hidden pass is part of the update below
        HiddenOut out = chainOut;
        out.key = streamKey(key, t, kStepBase + 1);
        team.parallelFor(nh, [&](int item) {
            const auto [j0, hb] = hBlocks[static_cast<size_t>(item)];
            hiddenItem(theta, buf.Xc.data(), C, out, j0, hb);
        });
        h = buf.Hc.data();
        ldh = ldhc;
    }
    res.reconstructionError = sqErr / (static_cast<double>(B) * V);

    // The update, per block of hidden units: p(h | v_k) (sampled only for Statistics::Samples),
    // then the statistics Tt·S = ⟨v hᵀ⟩₀ − ⟨v hᵀ⟩_k (Tt = [h₀/B, −h_k/C]ᵀ, hidden-major) as
    // tiles of (6 hidden units) × (16 visible units) into G, then the momentum step column by
    // column. New W and velocity go to buffers, swapped in below only when finite. The items
    // after the hidden blocks sum S's columns, panel by panel, for the visible biases' gradient.
    HiddenOut lastOut = chainOut;
    lastOut.Hs = samples ? buf.Hc.data() : nullptr;
    lastOut.key = streamKey(key, st.k, kStepBase + 1);
    team.parallelFor(nh + nq, [&](int item) {
        if (item >= nh) {
            const int q = item - nh, i0 = q * kTileCols, cnt = std::min(kTileCols, V - i0);
            const float* panel = Sp + static_cast<ptrdiff_t>(q) * K * kTileCols;
            float s0[kTileCols] = {}, s1[kTileCols] = {};
            for (int r = 0; r < K; ++r) {
                float* s = r < B ? s0 : s1;
                for (int c = 0; c < kTileCols; ++c) s[c] += panel[r * kTileCols + c];
            }
            for (int c = 0; c < cnt; ++c) gradA(i0 + c) = s0[c] * scaleData + s1[c] * scaleModel;
            return;
        }
        const auto [j0, hb] = hBlocks[static_cast<size_t>(item)];
        hiddenItem(theta, buf.Xc.data(), C, lastOut, j0, hb);
        for (int j = j0; j < j0 + hb; ++j) {
            const float* t = buf.Tt.data() + static_cast<ptrdiff_t>(j) * ldt;
            float s = 0;
            for (int r = 0; r < K; ++r) s += t[r];
            gradB(j) = s;
        }
        // The statistics of the block's hb hidden units × all V visible units into the item's
        // slice of Gt (hb × ⌈V⌉₁₆, ~38 KB: stays in L2), panel by panel of S (one panel stays in
        // L1 for the block's tiles); then the momentum step column by column (sequential streams
        // of v_W and W), which also writes the new W packed into the next update's Wp (16 floats
        // per panel).
        float* g = buf.Gt.data() + static_cast<ptrdiff_t>(item) * kItemUnits * ldg;
        for (int q = 0; q < nq; ++q) {
            const float* panel = Sp + static_cast<ptrdiff_t>(q) * K * kTileCols;
            for (int jt = j0; jt < j0 + hb; jt += kTileRows) {
                const int mr = std::min(kTileRows, j0 + hb - jt);
                gemmTile(mr, buf.Tt.data() + static_cast<ptrdiff_t>(jt) * ldt, ldt, 1, panel, kTileCols, K,
                         g + static_cast<ptrdiff_t>(jt - j0) * ldg + q * kTileCols, ldg);
            }
        }
        bool ok = true;
        for (int j = j0; j < j0 + hb; ++j)
            ok = momentumStep(g + static_cast<ptrdiff_t>(j - j0) * ldg, &velocity.W(0, j), &theta.W(0, j),
                              &buf.G(0, j), &buf.Wn(0, j), V, m, lr, decay,
                              buf.WpNext.data() + static_cast<ptrdiff_t>(j) * kTileCols,
                              static_cast<ptrdiff_t>(H) * kTileCols) &&
                 ok;
        finite[static_cast<size_t>(item)] = ok;
    });
    // Apply only an update that keeps every parameter finite.
    const Eigen::VectorXf va = m * velocity.a + lr * gradA;
    const Eigen::VectorXf vbias = m * velocity.b + lr * gradB;
    res.finite = std::all_of(finite.begin(), finite.end(), [](char c) { return c != 0; }) &&
                 (theta.a + va).allFinite() && (theta.b + vbias).allFinite();
    if (!res.finite) return res;
    if (persistent)
        for (int q = 0; q < nq; ++q) {
            const int i0 = q * kTileCols, cnt = std::min(kTileCols, V - i0);
            for (int r = 0; r < C; ++r)
                std::memcpy(&(*chains)(r, i0), Sp + (static_cast<ptrdiff_t>(q) * K + B + r) * kTileCols,
                            sizeof(float) * static_cast<size_t>(cnt));
        }
    std::swap(theta.W, buf.Wn);
    std::swap(velocity.W, buf.G);
    std::swap(buf.Wp, buf.WpNext);
    buf.packedW = theta.W.data();
    buf.packedV = V;
    buf.packedH = H;
    velocity.a = va;
    velocity.b = vbias;
    theta.a += va;
    theta.b += vbias;
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
