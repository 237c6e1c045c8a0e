#pragma once
// Corrections and retractions: new entries that name the one they replace and why (SPEC §1).

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
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

} // namespace plantrack::engine
