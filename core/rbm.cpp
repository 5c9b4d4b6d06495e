#include "core/rbm.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace latentlab::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr uint64_t kSplitSeed = 0x4c4c52424d5eedULL; // fixed: the same held-out rows for any seed
constexpr int kCdStudyChains = 1024; // chains in total (at least 16 per row) for the CD-k bias study

/// Purposes of the counter-based streams (rbm::streamKey(seed, index, purpose)).
enum Purpose : uint64_t { kUpdate = 1, kDataSample, kChainInit, kBatchOrder, kTrainOrder, kPllFlips, kCdStudy };

std::string num(double v) {
    std::ostringstream os;
    os.precision(4);
    os << v;
    return os.str();
}

/// Throws ParamError naming the first value outside [0, 1] (or not finite).
void checkUnitRange(const Dataset& data) {
    const Matrix& X = data.X;
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const float v = X(i, j);
            if (v >= 0.0f && v <= 1.0f) continue;
            const std::string feature = static_cast<size_t>(j) < data.featureNames.size()
                                            ? "'" + data.featureNames[static_cast<size_t>(j)] + "'"
                                            : std::to_string(j + 1);
            std::string msg = "RBM: the visible units take values in [0, 1] (grey levels or bits), but " +
                              (data.name.empty() ? std::string("the data") : data.name) + " has " + num(v) +
                              " in sample " + std::to_string(i + 1) + ", feature " + feature;
            if (std::isfinite(v))
                msg += " (its values range from " + num(X.minCoeff()) + " to " + num(X.maxCoeff()) +
                       "): scale the data to [0, 1] first, e.g. divide the 8×8 digits (0..16) by 16";
            throw ParamError(msg);
        }
}

rbm::Statistics parseStatistics(const std::string& s) {
    return s == "samples" ? rbm::Statistics::Samples : rbm::Statistics::Probabilities;
}

RbmBinarize parseBinarize(const std::string& s) {
    if (s == "threshold") return RbmBinarize::Threshold;
    if (s == "sample") return RbmBinarize::Sample;
    return RbmBinarize::None;
}

std::vector<int> permutation(int n, Rng& rng) {
    std::vector<int> p(static_cast<size_t>(n));
    std::iota(p.begin(), p.end(), 0);
    for (int i = n - 1; i > 0; --i) std::swap(p[static_cast<size_t>(i)], p[rng.below(static_cast<uint64_t>(i) + 1)]);
    return p;
}

rbm::RowMatrix gatherRows(const rbm::RowMatrix& X, const std::vector<int>& rows, bool threshold) {
    rbm::RowMatrix out(static_cast<Eigen::Index>(rows.size()), X.cols());
    for (size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = X.row(rows[r]);
    if (threshold) out = (out.array() > 0.5f).cast<float>();
    return out;
}

} // namespace

template <typename T> T& Rbm::writable(std::shared_ptr<T>& p) {
    if (p.use_count() > 1) p = std::make_shared<T>(*p); // a snapshot still holds it: copy on write
    return *p;
}

size_t RbmSnapshot::byteSize() const {
    // Each snapshot holds its own copy of the buffers that change every step.
    size_t bytes = sizeof(*this);
    if (weights) bytes += 2 * sizeof(float) * static_cast<size_t>(weights->W.size() + weights->a.size() + weights->b.size());
    if (chains) bytes += sizeof(float) * static_cast<size_t>(chains->size());
    if (!batchErrors.empty() && batchErrors.back()) bytes += sizeof(float) * batchErrors.back()->size();
    return bytes;
}

std::vector<ParamSpec> Rbm::specs() {
    return {
        intParam("hidden", "Hidden units", "number of hidden units H (feature detectors)", 64, 1, 4096),
        intParam("cd-k", "Gibbs steps k",
                 "Gibbs steps v → h → v in the negative phase of CD-k (k = 1 is usual: lecture 000:1298, 002:91)",
                 1, 1, 1000),
        boolParam("persistent", "Persistent CD",
                  "keep the negative phase's Gibbs chains from batch to batch (PCD, Tieleman 2008; lecture "
                  "004:1555-1586) instead of restarting them at the data",
                  false),
        realParam("learning-rate", "Learning rate η",
                  "step on the batch-mean statistics: ΔW = η(⟨vhᵀ⟩_data − ⟨vhᵀ⟩_model) (as scikit-learn)", 0.05, 1e-6,
                  10, true),
        realParam("momentum", "Momentum",
                  "fraction of the previous update added to the next; the first 5 epochs use at most 0.5 "
                  "(Hinton's practical guide §9)",
                  0.9, 0, 0.99),
        realParam("weight-decay", "Weight decay λ",
                  "L2 penalty on W: every update also subtracts η·λ·W (Hinton's practical guide §10)", 1e-4, 0, 1,
                  true),
        intParam("batch", "Mini-batch size", "samples per update (lecture 001:540; Hinton's practical guide §4)", 64,
                 1, 4096),
        choiceParam("statistics", "Statistics",
                    "probabilities: ⟨v p(h|v)ᵀ⟩ (lecture 000:1302, 004:1011, scikit-learn); samples: ⟨v hᵀ⟩ with "
                    "binary h (lecture 001:533, 002:91, 004:936)",
                    {"probabilities", "samples"}, "probabilities"),
        choiceParam("binarize", "Binarise input",
                    "none: grey levels act as probabilities (scikit-learn); threshold: > 0.5 is 1; sample: draw "
                    "0/1 from the grey level each time a batch is used",
                    {"none", "threshold", "sample"}, "none"),
        intParam("epochs", "Epochs", "passes over the training rows; the run stops after them", 10, 1, 1000000),
        realParam("init-std", "Initial weight std", "W starts as N(0, σ²) draws (Hinton's practical guide §8: 0.01)",
                  0.01, 0, 1),
        realParam("held-out", "Held-out fraction",
                  "fraction of the samples (at most 5000) kept out of training, to compare their free energy "
                  "with the training rows' (overfitting, Hinton's practical guide §6)",
                  1.0 / 12, 0, 0.5),
        choiceParam("visible-bias", "Visible bias init",
                    "log-odds: a_i = log(p_i/(1 − p_i)) of the training data's mean (Hinton's practical guide "
                    "§8); zero: as scikit-learn",
                    {"log-odds", "zero"}, "log-odds"),
    };
}

rbm::WorkTeam& Rbm::team() {
    if (!m_team) m_team = std::make_unique<rbm::WorkTeam>(m_threads);
    return *m_team;
}

int Rbm::stepsPerIteration() const {
    if (!m_split) return 1;
    const int64_t n = m_split->train.rows();
    return static_cast<int>(std::max<int64_t>(1, (n + m_settings.batch - 1) / m_settings.batch));
}

void Rbm::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void Rbm::reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed) {
    // Read and check everything first: on a throw the model keeps its previous state.
    RbmSettings s;
    s.hidden = static_cast<int>(params.getInt("hidden"));
    s.k = static_cast<int>(params.getInt("cd-k"));
    s.persistent = params.getBool("persistent");
    s.learningRate = params.getReal("learning-rate");
    s.momentum = params.getReal("momentum");
    s.weightDecay = params.getReal("weight-decay");
    s.batch = static_cast<int>(params.getInt("batch"));
    s.statistics = parseStatistics(params.getChoice("statistics"));
    s.binarize = parseBinarize(params.getChoice("binarize"));
    s.epochs = params.getInt("epochs");
    s.initStd = params.getReal("init-std");
    s.heldOut = params.getReal("held-out");
    s.logOddsVisibleBias = params.getChoice("visible-bias") == "log-odds";
    if (!data || data->n() < 1 || data->d() < 1)
        throw std::invalid_argument("RBM: the data set is empty (it needs at least one sample and one feature)");
    checkUnitRange(*data);

    m_data = std::move(data);
    m_settings = s;
    m_seed = seed;
    buildSplit();
    const int V = m_data->d(), H = s.hidden;
    const rbm::RowMatrix& train = m_split->train;

    auto theta = std::make_shared<RbmWeights>(RbmWeights::zero(V, H));
    Rng rng(seed);
    for (int j = 0; j < H; ++j)
        for (int i = 0; i < V; ++i) theta->W(i, j) = static_cast<float>(s.initStd * rng.normal());
    if (s.logOddsVisibleBias) {
        const Eigen::VectorXd mean = train.cast<double>().colwise().mean().transpose();
        for (int i = 0; i < V; ++i) {
            const double p = std::clamp(mean(i), 0.001, 0.999);
            theta->a(i) = static_cast<float>(std::log(p / (1 - p)));
        }
    }
    m_theta = std::move(theta);
    m_velocity = std::make_shared<RbmWeights>(RbmWeights::zero(V, H));
    m_buffers.invalidate(); // W replaced: the packed copy is stale
    m_chains.reset();
    if (s.persistent) {
        const int C = std::min<int>(s.batch, static_cast<int>(train.rows()));
        auto chains = std::make_shared<rbm::RowMatrix>(train.topRows(C));
        rbm::sampleBernoulli(chains->data(), chains->data(), static_cast<int>(chains->size()),
                             rbm::streamKey(seed, 0, kChainInit), 0);
        m_chains = std::move(chains);
    }
    m_order.reset();
    m_batchErrors.clear();
    m_histogram.fill(0);
    m_monitors = {};
    m_epoch = 0;
    m_batchInEpoch = 0;
    m_stepCount = 0;
    m_momentum = 0;
    m_lastError = kNaN;
    m_epochSeconds = 0;
    m_diverged = false;
    m_events = {{ModelEvent::Kind::Info, "RBM " + std::to_string(V) + " × " + std::to_string(H) + ": " +
                                             std::to_string(train.rows()) + " training and " +
                                             std::to_string(m_split->heldOut.rows()) + " held-out samples, " +
                                             std::to_string(stepsPerIteration()) + " mini-batches per epoch"}};
}

void Rbm::buildSplit() {
    const Dataset& d = *m_data;
    const int n = d.n();
    int held = std::min(kRbmMaxHeldOut, static_cast<int>(std::floor(m_settings.heldOut * n)));
    held = std::clamp(held, 0, n - 1);
    Rng splitRng(kSplitSeed);
    const std::vector<int> perm = permutation(n, splitRng);
    auto split = std::make_shared<RbmData>();
    split->heldOutRows.assign(perm.begin(), perm.begin() + held);
    std::sort(split->heldOutRows.begin(), split->heldOutRows.end());
    std::vector<int> train(perm.begin() + held, perm.end());
    std::sort(train.begin(), train.end()); // independent of the split's order, then shuffled by the run's seed
    Rng orderRng(rbm::streamKey(m_seed, 0, kTrainOrder));
    const std::vector<int> order = permutation(static_cast<int>(train.size()), orderRng);
    split->trainRows.resize(train.size());
    for (size_t i = 0; i < train.size(); ++i) split->trainRows[i] = train[static_cast<size_t>(order[i])];
    const rbm::RowMatrix rows = d.X; // one row-major copy, then whole rows are gathered
    const bool threshold = m_settings.binarize == RbmBinarize::Threshold;
    split->train = gatherRows(rows, split->trainRows, threshold);
    split->heldOut = gatherRows(rows, split->heldOutRows, threshold);
    m_split = std::move(split);
}

bool Rbm::finished() const { return m_diverged || m_epoch >= m_settings.epochs; }

void Rbm::startEpoch() {
    Rng rng(rbm::streamKey(m_seed, static_cast<uint64_t>(m_epoch), kBatchOrder));
    m_order = std::make_shared<const std::vector<int>>(permutation(stepsPerIteration(), rng));
    m_batchErrors.push_back(std::make_shared<std::vector<float>>());
    m_epochSeconds = 0;
}

void Rbm::step() {
    if (!m_data || finished()) return;
    m_events.clear();
    if (m_batchInEpoch == 0 || !m_order) startEpoch();
    const RbmSettings& s = m_settings;
    const rbm::RowMatrix& train = m_split->train;
    const int V = static_cast<int>(train.cols());
    const int b = (*m_order)[static_cast<size_t>(m_batchInEpoch)];
    const int r0 = b * s.batch;
    const int B = std::min<int>(s.batch, static_cast<int>(train.rows()) - r0);
    const float* batch = train.data() + static_cast<size_t>(r0) * V;
    if (s.binarize == RbmBinarize::Sample) {
        m_batch.resize(static_cast<size_t>(B) * V);
        rbm::sampleBernoulli(batch, m_batch.data(), B * V,
                             rbm::streamKey(m_seed, static_cast<uint64_t>(m_stepCount), kDataSample), 0);
        batch = m_batch.data();
    }
    m_momentum = m_epoch < kRbmInitialMomentumEpochs ? std::min(0.5, s.momentum) : s.momentum;
    rbm::CdSettings cs;
    cs.k = s.k;
    cs.statistics = s.statistics;
    cs.learningRate = s.learningRate;
    cs.momentum = m_momentum;
    cs.weightDecay = s.weightDecay;

    const auto t0 = std::chrono::steady_clock::now();
    RbmWeights& theta = writable(m_theta);
    RbmWeights& velocity = writable(m_velocity);
    rbm::RowMatrix* chains = s.persistent ? &writable(m_chains) : nullptr;
    const rbm::CdResult res = rbm::cdUpdate(theta, velocity, batch, B, chains, cs,
                                            rbm::streamKey(m_seed, static_cast<uint64_t>(m_stepCount), kUpdate),
                                            m_buffers, team());
    m_epochSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++m_stepCount;
    if (!res.finite) {
        m_diverged = true;
        m_events.push_back({ModelEvent::Kind::Diverged,
                            "RBM diverged: the update of mini-batch " + std::to_string(m_batchInEpoch + 1) +
                                " would make the weights infinite or NaN (learning rate " + num(s.learningRate) +
                                " too large?); the last good weights are kept"});
        return;
    }
    m_lastError = res.reconstructionError;
    m_histogram = res.histogram;
    writable(m_batchErrors.back()).push_back(static_cast<float>(res.reconstructionError));
    if (++m_batchInEpoch == stepsPerIteration()) endEpoch();
}

void Rbm::endEpoch() {
    const std::vector<float>& errors = *m_batchErrors.back();
    const double recon = std::accumulate(errors.begin(), errors.end(), 0.0) / std::max<size_t>(1, errors.size());
    RbmMonitors& mon = m_monitors;
    mon.reconstructionError.push_back(recon);
    mon.seconds.push_back(m_epochSeconds);
    const RbmWeights& theta = *m_theta;
    const int V = theta.visible(), H = theta.hidden();
    double pll = kNaN, feTrain = kNaN, feHeld = kNaN;
    if (m_monitorsOn) {
        const rbm::RowMatrix& train = m_split->train;
        const rbm::RowMatrix& held = m_split->heldOut;
        const rbm::MonitorSums t = rbm::monitor(theta, train.data(), static_cast<int>(train.rows()), true,
                                                rbm::streamKey(m_seed, static_cast<uint64_t>(m_epoch), kPllFlips),
                                                team());
        pll = t.pseudoLogLikelihood / static_cast<double>(t.rows);
        feTrain = t.freeEnergy / static_cast<double>(t.rows);
        if (held.rows() > 0)
            feHeld = rbm::monitor(theta, held.data(), static_cast<int>(held.rows()), false, 0, team()).freeEnergy /
                     static_cast<double>(held.rows());
        const Matrix rows = rbm::exactAvailable(V, H) ? Matrix(train) : Matrix(); // column-major
        if (rbm::exactAvailable(V, H)) {
            const double logZ = rbm::logPartitionFunction(theta);
            mon.logPartition.push_back(logZ);
            mon.exactLogLikelihood.push_back(rbm::exactLogProbability(theta, rows, logZ).mean());
            mon.exactHeldOutLogLikelihood.push_back(
                held.rows() > 0 ? rbm::exactLogProbability(theta, Matrix(held), logZ).mean() : kNaN);
        }
        if (rbm::tinyModel(V, H)) {
            const int chains = std::max(16, kCdStudyChains / static_cast<int>(train.rows()));
            const std::vector<int> ks(kRbmCdStudyKs.begin(), kRbmCdStudyKs.end());
            const std::vector<double> e = rbm::cdGradientErrors(
                theta, rows, ks, chains, rbm::streamKey(m_seed, static_cast<uint64_t>(m_epoch), kCdStudy));
            mon.cdGradientError.push_back({e[0], e[1], e[2], e[3]});
        }
    }
    mon.pseudoLogLikelihood.push_back(pll);
    mon.freeEnergyTrain.push_back(feTrain);
    mon.freeEnergyHeldOut.push_back(feHeld);
    ++m_epoch;
    m_batchInEpoch = 0;
    std::string msg = "epoch " + std::to_string(m_epoch) + ": reconstruction error " + num(recon);
    if (m_monitorsOn) msg += ", pseudo-log-likelihood " + num(pll) + " per sample";
    m_events.push_back({ModelEvent::Kind::Info, msg});
}

SnapshotPtr Rbm::snapshot() const {
    auto s = std::make_shared<RbmSnapshot>();
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_epoch;
    const bool started = m_stepCount > 0;
    s->phase = !started ? "init" : m_settings.persistent ? "pcd-update" : "cd-update";
    if (!started) {
        s->phaseLabel = "initialise W ~ N(0, " + num(m_settings.initStd) + "²)";
    } else {
        const int64_t nb = stepsPerIteration();
        const int64_t done = m_batchInEpoch == 0 ? nb : m_batchInEpoch;
        const int64_t epoch = m_batchInEpoch == 0 ? m_epoch : m_epoch + 1;
        s->phaseLabel = std::string(m_settings.persistent ? "PCD-" : "CD-") + std::to_string(m_settings.k) +
                        " update on mini-batch " + std::to_string(done) + " of " + std::to_string(nb) + ", epoch " +
                        std::to_string(epoch);
    }
    s->converged = false;
    s->finished = finished();
    s->data = m_data;
    s->objective = m_lastError;
    s->events = m_events;
    s->weights = m_theta;
    s->velocity = m_velocity;
    s->chains = m_chains;
    s->split = m_split;
    s->batchOrder = m_order;
    if (m_data) s->imageShape = m_data->imageShape;
    s->settings = m_settings;
    s->epoch = m_epoch;
    s->batchInEpoch = m_batchInEpoch;
    s->batchesPerEpoch = stepsPerIteration();
    s->momentum = m_momentum;
    s->batchReconstructionError = m_lastError;
    s->batchErrors.assign(m_batchErrors.begin(), m_batchErrors.end());
    s->hiddenHistogram = m_histogram;
    s->monitors = m_monitors;
    s->diverged = m_diverged;
    s->monitorsEnabled = m_monitorsOn;
    s->seed = m_seed;
    return s;
}

bool Rbm::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const RbmSnapshot*>(&snap);
    if (!s || !s->weights || !s->velocity || !s->split || !s->data || !m_theta) return false;
    if (s->weights->visible() != m_theta->visible() || s->weights->hidden() != m_theta->hidden()) return false;
    // The snapshot's buffers are shared, never written: writable() copies them before a change.
    m_data = s->data;
    m_settings = s->settings;
    m_seed = s->seed;
    m_split = s->split;
    m_theta = std::const_pointer_cast<RbmWeights>(s->weights);
    m_velocity = std::const_pointer_cast<RbmWeights>(s->velocity);
    m_buffers.invalidate(); // W replaced: the packed copy is stale
    m_chains = std::const_pointer_cast<rbm::RowMatrix>(s->chains);
    m_order = s->batchOrder;
    m_batchErrors.clear();
    for (const auto& e : s->batchErrors) m_batchErrors.push_back(std::const_pointer_cast<std::vector<float>>(e));
    m_histogram = s->hiddenHistogram;
    m_monitors = s->monitors;
    m_epoch = s->epoch;
    m_batchInEpoch = s->batchInEpoch;
    m_stepCount = s->stepCount;
    m_momentum = s->momentum;
    m_lastError = s->batchReconstructionError;
    m_epochSeconds = 0;
    m_diverged = s->diverged;
    m_monitorsOn = s->monitorsEnabled;
    m_events.clear();
    return true;
}

void Rbm::replaceData(const Dataset& data) {
    if (!m_theta || data.d() != m_theta->visible())
        throw std::invalid_argument("RBM: the new data has " + std::to_string(data.d()) + " features, the model " +
                                    std::to_string(m_theta ? m_theta->visible() : 0) + " visible units");
    if (data.n() < 1) throw std::invalid_argument("RBM: the new data set is empty");
    checkUnitRange(data);
    m_data = std::make_shared<const Dataset>(data);
    buildSplit();
    m_batchInEpoch = 0; // a fresh epoch over the new rows
    m_order.reset();
    m_events = {{ModelEvent::Kind::Info, "data replaced: " + std::to_string(data.n()) + " samples"}};
}

void Rbm::setWeights(const RbmWeights& weights) {
    if (!m_theta || m_stepCount != 0)
        throw std::logic_error("RBM: weights can only be set after reset() and before the first step");
    if (weights.visible() != m_theta->visible() || weights.hidden() != m_theta->hidden() ||
        weights.a.size() != weights.visible() || weights.b.size() != weights.hidden())
        throw std::invalid_argument("RBM: the weights are " + std::to_string(weights.visible()) + " × " +
                                    std::to_string(weights.hidden()) + ", the model " +
                                    std::to_string(m_theta->visible()) + " × " + std::to_string(m_theta->hidden()));
    if (!weights.allFinite()) throw std::invalid_argument("RBM: the weights have NaN or infinite values");
    m_theta = std::make_shared<RbmWeights>(weights);
    m_velocity = std::make_shared<RbmWeights>(RbmWeights::zero(weights.visible(), weights.hidden()));
    m_buffers.invalidate(); // W replaced: the packed copy is stale
    m_events = {{ModelEvent::Kind::Info, "training starts from the given weights, not random ones"}};
}

} // namespace latentlab::core
