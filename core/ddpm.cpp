#include "core/ddpm.h"
#include "core/ddpm_detail.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <omp.h>

namespace latentlab::core {

using namespace ddpm_detail;

Matrix DdpmScaling::toModel(const Matrix& x) const {
    return ((x.rowwise() - shift).array() * scale).matrix();
}

Matrix DdpmScaling::toData(const Matrix& x) const {
    Matrix y = (x.array() / scale).matrix().rowwise() + shift;
    if (image) y = y.cwiseMax(0.0f).cwiseMin(imageMax);
    return y;
}

size_t DdpmSnapshot::byteSize() const {
    size_t n = sizeof(*this) + size_t(points.size() + chainModel.size()) * sizeof(float);
    for (const auto& net : {network, emaNetwork})
        if (net) n += size_t(net->parameterCount()) * sizeof(float) * 3;
    for (const auto& m : {moments1, moments2})
        if (m)
            for (const auto& v : *m) n += v.size() * sizeof(float);
    return n;
}

std::vector<ParamSpec> Ddpm::specs() {
    return {
        choiceParam("schedule", "Noise schedule",
                    "constant β (the lecture's, 003:5957), linear 1e-4 → 0.02 (Ho et al. 2020) or cosine (Nichol & "
                    "Dhariwal 2021); linear and cosine are beyond the lecture",
                    {"constant", "linear", "cosine"}, "linear"),
        intParam("T", "Steps T", "diffusion steps (003: T = 1000)", 200, kDdpmMinSteps, kDdpmMaxSteps),
        realParam("beta", "Constant β", "β_t of the constant schedule (the lecture's 0.01)", 0.01, 1e-5, kDdpmMaxBeta,
                  true),
        intParam("layers", "Hidden layers", "hidden layers of ε_θ", 3, 1, 8),
        intParam("width", "Width", "units per hidden layer of ε_θ", 128, 8, 1024),
        intParam("time-embedding", "Time embedding", "sinusoidal features of t (even; 003:6335-6342)", 32, 2, 256),
        choiceParam("activation", "Activation", "activation of the hidden layers", {"silu", "relu", "tanh", "leaky-relu"},
                    "silu"),
        realParam("learning-rate", "Learning rate", "Adam's step size", 1e-3, 1e-6, 1, true),
        intParam("batch", "Batch size", "samples per training step (Algorithm 1)", 256, 1, 8192),
        intParam("train-steps", "Training steps", "mini-batches before the reverse chain starts", 3000, 0, 10000000),
        realParam("ema-decay", "EMA decay", "sampling uses an exponential moving average of the weights; 0 = off", 0.995,
                  0, 0.99999),
        choiceParam("loss", "Loss weighting",
                    "simple: ‖ε − ε_θ‖² (Algorithm 1, 003:6346); weighted: λ_t of the variational bound (003:6319, "
                    "Ho et al. eq. 12), normalised to mean 1",
                    {"simple", "weighted"}, "simple"),
        choiceParam("sampler", "Sampler", "ddpm: Algorithm 2 (003:6362); ddim: Song et al. 2021 (beyond the lecture)",
                    {"ddpm", "ddim"}, "ddpm"),
        choiceParam("variance", "Reverse variance", "σ_t² = β̃_t (the lecture, with the √ erratum) or β_t",
                    {"posterior", "beta"}, "posterior"),
        intParam("ddim-steps", "DDIM steps", "timesteps of the DDIM chain", 50, 1, kDdpmMaxSteps),
        realParam("eta", "DDIM η", "0: deterministic DDIM; 1: DDPM's noise", 0, 0, 1),
        intParam("sample-points", "Chain points", "points moved by the reverse chain", 2000, 1, 1000000),
    };
}

void Ddpm::timeEmbedding(int t, int E, float* out) {
    const int half = E / 2;
    for (int i = 0; i < half; ++i) {
        const double w = std::pow(10000.0, -double(i) / half);
        out[2 * i] = float(std::sin(t * w));
        out[2 * i + 1] = float(std::cos(t * w));
    }
}

void Ddpm::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void Ddpm::reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed) {
    if (!data || data->n() < 2 || data->d() < 1) throw std::invalid_argument("DDPM: the data set needs at least 2 samples");
    if (!data->X.allFinite()) throw std::invalid_argument("DDPM: the data contain NaN or infinite values");
    DdpmSettings s;
    s.schedule = parseBetaSchedule(params.getChoice("schedule"));
    s.T = int(params.getInt("T"));
    s.constantBeta = params.getReal("beta");
    s.layers = int(params.getInt("layers"));
    s.width = int(params.getInt("width"));
    s.timeEmbedding = int(params.getInt("time-embedding"));
    if (s.timeEmbedding % 2) throw ParamError("time-embedding must be even (sin and cos pairs), not " + std::to_string(s.timeEmbedding));
    s.activation = nn::activationFromName(params.getChoice("activation"));
    s.learningRate = params.getReal("learning-rate");
    s.batch = int(params.getInt("batch"));
    s.trainSteps = params.getInt("train-steps");
    s.emaDecay = params.getReal("ema-decay");
    s.loss = params.getChoice("loss") == "weighted" ? DdpmLoss::Weighted : DdpmLoss::Simple;
    s.sampler = params.getChoice("sampler") == "ddim" ? DdpmSampler::Ddim : DdpmSampler::Ddpm;
    s.variance = params.getChoice("variance") == "beta" ? ReverseVariance::Beta : ReverseVariance::PosteriorVariance;
    s.ddimSteps = int(params.getInt("ddim-steps"));
    if (s.sampler == DdpmSampler::Ddim && s.ddimSteps > s.T)
        throw ParamError("ddim-steps must be at most T = " + std::to_string(s.T));
    s.ddimSteps = std::min(s.ddimSteps, s.T);
    s.ddimEta = params.getReal("eta");
    s.samplePoints = int(params.getInt("sample-points"));
    s.trailPoints = std::min(s.trailPoints, s.samplePoints);
    auto schedule = std::make_shared<const DdpmSchedule>(makeDdpmSchedule(s.schedule, s.T, s.constantBeta));

    DdpmScaling sc;
    const int d = data->d();
    if (data->imageShape) {
        sc.image = true;
        sc.imageMax = std::max(1e-6f, data->X.maxCoeff());
        sc.shift = Eigen::RowVectorXf::Constant(d, sc.imageMax / 2);
        sc.scale = 2 / sc.imageMax;
    } else {
        sc.shift = data->X.colwise().mean();
        const double var = (data->X.rowwise() - sc.shift).cast<double>().squaredNorm() / (double(data->n()) * d);
        sc.scale = var > 0 ? float(1 / std::sqrt(var)) : 1.0f;
    }
    nn::Mlp<float> net = nn::Mlp<float>::make(d + s.timeEmbedding, std::vector<int>(size_t(s.layers), s.width), d,
                                              s.activation);
    Rng rng(seed);
    net.initialise(nn::Init::He, rng);

    m_data = std::move(data);
    m_scaling = sc;
    m_X = sc.toModel(m_data->X);
    m_settings = s;
    m_schedule = schedule;
    m_lossWeights.assign(size_t(s.T), 1.0f);
    if (s.loss == DdpmLoss::Weighted) {
        const Eigen::VectorXd w = lossWeights(*schedule, s.variance);
        const double mean = w.mean();
        for (int i = 0; i < s.T; ++i) m_lossWeights[size_t(i)] = float(w(i) / mean);
    }
    m_embedding.resize(s.T, s.timeEmbedding);
    {
        std::vector<float> e(size_t(s.timeEmbedding));
        for (int t = 1; t <= s.T; ++t) {
            timeEmbedding(t, s.timeEmbedding, e.data());
            for (int j = 0; j < s.timeEmbedding; ++j) m_embedding(t - 1, j) = e[size_t(j)];
        }
    }
    m_chainWs.clear();
    m_chainZ1.clear();
    m_seed = seed;
    m_rng = rng;
    m_net = net;
    m_ema = net;
    m_adam = nn::Adam<float>({s.learningRate});
    m_loss = std::make_shared<std::vector<float>>();
    m_bucketSum.assign(kBuckets, 0.0);
    m_bucketCount.assign(kBuckets, 0.0);
    m_bucketEvaluated = false;
    m_trainStep = m_stepCount = 0;
    m_sampling = m_diverged = false;
    m_chainTimesteps.clear();
    m_chainIndex = 0;
    m_chain.resize(0, d);
    m_trails = std::make_shared<std::vector<Matrix>>();
    m_frames = std::make_shared<std::vector<Matrix>>();
    m_frameIndices.clear();
    m_preview.reset();
    m_previewStep = 0;
    m_parts.assign(size_t(std::min(kParts, s.batch)), Part());
    m_events.clear();
    if (s.trainSteps == 0) startSampling(s.samplePoints);
}

rbm::WorkTeam& Ddpm::team() {
    if (!m_team) {
        const int available = m_threads > 0 ? m_threads : omp_get_max_threads();
        m_team = std::make_unique<rbm::WorkTeam>(std::max(1, std::min(2, available)));
    }
    return *m_team;
}

bool Ddpm::finished() const {
    return m_diverged || (m_sampling && m_chainIndex + 1 >= int(m_chainTimesteps.size()));
}

int Ddpm::currentTimestep() const {
    return m_sampling ? m_chainTimesteps[size_t(m_chainIndex)] : 0;
}

void Ddpm::step() {
    if (finished()) return;
    m_events.clear();
    if (!m_sampling) {
        trainStep();
        if (!m_diverged && m_trainStep >= m_settings.trainSteps) startSampling(m_settings.samplePoints);
        else if (m_previewOn && !m_diverged && m_trainStep % previewEvery() == 0) drawPreview();
    } else {
        reverseStep();
    }
}

// Algorithm 1 (003:6346): x_0 ~ data, t ~ U{1..T}, ε ~ N(0, I), a gradient step on
// λ_t ‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖² (mean over the batch and the d coordinates).
double Ddpm::trainStep() {
    if (m_diverged) return 0;
    const int B = m_settings.batch, P = int(m_parts.size()), d = int(m_X.cols()), E = m_settings.timeEmbedding;
    const DdpmSchedule& sch = *m_schedule;
    for (int p = 0; p < P; ++p) { // the random draws in a fixed order, on this thread
        Part& q = m_parts[size_t(p)];
        const int rows = B / P + (p < B % P ? 1 : 0);
        if (q.ws.caches.empty()) q.ws = m_net.makeWorkspace();
        q.input.resize(rows, d + E);
        q.target.resize(rows, d);
        q.t.resize(size_t(rows));
        for (int i = 0; i < rows; ++i) {
            const int t = int(m_rng.below(uint64_t(m_settings.T))) + 1;
            const Eigen::Index row = Eigen::Index(m_rng.below(uint64_t(m_X.rows())));
            q.t[size_t(i)] = t;
            const float a = float(sch.sqrt_alphas_cumprod[t - 1]), b = float(sch.sqrt_one_minus_alphas_cumprod[t - 1]);
            for (int j = 0; j < d; ++j) {
                const float eps = float(m_rng.normal());
                q.target(i, j) = eps;
                q.input(i, j) = a * m_X(row, j) + b * eps;
            }
            for (int j = 0; j < E; ++j) q.input(i, d + j) = m_embedding(t - 1, j);
        }
    }
    team().parallelFor(P, [&](int p) {
        Part& q = m_parts[size_t(p)];
        const nn::Mat<float>& pred = m_net.forward(q.input, q.ws);
        q.grad = pred - q.target;
        q.rowLoss.resize(q.t.size());
        double sum = 0;
        for (Eigen::Index i = 0; i < q.grad.rows(); ++i) {
            const double l = q.grad.row(i).squaredNorm() / d;
            q.rowLoss[size_t(i)] = l;
            sum += l;
            q.grad.row(i) *= float(2.0 * m_lossWeights[size_t(q.t[size_t(i)] - 1)] / (double(B) * d));
        }
        q.loss = sum / B;
        m_net.backward(q.grad, nn::Grad::ParamsOnly, q.ws);
    });
    double loss = 0;
    std::vector<const nn::Mlp<float>::Workspace*> grads;
    for (const Part& q : m_parts) {
        loss += q.loss;
        grads.push_back(&q.ws);
    }
    m_net.sumGradients(grads);
    ++m_stepCount;
    bool finite = std::isfinite(loss);
    for (const auto& l : m_net.layers()) finite = finite && l.dW.allFinite() && l.db.allFinite();
    if (!finite) {
        m_diverged = true;
        m_events.push_back({ModelEvent::Kind::Diverged, "the denoiser's loss is not finite at training step " +
                                                            std::to_string(m_trainStep + 1) +
                                                            ": training stopped with the last good network. Try a "
                                                            "smaller learning rate."});
        return loss;
    }
    m_adam.step(m_net.parameters());
    if (m_settings.emaDecay > 0) {
        const float a = float(m_settings.emaDecay);
        for (size_t i = 0; i < m_net.layers().size(); ++i) {
            auto& e = m_ema.layers()[i];
            const auto& n = m_net.layers()[i];
            e.W = a * e.W + (1 - a) * n.W;
            e.b = a * e.b + (1 - a) * n.b;
        }
    } else {
        m_ema = m_net;
    }
    if (m_bucketEvaluated) { // training resumes on an installed model: running means from here
        std::fill(m_bucketSum.begin(), m_bucketSum.end(), 0.0);
        std::fill(m_bucketCount.begin(), m_bucketCount.end(), 0.0);
        m_bucketEvaluated = false;
    }
    for (const Part& q : m_parts)
        for (size_t i = 0; i < q.t.size(); ++i) {
            const int bucket = std::min(kBuckets - 1, (q.t[i] - 1) * kBuckets / m_settings.T);
            m_bucketSum[size_t(bucket)] += q.rowLoss[i];
            m_bucketCount[size_t(bucket)] += 1;
        }
    writable(m_loss).push_back(float(loss));
    ++m_trainStep;
    return loss;
}

void Ddpm::evaluateBucketLoss() {
    const int T = m_settings.T, d = int(m_X.cols()), E = m_settings.timeEmbedding;
    const int perT = std::max(1, 2000 / T);
    const DdpmSchedule& sch = *m_schedule;
    Rng rng(m_seed ^ 0x9e3779b97f4a7c15ULL);
    nn::Mat<float> input(perT, d + E), target(perT, d);
    auto ws = m_ema.makeWorkspace();
    std::fill(m_bucketSum.begin(), m_bucketSum.end(), 0.0);
    std::fill(m_bucketCount.begin(), m_bucketCount.end(), 0.0);
    for (int t = 1; t <= T; ++t) {
        const float a = float(sch.sqrt_alphas_cumprod[t - 1]), b = float(sch.sqrt_one_minus_alphas_cumprod[t - 1]);
        for (int i = 0; i < perT; ++i) {
            const Eigen::Index row = Eigen::Index(rng.below(uint64_t(m_X.rows())));
            for (int j = 0; j < d; ++j) {
                const float eps = float(rng.normal());
                target(i, j) = eps;
                input(i, j) = a * m_X(row, j) + b * eps;
            }
            for (int j = 0; j < E; ++j) input(i, d + j) = m_embedding(t - 1, j);
        }
        const nn::Mat<float>& pred = m_ema.forward(input, ws);
        const int bucket = std::min(kBuckets - 1, (t - 1) * kBuckets / T);
        for (int i = 0; i < perT; ++i) m_bucketSum[size_t(bucket)] += (pred.row(i) - target.row(i)).squaredNorm() / d;
        m_bucketCount[size_t(bucket)] += perT;
    }
    m_bucketEvaluated = true;
}

SnapshotPtr Ddpm::snapshot() const {
    auto s = std::make_shared<DdpmSnapshot>();
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_sampling ? m_trainStep + m_chainIndex : m_trainStep;
    s->phase = m_sampling ? "reverse" : "train";
    s->phaseLabel = m_sampling ? "reverse step: x_t → x_{t−1} with the predicted noise"
                               : "training step: predict the noise added to x_0 (Algorithm 1)";
    s->finished = finished();
    s->data = m_data;
    s->objective = m_loss->empty() ? 0.0 : m_loss->back();
    s->events = m_events;
    s->settings = m_settings;
    s->schedule = m_schedule;
    s->network = std::make_shared<const nn::Mlp<float>>(m_net);
    s->emaNetwork = std::make_shared<const nn::Mlp<float>>(m_ema);
    s->scaling = m_scaling;
    s->loss = m_loss;
    s->bucketLoss.resize(kBuckets);
    for (int b = 0; b < kBuckets; ++b)
        s->bucketLoss[size_t(b)] = m_bucketCount[size_t(b)] > 0 ? m_bucketSum[size_t(b)] / m_bucketCount[size_t(b)] : NAN;
    s->bucketLossEvaluated = m_bucketEvaluated;
    s->trainStep = m_trainStep;
    s->sampling = m_sampling;
    s->t = currentTimestep();
    if (m_sampling) s->points = m_scaling.toData(m_chain);
    s->trails = m_trails;
    s->trailTimesteps.assign(m_chainTimesteps.begin(), m_chainTimesteps.begin() + (m_sampling ? m_chainIndex + 1 : 0));
    s->frames = m_frames;
    for (size_t k = 0; k < m_frames->size() && k < m_frameIndices.size(); ++k)
        s->frameTimesteps.push_back(m_chainTimesteps[size_t(m_frameIndices[k])]);
    s->preview = m_preview;
    s->previewStep = m_previewStep;
    s->moments1 = std::make_shared<const std::vector<std::vector<float>>>(m_adam.firstMoments());
    s->moments2 = std::make_shared<const std::vector<std::vector<float>>>(m_adam.secondMoments());
    s->optimizerSteps = m_adam.steps();
    s->chainModel = m_chain;
    s->chainIndex = m_chainIndex;
    s->rng = m_rng.state();
    s->diverged = m_diverged;
    return s;
}

bool Ddpm::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const DdpmSnapshot*>(&snap);
    if (!s || !s->network || !m_data || s->network->outputs() != m_X.cols()) return false;
    m_settings = s->settings;
    m_schedule = s->schedule;
    m_net = *s->network;
    m_ema = *s->emaNetwork;
    m_adam = nn::Adam<float>({m_settings.learningRate});
    m_adam.firstMoments() = *s->moments1;
    m_adam.secondMoments() = *s->moments2;
    m_adam.setSteps(s->optimizerSteps);
    m_loss = std::make_shared<std::vector<float>>(*s->loss);
    m_trainStep = s->trainStep;
    m_stepCount = s->stepCount;
    m_sampling = s->sampling;
    m_chain = s->chainModel;
    m_chainIndex = s->chainIndex;
    m_chainTimesteps = m_sampling ? chainTimesteps() : std::vector<int>();
    m_trails = std::make_shared<std::vector<Matrix>>(*s->trails);
    m_frames = std::make_shared<std::vector<Matrix>>(*s->frames);
    m_frameIndices = m_sampling ? chainFrameIndices(int(m_chainTimesteps.size())) : std::vector<int>();
    m_preview = s->preview;
    m_previewStep = s->previewStep;
    m_rng.setState(s->rng);
    m_diverged = s->diverged;
    m_events.clear();
    return true;
}

void Ddpm::replaceData(const Dataset& data) {
    if (!m_data || data.d() != m_data->d()) throw std::invalid_argument("DDPM: new data must have the same features");
    if (data.n() < 2) throw std::invalid_argument("DDPM: the data set needs at least 2 samples");
    m_data = std::make_shared<const Dataset>(data);
    m_X = m_scaling.toModel(m_data->X);
}

} // namespace latentlab::core
