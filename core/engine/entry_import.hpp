#pragma once
// Bulk entries from CSV (SPEC §3 columns): all rows or none, streamed row by row.

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

namespace plantrack::engine {

// The ids an import handed out, in increasing order: consecutive when it was appended in one
// transaction; an import appended in parts has others' entries between its parts.
struct IdRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
  std::size_t count = 0;

  bool empty() const { return count == 0; }
  std::size_t size() const { return count; }
  std::int64_t front() const { return first; }
  std::int64_t back() const { return last; }
};

struct EntryImport {
  size_t rows = 0;
  IdRange ids;      // empty on a dry run
  size_t parts = 0; // the transactions it was appended in (0 on a dry run)
};

// An import of more rows than this is appended in parts of this many rows, each in a short
// transaction of its own (about 0.1 s), so that officials can log in between; no reader sees
// any of its entries until the last part commits (storage::Storage::begin_import).
constexpr size_t default_part_rows = 10000;

// How many bad rows an import lists one by one; the rest are counted.
constexpr size_t max_listed_bad_rows = 50;

// Read entries from `in` (named `file` in messages) and check each row as it is read, without
// the write lock, keeping the good ones in a temporary file (memory does not grow with the
// file). Then, unless `dry_run`, append them: in one short write transaction, or in parts of
// `part_rows` rows when there are more, shown all at once when the last part commits. If a
// plan was imported or revised after the check began, `in` is read and checked again under
// the lock before the first row is appended (it must be seekable); if that happens while
// parts are appended, the import stops and nothing of it is shown. Rows without recorded_by
// get `default_by`. Any bad row throws InputErrors after the whole file is read: one
// `file:line: column: why` line for each of the first 50 bad rows, a count of the rest, then
// a summary line; nothing is written.
EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run,
                               size_t part_rows = default_part_rows);

// The same from the file at `path`; InputError when it is a folder or cannot be read.
EntryImport import_entries_file(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run,
                                size_t part_rows = default_part_rows);

// What the importer expects a reporting form to be for (`import FILE.xlsx --plan P --org O`);
// empty: any.
struct FormExpectation {
  std::string plan_id;
  std::string org;
};

// A filled Excel reporting form (SPEC §7, written by `plantrack template`): its rows go through
// exactly the checks and the all-or-nothing rule of import_entries_csv, each bad row reported
// as `FILE.xlsx:Sheet!C7: why`, where C is the column of the offending cell (the value's for a
// whole-row problem). Refused besides, one line each: a file io::read_xlsx refuses (not a zip,
// encrypted, macros, a zip bomb), a workbook that is not a plantrack form, a form for another
// plan or org than `expect` names, or for a plan this database lacks; and, as bad rows, a
// changed reference cell, a formula, a row added below the items, a row of another plan or of
// an item the form's org does not lead.
EntryImport import_entries_form(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run,
                                const FormExpectation& expect = {});

} // namespace plantrack::engine
