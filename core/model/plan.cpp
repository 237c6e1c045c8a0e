#include "model/plan.hpp"

#include <algorithm>

namespace plantrack {

const Target* Plan::find_target(std::string_view target_id) const {
  for (const auto& t : targets)
    if (t.id == target_id) return &t;
  return nullptr;
}

bool Target::involves(std::string_view org) const {
  auto named = [&](const std::vector<std::string>& orgs) {
    return std::find(orgs.begin(), orgs.end(), org) != orgs.end();
  };
  return named(responsible) || named(support);
}

Thresholds thresholds_for(const Plan& plan, const Target& target) {
  if (target.thresholds) return *target.thresholds;
  if (plan.thresholds) return *plan.thresholds;
  return {};
}

} // namespace plantrack
