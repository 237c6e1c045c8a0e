#pragma once
// SQL that tampers with a store from outside plantrack, for the tests of what refuses it.

namespace plantrack::support {

// INSERT OR REPLACE over entry 1 with another value: REPLACE deletes the row it conflicts with
// without firing a delete trigger, so only the trigger on inserts stops it (SQLite).
inline constexpr const char* replace_first_entry_sql =
    "INSERT OR REPLACE INTO entries (id, plan_id, target_id, period, value, value_text, unit, "
    "recorded_at, recorded_by, source, note, provisional, entities, action, corrects, reason, "
    "hash) SELECT id, plan_id, target_id, period, 9.9, '9.9', unit, recorded_at, recorded_by, "
    "source, note, provisional, entities, action, corrects, reason, hash FROM entries "
    "WHERE id = 1";

} // namespace plantrack::support
