#pragma once
// The entry CSV format (SPEC §3): columns target,period,value,unit,source,note,recorded_by,
// provisional,entities,evidence,step,peer; only target, period and value are required. A
// task's row holds its state in `value`; `entities` and `evidence` are `;`-separated; a
// ratio's part is addressed PLAN/TARGET:numerator; `peer` names whose value a rank row is.
// A history (`plantrack entries --format csv`) adds id,corrects,reason: every version of every
// entry is a row, and a row with `corrects` replaces the earlier row whose `id` it names, with
// a new value (a correction) or an empty one (a retraction).

#include "model/entry.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plantrack::io {

// What a file's header says about its rows.
struct EntryColumns {
  bool corrects = false; // a history: a row may replace an earlier one
};

// A data row as typed, or why it cannot be read as one.
struct EntryRow {
  int line = 0;      // the line the row starts on
  EntryInput input;  // meaningful when `problem` is empty
  std::optional<std::int64_t> id;       // the row's `id`, when given
  std::optional<std::int64_t> corrects; // the `id` of the earlier row this one replaces
  std::string reason;                   // why it replaces it
  std::string problem; // e.g. "provisional: 'maybe' is not true or false; ..."
  // A spreadsheet row (`import FILE.xlsx`): the cell of each column, e.g. {"value", "填报!J7"},
  // so that a message names the cell of the column it is about instead of the line; and the
  // cell `problem` is about when no column names it (a changed reference cell, a formula).
  // Both empty for a CSV row.
  std::vector<std::pair<std::string, std::string>> cells;
  std::string problem_cell;
};

// Read the rows of an entry CSV from `in` (named `file` in messages), one call of `on_row`
// each, after one call of `on_header`; rows without recorded_by get `default_by`. Nothing is
// checked against a plan or across rows here. Throws InputErrors (`file:line: why`) for an
// empty file or a bad header (one with `corrects` needs `id`).
void read_entry_rows(std::istream& in, const std::string& file, const std::string& default_by,
                     const std::function<void(const EntryColumns&)>& on_header,
                     const std::function<void(EntryRow&&)>& on_row);

// The header of an entry history: every import column, then id,corrects,reason; CRLF-ended.
std::string entry_history_header();

// `entry` as a row under entry_history_header(), RFC 4180, CRLF-ended: value and unit as
// typed (a task's state word), a retraction's value, unit and step empty, recorded_at left
// out. Throws InputError for an entity or evidence item that holds ';', which the row could
// not carry (it would read back as two).
std::string entry_history_row(const Entry& entry);

} // namespace plantrack::io
