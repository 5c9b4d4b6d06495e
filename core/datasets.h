#pragma once
// Built-in data sets and seeded generators, by name, and CSV or IDX files by path.
#include "core/dataset.h"
#include "core/idx.h"
#include "core/params.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::core {

struct DatasetInfo {
    std::string name;        ///< e.g. "old-faithful", "two-moons"
    std::string description; ///< one line, with shape and source
    bool generator = false;  ///< true: made from parameters and a seed
    std::vector<ParamSpec> params; ///< generator parameters (n, noise, ...), empty for files
};

/// Every built-in data set and generator, files first.
const std::vector<DatasetInfo>& listDatasets();
/// The info for `name`, or nullptr.
const DatasetInfo* findDataset(const std::string& name);
/// An empty Params for the generator `name` (defaults), or for a file data set (no params).
Params datasetParams(const std::string& name);

/// Loads a built-in data set, runs a generator with `params` and `seed`, or — when `name` is
/// not a built-in — loads a file: IDX when the name has an IDX ending (hasIdxSuffix(): images,
/// with the labels file idxLabelsPathFor() finds), else CSV when it ends in ".csv" or exists.
/// "fashion-mnist" / "fashion-mnist-test" read Debian's dataset-fashion-mnist (loadFashionMnist).
/// Throws DataError (unknown name, malformed or missing file) or ParamError (bad generator
/// parameter).
Dataset loadDataset(const std::string& name, const Params& params, uint64_t seed);
/// The same, reporting progress and honouring cancellation (LoadCancelled) while IDX files —
/// Fashion-MNIST among them — are read; the other sources are fast and ignore `control`.
Dataset loadDataset(const std::string& name, const Params& params, uint64_t seed,
                    const LoadControl& control);

} // namespace latentlab::core
