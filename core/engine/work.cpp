#include "engine/work.hpp"

#include "access/permissions.hpp"
#include "engine/authorize.hpp"
#include "engine/evaluate.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace plantrack::engine {
namespace {

// The cadence period to report as of `as_of`: the latest one of the plan ended by then (the
// first one before any has ended).
Period due_period(const Plan& plan, Date as_of) {
  Date last = std::min(as_of, plan.end);
  Period p = period_containing(last, plan.cadence);
  if (p.end > last && p.start > plan.start)
    p = period_containing(p.start - date::days{1}, plan.cadence);
  return p;
}

// The latest entry in force among `entries` (every version, recorded by `known_at`).
std::optional<Entry> latest(const std::vector<Entry>& entries, Timestamp known_at) {
  auto in_force = effective_entries(entries, known_at);
  if (in_force.empty()) return std::nullopt;
  return *std::max_element(in_force.begin(), in_force.end(), [](const Entry& a, const Entry& b) {
    return a.recorded_at < b.recorded_at || (a.recorded_at == b.recorded_at && a.id < b.id);
  });
}

} // namespace

Work my_work(storage::Storage& storage, const std::string& user_name, Date as_of,
             Timestamp known_at, Timestamp now, int grace_days) {
  authorize(storage, user_name, access::Action::read, {}, now);
  Work work;
  work.as_of = as_of;
  work.grace_days = grace_days;
  auto user = storage.find_user(user_name);
  if (!user) throw NotFound(fmt::format("no user '{}'; see plantrack user list", user_name));
  work.user = *user;
  if (user->orgs.empty()) return work;

  std::vector<PlanDetail> plans;
  for (const auto& id : storage.plan_ids(known_at))
    plans.push_back(inspect_plan(storage, id, as_of, known_at));
  // Each item of the plans, with the entries it was assessed on.
  std::map<std::string, std::pair<const Plan*, const std::vector<Entry>*>> items;
  std::map<std::string, Kind> kinds;
  for (const auto& p : plans) {
    for (const auto& t : p.targets) {
      items[p.plan.id + "/" + t.target.id] = {&p.plan, &t.entries};
      kinds[p.plan.id + "/" + t.target.id] = t.target.kind;
    }
    for (const auto& t : p.tasks) items[p.plan.id + "/" + t.task.id] = {&p.plan, &t.entries};
  }

  for (const auto& org : user->orgs) {
    bool named = false;
    for (const auto& p : plans) {
      for (const auto& t : p.plan.targets) named = named || t.involves(org);
      for (const auto& t : p.plan.tasks) named = named || t.involves(org);
    }
    if (!named) continue; // the org's plans are not stored (any more)
    for (auto& org_card : scorecard_of(plans, grace_days, org).orgs) {
      for (auto& item : org_card.items) {
        if (!item.task && kinds[item.ref] == Kind::growth) continue; // never logged
        auto [plan, entries] = items.at(item.ref);
        WorkItem w;
        w.plan_id = plan->id;
        w.item_id = item.ref.substr(plan->id.size() + 1);
        w.title = item.title;
        w.title_en = item.title_en;
        w.task = item.task;
        w.org = org_card.org;
        w.role = item.role;
        w.status = item.status;
        w.in_trouble = item.in_trouble;
        w.due = due_period(*plan, as_of);
        for (const auto& late : item.on_time.late)
          if (!late.reported_at) w.overdue.push_back(late.period);
        w.last = latest(*entries, known_at);
        work.items.push_back(std::move(w));
      }
    }
  }
  std::vector<std::size_t> index(work.items.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = work.items[a];
    const auto& y = work.items[b];
    if (x.overdue.empty() != y.overdue.empty()) return !x.overdue.empty();
    return x.in_trouble && !y.in_trouble;
  });
  std::vector<WorkItem> sorted;
  for (auto i : index) sorted.push_back(std::move(work.items[i]));
  work.items = std::move(sorted);
  return work;
}

Entry find_entry(storage::Storage& storage, const std::string& user_name, std::int64_t id,
                 Timestamp now) {
  authorize(storage, user_name, access::Action::read, {}, now);
  if (auto entry = storage.find_entry(id)) return *entry;
  throw NotFound(fmt::format("no entry {}; see plantrack entries PLAN/TARGET for the ids", id));
}

} // namespace plantrack::engine
