#include "core/kmeans.h"

#include "core/kmeans_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace latentlab::core {

namespace {

constexpr size_t kMaxTrail = 500;

KMeansInit parseInit(const std::string& s) {
    if (s == "random") return KMeansInit::Random;
    if (s == "farthest") return KMeansInit::FarthestPoint;
    return KMeansInit::KMeansPlusPlus;
}

KMeansDistance parseDistance(const std::string& s) {
    if (s == "l1") return KMeansDistance::L1;
    if (s == "cosine") return KMeansDistance::Cosine;
    return KMeansDistance::L2;
}

/// Row k of M as a unit vector in double (a zero row stays zero).
Eigen::RowVectorXd unitRow(const Matrix& m, int k) {
    const Eigen::RowVectorXd r = m.row(k).cast<double>();
    const double norm = r.norm();
    return norm > 0 ? Eigen::RowVectorXd(r / norm) : r;
}

const char* initName(KMeansInit init) {
    switch (init) {
    case KMeansInit::Random: return "random data points";
    case KMeansInit::FarthestPoint: return "farthest point";
    case KMeansInit::KMeansPlusPlus: return "k-means++";
    }
    return "";
}

} // namespace

size_t KMeansSnapshot::byteSize() const {
    size_t bytes = sizeof(*this) + centroids.size() * sizeof(float) * 2;
    bytes += (objectivePerIteration.size() + objectiveHistory.size()) * sizeof(double);
    for (const auto& t : trail) bytes += t.size() * sizeof(float);
    // The labels are made by an assignment and shared with the update snapshot after it:
    // count them once, with the assignment.
    if (labels && (phase == "assign" || phase == "converged")) bytes += labels->size();
    if (responsibilities && (phase == "assign" || phase == "converged")) bytes += responsibilities->size() * sizeof(float);
    return bytes;
}

KMeans::KMeans() : m_labels(std::make_shared<std::vector<uint8_t>>()) {}

std::vector<ParamSpec> KMeans::specs() {
    return {
        intParam("k", "Clusters K", "number of clusters", 3, 1, 64),
        choiceParam("init", "Initialisation",
                    "seeds: random data points (Forgy), farthest point, or k-means++ "
                    "(random + far, Arthur & Vassilvitskii 2007)",
                    {"random", "farthest", "kmeans++"}, "kmeans++"),
        choiceParam("distance", "Distance",
                    "l2 (update = mean), l1 (update = median: k-medians), cosine (update = "
                    "normalised mean: spherical k-means)",
                    {"l2", "l1", "cosine"}, "l2"),
        boolParam("soft", "Soft k-means", "soft assignments r_nk ∝ exp(−β‖x−μ_k‖²) (L2 only)",
                  false),
        realParam("beta", "Stiffness β",
                  "soft k-means stiffness in 1/(data unit)²; large β → hard k-means", 1.0, 1e-4,
                  1e6, true),
        intParam("max-iter", "Max iterations", "stop after this many assign + update iterations",
                 300, 1, 100000),
        choiceParam("empty-cluster", "Empty cluster",
                    "a cluster that lost all its points is re-seeded at the point farthest from "
                    "its centroid, or kept where it is",
                    {"farthest-point", "keep"}, "farthest-point"),
        realParam("tol", "Tolerance (soft)",
                  "soft k-means stops when the free energy changes by less than tol·|F|", 1e-9, 0,
                  1, true),
    };
}

void KMeans::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void KMeans::reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed) {
    if (!data || data->d() < 1) throw std::invalid_argument("k-means: the data set has no features");
    const int k = static_cast<int>(params.getInt("k"));
    if (data->n() < k)
        throw std::invalid_argument("k-means: K = " + std::to_string(k) + " clusters need at least " +
                                    std::to_string(k) + " points, the data set has " +
                                    std::to_string(data->n()));
    const bool soft = params.getBool("soft");
    const auto distance = parseDistance(params.getChoice("distance"));
    if (soft && distance != KMeansDistance::L2)
        throw std::invalid_argument("k-means: soft k-means is defined for the L2 distance only "
                                    "(lecture 003:3658); choose --distance l2");
    m_data = std::move(data);
    m_k = k;
    m_init = parseInit(params.getChoice("init"));
    m_distance = distance;
    m_emptyPolicy = params.getChoice("empty-cluster") == "keep" ? EmptyClusterPolicy::Keep
                                                                : EmptyClusterPolicy::FarthestPoint;
    m_soft = soft;
    m_beta = params.getReal("beta");
    m_tol = params.getReal("tol");
    m_maxIter = params.getInt("max-iter");
    m_rng.reseed(seed);
    prepareData();
    initialise();
}

/// After m_data changed: the copies of it the kernels read — the unit rows for cosine, and the
/// row-major copy (m_rows) where the assignment uses one.
void KMeans::prepareData() {
    if (m_distance == KMeansDistance::Cosine) m_normalised = kernels::normaliseRows(m_data->X);
    else m_normalised.resize(0, 0);
    if (kernels::wantsRowMajorCopy(m_data->d(), m_distance, m_soft))
        m_rows = m_distance == KMeansDistance::Cosine ? m_normalised : m_data->X;
    else
        m_rows.resize(0, 0);
}

void KMeans::initialise() {
    const Matrix& X = m_data->X;
    std::vector<int> seeds = kernels::pickSeeds(X, m_normalised, m_k, m_init, m_distance, m_rng);
    m_centroids.resize(m_k, X.cols());
    for (int k = 0; k < m_k; ++k) m_centroids.row(k) = X.row(seeds[static_cast<size_t>(k)]);
    m_initialCentroids = m_centroids;
    m_labels = std::make_shared<std::vector<uint8_t>>();
    ++m_labelsVersion;
    m_sizes.assign(static_cast<size_t>(m_k), 0);
    m_changed = 0;
    m_phase = KMeansPhase::Init;
    m_firstAssignDone = false;
    m_converged = false;
    m_iteration = 0;
    m_stepCount = 0;
    m_objective = std::numeric_limits<double>::quiet_NaN();
    m_objPerIter.clear();
    m_objHistory.clear();
    m_trail = {m_centroids};
    m_events = {{ModelEvent::Kind::Info,
                 std::string("picked ") + std::to_string(m_k) + " seeds by " + initName(m_init)}};
}

bool KMeans::finished() const { return m_converged || m_iteration >= m_maxIter; }

void KMeans::step() {
    if (finished() || !m_data) return;
    m_events.clear();
    if (m_phase == KMeansPhase::Assign) updateStep();
    else assignStep();
    ++m_stepCount;
}

void KMeans::record(double objective, bool perIteration) {
    m_objective = objective;
    m_objHistory.push_back(objective);
    if (perIteration) m_objPerIter.push_back(objective);
}

void KMeans::assignStep() {
    kernels::AssignInput in{m_data->X,
                            m_distance == KMeansDistance::Cosine ? &m_normalised : nullptr,
                            m_centroids, m_distance, m_soft, m_beta, m_threads,
                            m_rows.size() > 0 ? &m_rows : nullptr};
    // Reuse the buffer of the labels before last when no snapshot holds it any more.
    auto labels = m_spareLabels && m_spareLabels.use_count() == 1
                      ? std::move(m_spareLabels)
                      : std::make_shared<std::vector<uint8_t>>();
    const std::vector<uint8_t>* previous = m_labels->empty() ? nullptr : m_labels.get();
    auto resp = m_soft ? std::make_shared<Eigen::MatrixXf>() : nullptr;
    kernels::AssignResult r = kernels::assign(in, previous, *labels, resp.get());
    m_spareLabels = std::move(m_labels);
    m_labels = std::move(labels);
    m_resp = std::move(resp);
    ++m_labelsVersion;
    m_assignCentroids = m_centroids;
    m_sums = std::move(r.sums);
    m_weights = std::move(r.weights);
    m_clusterJ = std::move(r.clusterObjective);
    m_memberNorms = std::move(r.memberNorms);
    m_sizes = std::move(r.sizes);
    m_changed = previous ? r.changed : m_data->n();
    const double objective = r.objective;
    const bool first = !m_firstAssignDone;
    m_firstAssignDone = true;
    m_phase = KMeansPhase::Assign;
    if (m_soft) {
        if (!first && std::abs(m_lastAssignObjective - objective) <= m_tol * std::abs(objective))
            m_converged = true;
    } else if (!first && m_changed == 0) {
        m_converged = true;
    }
    m_lastAssignObjective = objective;
    record(objective, first);
    if (m_converged)
        m_events.push_back({ModelEvent::Kind::Info,
                            "converged after " + std::to_string(m_iteration) + " iterations"});
}

void KMeans::updateStep() {
    const Matrix old = m_centroids;
    double objective = 0;
    if (m_distance == KMeansDistance::L1) {
        m_centroids = kernels::medians(m_data->X, *m_labels, m_centroids);
    } else {
        for (int k = 0; k < m_k; ++k) {
            if (m_weights[k] <= 0) continue;
            if (m_distance == KMeansDistance::Cosine) {
                // Spherical k-means: the new direction is Σ x̂ = N_k μ̂_old + Σ(x̂ − μ̂_old),
                // normalised; the centroid is drawn at its members' mean length.
                const Eigen::RowVectorXd sum =
                    unitRow(m_assignCentroids, k) * m_weights[k] + m_sums.row(k);
                const double norm = sum.norm();
                if (norm > 0)
                    m_centroids.row(k) =
                        (sum / norm * (m_memberNorms[k] / m_weights[k])).cast<float>();
            } else {
                // Σ (x − μ_old) / N_k, kept relative to the old centroid for accuracy.
                m_centroids.row(k) = (old.row(k).cast<double>() + m_sums.row(k) / m_weights[k])
                                         .cast<float>();
            }
        }
    }
    relocateEmptyClusters(m_events);
    objective = objectiveForCurrentLabels();
    ++m_iteration;
    m_phase = KMeansPhase::Update;
    record(objective, true);
    m_trail.push_back(m_centroids);
    if (m_trail.size() > kMaxTrail) m_trail.erase(m_trail.begin() + 1);
    if (m_iteration >= m_maxIter && !m_converged)
        m_events.push_back({ModelEvent::Kind::Warning,
                            "stopped at the iteration limit (max-iter = " +
                                std::to_string(m_maxIter) + ") before converging"});
}

void KMeans::relocateEmptyClusters(std::vector<ModelEvent>& events) {
    if (m_soft) return; // responsibilities are never exactly zero for every point
    std::vector<float> own; // distance of each point to its centroid, computed only if needed
    std::vector<uint8_t> taken;
    for (int k = 0; k < m_k; ++k) {
        if (m_sizes[static_cast<size_t>(k)] > 0) continue;
        if (own.empty() && m_emptyPolicy == EmptyClusterPolicy::FarthestPoint) {
            own.resize(static_cast<size_t>(m_data->n()));
            taken.assign(own.size(), 0);
            for (int i = 0; i < m_data->n(); ++i)
                own[i] = static_cast<float>(kernels::pointDistance(
                    m_data->X, m_normalised, i,
                    m_assignCentroids.row((*m_labels)[i]).cast<double>().transpose(),
                    m_distance));
        }
        if (m_emptyPolicy == EmptyClusterPolicy::Keep) {
            events.push_back({ModelEvent::Kind::Warning,
                              "cluster " + std::to_string(k + 1) + " is empty; kept in place"});
            continue;
        }
        // Farthest point from its own centroid (sklearn's relocation rule, simplified): it is
        // the worst-served point, so the next assignment gives it — at least — to cluster k.
        int best = -1;
        float bestDist = -1;
        for (size_t i = 0; i < own.size(); ++i)
            if (!taken[i] && own[i] > bestDist) {
                bestDist = own[i];
                best = static_cast<int>(i);
            }
        if (best < 0) continue;
        taken[static_cast<size_t>(best)] = 1;
        m_centroids.row(k) = m_data->X.row(best);
        events.push_back({ModelEvent::Kind::Warning,
                          "cluster " + std::to_string(k + 1) +
                              " was empty: re-seeded at point #" + std::to_string(best + 1) +
                              ", the point farthest from its centroid"});
    }
}

double KMeans::objectiveForCurrentLabels() const {
    switch (m_distance) {
    case KMeansDistance::L1:
        return kernels::objectiveL1(m_data->X, *m_labels, m_centroids, m_threads);
    case KMeansDistance::Cosine: {
        // As for L2 below, between unit vectors: ½ Σ‖x̂ − μ̂_new‖², exact from the statistics.
        double j = 0;
        for (int k = 0; k < m_k; ++k) {
            const Eigen::RowVectorXd delta =
                unitRow(m_centroids, k) - unitRow(m_assignCentroids, k);
            j += m_clusterJ[k] - 2 * delta.dot(m_sums.row(k)) + m_weights[k] * delta.squaredNorm();
        }
        return 0.5 * j;
    }
    case KMeansDistance::L2: break;
    }
    // With S1_k = Σ (x − μ_old) and S2_k = Σ ‖x − μ_old‖² (weighted by r_nk when soft):
    // Σ ‖x − μ_new‖² = S2_k − 2δ·S1_k + N_k‖δ‖², δ = μ_new − μ_old; exact, one pass saved.
    double j = m_soft ? m_lastAssignObjective : 0;
    const Matrix& oldC = m_assignCentroids;
    for (int k = 0; k < m_k; ++k) {
        const Eigen::RowVectorXd delta =
            m_centroids.row(k).cast<double>() - oldC.row(k).cast<double>();
        const double quad =
            m_clusterJ[k] - 2 * delta.dot(m_sums.row(k)) + m_weights[k] * delta.squaredNorm();
        j += m_soft ? quad - m_clusterJ[k] : quad;
    }
    return j;
}

void KMeans::setInitialCentroids(const Matrix& centroids) {
    if (m_stepCount != 0 || m_phase != KMeansPhase::Init)
        throw std::logic_error("k-means: initial centroids can only be set before the first step");
    if (centroids.rows() != m_k || centroids.cols() != m_centroids.cols())
        throw std::invalid_argument("k-means: initial centroids must be " + std::to_string(m_k) +
                                    " × " + std::to_string(m_centroids.cols()));
    if (!centroids.allFinite())
        throw std::invalid_argument("k-means: initial centroids must be finite numbers");
    m_centroids = centroids;
    m_initialCentroids = centroids;
    m_trail = {m_centroids};
    m_events = {{ModelEvent::Kind::Info, "initial centroids given"}};
}

void KMeans::setCentroid(int k, const Vector& position) {
    if (k < 0 || k >= m_k || position.size() != m_centroids.cols())
        throw std::out_of_range("k-means: no centroid " + std::to_string(k + 1) +
                                " of dimension " + std::to_string(position.size()));
    m_centroids.row(k) = position.transpose();
    m_trail.push_back(m_centroids);
    m_converged = false;
    m_phase = KMeansPhase::Update; // the next step reassigns to the moved centroid
    m_events = {{ModelEvent::Kind::Info, "centroid " + std::to_string(k + 1) + " moved by hand"}};
}

void KMeans::replaceData(const Dataset& data) {
    if (!m_data || data.d() != m_data->d())
        throw std::invalid_argument("k-means: the new data has " + std::to_string(data.d()) +
                                    " features, the model " +
                                    std::to_string(m_data ? m_data->d() : 0));
    if (data.n() < m_k)
        throw std::invalid_argument("k-means: K = " + std::to_string(m_k) +
                                    " clusters need at least " + std::to_string(m_k) + " points");
    m_data = std::make_shared<const Dataset>(data);
    prepareData();
    m_labels = std::make_shared<std::vector<uint8_t>>();
    ++m_labelsVersion;
    m_firstAssignDone = false;
    m_converged = false;
    m_phase = KMeansPhase::Update;
    m_events = {{ModelEvent::Kind::Info, "data edited: " + std::to_string(data.n()) + " points"}};
}

const char* KMeans::phaseLabel(KMeansPhase phase, bool converged) {
    if (converged) return "converged!";
    switch (phase) {
    case KMeansPhase::Init: return "pick seeds";
    case KMeansPhase::Assign: return "reassign points to the nearest centroid";
    case KMeansPhase::Update: return "compute centroids";
    }
    return "";
}

SnapshotPtr KMeans::snapshot() const {
    auto s = std::make_shared<KMeansSnapshot>();
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_iteration;
    s->phase = m_converged ? "converged"
               : m_phase == KMeansPhase::Init ? "init"
               : m_phase == KMeansPhase::Assign ? "assign" : "update";
    s->phaseLabel = phaseLabel(m_phase, m_converged);
    s->converged = m_converged;
    s->finished = finished();
    s->objective = m_objective;
    s->events = m_events;
    s->data = m_data;
    s->centroids = m_centroids;
    s->initialCentroids = m_initialCentroids;
    s->labels = m_labels->empty() ? nullptr : m_labels;
    s->labelsVersion = m_labelsVersion;
    s->clusterSizes = m_sizes;
    s->changed = m_changed;
    s->objectivePerIteration = m_objPerIter;
    s->objectiveHistory = m_objHistory;
    s->trail = m_trail;
    s->kmeansPhase = m_phase;
    s->distance = m_distance;
    s->soft = m_soft;
    s->beta = m_beta;
    s->rngState = m_rng.state();
    s->firstAssignDone = m_firstAssignDone;
    s->lastAssignObjective = m_lastAssignObjective;
    s->assignCentroids = m_assignCentroids;
    s->responsibilities = m_resp;
    return s;
}

bool KMeans::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const KMeansSnapshot*>(&snap);
    if (!s || !s->data || s->centroids.rows() != m_k) return false;
    if (s->data != m_data) { // data sets are immutable: the same one needs no new copies
        m_data = s->data;
        prepareData();
    }
    m_centroids = s->centroids;
    m_initialCentroids = s->initialCentroids;
    // Safe: a labels buffer is only ever written when no one else holds it (use_count() == 1).
    m_labels = s->labels ? std::const_pointer_cast<std::vector<uint8_t>>(s->labels)
                         : std::make_shared<std::vector<uint8_t>>();
    m_spareLabels.reset();
    m_labelsVersion = s->labelsVersion;
    m_sizes = s->clusterSizes;
    m_changed = s->changed;
    m_objPerIter = s->objectivePerIteration;
    m_objHistory = s->objectiveHistory;
    m_trail = s->trail;
    m_phase = s->kmeansPhase;
    m_converged = s->converged;
    m_iteration = s->iteration;
    m_stepCount = s->stepCount;
    m_objective = s->objective;
    m_rng.setState(s->rngState);
    m_firstAssignDone = s->firstAssignDone;
    m_events.clear();
    m_lastAssignObjective = s->lastAssignObjective;
    m_assignCentroids = s->assignCentroids;
    m_resp = s->responsibilities;
    if (m_phase == KMeansPhase::Assign) {
        // The update needs the assignment's sufficient statistics: recompute them with the same
        // deterministic kernel from the same centroids, which gives the same labels again.
        std::vector<uint8_t> labels;
        Eigen::MatrixXf resp;
        kernels::AssignInput in{m_data->X,
                                m_distance == KMeansDistance::Cosine ? &m_normalised : nullptr,
                                m_assignCentroids, m_distance, m_soft, m_beta, m_threads,
                                m_rows.size() > 0 ? &m_rows : nullptr};
        kernels::AssignResult r =
            kernels::assign(in, nullptr, labels, m_soft ? &resp : nullptr);
        m_sums = std::move(r.sums);
        m_weights = std::move(r.weights);
        m_clusterJ = std::move(r.clusterObjective);
        m_memberNorms = std::move(r.memberNorms);
    }
    return true;
}

std::vector<double> elbowCurve(std::shared_ptr<const Dataset> data, const Params& params, int kMax,
                               int nInit, uint64_t seed, const std::atomic<bool>* cancel) {
    std::vector<double> best;
    const int limit = std::min(kMax, data ? data->n() : 0);
    for (int k = 1; k <= limit; ++k) {
        double bestJ = std::numeric_limits<double>::infinity();
        for (int r = 0; r < nInit; ++r) {
            if (cancel && cancel->load()) return best;
            Params p = params;
            p.set("k", static_cast<int64_t>(k));
            KMeans km;
            km.reset(data, p, seed + 1000ull * static_cast<uint64_t>(k) + static_cast<uint64_t>(r));
            while (!km.finished()) {
                if (cancel && cancel->load()) return best;
                km.step();
            }
            bestJ = std::min(bestJ, km.snapshot()->objective);
        }
        best.push_back(bestJ);
    }
    return best;
}

} // namespace latentlab::core
