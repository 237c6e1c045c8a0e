// Unit tests of the assessment (SPEC §2): the status table, each kind of target, the formulas
// with hand-computed numbers, the flags and the counting rules.

#include "assess/assess.hpp"
#include "support/assess_inputs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::assess {
namespace {

using testing::Contains;
using testing::ElementsAre;
using testing::Not;

using namespace support; // entry, target, with_baseline, as_of, get, status_of, ...

// Down from 50 at the end of 2015 to at most 30 by the end of 2020.
Target decreasing_target() {
  return with_baseline(target(Kind::level, Rule::at_most, 30, "2020-12-31"), "2015-12-31", 50);
}

Target keep_at_most_zero() { return target(Kind::level, Rule::keep_at_most, 0, "2020-12-31"); }

Target milestone_target() { return target(Kind::milestone, Rule::done, 1, "2020-12-31"); }

// ---------------------------------------------------------------------------------------------
// The status table, row by row.

TEST(Assess, no_data_without_entries) {
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"), {}, as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "no_data");
  EXPECT_FALSE(a.current.has_value());
  EXPECT_FALSE(a.ratio.has_value());
}

TEST(Assess, no_data_when_only_a_baseline_is_known) {
  // A baseline alone is not data.
  auto a = assess(five_year_target(), {}, as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "no_data");
  EXPECT_FALSE(a.current.has_value());
}

TEST(Assess, no_data_when_every_entry_ends_after_as_of) {
  auto a = assess(five_year_target(), {entry(1, "2019", 150)}, as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "no_data");
}

TEST(Assess, breached_reports_the_first_breach_by_period) {
  // Given out of order; in period order the values are 0, 3, 0, 5: the first breach is 2020-02.
  std::vector<Entry> entries{entry(1, "2020-03", 0), entry(2, "2020-04", 5), entry(3, "2020-02", 3),
                             entry(4, "2020-01", 0)};
  auto a = assess(keep_at_most_zero(), entries, as_of("2020-05-15", Cadence::month));
  EXPECT_EQ(status_of(a), "breached");
  ASSERT_TRUE(a.first_breach.has_value());
  EXPECT_EQ(a.first_breach->period, "2020-02");
  EXPECT_NEAR(a.first_breach->value, 3, eps);
}

TEST(Assess, breached_stays_breached_after_the_value_returns_under_the_limit) {
  std::vector<Entry> entries{entry(1, "2020-01", 2), entry(2, "2020-02", 0), entry(3, "2020", 0)};
  auto a = assess(keep_at_most_zero(), entries, as_of("2021-03-01", Cadence::month));
  EXPECT_EQ(status_of(a), "breached");
  ASSERT_TRUE(a.first_breach.has_value());
  EXPECT_EQ(a.first_breach->period, "2020-01");
  EXPECT_NEAR(a.first_breach->value, 2, eps);
}

TEST(Assess, achieved_at_least_when_the_value_reaches_the_target) {
  auto a = assess(five_year_target(), {entry(1, "2018", 200)}, as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "achieved");
}

TEST(Assess, achieved_more_than_only_strictly_above_the_target) {
  Target t = five_year_target();
  t.rule = Rule::more_than;
  // Equal is not more than: past the deadline that is a miss.
  auto equal = assess(t, {entry(1, "2020", 200)}, as_of("2021-06-30"));
  EXPECT_EQ(status_of(equal), "missed");
  auto above = assess(t, {entry(1, "2020", 200.5)}, as_of("2021-06-30"));
  EXPECT_EQ(status_of(above), "achieved");
}

TEST(Assess, achieved_at_most_when_the_value_falls_to_the_limit) {
  auto at_limit = assess(decreasing_target(), {entry(1, "2019", 30)}, as_of("2020-06-30"));
  EXPECT_EQ(status_of(at_limit), "achieved");
  auto below = assess(decreasing_target(), {entry(1, "2019", 25)}, as_of("2020-06-30"));
  EXPECT_EQ(status_of(below), "achieved");
}

TEST(Assess, achieved_less_than_only_strictly_below_the_target) {
  Target t = decreasing_target();
  t.rule = Rule::less_than;
  auto equal = assess(t, {entry(1, "2020", 30)}, as_of("2021-06-30"));
  EXPECT_EQ(status_of(equal), "missed");
  auto below = assess(t, {entry(1, "2020", 29.5)}, as_of("2021-06-30"));
  EXPECT_EQ(status_of(below), "achieved");
}

TEST(Assess, achieved_between_when_the_value_is_inside_the_band) {
  Target t = with_baseline(target(Kind::level, Rule::between, 0, "2020-12-31"), "2015-12-31", 50);
  t.min = 60;
  t.max = 80;
  EXPECT_EQ(status_of(assess(t, {entry(1, "2019", 70)}, as_of("2020-06-30"))), "achieved");
  EXPECT_EQ(status_of(assess(t, {entry(1, "2019", 60)}, as_of("2020-06-30"))), "achieved");
  EXPECT_EQ(status_of(assess(t, {entry(1, "2019", 80)}, as_of("2020-06-30"))), "achieved");
  EXPECT_EQ(status_of(assess(t, {entry(1, "2020", 85)}, as_of("2021-06-30"))), "missed");
}

TEST(Assess, achieved_keep_at_most_without_breach_once_the_deadline_is_reached) {
  std::vector<Entry> entries{entry(1, "2020-06", 0), entry(2, "2020-12", 0)};
  // D = T is enough (D ≥ T).
  auto at_deadline = assess(keep_at_most_zero(), entries, as_of("2020-12-31", Cadence::month));
  EXPECT_EQ(status_of(at_deadline), "achieved");
  EXPECT_FALSE(at_deadline.first_breach.has_value());
  auto after = assess(keep_at_most_zero(), entries, as_of("2021-02-01", Cadence::month));
  EXPECT_EQ(status_of(after), "achieved");
}

TEST(Assess, achieved_done_when_a_done_entry_counts) {
  auto a = assess(milestone_target(), {entry(1, "2019-06", 0), entry(2, "2019-09", 1)},
                  as_of("2019-10-15"));
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_NEAR(get(a.current), 1, eps);
}

TEST(Assess, missed_when_the_deadline_passed_and_the_rule_does_not_hold) {
  auto a = assess(five_year_target(), {entry(1, "2019", 170), entry(2, "2020", 190)},
                  as_of("2021-01-01"));
  EXPECT_EQ(status_of(a), "missed");
  EXPECT_NEAR(get(a.current), 190, eps);
}

TEST(Assess, not_missed_on_the_deadline_day_itself) {
  // D > T is needed for a miss; on D = T the pace is judged: ρ = 90/100 → at_risk.
  auto a = assess(five_year_target(), {entry(1, "2020", 190)}, as_of("2020-12-31"));
  EXPECT_EQ(status_of(a), "at_risk");
}

TEST(Assess, insufficient_data_without_baseline_and_a_single_entry) {
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"), {entry(1, "2018", 150)},
                  as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "insufficient_data");
  EXPECT_NEAR(get(a.current), 150, eps);
}

TEST(Assess, missed_comes_before_insufficient_data) {
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"), {entry(1, "2020", 150)},
                  as_of("2021-06-30"));
  EXPECT_EQ(status_of(a), "missed");
}

TEST(Assess, earliest_entry_is_the_baseline_when_the_target_has_none) {
  // Baseline (2017-12-31, 120); t_c = 2018-12-31 is 365 days in, T is 1096 days in
  // (365 + 365 + 366). E = 120 + 80·365/1096; ρ = 30 / (80·365/1096) = 30·1096/29200 ≈ 1.126.
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"),
                  {entry(1, "2018", 150), entry(2, "2017", 120)}, as_of("2019-06-30"));
  ASSERT_TRUE(a.baseline.has_value());
  EXPECT_EQ(format_date(a.baseline->t), "2017-12-31");
  EXPECT_NEAR(a.baseline->value, 120, eps);
  EXPECT_NEAR(get(a.expected), 120 + 80.0 * 365 / 1096, eps);
  EXPECT_NEAR(get(a.ratio), 30.0 * 1096 / 29200, eps);
  EXPECT_EQ(status_of(a), "on_track");
}

TEST(Assess, on_track_when_ratio_at_least_on_track_threshold) {
  // ρ = 60 / (100·1096/1827) = 60·1827/109600 ≈ 1.0002.
  auto a = assess(five_year_target(), {entry(1, "2018", 160)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.ratio), 60.0 * 1827 / 109600, eps);
  EXPECT_EQ(status_of(a), "on_track");
}

TEST(Assess, at_risk_when_ratio_between_thresholds) {
  // ρ = 50 / (100·1096/1827) = 0.5·1827/1096 ≈ 0.8335.
  auto a = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.ratio), 0.5 * 1827 / 1096, eps);
  EXPECT_EQ(status_of(a), "at_risk");
}

TEST(Assess, off_track_when_ratio_below_at_risk_threshold) {
  // ρ = 20 / (100·1096/1827) = 20·1827/109600 ≈ 0.3334.
  auto a = assess(five_year_target(), {entry(1, "2018", 120)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.ratio), 20.0 * 1827 / 109600, eps);
  EXPECT_EQ(status_of(a), "off_track");
}

// twenty_days_target (support/assess_inputs.hpp): E = 10 and ρ = c/10 on 2020-01-11.

TEST(Assess, on_track_at_exactly_the_on_track_threshold) {
  auto a = assess(twenty_days_target(), {entry(1, "2020-01-11", 9.5)}, as_of("2020-01-12"));
  EXPECT_NEAR(get(a.expected), 10, eps);
  EXPECT_NEAR(get(a.ratio), 0.95, eps);
  EXPECT_EQ(status_of(a), "on_track");
}

TEST(Assess, at_risk_at_exactly_the_at_risk_threshold) {
  auto a = assess(twenty_days_target(), {entry(1, "2020-01-11", 6)}, as_of("2020-01-12"));
  EXPECT_NEAR(get(a.ratio), 0.6, eps);
  EXPECT_EQ(status_of(a), "at_risk");
  auto below = assess(twenty_days_target(), {entry(1, "2020-01-11", 5.9)}, as_of("2020-01-12"));
  EXPECT_EQ(status_of(below), "off_track");
}

TEST(Assess, on_track_keep_at_most_without_breach_before_the_deadline) {
  auto a = assess(keep_at_most_zero(), {entry(1, "2020-01", 0), entry(2, "2020-02", 0)},
                  as_of("2020-03-15", Cadence::month));
  EXPECT_EQ(status_of(a), "on_track");
  EXPECT_FALSE(a.first_breach.has_value());
}

TEST(Assess, on_track_milestone_not_done_before_the_deadline) {
  auto a = assess(milestone_target(), {entry(1, "2019-06", 0)}, as_of("2020-06-30"));
  EXPECT_EQ(status_of(a), "on_track");
}

TEST(Assess, missed_milestone_not_done_after_the_deadline) {
  auto a = assess(milestone_target(), {entry(1, "2019-06", 0)}, as_of("2021-01-15"));
  EXPECT_EQ(status_of(a), "missed");
}

TEST(Assess, custom_thresholds_move_the_band) {
  // ρ ≈ 0.8335 as in at_risk_when_ratio_between_thresholds.
  std::vector<Entry> entries{entry(1, "2018", 150)};
  Context lenient = as_of("2019-06-30");
  lenient.thresholds = Thresholds{0.8, 0.5};
  EXPECT_EQ(status_of(assess(five_year_target(), entries, lenient)), "on_track");
  Context strict = as_of("2019-06-30");
  strict.thresholds = Thresholds{0.99, 0.9};
  EXPECT_EQ(status_of(assess(five_year_target(), entries, strict)), "off_track");
  Context default_band = as_of("2019-06-30");
  EXPECT_EQ(status_of(assess(five_year_target(), entries, default_band)), "at_risk");
}

// ---------------------------------------------------------------------------------------------
// Kinds.

TEST(Assess, level_current_is_the_entry_with_the_latest_period) {
  std::vector<Entry> entries{entry(1, "2019", 170), entry(2, "2017", 120), entry(3, "2019-06", 165),
                             entry(4, "2018", 150)};
  auto a = assess(five_year_target(), entries, as_of("2020-06-30"));
  EXPECT_NEAR(get(a.current), 170, eps);
  EXPECT_EQ(a.current_period, std::optional<std::string>("2019"));
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_EQ(format_date(*a.current_date), "2019-12-31");
}

TEST(Assess, flow_full_year_entry_is_the_year_amount) {
  auto a = assess(flow_per_year(Rule::at_least, 3000, "2015-12-31"),
                  {entry(1, "2014", 2700), entry(2, "2013", 2400)}, as_of("2015-03-01"));
  EXPECT_NEAR(get(a.current), 2700, eps);
  EXPECT_THAT(a.flags, Not(Contains(Flag::estimated)));
}

TEST(Assess, flow_year_to_date_is_annualised_and_estimated) {
  // 2014-01-01..2014-11-30 is 31+28+31+30+31+30+31+31+30+31+30 = 334 days of 365.
  auto a =
      assess(flow_per_year(Rule::at_least, 3000, "2015-12-31"),
             {entry(1, "2013", 2400), entry(2, "2014-01..2014-11", 2628.7)}, as_of("2014-12-15"));
  EXPECT_NEAR(get(a.current), 2628.7 * 365 / 334, eps);
  EXPECT_THAT(a.flags, Contains(Flag::estimated));
}

TEST(Assess, flow_full_year_replaces_the_year_to_date_figure) {
  auto a =
      assess(flow_per_year(Rule::at_least, 3000, "2015-12-31"),
             {entry(1, "2014-01..2014-11", 2628.7), entry(2, "2014", 2900)}, as_of("2015-03-01"));
  EXPECT_NEAR(get(a.current), 2900, eps);
  EXPECT_THAT(a.flags, Not(Contains(Flag::estimated)));
}

TEST(Assess, flow_disjoint_half_years_add_up_without_estimate) {
  auto a = assess(flow_per_year(Rule::at_least, 300, "2020-12-31"),
                  {entry(1, "2018-07..2018-12", 150), entry(2, "2018-01..2018-06", 100)},
                  as_of("2019-03-01"));
  EXPECT_NEAR(get(a.current), 250, eps);
  EXPECT_THAT(a.flags, Not(Contains(Flag::estimated)));
}

TEST(Assess, cumulative_current_is_baseline_plus_increments) {
  Target t =
      with_baseline(target(Kind::cumulative, Rule::at_least, 100, "2018-12-31"), "2017-12-31", 10);
  auto a = assess(t, {entry(1, "2018-01", 3), entry(2, "2018-03", 5), entry(3, "2018-02", 4)},
                  as_of("2018-04-10", Cadence::month));
  // 10 + 3 + 4 + 5 = 22, at the latest increment's period end.
  EXPECT_NEAR(get(a.current), 22, eps);
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_EQ(format_date(*a.current_date), "2018-03-31");
  EXPECT_EQ(a.current_period, std::optional<std::string>("2018-03"));
}

TEST(Assess, cumulative_ratio_on_a_linear_trajectory) {
  // From 0 on 2017-12-31 to 120 on 2018-12-31 (365 days); six increments of 10 by 2018-06-30,
  // 181 days in. E = 120·181/365; ρ = 60 / (120·181/365) = 365/362 ≈ 1.0083.
  Target t =
      with_baseline(target(Kind::cumulative, Rule::at_least, 120, "2018-12-31"), "2017-12-31", 0);
  std::vector<Entry> entries;
  for (int m = 1; m <= 6; ++m) entries.push_back(entry(m, "2018-0" + std::to_string(m), 10));
  auto a = assess(t, entries, as_of("2018-07-15", Cadence::month));
  EXPECT_NEAR(get(a.current), 60, eps);
  EXPECT_NEAR(get(a.expected), 120.0 * 181 / 365, eps);
  EXPECT_NEAR(get(a.ratio), 365.0 / 362, eps);
  EXPECT_EQ(status_of(a), "on_track");
}

TEST(Assess, cumulative_entity_counted_twice_is_flagged) {
  Target t =
      with_baseline(target(Kind::cumulative, Rule::at_least, 100, "2018-12-31"), "2017-12-31", 0);
  std::vector<Entry> entries{with_entities(entry(1, "2018-01", 2), {"Acme", "Beta"}),
                             with_entities(entry(2, "2018-02", 2), {"Beta", "Gamma"}),
                             with_entities(entry(3, "2018-03", 1), {"Delta"})};
  auto a = assess(t, entries, as_of("2018-04-10", Cadence::month));
  EXPECT_THAT(a.flags, Contains(Flag::duplicate_entity));
  EXPECT_THAT(a.duplicate_entities, ElementsAre("Beta"));
}

TEST(Assess, cumulative_distinct_entities_are_not_flagged) {
  Target t =
      with_baseline(target(Kind::cumulative, Rule::at_least, 100, "2018-12-31"), "2017-12-31", 0);
  std::vector<Entry> entries{with_entities(entry(1, "2018-01", 2), {"Acme", "Beta"}),
                             with_entities(entry(2, "2018-02", 1), {"Gamma"})};
  auto a = assess(t, entries, as_of("2018-04-10", Cadence::month));
  EXPECT_THAT(a.flags, Not(Contains(Flag::duplicate_entity)));
  EXPECT_TRUE(a.duplicate_entities.empty());
}

TEST(Assess, milestone_done_entry_has_value_one) {
  auto a = assess(milestone_target(), {entry(1, "2019-06", 1)}, as_of("2019-07-15"));
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_NEAR(get(a.current), 1, eps);
  EXPECT_NEAR(a.target_value, 1, eps);
}

// ---------------------------------------------------------------------------------------------
// Formulas.

TEST(Assess, ratio_on_a_linear_trajectory_uses_exact_days) {
  // t0 = 2015-12-31, T = 2020-12-31: 1827 days. t_c = 2018-12-31: 366 + 365 + 365 = 1096 days.
  // E(t_c) = 100 + 100·1096/1827 ≈ 159.99; ρ = (150 − 100)/(100·1096/1827) ≈ 0.8335.
  auto a = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_EQ(format_date(*a.current_date), "2018-12-31");
  EXPECT_NEAR(get(a.expected), 100 + 100.0 * 1096 / 1827, eps);
  EXPECT_NEAR(get(a.ratio), 50 / (100.0 * 1096 / 1827), eps);
}

TEST(Assess, ratio_on_a_compound_trajectory) {
  // E(t_c) = 100·(200/100)^(1096/1827); ρ = 50/(E − 100).
  Target t = five_year_target();
  t.trajectory = Trajectory::compound;
  auto a = assess(t, {entry(1, "2018", 150)}, as_of("2019-06-30"));
  double e = 100 * std::pow(2.0, 1096.0 / 1827);
  EXPECT_NEAR(get(a.expected), e, eps);
  EXPECT_NEAR(get(a.ratio), 50 / (e - 100), eps);
}

TEST(Assess, ratio_is_one_when_expected_equals_baseline_and_value_not_on_the_wrong_side) {
  // Baseline on 2018-12-31, an entry for 2018 ends the same day: E(t_c) = b = 100.
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2020-12-31"), "2018-12-31", 100);
  auto same = assess(t, {entry(1, "2018", 100)}, as_of("2019-03-01"));
  EXPECT_NEAR(get(same.expected), 100, eps);
  EXPECT_NEAR(get(same.ratio), 1, eps);
  EXPECT_EQ(status_of(same), "on_track");
  auto ahead = assess(t, {entry(1, "2018", 110)}, as_of("2019-03-01"));
  EXPECT_NEAR(get(ahead.ratio), 1, eps);
}

TEST(Assess, ratio_is_minus_one_when_expected_equals_baseline_and_value_on_the_wrong_side) {
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2020-12-31"), "2018-12-31", 100);
  auto a = assess(t, {entry(1, "2018", 90)}, as_of("2019-03-01"));
  EXPECT_NEAR(get(a.ratio), -1, eps);
  EXPECT_EQ(status_of(a), "off_track");
  // For a falling target the wrong side is above the baseline.
  Target down =
      with_baseline(target(Kind::level, Rule::at_most, 30, "2020-12-31"), "2018-12-31", 50);
  EXPECT_NEAR(get(assess(down, {entry(1, "2018", 55)}, as_of("2019-03-01")).ratio), -1, eps);
  EXPECT_NEAR(get(assess(down, {entry(1, "2018", 45)}, as_of("2019-03-01")).ratio), 1, eps);
}

TEST(Assess, ratio_is_one_on_a_flat_milestone_stretch) {
  // Milestone 2017-12-31 at the baseline value 100: E = 100 on the whole first stretch.
  Target t = five_year_target();
  t.milestones = {Point{day("2017-12-31"), 100}};
  auto kept = assess(t, {entry(1, "2016", 100)}, as_of("2017-03-01"));
  EXPECT_NEAR(get(kept.expected), 100, eps);
  EXPECT_NEAR(get(kept.ratio), 1, eps);
  auto fell = assess(t, {entry(1, "2016", 95)}, as_of("2017-03-01"));
  EXPECT_NEAR(get(fell.ratio), -1, eps);
}

TEST(Assess, gap_is_signed_and_shortfall_never_negative) {
  auto below = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(below.gap), 200 - 150, eps);
  EXPECT_NEAR(get(below.shortfall), 50, eps);
  auto above = assess(five_year_target(), {entry(1, "2018", 230)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(above.gap), 200 - 230, eps);
  EXPECT_NEAR(get(above.shortfall), 0, eps);
}

TEST(Assess, shortfall_in_the_at_most_direction) {
  // at_most 30: at 40 there are 10 still to cut (gap 30 − 40 = −10); at 25 nothing is left.
  auto above = assess(decreasing_target(), {entry(1, "2018", 40)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(above.gap), -10, eps);
  EXPECT_NEAR(get(above.shortfall), 10, eps);
  auto below = assess(decreasing_target(), {entry(1, "2018", 25)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(below.gap), 5, eps);
  EXPECT_NEAR(get(below.shortfall), 0, eps);
}

TEST(Assess, progress_pct_is_the_share_of_the_change_made) {
  // 100·(150 − 100)/(200 − 100) = 50.
  auto a = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.progress_pct), 50, eps);
  // 100·(175 − 100)/(200 − 100) = 75.
  auto b = assess(five_year_target(), {entry(1, "2019", 175)}, as_of("2020-06-30"));
  EXPECT_NEAR(get(b.progress_pct), 75, eps);
}

TEST(Assess, needed_per_year_is_the_pace_still_required) {
  // (200 − 150) / (731 days / 365.2425): 2018-12-31 → 2020-12-31 is 365 + 366 = 731 days.
  auto a = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.needed_per_year), 50 / (731 / 365.2425), eps);
}

TEST(Assess, forecast_is_least_squares_at_the_deadline) {
  // Points (days since 2015-12-31, value): (0, 100), (366, 120), (731, 130); T is at x = 1827.
  // n = 3, Σx = 1097, Σy = 350, Σx² = 0 + 133956 + 534361 = 668317, Σxy = 0 + 43920 + 95030
  // = 138950. slope = (3·138950 − 1097·350)/(3·668317 − 1097²) = 32900/801542.
  // forecast = ȳ + slope·(1827 − x̄) = 350/3 + (32900/801542)·(1827 − 1097/3) ≈ 176.648.
  auto a = assess(five_year_target(), {entry(1, "2017", 130), entry(2, "2016", 120)},
                  as_of("2018-03-01"));
  EXPECT_NEAR(get(a.forecast), 350.0 / 3 + 32900.0 / 801542 * (1827 - 1097.0 / 3), eps);
  ASSERT_EQ(a.series.size(), 3U);
  EXPECT_EQ(format_date(a.series.front().t), "2015-12-31");
}

TEST(Assess, forecast_through_two_points_is_their_line) {
  // (0, 100) and (1096, 150): at 1827 the line gives 100 + 50·1827/1096.
  auto a = assess(five_year_target(), {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.forecast), 100 + 50.0 * 1827 / 1096, eps);
}

TEST(Assess, forecast_needs_two_points) {
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"), {entry(1, "2018", 150)},
                  as_of("2019-06-30"));
  EXPECT_FALSE(a.forecast.has_value());
}

TEST(Assess, milestones_shape_the_expected_value) {
  // Without milestones: E(2016-12-31) = 100 + 100·366/1827, ρ = 40/(100·366/1827) ≈ 1.997.
  auto plain = assess(five_year_target(), {entry(1, "2016", 140)}, as_of("2017-03-01"));
  EXPECT_NEAR(get(plain.expected), 100 + 100.0 * 366 / 1827, eps);
  EXPECT_NEAR(get(plain.ratio), 40 / (100.0 * 366 / 1827), eps);
  // Milestone (2017-12-31, 180): first stretch is 731 days, so E = 100 + 80·366/731 and
  // ρ = 40/(80·366/731) ≈ 0.9986.
  Target t = five_year_target();
  t.milestones = {Point{day("2017-12-31"), 180}};
  auto shaped = assess(t, {entry(1, "2016", 140)}, as_of("2017-03-01"));
  EXPECT_NEAR(get(shaped.expected), 100 + 80.0 * 366 / 731, eps);
  EXPECT_NEAR(get(shaped.ratio), 40 / (80.0 * 366 / 731), eps);
  // After the milestone: 2017-12-31 → 2020-12-31 is 1096 days, 2019-12-31 is 730 days in;
  // E = 180 + 20·730/1096.
  auto later = assess(t, {entry(1, "2019", 185)}, as_of("2020-03-01"));
  EXPECT_NEAR(get(later.expected), 180 + 20.0 * 730 / 1096, eps);
}

TEST(Assess, between_uses_the_bound_nearer_the_baseline) {
  Target low = with_baseline(target(Kind::level, Rule::between, 0, "2020-12-31"), "2015-12-31", 50);
  low.min = 60;
  low.max = 80;
  auto a = assess(low, {entry(1, "2018", 55)}, as_of("2019-06-30"));
  EXPECT_NEAR(a.target_value, 60, eps);
  EXPECT_NEAR(get(a.gap), 60 - 55, eps);
  EXPECT_NEAR(get(a.shortfall), 5, eps);
  EXPECT_NEAR(get(a.progress_pct), 100.0 * (55 - 50) / (60 - 50), eps);
  Target high = low;
  high.baseline->value = 95;
  auto b = assess(high, {entry(1, "2018", 90)}, as_of("2019-06-30"));
  EXPECT_NEAR(b.target_value, 80, eps);
  EXPECT_NEAR(get(b.shortfall), 10, eps);
  EXPECT_NEAR(get(b.progress_pct), 100.0 * (90 - 95) / (80 - 95), eps);
}

TEST(Assess, expected_is_the_baseline_before_t0) {
  // An entry for 2015-06 ends before t0 = 2015-12-31.
  auto a = assess(five_year_target(), {entry(1, "2015-06", 100)}, as_of("2016-03-01"));
  EXPECT_NEAR(get(a.expected), 100, eps);
  EXPECT_NEAR(get(a.ratio), 1, eps);
  EXPECT_NEAR(expected_at(five_year_target(), {day("2015-12-31"), 100}, 200, day("2010-01-01")),
              100, eps);
}

TEST(Assess, expected_is_the_target_at_and_after_the_deadline) {
  Target t = five_year_target();
  Observation base{day("2015-12-31"), 100};
  EXPECT_NEAR(expected_at(t, base, 200, day("2020-12-31")), 200, eps);
  EXPECT_NEAR(expected_at(t, base, 200, day("2022-06-30")), 200, eps);
  t.milestones = {Point{day("2019-12-31"), 150}};
  EXPECT_NEAR(expected_at(t, base, 200, day("2022-06-30")), 200, eps);
}

// ---------------------------------------------------------------------------------------------
// Flags.

TEST(Assess, stale_when_latest_period_ended_more_than_one_cadence_before_as_of) {
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2025-12-31"), "2015-12-31", 100);
  // 2018-12-31 + one year = 2019-12-31 < 2020-01-01.
  auto late = assess(t, {entry(1, "2018", 150)}, as_of("2020-01-01"));
  EXPECT_THAT(late.flags, Contains(Flag::stale));
  // Exactly one cadence is not more than one cadence.
  auto on_time = assess(t, {entry(1, "2018", 150)}, as_of("2019-12-31"));
  EXPECT_THAT(on_time.flags, Not(Contains(Flag::stale)));
}

TEST(Assess, stale_with_a_monthly_cadence) {
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2025-12-31"), "2015-12-31", 100);
  // 2020-01-31 + one month = 2020-02-29 (clamped to the month's end).
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150)}, as_of("2020-03-01", Cadence::month)).flags,
              Contains(Flag::stale));
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150)}, as_of("2020-02-29", Cadence::month)).flags,
              Not(Contains(Flag::stale)));
}

TEST(Assess, finished_target_past_its_deadline_is_not_stale) {
  // The engine's documented choice: stale only while D ≤ T.
  auto a = assess(five_year_target(), {entry(1, "2020", 210)}, as_of("2023-06-30"));
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_THAT(a.flags, Not(Contains(Flag::stale)));
  EXPECT_THAT(a.flags, Not(Contains(Flag::final_data_missing)));
}

TEST(Assess, provisional_when_the_value_comes_from_a_provisional_entry) {
  auto a = assess(five_year_target(), {entry(1, "2017", 130), provisional(entry(2, "2018", 150))},
                  as_of("2019-03-01"));
  EXPECT_THAT(a.flags, Contains(Flag::provisional));
  auto b = assess(five_year_target(), {provisional(entry(1, "2017", 130)), entry(2, "2018", 150)},
                  as_of("2019-03-01"));
  EXPECT_THAT(b.flags, Not(Contains(Flag::provisional)));
}

TEST(Assess, final_data_missing_when_no_entry_covers_the_last_period) {
  auto a = assess(five_year_target(), {entry(1, "2019", 170)}, as_of("2021-03-01"));
  EXPECT_THAT(a.flags, Contains(Flag::final_data_missing));
  EXPECT_EQ(status_of(a), "missed");
  auto b = assess(five_year_target(), {entry(1, "2019", 170), entry(2, "2020", 190)},
                  as_of("2021-03-01"));
  EXPECT_THAT(b.flags, Not(Contains(Flag::final_data_missing)));
  // Not before the deadline has passed.
  auto c = assess(five_year_target(), {entry(1, "2019", 170)}, as_of("2020-12-31"));
  EXPECT_THAT(c.flags, Not(Contains(Flag::final_data_missing)));
}

TEST(Assess, final_data_missing_without_any_entry) {
  auto a = assess(five_year_target(), {}, as_of("2021-03-01"));
  EXPECT_EQ(status_of(a), "no_data");
  EXPECT_THAT(a.flags, Contains(Flag::final_data_missing));
}

TEST(Assess, final_data_missing_for_a_flow_with_only_part_of_the_last_year) {
  Target t = flow_per_year(Rule::at_least, 3000, "2020-12-31");
  auto partial =
      assess(t, {entry(1, "2019", 2500), entry(2, "2020-01..2020-11", 2600)}, as_of("2021-03-01"));
  EXPECT_THAT(partial.flags, Contains(Flag::final_data_missing));
  EXPECT_THAT(partial.flags, Contains(Flag::estimated));
  auto whole = assess(t, {entry(1, "2019", 2500), entry(2, "2020", 2800)}, as_of("2021-03-01"));
  EXPECT_THAT(whole.flags, Not(Contains(Flag::final_data_missing)));
  EXPECT_THAT(whole.flags, Not(Contains(Flag::estimated)));
}

// ---------------------------------------------------------------------------------------------
// Counting rules.

TEST(Assess, entries_ending_after_as_of_do_not_count) {
  auto a = assess(five_year_target(), {entry(1, "2018", 150), entry(2, "2019", 190)},
                  as_of("2019-06-30"));
  EXPECT_NEAR(get(a.current), 150, eps);
  EXPECT_EQ(a.current_period, std::optional<std::string>("2018"));
}

TEST(Assess, entries_ending_after_the_deadline_never_count) {
  auto a = assess(five_year_target(), {entry(1, "2020", 150), entry(2, "2021", 250)},
                  as_of("2022-06-30"));
  EXPECT_NEAR(get(a.current), 150, eps);
  EXPECT_EQ(status_of(a), "missed");
}

TEST(Assess, keep_at_most_breach_after_the_deadline_does_not_count) {
  auto a = assess(keep_at_most_zero(), {entry(1, "2020-12", 0), entry(2, "2021-01", 5)},
                  as_of("2021-03-01", Cadence::month));
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_FALSE(a.first_breach.has_value());
}

TEST(Assess, entry_order_does_not_change_the_result) {
  std::vector<Entry> entries{entry(1, "2016", 120), entry(2, "2017", 125),
                             provisional(entry(3, "2018", 150)), entry(4, "2019-06", 160)};
  auto expected = assess(five_year_target(), entries, as_of("2019-09-30"));
  // Every one of the 24 orders (the list starts sorted by id, the first permutation).
  do {
    auto a = assess(five_year_target(), entries, as_of("2019-09-30"));
    EXPECT_EQ(a.status, expected.status);
    EXPECT_EQ(a.current, expected.current);
    EXPECT_EQ(a.ratio, expected.ratio);
    EXPECT_EQ(a.forecast, expected.forecast);
    EXPECT_EQ(a.flags, expected.flags);
  } while (std::next_permutation(entries.begin(), entries.end(),
                                 [](const Entry& x, const Entry& y) { return x.id < y.id; }));
}

// ---------------------------------------------------------------------------------------------
// Decreasing targets.

TEST(Assess, decreasing_target_progress_and_ratio_are_positive_when_the_value_falls) {
  // From 50 to ≤ 30 over 1827 days; at 2018-12-31 (1096 days) E = 50 − 20·1096/1827.
  // ρ = (40 − 50)/(−20·1096/1827) = 0.5·1827/1096 ≈ 0.8335; progress 100·(−10)/(−20) = 50.
  auto a = assess(decreasing_target(), {entry(1, "2018", 40)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.expected), 50 - 20.0 * 1096 / 1827, eps);
  EXPECT_NEAR(get(a.ratio), 0.5 * 1827 / 1096, eps);
  EXPECT_GT(get(a.ratio), 0);
  EXPECT_NEAR(get(a.progress_pct), 50, eps);
  EXPECT_NEAR(get(a.needed_per_year), (30 - 40) / (731 / 365.2425), eps);
  EXPECT_EQ(status_of(a), "at_risk");
}

TEST(Assess, decreasing_target_off_track_when_the_value_rises) {
  // ρ = (55 − 50)/(−20·1096/1827) < 0.
  auto a = assess(decreasing_target(), {entry(1, "2018", 55)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.ratio), 5 / (-20.0 * 1096 / 1827), eps);
  EXPECT_LT(get(a.progress_pct), 0);
  EXPECT_EQ(status_of(a), "off_track");
}

} // namespace
} // namespace plantrack::assess
