#pragma once
// Denoising diffusion probabilistic model (Ho et al. 2020; lecture 003:5897-6375): an
// ε-prediction network ε_θ(x_t, t) — an MLP on the neural-network core with a sinusoidal time
// embedding (003:6335-6342) — trained by Algorithm 1 (003:6346) and sampled by Algorithm 2
// (003:6362) or DDIM (Song et al. 2021, beyond the lecture). The schedule arithmetic is
// core/ddpm_schedule.h.
//
// A step is one training mini-batch while training, then one reverse step t → t − 1 (or one
// DDIM jump) of the sampling chain; the run is finished when the chain reaches x_0.
#include "core/ddpm_infer.h"
#include "core/ddpm_schedule.h"
#include "core/model.h"
#include "core/nn_layers.h"
#include "core/nn_optim.h"
#include "core/rbm_team.h"
#include "core/rng.h"

#include <memory>
#include <vector>

namespace latentlab::core {

enum class DdpmLoss { Simple, Weighted };  ///< λ_t = 1 (Algorithm 1) or Ho et al. eq. 12's λ_t
enum class DdpmSampler { Ddpm, Ddim };

struct DdpmSettings {
    BetaSchedule schedule = BetaSchedule::Linear;
    int T = 200;
    double constantBeta = 0.01;
    int layers = 3, width = 128;    ///< hidden layers of ε_θ and their width
    int timeEmbedding = 32;         ///< even, ≥ 2: sin and cos of t at timeEmbedding/2 frequencies
    nn::Activation activation = nn::Activation::SiLU;
    double learningRate = 1e-3;
    int batch = 256;
    int64_t trainSteps = 3000;
    double emaDecay = 0.995;        ///< θ_EMA ← d·θ_EMA + (1 − d)·θ after every update; 0 = off
    DdpmLoss loss = DdpmLoss::Simple;
    DdpmSampler sampler = DdpmSampler::Ddpm;
    ReverseVariance variance = ReverseVariance::PosteriorVariance;
    int ddimSteps = 50;
    double ddimEta = 0.0;
    int samplePoints = 2000;        ///< points of the reverse chain
    int trailPoints = 64;           ///< of which the first ones keep their whole path
};

/// Model units: x_model = (x − shift) · scale with per-feature shift and one scale for all
/// features (so 2-D shapes keep their aspect): the data's mean and 1/std for points, and
/// [0, max] → [−1, 1] for images.
struct DdpmScaling {
    Eigen::RowVectorXf shift;
    float scale = 1;
    bool image = false; ///< samples are clipped to [0, max] when mapped back
    float imageMax = 1;
    Matrix toModel(const Matrix& x) const;
    Matrix toData(const Matrix& x) const;
};

struct DdpmModelFile; // core/ddpm_io.h

struct DdpmSnapshot : Snapshot {
    DdpmSettings settings;
    std::shared_ptr<const DdpmSchedule> schedule;
    std::shared_ptr<const nn::Mlp<float>> network;     ///< the weights being trained
    std::shared_ptr<const nn::Mlp<float>> emaNetwork;  ///< the weights sampling uses
    DdpmScaling scaling;
    /// Training loss per step (mean over the batch of ‖ε − ε_θ‖²/d, the simple loss even when
    /// training with λ_t), and the loss per t-bucket (10 equal buckets of t, running means).
    std::shared_ptr<const std::vector<float>> loss;
    std::vector<double> bucketLoss;
    /// true: bucketLoss is not a training mean but the installed model's EMA network evaluated
    /// on the data (Ddpm::installTrained); `loss` is then empty although trainStep > 0.
    bool bucketLossEvaluated = false;
    int64_t trainStep = 0;
    bool sampling = false;
    int t = 0;                      ///< the chain's current timestep (T … 0) while sampling
    Matrix points;                  ///< the chain's points x_t in data units (samplePoints × d)
    /// Paths of the first trailPoints points: entry k is the chain after k reverse steps
    /// (trailPoints × d in data units), from x_T on.
    std::shared_ptr<const std::vector<Matrix>> trails;
    std::vector<int> trailTimesteps; ///< t of each trails entry
    /// The chain at a few fixed positions (chainFrameIndices(): x_T, 7 evenly spaced states, x_0)
    /// as far as it got, in data units: all rows for d ≤ 3, else the first kFrameRows (images).
    std::shared_ptr<const std::vector<Matrix>> frames;
    std::vector<int> frameTimesteps; ///< t of each frames entry
    /// While training: samples of the EMA network drawn on the side every previewEvery() steps
    /// (data units; kPreviewPoints points for d ≤ 3, kPreviewImages rows else), and the
    /// training step they were drawn at; null before the first.
    std::shared_ptr<const Matrix> preview;
    int64_t previewStep = 0;
    // For restore(): optimiser moments, RNG and the chain in model units.
    std::shared_ptr<const std::vector<std::vector<float>>> moments1, moments2;
    int64_t optimizerSteps = 0;
    Matrix chainModel;
    int chainIndex = 0;
    Rng::State rng{};
    bool diverged = false;
    size_t byteSize() const override;
};

/// DDPM on N × d data. Parameters: see specs(). Randomness (weights, batches, t, ε, the chain's
/// x_T and z) from one core::Rng(seed): a run is bit-identical for a seed and any thread count.
/// Divergence (a non-finite loss or gradient) stops training with the last good network.
class Ddpm final : public Model {
public:
    std::string name() const override { return "ddpm"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();

    /// Throws ParamError for bad parameters, std::invalid_argument for empty or non-finite data.
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    void step() override;
    static constexpr int kFrames = 9;          ///< states of the chain kept for the strip
    static constexpr int kFrameRows = 64;      ///< rows of a frame for d > 3
    static constexpr int kPreviewPoints = 300; ///< preview samples for d ≤ 3
    static constexpr int kPreviewImages = 32;  ///< preview samples for d > 3

    bool converged() const override { return false; }
    bool finished() const override;
    SnapshotPtr snapshot() const override;
    bool restore(const Snapshot& snap) override;
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    /// Takes the trained networks, scaling and step count of a model file (core/ddpm_io.h) and
    /// starts the reverse chain from fresh x_T: training counts as done (settings().trainSteps
    /// becomes the file's count; the loss history starts empty; Adam starts afresh if trainStep()
    /// is called to go on training; the loss by t-bucket is that of the file's EMA network,
    /// evaluated on the data, until training resumes). Call after reset() with file.ddpmParams() on data of the
    /// file's dimension. Throws std::invalid_argument, saying what differs, when the model was
    /// not reset, or the dimension, the networks' shapes or the noise schedule (schedule, T, and β for
    /// the constant schedule) differ from the file's; the sampler, DDIM steps and η may differ. Defined in ddpm_io.cpp.
    void installTrained(const DdpmModelFile& file);
    /// One training mini-batch (Algorithm 1). Returns the batch's simple loss.
    double trainStep();
    /// Starts (or restarts) the reverse chain from fresh x_T ~ N(0, I): n points.
    void startSampling(int n);
    /// One reverse step of the chain (Algorithm 2 or a DDIM jump); false once at x_0.
    bool reverseStep();
    /// ε_θ(x, t) of the EMA network for x (N × d, model units) at timestep t ∈ [1, T].
    Matrix predictNoise(const Matrix& x, int t) const;
    /// Draws n samples by running a whole chain on the side (the model's chain is untouched).
    Matrix sample(int n, Rng& rng) const;
    /// ε_θ(x, t) of `net` (an ε-network of a run with `embeddingWidth` time features) for x (N × d,
    /// model units) at timestep t ≥ 1; for views that hold a snapshot's network. Throws
    /// std::invalid_argument when the network's input is not d + embeddingWidth wide.
    static Matrix predictNoise(const nn::Mlp<float>& net, int embeddingWidth, const Matrix& x, int t);
    /// Positions in the chain (0 = x_T … chainLength − 1 = x_0) kept as frames: kFrames evenly
    /// spaced ones (all positions when the chain is shorter).
    static std::vector<int> chainFrameIndices(int chainLength);
    /// Training steps between two preview samplings: the preview costs about a fifth of the
    /// training time (a chain of kPreviewPoints points against 3 · batch row-passes per step).
    int previewEvery() const;
    /// Previews on (the default, for the GUI) or off (command line and benchmarks).
    void setPreview(bool on) { m_previewOn = on; }

    void setThreads(int threads) {
        if (threads != m_threads) m_team.reset();
        m_threads = threads;
    }
    const DdpmSettings& settings() const { return m_settings; }
    const DdpmSchedule& schedule() const { return *m_schedule; }
    const DdpmScaling& scaling() const { return m_scaling; }
    const std::vector<float>& lossHistory() const { return *m_loss; }
    int64_t trainSteps() const { return m_trainStep; }
    bool sampling() const { return m_sampling; }
    bool diverged() const { return m_diverged; }
    int currentTimestep() const;

    /// The sinusoidal embedding of timestep t (003:6335-6342; Vaswani et al. 2017 §3.5):
    /// e_{2i} = sin(t ω_i), e_{2i+1} = cos(t ω_i), ω_i = 10000^{−i/(E/2)}, i < E/2. E even.
    static void timeEmbedding(int t, int E, float* out);

private:
    /// The chain's timesteps: T, T − 1, …, 1 (DDPM) or τ_S, …, τ_1 (DDIM), then 0.
    std::vector<int> chainTimesteps() const;
    nn::Mat<float> networkInput(const Matrix& x, const std::vector<int>& t) const;
    void chainStep(const nn::Mlp<float>& net, Matrix& x, int t, int tPrev, Rng& rng) const;
    /// ε_θ(x, t) for one t for all rows: the first layer's time part emb(t) W_e + b is formed
    /// once, then Z₁ = x W_x + that row; the rest through the workspace (no allocation).
    void predictOneT(const nn::Mlp<float>& net, const Eigen::Ref<const Matrix>& x, int t, nn::Mlp<float>::Workspace& ws,
                     nn::Mat<float>& z1, Eigen::Ref<Matrix> out) const;
    rbm::WorkTeam& team();
    void recordFrame();
    void drawPreview();

    std::shared_ptr<const Dataset> m_data;
    Matrix m_X; ///< data in model units
    DdpmScaling m_scaling;
    DdpmSettings m_settings;
    std::shared_ptr<const DdpmSchedule> m_schedule;
    std::vector<float> m_lossWeights; ///< λ_t normalised to mean 1 (Weighted), index t − 1
    nn::Mat<float> m_embedding;       ///< T × E: row t − 1 is timeEmbedding(t)
    mutable std::vector<nn::Mlp<float>::Workspace> m_chainWs; ///< one per chunk of the chain
    mutable std::vector<nn::Mat<float>> m_chainZ1;
    mutable FusedMlp m_chainNet; ///< the packed network of the chain (AVX2/FMA builds)
    uint64_t m_seed = 0;
    Rng m_rng;
    nn::Mlp<float> m_net, m_ema;
    nn::Adam<float> m_adam;
    std::shared_ptr<std::vector<float>> m_loss;
    std::vector<double> m_bucketSum, m_bucketCount;
    bool m_bucketEvaluated = false; ///< the buckets hold evaluateBucketLoss(), not training means
    /// The simple loss of the EMA network per t-bucket, from about 2000 data rows spread evenly
    /// over t = 1 … T with their own random numbers (the training stream is untouched).
    void evaluateBucketLoss();
    int64_t m_trainStep = 0, m_stepCount = 0;
    bool m_sampling = false, m_diverged = false;
    std::vector<int> m_chainTimesteps; ///< T … (DDIM: τ_S …), then 0
    int m_chainIndex = 0;              ///< position in m_chainTimesteps
    Matrix m_chain;                    ///< current x_t in model units
    std::shared_ptr<std::vector<Matrix>> m_trails;
    std::shared_ptr<std::vector<Matrix>> m_frames;
    std::vector<int> m_frameIndices; ///< chainFrameIndices() of the current chain
    std::shared_ptr<const Matrix> m_preview;
    int64_t m_previewStep = 0;
    bool m_previewOn = true;
    std::vector<ModelEvent> m_events;
    int m_threads = 0;
    std::unique_ptr<rbm::WorkTeam> m_team;
    // Training buffers, one set per fixed batch part (as the GAN's).
    struct Part {
        nn::Mat<float> input, target, grad;
        nn::Mlp<float>::Workspace ws;
        std::vector<int> t;
        double loss = 0;
        std::vector<double> rowLoss;
    };
    std::vector<Part> m_parts;
};

} // namespace latentlab::core
