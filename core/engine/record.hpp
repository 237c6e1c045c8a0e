#pragma once
// Recording progress (SPEC §1 "Entry"): log a value, correct or retract an entry, read the
// history. Each call checks the input against the stored plan and appends in one transaction.

#include "engine/corrections.hpp"
#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace plantrack::engine {

class ApprovalLedger;
class Catalog;

// The entry `input` describes, checked against its plan (through `catalog`), its writer's
// permission (a refusal is recorded at `now`) and the approvals that lock periods; recorded_at
// and the chain are left to the writer. Throws what log_entry throws.
// `ledger`, if given, holds the approvals of the entry's plan, read since the plans were.
Entry checked_entry(storage::Storage& storage, Catalog& catalog, const EntryInput& input,
                    Timestamp now, const ApprovalLedger* ledger = nullptr);

// Append the entry `input` describes, recorded at `now`; returns its id.
std::int64_t log_entry(storage::Storage& storage, const EntryInput& input, Timestamp now);

// Append a correction of `input.replaces`, recorded at `now`; returns its id.
std::int64_t correct_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now);

// Append a retraction of `input.replaces`, recorded at `now`; returns its id.
std::int64_t retract_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now);

// Every entry of `scope` (empty: all; PLAN; or PLAN/TARGET) in id order, every version.
// Throws InputError, with a suggestion, for an unknown plan or target.
std::vector<Entry> entry_history(storage::Storage& storage, const std::string& scope);

} // namespace plantrack::engine
