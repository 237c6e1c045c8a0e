#include "engine/evaluate.hpp"

#include "engine/entry_checker.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace plantrack::engine {

StatusReport evaluate(storage::Storage& storage, const StatusQuery& query) {
  StatusReport report;
  report.as_of = query.as_of;
  report.known_at = query.known_at;

  std::vector<std::string> ids = query.plan_ids;
  if (ids.empty())
    for (const auto& s : storage.list_plans()) ids.push_back(s.id);

  for (const auto& id : ids) {
    auto found = storage.find_plan(id);
    if (!found)
      throw InputError(fmt::format("unknown plan '{}'; see `plantrack plan list` for the plans "
                                   "in this database",
                                   id));
    const Plan* plan = &found->plan;
    std::map<std::string, std::vector<Entry>> by_target;
    for (auto& e : storage.entries({id, ""}))
      if (e.recorded_at <= query.known_at) by_target[e.target_id].push_back(std::move(e));

    PlanAssessment pa{*plan, {}};
    for (const auto& target : plan->targets) {
      if (!query.unit.empty() && target.unit != query.unit) continue;
      if (query.due_before && !(target.deadline < *query.due_before)) continue;
      assess::Context ctx{query.as_of, plan->cadence, thresholds_for(*plan, target)};
      auto result = assess::assess(target, by_target[target.id], ctx);
      if (!query.only.empty() &&
          std::find(query.only.begin(), query.only.end(), result.status) == query.only.end())
        continue;
      pa.targets.push_back({target, std::move(result)});
    }
    report.plans.push_back(std::move(pa));
  }
  return report;
}

TargetDetail inspect(storage::Storage& storage, const TargetRef& ref, Date as_of,
                     Timestamp known_at) {
  EntryChecker checker(storage);
  const Target& target = checker.target(ref);
  const Plan& plan = checker.plan(ref.plan_id);
  TargetDetail d{plan, target, as_of, known_at, {}, {}, std::nullopt, {}};
  for (auto& e : storage.entries({ref.plan_id, ref.target_id}))
    if (e.recorded_at <= known_at) d.entries.push_back(std::move(e));
  d.result = assess::assess(target, d.entries, {as_of, plan.cadence, thresholds_for(plan, target)});
  if (d.result.baseline && target.kind != Kind::milestone) {
    d.expected_now = assess::expected_at(target, *d.result.baseline, d.result.target_value, as_of);
    d.trajectory = assess::trajectory_points(target, *d.result.baseline, d.result.target_value);
  }
  return d;
}

bool in_trouble(const StatusReport& report) {
  for (const auto& p : report.plans)
    for (const auto& t : p.targets)
      if (t.result.status == assess::Status::off_track ||
          t.result.status == assess::Status::missed || t.result.status == assess::Status::breached)
        return true;
  return false;
}

} // namespace plantrack::engine
