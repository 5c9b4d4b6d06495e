#include "core/gan.h"

#include "core/nn_loss.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <omp.h>

namespace latentlab::core {

namespace {

constexpr double kExplodingLoss = 1e6;

nn::Activation parseHidden(const std::string& s) { return nn::activationFromName(s); }

GanLoss parseLoss(const std::string& s) {
    if (s == "minimax") return GanLoss::Minimax;
    if (s == "least-squares") return GanLoss::LeastSquares;
    return GanLoss::NonSaturating;
}

bool gradientsFinite(const nn::Mlp<float>& net) {
    for (const auto& l : net.layers())
        if (!l.dW.allFinite() || !l.db.allFinite()) return false;
    return true;
}

double meanSigmoid(const nn::Mat<float>& logits, Eigen::Index first, Eigen::Index rows) {
    double s = 0;
    for (Eigen::Index i = first; i < first + rows; ++i) s += 1.0 / (1.0 + std::exp(-double(logits(i, 0))));
    return s / double(rows);
}

} // namespace

rbm::WorkTeam& Gan::team() {
    if (!m_team) {
        const int available = m_threads > 0 ? m_threads : omp_get_max_threads();
        m_team = std::make_unique<rbm::WorkTeam>(std::max(1, std::min(kGanParts, available)));
    }
    return *m_team;
}

std::vector<ParamSpec> Gan::specs() {
    return {
        choiceParam("loss", "Generator loss",
                    "minimax: G minimises E[log(1 − D(G(z)))] as in the lecture (000:961); non-saturating: "
                    "G minimises −E[log D(G(z))] (beyond the lecture); least-squares: LSGAN (Mao et al. 2017)",
                    {"minimax", "non-saturating", "least-squares"}, "non-saturating"),
        intParam("d-steps", "D steps per G step k", "discriminator updates before each generator update (000:961)", 1,
                 1, 100),
        intParam("g-layers", "G hidden layers", "hidden layers of the generator", 2, 0, 8),
        intParam("g-width", "G width", "units per hidden layer of the generator", 64, 1, 1024),
        intParam("d-layers", "D hidden layers", "hidden layers of the discriminator", 2, 0, 8),
        intParam("d-width", "D width", "units per hidden layer of the discriminator", 64, 1, 1024),
        choiceParam("activation", "Hidden activation", "activation of every hidden layer of G and D",
                    {"relu", "leaky-relu", "tanh", "silu"}, "relu"),
        intParam("noise-dim", "Noise dimension m", "dimension of z (1 or 2 can be drawn as a warped grid)", 2, 1,
                 256),
        choiceParam("noise", "Noise distribution", "gaussian: z ~ N(0, I); uniform: z ~ U(−1, 1)^m",
                    {"gaussian", "uniform"}, "gaussian"),
        choiceParam("optimizer", "Optimiser", "Adam (Kingma & Ba 2015) or SGD with momentum β₁", {"adam", "sgd"},
                    "adam"),
        realParam("g-learning-rate", "G learning rate", "step size of the generator's optimiser", 1e-3, 1e-6, 1,
                  true),
        realParam("d-learning-rate", "D learning rate", "step size of the discriminator's optimiser", 1e-3, 1e-6,
                  1, true),
        realParam("beta1", "β₁ / momentum", "Adam's first-moment decay (0.5 as in DCGAN) or SGD's momentum", 0.5,
                  0, 0.99),
        intParam("batch", "Batch size", "real and generated samples per update, each", 256, 1, 8192),
        intParam("iterations", "Iterations", "the run stops after this many (k D steps + 1 G step each)", 5000, 1,
                 10000000),
    };
}

size_t GanSnapshot::byteSize() const {
    size_t n = sizeof(*this) + size_t(generated.size()) * sizeof(float);
    for (const auto& net : {generator, discriminator})
        if (net) n += size_t(net->parameterCount()) * sizeof(float) * 3; // W, b and their gradients
    for (const auto& m : {gMoments1, gMoments2, dMoments1, dMoments2})
        if (m)
            for (const auto& v : *m) n += v.size() * sizeof(float);
    return n;
}

template <typename T> T& Gan::writable(std::shared_ptr<T>& p) {
    if (p.use_count() > 1) p = std::make_shared<T>(*p);
    return *p;
}

void Gan::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void Gan::reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed) {
    if (!data || data->n() < 1 || data->d() < 1) throw std::invalid_argument("GAN: the data set is empty");
    if (!data->X.allFinite()) throw std::invalid_argument("GAN: the data contain NaN or infinite values");
    GanSettings s;
    s.loss = parseLoss(params.getChoice("loss"));
    s.discriminatorSteps = int(params.getInt("d-steps"));
    s.generatorLayers = int(params.getInt("g-layers"));
    s.generatorWidth = int(params.getInt("g-width"));
    s.discriminatorLayers = int(params.getInt("d-layers"));
    s.discriminatorWidth = int(params.getInt("d-width"));
    s.hidden = parseHidden(params.getChoice("activation"));
    s.noiseDim = int(params.getInt("noise-dim"));
    s.noise = params.getChoice("noise") == "uniform" ? GanNoise::Uniform : GanNoise::Gaussian;
    s.optimizer = params.getChoice("optimizer") == "sgd" ? GanOptimizer::Sgd : GanOptimizer::Adam;
    s.generatorLearningRate = params.getReal("g-learning-rate");
    s.discriminatorLearningRate = params.getReal("d-learning-rate");
    s.beta1 = params.getReal("beta1");
    s.batch = int(params.getInt("batch"));
    s.iterations = params.getInt("iterations");

    const int d = int(data->d());
    float scale = 1;
    if (data->imageShape) {
        const float mx = data->X.maxCoeff();
        if (data->X.minCoeff() < 0) throw ParamError("GAN: image data must not be negative");
        if (mx > 1) scale = 1 / mx;
    }
    const bool image = data->imageShape.has_value();
    nn::Mlp<float> G = nn::Mlp<float>::make(s.noiseDim, std::vector<int>(size_t(s.generatorLayers), s.generatorWidth), d,
                                            s.hidden, image ? nn::Activation::Sigmoid : nn::Activation::Identity);
    nn::Mlp<float> D = nn::Mlp<float>::make(d, std::vector<int>(size_t(s.discriminatorLayers), s.discriminatorWidth), 1,
                                            s.hidden);
    Rng rng(seed);
    G.initialise(nn::Init::He, rng);
    D.initialise(nn::Init::He, rng);

    m_data = std::move(data);
    m_X = m_data->X * scale;
    m_dataScale = scale;
    m_settings = s;
    m_seed = seed;
    m_G = std::move(G);
    m_D = std::move(D);
    m_gAdam = nn::Adam<float>({s.generatorLearningRate, s.beta1, 0.999, 1e-8, 0});
    m_dAdam = nn::Adam<float>({s.discriminatorLearningRate, s.beta1, 0.999, 1e-8, 0});
    m_gSgd = nn::Sgd<float>({s.generatorLearningRate, s.beta1, 0});
    m_dSgd = nn::Sgd<float>({s.discriminatorLearningRate, s.beta1, 0});
    m_drawingNoise = std::make_shared<const nn::Mat<float>>(
        drawNoise(d > 16 ? kGanDrawingImages : kGanDrawingSamples, rng));
    m_rng = rng;
    m_history = std::make_shared<GanHistory>();
    m_stepCount = m_iteration = 0;
    m_dStepsThisIteration = 0;
    m_lastDLoss = m_lastJ = 0;
    m_lastDReal = m_lastDFake = 0.5;
    m_diverged = false;
    m_parts.assign(size_t(std::min(kGanParts, s.batch)), Part());
    m_events.clear();
    m_lastPhase = "init";
    m_lastPhaseLabel = "random generator and discriminator";
}

void Gan::fillNoise(nn::Mat<float>& z, int n, Rng& rng) const {
    z.resize(n, m_settings.noiseDim);
    for (Eigen::Index j = 0; j < z.cols(); ++j)
        for (Eigen::Index i = 0; i < z.rows(); ++i)
            z(i, j) = float(m_settings.noise == GanNoise::Uniform ? rng.uniform(-1, 1) : rng.normal());
}

nn::Mat<float> Gan::drawNoise(int n, Rng& rng) const {
    nn::Mat<float> z;
    fillNoise(z, n, rng);
    return z;
}

void Gan::drawNoiseInto(nn::Mat<float>& z, int n) { fillNoise(z, n, m_rng); }

nn::Mat<float> Gan::sample(int n, Rng& rng) const {
    nn::Mat<float> x = m_G.predict(drawNoise(n, rng));
    if (m_dataScale != 1) x /= m_dataScale;
    return x;
}

void Gan::diverge(const std::string& what) {
    m_diverged = true;
    m_events.push_back({ModelEvent::Kind::Diverged,
                        what + " at iteration " + std::to_string(m_iteration + 1) +
                            ": the run is paused with the last good networks. Try a smaller learning rate."});
}

void Gan::step() {
    if (finished()) return;
    if (m_dStepsThisIteration < m_settings.discriminatorSteps)
        stepDiscriminator();
    else
        stepGenerator();
}

void Gan::preparePart(int p, bool real) {
    Part& part = m_parts[size_t(p)];
    const int rows = partRows(p);
    if (part.g.caches.empty()) part.g = m_G.makeWorkspace(), part.d = m_D.makeWorkspace();
    drawNoiseInto(part.z, rows);
    if (real) {
        part.real.resize(rows, m_X.cols());
        for (int i = 0; i < rows; ++i) part.real.row(i) = m_X.row(Eigen::Index(m_rng.below(uint64_t(m_X.rows()))));
    }
    part.grad.resize(rows, 1);
    part.scratch.resize(rows, 1);
}

int Gan::partRows(int p) const {
    const int B = m_settings.batch, parts = int(m_parts.size());
    return B / parts + (p < B % parts ? 1 : 0);
}

// D step: B real rows and B generated rows through D, binary cross-entropy with targets 1 and 0
// (or least squares), D's parameters updated; G unchanged. The batch is cut into kGanParts fixed
// parts that run on their own threads with their own caches; each part's losses carry the
// weight rows/B, and the parts' gradients are summed in part order, so the update is the same
// for any number of threads.
void Gan::stepDiscriminator() {
    if (m_diverged) return;
    m_events.clear();
    const int B = m_settings.batch, P = int(m_parts.size());
    for (int p = 0; p < P; ++p) preparePart(p, true);
    const bool ls = m_settings.loss == GanLoss::LeastSquares;
    team().parallelFor(P, [&](int p) {
        Part& q = m_parts[size_t(p)];
        const double w = double(partRows(p)) / B;
        const nn::Mat<float>& fake = m_G.forward(q.z, q.g);
        // Real rows, then generated rows, through the same cache; gradients accumulate.
        const nn::Mat<float>& realLogits = m_D.forward(q.real, q.d);
        q.loss = ls ? nn::mse<float>(realLogits, 1.0, q.grad, 0.5 * w) : nn::bceWithLogits<float>(realLogits, 1.0, q.grad, w);
        // J = E log D(x) + E log(1 − D(G(z))) = −(BCE(real, 1) + BCE(fake, 0)) on the same batch.
        q.value = ls ? -nn::bceWithLogits<float>(realLogits, 1.0, q.scratch, w) : -q.loss;
        q.dReal = meanSigmoid(realLogits, 0, partRows(p)) * w;
        m_D.backward(q.grad, nn::Grad::ParamsOnly, q.d);
        const nn::Mat<float>& fakeLogits = m_D.forward(fake, q.d);
        const double fakeLoss = ls ? nn::mse<float>(fakeLogits, 0.0, q.grad, 0.5 * w)
                                   : nn::bceWithLogits<float>(fakeLogits, 0.0, q.grad, w);
        q.loss += fakeLoss;
        q.value -= ls ? nn::bceWithLogits<float>(fakeLogits, 0.0, q.scratch, w) : fakeLoss;
        q.dFake = meanSigmoid(fakeLogits, 0, partRows(p)) * w;
        m_D.backward(q.grad, nn::Grad::ParamsOnly, q.d, true);
    });
    double loss = 0, J = 0, dReal = 0, dFake = 0;
    std::vector<const nn::Mlp<float>::Workspace*> grads;
    for (const Part& q : m_parts) {
        loss += q.loss, J += q.value, dReal += q.dReal, dFake += q.dFake;
        grads.push_back(&q.d);
    }
    m_D.sumGradients(grads);
    ++m_stepCount;
    ++m_dStepsThisIteration;
    m_lastPhase = "discriminator";
    m_lastPhaseLabel = "discriminator step: D learns to tell real (→ 1) from generated (→ 0)";
    if (!std::isfinite(loss) || std::abs(loss) > kExplodingLoss || !gradientsFinite(m_D))
        return diverge("the discriminator's loss or gradients are not finite");
    if (m_settings.optimizer == GanOptimizer::Adam)
        m_dAdam.step(m_D.parameters());
    else
        m_dSgd.step(m_D.parameters());
    m_lastDLoss = loss;
    m_lastJ = J;
    m_lastDReal = dReal;
    m_lastDFake = dFake;
}

// G step: B generated rows through D; the generator loss's gradient flows back through D (whose
// parameters stay fixed) into x = G(z) and on into G's parameters (000:1035-1049). Parts as in
// the D step.
void Gan::stepGenerator() {
    if (m_diverged) return;
    m_events.clear();
    const int B = m_settings.batch, P = int(m_parts.size());
    for (int p = 0; p < P; ++p) preparePart(p, false);
    team().parallelFor(P, [&](int p) {
        Part& q = m_parts[size_t(p)];
        const double w = double(partRows(p)) / B;
        const nn::Mat<float>& fake = m_G.forward(q.z, q.g);
        const nn::Mat<float>& logits = m_D.forward(fake, q.d);
        switch (m_settings.loss) {
        case GanLoss::Minimax: q.loss = nn::bceWithLogits<float>(logits, 0.0, q.grad, -w); break;
        case GanLoss::NonSaturating: q.loss = nn::bceWithLogits<float>(logits, 1.0, q.grad, w); break;
        case GanLoss::LeastSquares: q.loss = nn::mse<float>(logits, 1.0, q.grad, 0.5 * w); break;
        }
        const nn::Mat<float>& dx = m_D.backward(q.grad, nn::Grad::InputOnly, q.d);
        m_G.backward(dx, nn::Grad::ParamsOnly, q.g);
    });
    double loss = 0;
    std::vector<const nn::Mlp<float>::Workspace*> grads;
    for (const Part& q : m_parts) {
        loss += q.loss;
        grads.push_back(&q.g);
    }
    m_G.sumGradients(grads);
    ++m_stepCount;
    m_lastPhase = "generator";
    m_lastPhaseLabel = "generator step: G moves its samples where D says \"real\"";
    if (!std::isfinite(loss) || std::abs(loss) > kExplodingLoss || !gradientsFinite(m_G))
        return diverge("the generator's loss or gradients are not finite");
    if (m_settings.optimizer == GanOptimizer::Adam)
        m_gAdam.step(m_G.parameters());
    else
        m_gSgd.step(m_G.parameters());
    GanHistory& h = writable(m_history);
    h.discriminatorLoss.push_back(float(m_lastDLoss));
    h.generatorLoss.push_back(float(loss));
    h.meanDReal.push_back(float(m_lastDReal));
    h.meanDFake.push_back(float(m_lastDFake));
    h.value.push_back(float(m_lastJ));
    ++m_iteration;
    m_dStepsThisIteration = 0;
}

SnapshotPtr Gan::snapshot() const {
    auto s = std::make_shared<GanSnapshot>();
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_iteration;
    s->phase = m_lastPhase;
    s->phaseLabel = m_lastPhaseLabel;
    s->finished = finished();
    s->data = m_data;
    s->objective = m_history->value.empty() ? 0.0 : m_history->value.back();
    s->events = m_events;
    s->settings = m_settings;
    s->generator = std::make_shared<const nn::Mlp<float>>(m_G);
    s->discriminator = std::make_shared<const nn::Mlp<float>>(m_D);
    s->history = m_history;
    s->drawingNoise = m_drawingNoise;
    s->generated = m_G.predict(*m_drawingNoise);
    if (m_dataScale != 1) s->generated /= m_dataScale;
    s->dataScale = m_dataScale;
    if (m_data->hasLabels() && m_data->d() <= 16 && s->generated.allFinite()) s->quality = modeQuality(*m_data, s->generated);
    const bool adam = m_settings.optimizer == GanOptimizer::Adam;
    const nn::Adam<float>& gA = m_gAdam;
    const nn::Adam<float>& dA = m_dAdam;
    s->gMoments1 = std::make_shared<const std::vector<std::vector<float>>>(
        adam ? gA.firstMoments() : m_gSgd.state());
    s->dMoments1 = std::make_shared<const std::vector<std::vector<float>>>(
        adam ? dA.firstMoments() : m_dSgd.state());
    s->gMoments2 = std::make_shared<const std::vector<std::vector<float>>>(gA.secondMoments());
    s->dMoments2 = std::make_shared<const std::vector<std::vector<float>>>(dA.secondMoments());
    s->gOptimizerSteps = adam ? m_gAdam.steps() : m_gSgd.steps();
    s->dOptimizerSteps = adam ? m_dAdam.steps() : m_dSgd.steps();
    s->rng = m_rng.state();
    s->dStepsThisIteration = m_dStepsThisIteration;
    s->lastDLoss = m_lastDLoss, s->lastDReal = m_lastDReal, s->lastDFake = m_lastDFake, s->lastValue = m_lastJ;
    s->diverged = m_diverged;
    s->seed = m_seed;
    return s;
}

bool Gan::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const GanSnapshot*>(&snap);
    if (!s || !s->generator || !s->discriminator || !m_data) return false;
    if (s->discriminator->inputs() != m_X.cols() || s->generator->inputs() != m_settings.noiseDim) return false;
    m_settings = s->settings;
    m_G = *s->generator;
    m_D = *s->discriminator;
    m_history = std::make_shared<GanHistory>(*s->history);
    m_drawingNoise = s->drawingNoise;
    if (m_settings.optimizer == GanOptimizer::Adam) {
        m_gAdam.firstMoments() = *s->gMoments1;
        m_gAdam.secondMoments() = *s->gMoments2;
        m_dAdam.firstMoments() = *s->dMoments1;
        m_dAdam.secondMoments() = *s->dMoments2;
        m_gAdam.setSteps(s->gOptimizerSteps);
        m_dAdam.setSteps(s->dOptimizerSteps);
    } else {
        m_gSgd.state() = *s->gMoments1;
        m_dSgd.state() = *s->dMoments1;
        m_gSgd.setSteps(s->gOptimizerSteps);
        m_dSgd.setSteps(s->dOptimizerSteps);
    }
    m_rng.setState(s->rng);
    m_stepCount = s->stepCount;
    m_iteration = s->iteration;
    m_dStepsThisIteration = s->dStepsThisIteration;
    m_lastDLoss = s->lastDLoss, m_lastDReal = s->lastDReal, m_lastDFake = s->lastDFake, m_lastJ = s->lastValue;
    m_diverged = s->diverged;
    m_lastPhase = s->phase;
    m_lastPhaseLabel = s->phaseLabel;
    m_events.clear();
    return true;
}

void Gan::replaceData(const Dataset& data) {
    if (!m_data || data.d() != m_data->d())
        throw std::invalid_argument("GAN: new data must have the same number of features");
    if (data.n() < 1) throw std::invalid_argument("GAN: the data set is empty");
    m_data = std::make_shared<const Dataset>(data);
    m_X = m_data->X * m_dataScale;
}

void Gan::setNetworks(const nn::Mlp<float>& generator, const nn::Mlp<float>& discriminator) {
    if (generator.inputs() != m_settings.noiseDim || generator.outputs() != m_X.cols() ||
        discriminator.inputs() != m_X.cols() || discriminator.outputs() != 1)
        throw std::invalid_argument("the networks do not fit this data and noise dimension");
    m_G = generator;
    m_D = discriminator;
}

} // namespace latentlab::core
