#include "core/rbm_io.h"

#include "core/binary_io.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace latentlab::core {

namespace {

using namespace binary;

constexpr char kMagic[8] = {'L', 'L', 'R', 'B', 'M', '\r', '\n', '\x1a'};
constexpr size_t kHeaderSize = 48;
constexpr uint32_t kMaxVisible = 1u << 24;
constexpr uint32_t kMaxHidden = 1u << 20;
constexpr uint32_t kMaxDescription = 65536;
constexpr uint64_t kMaxParameters = uint64_t{1} << 28; // 1 GB of float32

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw DataError(path + ": " + what);
}

} // namespace

void saveRbmModel(const std::string& path, const RbmModelFile& model) {
    const RbmWeights& t = model.weights;
    const int V = t.visible(), H = t.hidden();
    if (V < 1 || H < 1 || t.a.size() != V || t.b.size() != H)
        throw std::invalid_argument("RBM model file: the model has no units or inconsistent shapes");
    if (static_cast<uint32_t>(V) > kMaxVisible || static_cast<uint32_t>(H) > kMaxHidden)
        throw std::invalid_argument("RBM model file: the model is too large to save");
    if (!t.allFinite()) throw std::invalid_argument("RBM model file: the model has non-finite values");
    if (model.description.size() > kMaxDescription)
        throw std::invalid_argument("RBM model file: the description is longer than 65536 bytes");
    const ImageShape shape = model.imageShape.value_or(ImageShape{0, 0, 0});
    if (model.imageShape && shape.height * shape.width * shape.channels != V)
        throw std::invalid_argument("RBM model file: the image shape does not have V pixels");

    std::vector<unsigned char> out(kMagic, kMagic + 8);
    put32(out, kRbmFileVersion);
    put32(out, 4);
    put32(out, static_cast<uint32_t>(V));
    put32(out, static_cast<uint32_t>(H));
    put32(out, static_cast<uint32_t>(shape.height));
    put32(out, static_cast<uint32_t>(shape.width));
    put32(out, static_cast<uint32_t>(model.imageShape ? shape.channels : 0));
    put32(out, static_cast<uint32_t>(model.description.size()));
    const uint64_t values = uint64_t(V) * H + V + H;
    put64(out, model.description.size() + 4 * values);
    out.insert(out.end(), model.description.begin(), model.description.end());
    out.reserve(out.size() + 4 * values + 8);
    for (Eigen::Index j = 0; j < H; ++j)
        for (Eigen::Index i = 0; i < V; ++i) putFloat(out, t.W(i, j));
    for (Eigen::Index i = 0; i < V; ++i) putFloat(out, t.a(i));
    for (Eigen::Index j = 0; j < H; ++j) putFloat(out, t.b(j));
    put64(out, fnv1a(out.data(), out.size()));

    writeFileAtomically(path, out);
}

RbmModelFile loadRbmModel(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) fail(path, "is a folder, not a model file");
    std::ifstream f(path, std::ios::binary);
    if (!f) fail(path, "cannot be opened (missing or unreadable)");
    const uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) fail(path, "cannot be read: " + ec.message());
    // The header first: a wrong or huge file is refused before its body is read.
    std::vector<unsigned char> bytes(static_cast<size_t>(std::min<uint64_t>(size, kHeaderSize)));
    f.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) fail(path, "cannot be read");
    if (size < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        fail(path, "not a LatentLab RBM model file (wrong magic number in the first 8 bytes)");
    if (size < kHeaderSize)
        fail(path, "truncated: " + std::to_string(size) + " bytes, shorter than the 48-byte header");
    const unsigned char* h = bytes.data();
    const uint32_t version = get32(h + 8), valueSize = get32(h + 12);
    const uint32_t V = get32(h + 16), H = get32(h + 20);
    const uint32_t height = get32(h + 24), width = get32(h + 28), channels = get32(h + 32);
    const uint32_t descLen = get32(h + 36);
    const uint64_t payload = get64(h + 40);
    if (version != kRbmFileVersion)
        fail(path, "format version " + std::to_string(version) + " is not supported (this LatentLab reads version " +
                       std::to_string(kRbmFileVersion) + ")");
    if (valueSize != 4) fail(path, "values of " + std::to_string(valueSize) + " bytes are not supported (float32: 4)");
    if (V < 1 || V > kMaxVisible || H < 1 || H > kMaxHidden || uint64_t(V) * H > kMaxParameters)
        fail(path, "impossible shape " + std::to_string(V) + " visible × " + std::to_string(H) + " hidden units");
    if (descLen > kMaxDescription) fail(path, "description length " + std::to_string(descLen) + " is over 65536 bytes");
    const uint64_t values = uint64_t(V) * H + V + H;
    if (payload != descLen + 4 * values)
        fail(path, "header inconsistent: payload of " + std::to_string(payload) + " bytes, but " + std::to_string(V) +
                       " × " + std::to_string(H) + " float32 parameters and the description need " +
                       std::to_string(descLen + 4 * values));
    const uint64_t expected = kHeaderSize + payload + 8;
    if (size != expected)
        fail(path, std::string(size < expected ? "truncated" : "has extra data at the end") + ": " +
                       std::to_string(size) + " bytes, the header promises " + std::to_string(expected));
    bytes.resize(static_cast<size_t>(size));
    f.read(reinterpret_cast<char*>(bytes.data() + kHeaderSize), static_cast<std::streamsize>(size - kHeaderSize));
    if (!f) fail(path, "cannot be read to the end");
    h = bytes.data();
    const uint64_t stored = get64(h + kHeaderSize + payload);
    if (stored != fnv1a(h, kHeaderSize + payload))
        fail(path, "checksum mismatch: the file is corrupt");
    const bool image = height || width || channels;
    if (image && uint64_t(height) * width * channels != V)
        fail(path, "image shape " + std::to_string(height) + " × " + std::to_string(width) + " × " +
                       std::to_string(channels) + " does not have " + std::to_string(V) + " pixels");

    RbmModelFile m;
    const unsigned char* p = h + kHeaderSize;
    m.description.assign(reinterpret_cast<const char*>(p), descLen);
    p += descLen;
    m.weights = RbmWeights::zero(static_cast<int>(V), static_cast<int>(H));
    for (uint32_t j = 0; j < H; ++j)
        for (uint32_t i = 0; i < V; ++i, p += 4) m.weights.W(i, j) = getFloat(p);
    for (uint32_t i = 0; i < V; ++i, p += 4) m.weights.a(i) = getFloat(p);
    for (uint32_t j = 0; j < H; ++j, p += 4) m.weights.b(j) = getFloat(p);
    if (!m.weights.allFinite()) fail(path, "contains NaN or infinite parameters");
    if (image)
        m.imageShape = ImageShape{static_cast<int>(height), static_cast<int>(width), static_cast<int>(channels)};
    return m;
}

void checkModelFits(const RbmModelFile& model, const Dataset& data, const std::string& path) {
    const int V = model.weights.visible();
    if (V != data.d())
        throw DataError(path + ": the model has " + std::to_string(V) + " visible units but " + data.name + " has " +
                        std::to_string(data.d()) + " features");
    if (model.imageShape && data.imageShape &&
        (model.imageShape->height != data.imageShape->height || model.imageShape->width != data.imageShape->width ||
         model.imageShape->channels != data.imageShape->channels))
        throw DataError(path + ": the model is for " + std::to_string(model.imageShape->height) + " × " +
                        std::to_string(model.imageShape->width) + " images but " + data.name + " has " +
                        std::to_string(data.imageShape->height) + " × " + std::to_string(data.imageShape->width) +
                        " images");
}

} // namespace latentlab::core
