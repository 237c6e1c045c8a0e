#include "model/plan.hpp"

#include <algorithm>

namespace plantrack {

const Target* Plan::find_target(std::string_view target_id) const {
  for (const auto& t : targets)
    if (t.id == target_id) return &t;
  return nullptr;
}

const Task* Plan::find_task(std::string_view task_id) const {
  for (const auto& t : tasks)
    if (t.id == task_id) return &t;
  return nullptr;
}

std::set<std::string> Plan::orgs(bool lead_only) const {
  std::set<std::string> named;
  auto add = [&](const auto& items) {
    for (const auto& item : items) {
      named.insert(item.responsible.begin(), item.responsible.end());
      if (!lead_only) named.insert(item.support.begin(), item.support.end());
    }
  };
  add(targets);
  add(tasks);
  return named;
}

namespace {

bool names(const std::vector<std::string>& orgs, std::string_view org) {
  return std::find(orgs.begin(), orgs.end(), org) != orgs.end();
}

} // namespace

bool Target::involves(std::string_view org) const {
  return names(responsible, org) || names(support, org);
}

const std::string& Target::part_unit(Part part) const {
  static const std::string none;
  const auto& p = part == Part::numerator ? numerator : denominator;
  return p ? p->unit : none;
}

bool Task::involves(std::string_view org) const {
  return names(responsible, org) || names(support, org);
}

const Step* Task::find_step(std::string_view step_id) const {
  for (const auto& s : steps)
    if (s.id == step_id) return &s;
  return nullptr;
}

Thresholds thresholds_for(const Plan& plan, const Target& target) {
  if (target.thresholds) return *target.thresholds;
  if (plan.thresholds) return *plan.thresholds;
  return {};
}

} // namespace plantrack
