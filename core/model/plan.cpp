#include "model/plan.hpp"

namespace plantrack {

const Target* Plan::find_target(std::string_view target_id) const {
  for (const auto& t : targets)
    if (t.id == target_id) return &t;
  return nullptr;
}

Thresholds thresholds_for(const Plan& plan, const Target& target) {
  if (target.thresholds) return *target.thresholds;
  if (plan.thresholds) return *plan.thresholds;
  return {};
}

} // namespace plantrack
