#include "core/sample_metrics.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace latentlab::core {

namespace {

[[noreturn]] void fail(const std::string& message) {
    throw std::invalid_argument(message);
}

void checkPoints(const char* function, const char* name, const Matrix& m) {
    if (m.rows() < 1 || m.cols() < 1) {
        std::ostringstream os;
        os << function << ": " << name << " is empty (" << m.rows() << " × " << m.cols() << ")";
        fail(os.str());
    }
    if (!m.allFinite()) fail(std::string(function) + ": " + name + " has a NaN or infinite value");
}

void checkSameDimension(const char* function, const char* aName, const Matrix& a, const char* bName,
                        const Matrix& b) {
    checkPoints(function, aName, a);
    checkPoints(function, bName, b);
    if (a.cols() == b.cols()) return;
    std::ostringstream os;
    os << function << ": " << aName << " has " << a.cols() << " columns but " << bName << " has "
       << b.cols();
    fail(os.str());
}

int threadCount(int requested) {
    return requested > 0 ? requested : omp_get_max_threads();
}

constexpr Eigen::Index kBlock = 256;     // float partial sums over at most this many terms
constexpr double kParallelPairs = 1 << 23; // pairs from which the rows are split among threads

/// Σ_{j ∈ [from, B.rows())} ‖a − b_j‖ for the row a = A.row(i); `buffer` has B.rows() entries.
/// Distances in float (vectorised), summed in float over blocks of kBlock, blocks in double.
double rowDistanceSum(const Matrix& A, Eigen::Index i, const Matrix& B, Eigen::Index from,
                      Eigen::ArrayXf& buffer) {
    const Eigen::Index m = B.rows();
    if (from >= m) return 0.0;
    double total = 0;
    const Eigen::Index count = m - from;
    auto sq = buffer.head(count);
    if (B.cols() == 2) { // the common 2-D case in one pass
        sq = (B.col(0).tail(count).array() - A(i, 0)).square() +
             (B.col(1).tail(count).array() - A(i, 1)).square();
    } else {
        sq = (B.col(0).tail(count).array() - A(i, 0)).square();
        for (Eigen::Index k = 1; k < B.cols(); ++k)
            sq += (B.col(k).tail(count).array() - A(i, k)).square();
    }
    sq = sq.sqrt(); // Eigen's vectorised sqrt (std::sqrt in a loop is not: errno)
    for (Eigen::Index start = 0; start < count; start += kBlock)
        total += sq.segment(start, std::min(kBlock, count - start)).sum();
    return total;
}

/// Σ_i Σ_j ‖a_i − b_j‖ (symmetric: A and B the same set, Σ over j > i only, times 2).
double pairDistanceSum(const Matrix& A, const Matrix& B, bool symmetric, int threads) {
    const Eigen::Index n = A.rows();
    std::vector<double> rows(static_cast<size_t>(n)); // per row, summed in order: deterministic
    // Threads only pay off for more than ~8M pairs (a few ms of work; 2000 × 2000 in 2-D takes
    // 3.6 ms on one core): below that, starting and joining them costs more than they save.
    const double pairs = static_cast<double>(n) * static_cast<double>(B.rows()) / (symmetric ? 2 : 1);
#pragma omp parallel num_threads(threadCount(threads)) if (pairs > kParallelPairs)
    {
        Eigen::ArrayXf buffer(B.rows());
#pragma omp for schedule(dynamic, 16)
        for (Eigen::Index i = 0; i < n; ++i)
            rows[static_cast<size_t>(i)] = rowDistanceSum(A, i, B, symmetric ? i + 1 : 0, buffer);
    }
    double total = 0;
    for (double r : rows) total += r;
    return symmetric ? 2 * total : total;
}

} // namespace

double meanPairDistance(const Matrix& A, const Matrix& B, int threads) {
    checkSameDimension("meanPairDistance", "A", A, "B", B);
    return pairDistanceSum(A, B, false, threads) / (static_cast<double>(A.rows()) * B.rows());
}

double energyDistance(const Matrix& X, const Matrix& Y, int threads) {
    checkSameDimension("energyDistance", "X", X, "Y", Y);
    const double n = static_cast<double>(X.rows()), m = static_cast<double>(Y.rows());
    const double xy = pairDistanceSum(X, Y, false, threads) / (n * m);
    const double xx = pairDistanceSum(X, X, true, threads) / (n * n);
    const double yy = pairDistanceSum(Y, Y, true, threads) / (m * m);
    return std::max(2 * xy - xx - yy, 0.0);
}

ModeQuality modeQuality(const Matrix& samples, const Matrix& centres, double sigma,
                        int64_t minSamplesPerMode) {
    checkSameDimension("modeQuality", "samples", samples, "centres", centres);
    if (!(sigma > 0.0) || !std::isfinite(sigma)) {
        std::ostringstream os;
        os << "modeQuality: σ must be positive and finite, got " << sigma;
        fail(os.str());
    }
    if (minSamplesPerMode < 1)
        fail("modeQuality: minSamplesPerMode must be at least 1, got " +
             std::to_string(minSamplesPerMode));
    const double radius2 = 9.0 * sigma * sigma; // (3σ)²
    ModeQuality q;
    q.highQualityPerMode.assign(static_cast<size_t>(centres.rows()), 0);
    int64_t highQuality = 0;
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
        double best = std::numeric_limits<double>::infinity();
        Eigen::Index nearest = 0;
        for (Eigen::Index c = 0; c < centres.rows(); ++c) {
            const double d2 = (samples.row(i).cast<double>() - centres.row(c).cast<double>()).squaredNorm();
            if (d2 < best) {
                best = d2;
                nearest = c;
            }
        }
        if (best <= radius2) {
            ++highQuality;
            ++q.highQualityPerMode[static_cast<size_t>(nearest)];
        }
    }
    for (int64_t count : q.highQualityPerMode)
        if (count >= minSamplesPerMode) ++q.modesCovered;
    q.highQualityFraction = static_cast<double>(highQuality) / static_cast<double>(samples.rows());
    return q;
}

} // namespace latentlab::core
