// File names around IDX: which paths are IDX files, which labels file belongs to an images
// file, and where Debian's dataset-fashion-mnist keeps Fashion-MNIST (core/idx.h).
#include "core/idx.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace latentlab::core {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

[[noreturn]] void fail(const std::string& message) {
    throw DataError(message);
}

} // namespace

bool hasIdxSuffix(const std::string& path) {
    std::string s = lower(path);
    if (endsWith(s, ".gz")) s.resize(s.size() - 3);
    if (endsWith(s, "-ubyte") || endsWith(s, ".idx")) return true;
    return s.size() > 5 && endsWith(s.substr(0, s.size() - 1), ".idx") && s.back() >= '1' && s.back() <= '4';
}

std::string idxLabelsPathFor(const std::string& imagesPath) {
    namespace fs = std::filesystem;
    const fs::path p(imagesPath);
    std::string name = p.filename().string();
    const size_t at = lower(name).rfind("images");
    if (at == std::string::npos) return {};
    name.replace(at, 6, name.compare(at, 6, "Images") == 0 ? "Labels" : "labels");
    for (const char* idx : {"idx2", "idx3", "idx4", "IDX2", "IDX3", "IDX4"}) {
        const size_t i = name.find(idx);
        if (i != std::string::npos) name[i + 3] = '1';
    }
    const std::string gz = endsWith(lower(name), ".gz") ? name.substr(0, name.size() - 3) : name + ".gz";
    for (const std::string& candidate : {name, gz}) {
        const fs::path q = p.parent_path() / candidate;
        std::error_code ec;
        if (fs::is_regular_file(q, ec)) return q.string();
    }
    return {};
}

std::string fashionMnistDir() {
    const char* env = std::getenv("LATENTLAB_FASHION_MNIST_DIR");
    return env && *env ? env : "/usr/share/datasets/fashion-mnist";
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                                   "Coat",        "Sandal",  "Shirt",    "Sneaker",
                                                   "Bag",         "Ankle boot"};
    return names;
}

Dataset loadFashionMnist(bool test, const std::string& name, const LoadControl& control) {
    const std::string dir = fashionMnistDir();
    const std::string prefix = dir + "/" + (test ? "t10k" : "train");
    const std::string images = prefix + "-images-idx3-ubyte.gz";
    const std::string labels = prefix + "-labels-idx1-ubyte.gz";
    for (const std::string& f : {images, labels}) {
        std::error_code ec;
        if (!std::filesystem::exists(f, ec))
            fail(name + ": " + f +
                 " is missing; install the Debian package dataset-fashion-mnist "
                 "(sudo apt install dataset-fashion-mnist)");
    }
    IdxOptions options;
    options.labelNames = fashionMnistClassNames();
    Dataset data = loadIdx(images, labels, options, control);
    data.name = name;
    return data;
}

} // namespace latentlab::core
