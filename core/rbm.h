#pragma once
// Bernoulli–Bernoulli restricted Boltzmann machine trained by CD-k or persistent CD, as a
// step-wise model: one step = one mini-batch update, one iteration = one epoch.
//
// Sources: lectures 000:1120-1312, 001:303-552, 002, 004:826-1106 (LECTURES.md "RBM"); Hinton
// 2002 (contrastive divergence); Tieleman 2008 (persistent CD); Hinton 2010, "A practical guide
// to training restricted Boltzmann machines", UTML TR 2010-003 (momentum, weight decay, batch
// size, initialisation, monitoring); scikit-learn 1.2 BernoulliRBM (pseudo-log-likelihood).
// The maths is in core/rbm_math.h, the batched kernels in core/rbm_kernels.h, the exact
// computations for small models in core/rbm_exact.h, model files in core/rbm_io.h.
#include "core/model.h"
#include "core/rbm_exact.h"
#include "core/rbm_kernels.h"
#include "core/rbm_math.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace latentlab::core {

/// How the grey levels in [0, 1] become visible states: kept as probabilities (None, as
/// scikit-learn does), thresholded at 0.5 once (Threshold), or sampled afresh every time a
/// mini-batch is used (Sample; Hinton's guide §3.1 and the lectures' binary units).
enum class RbmBinarize { None, Threshold, Sample };

/// The hyperparameters, as read from Params by Rbm::reset (specs() documents each).
struct RbmSettings {
    int hidden = 64;
    int k = 1;
    bool persistent = false;
    rbm::Statistics statistics = rbm::Statistics::Probabilities;
    double learningRate = 0.05;
    double momentum = 0.9;
    double weightDecay = 1e-4;
    int batch = 64;
    RbmBinarize binarize = RbmBinarize::None;
    int64_t epochs = 10;
    double initStd = 0.01;
    double heldOut = 1.0 / 12;
    bool logOddsVisibleBias = true;
};

/// Epochs at the start that use min(0.5, momentum) (Hinton's guide §9: 0.5 while the
/// reconstruction error falls fast, then 0.9; his Science 2006 code switches after epoch 5).
inline constexpr int64_t kRbmInitialMomentumEpochs = 5;
/// At most this many samples are held out, whatever held-out says.
inline constexpr int kRbmMaxHeldOut = 5000;

/// The data as the RBM trains on it: the held-out rows and the training rows, each a row-major
/// copy (thresholded when binarize = threshold). The training rows are in a seeded random order,
/// and mini-batch b is rows [b·batch, (b+1)·batch) of it (Hinton's guide §4: fixed, mixed
/// mini-batches); each epoch visits the batches in a fresh seeded order.
struct RbmData {
    rbm::RowMatrix train;           ///< N_train × V
    rbm::RowMatrix heldOut;         ///< N_held × V
    std::vector<int> trainRows;     ///< N_train indices into the Dataset
    std::vector<int> heldOutRows;   ///< N_held indices into the Dataset
};

/// The per-epoch monitors; entry e is measured after epoch e + 1.
struct RbmMonitors {
    /// Mean of the epoch's batch reconstruction errors (each: (1/(B·V)) Σ (v − p(v|h))², h ~
    /// p(h|v), with the weights before that batch's update — as Hinton's code reports it).
    std::vector<double> reconstructionError;
    /// Mean over the training rows of scikit-learn's pseudo-log-likelihood (nats per sample,
    /// one seeded random bit flipped per row; pseudoLogLikelihood() in core/rbm_math.h).
    std::vector<double> pseudoLogLikelihood;
    std::vector<double> freeEnergyTrain;   ///< mean F(v) over the training rows (nats)
    std::vector<double> freeEnergyHeldOut; ///< mean F(v) over the held-out rows (NaN if none)
    /// Exact mode only (rbm::exactAvailable): mean log p(v) over the training / held-out rows and
    /// log Z, in nats; empty otherwise.
    std::vector<double> exactLogLikelihood, exactHeldOutLogLikelihood, logPartition;
    /// Tiny models only (V + H ≤ 20): ‖E[CD-k gradient] − exact gradient‖ / ‖exact gradient‖ for
    /// k = kRbmCdStudyKs, per epoch (rbm::cdGradientErrors on the training rows).
    std::vector<std::array<double, 4>> cdGradientError;
    std::vector<double> seconds; ///< wall-clock seconds of each epoch's updates (not monitors)
};
inline constexpr std::array<int, 4> kRbmCdStudyKs = {1, 2, 5, 10};

/// Everything a view needs after one mini-batch, and everything restore() needs. The large
/// parts are shared immutable buffers: a snapshot costs little, and the model copies a buffer
/// only when it is about to change one that a snapshot still holds.
struct RbmSnapshot : Snapshot {
    std::shared_ptr<const RbmWeights> weights;  ///< W (V × H), a (V), b (H)
    std::shared_ptr<const RbmWeights> velocity; ///< momentum buffers, shaped like weights
    /// PCD only: the persistent chains' current binary visible states (batch × V, one row per
    /// chain; views show the first few); null for CD.
    std::shared_ptr<const rbm::RowMatrix> chains;
    std::shared_ptr<const RbmData> split;               ///< the training / held-out rows
    std::shared_ptr<const std::vector<int>> batchOrder; ///< the current epoch's batch order
    std::optional<ImageShape> imageShape;               ///< from the data set
    RbmSettings settings;
    int64_t epoch = 0;           ///< completed epochs (= iteration)
    int64_t batchInEpoch = 0;    ///< batches done in the current epoch
    int64_t batchesPerEpoch = 0;
    double momentum = 0;         ///< of the last update
    double batchReconstructionError = 0; ///< of the last batch (NaN before the first)
    /// Per-batch reconstruction errors, one vector per epoch begun (the last one growing).
    std::vector<std::shared_ptr<const std::vector<float>>> batchErrors;
    /// Histogram of p(h_j = 1 | v) over the last batch: kHistogramBins equal bins of [0, 1].
    std::array<int64_t, rbm::kHistogramBins> hiddenHistogram{};
    RbmMonitors monitors;
    bool diverged = false;
    bool monitorsEnabled = true;
    uint64_t seed = 0;
    size_t byteSize() const override;
};

/// Bernoulli–Bernoulli RBM (float32), trained one mini-batch per step.
///
/// Parameters (specs()): hidden [1, 4096] (64); cd-k [1, 1000] (1); persistent (false; PCD,
/// Tieleman 2008, with batch chains started at the first training rows); learning-rate
/// (0, 10] (0.05, per mean statistic as scikit-learn); momentum [0, 0.99] (0.9: the first
/// kRbmInitialMomentumEpochs epochs use min(0.5, momentum)); weight-decay [0, 1] (1e-4, L2 on W:
/// the update subtracts η·λ·W, Hinton's guide §10); batch [1, 4096] (64); statistics
/// {probabilities, samples}; binarize {none, threshold, sample}; epochs [1, 10⁶] (10); init-std
/// [0, 1] (0.01, W ~ N(0, init-std²)); held-out [0, 0.5] (1/12 of the samples, at most 5000, are
/// held out from training for the held-out free energy); visible-bias {log-odds, zero}: a_i =
/// log(p_i / (1 − p_i)) with p_i the mean of unit i over the training rows clipped to
/// [0.001, 0.999] (Hinton's guide §8), or 0 (scikit-learn).
///
/// Data: N × V values in [0, 1] (grey levels or bits); anything else is refused with a
/// ParamError that names the sample and feature — the RBM does not rescale, the caller must
/// (e.g. the 8×8 digits, 0..16: divide by 16; `latentlab run rbm --rescale`).
///
/// Randomness: W is drawn from core::Rng(seed); everything in the updates (hidden and visible
/// samples, sampled binarisation) from the counter-based streams of rbm::streamKey(seed, step,
/// …), so a run is bit-identical for any thread count, and restore() + step() replays it. The
/// held-out split uses a fixed seed (the same rows whatever the run's seed).
///
/// Divergence: an update that would make a parameter non-finite is not applied; a Diverged event
/// stops the run with the last good parameters.
class Rbm final : public Model {
public:
    Rbm() = default;

    std::string name() const override { return "rbm"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();
    /// Mini-batches per epoch (1 before reset()).
    int stepsPerIteration() const override;

    /// Throws ParamError for a bad parameter value or data outside [0, 1] / not finite, and
    /// std::invalid_argument for an empty data set. On throw the model is unchanged.
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    void step() override;
    bool converged() const override { return false; } // no stopping rule but epochs
    bool finished() const override;
    SnapshotPtr snapshot() const override;
    /// Returns false for another model's snapshot or one with other V or H.
    bool restore(const Snapshot& snap) override;
    /// Keeps the parameters, velocity and chains; rebuilds the split and starts a new epoch.
    /// Throws std::invalid_argument for another V, ParamError for values outside [0, 1].
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    /// Starts from given parameters (a loaded model file) instead of the random ones; velocity
    /// zero. Only after reset() and before the first step (std::logic_error); throws
    /// std::invalid_argument for other shapes or non-finite values.
    void setWeights(const RbmWeights& weights);
    /// Threads for the kernels; 0 = all cores. Results do not depend on it.
    void setThreads(int threads) {
        if (threads != m_threads) m_team.reset();
        m_threads = threads;
    }
    /// Turns the end-of-epoch monitors (free energies, pseudo-log-likelihood, exact mode) off
    /// (for timing the updates alone) or on. Reconstruction errors are always recorded.
    void setMonitors(bool on) { m_monitorsOn = on; }

    const RbmWeights& weights() const { return *m_theta; }
    const RbmSettings& settings() const { return m_settings; }
    const RbmMonitors& monitors() const { return m_monitors; }
    const RbmData& split() const { return *m_split; }
    int64_t epoch() const { return m_epoch; }
    /// Reconstruction error of the last mini-batch (NaN before the first).
    double batchReconstructionError() const { return m_lastError; }
    int64_t batchInEpoch() const { return m_batchInEpoch; }

private:
    void buildSplit();
    void startEpoch();
    void endEpoch();
    template <typename T> static T& writable(std::shared_ptr<T>& p);

    std::shared_ptr<const Dataset> m_data;
    RbmSettings m_settings;
    uint64_t m_seed = 0;
    int m_threads = 0;
    bool m_monitorsOn = true;

    std::shared_ptr<const RbmData> m_split;
    std::shared_ptr<RbmWeights> m_theta;
    std::shared_ptr<RbmWeights> m_velocity;
    std::shared_ptr<rbm::RowMatrix> m_chains;
    std::shared_ptr<const std::vector<int>> m_order;
    std::vector<std::shared_ptr<std::vector<float>>> m_batchErrors;
    std::array<int64_t, rbm::kHistogramBins> m_histogram{};
    RbmMonitors m_monitors;
    rbm::CdBuffers m_buffers;
    std::unique_ptr<rbm::WorkTeam> m_team; ///< made on first use with m_threads threads
    rbm::WorkTeam& team();
    std::vector<float> m_batch; ///< the sampled mini-batch when binarize = sample
    int64_t m_epoch = 0;
    int64_t m_batchInEpoch = 0;
    int64_t m_stepCount = 0;
    double m_momentum = 0;
    double m_lastError = 0;
    double m_epochSeconds = 0;
    bool m_diverged = false;
    std::vector<ModelEvent> m_events;
};

} // namespace latentlab::core
