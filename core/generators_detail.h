#pragma once
// Helpers shared by the generator sources (generators.cpp, generators_toy.cpp); not a public API.
#include "core/dataset.h"
#include "core/generators.h"
#include "core/rng.h"

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace latentlab::core::detail {

inline constexpr double kPi = 3.14159265358979323846;

/// Throws ParamError "--name must be between lo and hi, got value" unless lo ≤ value ≤ hi
/// (NaN is rejected too).
template <typename T> void checkRange(const char* name, T value, T lo, T hi) {
    if (value >= lo && value <= hi) return; // also rejects NaN
    std::ostringstream os;
    os << "--" << name << " must be between " << lo << " and " << hi << ", got " << value;
    throw ParamError(os.str());
}

void checkN(int64_t n);         ///< n ∈ [1, kGeneratorMaxPoints]
void checkNoise(double noise);  ///< noise ∈ [0, kGeneratorMaxNoise]
void checkK(int64_t k);         ///< k ∈ [1, kGeneratorMaxCentres]

/// An n × 2 data set named `name` with features "x", "y" and n (unset) labels.
Dataset make2d(const char* name, int64_t n, std::vector<std::string> labelNames);
/// "0", "1", …, "k−1".
std::vector<std::string> numberNames(int64_t k);
/// Fisher-Yates on the rows (and labels), so that no algorithm sees the classes in order.
void shuffleRows(Dataset& d, Rng& rng);
/// Adds isotropic Gaussian noise of std `noise` to both coordinates of every row.
void addNoise(Dataset& d, double noise, Rng& rng);

} // namespace latentlab::core::detail
