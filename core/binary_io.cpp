#include "core/binary_io.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace latentlab::core::binary {

void writeFileAtomically(const std::string& path, const std::vector<unsigned char>& bytes) {
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw DataError("cannot write " + path + ": cannot create " + tmp);
        f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        f.flush();
        if (!f) {
            f.close();
            std::remove(tmp.c_str());
            throw DataError("cannot write " + path + " (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        throw DataError("cannot write " + path + ": " + ec.message());
    }
}

std::vector<unsigned char> readFile(const std::string& path, uint64_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw DataError(path + ": is a folder, not a file");
    std::ifstream f(path, std::ios::binary);
    if (!f) throw DataError(path + ": cannot be opened (missing or unreadable)");
    const uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) throw DataError(path + ": cannot be read: " + ec.message());
    if (size > maxBytes)
        throw DataError(path + ": " + std::to_string(size) + " bytes, more than the " +
                        std::to_string(maxBytes) + " a model file may have");
    std::vector<unsigned char> bytes(static_cast<size_t>(size));
    f.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (!f) throw DataError(path + ": cannot be read to the end");
    return bytes;
}

} // namespace latentlab::core::binary
