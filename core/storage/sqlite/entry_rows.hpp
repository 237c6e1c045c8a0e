#pragma once
// Internal to storage: entries read back from rows, one decoder for every query over entries.

#include "model/entry.hpp"
#include "storage/sqlite/statement.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

// The columns of a whole entry, in the order EntryRows reads them (a macro so queries stay
// whole literals).
#define PLANTRACK_ENTRY_COLUMNS                                                                   \
  "id, plan_id, target_id, period, value, value_text, unit, recorded_at, recorded_by, source, "  \
  "note, provisional, entities, action, corrects, reason, hash, state, evidence, step, part, "    \
  "peer"

// Only the columns assessment reads (a task's also its note and evidence), in the order
// EntryRows reads them.
#define PLANTRACK_ASSESSMENT_COLUMNS                                                              \
  "id, target_id, period, value, recorded_at, provisional, entities, action, corrects, state, "  \
  "step, part, peer, note, evidence"

namespace plantrack::storage::sqlite {

// Decodes the rows of one query. A period or a timestamp is parsed once per distinct text: a
// plan's entries share a few dozen periods and, imported together, one recording time, and
// status reads a million entries.
class EntryRows {
public:
  // Rows selected with PLANTRACK_ENTRY_COLUMNS.
  EntryRows();
  // Rows of plan `plan_id` selected with PLANTRACK_ASSESSMENT_COLUMNS; the text fields that
  // assessment does not read stay empty.
  explicit EntryRows(std::string plan_id);

  // Fill the empty `e` from the current row of `q`. The period's bounds are derived from its
  // text, which the hash chain covers; a row that does not read back is CorruptEntry.
  void read(const EntryQuery& q, Entry& e);

  struct Columns; // where each field sits in a row

private:
  const Period& period(std::string_view text);
  Timestamp recorded_at(std::string_view text);

  const Columns& columns_;
  std::string plan_id_; // for rows that do not select it
  std::unordered_map<std::string, Period> periods_;
  std::string last_recorded_;
  std::optional<Timestamp> last_at_; // of last_recorded_; none before the first row
};

} // namespace plantrack::storage::sqlite
