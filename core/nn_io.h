#pragma once
// Network files: one or more named multilayer perceptrons (a GAN's generator and
// discriminator, a DDPM's ε-network and its EMA copy) with a free-text description, in a
// versioned binary format with a checked header.
//
// Layout (integers little-endian, floats IEEE 754 little-endian):
//   offset  size  field
//        0     8  magic "LLNET\r\n\x1a"
//        8     4  format version (kNetworkFileVersion = 1)
//       12     4  bytes per parameter value (4: float32)
//       16     4  number of networks N (1 .. 16)
//       20     4  description length L in bytes (≤ 65536), UTF-8
//       24     8  payload length P
//       32     P  payload: the description, then per network: name length (4, ≤ 256), name,
//                 layer count (4, 1 .. 64), per layer inputs (4), outputs (4), activation code
//                 (4: 0 identity, 1 ReLU, 2 LeakyReLU, 3 tanh, 4 sigmoid, 5 SiLU), negative
//                 slope (8, float64); then per layer W column by column (n_in × n_out) and b
//   32 + P     8  FNV-1a 64 checksum of bytes 0 .. 32 + P − 1
// Nothing may follow. Every deviation is one DataError naming the file and what is wrong.
#include "core/dataset.h"
#include "core/nn_layers.h"

#include <string>
#include <utility>
#include <vector>

namespace latentlab::core::nn {

inline constexpr uint32_t kNetworkFileVersion = 1;

struct NetworkFile {
    std::vector<std::pair<std::string, Mlp<float>>> networks; ///< (name, network) in file order
    std::string description; ///< e.g. the command that trained them
    /// The network called `name`; throws DataError when there is none.
    const Mlp<float>& network(const std::string& name) const;
};

/// Writes the networks to `path` atomically. Throws std::invalid_argument for no or too many
/// networks, a name over 256 bytes, non-finite parameters or a description over 65536 bytes;
/// DataError when the file cannot be written.
void saveNetworks(const std::string& path, const NetworkFile& file);

/// Reads a network file. Throws DataError naming `path` for a missing file, a wrong magic
/// number, an unsupported version, impossible shapes, truncation, extra bytes, a checksum
/// mismatch or non-finite parameters.
NetworkFile loadNetworks(const std::string& path);

/// The bytes saveNetworks() writes, for formats that embed a network file (core/ddpm_io.h).
/// Throws std::invalid_argument as saveNetworks().
std::vector<unsigned char> encodeNetworks(const NetworkFile& file);
/// Parses `size` bytes of a network file as loadNetworks() does; errors name `path` (the file
/// or the part of a file the bytes come from).
NetworkFile decodeNetworks(const unsigned char* data, size_t size, const std::string& path);

} // namespace latentlab::core::nn
