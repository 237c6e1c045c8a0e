#pragma once
// The completion audit: per target the final value, per task the final state, the ruling and
// the evidence behind it.

#include "assess/assess.hpp"
#include "assess/task.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack::audit {

// Targets are achieved, missed, breached, unverifiable or not due; tasks completed (on time),
// completed late, not completed, unverifiable, not due, or open (no deadline, not done).
enum class Ruling {
  achieved,
  missed,
  breached,
  unverifiable,
  not_due,
  completed,
  completed_late,
  not_completed,
  open
};
constexpr auto enum_names(Ruling) {
  return name_table<Ruling>({{Ruling::achieved, "achieved"},
                             {Ruling::missed, "missed"},
                             {Ruling::breached, "breached"},
                             {Ruling::unverifiable, "unverifiable"},
                             {Ruling::not_due, "not_due"},
                             {Ruling::completed, "completed"},
                             {Ruling::completed_late, "completed_late"},
                             {Ruling::not_completed, "not_completed"},
                             {Ruling::open, "open"}});
}

// A counted entry (its version in force) with the versions it replaced, oldest first.
struct Evidence {
  Entry entry;
  std::vector<Entry> earlier_versions;
};

struct TargetAudit {
  Target target;
  assess::Assessment result;
  Ruling ruling = Ruling::not_due;
  std::vector<Evidence> evidence;
  std::vector<std::string> entities; // cumulative targets: every name counted, in order
};

struct TaskAudit {
  Task task;
  assess::TaskAssessment result;
  Ruling ruling = Ruling::not_due;
  std::vector<Evidence> evidence; // the counted entries, by period
};

struct CompletionAudit {
  Plan plan;
  Date as_of;
  Timestamp known_at{};
  std::vector<TargetAudit> targets;
  std::vector<TaskAudit> tasks;
};

// Audit `plan` as of `as_of` with the entries recorded by `known_at` (all versions; the
// function applies corrections itself). Target rulings: breached (a keep_at_most breach), then
// not_due (deadline not passed and not achieved), unverifiable (a level or flow target with
// no entry for the final period), achieved, missed. Task rulings: completed (done by the
// deadline or without one), completed_late, not_due (deadline not passed), open (no deadline),
// unverifiable (no entry), not_completed. docs/audit.md.
// `linked` finds the targets growth and referenced targets read (assess::Linked).
CompletionAudit audit_completion(const Plan& plan, const std::vector<Entry>& entries,
                                 Date as_of, Timestamp known_at,
                                 const assess::Linked* linked = nullptr);

} // namespace plantrack::audit
