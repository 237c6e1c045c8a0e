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

// What an official typed, before it is checked against the target or task.
struct EntryInput {
  std::string ref; // PLAN/TARGET or PLAN/TASK
  std::string period;
  std::string value; // a number, a milestone's done/0, or a task's state
  std::string unit;
  std::string source;
  std::string note;
  std::string recorded_by;
  bool provisional = false;
  std::vector<std::string> entities;
  std::vector<std::string> evidence; // tasks: documents, URLs
  std::string step;                  // tasks: the step this entry completes
  std::string peer;                  // rank targets with peers: whose value this is
};

// A task's progress state (SPEC §1 "Task"). Logged as these names or as the Chinese words
// of task_state_words().
enum class TaskState { not_started, in_progress, done, suspended };
constexpr auto enum_names(TaskState) {
  return name_table<TaskState>({{TaskState::not_started, "not_started"},
                                {TaskState::in_progress, "in_progress"},
                                {TaskState::done, "done"},
                                {TaskState::suspended, "suspended"}});
}

// The state `word` names: an English name or 未启动, 推进中, 已完成, 暂缓; nullopt otherwise.
std::optional<TaskState> parse_task_state(std::string_view word);
// Every accepted word, for error messages: "not_started, in_progress, done, suspended
// (未启动, 推进中, 已完成, 暂缓)".
std::string task_state_words();

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
  std::optional<TaskState> state;    // set exactly for a task's entries (value_text as typed)
  std::vector<std::string> evidence; // tasks: documents, URLs
  std::string step;                  // tasks: the step this entry completes
  std::optional<Part> part;          // ratio targets: the part logged (else the ratio itself)
  std::string peer;                  // rank targets: the peer this value is of (else the rank)
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
  std::optional<Part> part; // PLAN/TARGET:numerator or :denominator
};

// Split PLAN/TARGET (or PLAN/TARGET:numerator, :denominator); throws InputError when the
// slash or either side is missing, or the part is not one of the two.
TargetRef parse_target_ref(std::string_view ref);

// Check `input` against `target` (period, value, unit, part, peer) and build the entry to
// append. The caller sets recorded_at; throws InputError naming the bad value and the fix.
// A growth target is never logged: its rate is derived from the target it grows (`of`).
Entry prepare_entry(const Target& target, const TargetRef& ref, const EntryInput& input);

// The same for a task: the value is a state, the step one of the task's.
Entry prepare_task_entry(const Task& task, const TargetRef& ref, const EntryInput& input);

} // namespace plantrack
