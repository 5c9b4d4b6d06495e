#include "core/generators.h"
#include "core/generators_detail.h"

#include "core/rng.h"

#include <cmath>
#include <sstream>
#include <utility>

namespace latentlab::core {

namespace detail {

void checkN(int64_t n) {
    checkRange<int64_t>("n", n, 1, kGeneratorMaxPoints);
}
void checkNoise(double noise) {
    checkRange<double>("noise", noise, 0.0, kGeneratorMaxNoise);
}
void checkK(int64_t k) {
    checkRange<int64_t>("k", k, 1, kGeneratorMaxCentres);
}

Dataset make2d(const char* name, int64_t n, std::vector<std::string> labelNames) {
    Dataset d;
    d.name = name;
    d.X.resize(static_cast<Eigen::Index>(n), 2);
    d.featureNames = {"x", "y"};
    d.labels.resize(static_cast<size_t>(n));
    d.labelNames = std::move(labelNames);
    return d;
}

std::vector<std::string> numberNames(int64_t k) {
    std::vector<std::string> names;
    for (int64_t c = 0; c < k; ++c)
        names.push_back(std::to_string(c));
    return names;
}

void shuffleRows(Dataset& d, Rng& rng) {
    for (Eigen::Index i = d.X.rows() - 1; i > 0; --i) {
        const auto j = static_cast<Eigen::Index>(rng.below(static_cast<uint64_t>(i) + 1));
        std::swap(d.X(i, 0), d.X(j, 0));
        std::swap(d.X(i, 1), d.X(j, 1));
        std::swap(d.labels[static_cast<size_t>(i)], d.labels[static_cast<size_t>(j)]);
    }
}

void addNoise(Dataset& d, double noise, Rng& rng) {
    if (noise == 0.0) return;
    for (Eigen::Index i = 0; i < d.X.rows(); ++i) {
        d.X(i, 0) += static_cast<float>(noise * rng.normal());
        d.X(i, 1) += static_cast<float>(noise * rng.normal());
    }
}

} // namespace detail

using namespace detail;

namespace {

/// make_blobs with a per-blob std: draws the k centres first, then the points blob by blob.
Dataset blobs(const char* name, int64_t n, int64_t k, const std::vector<double>& stds,
              uint64_t seed) {
    Rng rng(seed);
    Dataset d = make2d(name, n, numberNames(k));
    std::vector<std::pair<double, double>> centres(static_cast<size_t>(k));
    for (auto& [cx, cy] : centres) {
        cx = rng.uniform(-10.0, 10.0);
        cy = rng.uniform(-10.0, 10.0);
    }
    Eigen::Index i = 0;
    for (int64_t c = 0; c < k; ++c) {
        const auto [cx, cy] = centres[static_cast<size_t>(c)];
        const double sd = stds[static_cast<size_t>(c) % stds.size()];
        const int64_t count = n / k + (c < n % k ? 1 : 0);
        for (int64_t m = 0; m < count; ++m, ++i) {
            d.X(i, 0) = static_cast<float>(cx + sd * rng.normal());
            d.X(i, 1) = static_cast<float>(cy + sd * rng.normal());
            d.labels[static_cast<size_t>(i)] = static_cast<int>(c);
        }
    }
    shuffleRows(d, rng);
    return d;
}

/// Point i of m evenly spaced angles in [0, span], the end included when `endpoint` (numpy
/// linspace, which gives 0 for m = 1).
double linspace(double span, int64_t i, int64_t m, bool endpoint) {
    const int64_t steps = endpoint ? m - 1 : m;
    return steps > 0 ? span * static_cast<double>(i) / static_cast<double>(steps) : 0.0;
}

int64_t valueOr(const Params& p, const std::string& name, int64_t fallback) {
    const ParamSpec* s = p.spec(name);
    return s && s->type == ParamType::Int ? p.getInt(name) : fallback;
}

double valueOr(const Params& p, const std::string& name, double fallback) {
    const ParamSpec* s = p.spec(name);
    return s && s->type == ParamType::Real ? p.getReal(name) : fallback;
}

struct Generator {
    DatasetInfo info;
    Dataset (*make)(int64_t n, int64_t k, double noise, uint64_t seed);
};

ParamSpec nSpec() {
    return intParam("n", "Points", "number of points to generate", 500, 1, kGeneratorMaxPoints);
}
ParamSpec noiseSpec(double def, std::string doc) {
    return realParam("noise", "Noise", std::move(doc), def, 0.0, kGeneratorMaxNoise);
}
ParamSpec kSpec(int64_t def, std::string doc) {
    return intParam("k", "Centres K", std::move(doc), def, 1, kGeneratorMaxCentres);
}

DatasetInfo info(std::string name, std::string description, std::vector<ParamSpec> params) {
    return DatasetInfo{std::move(name), std::move(description), true, std::move(params)};
}

const std::vector<Generator>& generators() {
    static const std::vector<Generator> list = {
        {info("blobs", "n × 2, k Gaussian blobs, centres in ±10 (scikit-learn make_blobs)",
              {nSpec(), kSpec(3, "number of blobs"),
               noiseSpec(1.0, "standard deviation of each blob (data units)")}),
         [](int64_t n, int64_t k, double noise, uint64_t seed) {
             return makeBlobs(n, k, noise, seed);
         }},
        {info("aniso-blobs", "n × 2, sheared Gaussian blobs (scikit-learn clustering demo)",
              {nSpec(), kSpec(3, "number of blobs"),
               noiseSpec(1.0, "standard deviation of each blob before the shear")}),
         [](int64_t n, int64_t k, double noise, uint64_t seed) {
             return makeAnisoBlobs(n, k, noise, seed);
         }},
        {info("varied-blobs", "n × 2, blobs with stds 1, 2.5, 0.5 (scikit-learn clustering demo)",
              {nSpec(), kSpec(3, "number of blobs"),
               noiseSpec(1.0, "scale of the blob stds 1.0, 2.5, 0.5 (cycled)")}),
         [](int64_t n, int64_t k, double noise, uint64_t seed) {
             return makeVariedBlobs(n, k, noise, seed);
         }},
        {info("two-moons", "n × 2, two interleaving half circles (scikit-learn make_moons)",
              {nSpec(), noiseSpec(0.1, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeMoons(n, noise, seed); }},
        {info("circles", "n × 2, two concentric circles, radii 1 and 0.5 (make_circles)",
              {nSpec(), noiseSpec(0.05, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) {
             return makeCircles(n, noise, seed);
         }},
        {info("spirals", "n × 2, two interleaved spirals of 1.5 turns, radius 1.5",
              {nSpec(), noiseSpec(0.1, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) {
             return makeSpirals(n, noise, seed);
         }},
        {info("uniform", "n × 2, uniform in the unit square",
              {nSpec(), noiseSpec(0.0, "ignored (every generator accepts --noise)")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) {
             checkNoise(noise);
             return makeUniform(n, seed);
         }},
        {info("ring", "n × 2, ring of k Gaussians on a circle of radius 2 (GAN Lab)",
              {nSpec(), kSpec(8, "number of Gaussians on the ring"),
               noiseSpec(0.05, "standard deviation of each Gaussian (data units)")}),
         [](int64_t n, int64_t k, double noise, uint64_t seed) {
             return makeRing(n, k, noise, seed);
         }},
        {info("grid25", "n × 2, 5×5 grid of Gaussians at {−4, −2, 0, 2, 4}² (GAN papers)",
              {nSpec(), noiseSpec(0.05, "standard deviation of each Gaussian (data units)")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeGrid25(n, noise, seed); }},
        {info("swiss-roll", "n × 2, swiss roll (make_swiss_roll's x, z divided by 10)",
              {nSpec(), noiseSpec(0.05, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeSwissRoll(n, noise, seed); }},
        {info("spiral", "n × 2, one spiral of 1.5 turns, radius 1.5",
              {nSpec(), noiseSpec(0.05, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeSpiral(n, noise, seed); }},
        {info("line", "n × 2, segment from (−1, −1) to (1, 1)",
              {nSpec(), noiseSpec(0.05, "std of the Gaussian noise added to each point")}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeLine(n, noise, seed); }},
        {info("mixture-1d", "n × 1, k Gaussians 4 apart, unequal weights and widths (1-D EM demo)",
              {nSpec(), kSpec(2, "number of Gaussians"),
               noiseSpec(1.0, "scale of the component stds 1.0, 0.6, 1.4 (cycled)")}),
         [](int64_t n, int64_t k, double noise, uint64_t seed) {
             return makeMixture1d(n, k, noise, seed);
         }},
        {info("bars-and-stripes",
              "n × 16, 4×4 binary bars (columns on) or stripes (rows on): the 30 patterns cycled",
              {intParam("n", "Images", "number of images; 30 = each pattern once", 30, 1, kGeneratorMaxPoints),
               realParam("noise", "Pixel flips", "probability of flipping each pixel (0 = clean)", 0.0, 0.0, 1.0)}),
         [](int64_t n, int64_t, double noise, uint64_t seed) { return makeBarsAndStripes(n, noise, seed); }},
    };
    return list;
}

} // namespace

const std::vector<DatasetInfo>& generatorInfos() {
    static const std::vector<DatasetInfo> infos = [] {
        std::vector<DatasetInfo> v;
        for (const auto& g : generators())
            v.push_back(g.info);
        return v;
    }();
    return infos;
}

Dataset generate(const std::string& name, const Params& params, uint64_t seed) {
    for (const auto& g : generators()) {
        if (g.info.name != name) continue;
        int64_t n = 0, k = 1;
        double noise = 0.0;
        for (const ParamSpec& s : g.info.params) {
            if (s.name == "n") n = valueOr(params, s.name, static_cast<int64_t>(s.defaultValue));
            if (s.name == "k") k = valueOr(params, s.name, static_cast<int64_t>(s.defaultValue));
            if (s.name == "noise") noise = valueOr(params, s.name, s.defaultValue);
        }
        return g.make(n, k, noise, seed);
    }
    std::string known;
    for (const auto& g : generators())
        known += (known.empty() ? "" : ", ") + g.info.name;
    throw DataError("unknown generator '" + name + "' (known: " + known + ")");
}

Dataset makeBlobs(int64_t n, int64_t k, double noise, uint64_t seed) {
    checkN(n);
    checkK(k);
    checkNoise(noise);
    return blobs("blobs", n, k, {noise}, seed);
}

Dataset makeAnisoBlobs(int64_t n, int64_t k, double noise, uint64_t seed) {
    checkN(n);
    checkK(k);
    checkNoise(noise);
    Dataset d = blobs("aniso-blobs", n, k, {noise}, seed);
    Eigen::Matrix2f shear;
    shear << 0.6f, -0.64f, -0.41f, 0.85f;
    d.X = d.X * shear; // rows are samples: X_aniso = X · T, as in the scikit-learn demo
    return d;
}

Dataset makeVariedBlobs(int64_t n, int64_t k, double noise, uint64_t seed) {
    checkN(n);
    checkK(k);
    checkNoise(noise);
    return blobs("varied-blobs", n, k, {1.0 * noise, 2.5 * noise, 0.5 * noise}, seed);
}

Dataset makeMoons(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    Rng rng(seed);
    Dataset d = make2d("two-moons", n, {"upper", "lower"});
    const int64_t nOut = n / 2, nIn = n - nOut;
    for (int64_t i = 0; i < n; ++i) {
        const bool outer = i < nOut;
        const double t = outer ? linspace(kPi, i, nOut, true) : linspace(kPi, i - nOut, nIn, true);
        d.X(i, 0) = static_cast<float>(outer ? std::cos(t) : 1.0 - std::cos(t));
        d.X(i, 1) = static_cast<float>(outer ? std::sin(t) : 0.5 - std::sin(t));
        d.labels[static_cast<size_t>(i)] = outer ? 0 : 1;
    }
    shuffleRows(d, rng);
    addNoise(d, noise, rng);
    return d;
}

Dataset makeCircles(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    constexpr double kFactor = 0.5; // inner radius / outer radius
    Rng rng(seed);
    Dataset d = make2d("circles", n, {"outer", "inner"});
    const int64_t nOut = n / 2, nIn = n - nOut;
    for (int64_t i = 0; i < n; ++i) {
        const bool outer = i < nOut;
        const double t =
            outer ? linspace(2 * kPi, i, nOut, false) : linspace(2 * kPi, i - nOut, nIn, false);
        const double r = outer ? 1.0 : kFactor;
        d.X(i, 0) = static_cast<float>(r * std::cos(t));
        d.X(i, 1) = static_cast<float>(r * std::sin(t));
        d.labels[static_cast<size_t>(i)] = outer ? 0 : 1;
    }
    shuffleRows(d, rng);
    addNoise(d, noise, rng);
    return d;
}

Dataset makeSpirals(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkNoise(noise);
    Rng rng(seed);
    Dataset d = make2d("spirals", n, {"0", "1"});
    for (int64_t i = 0; i < n; ++i) {
        const int label = i < n / 2 ? 0 : 1;
        const double theta = 3 * kPi * std::sqrt(rng.uniform());
        const double r = theta / (2 * kPi);
        const double phase = label * kPi; // the second arm is the first turned by half a turn
        d.X(i, 0) = static_cast<float>(r * std::cos(theta + phase));
        d.X(i, 1) = static_cast<float>(r * std::sin(theta + phase));
        d.labels[static_cast<size_t>(i)] = label;
    }
    shuffleRows(d, rng);
    addNoise(d, noise, rng);
    return d;
}

Dataset makeUniform(int64_t n, uint64_t seed) {
    checkN(n);
    Rng rng(seed);
    Dataset d = make2d("uniform", n, {"all"});
    for (int64_t i = 0; i < n; ++i) {
        d.X(i, 0) = static_cast<float>(rng.uniform());
        d.X(i, 1) = static_cast<float>(rng.uniform());
        d.labels[static_cast<size_t>(i)] = 0;
    }
    return d;
}

Dataset makeBarsAndStripes(int64_t n, double noise, uint64_t seed) {
    checkN(n);
    checkRange<double>("noise", noise, 0.0, 1.0);
    constexpr int kSide = 4;
    // The 30 patterns as 16-bit masks (bit 4r + c = pixel (r, c)) with their labels.
    std::vector<std::pair<uint32_t, int>> patterns;
    for (uint32_t cols = 0; cols < 16; ++cols) {
        uint32_t mask = 0;
        for (int r = 0; r < kSide; ++r) mask |= cols << (kSide * r);
        patterns.emplace_back(mask, 0);
    }
    for (uint32_t rows = 1; rows < 15; ++rows) {
        uint32_t mask = 0;
        for (int r = 0; r < kSide; ++r)
            if (rows >> r & 1) mask |= 0xFu << (kSide * r);
        patterns.emplace_back(mask, 1);
    }
    Rng rng(seed);
    Rng flips(seed ^ 0x9e3779b97f4a7c15ULL); // its own stream: noise does not change the patterns drawn
    Dataset d;
    d.name = "bars-and-stripes";
    d.X.resize(static_cast<Eigen::Index>(n), kSide * kSide);
    d.labels.resize(static_cast<size_t>(n));
    d.labelNames = {"bars", "stripes"};
    d.imageShape = ImageShape{kSide, kSide, 1};
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c)
            d.featureNames.push_back("px_" + std::to_string(r) + "_" + std::to_string(c));
    const int64_t count = static_cast<int64_t>(patterns.size());
    std::vector<int> order(patterns.size());
    for (int64_t i = 0; i < n; ++i) {
        if (i % count == 0) { // a fresh seeded order for every cycle (Fisher-Yates)
            for (size_t j = 0; j < order.size(); ++j) order[j] = static_cast<int>(j);
            for (size_t j = order.size() - 1; j > 0; --j) std::swap(order[j], order[rng.below(j + 1)]);
        }
        const auto& [mask, label] = patterns[static_cast<size_t>(order[static_cast<size_t>(i % count)])];
        for (int p = 0; p < kSide * kSide; ++p) {
            bool on = (mask >> p) & 1;
            if (noise > 0 && flips.uniform() < noise) on = !on;
            d.X(static_cast<Eigen::Index>(i), p) = on ? 1.0f : 0.0f;
        }
        d.labels[static_cast<size_t>(i)] = label;
    }
    return d;
}

Dataset makeRing(int64_t n, int64_t k, double noise, uint64_t seed) {
    checkN(n);
    checkK(k);
    checkNoise(noise);
    constexpr double kRadius = 2.0;
    Rng rng(seed);
    Dataset d = make2d("ring", n, numberNames(k));
    for (int64_t i = 0; i < n; ++i) {
        const auto c = static_cast<int>(rng.below(static_cast<uint64_t>(k)));
        const double angle = 2 * kPi * c / static_cast<double>(k);
        d.X(i, 0) = static_cast<float>(kRadius * std::cos(angle) + noise * rng.normal());
        d.X(i, 1) = static_cast<float>(kRadius * std::sin(angle) + noise * rng.normal());
        d.labels[static_cast<size_t>(i)] = c;
    }
    return d;
}

Dataset makeMixture1d(int64_t n, int64_t k, double noise, uint64_t seed) {
    checkN(n);
    checkK(k);
    checkNoise(noise);
    constexpr double kSpacing = 4.0;
    constexpr double kStdScale[] = {1.0, 0.6, 1.4};
    Rng rng(seed);
    Dataset d;
    d.name = "mixture-1d";
    d.X.resize(static_cast<Eigen::Index>(n), 1);
    d.featureNames = {"x"};
    d.labels.resize(static_cast<size_t>(n));
    d.labelNames = numberNames(k);
    std::vector<double> cumulative; // of the weights (j mod 3) + 1
    double total = 0;
    for (int64_t j = 0; j < k; ++j)
        cumulative.push_back(total += static_cast<double>(j % 3 + 1));
    for (int64_t i = 0; i < n; ++i) {
        const double u = rng.uniform() * total;
        int64_t j = 0;
        while (j + 1 < k && u >= cumulative[static_cast<size_t>(j)])
            ++j;
        const double mean = kSpacing * (static_cast<double>(j) - 0.5 * static_cast<double>(k - 1));
        d.X(i, 0) = static_cast<float>(mean + noise * kStdScale[j % 3] * rng.normal());
        d.labels[static_cast<size_t>(i)] = static_cast<int>(j);
    }
    return d;
}

} // namespace latentlab::core
