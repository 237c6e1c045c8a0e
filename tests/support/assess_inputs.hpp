#pragma once
// Targets, entries and contexts for the assessment tests (assess_test.cpp, assess_edge_test.cpp),
// built in code: target "t" of plan "p", in 件 unless changed.

#include "assess/assess.hpp"
#include "support/dates.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::support {

inline constexpr double eps = 1e-9;

// An entry of target "t" for `period`; entries are recorded one second apart, in id order.
inline Entry entry(std::int64_t id, std::string_view period, double value) {
  Entry e;
  e.id = id;
  e.plan_id = "p";
  e.target_id = "t";
  e.period = parse_period(period);
  e.value = value;
  e.recorded_at = Timestamp{day("2021-01-01")} + std::chrono::seconds(id);
  return e;
}

inline Entry provisional(Entry e) {
  e.provisional = true;
  return e;
}

inline Entry with_entities(Entry e, std::vector<std::string> entities) {
  e.entities = std::move(entities);
  return e;
}

// `e` recorded `seconds` after 2021-01-01T00:00:00Z, whatever its id.
inline Entry recorded_at(Entry e, int seconds) {
  e.recorded_at = Timestamp{day("2021-01-01")} + std::chrono::seconds(seconds);
  return e;
}

inline Target target(Kind kind, Rule rule, double value, std::string_view deadline) {
  Target t;
  t.id = "t";
  t.kind = kind;
  t.rule = rule;
  t.value = value;
  t.deadline = day(deadline);
  t.unit = "件";
  return t;
}

inline Target with_baseline(Target t, std::string_view date, double value) {
  t.baseline = Baseline{day(date), value, ""};
  return t;
}

inline Target compound(Target t) {
  t.trajectory = Trajectory::compound;
  return t;
}

inline Target flow_per(Cadence per, Rule rule, double value, std::string_view deadline) {
  Target t = target(Kind::flow, rule, value, deadline);
  t.per = per;
  return t;
}

inline Target flow_per_year(Rule rule, double value, std::string_view deadline) {
  return flow_per(Cadence::year, rule, value, deadline);
}

// The five-year example: from 100 at the end of 2015 to at least 200 by the end of 2020.
// 2015-12-31 → 2020-12-31 is 366 + 365 + 365 + 365 + 366 = 1827 days.
inline Target five_year_target() {
  return with_baseline(target(Kind::level, Rule::at_least, 200, "2020-12-31"), "2015-12-31", 100);
}

// From 0 on 2020-01-01 to 20 on 2020-01-21: E(t) is the number of days since 2020-01-01, so an
// entry on 2020-01-11 has E = 10 and ρ = c/10 exactly.
inline Target twenty_days_target() {
  return with_baseline(target(Kind::level, Rule::at_least, 20, "2020-01-21"), "2020-01-01", 0);
}

inline assess::Context as_of(std::string_view d, Cadence cadence = Cadence::year) {
  return assess::Context{day(d), cadence, Thresholds{}};
}

inline assess::Context as_of(std::string_view d, Thresholds thresholds) {
  return assess::Context{day(d), Cadence::year, thresholds};
}

// The value inside `o`, or NaN (which fails every EXPECT_NEAR) when there is none.
inline double get(const std::optional<double>& o) { return o ? *o : std::nan(""); }

inline std::string status_of(const assess::Assessment& a) {
  return std::string(to_string(a.status));
}

} // namespace plantrack::support
