#pragma once
// Bulk entries from CSV (SPEC §3 columns): all rows or none, streamed row by row.

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

namespace plantrack::engine {

// The ids an import handed out: consecutive, so a range holds any number of them.
struct IdRange {
  std::int64_t first = 0;
  std::size_t count = 0;

  bool empty() const { return count == 0; }
  std::size_t size() const { return count; }
  std::int64_t operator[](std::size_t i) const { return first + static_cast<std::int64_t>(i); }
  std::int64_t front() const { return first; }
  std::int64_t back() const { return first + static_cast<std::int64_t>(count) - 1; }
};

struct EntryImport {
  size_t rows = 0;
  IdRange ids; // empty on a dry run
};

// How many bad rows an import lists one by one; the rest are counted.
constexpr size_t max_listed_bad_rows = 50;

// Read entries from `in` (named `file` in messages) and check each row as it is read, without
// the write lock, keeping the good ones in a temporary file (memory does not grow with the
// file). Then, unless `dry_run`, append them in one short write transaction; if a plan was
// imported or revised meanwhile, `in` is read and checked again under the lock (it must be
// seekable). Rows without recorded_by get `default_by`. Any bad row throws InputErrors after
// the whole file is read: one `file:line: column: why` line for each of the first 50 bad
// rows, a count of the rest, then a summary line; nothing is written.
EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run);

// The same from the file at `path`; InputError when it is a folder or cannot be read.
EntryImport import_entries_file(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run);

} // namespace plantrack::engine
