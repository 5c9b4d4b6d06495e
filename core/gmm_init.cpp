// The Gaussian mixture's initialisations and data checks (declared in core/gmm_math.h), apart
// from the E- and M-step numerics in core/gmm_math.cpp.
#include "core/gmm_math.h"

#include "core/kmeans.h"
#include "core/kmeans_kernels.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace latentlab::core::gmm {

InitialGuess initialParameters(const std::shared_ptr<const Dataset>& data, GmmInit init,
                               CovarianceType type, int k, double reg,
                               const Eigen::MatrixXd& dataCov, uint64_t seed, Rng& rng,
                               int threads) {
    const Matrix& X = data->X;
    const int n = data->n();
    InitialGuess g;
    g.lowMass.assign(static_cast<size_t>(k), 0);
    const auto mStepFrom = [&](const Eigen::MatrixXf& resp, const Eigen::MatrixXd& centres) {
        g.theta =
            mStep(statistics(X, resp, centres, threads), type, reg, kCollapseMass * n, g.lowMass);
    };
    switch (init) {
    case GmmInit::KMeans: {
        KMeans km;
        km.setThreads(threads);
        Params p(KMeans::specs());
        p.set("k", int64_t{k});
        p.set("init", std::string("kmeans++"));
        km.reset(data, p, seed);
        while (!km.finished())
            km.step();
        Eigen::MatrixXf resp = Eigen::MatrixXf::Zero(n, k);
        for (int i = 0; i < n; ++i)
            resp(i, km.labels()[static_cast<size_t>(i)]) = 1;
        mStepFrom(resp, km.centroids().cast<double>());
        g.description = "initialised by k-means (" + std::to_string(km.iteration()) +
                        " iterations) and one M-step on its clusters";
        break;
    }
    case GmmInit::KMeansPlusPlus:
    case GmmInit::RandomPoints: {
        const bool pp = init == GmmInit::KMeansPlusPlus;
        const std::vector<int> seeds =
            core::kernels::pickSeeds(X, Matrix(), k, pp ? KMeansInit::KMeansPlusPlus : KMeansInit::Random,
                               KMeansDistance::L2, rng);
        g.theta.weights = Eigen::VectorXd::Constant(k, 1.0 / k);
        g.theta.means.resize(k, data->d());
        for (int j = 0; j < k; ++j)
            g.theta.means.row(j) = X.row(seeds[static_cast<size_t>(j)]).cast<double>();
        g.theta.covariances.assign(static_cast<size_t>(k), dataCov);
        g.description = "means at " + std::to_string(k) +
                        (pp ? " k-means++ seeds" : " random data points") +
                        ", each covariance = the data's covariance";
        break;
    }
    case GmmInit::RandomResponsibilities: {
        // sklearn's "random": uniform draws normalised per row (drawn row by row).
        Eigen::MatrixXf resp(n, k);
        Eigen::VectorXd row(k);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < k; ++j)
                row(j) = rng.uniform();
            resp.row(i) = (row / row.sum()).cast<float>().transpose();
        }
        Eigen::VectorXd mean;
        Eigen::MatrixXd S;
        dataMoments(X, mean, S);
        mStepFrom(resp, mean.transpose().replicate(k, 1));
        g.description = "initialised by one M-step on random responsibilities";
        break;
    }
    }
    return g;
}

DataFacts checkData(const Dataset& data, int k, CovarianceType type, double reg) {
    if (data.d() < 1) throw std::invalid_argument("Gaussian mixture: the data set has no features");
    if (data.n() < k)
        throw std::invalid_argument("Gaussian mixture: K = " + std::to_string(k) +
                                    " components need at least " + std::to_string(k) +
                                    " points, the data set has " + std::to_string(data.n()));
    if (!data.X.allFinite())
        throw std::invalid_argument("Gaussian mixture: the data contain NaN or infinite values");
    DataFacts f;
    Eigen::MatrixXd S;
    dataMoments(data.X, f.mean, S);
    f.pivotFloor = kSingularPivot * S.trace() / data.d();
    f.cov = constrain(S, type) + reg * Eigen::MatrixXd::Identity(data.d(), data.d());
    std::vector<char> ok;
    factorise({Eigen::VectorXd::Ones(1), f.mean.transpose(), {f.cov}}, f.pivotFloor, ok);
    if (!ok[0])
        throw std::invalid_argument(
            "Gaussian mixture: the data's covariance is singular (a constant feature, or all "
            "points on a line or plane), so no Gaussian fits it; set --reg-covar above 0, e.g. "
            "1e-6");
    return f;
}

void dataMoments(const Matrix& X, Eigen::VectorXd& mean, Eigen::MatrixXd& cov) {
    const int n = static_cast<int>(X.rows());
    const int d = static_cast<int>(X.cols());
    mean = Eigen::VectorXd::Zero(d);
    for (int s = 0; s < n; s += kChunk)
        mean += X.middleRows(s, std::min(kChunk, n - s)).cast<double>().colwise().sum().transpose();
    mean /= std::max(n, 1);
    cov = Eigen::MatrixXd::Zero(d, d);
    for (int s = 0; s < n; s += kChunk) {
        const Eigen::MatrixXd diff =
            X.middleRows(s, std::min(kChunk, n - s)).cast<double>().rowwise() - mean.transpose();
        cov.noalias() += diff.transpose() * diff;
    }
    cov /= std::max(n, 1);
}

Eigen::MatrixXd constrain(const Eigen::MatrixXd& S, CovarianceType type) {
    switch (type) {
    case CovarianceType::Diagonal:
        return S.diagonal().asDiagonal();
    case CovarianceType::Spherical:
        return (S.trace() / static_cast<double>(S.rows())) *
               Eigen::MatrixXd::Identity(S.rows(), S.cols());
    case CovarianceType::Full:
    case CovarianceType::Tied:
        break;
    }
    return S;
}

} // namespace latentlab::core::gmm
