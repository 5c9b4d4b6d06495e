#pragma once
// RBM model files: the learned parameters (W, a, b) with the image shape and a free-text
// description, in a small versioned binary format with a checked header.
//
// Layout (all integers little-endian, floats IEEE 754 binary32 little-endian):
//   offset  size  field
//        0     8  magic "LLRBM\r\n\x1a" (LatentLab RBM; CR LF and ^Z catch text-mode mangling)
//        8     4  format version (kRbmFileVersion = 1)
//       12     4  bytes per parameter value (4: float32)
//       16     4  V, visible units (1 .. 2^24)
//       20     4  H, hidden units (1 .. 2^20)
//       24     4  image height (0: the visible units are not an image)
//       28     4  image width
//       32     4  image channels
//       36     4  description length L in bytes (≤ 65536), UTF-8
//       40     8  payload length P = L + 4·(V·H + V + H)
//       48     P  payload: description, then W column by column (V × H, column j = hidden unit
//                 j's weights), then a (V), then b (H)
//   48 + P     8  FNV-1a 64 checksum of bytes 0 .. 48 + P − 1
// Nothing may follow. Any deviation is reported as one DataError naming the file and what is
// wrong, e.g. "rbm.bin: truncated: 812 bytes, the header promises 803 256".
#include "core/dataset.h"
#include "core/rbm_math.h"

#include <optional>
#include <string>

namespace latentlab::core {

inline constexpr uint32_t kRbmFileVersion = 1;

struct RbmModelFile {
    RbmWeights weights;
    std::optional<ImageShape> imageShape; ///< how the visible units form an image, if they do
    std::string description;             ///< e.g. the command that trained it, for the user
};

/// Writes `model` to `path` (through a temporary file renamed into place, so a failed write
/// leaves no partial file). Throws DataError when the file cannot be written, or
/// std::invalid_argument when the model is empty, not finite, too large or the image shape does
/// not match V.
void saveRbmModel(const std::string& path, const RbmModelFile& model);

/// Reads a model file. Throws DataError naming `path` for a missing or unreadable file, a wrong
/// magic number ("not a LatentLab RBM model file"), an unsupported version or value size,
/// impossible shapes, a truncated or over-long file, a checksum mismatch, or non-finite values.
RbmModelFile loadRbmModel(const std::string& path);

/// Throws DataError "<path>: the model has V visible units but <data> has d features" (and the
/// same for a different image shape) when the model cannot be used on `data`.
void checkModelFits(const RbmModelFile& model, const Dataset& data, const std::string& path);

} // namespace latentlab::core
