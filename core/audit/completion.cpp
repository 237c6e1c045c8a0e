#include "audit/completion.hpp"

#include <algorithm>

namespace plantrack::audit {

namespace {

Ruling rule_on(const Target& target, const assess::Assessment& a, Date as_of) {
  using assess::Status;
  if (a.status == Status::breached) return Ruling::breached;
  bool achieved = a.status == Status::achieved;
  if (as_of <= target.deadline && !achieved) return Ruling::not_due;
  // A running total or a done milestone stands once reached; a level or a flow must be seen
  // in the period that ends at the deadline, and so must a total that fell short.
  bool stands = achieved && (target.kind == Kind::cumulative || target.kind == Kind::milestone);
  if (!stands && a.has_flag(assess::Flag::final_data_missing)) return Ruling::unverifiable;
  if (!achieved && a.status == Status::no_data) return Ruling::unverifiable;
  return achieved ? Ruling::achieved : Ruling::missed;
}

Ruling rule_on(const Task& task, const assess::TaskAssessment& a, Date as_of) {
  using assess::TaskStatus;
  if (a.status == TaskStatus::done) return Ruling::completed;
  if (a.status == TaskStatus::done_late) return Ruling::completed_late;
  if (!task.deadline) return Ruling::open;
  if (as_of <= *task.deadline) return Ruling::not_due;
  // Past the deadline and not done: without any entry nobody reported either way.
  return a.status == TaskStatus::no_data ? Ruling::unverifiable : Ruling::not_completed;
}

// `entries` in period order, each with the versions it replaced among `known`.
std::vector<Evidence> evidence_of(std::vector<Entry> entries, const std::vector<Entry>& known) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.period.end != b.period.end ? a.period.end < b.period.end : a.id < b.id;
  });
  std::vector<Evidence> out;
  for (auto& e : entries) {
    auto chain = versions_of(known, e.id);
    chain.pop_back(); // the version in force is `e` itself
    out.push_back({std::move(e), std::move(chain)});
  }
  return out;
}

} // namespace

CompletionAudit audit_completion(const Plan& plan, const std::vector<Entry>& entries, Date as_of,
                                 Timestamp known_at, const assess::Linked* linked) {
  CompletionAudit audit{plan, as_of, known_at, {}, {}};
  std::vector<Entry> known;
  for (const auto& e : entries)
    if (e.recorded_at <= known_at) known.push_back(e);
  auto effective = effective_entries(known, known_at);
  for (const auto& target : plan.targets) {
    TargetAudit t;
    t.target = target;
    std::vector<Entry> mine;
    for (const auto& e : effective)
      if (e.plan_id == plan.id && e.target_id == target.id) mine.push_back(e);
    // A growth rate is never logged: its evidence is the amounts it is derived from.
    std::vector<Entry> amounts;
    if (target.kind == Kind::growth)
      for (const auto& e : effective)
        if (e.plan_id == plan.id && e.target_id == target.of) amounts.push_back(e);
    t.result = assess::assess(target, mine, {as_of, plan.cadence, thresholds_for(plan, target)},
                              linked, plan.id);
    t.ruling = rule_on(target, t.result, as_of);
    std::vector<Entry> counted;
    for (auto& e : target.kind == Kind::growth ? amounts : mine)
      if (e.period.end <= as_of && e.period.end <= target.deadline) counted.push_back(std::move(e));
    t.evidence = evidence_of(std::move(counted), known);
    if (target.kind == Kind::cumulative)
      for (const auto& ev : t.evidence)
        t.entities.insert(t.entities.end(), ev.entry.entities.begin(), ev.entry.entities.end());
    audit.targets.push_back(std::move(t));
  }
  for (const auto& task : plan.tasks) {
    TaskAudit t;
    t.task = task;
    std::vector<Entry> mine;
    for (const auto& e : effective)
      if (e.plan_id == plan.id && e.target_id == task.id && e.state) mine.push_back(e);
    t.result = assess::assess_task(task, mine, {as_of, plan.cadence, {}});
    t.ruling = rule_on(task, t.result, as_of);
    // A task's entries count after its deadline too: done late is still done.
    std::vector<Entry> counted;
    for (auto& e : mine)
      if (e.period.end <= as_of) counted.push_back(std::move(e));
    t.evidence = evidence_of(std::move(counted), known);
    audit.tasks.push_back(std::move(t));
  }
  return audit;
}

} // namespace plantrack::audit
