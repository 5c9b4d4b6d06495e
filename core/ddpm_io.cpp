#include "core/ddpm_io.h"

#include "core/binary_io.h"
#include "core/datasets.h"
#include "core/nn_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace latentlab::core {

namespace {

using namespace binary;

constexpr char kMagic[8] = {'L', 'L', 'D', 'P', 'M', '\r', '\n', '\x1a'};
constexpr size_t kHeaderSize = 24;
constexpr uint32_t kMaxDimension = 65536, kMaxString = 65536, kMaxPairs = 64, kMaxImageSide = 65536;
constexpr uint64_t kMaxFileBytes = uint64_t{1} << 31;

void putString(std::vector<unsigned char>& out, const std::string& s, const char* what) {
    if (s.size() > kMaxString) throw std::invalid_argument(std::string("DDPM model file: ") + what + " is longer than 65536 bytes");
    put32(out, uint32_t(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}

void putPairs(std::vector<unsigned char>& out, const std::vector<std::pair<std::string, std::string>>& pairs,
              const char* what) {
    if (pairs.size() > kMaxPairs) throw std::invalid_argument(std::string("DDPM model file: more than 64 ") + what);
    put32(out, uint32_t(pairs.size()));
    for (const auto& [k, v] : pairs) putString(out, k, what), putString(out, v, what);
}

/// The binary Cursor with the model file's strings and name/value lists.
struct ModelCursor : binary::Cursor {
    std::string string(const char* what) {
        const uint32_t n = u32(what);
        if (n > kMaxString) fail(std::string(what) + " is longer than 65536 bytes");
        need(n, what);
        std::string s(reinterpret_cast<const char*>(p), n);
        p += n;
        return s;
    }
    std::vector<std::pair<std::string, std::string>> pairs(const char* what) {
        const uint32_t n = u32(what);
        if (n > kMaxPairs) fail("impossible number of " + std::string(what) + " " + std::to_string(n));
        std::vector<std::pair<std::string, std::string>> r;
        for (uint32_t i = 0; i < n; ++i) {
            std::string k = string(what);
            r.emplace_back(std::move(k), string(what));
        }
        return r;
    }
};

/// Empty when `net` maps d + E inputs through `layers` hidden layers of `width` units with
/// `activation` to d outputs (the network Ddpm::reset makes), else what differs.
std::string shapeProblem(const nn::Mlp<float>& net, int d, int E, int layers, int width, nn::Activation activation) {
    const auto& ls = net.layers();
    if (int(ls.size()) != layers + 1)
        return std::to_string(ls.size() - 1) + " hidden layers, the parameters say " + std::to_string(layers);
    for (int i = 0; i <= layers; ++i) {
        const nn::LayerSpec& s = ls[size_t(i)].spec();
        const int in = i == 0 ? d + E : width, out = i == layers ? d : width;
        if (s.inputs != in || s.outputs != out)
            return "layer " + std::to_string(i) + " maps " + std::to_string(s.inputs) + " → " + std::to_string(s.outputs) +
                   ", the parameters (d = " + std::to_string(d) + ", time embedding " + std::to_string(E) + ", width " +
                   std::to_string(width) + ") need " + std::to_string(in) + " → " + std::to_string(out);
        if (i < layers && s.activation != activation) return "hidden layer " + std::to_string(i) + " has another activation";
    }
    return {};
}

std::string shapeProblem(const nn::Mlp<float>& net, int d, const DdpmSettings& s) {
    return shapeProblem(net, d, s.timeEmbedding, s.layers, s.width, s.activation);
}

} // namespace

Params DdpmModelFile::ddpmParams() const {
    Params p(Ddpm::specs());
    for (const auto& [k, v] : params) p.setFromString(k, v);
    return p;
}

Params DdpmModelFile::generatorParams() const {
    const DatasetInfo* info = findDataset(dataset);
    Params p(info ? info->params : std::vector<ParamSpec>());
    for (const auto& [k, v] : datasetParams) p.setFromString(k, v);
    return p;
}

DdpmModelFile makeDdpmModelFile(const Ddpm& model, const Params& params) {
    const auto snap = std::static_pointer_cast<const DdpmSnapshot>(model.snapshot());
    if (!model.data() || !snap->network) throw std::invalid_argument("DDPM model file: the model was never reset");
    DdpmModelFile f;
    for (const ParamSpec& spec : Ddpm::specs()) f.params.emplace_back(spec.name, params.toString(spec.name));
    f.dataset = model.data()->name;
    f.imageShape = model.data()->imageShape;
    f.scaling = model.scaling();
    f.network = *snap->network;
    f.emaNetwork = *snap->emaNetwork;
    f.trainSteps = model.trainSteps();
    return f;
}

void writeDdpmModel(const std::string& path, const DdpmModelFile& model) {
    const int d = model.dimension();
    if (d < 1 || uint32_t(d) > kMaxDimension) throw std::invalid_argument("DDPM model file: the scaling's shift must have 1 to 65536 entries");
    const DdpmScaling& sc = model.scaling;
    if (!sc.shift.allFinite() || !std::isfinite(sc.scale) || sc.scale <= 0 || !std::isfinite(sc.imageMax) || sc.imageMax <= 0)
        throw std::invalid_argument("DDPM model file: the scaling is not finite and positive");
    if (model.trainSteps < 0) throw std::invalid_argument("DDPM model file: negative training step count");
    const Params p = model.ddpmParams(); // throws ParamError for a bad value
    DdpmSettings s;
    s.layers = int(p.getInt("layers"));
    s.width = int(p.getInt("width"));
    s.timeEmbedding = int(p.getInt("time-embedding"));
    s.activation = nn::activationFromName(p.getChoice("activation"));
    for (const auto* net : {&model.network, &model.emaNetwork})
        if (const std::string why = shapeProblem(*net, d, s); !why.empty())
            throw std::invalid_argument("DDPM model file: the network does not fit: " + why);
    std::vector<unsigned char> payload;
    putString(payload, model.description, "the description");
    putPairs(payload, model.params, "parameters");
    putString(payload, model.dataset, "the data set name");
    putPairs(payload, model.datasetParams, "generator parameters");
    put32(payload, model.dataSeed ? 1 : 0);
    put64(payload, model.dataSeed.value_or(0));
    const ImageShape shape = model.imageShape.value_or(ImageShape{0, 0, 0});
    if (model.imageShape && shape.height * shape.width * shape.channels != d)
        throw std::invalid_argument("DDPM model file: the image shape does not have d pixels");
    put32(payload, uint32_t(shape.height));
    put32(payload, uint32_t(shape.width));
    put32(payload, uint32_t(model.imageShape ? shape.channels : 0));
    put32(payload, sc.image ? 1 : 0);
    putFloat(payload, sc.imageMax);
    putFloat(payload, sc.scale);
    for (int j = 0; j < d; ++j) putFloat(payload, sc.shift(j));
    put64(payload, uint64_t(model.trainSteps));
    nn::NetworkFile nets;
    nets.networks = {{"epsilon", model.network}, {"ema", model.emaNetwork}};
    const std::vector<unsigned char> inner = nn::encodeNetworks(nets);
    put64(payload, inner.size());
    payload.insert(payload.end(), inner.begin(), inner.end());

    std::vector<unsigned char> out(kMagic, kMagic + 8);
    put32(out, kDdpmFileVersion);
    put32(out, uint32_t(d));
    put64(out, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
    put64(out, fnv1a(out.data(), out.size()));
    writeFileAtomically(path, out);
}

DdpmModelFile readDdpmModel(const std::string& path) {
    const std::vector<unsigned char> bytes = readFile(path, kMaxFileBytes);
    return parseDdpmModel(bytes.data(), bytes.size(), path);
}

DdpmModelFile parseDdpmModel(const unsigned char* data, size_t size, const std::string& name) {
    ModelCursor c{{name, data, data + size, data}};
    if (size < 8 || std::memcmp(data, kMagic, 8) != 0)
        c.fail("not a LatentLab DDPM model file (wrong magic number in the first 8 bytes)");
    if (size < kHeaderSize + 8)
        c.fail("truncated: " + std::to_string(size) + " bytes, shorter than the 24-byte header");
    const uint32_t version = get32(data + 8), d = get32(data + 12);
    const uint64_t payload = get64(data + 16);
    if (version != kDdpmFileVersion)
        c.fail("format version " + std::to_string(version) + " is not supported (this LatentLab reads version " +
               std::to_string(kDdpmFileVersion) + ")");
    if (d < 1 || d > kMaxDimension) c.fail("impossible data dimension " + std::to_string(d));
    const uint64_t expected = kHeaderSize + payload + 8;
    if (payload > kMaxFileBytes || size != expected)
        c.fail(std::string(size < expected ? "truncated" : "has extra data at the end") + ": " + std::to_string(size) +
               " bytes, the header promises " + std::to_string(expected));
    if (get64(data + kHeaderSize + payload) != fnv1a(data, kHeaderSize + payload))
        c.fail("checksum mismatch: the file is corrupt");

    c.p = data + kHeaderSize;
    c.end = c.p + payload;
    DdpmModelFile m;
    m.description = c.string("the description");
    m.params = c.pairs("parameters");
    m.dataset = c.string("the data set name");
    m.datasetParams = c.pairs("generator parameters");
    const uint32_t seedKnown = c.u32("the data seed flag");
    const uint64_t seed = c.u64("the data seed");
    if (seedKnown > 1) c.fail("data seed flag " + std::to_string(seedKnown) + " is not 0 or 1");
    if (seedKnown) m.dataSeed = seed;
    const uint32_t height = c.u32("the image height"), width = c.u32("the image width"), channels = c.u32("the image channels");
    if (height || width || channels) {
        if (height > kMaxImageSide || width > kMaxImageSide || uint64_t(height) * width * channels != d)
            c.fail("image shape " + std::to_string(height) + " × " + std::to_string(width) + " × " +
                   std::to_string(channels) + " does not have d = " + std::to_string(d) + " pixels");
        m.imageShape = ImageShape{int(height), int(width), int(channels)};
    }
    const uint32_t image = c.u32("the image flag");
    if (image > 1) c.fail("image flag " + std::to_string(image) + " is not 0 or 1");
    m.scaling.image = image == 1;
    m.scaling.imageMax = c.f32("the image maximum");
    m.scaling.scale = c.f32("the scale");
    c.need(4 * uint64_t(d), "the shift");
    m.scaling.shift.resize(d);
    for (uint32_t j = 0; j < d; ++j) m.scaling.shift(j) = c.f32("the shift");
    const auto& sc = m.scaling;
    if (!sc.shift.allFinite() || !std::isfinite(sc.scale) || sc.scale <= 0 || !std::isfinite(sc.imageMax) || sc.imageMax <= 0)
        c.fail("the data scaling is not finite and positive");
    const uint64_t steps = c.u64("the training step count");
    if (steps > uint64_t{1} << 62) c.fail("impossible training step count");
    m.trainSteps = int64_t(steps);
    const uint64_t innerSize = c.u64("the networks' length");
    c.need(innerSize, "the networks");
    const nn::NetworkFile nets = nn::decodeNetworks(c.p, size_t(innerSize), name + " (networks)");
    c.p += innerSize;
    if (c.p != c.end) c.fail("payload has " + std::to_string(c.end - c.p) + " unread bytes");
    try {
        m.network = nets.network("epsilon");
        m.emaNetwork = nets.network("ema");
    } catch (const DataError& e) {
        c.fail(e.what());
    }

    DdpmSettings s;
    try {
        const Params p = m.ddpmParams();
        s.layers = int(p.getInt("layers"));
        s.width = int(p.getInt("width"));
        s.timeEmbedding = int(p.getInt("time-embedding"));
        s.activation = nn::activationFromName(p.getChoice("activation"));
    } catch (const std::exception& e) {
        c.fail(std::string("bad parameter: ") + e.what());
    }
    for (const auto& [label, net] : {std::pair{"epsilon", &m.network}, std::pair{"ema", &m.emaNetwork}})
        if (const std::string why = shapeProblem(*net, int(d), s); !why.empty())
            c.fail(std::string("network \"") + label + "\" does not fit: " + why);
    return m;
}

void Ddpm::installTrained(const DdpmModelFile& file) {
    if (!m_data) throw std::invalid_argument("DDPM: reset the model before installing a trained one");
    const int d = int(m_X.cols());
    if (file.dimension() != d)
        throw std::invalid_argument("DDPM: the trained model is for " + std::to_string(file.dimension()) +
                                    "-dimensional data but " + m_data->name + " has " + std::to_string(d) + " features");
    for (const auto* net : {&file.network, &file.emaNetwork})
        if (const std::string why = shapeProblem(*net, d, m_settings); !why.empty())
            throw std::invalid_argument("DDPM: the trained network does not fit the parameters: " + why +
                                        " (reset with the file's parameters)");
    // ε_θ(x, t) learnt the noise levels of one schedule: another T or β_t gives samples from
    // nowhere. (The sampler, DDIM steps and η may change: DDIM samples a DDPM-trained model.)
    const Params trained = file.ddpmParams();
    const BetaSchedule schedule = parseBetaSchedule(trained.getChoice("schedule"));
    const int T = int(trained.getInt("T"));
    const double beta = trained.getReal("beta");
    if (schedule != m_settings.schedule || T != m_settings.T ||
        (schedule == BetaSchedule::Constant && beta != m_settings.constantBeta))
        throw std::invalid_argument("DDPM: the model was trained with the " + betaScheduleName(schedule) +
                                    " schedule and T = " + std::to_string(T) +
                                    (schedule == BetaSchedule::Constant ? ", β = " + trained.toString("beta") : "") +
                                    "; it cannot sample with other noise levels (reset with the file's schedule, T and β)");
    m_net = file.network;
    m_ema = file.emaNetwork;
    m_scaling = file.scaling;
    m_X = m_scaling.toModel(m_data->X);
    m_adam = nn::Adam<float>({m_settings.learningRate});
    m_loss = std::make_shared<std::vector<float>>();
    evaluateBucketLoss();
    m_trainStep = file.trainSteps;
    m_settings.trainSteps = file.trainSteps;
    m_stepCount = 0;
    m_diverged = false;
    m_chainWs.clear();
    m_chainZ1.clear();
    for (Part& part : m_parts) part.ws = {};
    m_events.clear();
    startSampling(m_settings.samplePoints);
}

} // namespace latentlab::core
