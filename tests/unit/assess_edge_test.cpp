// Edge cases of the assessment (SPEC §2, docs/assessment.md): a baseline at the target, a
// target met at the baseline, decreasing targets, compound trajectories and forecasts, the
// deadline (including 29 February), entry order and same-period entries, flows per quarter and
// per month, thresholds, absent needed_per_year/forecast, and `between` bands. Each test gives
// the hand arithmetic its expected numbers come from.

#include "assess/assess.hpp"
#include "support/assess_inputs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
using testing::Not;

// The builders assess_test.cpp uses too (support/assess_inputs.hpp), so the two files read alike.
using namespace support;

// Days of 2016..2020: t0 = 2015-12-31 → T = 2020-12-31 is 366 + 365 + 365 + 365 + 366 = 1827
// days; 2018-12-31 is 366 + 365 + 365 = 1096 days in; 2018-12-31 → 2020-12-31 is 731 days.

// ---------------------------------------------------------------------------------------------
// Baseline equal to the target value: v = b, so E(t) = b everywhere.

Target flat_target(Rule rule) {
  return with_baseline(target(Kind::level, rule, 100, "2020-12-31"), "2015-12-31", 100);
}

TEST(AssessEdge, baseline_equal_to_target_value_at_the_target) {
  // at_least 100 from b = 100: E(t_c) = 100 + (100 − 100)·f = 100 = b, so ρ = 1 because c = 100
  // is not below b. progress_pct = 100·(c − b)/(v − b) has v − b = 0: null. c ≥ v: achieved.
  // gap = 100 − 100 = 0, shortfall 0.
  auto a = assess(flat_target(Rule::at_least), {entry(1, "2018", 100)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.expected), 100, eps);
  EXPECT_NEAR(get(a.ratio), 1, eps);
  EXPECT_FALSE(a.progress_pct.has_value());
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_NEAR(get(a.gap), 0, eps);
  EXPECT_NEAR(get(a.shortfall), 0, eps);
}

TEST(AssessEdge, baseline_equal_to_target_value_above_the_target) {
  // c = 105 ≥ 100: achieved; E(t_c) = b and c is on the right side (above): ρ = 1.
  // gap = 100 − 105 = −5, shortfall max(0, 100 − 105) = 0; progress null (v = b).
  auto a = assess(flat_target(Rule::at_least), {entry(1, "2018", 105)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.ratio), 1, eps);
  EXPECT_FALSE(a.progress_pct.has_value());
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_NEAR(get(a.gap), -5, eps);
  EXPECT_NEAR(get(a.shortfall), 0, eps);
}

TEST(AssessEdge, baseline_equal_to_target_value_below_the_target) {
  // c = 95 < 100: the rule fails; E(t_c) = b and c is on the wrong side (below for at_least):
  // ρ = −1 < 0.6 → off_track (D = 2019-06-30 ≤ T, baseline given). progress null (v = b).
  // gap = 5, shortfall 5; needed_per_year = 5 / (731/365.2425).
  auto a = assess(flat_target(Rule::at_least), {entry(1, "2018", 95)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.expected), 100, eps);
  EXPECT_NEAR(get(a.ratio), -1, eps);
  EXPECT_FALSE(a.progress_pct.has_value());
  EXPECT_EQ(status_of(a), "off_track");
  EXPECT_NEAR(get(a.gap), 5, eps);
  EXPECT_NEAR(get(a.shortfall), 5, eps);
  EXPECT_NEAR(get(a.needed_per_year), 5 / (731 / 365.2425), eps);
  // Past the deadline the same value is a miss.
  EXPECT_EQ(status_of(assess(flat_target(Rule::at_least), {entry(1, "2020", 95)},
                             as_of("2021-06-30"))),
            "missed");
}

TEST(AssessEdge, baseline_equal_to_target_value_for_at_most) {
  // at_most 100 from b = 100: the wrong side is above b. c = 105: ρ = −1, off_track,
  // shortfall = 105 − 100 = 5. c = 95: ρ = 1, achieved (95 ≤ 100), shortfall 0.
  auto above = assess(flat_target(Rule::at_most), {entry(1, "2018", 105)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(above.ratio), -1, eps);
  EXPECT_FALSE(above.progress_pct.has_value());
  EXPECT_EQ(status_of(above), "off_track");
  EXPECT_NEAR(get(above.shortfall), 5, eps);
  auto below = assess(flat_target(Rule::at_most), {entry(1, "2018", 95)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(below.ratio), 1, eps);
  EXPECT_FALSE(below.progress_pct.has_value());
  EXPECT_EQ(status_of(below), "achieved");
  EXPECT_NEAR(get(below.shortfall), 0, eps);
}

// ---------------------------------------------------------------------------------------------
// Target already met at the baseline.

Target met_at_baseline() {
  // at_least 100; the baseline 120 (2015-12-31) is already above it.
  return with_baseline(target(Kind::level, Rule::at_least, 100, "2020-12-31"), "2015-12-31", 120);
}

TEST(AssessEdge, target_met_at_baseline_entry_still_above_target_is_achieved) {
  // c = 110 ≥ 100: the rule holds → achieved (status row 3, before any ratio).
  // The baseline already met the rule, so there was no distance to cover: expected is v,
  // ρ = 1 and progress has no meaning (docs/assessment.md). SPEC's trajectory 120 → 100 would
  // give E(t_c) ≈ 108, ρ ≈ 0.83 and progress 50 for a value that never moved towards v.
  // gap = 100 − 110 = −10; shortfall 0.
  auto a = assess(met_at_baseline(), {entry(1, "2018", 110)}, as_of("2019-06-30"));
  EXPECT_EQ(status_of(a), "achieved");
  EXPECT_EQ(get(a.expected), 100.0);
  EXPECT_EQ(get(a.ratio), 1.0);
  EXPECT_FALSE(a.progress_pct);
  EXPECT_NEAR(get(a.gap), -10, eps);
  EXPECT_NEAR(get(a.shortfall), 0, eps);
}

TEST(AssessEdge, target_met_at_baseline_and_lost_is_off_track) {
  // c = 90 < 100: not achieved; D ≤ T; baseline given, so the ratio decides.
  // The trajectory falls from 120 to 100: E(t_c) = 120 − 20·1096/1827 ≈ 108.00, and the SPEC §2
  // ratio would read the fall to 90 as ahead of pace: (90 − 120)/(E − 120) ≈ 2.50, with
  // progress 100·(90 − 120)/(100 − 120) = 150. But the baseline met the rule (120 ≥ 100) and
  // c no longer does: the engine sets ρ = −1 → off_track, and no progress
  // (docs/assessment.md, "a target whose baseline already meets the rule").
  // gap = 10; shortfall = 10; needed_per_year = 10 / (731/365.2425) (upwards).
  auto a = assess(met_at_baseline(), {entry(1, "2018", 90)}, as_of("2019-06-30"));
  EXPECT_EQ(get(a.ratio), -1.0);
  EXPECT_EQ(status_of(a), "off_track");
  EXPECT_FALSE(a.progress_pct);
  EXPECT_EQ(get(a.expected), 100.0);
  EXPECT_NEAR(get(a.gap), 10, eps);
  EXPECT_NEAR(get(a.shortfall), 10, eps);
  EXPECT_NEAR(get(a.needed_per_year), 10 / (731 / 365.2425), eps);
  // After the deadline the rule decides alone: 90 < 100 → missed.
  auto late = assess(met_at_baseline(), {entry(1, "2020", 90)}, as_of("2021-03-01"));
  EXPECT_EQ(status_of(late), "missed");
}

// ---------------------------------------------------------------------------------------------
// Decreasing targets.

TEST(AssessEdge, less_than_on_a_linear_trajectory) {
  // less_than 20 from 40 (2019-12-31) to 2021-12-31: 366 + 365 = 731 days; 2020-12-31 is 366
  // days in. E = 40 − 20·366/731; ρ = (32 − 40)/(−20·366/731) = 8·731/7320 ≈ 0.7986 → at_risk.
  // progress = 100·(−8)/(−20) = 40; gap = 20 − 32 = −12; shortfall = 32 − 20 = 12.
  // needed_per_year = (20 − 32)/(365/365.2425) < 0: the pace is downwards.
  // Forecast: the line through (0, 40), (366, 32) at x = 731: 40 − 8·731/366.
  Target t =
      with_baseline(target(Kind::level, Rule::less_than, 20, "2021-12-31"), "2019-12-31", 40);
  auto a = assess(t, {entry(1, "2020", 32)}, as_of("2021-03-01"));
  EXPECT_NEAR(get(a.expected), 40 - 20.0 * 366 / 731, eps);
  EXPECT_NEAR(get(a.ratio), 8.0 * 731 / 7320, eps);
  EXPECT_EQ(status_of(a), "at_risk");
  EXPECT_NEAR(get(a.progress_pct), 40, eps);
  EXPECT_NEAR(get(a.gap), -12, eps);
  EXPECT_NEAR(get(a.shortfall), 12, eps);
  EXPECT_NEAR(get(a.needed_per_year), -12 / (365 / 365.2425), eps);
  EXPECT_LT(get(a.needed_per_year), 0);
  EXPECT_NEAR(get(a.forecast), 40 - 8.0 * 731 / 366, eps);
}

// From 100 on 2021-01-01 down to at most 25 on 2021-01-21, compound: 2021-01-11 is exactly
// halfway (10 of 20 days), where E = 100·(25/100)^(1/2) = 50.
Target compound_down(Rule rule) {
  return compound(with_baseline(target(Kind::level, rule, 25, "2021-01-21"), "2021-01-01", 100));
}

TEST(AssessEdge, at_most_on_a_compound_trajectory) {
  // c = 60 at 2021-01-11: E = 50; ρ = (60 − 100)/(50 − 100) = 0.8 → at_risk.
  // progress = 100·(60 − 100)/(25 − 100) = 160/3; gap = 25 − 60 = −35; shortfall 35.
  // needed_per_year = (25 − 60)/(10/365.2425) = −35·36.52425 = −1278.34875.
  // Forecast on ln: through (0, 100), (10, 60) → 100·(60/100)^(20/10) = 36.
  auto a = assess(compound_down(Rule::at_most), {entry(1, "2021-01-11", 60)}, as_of("2021-01-12"));
  EXPECT_NEAR(get(a.expected), 50, eps);
  EXPECT_NEAR(get(a.ratio), 0.8, eps);
  EXPECT_EQ(status_of(a), "at_risk");
  EXPECT_NEAR(get(a.progress_pct), 160.0 / 3, eps);
  EXPECT_NEAR(get(a.gap), -35, eps);
  EXPECT_NEAR(get(a.shortfall), 35, eps);
  EXPECT_NEAR(get(a.needed_per_year), -35 * 36.52425, 1e-6);
  EXPECT_NEAR(get(a.forecast), 36, eps);
}

TEST(AssessEdge, less_than_on_a_compound_trajectory) {
  // c = 45 at 2021-01-11: E = 50; ρ = (45 − 100)/(50 − 100) = 1.1 → on_track.
  // progress = 100·(−55)/(−75) = 220/3; gap = 25 − 45 = −20; shortfall 20;
  // needed_per_year = −20·36.52425 = −730.485.
  auto a =
      assess(compound_down(Rule::less_than), {entry(1, "2021-01-11", 45)}, as_of("2021-01-12"));
  EXPECT_NEAR(get(a.expected), 50, eps);
  EXPECT_NEAR(get(a.ratio), 1.1, eps);
  EXPECT_EQ(status_of(a), "on_track");
  EXPECT_NEAR(get(a.progress_pct), 220.0 / 3, eps);
  EXPECT_NEAR(get(a.shortfall), 20, eps);
  EXPECT_NEAR(get(a.needed_per_year), -20 * 36.52425, 1e-6);
}

// ---------------------------------------------------------------------------------------------
// Compound trajectory and forecast.

// From 100 on 2021-01-01 to at least 400 on 2021-01-21, compound.
Target compound_up() {
  return compound(
      with_baseline(target(Kind::level, Rule::at_least, 400, "2021-01-21"), "2021-01-01", 100));
}

TEST(AssessEdge, compound_trajectory_at_mid_dates) {
  // E(t) = 100·(400/100)^((t − t0)/20): day 10 → 100·4^0.5 = 200; day 5 → 100·4^0.25 = 100·√2;
  // day 15 → 100·4^0.75 = 200·√2. (Linear would give 250, 175, 325.)
  Target t = compound_up();
  Observation base{day("2021-01-01"), 100};
  EXPECT_NEAR(expected_at(t, base, 400, day("2021-01-11")), 200, eps);
  EXPECT_NEAR(expected_at(t, base, 400, day("2021-01-06")), 100 * std::sqrt(2.0), eps);
  EXPECT_NEAR(expected_at(t, base, 400, day("2021-01-16")), 200 * std::sqrt(2.0), eps);
}

TEST(AssessEdge, compound_ratio_and_exact_two_point_forecast) {
  // c = 150 at 2021-01-11: E = 200; ρ = (150 − 100)/(200 − 100) = 0.5 → off_track.
  // Forecast on ln(values) through (0, 100) and (10, 150), at T = 20:
  // 100·(150/100)^((20 − 0)/(10 − 0)) = 100·1.5² = 225 (a linear fit would give 200).
  // needed_per_year = (400 − 150)/(10/365.2425) = 250·36.52425 = 9131.0625.
  auto a = assess(compound_up(), {entry(1, "2021-01-11", 150)}, as_of("2021-01-12"));
  EXPECT_NEAR(get(a.expected), 200, eps);
  EXPECT_NEAR(get(a.ratio), 0.5, eps);
  EXPECT_EQ(status_of(a), "off_track");
  EXPECT_NEAR(get(a.forecast), 225, eps);
  EXPECT_NEAR(get(a.needed_per_year), 9131.0625, 1e-6);
}

TEST(AssessEdge, compound_forecast_between_two_entries_without_baseline) {
  // No baseline: the points are the two entries (2021-01-05, 50) and (2021-01-15, 200); T =
  // 2021-01-25 is 20 days after the first: 50·(200/50)^(20/10) = 50·16 = 800.
  Target t = compound(target(Kind::level, Rule::at_least, 1000, "2021-01-25"));
  auto a = assess(t, {entry(1, "2021-01-15", 200), entry(2, "2021-01-05", 50)},
                  as_of("2021-01-16"));
  EXPECT_NEAR(get(a.forecast), 800, 1e-6);
}

TEST(AssessEdge, compound_falls_back_to_linear_from_a_zero_baseline) {
  // Baseline (2021-01-01, 0), milestone (2021-01-11, 50), T = 2021-01-21 with v = 200.
  // Stretch 1 has va = 0 → linear: day 5 → 0 + 50·5/10 = 25.
  // Stretch 2 has 50 and 200 > 0 → compound: day 15 → 50·(200/50)^(5/10) = 100 (linear: 125).
  Target t = compound(
      with_baseline(target(Kind::level, Rule::at_least, 200, "2021-01-21"), "2021-01-01", 0));
  t.milestones = {Point{day("2021-01-11"), 50}};
  Observation base{day("2021-01-01"), 0};
  EXPECT_NEAR(expected_at(t, base, 200, day("2021-01-06")), 25, eps);
  EXPECT_NEAR(expected_at(t, base, 200, day("2021-01-16")), 100, eps);
  // Through assess: c = 30 at day 5: ρ = (30 − 0)/(25 − 0) = 1.2 → on_track.
  // Forecast: the point (0, 0) has ln undefined, so a linear fit through (0, 0), (5, 30):
  // at T = day 20 → 30·20/5 = 120.
  auto a = assess(t, {entry(1, "2021-01-06", 30)}, as_of("2021-01-07"));
  EXPECT_NEAR(get(a.expected), 25, eps);
  EXPECT_NEAR(get(a.ratio), 1.2, eps);
  EXPECT_EQ(status_of(a), "on_track");
  EXPECT_NEAR(get(a.forecast), 120, eps);
}

TEST(AssessEdge, compound_falls_back_to_linear_around_a_negative_milestone) {
  // (2021-01-01, 10) → milestone (2021-01-11, −10) → milestone (2021-01-21, 10) → T
  // (2021-01-31, 40).
  // Stretch 1: vb = −10 ≤ 0 → linear: day 5 → 10 − 20·5/10 = 0.
  // Stretch 2: va = −10 ≤ 0 → linear: day 15 → −10 + 20·5/10 = 0; day 12 → −10 + 20·2/10 = −6.
  // Stretch 3: 10 and 40 > 0 → compound: day 25 → 10·(40/10)^(5/10) = 20 (linear: 25).
  Target t = compound(
      with_baseline(target(Kind::level, Rule::at_least, 40, "2021-01-31"), "2021-01-01", 10));
  t.milestones = {Point{day("2021-01-11"), -10}, Point{day("2021-01-21"), 10}};
  Observation base{day("2021-01-01"), 10};
  EXPECT_NEAR(expected_at(t, base, 40, day("2021-01-06")), 0, eps);
  EXPECT_NEAR(expected_at(t, base, 40, day("2021-01-13")), -6, eps);
  EXPECT_NEAR(expected_at(t, base, 40, day("2021-01-16")), 0, eps);
  EXPECT_NEAR(expected_at(t, base, 40, day("2021-01-26")), 20, eps);
}

TEST(AssessEdge, compound_forecast_falls_back_to_linear_with_a_negative_point) {
  // Points (0, 10) baseline, (10, −5), (20, 4) for a compound target; −5 ≤ 0 so the fit is
  // linear on the values. x̄ = 10, ȳ = 3; Sxx = 100 + 0 + 100 = 200;
  // Sxy = (−10)(7) + 0·(−8) + 10·1 = −60; slope = −0.3. T = 2021-01-31 is x = 30:
  // 3 − 0.3·(30 − 10) = −3.
  Target t = compound(
      with_baseline(target(Kind::level, Rule::at_least, 40, "2021-01-31"), "2021-01-01", 10));
  auto a = assess(t, {entry(1, "2021-01-11", -5), entry(2, "2021-01-21", 4)}, as_of("2021-01-22"));
  ASSERT_EQ(a.series.size(), 3U);
  EXPECT_NEAR(get(a.forecast), -3, eps);
}

// ---------------------------------------------------------------------------------------------
// The deadline.

// five_year_target (support/assess_inputs.hpp): from 100 at the end of 2015 to at least 200
// by the end of 2020.

TEST(AssessEdge, entry_after_the_deadline_never_counts) {
  // T = 2020-12-31. "2021-01-01" (one day late) and "2020-07..2021-06" (starts before T, ends
  // after) do not count even with D = 2022-06-30; "2020" ends on T and counts: c = 150 < 200,
  // D > T → missed.
  std::vector<Entry> entries{entry(1, "2020", 150), entry(2, "2021-01-01", 300),
                             entry(3, "2020-07..2021-06", 250)};
  auto a = assess(five_year_target(), entries, as_of("2022-06-30"));
  EXPECT_NEAR(get(a.current), 150, eps);
  EXPECT_EQ(a.current_period, std::optional<std::string>("2020"));
  EXPECT_EQ(status_of(a), "missed");
  // Only late entries: nothing counts → no_data, and the last period is not covered.
  auto late_only = assess(five_year_target(), {entry(2, "2021-01-01", 300)}, as_of("2022-06-30"));
  EXPECT_EQ(status_of(late_only), "no_data");
  EXPECT_FALSE(late_only.current.has_value());
  EXPECT_THAT(late_only.flags, Contains(Flag::final_data_missing));
}

// 100 on 2019-12-31 to at least 200 by 2020-02-29: 31 (January) + 29 (February) = 60 days.
Target leap_day_target() {
  return with_baseline(target(Kind::level, Rule::at_least, 200, "2020-02-29"), "2019-12-31", 100);
}

TEST(AssessEdge, leap_day_deadline_trajectory_day_counts) {
  // E(2020-01-31) = 100 + 100·31/60; E(2020-02-28) = 100 + 100·59/60; E(T) = 200 = E(after T).
  Target t = leap_day_target();
  Observation base{day("2019-12-31"), 100};
  EXPECT_NEAR(expected_at(t, base, 200, day("2020-01-31")), 100 + 100.0 * 31 / 60, eps);
  EXPECT_NEAR(expected_at(t, base, 200, day("2020-02-28")), 100 + 100.0 * 59 / 60, eps);
  EXPECT_NEAR(expected_at(t, base, 200, day("2020-02-29")), 200, eps);
  EXPECT_NEAR(expected_at(t, base, 200, day("2020-03-01")), 200, eps);
  // c = 150 for 2020-01: ρ = 50/(100·31/60) = 3000/3100 ≈ 0.9677 → on_track;
  // needed_per_year = 50/(29/365.2425) (2020-01-31 → 2020-02-29 is 29 days).
  auto a = assess(t, {entry(1, "2020-01", 150)}, as_of("2020-02-15", Cadence::month));
  EXPECT_NEAR(get(a.ratio), 3000.0 / 3100, eps);
  EXPECT_EQ(status_of(a), "on_track");
  EXPECT_NEAR(get(a.needed_per_year), 50 / (29 / 365.2425), eps);
}

TEST(AssessEdge, leap_day_deadline_missed_only_the_day_after) {
  // D = T = 2020-02-29: not D > T, the pace decides (ρ ≈ 0.9677 → on_track). D = 2020-03-01:
  // D > T and 150 < 200 → missed.
  std::vector<Entry> entries{entry(1, "2020-01", 150)};
  auto on_deadline = assess(leap_day_target(), entries, as_of("2020-02-29", Cadence::month));
  EXPECT_EQ(status_of(on_deadline), "on_track");
  auto after = assess(leap_day_target(), entries, as_of("2020-03-01", Cadence::month));
  EXPECT_EQ(status_of(after), "missed");
}

TEST(AssessEdge, leap_day_deadline_stale_with_monthly_cadence) {
  // stale: latest period end + one month < D (and only while D ≤ T).
  // 2020-01-28 + 1 month = 2020-02-28 < 2020-02-29 → stale.
  // 2020-01-29 + 1 month = 2020-02-29, not < 2020-02-29 → not stale.
  // 2020-01-31 + 1 month = 2020-02-29 (clamped) → not stale on 2020-02-29.
  // 2019-12-31 + 1 month = 2020-01-31 → stale on 2020-02-01, not on 2020-01-31.
  Target t = leap_day_target();
  auto monthly = [](std::string_view d) { return as_of(d, Cadence::month); };
  EXPECT_THAT(assess(t, {entry(1, "2020-01-28", 150)}, monthly("2020-02-29")).flags,
              Contains(Flag::stale));
  EXPECT_THAT(assess(t, {entry(1, "2020-01-29", 150)}, monthly("2020-02-29")).flags,
              Not(Contains(Flag::stale)));
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150)}, monthly("2020-02-29")).flags,
              Not(Contains(Flag::stale)));
  EXPECT_THAT(assess(t, {entry(1, "2019-12", 110)}, monthly("2020-02-01")).flags,
              Contains(Flag::stale));
  EXPECT_THAT(assess(t, {entry(1, "2019-12", 110)}, monthly("2020-01-31")).flags,
              Not(Contains(Flag::stale)));
  // After the deadline stale is not raised (docs/assessment.md); final_data_missing is.
  auto after = assess(t, {entry(1, "2020-01-28", 150)}, monthly("2020-03-01"));
  EXPECT_THAT(after.flags, Not(Contains(Flag::stale)));
  EXPECT_THAT(after.flags, Contains(Flag::final_data_missing));
}

TEST(AssessEdge, leap_day_deadline_final_data_missing_uses_february_2020) {
  // Monthly cadence: the period containing T is 2020-02 (2020-02-01..2020-02-29).
  Target t = leap_day_target();
  Context d = as_of("2020-03-01", Cadence::month);
  // 2020-01 ends 2020-01-31, before 2020-02-01 → final_data_missing.
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150)}, d).flags, Contains(Flag::final_data_missing));
  // 2020-02 (ends on T), 2020-02-29 and 2020-02-01 each lie inside 2020-02 → covered.
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150), entry(2, "2020-02", 190)}, d).flags,
              Not(Contains(Flag::final_data_missing)));
  EXPECT_THAT(assess(t, {entry(1, "2020-02-29", 190)}, d).flags,
              Not(Contains(Flag::final_data_missing)));
  EXPECT_THAT(assess(t, {entry(1, "2020-02-01", 190)}, d).flags,
              Not(Contains(Flag::final_data_missing)));
  // 2020-03 ends after T: it does not count, so it covers nothing.
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150), entry(2, "2020-03", 210)}, d).flags,
              Contains(Flag::final_data_missing));
  // Not flagged on D = T.
  EXPECT_THAT(assess(t, {entry(1, "2020-01", 150)}, as_of("2020-02-29", Cadence::month)).flags,
              Not(Contains(Flag::final_data_missing)));
}

// ---------------------------------------------------------------------------------------------
// Entry order and entries for the same period.

void expect_same(const Assessment& x, const Assessment& y) {
  EXPECT_EQ(x.status, y.status);
  EXPECT_EQ(x.current, y.current);
  EXPECT_EQ(x.current_period, y.current_period);
  EXPECT_EQ(x.current_date, y.current_date);
  EXPECT_EQ(x.expected, y.expected);
  EXPECT_EQ(x.ratio, y.ratio);
  EXPECT_EQ(x.gap, y.gap);
  EXPECT_EQ(x.progress_pct, y.progress_pct);
  EXPECT_EQ(x.forecast, y.forecast);
  EXPECT_EQ(x.needed_per_year, y.needed_per_year);
  EXPECT_EQ(x.flags, y.flags);
  ASSERT_EQ(x.series.size(), y.series.size());
  for (size_t i = 0; i < x.series.size(); ++i) {
    EXPECT_EQ(x.series[i].t, y.series[i].t);
    EXPECT_EQ(x.series[i].value, y.series[i].value);
  }
}

TEST(AssessEdge, entries_logged_out_of_order_give_the_same_result) {
  // In order: ids (and recorded_at) rise with the periods. Reversed: the 2019 entry was logged
  // first (id 1), the 2016 entry last (id 4). Both lists hold the same (period, value) pairs,
  // so every output is identical: c = 170 (2019), ρ = 70/(100·1461/1827), etc.
  std::vector<Entry> in_order{entry(1, "2016", 120), entry(2, "2017", 125),
                              provisional(entry(3, "2018", 150)), entry(4, "2019", 170)};
  std::vector<Entry> reversed{entry(4, "2016", 120), entry(3, "2017", 125),
                              provisional(entry(2, "2018", 150)), entry(1, "2019", 170)};
  auto x = assess(five_year_target(), in_order, as_of("2020-03-01"));
  auto y = assess(five_year_target(), reversed, as_of("2020-03-01"));
  expect_same(x, y);
  // 2019-12-31 is 1461 days after 2015-12-31 (366 + 365 + 365 + 365).
  EXPECT_NEAR(get(y.current), 170, eps);
  EXPECT_NEAR(get(y.ratio), 70 / (100.0 * 1461 / 1827), eps);
  EXPECT_THAT(y.flags, Not(Contains(Flag::provisional)));

  // The same for a cumulative target (10 + 3 + 4 + 5 = 22) and a quarterly flow.
  Target cum =
      with_baseline(target(Kind::cumulative, Rule::at_least, 100, "2018-12-31"), "2017-12-31", 10);
  auto cx = assess(cum, {entry(1, "2018-01", 3), entry(2, "2018-02", 4), entry(3, "2018-03", 5)},
                   as_of("2018-04-10", Cadence::month));
  auto cy = assess(cum, {entry(1, "2018-03", 5), entry(2, "2018-02", 4), entry(3, "2018-01", 3)},
                   as_of("2018-04-10", Cadence::month));
  expect_same(cx, cy);
  EXPECT_NEAR(get(cy.current), 22, eps);
  Target flow = flow_per(Cadence::quarter, Rule::at_least, 300, "2020-12-31");
  auto fx = assess(flow,
                   {entry(1, "2020-01", 90), entry(2, "2020-02", 100), entry(3, "2020-03", 110)},
                   as_of("2020-04-10"));
  auto fy = assess(flow,
                   {entry(1, "2020-03", 110), entry(2, "2020-02", 100), entry(3, "2020-01", 90)},
                   as_of("2020-04-10"));
  expect_same(fx, fy);
  EXPECT_NEAR(get(fy.current), 300, eps);
}

TEST(AssessEdge, same_period_later_recorded_entry_wins_for_a_level_target) {
  // Two entries for 2018 (same end and start). Order: end, start, recorded_at, id → the one
  // recorded later is current, whatever its id or place in the list.
  // id 1 recorded at +100 s = 160, id 2 recorded at +50 s = 150 → c = 160.
  std::vector<Entry> entries{recorded_at(entry(1, "2018", 160), 100),
                             recorded_at(entry(2, "2018", 150), 50)};
  auto a = assess(five_year_target(), entries, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.current), 160, eps);
  // ρ = 60/(100·1096/1827).
  EXPECT_NEAR(get(a.ratio), 60 / (100.0 * 1096 / 1827), eps);
  std::vector<Entry> swapped{entries[1], entries[0]};
  EXPECT_NEAR(get(assess(five_year_target(), swapped, as_of("2019-06-30")).current), 160, eps);
  // The winner carries its provisional flag; a provisional loser does not.
  std::vector<Entry> prov_winner{provisional(recorded_at(entry(1, "2018", 160), 100)),
                                 recorded_at(entry(2, "2018", 150), 50)};
  EXPECT_THAT(assess(five_year_target(), prov_winner, as_of("2019-06-30")).flags,
              Contains(Flag::provisional));
  std::vector<Entry> prov_loser{recorded_at(entry(1, "2018", 160), 100),
                                provisional(recorded_at(entry(2, "2018", 150), 50))};
  EXPECT_THAT(assess(five_year_target(), prov_loser, as_of("2019-06-30")).flags,
              Not(Contains(Flag::provisional)));
}

TEST(AssessEdge, same_period_same_recorded_at_is_broken_by_id) {
  // Both recorded at +10 s: the higher id sorts last and wins (docs/assessment.md order).
  std::vector<Entry> entries{recorded_at(entry(7, "2018", 140), 10),
                             recorded_at(entry(3, "2018", 150), 10)};
  EXPECT_NEAR(get(assess(five_year_target(), entries, as_of("2019-06-30")).current), 140, eps);
  std::vector<Entry> swapped{entries[1], entries[0]};
  EXPECT_NEAR(get(assess(five_year_target(), swapped, as_of("2019-06-30")).current), 140, eps);
}

TEST(AssessEdge, same_period_end_later_start_wins_before_recorded_at) {
  // "2018" (2018-01-01..2018-12-31, recorded later) and "2018-12" (2018-12-01..2018-12-31,
  // recorded earlier) end on the same day; the later start sorts last, so 2018-12 is current.
  std::vector<Entry> entries{recorded_at(entry(1, "2018-12", 155), 10),
                             recorded_at(entry(2, "2018", 150), 20)};
  auto a = assess(five_year_target(), entries, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.current), 155, eps);
  EXPECT_EQ(a.current_period, std::optional<std::string>("2018-12"));
}

// ---------------------------------------------------------------------------------------------
// Flows per quarter and per month.

TEST(AssessEdge, flow_per_quarter_monthly_entry_is_scaled_to_the_quarter) {
  // 2020Q1 = 31 + 29 + 31 = 91 days; 2020-02 = 29 days: 100·91/29 ≈ 313.79, estimated, and
  // t_c = the quarter's end 2020-03-31.
  Target t = flow_per(Cadence::quarter, Rule::at_least, 300, "2020-12-31");
  auto a = assess(t, {entry(1, "2020-02", 100)}, as_of("2020-03-10"));
  EXPECT_NEAR(get(a.current), 100.0 * 91 / 29, eps);
  EXPECT_THAT(a.flags, Contains(Flag::estimated));
  EXPECT_EQ(a.current_period, std::optional<std::string>("2020Q1"));
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_EQ(format_date(*a.current_date), "2020-03-31");
  // Two months: (90 + 100)·91/(31 + 29) = 190·91/60, still estimated.
  auto two = assess(t, {entry(1, "2020-01", 90), entry(2, "2020-02", 100)}, as_of("2020-03-10"));
  EXPECT_NEAR(get(two.current), 190.0 * 91 / 60, eps);
  EXPECT_THAT(two.flags, Contains(Flag::estimated));
  // 2019Q1 (not a leap year) = 90 days: 2019-01 → 100·90/31.
  auto y2019 = assess(flow_per(Cadence::quarter, Rule::at_least, 300, "2020-12-31"),
                      {entry(1, "2019-01", 100)}, as_of("2019-02-10"));
  EXPECT_NEAR(get(y2019.current), 100.0 * 90 / 31, eps);
}

TEST(AssessEdge, flow_per_quarter_three_months_sum_exactly) {
  // 90 + 100 + 110 = 300 over 91 of 91 days: not estimated; current_period 2020Q1, t_c
  // 2020-03-31; 300 ≥ 300 → achieved.
  Target t = flow_per(Cadence::quarter, Rule::at_least, 300, "2020-12-31");
  auto a = assess(t, {entry(1, "2020-01", 90), entry(2, "2020-02", 100), entry(3, "2020-03", 110)},
                  as_of("2020-04-10"));
  EXPECT_NEAR(get(a.current), 300, eps);
  EXPECT_THAT(a.flags, Not(Contains(Flag::estimated)));
  EXPECT_EQ(a.current_period, std::optional<std::string>("2020Q1"));
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_EQ(format_date(*a.current_date), "2020-03-31");
  EXPECT_EQ(status_of(a), "achieved");
}

TEST(AssessEdge, flow_per_month_whole_year_entry_is_scaled_down) {
  // per month; a whole-year entry 2019 = 1200 falls in the month containing its end, 2019-12
  // (31 days), and covers 365 days: 1200·31/365 ≈ 101.92 — scaled down, and an estimate.
  Target t = flow_per(Cadence::month, Rule::at_least, 120, "2020-12-31");
  auto a = assess(t, {entry(1, "2019", 1200)}, as_of("2020-01-10", Cadence::month));
  EXPECT_NEAR(get(a.current), 1200.0 * 31 / 365, eps);
  EXPECT_LT(get(a.current), 1200);
  EXPECT_THAT(a.flags, Contains(Flag::estimated));
  EXPECT_EQ(a.current_period, std::optional<std::string>("2019-12"));
}

// ---------------------------------------------------------------------------------------------
// Thresholds.

// twenty_days_target (support/assess_inputs.hpp): from 0 on 2020-01-01 to 20 on 2020-01-21, so
// an entry on 2020-01-11 has E = 10 and ρ = c/10.

TEST(AssessEdge, thresholds_from_context_move_the_boundaries) {
  // c = 8 → ρ = 8/10 = 0.8.
  std::vector<Entry> entries{entry(1, "2020-01-11", 8)};
  auto run = [&](Thresholds th) {
    return assess(twenty_days_target(), entries, as_of("2020-01-12", th));
  };
  EXPECT_NEAR(get(run(Thresholds{}).ratio), 0.8, eps);
  EXPECT_EQ(status_of(run(Thresholds{})), "at_risk");          // 0.6 ≤ 0.8 < 0.95
  EXPECT_EQ(status_of(run(Thresholds{0.8, 0.5})), "on_track");  // 0.8 ≥ 0.8 (inclusive)
  EXPECT_EQ(status_of(run(Thresholds{0.85, 0.8})), "at_risk");  // 0.8 ≤ 0.8 < 0.85
  EXPECT_EQ(status_of(run(Thresholds{0.9, 0.81})), "off_track"); // 0.8 < 0.81
}

TEST(AssessEdge, thresholds_for_target_beats_plan_beats_defaults) {
  Plan plan;
  Target t = twenty_days_target();
  // Neither: the defaults 0.95 / 0.6.
  Thresholds d = thresholds_for(plan, t);
  EXPECT_DOUBLE_EQ(d.on_track, 0.95);
  EXPECT_DOUBLE_EQ(d.at_risk, 0.6);
  // The plan's.
  plan.thresholds = Thresholds{0.8, 0.5};
  Thresholds p = thresholds_for(plan, t);
  EXPECT_DOUBLE_EQ(p.on_track, 0.8);
  EXPECT_DOUBLE_EQ(p.at_risk, 0.5);
  // The target's own beats the plan's.
  t.thresholds = Thresholds{0.9, 0.85};
  Thresholds own = thresholds_for(plan, t);
  EXPECT_DOUBLE_EQ(own.on_track, 0.9);
  EXPECT_DOUBLE_EQ(own.at_risk, 0.85);
  // In use, ρ = 0.8: plan → on_track; target's own → off_track (0.8 < 0.85); defaults → at_risk.
  std::vector<Entry> entries{entry(1, "2020-01-11", 8)};
  Target plain = twenty_days_target();
  EXPECT_EQ(status_of(assess(plain, entries, as_of("2020-01-12", thresholds_for(plan, plain)))),
            "on_track");
  EXPECT_EQ(status_of(assess(t, entries, as_of("2020-01-12", thresholds_for(plan, t)))),
            "off_track");
  EXPECT_EQ(status_of(assess(plain, entries, as_of("2020-01-12", thresholds_for(Plan{}, plain)))),
            "at_risk");
}

// ---------------------------------------------------------------------------------------------
// needed_per_year and forecast absent.

TEST(AssessEdge, needed_per_year_null_when_current_date_is_the_deadline) {
  // t_c = 2020-12-31 = T: years(T − t_c) = 0, no pace → null, both on D = T and after.
  auto a = assess(five_year_target(), {entry(1, "2020", 190)}, as_of("2020-12-31"));
  EXPECT_FALSE(a.needed_per_year.has_value());
  auto b = assess(five_year_target(), {entry(1, "2020", 190)}, as_of("2021-06-30"));
  EXPECT_FALSE(b.needed_per_year.has_value());
}

TEST(AssessEdge, needed_per_year_null_when_current_date_is_after_the_deadline) {
  // A flow per year with T = 2020-06-30 and the entry 2020-01..2020-03 (ends before T, so it
  // counts): annualised to 2020 (366·200/91), t_c = 2020-12-31 > T → null.
  Target t = with_baseline(flow_per(Cadence::year, Rule::at_least, 1000, "2020-06-30"),
                           "2019-12-31", 800);
  auto a = assess(t, {entry(1, "2020-01..2020-03", 200)}, as_of("2020-05-01"));
  EXPECT_NEAR(get(a.current), 200.0 * 366 / 91, eps);
  ASSERT_TRUE(a.current_date.has_value());
  EXPECT_GT(*a.current_date, t.deadline);
  EXPECT_FALSE(a.needed_per_year.has_value());
}

TEST(AssessEdge, forecast_null_with_a_single_point) {
  // No baseline, one entry: one point.
  auto a = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"), {entry(1, "2018", 150)},
                  as_of("2019-06-30"));
  EXPECT_FALSE(a.forecast.has_value());
  // A baseline dated on the entry's period end adds no earlier point: still one point.
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2020-12-31"), "2018-12-31", 100);
  auto b = assess(t, {entry(1, "2018", 150)}, as_of("2019-06-30"));
  EXPECT_EQ(b.series.size(), 1U);
  EXPECT_FALSE(b.forecast.has_value());
}

TEST(AssessEdge, forecast_null_when_all_points_share_one_date) {
  // "2018" and "2018-12" both end 2018-12-31; the baseline is that day too: Σ(x − x̄)² = 0.
  Target t =
      with_baseline(target(Kind::level, Rule::at_least, 200, "2020-12-31"), "2018-12-31", 100);
  auto a = assess(t, {entry(1, "2018", 150), entry(2, "2018-12", 155)}, as_of("2019-06-30"));
  EXPECT_EQ(a.series.size(), 2U);
  EXPECT_FALSE(a.forecast.has_value());
  // Without a baseline, the same two entries.
  auto b = assess(target(Kind::level, Rule::at_least, 200, "2020-12-31"),
                  {entry(1, "2018", 150), entry(2, "2018-12", 155)}, as_of("2019-06-30"));
  EXPECT_FALSE(b.forecast.has_value());
}

// ---------------------------------------------------------------------------------------------
// between.

// Band 60..80 from the baseline 50 (2015-12-31): v = 60, the bound nearer 50.
Target band(double baseline) {
  Target t =
      with_baseline(target(Kind::level, Rule::between, 0, "2020-12-31"), "2015-12-31", baseline);
  t.min = 60;
  t.max = 80;
  return t;
}

TEST(AssessEdge, between_below_min) {
  // c = 55: gap = 60 − 55 = 5; shortfall = min − c = 5.
  auto a = assess(band(50), {entry(1, "2018", 55)}, as_of("2019-06-30"));
  EXPECT_NEAR(a.target_value, 60, eps);
  EXPECT_NEAR(get(a.gap), 5, eps);
  EXPECT_NEAR(get(a.shortfall), 5, eps);
}

TEST(AssessEdge, between_inside_the_band) {
  // c = 70: gap = 60 − 70 = −10; shortfall 0; achieved.
  auto a = assess(band(50), {entry(1, "2018", 70)}, as_of("2019-06-30"));
  EXPECT_NEAR(get(a.gap), -10, eps);
  EXPECT_NEAR(get(a.shortfall), 0, eps);
  EXPECT_EQ(status_of(a), "achieved");
}

TEST(AssessEdge, between_above_max) {
  // c = 90: gap = 60 − 90 = −30; shortfall = c − max = 10; past T: missed.
  auto a = assess(band(50), {entry(1, "2020", 90)}, as_of("2021-03-01"));
  EXPECT_NEAR(get(a.gap), -30, eps);
  EXPECT_NEAR(get(a.shortfall), 10, eps);
  EXPECT_EQ(status_of(a), "missed");
}

TEST(AssessEdge, between_from_above_the_band_crossing_below_it) {
  // Baseline 95: v = 80 (|95 − 80| = 15 < |95 − 60| = 35). c = 50: gap = 80 − 50 = 30, but the
  // shortfall is only min − c = 60 − 50 = 10.
  auto a = assess(band(95), {entry(1, "2018", 50)}, as_of("2019-06-30"));
  EXPECT_NEAR(a.target_value, 80, eps);
  EXPECT_NEAR(get(a.gap), 30, eps);
  EXPECT_NEAR(get(a.shortfall), 10, eps);
}

} // namespace
} // namespace plantrack::assess
