#pragma once
// Bulk entries from CSV (SPEC §3 columns): all rows or none.

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <istream>
#include <string>

namespace plantrack::io {

struct EntryImport {
  size_t rows = 0;
  std::vector<std::int64_t> ids; // empty on a dry run
};

// Read entries from `in` (named `file` in messages), check every row, and append them all in
// one transaction unless `dry_run`. Rows without recorded_by get `default_by`. Throws
// InputErrors with one `file:line: column: why` line per bad row; nothing is written then.
EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run);

} // namespace plantrack::io
