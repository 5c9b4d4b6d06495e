#pragma once
// DDPM model files (".llddpm"): everything needed to sample from a trained DDPM and to go on
// training it — the Ddpm parameters, the data set it was trained on, the data scaling, the
// trained ε-network and its EMA copy, and the training step count — in a versioned binary
// format with a checked header. The networks are stored as an embedded network file
// (core/nn_io.h), so their layout and checks are the GAN's.
//
// Layout (integers little-endian, floats IEEE 754 binary32 little-endian; a "string" is a
// 4-byte length ≤ 65536 followed by that many UTF-8 bytes):
//   offset  size  field
//        0     8  magic "LLDPM\r\n\x1a" (CR LF and ^Z catch text-mode mangling)
//        8     4  format version (kDdpmFileVersion = 1)
//       12     4  d, the data dimension (1 .. 65536)
//       16     8  payload length P
//       24     P  payload:
//                   description (string)
//                   parameter count (4, ≤ 64), then per parameter its name and its value
//                     (strings; Params::toString / setFromString)
//                   data set name (string); generator parameter count (4, ≤ 64) and name/value
//                     strings; data seed known (4: 0 or 1); data seed (8)
//                   image height, width, channels (4 each; 0 0 0: not images)
//                   scaling: image flag (4: 0 or 1), image max (4), scale (4), shift (d × 4)
//                   training steps done (8)
//                   network file length (8), then a network file (core/nn_io.h) with the
//                     networks "epsilon" (the trained weights) and "ema" (what sampling uses)
//   24 + P     8  FNV-1a 64 checksum of bytes 0 .. 24 + P − 1
// Nothing may follow. Every deviation is one DataError naming the file and what is wrong.
#include "core/dataset.h"
#include "core/ddpm.h"
#include "core/params.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latentlab::core {

inline constexpr uint32_t kDdpmFileVersion = 1;

struct DdpmModelFile {
    std::string description; ///< free text for the user, e.g. the command that trained the model
    /// Every Ddpm::specs() parameter as (name, Params::toString value).
    std::vector<std::pair<std::string, std::string>> params;
    std::string dataset; ///< data set name as `latentlab datasets` lists it, or a file name
    std::vector<std::pair<std::string, std::string>> datasetParams; ///< generator parameters; empty for files
    std::optional<uint64_t> dataSeed; ///< the generator's seed, when the data were generated
    std::optional<ImageShape> imageShape;
    DdpmScaling scaling;            ///< shift has d entries
    nn::Mlp<float> network;         ///< the trained ε_θ: (d + time-embedding) → … → d
    nn::Mlp<float> emaNetwork;      ///< its EMA copy, used for sampling
    int64_t trainSteps = 0;         ///< training steps behind the networks

    int dimension() const { return int(scaling.shift.size()); }
    /// Params(Ddpm::specs()) with the stored values set: pass it to Ddpm::reset before
    /// Ddpm::installTrained. Throws ParamError for a value the specs refuse.
    Params ddpmParams() const;
    /// The generator parameters for loadDataset(dataset, …) (defaults for files).
    Params generatorParams() const;
};

/// The file contents for a trained `model` reset with `params` (all of them are stored).
/// The data set name and image shape come from model.data(); the caller fills datasetParams,
/// dataSeed and description. Throws std::invalid_argument when the model was never reset.
DdpmModelFile makeDdpmModelFile(const Ddpm& model, const Params& params);

/// Writes `model` to `path` atomically (a failed write leaves no file). Throws
/// std::invalid_argument for an inconsistent model (networks that do not map d + E → d, a
/// shift that is not d long, non-finite values, over-long strings), DataError when the file
/// cannot be written.
void writeDdpmModel(const std::string& path, const DdpmModelFile& model);

/// Reads a model file. Throws DataError naming `path` for a missing, unreadable or folder path,
/// a wrong magic number ("not a LatentLab DDPM model file"), an unsupported version, an
/// impossible dimension, a truncated or over-long file, a checksum mismatch, an unknown or
/// invalid parameter, non-finite values, or networks that do not fit d and the parameters.
DdpmModelFile readDdpmModel(const std::string& path);

/// The same from bytes in memory (e.g. a Qt resource read with QFile::readAll); `name` is used
/// in the error messages in place of the path.
DdpmModelFile parseDdpmModel(const unsigned char* data, size_t size, const std::string& name);

} // namespace latentlab::core
