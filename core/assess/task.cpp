#include "assess/task.hpp"

#include <algorithm>

namespace plantrack::assess {

bool TaskAssessment::has_flag(Flag f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

TaskAssessment assess_task(const Task& task, const std::vector<Entry>& entries,
                           const Context& ctx) {
  const Date D = ctx.as_of;
  TaskAssessment a;
  for (const auto& s : task.steps) a.steps.push_back({s, std::nullopt, false});

  // The entries that count, oldest period first; among equal periods, in the order logged.
  std::vector<const Entry*> counted;
  for (const auto& e : entries)
    if (e.state && e.period.end <= D) counted.push_back(&e);
  std::sort(counted.begin(), counted.end(), [](const Entry* x, const Entry* y) {
    return x->period.end != y->period.end ? x->period.end < y->period.end : x->id < y->id;
  });
  a.entries = counted.size();

  for (const Entry* e : counted) {
    for (const auto& item : e->evidence)
      if (std::find(a.evidence.begin(), a.evidence.end(), item) == a.evidence.end())
        a.evidence.push_back(item);
    if (!e->note.empty()) a.note = e->note;
    if (e->step.empty()) continue;
    for (auto& s : a.steps)
      if (s.step.id == e->step && !s.completed) s.completed = e->period.end;
  }

  const auto& deadline = task.deadline;
  if (!counted.empty()) {
    const Entry* latest = counted.back();
    a.state = latest->state;
    a.last_period = latest->period.text;
    a.last_update = latest->period.end;
    if (*a.state == TaskState::done) {
      // Done since the first entry of the final run of done states: logging done again later
      // does not make a task done late.
      auto first_done = counted.rbegin();
      while (std::next(first_done) != counted.rend() &&
             *(*std::next(first_done))->state == TaskState::done)
        ++first_done;
      a.done_on = (*first_done)->period.end;
    }
  }

  bool done = a.done_on.has_value();
  if (counted.empty())
    a.status = TaskStatus::no_data;
  else if (done)
    a.status = !deadline || *a.done_on <= *deadline ? TaskStatus::done : TaskStatus::done_late;
  else if (deadline && D > *deadline)
    a.status = TaskStatus::overdue;
  else if (*a.state == TaskState::suspended)
    a.status = TaskStatus::suspended;
  else if (*a.state == TaskState::in_progress)
    a.status = TaskStatus::in_progress;
  else
    a.status = TaskStatus::not_started;

  // Stale as for targets: the latest report is more than one cadence old, up to the deadline
  // (docs/assessment.md); a done task has nothing more to report.
  if (!counted.empty() && !done && (!deadline || D <= *deadline) &&
      add_cadence(*a.last_update, ctx.cadence) < D)
    a.flags.push_back(Flag::stale);
  if (!done) {
    for (auto& s : a.steps) s.late = !s.completed && s.step.date < D;
    if (std::any_of(a.steps.begin(), a.steps.end(), [](const StepProgress& s) { return s.late; }))
      a.flags.push_back(Flag::step_late);
  }
  return a;
}

} // namespace plantrack::assess
