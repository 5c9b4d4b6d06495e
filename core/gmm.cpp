#include "core/gmm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace latentlab::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

CovarianceType parseCovarianceType(const std::string& s) {
    if (s == "diag") return CovarianceType::Diagonal;
    if (s == "spherical") return CovarianceType::Spherical;
    if (s == "tied") return CovarianceType::Tied;
    return CovarianceType::Full;
}

GmmInit parseInit(const std::string& s) {
    if (s == "kmeans++") return GmmInit::KMeansPlusPlus;
    if (s == "random-points") return GmmInit::RandomPoints;
    if (s == "random-responsibilities") return GmmInit::RandomResponsibilities;
    return GmmInit::KMeans;
}

std::string num(double v) {
    std::ostringstream os;
    os.precision(3);
    os << v;
    return os.str();
}

} // namespace

size_t GmmSnapshot::byteSize() const {
    const size_t k = static_cast<size_t>(means.rows());
    const size_t d = static_cast<size_t>(means.cols());
    size_t bytes = sizeof(*this) + 2 * (k + k * d + k * d * d) * sizeof(double);
    bytes += (logLikelihoodHistory.size() + objectiveHistory.size()) * sizeof(double);
    // Responsibilities are made by an E-step and shared with the snapshots after it: count
    // them once, with the step that made them.
    if (responsibilities && (gmmPhase == GmmPhase::EStep || finished))
        bytes += static_cast<size_t>(responsibilities->size()) * sizeof(float);
    return bytes;
}

std::vector<ParamSpec> GaussianMixture::specs() {
    return {
        intParam("k", "Components K", "number of Gaussian components", 2, 1, 32),
        choiceParam("covariance-type", "Covariance",
                    "full: any ellipse; diag: axis-aligned ellipses; spherical: circles; tied: "
                    "one ellipse shared by all components",
                    {"full", "diag", "spherical", "tied"}, "full"),
        choiceParam("init", "Initialisation",
                    "kmeans: one M-step on the labels of k-means run to convergence; kmeans++ / "
                    "random-points: seeds as means with the data covariance; "
                    "random-responsibilities: one M-step on random responsibilities",
                    {"kmeans", "kmeans++", "random-points", "random-responsibilities"}, "kmeans"),
        realParam("reg-covar", "Covariance regulariser",
                  "added to the diagonal of every covariance after each M-step (data units²), "
                  "so that no component can shrink onto a single point",
                  1e-6, 0, 1, true),
        realParam("tol", "Tolerance",
                  "stop when the mean log-likelihood per sample changes by less than tol between "
                  "iterations (nats, as scikit-learn)",
                  1e-3, 0, 1, true),
        intParam("max-iter", "Max iterations", "stop after this many E + M iterations", 100, 1,
                 100000),
        boolParam("hard-em", "Hard EM",
                  "one-hot responsibilities (each point to its most probable component): the "
                  "bridge to k-means (lecture 000:543-548)",
                  false),
    };
}

void GaussianMixture::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void GaussianMixture::reset(std::shared_ptr<const Dataset> data, const Params& params,
                            uint64_t seed) {
    // Read everything first: on a throw the model keeps its previous state.
    const int k = static_cast<int>(params.getInt("k"));
    const CovarianceType type = parseCovarianceType(params.getChoice("covariance-type"));
    const double reg = params.getReal("reg-covar");
    const GmmInit init = parseInit(params.getChoice("init"));
    const double tol = params.getReal("tol");
    const int64_t maxIter = params.getInt("max-iter");
    const bool hard = params.getBool("hard-em");
    if (!data) throw std::invalid_argument("Gaussian mixture: no data set");
    gmm::DataFacts facts = gmm::checkData(*data, k, type, reg);
    m_init = init;
    m_tol = tol;
    m_maxIter = maxIter;
    m_hard = hard;
    m_k = k;
    m_type = type;
    m_reg = reg;
    m_data = std::move(data);
    m_dataCov = std::move(facts.cov);
    m_pivotFloor = facts.pivotFloor;
    m_seed = seed;
    m_rng.reseed(seed);
    initialise();
}

void GaussianMixture::initialise() {
    gmm::InitialGuess guess = gmm::initialParameters(m_data, m_init, m_type, m_k, m_reg, m_dataCov,
                                                     m_seed, m_rng, m_threads);
    GmmParameters& theta = guess.theta;
    m_events = {{ModelEvent::Kind::Info, guess.description}};
    repairAndFactorise(theta, guess.lowMass, m_events);
    m_theta = theta;
    m_initialTheta = std::move(theta);
    m_stats = {};
    m_mass.resize(0);
    m_entropy = 0;
    m_resp.reset();
    ++m_respVersion;
    m_phase = GmmPhase::Init;
    m_converged = false;
    m_diverged = false;
    m_iteration = 0;
    m_stepCount = 0;
    m_logLik = kNaN;
    m_objective = kNaN;
    m_prevEMean = kNaN;
    m_lastEMean = kNaN;
    m_llHistory.clear();
    m_objHistory.clear();
}

void GaussianMixture::repairAndFactorise(GmmParameters& theta, const std::vector<char>& lowMass,
                                         std::vector<ModelEvent>& events) {
    const bool tied = m_type == CovarianceType::Tied;
    std::vector<char> ok;
    m_factors = gmm::factorise(theta, m_pivotFloor, ok);
    if (tied && !ok[0]) {
        theta.covariances.assign(static_cast<size_t>(m_k), m_dataCov);
        events.push_back(
            {ModelEvent::Kind::Warning,
             "the shared (tied) covariance collapsed (singular even with reg-covar = " +
                 num(m_reg) + "): replaced by the data's covariance"});
        m_factors = gmm::factorise(theta, m_pivotFloor, ok);
    }
    std::vector<int> collapsed;
    for (int k = 0; k < m_k; ++k)
        if (lowMass[static_cast<size_t>(k)] || !ok[static_cast<size_t>(k)]) collapsed.push_back(k);
    if (collapsed.empty()) return;

    // Give each collapsed component one of the points the surviving components explain worst.
    std::vector<char> survives(static_cast<size_t>(m_k), 1);
    for (int k : collapsed)
        survives[static_cast<size_t>(k)] = 0;
    const std::vector<int> order =
        gmm::worstExplained(m_data->X, theta, survives, m_dataCov, m_pivotFloor,
                            static_cast<int>(collapsed.size()), m_threads);
    const double n = m_data->n();
    for (size_t j = 0; j < collapsed.size(); ++j) {
        const int k = collapsed[j];
        const int point = order[j];
        const std::string why =
            lowMass[static_cast<size_t>(k)]
                ? "N_k = " + num(theta.weights(k) * n) + " of " + num(n) + " points"
                : "its covariance is singular even with reg-covar = " + num(m_reg);
        theta.means.row(k) = m_data->X.row(point).cast<double>();
        if (!tied) theta.covariances[static_cast<size_t>(k)] = m_dataCov;
        theta.weights(k) = 1.0 / m_k;
        events.push_back(
            {ModelEvent::Kind::Warning,
             "component " + std::to_string(k + 1) + " collapsed (" + why +
                 "): re-seeded at point #" + std::to_string(point + 1) +
                 ", the point the mixture explained worst, with the data's covariance"});
    }
    theta.weights /= theta.weights.sum();
    m_factors = gmm::factorise(theta, m_pivotFloor, ok);
}

bool GaussianMixture::finished() const {
    return m_converged || m_diverged || m_iteration >= m_maxIter;
}

void GaussianMixture::step() {
    if (!m_data || finished()) return;
    m_events.clear();
    if (m_phase == GmmPhase::EStep)
        mStep();
    else
        eStep(false);
    ++m_stepCount;
}

void GaussianMixture::flagDiverged(const std::string& what) {
    m_diverged = true;
    m_events.push_back(
        {ModelEvent::Kind::Diverged,
         "EM diverged: " + what + " became NaN or infinite; the last good parameters are kept"});
}

void GaussianMixture::eStep(bool final) {
    auto resp = std::make_shared<Eigen::MatrixXf>();
    gmm::EStepResult r = gmm::eStep(m_data->X, m_theta, m_factors, m_hard, m_threads, resp.get());
    if (!std::isfinite(r.logLikelihood) || !std::isfinite(r.objective)) {
        flagDiverged("the log-likelihood");
        return;
    }
    const double n = m_data->n();
    m_resp = std::move(resp);
    ++m_respVersion;
    m_stats = std::move(r.stats);
    m_mass = m_stats.mass;
    m_entropy = r.entropy;
    m_logLik = r.logLikelihood;
    m_llHistory.push_back(m_logLik / n);
    m_prevEMean = m_lastEMean;
    m_lastEMean = r.objective / n;
    m_objective = r.objective;
    if (final) return; // the finishing M-step records the objective
    m_objHistory.push_back(m_objective);
    m_phase = GmmPhase::EStep;
}

void GaussianMixture::mStep() {
    std::vector<char> lowMass;
    GmmParameters theta =
        gmm::mStep(m_stats, m_type, m_reg, gmm::kCollapseMass * m_data->n(), lowMass);
    std::vector<ModelEvent> events;
    const gmm::Factors good = m_factors;
    repairAndFactorise(theta, lowMass, events);
    if (!theta.allFinite() || !m_factors.logNorm.allFinite()) {
        m_factors = good;
        flagDiverged("the M-step's parameters");
        return;
    }
    m_theta = std::move(theta);
    m_objective = gmm::lowerBound(m_stats, m_theta, m_factors, m_entropy);
    ++m_iteration;
    m_phase = GmmPhase::MStep;
    m_events = events;
    const double change = m_lastEMean - m_prevEMean; // NaN in the first iteration
    if (events.empty() && std::abs(change) < m_tol) {
        m_converged = true;
        m_events.push_back(
            {ModelEvent::Kind::Info, "converged: the mean log-likelihood per sample changed by " +
                                         num(change) + " < tol = " + num(m_tol)});
    } else if (finished()) {
        m_events.push_back(
            {ModelEvent::Kind::Info, "stopped after max-iter = " + std::to_string(m_maxIter) +
                                         " iterations without converging"});
    }
    if (finished()) eStep(true); // as sklearn: responsibilities of the final parameters
    m_objHistory.push_back(m_objective);
}

void GaussianMixture::setInitialParameters(const Eigen::VectorXd& weights,
                                           const Eigen::MatrixXd& means,
                                           const std::vector<Eigen::MatrixXd>& covariances) {
    if (!m_data || m_stepCount != 0 || m_phase != GmmPhase::Init)
        throw std::logic_error("Gaussian mixture: initial parameters can only be set after reset() "
                               "and before the first step");
    const int d = m_data->d();
    bool shapes = weights.size() == m_k && means.rows() == m_k && means.cols() == d &&
                  static_cast<int>(covariances.size()) == m_k;
    for (const auto& c : covariances)
        shapes = shapes && c.rows() == d && c.cols() == d;
    if (!shapes)
        throw std::invalid_argument(
            "Gaussian mixture: initial parameters must be " + std::to_string(m_k) + " weights, " +
            std::to_string(m_k) + " × " + std::to_string(d) + " means and " + std::to_string(m_k) +
            " covariances of " + std::to_string(d) + " × " + std::to_string(d));
    GmmParameters theta{weights, means, covariances};
    if (!theta.allFinite() || (weights.array() < 0).any() || !(weights.sum() > 0))
        throw std::invalid_argument("Gaussian mixture: initial parameters must be finite and the "
                                    "weights non-negative with a positive sum");
    theta.weights /= weights.sum();
    Eigen::MatrixXd tiedCov = Eigen::MatrixXd::Zero(d, d);
    for (int k = 0; k < m_k; ++k) {
        Eigen::MatrixXd& c = theta.covariances[static_cast<size_t>(k)];
        c = gmm::constrain(0.5 * (c + c.transpose()), m_type);
        tiedCov += theta.weights(k) * c;
    }
    if (m_type == CovarianceType::Tied) theta.covariances.assign(static_cast<size_t>(m_k), tiedCov);
    std::vector<char> ok;
    gmm::Factors factors = gmm::factorise(theta, m_pivotFloor, ok);
    for (int k = 0; k < m_k; ++k)
        if (!ok[static_cast<size_t>(k)] || theta.weights(k) <= 0)
            throw std::invalid_argument(
                "Gaussian mixture: initial component " + std::to_string(k + 1) +
                " needs a positive weight and a positive definite covariance");
    m_theta = theta;
    m_initialTheta = std::move(theta);
    m_factors = std::move(factors);
    m_events = {{ModelEvent::Kind::Info, "initial parameters given"}};
}

void GaussianMixture::replaceData(const Dataset& data) {
    if (!m_data || data.d() != m_data->d())
        throw std::invalid_argument("Gaussian mixture: the new data has " +
                                    std::to_string(data.d()) + " features, the model " +
                                    std::to_string(m_data ? m_data->d() : 0));
    gmm::DataFacts facts = gmm::checkData(data, m_k, m_type, m_reg);
    m_data = std::make_shared<const Dataset>(data);
    m_dataCov = std::move(facts.cov);
    m_pivotFloor = facts.pivotFloor;
    m_resp.reset();
    m_mass.resize(0);
    ++m_respVersion;
    m_converged = false;
    if (m_phase == GmmPhase::EStep) m_phase = GmmPhase::MStep; // the next step is an E-step
    m_prevEMean = kNaN;                                        // restart the convergence test
    m_lastEMean = kNaN;
    m_events = {{ModelEvent::Kind::Info, "data edited: " + std::to_string(data.n()) + " points"}};
}

const char* GaussianMixture::phaseLabel(GmmPhase phase, bool converged, bool hard) {
    if (converged) return "converged!";
    switch (phase) {
    case GmmPhase::Init:
        return "initialise π, μ, Σ";
    case GmmPhase::EStep:
        return hard ? "hard E-step: each point to its most probable component"
                    : "E-step: responsibilities γ_nk ∝ π_k N(x_n | μ_k, Σ_k)";
    case GmmPhase::MStep:
        return "M-step: π_k = N_k / N, μ_k and Σ_k from the responsibilities";
    }
    return "";
}

SnapshotPtr GaussianMixture::snapshot() const {
    auto s = std::make_shared<GmmSnapshot>();
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_iteration;
    s->phase = m_converged                  ? "converged"
               : m_phase == GmmPhase::Init  ? "init"
               : m_phase == GmmPhase::EStep ? "e-step"
                                            : "m-step";
    s->phaseLabel = phaseLabel(m_phase, m_converged, m_hard);
    s->converged = m_converged;
    s->finished = finished();
    s->data = m_data;
    s->objective = m_objective;
    s->events = m_events;
    s->weights = m_theta.weights;
    s->means = m_theta.means;
    s->covariances = m_theta.covariances;
    s->covarianceType = m_type;
    s->initialParameters = m_initialTheta;
    s->responsibilities = m_resp;
    s->responsibilitiesVersion = m_respVersion;
    s->componentMass = m_mass;
    s->logLikelihood = m_logLik;
    s->logLikelihoodHistory = m_llHistory;
    s->objectiveHistory = m_objHistory;
    s->gmmPhase = m_phase;
    s->hardEm = m_hard;
    s->regCovar = m_reg;
    s->rngState = m_rng.state();
    s->prevEStepMean = m_prevEMean;
    s->lastEStepMean = m_lastEMean;
    s->diverged = m_diverged;
    return s;
}

bool GaussianMixture::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const GmmSnapshot*>(&snap);
    if (!s || !s->data || s->means.rows() != m_k || s->means.cols() != s->data->d() ||
        s->covarianceType != m_type || s->hardEm != m_hard)
        return false;
    gmm::DataFacts facts;
    try {
        facts = gmm::checkData(*s->data, m_k, m_type, m_reg);
    } catch (const std::invalid_argument&) {
        return false;
    }
    m_data = s->data;
    m_dataCov = std::move(facts.cov);
    m_pivotFloor = facts.pivotFloor;
    m_theta = {s->weights, s->means, s->covariances};
    m_initialTheta = s->initialParameters;
    std::vector<char> ok;
    m_factors = gmm::factorise(m_theta, m_pivotFloor, ok);
    m_resp = s->responsibilities;
    m_respVersion = s->responsibilitiesVersion;
    m_mass = s->componentMass;
    m_phase = s->gmmPhase;
    m_converged = s->converged;
    m_diverged = s->diverged;
    m_iteration = s->iteration;
    m_stepCount = s->stepCount;
    m_logLik = s->logLikelihood;
    m_objective = s->objective;
    m_prevEMean = s->prevEStepMean;
    m_lastEMean = s->lastEStepMean;
    m_llHistory = s->logLikelihoodHistory;
    m_objHistory = s->objectiveHistory;
    m_rng.setState(s->rngState);
    m_events.clear();
    m_stats = {};
    m_entropy = 0;
    if (m_resp && m_phase == GmmPhase::EStep && !finished()) {
        // The M-step needs the E-step's statistics: recompute them with the same deterministic
        // kernel from the same parameters (bit-identical to the original ones).
        gmm::EStepResult r = gmm::eStep(m_data->X, m_theta, m_factors, m_hard, m_threads, nullptr);
        m_stats = std::move(r.stats);
        m_entropy = r.entropy;
    }
    return true;
}

int gmmFreeParameters(int k, int d, CovarianceType type) {
    int cov = 0;
    switch (type) {
    case CovarianceType::Full:
        cov = k * d * (d + 1) / 2;
        break;
    case CovarianceType::Diagonal:
        cov = k * d;
        break;
    case CovarianceType::Spherical:
        cov = k;
        break;
    case CovarianceType::Tied:
        cov = d * (d + 1) / 2;
        break;
    }
    return cov + k * d + k - 1;
}

double aic(double logLikelihood, int freeParameters) {
    return 2.0 * freeParameters - 2.0 * logLikelihood;
}

double bic(double logLikelihood, int freeParameters, int64_t n) {
    return freeParameters * std::log(static_cast<double>(n)) - 2.0 * logLikelihood;
}

std::vector<std::pair<double, double>> informationCriteria(std::shared_ptr<const Dataset> data,
                                                           const Params& params, int kMax,
                                                           uint64_t seed,
                                                           const std::atomic<bool>* cancel) {
    std::vector<std::pair<double, double>> out;
    if (!data) throw std::invalid_argument("Gaussian mixture: no data set");
    const int limit = std::min({kMax, data->n(), 32});
    const CovarianceType type = parseCovarianceType(params.getChoice("covariance-type"));
    for (int k = 1; k <= limit; ++k) {
        if (cancel && cancel->load()) return out;
        Params p = params;
        p.set("k", int64_t{k});
        GaussianMixture g;
        g.reset(data, p, seed);
        while (!g.finished()) {
            if (cancel && cancel->load()) return out;
            g.step();
        }
        const int m = gmmFreeParameters(k, data->d(), type);
        out.emplace_back(aic(g.logLikelihood(), m), bic(g.logLikelihood(), m, data->n()));
    }
    return out;
}

} // namespace latentlab::core
