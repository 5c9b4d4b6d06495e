#pragma once
// Internal to core/ddpm.cpp and core/ddpm_chain.cpp: constants and the copy-on-write helper.
#include <memory>

namespace latentlab::core::ddpm_detail {

constexpr int kParts = 2;          ///< fixed parts of a training batch (results independent of threads)
constexpr int kChainChunk = 1024;  ///< rows per work item of a reverse step
constexpr int kBuckets = 10;       ///< t-buckets of the per-t loss

/// The object behind p, copied first when a snapshot still holds it (copy on write).
template <typename T> T& writable(std::shared_ptr<T>& p) {
    if (p.use_count() > 1) p = std::make_shared<T>(*p);
    return *p;
}

} // namespace latentlab::core::ddpm_detail
