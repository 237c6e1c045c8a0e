#pragma once
// Corrections and retractions: new entries that name the one they replace and why (SPEC §1).
// The rules live here once, for every source of the entry replaced: the database (`plantrack
// correct`, `retract`) or an earlier row of an imported history (`plantrack import`).

#include "engine/lookup.hpp"
#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::engine {

struct CorrectionInput {
  std::int64_t replaces = 0;
  std::string value;  // ignored for a retraction
  std::string unit;
  std::string period; // empty: the replaced entry's period
  std::string reason;
  std::string recorded_by;
  std::string source;
  std::string note;
  std::vector<std::string> entities; // a correction's counted entities (empty: the entry's)
  bool provisional = false;          // a correction's figure is still provisional
  std::vector<std::string> evidence; // a task correction's evidence (empty: the entry's)
  std::string step;                  // a task correction's step (empty: the entry's)
};

// The entry that corrects `input.replaces` with a new value. Throws InputError when the entry
// does not exist, was already replaced (naming its latest version), or the reason is empty.
Entry correction(storage::Storage& storage, const CorrectionInput& input);

// The entry that retracts `input.replaces`; same checks.
Entry retraction(storage::Storage& storage, const CorrectionInput& input);

// An entry's place in its chain of versions: its id and what it did.
struct Version {
  std::int64_t id = 0;
  Action action = Action::log;
};

// Only the latest version of an entry may be replaced, and never a retraction (SPEC §1).
// `verb` is "correct" or "retract". Throws InputError naming the latest version otherwise.
void require_latest_version(Version entry, Version latest, std::string_view verb);

// The correction of `original` (its latest version) by `input`, checked like a new entry of
// `item` (original's target or task): period, source, entities, a task's evidence and step
// default to the original's. `input.reason` must be valid UTF-8 and not blank.
Entry correction_of(const Entry& original, const Item& item, const CorrectionInput& input);

// The retraction of `original` (its latest version) with `input`'s reason, source and note.
Entry retraction_of(const Entry& original, const CorrectionInput& input);

} // namespace plantrack::engine
