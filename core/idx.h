#pragma once
// IDX files, the format of MNIST and Fashion-MNIST (LeCun et al., "The MNIST database",
// http://yann.lecun.com/exdb/mnist/; Xiao, Rasul & Vollgraf 2017, arXiv:1708.07747), plain or
// gzip-compressed, and the Fashion-MNIST files of Debian's `dataset-fashion-mnist`.
//
// Format: bytes 0-1 are zero, byte 2 the element type, byte 3 the number of dimensions k; then
// k sizes as 32-bit big-endian unsigned integers; then the elements, big-endian, in row-major
// order (the last index changes fastest). Every problem is reported as one DataError naming
// the file and the byte offset (in the decompressed data for .gz files), as core/csv.h does.
#include "core/dataset.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace latentlab::core {

/// Thrown by a loader whose LoadControl::cancel became true: it stopped, returns nothing and
/// leaves nothing behind. Deliberately not a DataError (nothing is wrong with the file): callers
/// that report DataError to the user can let this one pass silently.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("loading was cancelled") {}
};

/// Progress report and cancellation for a long load (Fashion-MNIST's 60 000 images take a
/// noticeable fraction of a second). Both are optional.
struct LoadControl {
    /// Called on the loading thread with the fraction done, in [0, 1], non-decreasing, about
    /// once per MB of decompressed data and once with 1 at the end. Must not throw.
    std::function<void(double)> progress;
    /// Polled as often as progress is reported; once true, the loader throws LoadCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

/// IDX element types (byte 2 of the magic number).
enum class IdxType : uint8_t {
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Short = 0x0B,  ///< 16-bit
    Int = 0x0C,    ///< 32-bit
    Float = 0x0D,  ///< 32-bit IEEE 754
    Double = 0x0E, ///< 64-bit IEEE 754
};

struct IdxOptions {
    /// Class names for the labels; when given, every label must be in [0, size). When empty,
    /// labels must be in [0, kMaxIdxLabel] and are named "0" .. "<largest label>".
    std::vector<std::string> labelNames;
    /// Files with more elements than this (N × d) are refused before reading the data: the
    /// float matrix would need 4 bytes per element (default 2^28: 1 GB).
    size_t maxElements = size_t{1} << 28;
};

/// Largest label accepted when IdxOptions::labelNames is empty.
inline constexpr int kMaxIdxLabel = 999;

/// Loads an IDX images file, and optionally its labels file, into an N × d Dataset.
///
/// - Images: k = 2 (N × d vectors, features "x1".."xd"), 3 (N × height × width, grey images)
///   or 4 (N × height × width × channels) dimensions; with 3 or 4, Dataset::imageShape is set
///   and feature j of row-major pixel (r, c[, ch]) is named "px_r_c[_ch]" (from 0).
/// - Values: unsigned bytes are scaled to [0, 1] (v / 255, as grey levels); every other type is
///   kept as it is, converted to float (a value that is not finite or out of float's range is
///   an error).
/// - Labels (`labelsPath` not empty): a 1-dimensional file of integers (unsigned/signed byte,
///   short or int), one per image; see IdxOptions::labelNames for their range.
/// - Either file may be gzip-compressed (detected from its content, not its name).
///
/// Dataset::name is the images file's base name. Throws DataError (one line, naming the file
/// and, where there is one, the byte) for: a missing, unreadable or folder path; a bad magic
/// number or type; a wrong number of dimensions; a zero size; N × d over maxElements (or a
/// product that overflows); data that end early or go on after the last element; corrupt gzip
/// data; a NaN, infinite or out-of-float-range value; labels that are not integers, whose
/// count differs from N, or a label out of range. Throws LoadCancelled when `control.cancel`
/// becomes true. Nothing else except std::bad_alloc.
Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath = {},
                const IdxOptions& options = {}, const LoadControl& control = {});

/// True when `path` names an IDX file by its ending (case-insensitive): "-ubyte", ".idx",
/// ".idx1" .. ".idx4", each optionally followed by ".gz".
bool hasIdxSuffix(const std::string& path);

/// The labels file that belongs to `imagesPath` by the MNIST naming convention, or "" when
/// there is none on disk: in the file name the last "images" becomes "labels" and
/// "idx2"/"idx3"/"idx4" becomes "idx1" ("train-images-idx3-ubyte.gz" →
/// "train-labels-idx1-ubyte.gz"); the name with and without ".gz" are both tried.
std::string idxLabelsPathFor(const std::string& imagesPath);

/// The folder with the Fashion-MNIST files: $LATENTLAB_FASHION_MNIST_DIR when set, else
/// /usr/share/datasets/fashion-mnist (Debian package `dataset-fashion-mnist`).
std::string fashionMnistDir();

/// The 10 Fashion-MNIST classes, index = label: T-shirt/top, Trouser, Pullover, Dress, Coat,
/// Sandal, Shirt, Sneaker, Bag, Ankle boot (Xiao et al. 2017, table 1).
const std::vector<std::string>& fashionMnistClassNames();

/// Fashion-MNIST's training set (`test` false: 60 000 images) or test set (true: 10 000),
/// 28 × 28 grey images in [0, 1], d = 784, with the 10 labels above; Dataset::name is
/// `name`. Throws DataError saying which Debian package to install when the files are
/// missing, otherwise like loadIdx().
Dataset loadFashionMnist(bool test, const std::string& name, const LoadControl& control = {});

} // namespace latentlab::core
