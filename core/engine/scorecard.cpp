#include "engine/scorecard.hpp"

#include "engine/lookup.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace plantrack::engine {
namespace {

// The longest --grace accepted: a century of days is already meaningless.
constexpr int max_grace_days = 36600;

// A report for cadence periods: an effective entry's period, dated by its first version.
struct Report {
  Period period;
  Timestamp at;
};

// The effective entries among `entries` (all versions recorded by known_at) whose period ends by
// D, each dated when its first version was recorded: a correction does not make a report late,
// a retracted entry is no report (docs/assessment.md, "Scorecard").
std::vector<Report> reports_of(const std::vector<Entry>& entries, Date as_of, Timestamp known_at) {
  std::unordered_map<std::int64_t, const Entry*> by_id;
  for (const auto& e : entries) by_id[e.id] = &e;
  std::vector<Report> out;
  for (const auto& e : effective_entries(entries, known_at)) {
    if (e.period.end > as_of) continue;
    const Entry* first = by_id.count(e.id) ? by_id[e.id] : &e;
    while (first->corrects && by_id.count(*first->corrects)) first = by_id[*first->corrects];
    out.push_back({e.period, first->recorded_at});
  }
  return out;
}

bool overlaps(const Period& a, const Period& b) { return a.start <= b.end && b.start <= a.end; }

// The date a milestone was done: the earliest period end of a done entry counted by D.
std::optional<Date> milestone_done(const engine::TargetDetail& d) {
  if (d.target.kind != Kind::milestone || d.result.status != assess::Status::achieved)
    return std::nullopt;
  std::optional<Date> done;
  for (const auto& e : effective_entries(d.entries, d.known_at))
    if (e.value >= 1 && e.period.end <= d.as_of && (!done || e.period.end < *done))
      done = e.period.end;
  return done;
}

std::optional<Date> task_done(const engine::TaskDetail& d) {
  auto s = d.result.status;
  if (s != assess::TaskStatus::done && s != assess::TaskStatus::done_late) return std::nullopt;
  return d.result.done_on;
}

void add(Timeliness& sum, const Timeliness& t) {
  sum.due += t.due;
  sum.on_time += t.on_time;
  sum.late.insert(sum.late.end(), t.late.begin(), t.late.end());
}

// Adds `item` to the scorecard of each org in `orgs`, in `role`.
void credit(std::map<std::string, OrgScorecard>& by_org, const std::vector<std::string>& orgs,
            Role role, const OrgItem& item, const std::optional<std::string>& only) {
  for (const auto& org : orgs) {
    if (only && org != *only) continue;
    OrgScorecard& card = by_org[org];
    card.org = org;
    OrgItem mine = item;
    mine.role = role;
    if (role == Role::lead)
      add(card.on_time, mine.on_time);
    else
      mine.on_time = {};
    if (const auto* s = std::get_if<assess::Status>(&mine.status))
      ++card.target_statuses[*s];
    else
      ++card.task_statuses[std::get<assess::TaskStatus>(mine.status)];
    card.items.push_back(std::move(mine));
  }
}

} // namespace

std::optional<double> Timeliness::share() const {
  if (due == 0) return std::nullopt;
  return static_cast<double>(on_time) / due;
}

Timeliness timeliness(const Plan& plan, const std::string& ref, const std::vector<Entry>& entries,
                      Date as_of, Timestamp known_at, int grace_days, std::optional<Date> done,
                      std::optional<Date> last) {
  Timeliness out;
  const auto reports = reports_of(entries, as_of, known_at);
  const date::days grace{grace_days};
  for (Period p = period_containing(plan.start, plan.cadence); p.start <= plan.end;
       p = period_containing(p.end + date::days{1}, plan.cadence)) {
    if (p.end < plan.start || p.end > plan.end) continue; // ends outside the plan period
    if (p.end + grace > as_of) break;                      // its deadline is still to come
    if ((last && p.start > *last) || (done && p.start > *done)) continue; // nothing to report
    // The deadline is the end of the day `grace` days after the period, in Asia/Shanghai.
    const Timestamp deadline =
        start_of_day(p.end + grace + date::days{1}, display_zone) - std::chrono::seconds{1};
    std::optional<Timestamp> first;
    for (const auto& r : reports)
      if (overlaps(r.period, p) && (!first || r.at < *first)) first = r.at;
    ++out.due;
    if (first && *first <= deadline)
      ++out.on_time;
    else
      out.late.push_back({ref, p, first});
  }
  return out;
}

Scorecard scorecard_of(const std::vector<PlanDetail>& plans, int grace_days,
                       const std::optional<std::string>& org) {
  Scorecard card;
  card.grace_days = grace_days;
  if (!plans.empty()) {
    card.as_of = plans.front().as_of;
    card.known_at = plans.front().known_at;
  }
  std::set<std::string> named;
  std::map<std::string, OrgScorecard> by_org;
  // Only an item some org in the scorecard leads needs its reports checked.
  auto scored = [&](const std::vector<std::string>& leads) {
    return !leads.empty() && (!org || std::find(leads.begin(), leads.end(), *org) != leads.end());
  };
  for (const auto& p : plans) {
    auto plan_orgs = p.plan.orgs();
    named.insert(plan_orgs.begin(), plan_orgs.end());
    for (const auto& d : p.targets) {
      const Target& t = d.target;
      OrgItem item{p.plan.id + "/" + t.id, t.title, t.title_en, false, Role::lead,
                   d.result.status, assess::in_trouble(d.result.status), {}};
      // A growth rate is never logged: its reports are those of the target it grows.
      if (scored(t.responsible) && t.kind != Kind::growth)
        item.on_time = timeliness(p.plan, item.ref, d.entries, p.as_of, p.known_at, grace_days,
                                  milestone_done(d), t.deadline);
      credit(by_org, t.responsible, Role::lead, item, org);
      credit(by_org, t.support, Role::support, item, org);
    }
    for (const auto& d : p.tasks) {
      const Task& t = d.task;
      OrgItem item{p.plan.id + "/" + t.id, t.title, "", true, Role::lead,
                   d.result.status, assess::in_trouble(d.result.status), {}};
      if (scored(t.responsible))
        item.on_time = timeliness(p.plan, item.ref, d.entries, p.as_of, p.known_at, grace_days,
                                  task_done(d), std::nullopt);
      credit(by_org, t.responsible, Role::lead, item, org);
      credit(by_org, t.support, Role::support, item, org);
    }
  }
  if (org) require_named_org(named, *org);
  for (auto& [name, org_card] : by_org) card.orgs.push_back(std::move(org_card));
  return card;
}

Scorecard scorecard(storage::Storage& storage, const ScorecardQuery& query) {
  std::vector<std::string> ids = query.plan_ids;
  if (ids.empty()) ids = storage.plan_ids(query.known_at);
  std::vector<PlanDetail> plans;
  for (const auto& id : ids) plans.push_back(inspect_plan(storage, id, query.as_of, query.known_at));
  Scorecard card = scorecard_of(plans, query.grace_days, query.org);
  card.as_of = query.as_of;
  card.known_at = query.known_at;
  return card;
}

int parse_grace_days(const std::string& text, std::string_view what) {
  bool digits = !text.empty() && text.size() <= 5 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(text) > max_grace_days)
    throw InputError(fmt::format("{} '{}' is not a number of days; use a whole number from 0 to {}, "
                                 "e.g. {} 15",
                                 what, text, max_grace_days, what));
  return std::stoi(text);
}

} // namespace plantrack::engine
