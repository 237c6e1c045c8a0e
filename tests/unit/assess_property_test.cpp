// Properties of the assessment (SPEC §2): the result does not depend on the order entries were
// logged in, one target's entries never change another target's result, and a value exactly on
// a linear trajectory has ratio 1.

#include "assess/assess.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace plantrack::assess {
namespace {

const Date first_day = parse_date("2016-01-01");
const Date deadline = parse_date("2020-12-31");
constexpr int months_in_plan = 60; // 2016-01 .. 2020-12

// Month `m` of the plan as a period: 0 is 2016-01.
std::string month_text(int m) {
  int year = 2016 + m / 12;
  int month = m % 12 + 1;
  return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// A random target of any kind with a rule that fits it, due 2020-12-31.
Target gen_target(const std::string& id) {
  Target t;
  t.id = id;
  t.unit = "件";
  t.deadline = deadline;
  t.kind = *rc::gen::element(Kind::level, Kind::flow, Kind::cumulative, Kind::milestone);
  if (t.kind == Kind::milestone) {
    t.rule = Rule::done;
    t.value = 1;
    return t;
  }
  if (t.kind == Kind::flow)
    t.per = *rc::gen::element(Cadence::month, Cadence::quarter, Cadence::year);
  t.rule = *rc::gen::element(Rule::at_least, Rule::more_than, Rule::at_most, Rule::less_than,
                             Rule::between, Rule::keep_at_most);
  t.value = *rc::gen::inRange(-1000, 1001);
  if (t.rule == Rule::between) {
    double lo = *rc::gen::inRange(-1000, 1001);
    double hi = lo + *rc::gen::inRange(0, 500);
    t.min = lo;
    t.max = hi;
    t.value = 0;
  }
  if (*rc::gen::arbitrary<bool>())
    t.baseline = Baseline{first_day - date::days(1),
                          static_cast<double>(*rc::gen::inRange(-1000, 1001)), ""};
  if (*rc::gen::arbitrary<bool>()) t.trajectory = Trajectory::compound;
  return t;
}

// 1..20 entries of `target` for distinct months, with random values, ids and recording times.
std::vector<Entry> gen_entries(const Target& target, std::int64_t id_offset) {
  auto months =
      *rc::gen::nonEmpty(rc::gen::unique<std::vector<int>>(rc::gen::inRange(0, months_in_plan)));
  if (months.size() > 20) months.resize(20);
  std::vector<Entry> entries;
  for (size_t i = 0; i < months.size(); ++i) {
    Entry e;
    e.id = id_offset + static_cast<std::int64_t>(*rc::gen::inRange(0, 1000)) * 100 +
           static_cast<std::int64_t>(i); // random, distinct
    e.plan_id = "p";
    e.target_id = target.id;
    e.period = parse_period(month_text(months[i]));
    e.value = target.kind == Kind::milestone ? *rc::gen::element(0.0, 1.0)
                                             : *rc::gen::inRange(-2000, 2001) / 4.0;
    e.recorded_at = Timestamp{first_day} + std::chrono::seconds(*rc::gen::inRange(0, 1000000000));
    e.provisional = *rc::gen::arbitrary<bool>();
    if (target.kind == Kind::cumulative)
      e.entities = *rc::gen::container<std::vector<std::string>>(
          *rc::gen::inRange(0, 3), rc::gen::element<std::string>("acme", "beta", "gamma"));
    entries.push_back(std::move(e));
  }
  return entries;
}

Context gen_context() {
  Context ctx;
  ctx.as_of = first_day + date::days(*rc::gen::inRange(0, 2200)); // up to mid 2022
  ctx.cadence = *rc::gen::element(Cadence::month, Cadence::quarter, Cadence::year);
  return ctx;
}

// A Fisher–Yates shuffle driven by generated (hence shrinkable) indices.
template <typename T> void shuffle(std::vector<T>& v) {
  for (size_t i = 0; i + 1 < v.size(); ++i) {
    auto j = *rc::gen::inRange(i, v.size());
    std::swap(v[i], v[j]);
  }
}

std::vector<Entry> of_target(const std::vector<Entry>& all, const std::string& id) {
  std::vector<Entry> mine;
  for (const auto& e : all)
    if (e.target_id == id) mine.push_back(e);
  return mine;
}

void assert_same(const Assessment& x, const Assessment& y) {
  RC_ASSERT(to_string(x.status) == to_string(y.status));
  RC_ASSERT(x.current == y.current);
  RC_ASSERT(x.current_period == y.current_period);
  RC_ASSERT(x.current_date == y.current_date);
  RC_ASSERT(x.ratio == y.ratio);
  RC_ASSERT(x.expected == y.expected);
  RC_ASSERT(x.gap == y.gap);
  RC_ASSERT(x.forecast == y.forecast);
  RC_ASSERT(x.flags == y.flags);
  RC_ASSERT(x.duplicate_entities == y.duplicate_entities);
  RC_ASSERT(x.first_breach.has_value() == y.first_breach.has_value());
  if (x.first_breach) {
    RC_ASSERT(x.first_breach->period == y.first_breach->period);
    RC_ASSERT(x.first_breach->value == y.first_breach->value);
  }
}

RC_GTEST_PROP(AssessProperty, status_does_not_depend_on_entry_order, ()) {
  Target target = gen_target("a");
  auto entries = gen_entries(target, 0);
  Context ctx = gen_context();
  auto before = assess(target, entries, ctx);
  shuffle(entries);
  auto after = assess(target, entries, ctx);
  RC_TAG(to_string(before.status));
  assert_same(before, after);
}

RC_GTEST_PROP(AssessProperty, other_targets_entries_never_change_a_target, ()) {
  Target a = gen_target("a");
  Target b = gen_target("b");
  std::vector<Entry> all = gen_entries(a, 0);
  Context ctx = gen_context();
  auto before = assess(a, of_target(all, a.id), ctx);
  // Log entries of b (periods may coincide with a's) anywhere in the global list.
  for (auto& e : gen_entries(b, 1000000)) {
    auto at = *rc::gen::inRange<size_t>(0, all.size() + 1);
    all.insert(all.begin() + static_cast<std::ptrdiff_t>(at), std::move(e));
  }
  auto after = assess(a, of_target(all, a.id), ctx);
  assert_same(before, after);
}

RC_GTEST_PROP(AssessProperty, value_on_a_linear_trajectory_has_ratio_one, ()) {
  Date t0 = parse_date("2000-01-01") + date::days(*rc::gen::inRange(0, 10000));
  int span = *rc::gen::inRange(1, 4000);
  int k = *rc::gen::inRange(0, span + 1);
  double b = *rc::gen::inRange(-100000, 100001) / 100.0;
  double delta = *rc::gen::inRange(1, 100001) / 100.0;
  double v = *rc::gen::arbitrary<bool>() ? b + delta : b - delta;

  Target t;
  t.id = "t";
  t.unit = "件";
  t.kind = Kind::level;
  t.rule = v > b ? Rule::at_least : Rule::at_most;
  t.value = v;
  t.deadline = t0 + date::days(span);
  t.baseline = Baseline{t0, b, ""};

  // E(t_c) = b + (v − b)·k/span, the value exactly on the trajectory.
  Date tc = t0 + date::days(k);
  double c = b + (v - b) * (static_cast<double>(k) / static_cast<double>(span));
  Entry e;
  e.id = 1;
  e.target_id = "t";
  e.period = parse_period(format_date(tc));
  e.value = c;
  auto a = assess(t, {e}, Context{t.deadline, Cadence::year, Thresholds{}});
  RC_ASSERT(a.ratio.has_value());
  RC_ASSERT(std::fabs(*a.ratio - 1.0) <= 1e-9);
}

} // namespace
} // namespace plantrack::assess
