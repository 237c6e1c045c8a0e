#include "engine/exchange.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::engine {
namespace {

bool leads(const std::vector<std::string>& responsible, const std::string& org) {
  return std::find(responsible.begin(), responsible.end(), org) != responsible.end();
}

} // namespace

ReportingForm reporting_form(storage::Storage& storage, const std::string& plan_id,
                             const std::string& org, const std::string& period, Date as_of,
                             Timestamp known_at) {
  ReportingForm form;
  form.plan_id = plan_id;
  form.org = org;
  form.as_of = as_of;
  form.period = parse_period(period);
  StatusQuery query;
  query.plan_ids = {plan_id};
  query.as_of = as_of;
  query.known_at = known_at;
  query.org = org; // an org the plan does not name is refused here
  StatusReport report = evaluate(storage, query);
  PlanAssessment& plan = report.plans.at(0);
  form.plan_title = plan.plan.title;
  if (form.period.end < plan.plan.start || form.period.start > plan.plan.end)
    throw InputError(fmt::format("--period {} is outside plan {} ({} to {}); name a period "
                                 "within it",
                                 form.period.text, plan_id, format_date(plan.plan.start),
                                 format_date(plan.plan.end)));
  for (auto& t : plan.targets)
    if (leads(t.target.responsible, org) && t.target.deadline >= form.period.start)
      form.targets.push_back(std::move(t));
  for (auto& t : plan.tasks)
    if (leads(t.task.responsible, org) &&
        (!t.task.deadline || *t.task.deadline >= form.period.start))
      form.tasks.push_back(std::move(t));
  if (form.targets.empty() && form.tasks.empty())
    throw InputError(fmt::format("{} leads no target or task of {} still open in {}; name the "
                                 "org that leads them (their `responsible`), or a later period",
                                 org, plan_id, form.period.text));
  return form;
}

OpenSdgPublication open_sdg_publication(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at) {
  StatusQuery query;
  query.plan_ids = {plan_id};
  query.as_of = as_of;
  query.known_at = known_at;
  StatusReport report = evaluate(storage, query);
  PlanAssessment& plan = report.plans.at(0);
  OpenSdgPublication out;
  out.plan_id = plan_id;
  out.plan_title = plan.plan.title;
  out.as_of = as_of;
  std::vector<int> per_goal(plan.plan.goals.size() + 1, 0); // targets numbered so far
  for (auto& t : plan.targets) {
    OpenSdgIndicator indicator;
    const auto& goals = plan.plan.goals;
    auto goal = std::find_if(goals.begin(), goals.end(),
                             [&](const Goal& g) { return g.id == t.target.goal; });
    // A target outside every goal is numbered after the last goal.
    auto position = static_cast<size_t>(goal - goals.begin());
    indicator.goal = static_cast<int>(position) + 1;
    if (goal != goals.end()) indicator.goal_title = goal->title;
    int number = ++per_goal[position];
    indicator.id = fmt::format("{}-{}-1", indicator.goal, number);
    for (const auto& obs : t.result.series) {
      int year = static_cast<int>(date::year_month_day{obs.t}.year());
      if (!indicator.years.empty() && indicator.years.back().first == year)
        indicator.years.back().second = obs.value; // the year's last observation
      else
        indicator.years.emplace_back(year, obs.value);
    }
    indicator.assessed = std::move(t);
    out.indicators.push_back(std::move(indicator));
  }
  return out;
}

} // namespace plantrack::engine
