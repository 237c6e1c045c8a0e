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
    for (const auto& s : storage.list_plans(query.known_at)) ids.push_back(s.id);

  for (const auto& id : ids) {
    // The plan as it stood at the known-at time (SPEC §2; plan revisions).
    auto found = storage.find_plan(id, query.known_at);
    if (!found) {
      if (storage.find_plan(id))
        throw InputError(fmt::format("plan '{}' was not yet imported at --known-at {}; pass a "
                                     "later --known-at",
                                     id, format_timestamp(query.known_at)));
      EntryChecker(storage).plan(id); // unknown: throws, with a suggestion
      throw InputError(fmt::format("unknown plan '{}'", id));
    }
    const Plan* plan = &found->plan;
    std::map<std::string, std::vector<Entry>> by_target;
    for (auto& e : effective_entries(storage.entries({id, ""}), query.known_at))
      by_target[e.target_id].push_back(std::move(e));

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
  checker.target(ref); // unknown plan or target: InputError with a suggestion
  auto found = storage.find_plan(ref.plan_id, known_at);
  const Target* in_force = found ? found->plan.find_target(ref.target_id) : nullptr;
  if (!in_force)
    throw InputError(fmt::format("target '{}/{}' was not in the plan at --known-at {}; pass a "
                                 "later --known-at",
                                 ref.plan_id, ref.target_id, format_timestamp(known_at)));
  const Plan& plan = found->plan;
  const Target& target = *in_force;
  TargetDetail d{plan, target, as_of, known_at, {}, {}, std::nullopt, {}};
  for (auto& e : storage.entries({ref.plan_id, ref.target_id}))
    if (e.recorded_at <= known_at) d.entries.push_back(std::move(e));
  d.result = assess::assess(target, effective_entries(d.entries, known_at),
                            {as_of, plan.cadence, thresholds_for(plan, target)});
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
