#include "core/csv.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

namespace latentlab::core {

namespace {

constexpr size_t npos = std::string_view::npos;

[[noreturn]] void fail(const std::string& message) {
    throw DataError(message);
}

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}
bool isLineEnd(char c) {
    return c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && (isBlank(s.back()) || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string formatSize(size_t bytes) {
    char buf[48];
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    const double kb = static_cast<double>(bytes) / 1024.0;
    if (bytes >= (1u << 20))
        std::snprintf(buf, sizeof buf, mb == std::floor(mb) ? "%.0f MB" : "%.1f MB", mb);
    else if (bytes >= 1024)
        std::snprintf(buf, sizeof buf, kb == std::floor(kb) ? "%.0f KB" : "%.1f KB", kb);
    else
        std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
    return buf;
}

/// A field's text as it may appear inside a one-line message: short, and without line breaks.
std::string shown(std::string_view s) {
    constexpr size_t kMax = 40;
    std::string out;
    for (char c : s.substr(0, kMax))
        out += isLineEnd(c) || c == '\t' ? ' ' : c;
    if (s.size() > kMax) {
        // Do not cut a UTF-8 sequence in half.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
        out += "...";
    }
    return out;
}

/// Offset of the first byte that cannot occur in a UTF-8 text file (NUL, control characters
/// other than tab/CR/LF, malformed UTF-8), or npos.
size_t findBinary(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const unsigned c = p[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
            ++i;
            continue;
        }
        size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte (RFC 3629 table)
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : lo; // no overlong forms
            hi = c == 0xED ? 0x9F : hi; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : lo;
            hi = c == 0xF4 ? 0x8F : hi; // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
        for (size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return npos;
}

/// Picks the delimiter from the first lines: a candidate that occurs equally often (> 0) on
/// every line wins, tab before semicolon before comma (a semicolon file may hold decimal
/// commas, never the reverse); otherwise the most frequent one on the first line.
char detectDelimiter(std::string_view s) {
    constexpr std::array<char, 3> kCandidates = {'\t', ';', ','};
    std::array<int, 3> count{}, firstCount{};
    std::array<bool, 3> consistent = {true, true, true};
    int lines = 0;
    bool inQuotes = false, content = false;
    auto endLine = [&] {
        if (content) {
            for (size_t k = 0; k < 3; ++k) {
                if (lines == 0)
                    firstCount[k] = count[k];
                else if (count[k] != firstCount[k])
                    consistent[k] = false;
            }
            ++lines;
        }
        count = {};
        content = false;
    };
    for (size_t i = 0; i < s.size() && lines < 20; ++i) {
        const char c = s[i];
        if (c == '"') inQuotes = !inQuotes;
        if (inQuotes) continue;
        if (isLineEnd(c)) {
            endLine();
            continue;
        }
        content = content || !isBlank(c);
        for (size_t k = 0; k < 3; ++k)
            count[k] += c == kCandidates[k];
    }
    endLine();
    for (size_t k = 0; k < 3; ++k)
        if (consistent[k] && firstCount[k] > 0) return kCandidates[k];
    const auto best = std::max_element(firstCount.begin(), firstCount.end());
    return *best > 0 ? kCandidates[static_cast<size_t>(best - firstCount.begin())] : ',';
}

enum class Num { Ok, Empty, NotNumber, NotFinite, TooLarge };

Num fromText(std::string_view t, double& out) {
    const char* end = t.data() + t.size();
    const auto [ptr, ec] = std::from_chars(t.data(), end, out);
    if (ptr != end) return Num::NotNumber;
    if (ec == std::errc::result_out_of_range) {
        // from_chars does not say which way it overflowed: a negative exponent, or no exponent
        // and no non-zero digit before the point, means a tiny number, which is 0 as a float.
        const size_t e = t.find_first_of("eE");
        const bool tiny = e != npos ? t.substr(e + 1).starts_with('-')
                                    : t.substr(0, t.find('.')).find_first_of("123456789") == npos;
        if (!tiny) return Num::TooLarge;
        out = 0.0;
    }
    if (!std::isfinite(out)) return Num::NotFinite;
    return std::abs(out) > FLT_MAX ? Num::TooLarge : Num::Ok;
}

/// Parses one field as a number: surrounding blanks and a leading '+' are allowed, and with
/// `decimalComma` a single ',' is read as the decimal point ("3,14" in semicolon files).
Num parseNumber(std::string_view s, bool decimalComma, double& out) {
    s = trim(s);
    if (s.empty()) return Num::Empty;
    if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
    const Num r = fromText(s, out);
    if (r != Num::NotNumber || !decimalComma || s.size() >= 64 || s.find('.') != npos ||
        std::count(s.begin(), s.end(), ',') != 1)
        return r;
    char buf[64];
    std::copy(s.begin(), s.end(), buf);
    *std::find(buf, buf + s.size(), ',') = '.';
    return fromText(std::string_view(buf, s.size()), out);
}

bool looksNumeric(std::string_view s, bool decimalComma) {
    double v = 0;
    const Num r = parseNumber(s, decimalComma, v);
    return r == Num::Ok || r == Num::NotFinite || r == Num::TooLarge;
}

/// Splits the text into records (RFC 4180), skipping blank lines. The fields of the current
/// record stay valid until the next call of next().
class Reader {
public:
    Reader(std::string_view text, char delimiter, const std::string& file)
        : m_text(text), m_delim(delimiter), m_file(file) {}

    bool next();
    const std::vector<std::string_view>& fields() const { return m_fields; }
    size_t line() const { return m_recordLine; } ///< 1-based line where the record starts

private:
    struct Span {
        size_t begin, size;
        bool inScratch; // unescaped copy of a quoted field with "" in it
    };
    size_t skipLineEnd(size_t p);
    void countLines(size_t from, size_t to);
    size_t readQuoted(size_t p);

    std::string_view m_text;
    char m_delim;
    const std::string& m_file;
    size_t m_pos = 0;
    size_t m_line = 1;
    size_t m_recordLine = 0;
    std::vector<Span> m_spans;
    std::string m_scratch;
    std::vector<std::string_view> m_fields;
};

size_t Reader::skipLineEnd(size_t p) {
    if (p >= m_text.size()) return p;
    p += m_text[p] == '\r' && p + 1 < m_text.size() && m_text[p + 1] == '\n' ? 2 : 1;
    ++m_line;
    return p;
}

void Reader::countLines(size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
        m_line +=
            m_text[i] == '\n' || (m_text[i] == '\r' && (i + 1 >= to || m_text[i + 1] != '\n'));
}

size_t Reader::readQuoted(size_t p) {
    const size_t n = m_text.size();
    const size_t column = m_spans.size() + 1, startLine = m_line;
    size_t segment = ++p;
    const size_t scratchBegin = m_scratch.size();
    bool escaped = false;
    for (;;) {
        const size_t q = m_text.find('"', p);
        if (q == npos)
            fail(m_file + ":" + std::to_string(startLine) + ", column " + std::to_string(column) +
                 ": unterminated quote (this field's opening \" is never closed)");
        countLines(p, q);
        if (q + 1 < n && m_text[q + 1] == '"') { // "" stands for one quote character
            m_scratch.append(m_text.substr(segment, q + 1 - segment));
            escaped = true;
            p = segment = q + 2;
            continue;
        }
        if (escaped) {
            m_scratch.append(m_text.substr(segment, q - segment));
            m_spans.push_back({scratchBegin, m_scratch.size() - scratchBegin, true});
        } else {
            m_spans.push_back({segment, q - segment, false});
        }
        p = q + 1;
        break;
    }
    while (p < n && m_text[p] != m_delim && isBlank(m_text[p]))
        ++p;
    if (p < n && m_text[p] != m_delim && !isLineEnd(m_text[p]))
        fail(m_file + ":" + std::to_string(m_line) + ", column " + std::to_string(column) +
             ": unexpected text after the closing quote of a quoted field");
    return p;
}

bool Reader::next() {
    const size_t n = m_text.size();
    for (;;) { // skip blank lines
        size_t p = m_pos;
        while (p < n && isBlank(m_text[p]))
            ++p;
        if (p >= n) {
            m_pos = n;
            return false;
        }
        if (!isLineEnd(m_text[p])) break;
        m_pos = skipLineEnd(p);
    }
    m_recordLine = m_line;
    m_spans.clear();
    m_scratch.clear();
    size_t p = m_pos;
    for (;;) {
        while (p < n && m_text[p] != m_delim && isBlank(m_text[p]))
            ++p;
        if (p < n && m_text[p] == '"') {
            p = readQuoted(p);
        } else {
            const size_t begin = p;
            while (p < n && m_text[p] != m_delim && !isLineEnd(m_text[p]))
                ++p;
            size_t end = p;
            while (end > begin && isBlank(m_text[end - 1]))
                --end;
            m_spans.push_back({begin, end - begin, false});
        }
        if (p < n && m_text[p] == m_delim) {
            ++p;
            continue;
        }
        m_pos = skipLineEnd(p);
        break;
    }
    m_fields.resize(m_spans.size());
    const std::string_view scratch(m_scratch);
    for (size_t i = 0; i < m_spans.size(); ++i) {
        const Span& s = m_spans[i];
        m_fields[i] = (s.inScratch ? scratch : m_text).substr(s.begin, s.size);
    }
    return true;
}

bool isLabelName(std::string_view name) {
    const std::string l = lower(trim(name));
    return l == "label" || l == "class" || l == "target" || l == "species";
}

/// When every label name is an integer, renumbers the labels so that the names are sorted
/// numerically (digits: 0..9) instead of by first appearance.
void sortIntegerLabels(std::vector<int>& labels, std::vector<std::string>& names) {
    std::vector<std::pair<long long, int>> keyed;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string_view t = trim(names[i]);
        long long v = 0;
        const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return;
        keyed.emplace_back(v, static_cast<int>(i));
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<int> newIndex(names.size());
    std::vector<std::string> sorted;
    for (size_t k = 0; k < keyed.size(); ++k) {
        newIndex[static_cast<size_t>(keyed[k].second)] = static_cast<int>(k);
        sorted.push_back(names[static_cast<size_t>(keyed[k].second)]);
    }
    for (int& l : labels)
        l = newIndex[static_cast<size_t>(l)];
    names = std::move(sorted);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size() && i < 12; ++i)
        s += (i ? ", " : "") + names[i];
    return names.size() > 12 ? s + ", ..." : s;
}

using Row = std::vector<std::string_view>;

/// The column names and roles. Roles come from the first data row: a text field there makes
/// its column the label column, a number makes it a feature for good.
struct Layout {
    std::string file;
    bool header = false;
    bool decimalComma = false;
    std::vector<std::string> names; ///< one per field: the header's, or x1..xd
    size_t labelCol = npos;         ///< text (or user-chosen) label column
    size_t candidate = npos;        ///< integer column named like labels (decided at the end)

    std::string where(size_t line, size_t j) const {
        return file + ":" + std::to_string(line) + ", column " + std::to_string(j + 1) + " '" +
               names[j] + "'";
    }
    bool numeric(std::string_view s) const { return looksNumeric(s, decimalComma); }
    void assignRoles(const Row& row0, size_t row0Line, const std::string& labelColumn);
};

void Layout::assignRoles(const Row& row0, size_t row0Line, const std::string& labelColumn) {
    const size_t ncols = names.size();
    if (!labelColumn.empty()) {
        for (size_t j = 0; j < ncols && labelCol == npos; ++j)
            if (names[j] == labelColumn) labelCol = j;
        for (size_t j = 0; j < ncols && labelCol == npos; ++j)
            if (lower(names[j]) == lower(labelColumn)) labelCol = j;
        if (labelCol == npos)
            fail(file + ": there is no column named '" + labelColumn +
                 "' (columns: " + joinNames(names) + ")");
    }
    std::vector<size_t> textCols;
    for (size_t j = 0; j < std::min(ncols, row0.size()); ++j)
        if (j != labelCol && !trim(row0[j]).empty() && !numeric(row0[j])) textCols.push_back(j);
    if (row0.size() == ncols && textCols.size() + (labelCol != npos) == ncols)
        fail(file +
             ": there is no numeric column to use as features (columns: " + joinNames(names) + ")");
    if (labelCol == npos && !textCols.empty()) {
        labelCol = textCols.front();
        textCols.erase(textCols.begin());
    }
    if (!textCols.empty())
        fail(where(row0Line, textCols.front()) + ": '" + shown(row0[textCols.front()]) +
             "' is not a number, and only one text column can be used (as labels): '" +
             names[labelCol] + "'");
    for (size_t j = 0; j < ncols && labelCol == npos && labelColumn.empty(); ++j)
        if (isLabelName(names[j])) {
            candidate = j;
            break;
        }
}

/// Accumulates the data rows: numbers into a row-major N × nd buffer, labels as indices.
class Table {
public:
    explicit Table(const Layout& layout)
        : m_layout(layout), m_nd(layout.names.size() - (layout.labelCol != npos)),
          m_candidateIsInteger(layout.candidate != npos) {}
    void addRow(const Row& fields, size_t line);
    Dataset finish();

private:
    void addLabel(std::string_view value, size_t line, size_t j);
    void addNumber(std::string_view value, size_t line, size_t j);

    const Layout& m_layout;
    const size_t m_nd;
    size_t m_rows = 0;
    std::vector<float> m_values;
    std::vector<int> m_labels;
    std::vector<std::string> m_labelNames;
    std::map<std::string, int, std::less<>> m_labelIndex;
    bool m_candidateIsInteger;
};

void Table::addRow(const Row& fields, size_t line) {
    const size_t ncols = m_layout.names.size();
    if (fields.size() != ncols)
        fail(m_layout.file + ":" + std::to_string(line) + ": expected " + std::to_string(ncols) +
             " fields like " + (m_layout.header ? "the header" : "the first line") + ", found " +
             std::to_string(fields.size()));
    for (size_t j = 0; j < ncols; ++j) {
        if (j == m_layout.labelCol)
            addLabel(fields[j], line, j);
        else
            addNumber(fields[j], line, j);
    }
    ++m_rows;
}

void Table::addLabel(std::string_view value, size_t line, size_t j) {
    if (trim(value).empty())
        fail(m_layout.where(line, j) + ": empty label (missing values are not supported)");
    auto it = m_labelIndex.find(value);
    if (it == m_labelIndex.end()) {
        it = m_labelIndex.emplace(std::string(value), static_cast<int>(m_labelNames.size())).first;
        m_labelNames.emplace_back(value);
    }
    m_labels.push_back(it->second);
}

void Table::addNumber(std::string_view value, size_t line, size_t j) {
    double v = 0;
    switch (parseNumber(value, m_layout.decimalComma, v)) {
    case Num::Ok:
        break;
    case Num::Empty:
        fail(m_layout.where(line, j) + ": empty value (missing values are not supported)");
    case Num::NotNumber:
        fail(m_layout.where(line, j) + ": '" + shown(value) + "' is not a number");
    case Num::NotFinite:
        fail(m_layout.where(line, j) + ": '" + shown(value) + "' is not a finite number");
    case Num::TooLarge:
        fail(m_layout.where(line, j) + ": '" + shown(value) +
             "' is too large for a 32-bit float (at most 3.4e38)");
    }
    if (j == m_layout.candidate && m_candidateIsInteger)
        m_candidateIsInteger = v == std::trunc(v) && std::abs(v) <= 1e9;
    m_values.push_back(static_cast<float>(v));
}

Dataset Table::finish() {
    if (m_rows == 0) fail(m_layout.file + ": there is only a header line, no data rows");
    // The candidate becomes the labels unless it is fractional or the only numeric column.
    // Without a label column, numeric index == field index.
    const size_t labelIdx = m_candidateIsInteger && m_nd > 1 ? m_layout.candidate : npos;
    Dataset data;
    data.name = m_layout.file;
    data.X.resize(static_cast<Eigen::Index>(m_rows),
                  static_cast<Eigen::Index>(m_nd - (labelIdx != npos)));
    Eigen::Index out = 0;
    for (size_t j = 0, src = 0; j < m_layout.names.size(); ++j) {
        if (j == m_layout.labelCol) continue;
        if (src != labelIdx) {
            for (size_t i = 0; i < m_rows; ++i)
                data.X(static_cast<Eigen::Index>(i), out) = m_values[i * m_nd + src];
            data.featureNames.push_back(m_layout.names[j]);
            ++out;
        }
        ++src;
    }
    if (labelIdx != npos) {
        std::map<long long, int> index; // sorted, so the names come out in numeric order
        for (size_t i = 0; i < m_rows; ++i)
            index[std::llround(m_values[i * m_nd + labelIdx])];
        for (auto& [value, idx] : index) {
            idx = static_cast<int>(m_labelNames.size());
            m_labelNames.push_back(std::to_string(value));
        }
        for (size_t i = 0; i < m_rows; ++i)
            m_labels.push_back(index[std::llround(m_values[i * m_nd + labelIdx])]);
    } else {
        sortIntegerLabels(m_labels, m_labelNames);
    }
    data.labels = std::move(m_labels);
    data.labelNames = std::move(m_labelNames);
    return data;
}

/// Throws unless `text` is a UTF-8 text of acceptable size; returns it without a BOM.
std::string_view checkText(std::string_view text, const std::string& file, size_t maxBytes) {
    if (text.size() > maxBytes)
        fail(file + " is " + formatSize(text.size()) + "; the limit is " + formatSize(maxBytes));
    const size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    text.remove_prefix(bom);
    if (const size_t at = findBinary(text); at != npos)
        fail(file + ": this does not look like a text CSV file (binary data at byte " +
             std::to_string(at + bom) + ")");
    return text;
}

} // namespace

Dataset parseCsv(std::string_view text, const std::string& file, const CsvOptions& options) {
    text = checkText(text, file, options.maxBytes);
    Layout layout;
    layout.file = file;
    const char delim = detectDelimiter(text);
    layout.decimalComma = delim != ',';
    Reader reader(text, delim, file);
    if (!reader.next()) fail(file + ": the file is empty");
    const std::vector<std::string> first(reader.fields().begin(), reader.fields().end());
    const Row firstRow(first.begin(), first.end());
    const size_t firstLine = reader.line();
    const bool hasSecond = reader.next();

    if (hasSecond) {
        const Row& second = reader.fields();
        for (size_t j = 0; j < std::min(first.size(), second.size()); ++j)
            layout.header =
                layout.header || (!layout.numeric(first[j]) && layout.numeric(second[j]));
    } else if (std::none_of(first.begin(), first.end(),
                            [&](const std::string& s) { return layout.numeric(s); })) {
        fail(file + ": there is only a header line, no data rows");
    }
    for (size_t j = 0; j < first.size(); ++j) {
        const std::string_view h = trim(first[j]);
        // Unnamed columns are x1, x2, ... (built with += : GCC 12 warns falsely on "x" + s).
        std::string name = "x";
        name += std::to_string(j + 1);
        layout.names.push_back(layout.header && !h.empty() ? std::string(h) : name);
    }
    if (layout.header)
        layout.assignRoles(reader.fields(), reader.line(), options.labelColumn);
    else
        layout.assignRoles(firstRow, firstLine, options.labelColumn);

    Table table(layout);
    if (!layout.header) table.addRow(firstRow, firstLine);
    if (hasSecond) table.addRow(reader.fields(), reader.line());
    while (reader.next())
        table.addRow(reader.fields(), reader.line());
    return table.finish();
}

Dataset loadCsvFile(const std::string& path, const CsvOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path p(path);
    const fs::file_status st = fs::status(p, ec);
    if (!ec && !fs::exists(st)) ec = std::make_error_code(std::errc::no_such_file_or_directory);
    if (ec == std::errc::no_such_file_or_directory) fail(path + ": no such file");
    if (ec) fail(path + ": " + ec.message());
    if (fs::is_directory(st)) fail(path + " is a folder, not a CSV file");
    const std::string base = p.filename().string();
    const auto size = fs::is_regular_file(st) ? fs::file_size(p, ec) : 0;
    if (!ec && size > options.maxBytes)
        fail(base + " is " + formatSize(size) + "; the limit is " + formatSize(options.maxBytes));

    std::ifstream in(p, std::ios::binary);
    if (!in) fail(path + ": cannot open the file (" + std::strerror(errno) + ")");
    std::string text;
    if (!ec) text.reserve(size);
    // Read in chunks with a cap, so that a device or pipe that never ends cannot hang us.
    std::vector<char> buf(1 << 16);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
        text.append(buf.data(), static_cast<size_t>(in.gcount()));
        if (text.size() > options.maxBytes)
            fail(base + " is larger than the limit of " + formatSize(options.maxBytes));
    }
    if (in.bad()) fail(path + ": cannot read the file");
    return parseCsv(text, base, options);
}

} // namespace latentlab::core
