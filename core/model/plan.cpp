#include "model/plan.hpp"

#include <array>
#include <utility>

namespace plantrack {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 4> kind_names{{
    {Kind::level, "level"},
    {Kind::flow, "flow"},
    {Kind::cumulative, "cumulative"},
    {Kind::milestone, "milestone"},
}};
constexpr std::array<std::pair<Rule, std::string_view>, 7> rule_names{{
    {Rule::at_least, "at_least"},
    {Rule::more_than, "more_than"},
    {Rule::at_most, "at_most"},
    {Rule::less_than, "less_than"},
    {Rule::between, "between"},
    {Rule::keep_at_most, "keep_at_most"},
    {Rule::done, "done"},
}};
constexpr std::array<std::pair<Trajectory, std::string_view>, 2> trajectory_names{{
    {Trajectory::linear, "linear"},
    {Trajectory::compound, "compound"},
}};

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
  for (const auto& [v, n] : names)
    if (v == e) return n;
  return names.front().second;
}

template <typename E, size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& names,
                          std::string_view s) {
  for (const auto& [v, n] : names)
    if (n == s) return v;
  return std::nullopt;
}

} // namespace

std::string_view to_string(Kind k) { return name_of(kind_names, k); }
std::string_view to_string(Rule r) { return name_of(rule_names, r); }
std::string_view to_string(Trajectory t) { return name_of(trajectory_names, t); }
std::optional<Kind> kind_from(std::string_view s) { return value_of(kind_names, s); }
std::optional<Rule> rule_from(std::string_view s) { return value_of(rule_names, s); }
std::optional<Trajectory> trajectory_from(std::string_view s) {
  return value_of(trajectory_names, s);
}

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
