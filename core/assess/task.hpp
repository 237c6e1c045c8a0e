#pragma once
// The assessment of a task (SPEC §2, "Task status"): its entries' states in, a status out.
// Pure functions, no I/O.

#include "assess/assess.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack::assess {

// A task's statuses in SPEC §2 order: the first that applies.
enum class TaskStatus { no_data, done, done_late, overdue, suspended, in_progress, not_started };
constexpr auto enum_names(TaskStatus) {
  return name_table<TaskStatus>({{TaskStatus::no_data, "no_data"},
                                 {TaskStatus::done, "done"},
                                 {TaskStatus::done_late, "done_late"},
                                 {TaskStatus::overdue, "overdue"},
                                 {TaskStatus::suspended, "suspended"},
                                 {TaskStatus::in_progress, "in_progress"},
                                 {TaskStatus::not_started, "not_started"}});
}

// Whether a task's status is trouble: overdue (`status --check` exits 4, reports list it first).
constexpr bool in_trouble(TaskStatus s) { return s == TaskStatus::overdue; }

// How one step of a task stands as of D.
struct StepProgress {
  Step step;
  std::optional<Date> completed; // the period end of the earliest entry naming the step
  bool late = false;             // its date has passed, no entry names it, the task is not done
};

struct TaskAssessment {
  TaskStatus status = TaskStatus::no_data;
  std::vector<Flag> flags; // stale, step_late
  std::optional<TaskState> state;         // the latest entry's state
  std::optional<std::string> last_period; // the latest entry's period
  std::optional<Date> last_update;        // its period end
  std::optional<Date> done_on; // done: the period end of the first entry of the final run of
                               // done states
  std::string note;            // the latest narrative: the latest entry's note that is not empty
  std::vector<std::string> evidence; // every evidence item of the counted entries, once, in order
  std::vector<StepProgress> steps;   // by date
  std::size_t entries = 0;           // the entries counted

  bool has_flag(Flag f) const;
};

// Assess one task as of `ctx.as_of` (thresholds are not used). `entries` are the task's
// effective entries (corrections applied, none recorded after the known-at time), in any
// order; those whose period ends after D do not count.
TaskAssessment assess_task(const Task& task, const std::vector<Entry>& entries,
                           const Context& ctx);

} // namespace plantrack::assess
