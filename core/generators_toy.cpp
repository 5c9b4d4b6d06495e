// The 2-D toy sets for GANs and diffusion (grid25, swiss-roll, spiral, line) and the mode
// centres of the mixtures, for the sample-quality score (core/sample_metrics.h).
#include "core/generators.h"
#include "core/generators_detail.h"

#include <cmath>

namespace latentlab::core {

using namespace detail;

Matrix ringCentres(int64_t k) {
    checkK(k);
    constexpr double kRadius = 2.0; // as makeRing()
    Matrix c(k, 2);
    for (int64_t i = 0; i < k; ++i) {
        const double angle = 2 * kPi * static_cast<double>(i) / static_cast<double>(k);
        c(i, 0) = static_cast<float>(kRadius * std::cos(angle));
        c(i, 1) = static_cast<float>(kRadius * std::sin(angle));
    }
    return c;
}

Matrix grid25Centres() {
    Matrix c(25, 2);
    for (int label = 0; label < 25; ++label) {
        c(label, 0) = static_cast<float>(2 * (label % 5) - 4);
        c(label, 1) = static_cast<float>(2 * (label / 5) - 4);
    }
    return c;
}

Dataset makeGrid25(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    const Matrix centres = grid25Centres();
    Rng rng(seed);
    Dataset d = make2d("grid25", n, numberNames(25));
    for (int64_t i = 0; i < n; ++i) {
        const auto c = static_cast<Eigen::Index>(rng.below(25));
        d.X(i, 0) = static_cast<float>(centres(c, 0) + noise * rng.normal());
        d.X(i, 1) = static_cast<float>(centres(c, 1) + noise * rng.normal());
        d.labels[static_cast<size_t>(i)] = static_cast<int>(c);
    }
    return d;
}

Dataset makeSwissRoll(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    constexpr double kScale = 0.1; // the tutorials' "/ 10"
    Rng rng(seed);
    Dataset d = make2d("swiss-roll", n, {"roll"});
    for (int64_t i = 0; i < n; ++i) {
        const double t = 1.5 * kPi * (1 + 2 * rng.uniform()); // make_swiss_roll, hole=False
        d.X(i, 0) = static_cast<float>(kScale * t * std::cos(t));
        d.X(i, 1) = static_cast<float>(kScale * t * std::sin(t));
        d.labels[static_cast<size_t>(i)] = 0;
    }
    addNoise(d, noise, rng);
    return d;
}

Dataset makeSpiral(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    Rng rng(seed);
    Dataset d = make2d("spiral", n, {"spiral"});
    for (int64_t i = 0; i < n; ++i) {
        const double theta = 3 * kPi * std::sqrt(rng.uniform()); // evenly along the arm
        const double r = theta / (2 * kPi);
        d.X(i, 0) = static_cast<float>(r * std::cos(theta));
        d.X(i, 1) = static_cast<float>(r * std::sin(theta));
        d.labels[static_cast<size_t>(i)] = 0;
    }
    addNoise(d, noise, rng);
    return d;
}

Dataset makeLine(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    Rng rng(seed);
    Dataset d = make2d("line", n, {"line"});
    for (int64_t i = 0; i < n; ++i) {
        const auto u = static_cast<float>(rng.uniform(-1.0, 1.0));
        d.X(i, 0) = u;
        d.X(i, 1) = u;
        d.labels[static_cast<size_t>(i)] = 0;
    }
    addNoise(d, noise, rng);
    return d;
}

} // namespace latentlab::core
