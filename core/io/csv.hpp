#pragma once
// RFC 4180 CSV reading (libcsv), streaming, with the line each record starts on.

#include <functional>
#include <istream>
#include <string>
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

} // namespace plantrack::io
