#pragma once
// Evaluate stored plans: load them and their entries, assess every target (SPEC §2).

#include "assess/assess.hpp"
#include "assess/task.hpp"
#include "storage/storage.hpp"

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace plantrack::engine {

struct TargetAssessment {
  Target target;
  assess::Assessment result;
};

struct TaskProgress {
  Task task;
  assess::TaskAssessment result;
};

struct PlanAssessment {
  Plan plan;
  std::vector<TargetAssessment> targets;
  std::vector<TaskProgress> tasks;
};

// The statuses `--only` names: of targets, of tasks, or both (no_data is both).
struct StatusSet {
  std::vector<assess::Status> targets;
  std::vector<assess::TaskStatus> tasks;
  bool empty() const { return targets.empty() && tasks.empty(); }
};

struct StatusReport {
  Date as_of;
  Timestamp known_at{};
  std::vector<PlanAssessment> plans;
};

struct StatusQuery {
  std::vector<std::string> plan_ids; // empty: every plan
  Date as_of;
  Timestamp known_at{};                    // only entries recorded by then count
  // Filters. A task has no unit and no nature: `unit` and `nature` leave no task.
  std::string unit;                        // keep targets in this unit
  std::optional<Date> due_before;          // keep targets and tasks due before this date
  StatusSet only;                          // keep targets and tasks with one of these statuses
  std::optional<Nature> nature;            // keep targets of this nature
  std::optional<std::string> org;          // keep targets and tasks this org leads or supports
  // Only values of approved periods count (SPEC §5); otherwise, in a plan where approval is
  // in use, an item with a value from a period not approved is flagged `unapproved`.
  bool approved_only = false;
};

// Assess the targets and tasks the query selects. Throws InputError for an unknown plan id,
// and for an org that no target or task of the selected plans names (listing those named).
StatusReport evaluate(storage::Storage& storage, const StatusQuery& query);

// The same, handing each plan's assessment to `on_plan` as soon as it is made, in the order of
// the plans, and keeping nothing of it: memory stays that of one plan however many there are.
// With `org`, plans are held back until one names the org, so that an unknown org is refused
// before anything is handed out; a plan held back comes without its goals, targets and tasks
// (the org filter left none of them).
void evaluate_each(storage::Storage& storage, const StatusQuery& query,
                   const std::function<void(PlanAssessment&&)>& on_plan);

// One target in depth (`plantrack show`).
struct TargetDetail {
  Plan plan;
  Target target;
  Date as_of;
  Timestamp known_at{};
  std::vector<Entry> entries; // recorded by known_at, in the order they were recorded
  assess::Assessment result;
  std::optional<double> expected_now; // E(as_of)
  std::vector<assess::TrajectoryPoint> trajectory;
};

// Assess one target; throws InputError for an unknown plan or target.
TargetDetail inspect(storage::Storage& storage, const TargetRef& ref, Date as_of,
                     Timestamp known_at);

// One task in depth (`plantrack show PLAN/TASK`).
struct TaskDetail {
  Plan plan;
  Task task;
  Date as_of;
  Timestamp known_at{};
  std::vector<Entry> entries; // recorded by known_at, every version, in the order recorded
  assess::TaskAssessment result;
};

// The target or task `ref` names, in depth; throws InputError when it names neither.
std::variant<TargetDetail, TaskDetail> inspect_item(storage::Storage& storage,
                                                    const TargetRef& ref, Date as_of,
                                                    Timestamp known_at);

// A plan in depth (`plantrack report`): every target's detail and a digest of the data used.
struct PlanDetail {
  Plan plan;
  Date as_of;
  Timestamp known_at{};
  std::vector<TargetDetail> targets;
  std::vector<TaskDetail> tasks;
  // SHA-256 over the plan revision's document and the hashes of the plan's entries recorded
  // by known_at, in id order: two reports with the same digest used the same data.
  std::string digest;
};

// Throws InputError for an unknown plan, or one not yet imported at `known_at`.
// With `approved_only`, only entries of approved periods count (and the digest covers those).
PlanDetail inspect_plan(storage::Storage& storage, const std::string& plan_id, Date as_of,
                        Timestamp known_at, bool approved_only = false);

// The statuses named in `text`, separated by commas (e.g. "off_track,missed,overdue"; empty:
// none), of targets or tasks. InputError naming `what` (e.g. "--only") and the bad name,
// listing the statuses.
StatusSet parse_statuses(const std::string& text, std::string_view what);

// The nature named `text` (binding or expected); InputError naming `what` (e.g. "--nature") and
// the bad word, listing the accepted ones.
Nature parse_nature(const std::string& text, std::string_view what);

// Whether any target in the report is off_track, missed or breached, or any task overdue
// (`status --check`).
bool in_trouble(const StatusReport& report);

} // namespace plantrack::engine
