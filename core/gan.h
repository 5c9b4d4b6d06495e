#pragma once
// Generative adversarial network (Goodfellow et al. 2014; lecture 000:811-1079, 004:1869-2127):
// a generator G: z ↦ x and a discriminator D: x ↦ logit, both MLPs on the neural-network core,
// trained by alternating updates. One step is one D update or one G update, so the GUI can step
// either alone; an iteration is k D steps and one G step (lecture 000:961-978).
#include "core/gan_quality.h"
#include "core/model.h"
#include "core/nn_layers.h"
#include "core/nn_optim.h"
#include "core/rbm_team.h"
#include "core/rng.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace latentlab::core {

/// Generator loss. The discriminator always minimises binary cross-entropy (real → 1, fake → 0),
/// or, for least squares, ½E[(D(x) − 1)²] + ½E[D(G(z))²] on its raw output.
///  - Minimax: G minimises E[log(1 − D(G(z)))], the lecture's J (000:961-978); saturates early.
///  - NonSaturating: G minimises −E[log D(G(z))] (Goodfellow et al. 2014 §3; beyond the lecture).
///  - LeastSquares: G minimises ½E[(D(G(z)) − 1)²] (Mao et al. 2017, eq. 2; beyond the lecture).
enum class GanLoss { Minimax, NonSaturating, LeastSquares };
enum class GanNoise { Gaussian, Uniform }; ///< z ~ N(0, I) or U(−1, 1)^m
enum class GanOptimizer { Adam, Sgd };

struct GanSettings {
    int generatorLayers = 2, generatorWidth = 64;         ///< hidden layers and their width
    int discriminatorLayers = 2, discriminatorWidth = 64;
    nn::Activation hidden = nn::Activation::ReLU;
    int noiseDim = 2;                                     ///< m, dimension of z
    GanNoise noise = GanNoise::Gaussian;
    GanLoss loss = GanLoss::NonSaturating;
    GanOptimizer optimizer = GanOptimizer::Adam;
    double generatorLearningRate = 1e-3, discriminatorLearningRate = 1e-3;
    double beta1 = 0.5;                                   ///< Adam's β₁ (DCGAN's 0.5); SGD momentum
    int discriminatorSteps = 1;                           ///< k, D updates per G update
    int batch = 256;                                      ///< real and fake samples per update each
    int64_t iterations = 5000;                            ///< the run stops after this many
};

/// Per-iteration training curves, filled at each G step (an iteration's end).
struct GanHistory {
    std::vector<float> discriminatorLoss; ///< D's loss on the iteration's last D batch
    std::vector<float> generatorLoss;     ///< G's loss on its batch (the chosen GanLoss)
    std::vector<float> meanDReal;         ///< mean D(x) = σ(logit) over real samples
    std::vector<float> meanDFake;         ///< mean D(G(z)) over fake samples of the D batch
    /// J = E[log D(x)] + E[log(1 − D(G(z)))] on the D batch (lecture 000:961); −log 4 at the
    /// equilibrium D = ½ (000:1010-1026).
    std::vector<float> value;
};

struct GanSnapshot : Snapshot {
    GanSettings settings;
    std::shared_ptr<const nn::Mlp<float>> generator, discriminator;
    std::shared_ptr<const GanHistory> history;
    /// The fixed drawing noise (M × m, M = kGanDrawingSamples, or kGanDrawingImages for d > 16)
    /// and G of it (M × d): the same z
    /// in every snapshot, separate from the training noise, so the samples move smoothly.
    std::shared_ptr<const nn::Mat<float>> drawingNoise;
    nn::Mat<float> generated;
    /// Data scaling for image data: x_model = x_data · dataScale (1 for 2-D data).
    float dataScale = 1;
    /// Optimiser state and random-number state for restore().
    std::shared_ptr<const std::vector<std::vector<float>>> gMoments1, gMoments2, dMoments1, dMoments2;
    int64_t gOptimizerSteps = 0, dOptimizerSteps = 0;
    /// For data whose classes are Gaussian modes (labelled 2-D toy data): the sample-quality
    /// score of `generated` (Metz et al. 2017; core/gan_quality.h); empty otherwise.
    std::optional<GanModeQuality> quality;
    Rng::State rng{};
    int dStepsThisIteration = 0; ///< D steps taken since the last G step
    double lastDLoss = 0, lastDReal = 0.5, lastDFake = 0.5, lastValue = 0; ///< of the last D step
    bool diverged = false;
    uint64_t seed = 0;
    size_t byteSize() const override;
};

inline constexpr int kGanDrawingSamples = 1000;
/// For data with more than 16 features (images) the drawing noise has only this many rows: a
/// snapshot keeps G of it (M × d floats), and the image grid shows 64.
inline constexpr int kGanDrawingImages = 64;
/// Fixed parts of every batch, each on its own thread when there are threads: results are
/// the same for any thread count.
inline constexpr int kGanParts = 2;

/// The GAN model. Data: N × d (d ≥ 1). Data with an image shape are divided by their maximum
/// when it exceeds 1 (the 8×8 digits: 0..16), and the generator's output is then a sigmoid;
/// otherwise the output is linear.
///
/// Randomness: weights (He initialisation), the drawing noise, and every batch's real rows (drawn
/// with replacement) and noise come from one core::Rng(seed); a run is bit-identical for a seed.
/// Divergence: a step whose loss or gradients are not finite, or whose loss exceeds 10⁶, is not
/// applied; a Diverged event stops the run with the last good parameters.
class Gan final : public Model {
public:
    std::string name() const override { return "gan"; }
    std::vector<ParamSpec> paramSpecs() const override { return specs(); }
    static std::vector<ParamSpec> specs();
    /// k + 1: k discriminator steps, then one generator step.
    int stepsPerIteration() const override { return m_settings.discriminatorSteps + 1; }

    /// Throws ParamError for bad parameters, std::invalid_argument for empty or non-finite data.
    void reset(const Dataset& data, const Params& params, uint64_t seed) override;
    void reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed);
    /// One D update or one G update, whichever is next in the k : 1 rhythm.
    void step() override;
    /// One D update now, whatever the rhythm (the GUI's "train D" button).
    void stepDiscriminator();
    /// One G update now (the GUI's "train G" button); ends an iteration.
    void stepGenerator();
    bool converged() const override { return false; }
    bool finished() const override { return m_diverged || m_iteration >= m_settings.iterations; }
    SnapshotPtr snapshot() const override;
    bool restore(const Snapshot& snap) override;
    /// Keeps the networks (the user drew new points). Throws std::invalid_argument for another d.
    void replaceData(const Dataset& data) override;
    std::shared_ptr<const Dataset> data() const override { return m_data; }

    const GanSettings& settings() const { return m_settings; }
    const nn::Mlp<float>& generator() const { return m_G; }
    const nn::Mlp<float>& discriminator() const { return m_D; }
    const GanHistory& history() const { return *m_history; }
    int64_t iteration() const { return m_iteration; }
    bool diverged() const { return m_diverged; }
    /// Samples of the current generator for `n` fresh noise vectors from `rng` (n × d, in the
    /// data's units).
    nn::Mat<float> sample(int n, Rng& rng) const;
    /// Draws n × m noise as the model does (settings().noise).
    nn::Mat<float> drawNoise(int n, Rng& rng) const;
    /// Threads for the batch parts (0 = all cores, at most kGanParts are used). The results do
    /// not depend on it: the parts are fixed.
    void setThreads(int threads) {
        if (threads != m_threads) m_team.reset();
        m_threads = threads;
    }
    /// Replaces the networks (a loaded file); shapes must match the settings (invalid_argument).
    void setNetworks(const nn::Mlp<float>& generator, const nn::Mlp<float>& discriminator);

private:
    void drawNoiseInto(nn::Mat<float>& z, int n);
    void fillNoise(nn::Mat<float>& z, int n, Rng& rng) const;
    void preparePart(int p, bool real);
    int partRows(int p) const;
    rbm::WorkTeam& team();
    void diverge(const std::string& what);
    template <typename T> static T& writable(std::shared_ptr<T>& p);

    std::shared_ptr<const Dataset> m_data;
    nn::Mat<float> m_X; ///< the data in model units (N × d)
    float m_dataScale = 1;
    GanSettings m_settings;
    uint64_t m_seed = 0;
    Rng m_rng;
    nn::Mlp<float> m_G, m_D;
    nn::Adam<float> m_gAdam, m_dAdam;
    nn::Sgd<float> m_gSgd, m_dSgd;
    std::shared_ptr<const nn::Mat<float>> m_drawingNoise;
    std::shared_ptr<GanHistory> m_history;
    int64_t m_stepCount = 0, m_iteration = 0;
    int m_dStepsThisIteration = 0;
    double m_lastDLoss = 0, m_lastDReal = 0.5, m_lastDFake = 0.5, m_lastJ = 0;
    bool m_diverged = false;
    std::vector<ModelEvent> m_events;
    std::string m_lastPhase, m_lastPhaseLabel;
    /// One fixed part of each batch: its rows' noise, real samples, loss gradient, the caches
    /// of G and D and its share of their gradients. No allocation per step once sized.
    struct Part {
        nn::Mat<float> z, real, grad, scratch;
        nn::Mlp<float>::Workspace g, d;
        double loss = 0, value = 0, dReal = 0, dFake = 0;
    };
    std::vector<Part> m_parts;
    int m_threads = 0;
    std::unique_ptr<rbm::WorkTeam> m_team; ///< made on first use (a small fork-join team)
};

} // namespace latentlab::core
