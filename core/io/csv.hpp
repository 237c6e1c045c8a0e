#pragma once
// RFC 4180 CSV: reading (libcsv), streaming, with the line each record starts on; and writing
// fields and records that read_csv reads back exactly.

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::io {

struct CsvRecord {
  int line = 0; // 1-based line the record starts on
  std::vector<std::string> fields;
};

// Read `in` record by record, skipping a UTF-8 BOM and blank lines. Throws InputError
// `file:line: ...` on malformed quoting.
void read_csv(std::istream& in, const std::string& file,
              const std::function<void(CsvRecord&&)>& on_record);

// `text` as one field: in double quotes, each quote doubled, when it holds a comma, a quote, CR
// or LF; as it is otherwise. Nothing else is changed (a leading `=` stays: this is data to read
// back, not a spreadsheet; report::csv_text neutralises formulas where a person opens the file).
std::string csv_field(std::string_view text);

// `fields` as one record, each through csv_field, comma-separated and ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);

} // namespace plantrack::io
