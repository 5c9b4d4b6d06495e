#pragma once
// A data set: N samples × d features, float, rows are samples (DESIGN.md "Numerics").
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace latentlab::core {

/// Sample matrix, N × d, column-major so that one feature of all samples is contiguous
/// (the hot loops vectorise over samples).
using Matrix = Eigen::MatrixXf;
using Vector = Eigen::VectorXf;

/// Shape of one sample when it is an image (row-major pixels, height × width × channels).
struct ImageShape {
    int height = 0;
    int width = 0;
    int channels = 1;
};

/// Error in user-supplied data (malformed file, bad generator parameter). The message is
/// meant for the user as it is: it names the file, line and column where there are any.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Dataset {
    std::string name;                      ///< built-in name or file name, for captions
    Matrix X;                              ///< N × d samples
    std::vector<std::string> featureNames; ///< d names
    std::vector<int> labels;               ///< N class indices in [0, labelNames.size()), or empty
    std::vector<std::string> labelNames;   ///< class names, or empty
    std::optional<ImageShape> imageShape;  ///< set when each row is an image

    int n() const { return static_cast<int>(X.rows()); }
    int d() const { return static_cast<int>(X.cols()); }
    bool hasLabels() const { return !labels.empty(); }
};

/// Per-feature mean and standard deviation used by standardize().
struct Standardization {
    Vector mean;  ///< d
    Vector scale; ///< d, population standard deviation (1/N); 1 where a feature is constant
};

/// z-scores every feature in place: x ← (x − mean) / std (std with 1/N, as scikit-learn's
/// StandardScaler; constant features are only centred). Returns what it applied.
Standardization standardize(Dataset& data);

} // namespace latentlab::core
