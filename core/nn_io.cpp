#include "core/nn_io.h"

#include "core/binary_io.h"
#include "core/dataset.h"

#include <stdexcept>

namespace latentlab::core::nn {

namespace {

using namespace binary;

constexpr char kMagic[8] = {'L', 'L', 'N', 'E', 'T', '\r', '\n', '\x1a'};
constexpr size_t kHeaderSize = 32;
constexpr uint32_t kMaxNetworks = 16, kMaxLayers = 64, kMaxName = 256, kMaxDescription = 65536;
constexpr uint64_t kMaxFileBytes = uint64_t{1} << 31;


} // namespace

const Mlp<float>& NetworkFile::network(const std::string& name) const {
    for (const auto& [n, net] : networks)
        if (n == name) return net;
    throw DataError("the network file has no network called \"" + name + "\"");
}

void saveNetworks(const std::string& path, const NetworkFile& file) {
    writeFileAtomically(path, encodeNetworks(file));
}

std::vector<unsigned char> encodeNetworks(const NetworkFile& file) {
    if (file.networks.empty() || file.networks.size() > kMaxNetworks)
        throw std::invalid_argument("a network file holds 1 to 16 networks");
    if (file.description.size() > kMaxDescription)
        throw std::invalid_argument("network file: the description is longer than 65536 bytes");
    std::vector<unsigned char> payload(file.description.begin(), file.description.end());
    for (const auto& [name, net] : file.networks) {
        if (name.size() > kMaxName) throw std::invalid_argument("network names are at most 256 bytes");
        if (net.layers().empty() || net.layers().size() > kMaxLayers)
            throw std::invalid_argument("network \"" + name + "\" must have 1 to 64 layers");
        if (!net.allFinite())
            throw std::invalid_argument("network \"" + name + "\" has non-finite parameters");
        put32(payload, uint32_t(name.size()));
        payload.insert(payload.end(), name.begin(), name.end());
        put32(payload, uint32_t(net.layers().size()));
        for (const auto& l : net.layers()) {
            put32(payload, uint32_t(l.spec().inputs));
            put32(payload, uint32_t(l.spec().outputs));
            put32(payload, uint32_t(l.spec().activation));
            putDouble(payload, l.spec().negativeSlope);
        }
        for (const auto& l : net.layers()) {
            for (Eigen::Index i = 0; i < l.W.size(); ++i) putFloat(payload, l.W.data()[i]);
            for (Eigen::Index i = 0; i < l.b.size(); ++i) putFloat(payload, l.b(i));
        }
    }
    std::vector<unsigned char> out(kMagic, kMagic + 8);
    put32(out, kNetworkFileVersion);
    put32(out, 4);
    put32(out, uint32_t(file.networks.size()));
    put32(out, uint32_t(file.description.size()));
    put64(out, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
    put64(out, fnv1a(out.data(), out.size()));
    return out;
}

NetworkFile loadNetworks(const std::string& path) {
    const std::vector<unsigned char> bytes = readFile(path, kMaxFileBytes);
    return decodeNetworks(bytes.data(), bytes.size(), path);
}

NetworkFile decodeNetworks(const unsigned char* data, size_t size, const std::string& path) {
    auto fail = [&](const std::string& what) -> DataError { return DataError(path + ": " + what); };
    if (size < 8 || std::memcmp(data, kMagic, 8) != 0)
        throw fail("not a LatentLab network file (wrong magic number in the first 8 bytes)");
    if (size < kHeaderSize + 8)
        throw fail("truncated: " + std::to_string(size) + " bytes, shorter than the header");
    const unsigned char* h = data;
    const uint32_t version = get32(h + 8), valueSize = get32(h + 12), count = get32(h + 16),
                   descLen = get32(h + 20);
    const uint64_t payload = get64(h + 24);
    if (version != kNetworkFileVersion)
        throw fail("format version " + std::to_string(version) +
                   " is not supported (this LatentLab reads version " +
                   std::to_string(kNetworkFileVersion) + ")");
    if (valueSize != 4)
        throw fail("values of " + std::to_string(valueSize) + " bytes are not supported (float32: 4)");
    if (count < 1 || count > kMaxNetworks)
        throw fail("impossible number of networks " + std::to_string(count));
    if (descLen > kMaxDescription) throw fail("description longer than 65536 bytes");
    const uint64_t expected = kHeaderSize + payload + 8;
    if (payload > kMaxFileBytes || size != expected)
        throw fail(std::string(size < expected ? "truncated" : "has extra data at the end") +
                   ": " + std::to_string(size) + " bytes, the header promises " +
                   std::to_string(expected));
    if (get64(h + kHeaderSize + payload) != fnv1a(h, kHeaderSize + payload))
        throw fail("checksum mismatch: the file is corrupt");

    Cursor c{path, h + kHeaderSize, h + kHeaderSize + payload, h};
    NetworkFile file;
    c.need(descLen, "the description");
    file.description.assign(reinterpret_cast<const char*>(c.p), descLen);
    c.p += descLen;
    for (uint32_t k = 0; k < count; ++k) {
        const uint32_t nameLen = c.u32("a network name's length");
        if (nameLen > kMaxName) throw fail("network name longer than 256 bytes");
        c.need(nameLen, "a network name");
        std::string name(reinterpret_cast<const char*>(c.p), nameLen);
        c.p += nameLen;
        const uint32_t layers = c.u32("a layer count");
        if (layers < 1 || layers > kMaxLayers)
            throw fail("network \"" + name + "\" has an impossible layer count " + std::to_string(layers));
        std::vector<LayerSpec> specs;
        for (uint32_t i = 0; i < layers; ++i) {
            LayerSpec s;
            const uint32_t in = c.u32("layer inputs"), out = c.u32("layer outputs"),
                           act = c.u32("an activation code");
            s.negativeSlope = c.f64("a negative slope");
            if (in < 1 || out < 1 || in > 65536 || out > 65536)
                throw fail("network \"" + name + "\" layer " + std::to_string(i) + " has impossible shape " +
                           std::to_string(in) + " → " + std::to_string(out));
            if (act > uint32_t(Activation::SiLU))
                throw fail("network \"" + name + "\" layer " + std::to_string(i) +
                           " has unknown activation code " + std::to_string(act));
            s.inputs = int(in), s.outputs = int(out), s.activation = Activation(act);
            specs.push_back(s);
        }
        Mlp<float> net;
        try {
            net = Mlp<float>(specs);
        } catch (const std::invalid_argument& e) {
            throw fail("network \"" + name + "\": " + e.what());
        }
        for (auto& l : net.layers()) {
            c.need(4 * size_t(l.W.size() + l.b.size()), "parameters");
            for (Eigen::Index i = 0; i < l.W.size(); ++i, c.p += 4) l.W.data()[i] = getFloat(c.p);
            for (Eigen::Index i = 0; i < l.b.size(); ++i, c.p += 4) l.b(i) = getFloat(c.p);
        }
        if (!net.allFinite()) throw fail("network \"" + name + "\" contains NaN or infinite parameters");
        file.networks.emplace_back(std::move(name), std::move(net));
    }
    if (c.p != c.end) throw fail("payload has " + std::to_string(c.end - c.p) + " unread bytes");
    return file;
}

} // namespace latentlab::core::nn
