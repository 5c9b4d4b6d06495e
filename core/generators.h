#pragma once
// Seeded toy data generators (scikit-learn's make_blobs / make_moons / make_circles, the
// clustering demo's anisotropic and varied blobs, two spirals, GAN Lab's ring, and for GANs and
// diffusion a 5×5 grid of Gaussians, a swiss roll, one spiral and a line; a 1-D
// Gaussian mixture; and the 4×4 bars-and-stripes images for tiny RBMs). Each returns an n × 2
// Dataset with features "x", "y" — except mixture-1d: n × 1, feature "x", and bars-and-stripes:
// n × 16 images — and labels = the true component or class. The same
// parameters and seed give bit-identical data (core::Rng, no global state).
#include "core/dataset.h"
#include "core/datasets.h"
#include "core/params.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::core {

/// Parameter ranges shared by all generators (checked by every make* function; ParamError).
inline constexpr int64_t kGeneratorMaxPoints = 2'000'000; ///< n in [1, 2e6]
inline constexpr double kGeneratorMaxNoise = 10.0;        ///< noise in [0, 10]
inline constexpr int64_t kGeneratorMaxCentres = 64;       ///< k in [1, 64]

/// The generators with their parameter specs (n, noise and, where it applies, k), in listing
/// order; DatasetInfo::generator is true for all of them.
const std::vector<DatasetInfo>& generatorInfos();

/// Runs the generator `name` with `params` (missing values take the spec defaults) and `seed`.
/// Throws DataError for an unknown name, ParamError for a value out of range.
Dataset generate(const std::string& name, const Params& params, uint64_t seed);

/// k isotropic Gaussian blobs of std `noise`, centres uniform in [-10, 10]², n split evenly
/// (the first n mod k blobs get one more), rows shuffled — scikit-learn make_blobs.
/// Labels 0..k-1 = blob.
Dataset makeBlobs(int64_t n, int64_t k, double noise, uint64_t seed);
/// makeBlobs() times the shear [[0.6, -0.64], [-0.41, 0.85]] (row vector × matrix), as in
/// scikit-learn's "comparing clustering algorithms" demo.
Dataset makeAnisoBlobs(int64_t n, int64_t k, double noise, uint64_t seed);
/// Blobs whose stds cycle through noise × (1.0, 2.5, 0.5): unequal spread, as in the demo.
Dataset makeVariedBlobs(int64_t n, int64_t k, double noise, uint64_t seed);
/// Two interleaving half circles (scikit-learn make_moons): floor(n/2) points on the upper
/// moon (label 0, centre (0,0), radius 1), the rest on the lower one (label 1, centre
/// (1, 0.5)), each with Gaussian noise of std `noise`; rows shuffled.
Dataset makeMoons(int64_t n, double noise, uint64_t seed);
/// Two concentric circles (scikit-learn make_circles, factor 0.5): floor(n/2) points on the
/// radius-1 circle (label 0), the rest on the radius-0.5 one (label 1), Gaussian noise of std
/// `noise`; rows shuffled.
Dataset makeCircles(int64_t n, double noise, uint64_t seed);
/// Two interleaved Archimedean spirals of 1.5 turns, r = θ / 2π (radius up to 1.5, arms 0.5
/// apart), θ = 3π·sqrt(u) so the points are spread evenly along the arms; labels 0 and 1,
/// Gaussian noise of std `noise`; rows shuffled.
Dataset makeSpirals(int64_t n, double noise, uint64_t seed);
/// Uniform in the unit square [0, 1)²; one label (0, "all").
Dataset makeUniform(int64_t n, uint64_t seed);
/// Bars and stripes (MacKay 2003, §43; the classic tiny RBM data set): 4×4 binary images
/// (imageShape 4×4, 16 features "px_r_c", values 0 or 1) where either whole columns are on
/// ("bars", label 0: the 16 column patterns, the blank and the full image among them) or whole
/// rows are on ("stripes", label 1: the 14 row patterns that are neither blank nor full) — 30
/// distinct patterns. The rows cycle through all 30 patterns, each cycle in a fresh seeded order:
/// n = 30 gives exactly the 30 patterns, any multiple of 30 a uniform empirical distribution,
/// other n a seeded uniform subset in the last cycle. `noise` ∈ [0, 1] is the probability of
/// flipping each pixel afterwards (0: clean), drawn from a separate stream so that the same seed
/// gives the same patterns with and without noise. Throws ParamError for n or noise out of range.
Dataset makeBarsAndStripes(int64_t n, double noise, uint64_t seed);
/// k Gaussians of std `noise` with centres evenly on a circle of radius 2, each point from a
/// component drawn uniformly (GAN Lab's "ring"); labels 0..k-1 = component.
Dataset makeRing(int64_t n, int64_t k, double noise, uint64_t seed);

/// The k ring centres of makeRing() (k × 2, row c = centre of label c), for mode-coverage scores.
Matrix ringCentres(int64_t k);

/// 25 Gaussians of std `noise` centred on the 5 × 5 grid {−4, −2, 0, 2, 4}², each point from a
/// component drawn uniformly; labels 0..24 = component, row-major (label 5r + c has centre
/// (2c − 4, 2r − 4)). The GAN-paper test set (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al.
/// 2018) in its published coordinates, with their std 0.05 as the default: modes 40 σ apart.
/// Unlike the ring (radius 2) it spans ±4: standardise it if a model wants unit scale.
Dataset makeGrid25(int64_t n, double noise, uint64_t seed);
/// The 25 centres of makeGrid25() (25 × 2, row = label).
Matrix grid25Centres();
/// The 2-D swiss roll of the DDPM tutorials: scikit-learn make_swiss_roll's (x, z) columns
/// divided by 10, i.e. t = 1.5π(1 + 2u), u ~ U[0, 1), point (t cos t, t sin t)/10 (radius 0.47 to
/// 1.41, 1.5 turns), plus Gaussian noise of std `noise` in these scaled units (= make_swiss_roll's
/// noise/10). One label ("roll").
Dataset makeSwissRoll(int64_t n, double noise, uint64_t seed);
/// One Archimedean spiral of 1.5 turns, the first arm of makeSpirals(): θ = 3π√u, r = θ/2π
/// (radius up to 1.5), point (r cos θ, r sin θ), plus Gaussian noise of std `noise`. One label.
Dataset makeSpiral(int64_t n, double noise, uint64_t seed);
/// Points uniform on the segment from (−1, −1) to (1, 1), plus Gaussian noise of std `noise` on
/// both coordinates (a 1-D manifold for GANs). One label ("line").
Dataset makeLine(int64_t n, double noise, uint64_t seed);

/// A 1-D Gaussian mixture for the 1-D views of EM (n × 1, feature "x"): component j of k has
/// mean 4·(j − (k−1)/2) (4 apart, centred on 0), std noise × (1, 0.6, 1.4)[j mod 3] and weight
/// ∝ (j mod 3) + 1 (k = 2: ⅓ and ⅔); each point picks its component by weight. Labels = j.
Dataset makeMixture1d(int64_t n, int64_t k, double noise, uint64_t seed);

} // namespace latentlab::core
