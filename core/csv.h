#pragma once
// CSV reading for user data: delimiter and header detection, RFC 4180 quoting, one label column.
// Every problem is reported as one DataError line naming file, line and column, because the
// reader is a teacher with a projector, not a programmer with a debugger.
#include "core/dataset.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace latentlab::core {

struct CsvOptions {
    /// Column to use as class labels (header name, or x1..xd without a header); empty = auto:
    /// the one non-numeric column, else an integer column named label/class/target/species.
    std::string labelColumn;
    /// Larger inputs are refused (DataError) before any parsing.
    size_t maxBytes = 256u << 20;
};

/// Parses CSV text into an N × d Dataset (rows = samples; d = numeric columns, as float).
///
/// - Delimiter: comma, semicolon or tab, detected from the first lines. With ';' or tab a
///   decimal comma ("1,5") is accepted.
/// - Header: the first row is a header when one of its fields is non-numeric while the same
///   field of the second row is numeric; otherwise the columns are named x1..xd.
/// - Quoting: RFC 4180 ("" escapes, quoted delimiters and newlines); CRLF, LF or CR line ends,
///   a missing final newline, blank lines and a UTF-8 byte order mark are all fine. Unquoted
///   fields are trimmed of spaces.
/// - Labels: at most one label column (see CsvOptions::labelColumn). Text labels get indices in
///   order of first appearance; when every label is an integer the names are sorted
///   numerically instead (digits: labels 0..9 named "0".."9").
///
/// `fileName` is used in messages and as Dataset::name.
/// Throws DataError (one line, e.g. "iris.csv:17, column 3 'petal_length': 'abc' is not a
/// number") for: empty input, only a header, ragged rows, empty / non-numeric / non-finite /
/// out-of-float-range values, a second text column, no numeric column, binary or non-UTF-8
/// data, an unterminated quote, input over maxBytes. Never throws anything else except
/// std::bad_alloc.
Dataset parseCsv(std::string_view text, const std::string& fileName,
                 const CsvOptions& options = {});

/// Reads the file at `path` and parses it with parseCsv(); Dataset::name is the file's base
/// name. Throws DataError when the file does not exist, is a folder, cannot be read, is
/// larger than options.maxBytes, or does not parse.
Dataset loadCsvFile(const std::string& path, const CsvOptions& options = {});

} // namespace latentlab::core
