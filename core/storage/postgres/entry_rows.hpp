#pragma once
// Internal to storage: entries written to and read back from PostgreSQL rows.

#include "model/entry.hpp"
#include "storage/postgres/session.hpp"

#include <cstdint>
#include <string>
#include <vector>

// The columns of a whole entry, in the order read_entry reads them (a macro so queries stay
// whole literals).
#define PLANTRACK_PG_ENTRY_COLUMNS                                                               \
  "id, plan_id, target_id, period, value, value_text, unit, recorded_at, recorded_by, source, "  \
  "note, provisional, entities, action, corrects, reason, hash, state, evidence, step, part, "   \
  "peer"

namespace plantrack::storage::postgres {

// The entry in a row selected with PLANTRACK_PG_ENTRY_COLUMNS; a row that does not read back
// is CorruptEntry.
Entry read_entry(const pqxx::row& row);

// A double as text that reads back as the same double (the shortest such text).
std::string double_text(double value);

// The parameters of one row of the insert, in its column order (entry_insert_columns), for
// an entry of import batch `batch` (0: none).
void entry_params(const Entry& e, std::int64_t batch, std::vector<Param>& out);

// The highest entry id ever handed out: the high-water mark of migration 001 (entries removed
// from the end still count), or a higher id in the table.
extern const char* const highest_entry_id_sql;
// What Storage::checks_version answers: it grows with every plan revision and approval action.
extern const char* const checks_version_sql;

// The columns entry_params fills, in order, and how many they are.
extern const char* const entry_insert_columns;
constexpr int entry_insert_count = 23;

} // namespace plantrack::storage::postgres
