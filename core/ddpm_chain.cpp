// The reverse chain of core/ddpm.h: Algorithm 2 (003:6362) and DDIM steps, the chain's frames
// for the strip, the training previews, and ε_θ for one timestep (the time part of the first
// layer formed once per step; the fused AVX2 path of core/ddpm_infer.h where it applies).
#include "core/ddpm.h"
#include "core/ddpm_detail.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace latentlab::core {

using namespace ddpm_detail;

std::vector<int> Ddpm::chainTimesteps() const {
    std::vector<int> ts;
    if (m_settings.sampler == DdpmSampler::Ddim) {
        const std::vector<int> tau = ddimTimesteps(m_settings.T, m_settings.ddimSteps);
        ts.assign(tau.rbegin(), tau.rend());
    } else {
        for (int t = m_settings.T; t >= 1; --t) ts.push_back(t);
    }
    ts.push_back(0);
    return ts;
}

void Ddpm::startSampling(int n) {
    const int d = int(m_X.cols());
    m_chain.resize(n, d);
    for (Eigen::Index j = 0; j < m_chain.cols(); ++j)
        for (Eigen::Index i = 0; i < m_chain.rows(); ++i) m_chain(i, j) = float(m_rng.normal());
    m_chainTimesteps = chainTimesteps();
    m_chainIndex = 0;
    m_sampling = true;
    auto& trails = writable(m_trails);
    trails.clear();
    trails.push_back(m_scaling.toData(m_chain.topRows(std::min<Eigen::Index>(m_settings.trailPoints, n))));
    m_frameIndices = chainFrameIndices(int(m_chainTimesteps.size()));
    writable(m_frames).clear();
    recordFrame();
}

std::vector<int> Ddpm::chainFrameIndices(int chainLength) {
    std::vector<int> idx;
    if (chainLength <= 0) return idx;
    const int k = std::min(kFrames, chainLength);
    for (int i = 0; i < k; ++i)
        idx.push_back(k == 1 ? 0 : int(std::lround(double(i) * (chainLength - 1) / (k - 1))));
    return idx;
}

void Ddpm::recordFrame() {
    const auto& idx = m_frameIndices;
    if (std::find(idx.begin(), idx.end(), m_chainIndex) == idx.end()) return;
    const Eigen::Index rows = m_chain.cols() <= 3 ? m_chain.rows() : std::min<Eigen::Index>(kFrameRows, m_chain.rows());
    writable(m_frames).push_back(m_scaling.toData(m_chain.topRows(rows)));
}

int Ddpm::previewEvery() const {
    const int chain = m_settings.sampler == DdpmSampler::Ddim ? m_settings.ddimSteps : m_settings.T;
    const int rows = m_X.cols() <= 3 ? kPreviewPoints : kPreviewImages;
    // chain · rows row-passes of ε_θ against 3 · batch per training step (forward and backward),
    // at most a fifth of the training time, and not more often than every 100 steps.
    const double every = 5.0 * double(chain) * rows / (3.0 * std::max(1, m_settings.batch));
    return std::max(100, int(std::ceil(every / 100.0)) * 100);
}

// A preview must not change the run: its own random numbers from (seed, step).
void Ddpm::drawPreview() {
    Rng rng(m_seed ^ (0x70726576ULL + uint64_t(m_trainStep) * 0x9E3779B97F4A7C15ULL));
    team();
    m_preview = std::make_shared<const Matrix>(sample(m_X.cols() <= 3 ? kPreviewPoints : kPreviewImages, rng));
    m_previewStep = m_trainStep;
}

nn::Mat<float> Ddpm::networkInput(const Matrix& x, const std::vector<int>& t) const {
    const int d = int(x.cols()), E = m_settings.timeEmbedding;
    nn::Mat<float> in(x.rows(), d + E);
    in.leftCols(d) = x;
    float emb[512];
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (i == 0 || t[size_t(i)] != t[size_t(i - 1)]) timeEmbedding(t[size_t(i)], E, emb);
        for (int j = 0; j < E; ++j) in(i, d + j) = emb[j];
    }
    return in;
}

Matrix Ddpm::predictNoise(const nn::Mlp<float>& net, int embeddingWidth, const Matrix& x, int t) {
    if (net.inputs() != x.cols() + embeddingWidth || embeddingWidth % 2 || embeddingWidth > 512)
        throw std::invalid_argument("DDPM: the network takes " + std::to_string(net.inputs()) + " inputs, not " +
                                    std::to_string(x.cols()) + " + " + std::to_string(embeddingWidth));
    nn::Mat<float> in(x.rows(), x.cols() + embeddingWidth);
    in.leftCols(x.cols()) = x;
    float emb[512];
    timeEmbedding(t, embeddingWidth, emb);
    for (int j = 0; j < embeddingWidth; ++j) in.col(x.cols() + j).setConstant(emb[j]);
    return net.predict(in);
}

Matrix Ddpm::predictNoise(const Matrix& x, int t) const {
    m_schedule->index(t); // throws outside [1, T]
    return m_ema.predict(networkInput(x, std::vector<int>(size_t(x.rows()), t)));
}

// One reverse step t → tPrev of the chain x (model units): Algorithm 2 when tPrev = t − 1 and
// the sampler is DDPM, a DDIM step (eq. 12) otherwise. ε_θ is evaluated in fixed row chunks;
// z is drawn afterwards in row order, so the result does not depend on the threads.
void Ddpm::chainStep(const nn::Mlp<float>& net, Matrix& x, int t, int tPrev, Rng& rng) const {
    const Eigen::Index n = x.rows();
    Matrix eps(n, x.cols());
    const int chunks = int((n + kChainChunk - 1) / kChainChunk);
    if (int(m_chainWs.size()) < chunks) {
        m_chainWs.resize(size_t(chunks), net.makeWorkspace());
        m_chainZ1.resize(size_t(chunks));
    }
    // The fused path (core/ddpm_infer.h) when the build and the network allow it; the network is
    // packed anew for every step (tens of µs), so it is never stale.
    const bool fused = m_chainNet.pack(net, int(x.cols()));
    nn::RowVec<float> timeBias;
    if (fused) {
        const auto& first = net.layers().front();
        timeBias = m_embedding.row(t - 1) * first.W.bottomRows(first.W.rows() - x.cols()) + first.b;
    }
    auto work = [&](int c) {
        const Eigen::Index r0 = Eigen::Index(c) * kChainChunk, rows = std::min<Eigen::Index>(kChainChunk, n - r0);
        if (fused)
            m_chainNet.forward(x.data() + r0, 1, x.outerStride(), int(rows), timeBias.data(), eps.data() + r0, 1,
                               eps.outerStride());
        else
            predictOneT(net, x.middleRows(r0, rows), t, m_chainWs[size_t(c)], m_chainZ1[size_t(c)],
                        eps.middleRows(r0, rows));
    };
    if (chunks > 1 && m_team)
        m_team->parallelFor(chunks, work);
    else
        for (int c = 0; c < chunks; ++c) work(c);
    const bool ddim = m_settings.sampler == DdpmSampler::Ddim;
    const double sigma = ddim ? ddimSigma(*m_schedule, t, tPrev, m_settings.ddimEta) : reverseSigma(*m_schedule, t, m_settings.variance);
    Matrix z;
    if (sigma > 0) {
        z.resize(n, x.cols());
        for (Eigen::Index j = 0; j < z.cols(); ++j)
            for (Eigen::Index i = 0; i < n; ++i) z(i, j) = float(rng.normal());
    }
    x = ddim ? ddimStep(*m_schedule, x, t, tPrev, eps, m_settings.ddimEta, z)
             : core::reverseStep(*m_schedule, x, t, eps, z, m_settings.variance);
}

void Ddpm::predictOneT(const nn::Mlp<float>& net, const Eigen::Ref<const Matrix>& x, int t,
                       nn::Mlp<float>::Workspace& ws, nn::Mat<float>& z1, Eigen::Ref<Matrix> out) const {
    const int d = int(x.cols());
    const auto& first = net.layers().front();
    const nn::RowVec<float> timeBias =
        m_embedding.row(t - 1) * first.W.bottomRows(first.W.rows() - d) + first.b; // emb(t) W_e + b
    z1.resize(x.rows(), first.W.cols());
    z1.rowwise() = timeBias;
    if (d <= 4)
        z1.noalias() += x.lazyProduct(first.W.topRows(d)); // points: a rank-d update
    else
        z1.noalias() += x * first.W.topRows(d);
    nn::activationForward(first.spec().activation, float(first.spec().negativeSlope), z1, ws.caches[0].A);
    const nn::Mat<float>* h = &ws.caches[0].A;
    for (size_t i = 1; i < net.layers().size(); ++i) h = &net.layers()[i].forward(*h, ws.caches[i]);
    out = *h;
}

bool Ddpm::reverseStep() {
    if (!m_sampling || m_chainIndex + 1 >= int(m_chainTimesteps.size())) return false;
    team(); // the chunks of large chains run on the team
    const int t = m_chainTimesteps[size_t(m_chainIndex)], tPrev = m_chainTimesteps[size_t(m_chainIndex + 1)];
    chainStep(m_ema, m_chain, t, tPrev, m_rng);
    ++m_chainIndex;
    ++m_stepCount;
    writable(m_trails).push_back(
        m_scaling.toData(m_chain.topRows(std::min<Eigen::Index>(m_settings.trailPoints, m_chain.rows()))));
    recordFrame();
    return true;
}

Matrix Ddpm::sample(int n, Rng& rng) const {
    Matrix x(n, m_X.cols());
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        for (Eigen::Index i = 0; i < n; ++i) x(i, j) = float(rng.normal());
    const std::vector<int> ts = chainTimesteps();
    for (size_t k = 0; k + 1 < ts.size(); ++k) chainStep(m_ema, x, ts[k], ts[k + 1], rng);
    return m_scaling.toData(x);
}

} // namespace latentlab::core
