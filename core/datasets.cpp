#include "core/datasets.h"

#include "core/csv.h"
#include "core/embedded_files.h"
#include "core/generators.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace latentlab::core {

namespace {

/// A data set shipped inside the binary (resources/data, see its README for sources).
struct BuiltinFile {
    const char* name;
    const char* file; ///< name in embeddedFiles()
    const char* description;
    ImageShape imageShape; ///< height 0: not images
};

const std::vector<BuiltinFile>& builtinFiles() {
    static const std::vector<BuiltinFile> files = {
        {"old-faithful",
         "old_faithful.csv",
         "272 × 2, eruption time and waiting time (min) of the Old Faithful geyser "
         "(Azzalini & Bowman 1990)",
         {}},
        {"iris",
         "iris.csv",
         "150 × 4 + 3 species, sepal and petal length and width (cm) (Fisher 1936)",
         {}},
        {"digits",
         "digits_8x8.csv",
         "1797 × 64 + labels 0-9, 8×8 handwritten digits, grey levels 0-16 (UCI)",
         {8, 8, 1}},
    };
    return files;
}

const BuiltinFile* findBuiltin(const std::string& name) {
    for (const auto& f : builtinFiles())
        if (name == f.name) return &f;
    return nullptr;
}

Dataset loadBuiltin(const BuiltinFile& entry) {
    for (const EmbeddedFile& e : embeddedFiles()) {
        if (std::string_view(e.name) != entry.file) continue;
        Dataset d = parseCsv(e.data, e.name);
        d.name = entry.name;
        if (entry.imageShape.height > 0) d.imageShape = entry.imageShape;
        return d;
    }
    // Only reachable when core/CMakeLists.txt stops embedding a file listed above.
    throw DataError(std::string("built-in data set '") + entry.name +
                    "' is missing from the build");
}

/// Fashion-MNIST, read from the Debian package at load time (too large to embed).
struct SystemIdx {
    const char* name;
    bool test; ///< t10k files rather than train
    const char* description;
    int pool = 1; ///< 2: each 2×2 block of pixels averaged into one (28×28 → 14×14)
};

const std::vector<SystemIdx>& systemIdx() {
    static const std::vector<SystemIdx> sets = {
        {"fashion-mnist", false,
         "60000 × 784 + 10 classes, 28×28 grey clothing images in [0, 1], training set "
         "(Xiao et al. 2017; Debian package dataset-fashion-mnist)"},
        {"fashion-mnist-test", true,
         "10000 × 784 + 10 classes, 28×28 grey clothing images in [0, 1], test set "
         "(Xiao et al. 2017; Debian package dataset-fashion-mnist)"},
        {"fashion-mnist-14", false,
         "60000 × 196 + 10 classes, the training set downsized to 14×14 by averaging 2×2 pixel blocks, in "
         "[0, 1] (for diffusion on a CPU)",
         2},
        {"fashion-mnist-test-14", true,
         "10000 × 196 + 10 classes, the test set downsized to 14×14 by averaging 2×2 pixel blocks, in [0, 1]", 2},
    };
    return sets;
}

/// Averages each pool × pool block of every image (height and width divisible by pool).
Dataset poolImages(Dataset data, int pool) {
    const ImageShape in = data.imageShape.value_or(ImageShape{});
    const ImageShape out{in.height / pool, in.width / pool, in.channels};
    Matrix X(data.n(), out.height * out.width * out.channels);
    X.setZero();
    const float w = 1.0f / float(pool * pool);
    for (int r = 0; r < in.height; ++r)
        for (int c = 0; c < in.width; ++c)
            for (int ch = 0; ch < in.channels; ++ch)
                X.col(((r / pool) * out.width + c / pool) * out.channels + ch) +=
                    w * data.X.col((r * in.width + c) * in.channels + ch);
    data.X = std::move(X);
    data.featureNames.clear();
    for (int r = 0; r < out.height; ++r)
        for (int c = 0; c < out.width; ++c) data.featureNames.push_back("px_" + std::to_string(r) + "_" + std::to_string(c));
    data.imageShape = out;
    return data;
}

bool endsWithCsv(const std::string& name) {
    if (name.size() < 4) return false;
    std::string ext = name.substr(name.size() - 4);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".csv";
}

} // namespace

const std::vector<DatasetInfo>& listDatasets() {
    static const std::vector<DatasetInfo> list = [] {
        std::vector<DatasetInfo> v;
        for (const auto& f : builtinFiles())
            v.push_back({f.name, f.description, false, {}});
        for (const auto& f : systemIdx())
            v.push_back({f.name, f.description, false, {}});
        const auto& gens = generatorInfos();
        v.insert(v.end(), gens.begin(), gens.end());
        return v;
    }();
    return list;
}

const DatasetInfo* findDataset(const std::string& name) {
    for (const auto& info : listDatasets())
        if (info.name == name) return &info;
    return nullptr;
}

Params datasetParams(const std::string& name) {
    const DatasetInfo* info = findDataset(name);
    return info ? Params(info->params) : Params();
}

Dataset loadDataset(const std::string& name, const Params& params, uint64_t seed) {
    return loadDataset(name, params, seed, LoadControl{});
}

Dataset loadDataset(const std::string& name, const Params& params, uint64_t seed,
                    const LoadControl& control) {
    if (const BuiltinFile* f = findBuiltin(name)) return loadBuiltin(*f);
    for (const auto& f : systemIdx())
        if (name == f.name) return f.pool > 1 ? poolImages(loadFashionMnist(f.test, f.name, control), f.pool)
                                              : loadFashionMnist(f.test, f.name, control);
    if (const DatasetInfo* info = findDataset(name); info && info->generator)
        return generate(name, params, seed);
    if (hasIdxSuffix(name)) return loadIdx(name, idxLabelsPathFor(name), {}, control);
    std::error_code ec;
    if (endsWithCsv(name) || std::filesystem::exists(name, ec)) return loadCsvFile(name);
    std::string known;
    for (const auto& info : listDatasets())
        known += (known.empty() ? "" : ", ") + info.name;
    throw DataError("unknown data set '" + name + "' (known: " + known +
                    "; see `latentlab datasets`)");
}

} // namespace latentlab::core
