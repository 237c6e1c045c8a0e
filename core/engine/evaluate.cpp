#include "engine/evaluate.hpp"

#include "audit/chain.hpp"
#include "engine/approval.hpp"
#include "engine/linked.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>

namespace plantrack::engine {
namespace {

// Approval of values (SPEC §5, docs/assessment.md): with --approved-only only entries of
// approved periods count; otherwise, in a plan where approval is in use, an item with a value
// from a period not approved is flagged `unapproved`.
class ApprovedValues {
public:
  ApprovedValues(storage::Storage& storage, Timestamp known_at, bool approved_only)
      : ledger_(ApprovalLedger::of(storage, "", known_at)), approved_only_(approved_only) {}

  // Whether anything is to be done for `plan`.
  bool applies(const Plan& plan) const { return approved_only_ || ledger_.in_use(plan.id); }

  // Drop from `entries` (of `plan`'s items) those not in an approved period.
  void keep_approved(const Plan& plan, std::vector<Entry>& entries) const {
    if (!approved_only_) return;
    // The lead orgs of each item, found once (entries come by the thousand per plan).
    std::unordered_map<std::string_view, const std::vector<std::string>*> leads;
    for (const auto& t : plan.targets) leads.emplace(t.id, &t.responsible);
    for (const auto& t : plan.tasks) leads.emplace(t.id, &t.responsible);
    static const std::vector<std::string> none;
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const Entry& e) {
                                   auto it = leads.find(e.target_id);
                                   return !approved(plan.id, it == leads.end() ? none : *it->second, e);
                                 }),
                  entries.end());
  }

  // Add the flag to `flags` when one of `entries` (those in force of an item of `plan` led by
  // `leads`) counted by `as_of` is not in an approved period.
  void flag(const Plan& plan, const std::vector<std::string>& leads,
            const std::vector<Entry>& entries, Date as_of, std::vector<assess::Flag>& flags) const {
    if (approved_only_ || !ledger_.in_use(plan.id)) return;
    for (const auto& e : entries)
      if (e.period.end <= as_of && !approved(plan.id, leads, e)) {
        if (std::find(flags.begin(), flags.end(), assess::Flag::unapproved) == flags.end())
          flags.push_back(assess::Flag::unapproved);
        return;
      }
  }

private:
  bool approved(const std::string& plan_id, const std::vector<std::string>& leads,
                const Entry& e) const {
    return ledger_.lock(plan_id, leads, e.period) != nullptr;
  }

  ApprovalLedger ledger_;
  bool approved_only_;
};

} // namespace

StatusReport evaluate(storage::Storage& storage, const StatusQuery& query) {
  StatusReport report;
  report.as_of = query.as_of;
  report.known_at = query.known_at;
  evaluate_each(storage, query, [&](PlanAssessment&& p) { report.plans.push_back(std::move(p)); });
  return report;
}

void evaluate_each(storage::Storage& storage, const StatusQuery& query,
                   const std::function<void(PlanAssessment&&)>& on_plan) {
  std::vector<std::string> ids = query.plan_ids;
  bool every_plan = ids.empty();
  std::set<std::string> known;
  for (auto& id : storage.plan_ids(query.known_at)) {
    if (every_plan) ids.push_back(id);
    known.insert(std::move(id));
  }
  // An unknown plan is refused before the first plan is handed out.
  for (const auto& id : ids)
    if (!known.count(id)) plan_at(storage, id, query.known_at); // throws, naming it

  std::set<std::string> orgs_named; // by the selected plans, to refuse an unknown --org
  std::vector<PlanAssessment> held; // before a plan names --org
  LinkedTargets links(storage, query.known_at); // growth and referenced targets read these
  ApprovedValues approval(storage, query.known_at, query.approved_only);
  static const std::vector<Entry> none;
  for (const auto& id : ids) {
    // The plan as it stood at the known-at time (SPEC §2; plan revisions).
    auto found = plan_at(storage, id, query.known_at);
    const Plan* plan = &found.plan;
    // The plan's entries come target by target: each run becomes that target's (or task's)
    // entries in force (corrections stay within their target). One read serves both.
    std::unordered_map<std::string, std::vector<Entry>> by_target;
    auto rows = storage.assessment_entries(id);
    if (approval.applies(*plan)) approval.keep_approved(*plan, rows);
    for (auto run = rows.begin(); run != rows.end();) {
      auto end = std::find_if(run, rows.end(),
                              [&](const Entry& e) { return e.target_id != run->target_id; });
      std::vector<Entry> recorded(std::make_move_iterator(run), std::make_move_iterator(end));
      const std::string target_id = recorded.front().target_id;
      by_target[target_id] = effective_entries(std::move(recorded), query.known_at);
      run = end;
    }
    rows = {};
    const auto& loaded = links.add(*plan, std::move(by_target));
    auto entries_of = [&](const std::string& target_id) -> const std::vector<Entry>& {
      auto it = loaded.entries.find(target_id);
      return it == loaded.entries.end() ? none : it->second;
    };

    auto named = plan->orgs();
    orgs_named.insert(named.begin(), named.end());

    PlanAssessment pa{*plan, {}, {}};
    for (const auto& target : plan->targets) {
      if (!query.unit.empty() && target.unit != query.unit) continue;
      if (query.nature && target.nature != *query.nature) continue;
      if (query.org && !target.involves(*query.org)) continue;
      if (query.due_before && !(target.deadline < *query.due_before)) continue;
      assess::Context ctx{query.as_of, plan->cadence, thresholds_for(*plan, target)};
      auto result = assess::assess(target, entries_of(target.id), ctx, &links.linked(), id);
      approval.flag(*plan, target.responsible, entries_of(target.id), query.as_of, result.flags);
      const auto& only = query.only.targets;
      if (!query.only.empty() && std::find(only.begin(), only.end(), result.status) == only.end())
        continue;
      pa.targets.push_back({target, std::move(result)});
    }
    for (const auto& task : plan->tasks) {
      if (!query.unit.empty() || query.nature) continue;
      if (query.org && !task.involves(*query.org)) continue;
      if (query.due_before && !(task.deadline && *task.deadline < *query.due_before)) continue;
      auto result = assess::assess_task(task, entries_of(task.id), {query.as_of, plan->cadence, {}});
      approval.flag(*plan, task.responsible, entries_of(task.id), query.as_of, result.flags);
      const auto& only = query.only.tasks;
      if (!query.only.empty() && std::find(only.begin(), only.end(), result.status) == only.end())
        continue;
      pa.tasks.push_back({task, std::move(result)});
    }
    links.forget(id);
    if (query.org && !orgs_named.count(*query.org)) {
      pa.plan.goals.clear();
      pa.plan.targets.clear();
      pa.plan.tasks.clear();
      held.push_back(std::move(pa));
      continue;
    }
    for (auto& before : held) on_plan(std::move(before));
    held.clear();
    on_plan(std::move(pa));
  }
  if (query.org) require_named_org(orgs_named, *query.org);
}

namespace {

// The detail of `target` from the plan's entries recorded by known_at (all versions).
TargetDetail detail_of(const Plan& plan, const Target& target, const std::vector<Entry>& recorded,
                       Date as_of, Timestamp known_at, const assess::Linked& linked) {
  TargetDetail d{plan, target, as_of, known_at, {}, {}, std::nullopt, {}};
  for (const auto& e : recorded)
    if (e.target_id == target.id) d.entries.push_back(e);
  d.result = assess::assess(target, effective_entries(d.entries, known_at),
                            {as_of, plan.cadence, thresholds_for(plan, target)}, &linked, plan.id);
  // A growth rate is required every year: flat at v, no trajectory (SPEC §2 "growth"); a
  // monitor, or a referenced value not yet known, has no target to expect.
  if (target.kind == Kind::growth && d.result.has_target) {
    d.expected_now = d.result.target_value;
  } else if (d.result.baseline && target.kind != Kind::milestone && d.result.has_target) {
    // A target its baseline already meets is expected to stay met (docs/assessment.md).
    bool met = assess::rule_holds(target, d.result.baseline->value, d.result.target_value);
    d.expected_now = met ? d.result.target_value
                         : assess::expected_at(target, *d.result.baseline, d.result.target_value,
                                               as_of);
    d.trajectory = assess::trajectory_points(target, *d.result.baseline, d.result.target_value);
  }
  return d;
}

// The detail of `task` from the plan's entries recorded by known_at (all versions).
TaskDetail task_detail_of(const Plan& plan, const Task& task, const std::vector<Entry>& recorded,
                          Date as_of, Timestamp known_at) {
  TaskDetail d{plan, task, as_of, known_at, {}, {}};
  for (const auto& e : recorded)
    if (e.target_id == task.id) d.entries.push_back(e);
  d.result = assess::assess_task(task, effective_entries(d.entries, known_at),
                                 {as_of, plan.cadence, {}});
  return d;
}

std::vector<Entry> recorded_by(storage::Storage& storage, const storage::EntryFilter& filter,
                               Timestamp known_at) {
  std::vector<Entry> out;
  for (auto& e : storage.entries(filter))
    if (e.recorded_at <= known_at) out.push_back(std::move(e));
  return out;
}

} // namespace

TargetDetail inspect(storage::Storage& storage, const TargetRef& ref, Date as_of,
                     Timestamp known_at) {
  auto found = plan_with_target_at(storage, ref, known_at);
  const Target* target = found.plan.find_target(ref.target_id);
  if (!target)
    throw InputError(fmt::format("'{}/{}' is a task; `plantrack show {}/{}` shows it",
                                 ref.plan_id, ref.target_id, ref.plan_id, ref.target_id));
  LinkedTargets links(storage, known_at);
  return detail_of(found.plan, *target,
                   recorded_by(storage, {ref.plan_id, ref.target_id}, known_at), as_of, known_at,
                   links.linked());
}

std::variant<TargetDetail, TaskDetail> inspect_item(storage::Storage& storage,
                                                    const TargetRef& ref, Date as_of,
                                                    Timestamp known_at) {
  auto found = plan_with_target_at(storage, ref, known_at);
  auto recorded = recorded_by(storage, {ref.plan_id, ref.target_id}, known_at);
  if (const Task* task = found.plan.find_task(ref.target_id))
    return task_detail_of(found.plan, *task, recorded, as_of, known_at);
  LinkedTargets links(storage, known_at);
  return detail_of(found.plan, *found.plan.find_target(ref.target_id), recorded, as_of,
                   known_at, links.linked());
}

PlanDetail inspect_plan(storage::Storage& storage, const std::string& plan_id, Date as_of,
                        Timestamp known_at, bool approved_only) {
  auto found = plan_at(storage, plan_id, known_at);
  auto recorded = recorded_by(storage, {plan_id, ""}, known_at);
  ApprovedValues approval(storage, known_at, approved_only);
  approval.keep_approved(found.plan, recorded);
  PlanDetail p{found.plan, as_of, known_at, {}, {}, {}};
  LinkedTargets links(storage, known_at);
  links.add(found.plan, recorded);
  for (const auto& t : found.plan.targets) {
    p.targets.push_back(detail_of(found.plan, t, recorded, as_of, known_at, links.linked()));
    if (approval.applies(found.plan))
      approval.flag(found.plan, t.responsible, effective_entries(p.targets.back().entries, known_at),
                    as_of, p.targets.back().result.flags);
  }
  for (const auto& t : found.plan.tasks) {
    p.tasks.push_back(task_detail_of(found.plan, t, recorded, as_of, known_at));
    if (approval.applies(found.plan))
      approval.flag(found.plan, t.responsible, effective_entries(p.tasks.back().entries, known_at),
                    as_of, p.tasks.back().result.flags);
  }
  std::string data = found.document.dump();
  for (const auto& e : recorded) data += "\n" + e.hash;
  p.digest = audit::sha256_hex(data);
  return p;
}

StatusSet parse_statuses(const std::string& text, std::string_view what) {
  StatusSet out;
  size_t from = 0;
  while (from <= text.size() && !text.empty()) {
    auto comma = text.find(',', from);
    auto name = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    auto status = from_string<assess::Status>(name);
    auto task_status = from_string<assess::TaskStatus>(name);
    if (!status && !task_status) {
      std::vector<std::string_view> task_only; // no_data is already among the targets'
      for (auto s : enum_values<assess::TaskStatus>())
        if (!from_string<assess::Status>(to_string(s))) task_only.push_back(to_string(s));
      throw InputError(fmt::format("{} '{}' is not a status; use one or more of {} (targets), "
                                   "{} (tasks)",
                                   what, name, joined_names<assess::Status>(","),
                                   joined(task_only, ",")));
    }
    if (status) out.targets.push_back(*status);
    if (task_status) out.tasks.push_back(*task_status);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

Nature parse_nature(const std::string& text, std::string_view what) {
  auto nature = from_string<Nature>(text);
  if (!nature)
    throw InputError(fmt::format("{} '{}' is not a nature; use one of {}", what, text,
                                 joined_names<Nature>()));
  return *nature;
}

bool in_trouble(const StatusReport& report) {
  for (const auto& p : report.plans) {
    for (const auto& t : p.targets)
      if (assess::in_trouble(t.result.status)) return true;
    for (const auto& t : p.tasks)
      if (assess::in_trouble(t.result.status)) return true;
  }
  return false;
}

} // namespace plantrack::engine
