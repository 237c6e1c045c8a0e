#pragma once
// A logged observation (SPEC §1 "Entry"). Entries are never updated or deleted.

#include "model/period.hpp"
#include "model/plan.hpp"
#include "model/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plantrack {

// What an official typed, before it is checked against the target.
struct EntryInput {
  std::string ref; // PLAN/TARGET
  std::string period;
  std::string value;
  std::string unit;
  std::string source;
  std::string note;
  std::string recorded_by;
  bool provisional = false;
  std::vector<std::string> entities;
};

// What an entry does: log a value, correct an earlier entry, or retract one (SPEC §1).
enum class Action { log, correct, retract };
constexpr auto enum_names(Action) {
  return name_table<Action>(
      {{Action::log, "log"}, {Action::correct, "correct"}, {Action::retract, "retract"}});
}

struct Entry {
  std::int64_t id = 0;
  std::string plan_id;
  std::string target_id;
  Period period;
  std::string value_text; // as typed
  std::string unit;       // as typed (empty: the target's unit)
  double value = 0;       // in the target's unit; milestones: 1 done, 0 not yet
  Timestamp recorded_at{};
  std::string recorded_by;
  std::string source;
  std::string note;
  bool provisional = false;
  std::vector<std::string> entities;
  Action action = Action::log;
  std::optional<std::int64_t> corrects; // the entry this one replaces (correct, retract)
  std::string reason;                   // why (correct, retract)
  std::string hash;                     // SHA-256 chain hash, hex (set by storage)
};

// The entries in force at `known_at`: those recorded by then, each replaced by its latest
// correction recorded by then, and without the retracted ones (SPEC §2). Each result carries
// the latest version's fields; its `id` is the latest version's id.
// Results are in id order of the entries they stand for.
std::vector<Entry> effective_entries(const std::vector<Entry>& entries, Timestamp known_at);
// The same, reusing `entries`: when none corrects or retracts another (most targets), the
// result is `entries` without those recorded after `known_at`, and nothing is copied.
std::vector<Entry> effective_entries(std::vector<Entry>&& entries, Timestamp known_at);

// The versions of entry `id`, oldest first: the first version and each correction or
// retraction after it, by following `corrects` links among `entries`.
std::vector<Entry> versions_of(const std::vector<Entry>& entries, std::int64_t id);

struct TargetRef {
  std::string plan_id;
  std::string target_id;
};

// Split PLAN/TARGET; throws InputError when the slash or either part is missing.
TargetRef parse_target_ref(std::string_view ref);

// Check `input` against `target` (period, value, unit) and build the entry to append.
// The caller sets recorded_at; throws InputError naming the bad value and the fix.
Entry prepare_entry(const Target& target, const TargetRef& ref, const EntryInput& input);

} // namespace plantrack
