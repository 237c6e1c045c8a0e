#pragma once
// The entry CSV format (SPEC §3): columns target,period,value,unit,source,note,recorded_by,
// provisional,entities,evidence,step,peer; only target, period and value are required. A
// task's row holds its state in `value`; `entities` and `evidence` are `;`-separated; a
// ratio's part is addressed PLAN/TARGET:numerator; `peer` names whose value a rank row is.

#include "model/entry.hpp"

#include <functional>
#include <istream>
#include <string>

namespace plantrack::io {

// A data row as typed, or why it cannot be read as one.
struct EntryRow {
  int line = 0;      // the line the row starts on
  EntryInput input;  // meaningful when `problem` is empty
  std::string problem; // e.g. "provisional: 'maybe' is not true or false; ..."
};

// Read the rows of an entry CSV from `in` (named `file` in messages), one call of `on_row`
// each; rows without recorded_by get `default_by`. Nothing is checked against a plan here.
// Throws InputErrors (`file:line: why`) for an empty file or a bad header.
void read_entry_rows(std::istream& in, const std::string& file, const std::string& default_by,
                     const std::function<void(EntryRow&&)>& on_row);

} // namespace plantrack::io
