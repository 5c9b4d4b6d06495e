#include "core/pca.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace latentlab::core {

namespace {

constexpr size_t kMaxTrace = 4096;
constexpr int kMaxFeatures = 4096;

/// Angle between the lines through unit vectors a and b, in degrees in [0, 90]. The half-angle
/// form stays accurate for tiny angles, where acos(a·b) loses half the digits.
double lineAngleDeg(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const Eigen::VectorXd c = a.dot(b) < 0 ? Eigen::VectorXd(-b) : b;
    return 2 * std::atan2((a - c).norm(), (a + c).norm()) * 180.0 / M_PI;
}

std::string fmt(double v, const char* spec = "%.4g") {
    char buf[64];
    std::snprintf(buf, sizeof buf, spec, v);
    return buf;
}

struct Fitted {
    std::shared_ptr<const PcaResult> exact;
    std::shared_ptr<const Eigen::MatrixXd> S;
    std::shared_ptr<const Eigen::MatrixXf> Z;
};

/// Exact PCA and S of `data` (and z for Oja); throws before the model changes anything.
Fitted fit(const Dataset& data, bool standardize, bool needCentred) {
    if (data.d() > kMaxFeatures)
        throw std::invalid_argument(
            "PCA step by step keeps the d × d covariance; d = " + std::to_string(data.d()) +
            " features is more than " + std::to_string(kMaxFeatures));
    Eigen::MatrixXd S;
    auto exact = std::make_shared<const PcaResult>(fitPca(data.X, {standardize}, &S));
    Fitted f{exact, std::make_shared<const Eigen::MatrixXd>(std::move(S)), nullptr};
    if (needCentred) f.Z = std::make_shared<const Eigen::MatrixXf>(exact->centre(data.X));
    return f;
}

} // namespace

size_t PcaSnapshot::byteSize() const {
    // Not counted: the shared buffers (exact, S, S_i, z, the Oja order), made once per reset,
    // per deflation and (the order) per pass over the data, and held by many snapshots.
    return sizeof(*this) + (found.size() + u.size() + warmStarts.size()) * sizeof(double) +
           trace.size() * sizeof(PcaTracePoint) + iterationsPerComponent.size() * sizeof(int64_t);
}

std::vector<ParamSpec> Pca::specs() {
    return {
        intParam("components", "Components",
                 "principal components to find, one after the other (clipped to d)", 2, 1, 64),
        choiceParam("method", "Method",
                    "power-iteration: u ← Su/‖Su‖; oja: Oja's rule (1982) on mini-batches",
                    {"power-iteration", "oja"}, "power-iteration"),
        boolParam("unit-variance", "Scale to unit variance",
                  "divide each centred feature by its standard deviation (lecture 000:356); "
                  "the data are always centred",
                  false),
        intParam("max-iter", "Max steps per component",
                 "accept a component after this many updates even if it still turns", 1000, 1,
                 1000000),
        realParam("tol", "Tolerance (degrees)",
                  "a component is found when a power step would turn u by less than this angle",
                  1e-2, 1e-7, 10, true),
        realParam("learning-rate", "Learning rate (Oja)",
                  "Oja step size η in units of 1/‖S‖_F (≤ 1 is stable for any data scale)", 1.0,
                  1e-4, 1, true),
        intParam("batch-size", "Batch size (Oja)",
                 "samples per Oja update in the first pass over the data; doubles every pass", 32,
                 1, 4096),
    };
}

void Pca::reset(const Dataset& data, const Params& params, uint64_t seed) {
    reset(std::make_shared<const Dataset>(data), params, seed);
}

void Pca::reset(std::shared_ptr<const Dataset> data, const Params& params, uint64_t seed) {
    if (!data) throw std::invalid_argument("PCA: no data set");
    const auto method =
        params.getChoice("method") == "oja" ? PcaMethod::Oja : PcaMethod::PowerIteration;
    const bool standardize = params.getBool("unit-variance");
    const int asked = static_cast<int>(params.getInt("components"));
    Fitted f = fit(*data, standardize, method == PcaMethod::Oja);

    m_data = std::move(data);
    m_method = method;
    m_standardize = standardize;
    m_requested = std::min(asked, m_data->d());
    m_maxIter = params.getInt("max-iter");
    m_tolDeg = params.getReal("tol");
    m_learningRate = params.getReal("learning-rate");
    m_batchSize = static_cast<int>(params.getInt("batch-size"));
    m_rng.reseed(seed);
    m_exact = std::move(f.exact);
    m_S = std::move(f.S);
    m_Z = std::move(f.Z);
    m_warm.resize(m_data->d(), 0);
    m_events.clear();
    if (asked > m_requested)
        m_events.push_back({ModelEvent::Kind::Info,
                            "components: " + std::to_string(asked) +
                                " asked, the data have d = " + std::to_string(m_requested) +
                                " features; finding " + std::to_string(m_requested)});
    m_stepCount = 0;
    m_iteration = 0;
    m_trace.clear();
    m_limitHit = false;
    startOver();
}

void Pca::startOver() {
    const int d = m_data->d();
    m_found.resize(d, 0);
    m_foundVar.resize(0);
    m_iters.clear();
    m_Sdef = m_S;
    m_sdefNorm = m_S->norm();
    m_componentDone = false;
    m_phase = PcaPhase::Init;
    startComponent();
    m_events.push_back(
        {ModelEvent::Kind::Info, "centred" + std::string(m_standardize ? " and scaled" : "") +
                                     " the data; start vector for component 1 drawn" +
                                     (m_warm.cols() ? " from the previous fit" : " at random")});
}

void Pca::startComponent() {
    const int d = m_data->d();
    const int i = static_cast<int>(m_found.cols());
    Eigen::VectorXd v = i < m_warm.cols() ? Eigen::VectorXd(m_warm.col(i)) : Eigen::VectorXd();
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (v.size() == 0) {
            v.resize(d);
            for (int j = 0; j < d; ++j)
                v[j] = m_rng.normal();
        }
        // Twice Gram-Schmidt against the found components ("twice is enough", Parlett).
        for (int pass = 0; pass < 2; ++pass)
            v -= m_found * (m_found.transpose() * v);
        if (v.norm() > 1e-6) break;
        v.resize(0); // inside the span of the found ones: draw again
    }
    v.normalize();
    if (i < m_exact->count() && v.dot(m_exact->components.col(i).cast<double>()) < 0) v = -v;
    m_u = v;
    m_batchPos = 0;
    m_epoch = 0;
    m_angleChange = std::numeric_limits<double>::quiet_NaN();
    m_residual = residualAngle();
    m_iters.push_back(0);
    if (m_method == PcaMethod::Oja) shuffleOrder();
}

void Pca::shuffleOrder() {
    auto order = std::make_shared<std::vector<int>>(static_cast<size_t>(m_data->n()));
    std::iota(order->begin(), order->end(), 0);
    for (size_t k = order->size(); k > 1; --k)
        std::swap((*order)[k - 1], (*order)[m_rng.below(k)]);
    m_order = std::move(order);
}

void Pca::step() {
    if (finished() || !m_data) return;
    m_events.clear();
    if (m_componentDone) {
        deflate();
    } else {
        m_phase = PcaPhase::Iterate;
        iterate();
    }
    ++m_stepCount;
}

void Pca::iterate() {
    const int i = static_cast<int>(m_found.cols());
    // No variance left in S_i (more components asked than the rank): u is already an
    // eigenvector (eigenvalue 0), as is every direction orthogonal to the found ones.
    const bool empty = noVarianceLeft();
    if (!empty && (*m_Sdef * m_u).norm() <= 1e-14 * m_sdefNorm) {
        // u lies in S_i's null space while variance is left elsewhere: neither update could
        // ever leave it, so start again from a random vector.
        m_events.push_back({ModelEvent::Kind::Warning,
                            "the estimate had no variance along it; drew a new start vector"});
        m_warm.conservativeResize(Eigen::NoChange, std::min<Eigen::Index>(m_warm.cols(), i));
        m_iters.pop_back();
        startComponent();
    }
    const Eigen::VectorXd before = m_u;
    if (!empty) {
        if (m_method == PcaMethod::Oja)
            ojaUpdate();
        else
            m_u = (*m_Sdef * m_u).normalized();
    }
    m_angleChange = lineAngleDeg(before, m_u);
    m_residual = residualAngle();
    ++m_iters.back();
    ++m_iteration;
    m_trace.push_back({i, m_u.dot(*m_S * m_u), angleToExact(m_u, i), m_residual});
    if (m_trace.size() > kMaxTrace + kMaxTrace / 4)
        m_trace.erase(m_trace.begin(), m_trace.end() - static_cast<std::ptrdiff_t>(kMaxTrace));
    if (empty)
        m_events.push_back({ModelEvent::Kind::Info,
                            "no variance left after " + std::to_string(i) +
                                " components: any direction orthogonal to them is component " +
                                std::to_string(i + 1) + " (eigenvalue 0)"});
    if (m_residual < m_tolDeg)
        acceptComponent(false);
    else if (m_iters.back() >= m_maxIter)
        acceptComponent(true);
}

bool Pca::noVarianceLeft() const {
    return !(m_sdefNorm > 1e-12 * std::max(m_S->trace(), 1e-300));
}

double Pca::residualAngle() const {
    if (noVarianceLeft()) return 0;
    const Eigen::VectorXd v = *m_Sdef * m_u;
    return v.norm() > 0 ? lineAngleDeg(m_u, v.normalized()) : 90.0;
}

void Pca::ojaUpdate() {
    const Eigen::Index n = m_data->n();
    const Eigen::Index rows = std::min<Eigen::Index>(batchRows(), n - m_batchPos);
    Eigen::MatrixXd Zb(rows, m_data->d());
    for (Eigen::Index r = 0; r < rows; ++r)
        Zb.row(r) = m_Z->row((*m_order)[static_cast<size_t>(m_batchPos + r)]).cast<double>();
    if (m_found.cols()) Zb -= (Zb * m_found) * m_found.transpose(); // deflate the samples
    const Eigen::VectorXd y = Zb * m_u;
    const double eta = m_learningRate / m_sdefNorm;
    m_u += eta / static_cast<double>(rows) * (Zb.transpose() * y - y.squaredNorm() * m_u);
    m_u.normalize();
    m_batchPos += rows;
    if (m_batchPos < n) return;
    m_batchPos = 0;
    ++m_epoch;
    if (batchRows() < n) shuffleOrder(); // a full batch does not depend on the order
}

int64_t Pca::batchRows() const {
    const int64_t n = m_data->n();
    if (m_epoch >= 40) return n;
    return std::min<int64_t>(n, static_cast<int64_t>(m_batchSize) << m_epoch);
}

void Pca::acceptComponent(bool limit) {
    const int i = static_cast<int>(m_found.cols());
    if (i < m_exact->count()) {
        // Oriented like the exact component (which follows the sign rule): the rule itself
        // could pick the other sign when two entries nearly tie, e.g. (1, −1)/√2.
        if (m_u.dot(m_exact->components.col(i).cast<double>()) < 0) m_u = -m_u;
    } else {
        Eigen::MatrixXd u = m_u;
        applySignRule(u);
        m_u = u.col(0);
    }
    m_found.conservativeResize(Eigen::NoChange, i + 1);
    m_found.col(i) = m_u;
    m_foundVar.conservativeResize(i + 1);
    m_foundVar[i] = m_u.dot(*m_S * m_u);
    const std::string which = "component " + std::to_string(i + 1);
    std::string exactText;
    if (i < m_exact->count())
        exactText = " (exact λ = " + fmt(m_exact->explainedVariance[i]) + ", " +
                    fmt(angleToExact(m_u, i), "%.2g") + "° off)";
    if (limit) {
        m_limitHit = true;
        m_events.push_back({ModelEvent::Kind::Warning,
                            which + " stopped at max-iter = " + std::to_string(m_maxIter) +
                                " with a power step still turning it " + fmt(m_residual, "%.2g") +
                                "°; accepted as it is" + exactText});
    } else {
        m_events.push_back({ModelEvent::Kind::Info,
                            which + " found after " + std::to_string(m_iters.back()) +
                                " steps: variance uᵀSu = " + fmt(m_foundVar[i]) + exactText});
    }
    if (m_found.cols() < m_requested) {
        m_componentDone = true;
        return;
    }
    m_phase = PcaPhase::Done;
    m_events.push_back(
        {ModelEvent::Kind::Info, "done: " + std::to_string(m_requested) + " components explain " +
                                     fmt(100 * m_foundVar.sum() / m_exact->totalVariance, "%.1f") +
                                     "% of the variance"});
}

void Pca::deflate() {
    // S_i = (I − P) S (I − P), P = F Fᵀ, without forming the d × d projector.
    const Eigen::MatrixXd& F = m_found;
    const Eigen::MatrixXd A = *m_S - F * (F.transpose() * *m_S);
    Eigen::MatrixXd Sdef = A - (A * F) * F.transpose();
    Sdef = 0.5 * (Sdef + Sdef.transpose()).eval();
    m_sdefNorm = Sdef.norm();
    m_Sdef = std::make_shared<const Eigen::MatrixXd>(std::move(Sdef));
    m_componentDone = false;
    m_phase = PcaPhase::Deflate;
    const int i = static_cast<int>(F.cols());
    startComponent();
    m_events.push_back({ModelEvent::Kind::Info,
                        "deflate: S ← (I − P) S (I − P) removes components 1-" + std::to_string(i) +
                            "; start vector for component " + std::to_string(i + 1)});
}

double Pca::angleToExact(const Eigen::VectorXd& v, int component) const {
    if (component >= m_exact->count()) return std::numeric_limits<double>::quiet_NaN();
    return lineAngleDeg(v, m_exact->components.col(component).cast<double>().normalized());
}

std::string Pca::phaseLabel(PcaPhase phase, PcaMethod method, int component) {
    const std::string c = " (component " + std::to_string(component + 1) + ")";
    switch (phase) {
    case PcaPhase::Init:
        return "start vector" + c;
    case PcaPhase::Iterate:
        return method == PcaMethod::Oja ? "Oja update u ← u + η y (z − y u) on a mini-batch" + c
                                        : "power iteration u ← Su/‖Su‖" + c;
    case PcaPhase::Deflate:
        return "deflate: remove the components found, start" + c;
    case PcaPhase::Done:
        return "done: all components found";
    }
    return "";
}

SnapshotPtr Pca::snapshot() const {
    auto s = std::make_shared<PcaSnapshot>();
    const int current = m_componentDone || m_phase == PcaPhase::Done
                            ? static_cast<int>(m_found.cols()) - 1
                            : static_cast<int>(m_found.cols());
    s->runId = m_runId;
    s->stepCount = m_stepCount;
    s->iteration = m_iteration;
    static const char* names[] = {"init", "iterate", "deflate", "done"};
    s->phase = names[static_cast<int>(m_phase)];
    s->phaseLabel = phaseLabel(m_phase, m_method, current);
    s->converged = converged();
    s->finished = finished();
    s->data = m_data;
    s->events = m_events;
    s->exact = m_exact;
    s->method = m_method;
    s->pcaPhase = m_phase;
    s->requested = m_requested;
    s->current = current;
    s->found = m_found;
    s->foundVariance = m_foundVar;
    s->u = m_u;
    s->rayleigh = m_u.dot(*m_S * m_u);
    s->objective = s->rayleigh;
    s->angleToExactDeg = angleToExact(m_u, current);
    s->angleChangeDeg = m_angleChange;
    s->residualAngleDeg = m_residual;
    s->iterationsPerComponent = m_iters;
    s->explainedVarianceFound = m_foundVar.sum();
    s->explainedVarianceRatioFound =
        m_exact->totalVariance > 0 ? s->explainedVarianceFound / m_exact->totalVariance : 0.0;
    s->trace = m_trace;
    s->covariance = m_S;
    s->deflated = m_Sdef;
    s->centred = m_Z;
    s->order = m_order;
    s->warmStarts = m_warm;
    s->batchPos = m_batchPos;
    s->batchSize = m_method == PcaMethod::Oja ? batchRows() : 0;
    s->epoch = m_epoch;
    s->componentDone = m_componentDone;
    s->limitHit = m_limitHit;
    s->rngState = m_rng.state();
    return s;
}

bool Pca::restore(const Snapshot& snap) {
    const auto* s = dynamic_cast<const PcaSnapshot*>(&snap);
    if (!s || !s->data || !s->exact || !s->covariance || !s->deflated) return false;
    if (s->method != m_method || s->requested != m_requested) return false;
    if (s->method == PcaMethod::Oja && (!s->centred || !s->order)) return false;
    m_data = s->data;
    m_exact = s->exact;
    m_S = s->covariance;
    m_Sdef = s->deflated;
    m_sdefNorm = m_Sdef->norm();
    m_Z = s->centred;
    m_order = s->order;
    m_found = s->found;
    m_foundVar = s->foundVariance;
    m_warm = s->warmStarts;
    m_u = s->u;
    m_residual = s->residualAngleDeg;
    m_batchPos = s->batchPos;
    m_epoch = s->epoch;
    m_iters = s->iterationsPerComponent;
    m_trace = s->trace;
    m_angleChange = s->angleChangeDeg;
    m_phase = s->pcaPhase;
    m_componentDone = s->componentDone;
    m_limitHit = s->limitHit;
    m_stepCount = s->stepCount;
    m_iteration = s->iteration;
    m_rng.setState(s->rngState);
    m_events.clear();
    return true;
}

void Pca::replaceData(const Dataset& data) {
    if (!m_data || data.d() != m_data->d())
        throw std::invalid_argument("PCA: the new data have " + std::to_string(data.d()) +
                                    " features, the model " +
                                    std::to_string(m_data ? m_data->d() : 0));
    Fitted f = fit(data, m_standardize, m_method == PcaMethod::Oja);
    // Start each component from its previous estimate: the axes glide to the new answer.
    Eigen::MatrixXd warm = m_found;
    if (m_phase != PcaPhase::Done && !m_componentDone) {
        warm.conservativeResize(Eigen::NoChange, warm.cols() + 1);
        warm.col(warm.cols() - 1) = m_u;
    }
    m_data = std::make_shared<const Dataset>(data);
    m_exact = std::move(f.exact);
    m_S = std::move(f.S);
    m_Z = std::move(f.Z);
    m_warm = std::move(warm);
    m_limitHit = false;
    m_events = {{ModelEvent::Kind::Info, "data edited: " + std::to_string(data.n()) +
                                             " points; finding the components "
                                             "again from the previous ones"}};
    startOver();
}

} // namespace latentlab::core
