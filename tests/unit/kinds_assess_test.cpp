// The second edition's kinds (SPEC §1, §2): ratio, rank, growth, a referenced value, monitor,
// keep_at_most with clear_within, per-capita units. Worked examples and properties.

#include "errors.hpp"

#include "assess/assess.hpp"
#include "model/units.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace plantrack::assess {
namespace {

const Date as_of = parse_date("2021-06-30");
int next_id = 1;

Entry entry(const std::string& target, const std::string& period, double value,
            std::optional<Part> part = std::nullopt, const std::string& peer = "") {
  Entry e;
  e.id = next_id++;
  e.plan_id = "p";
  e.target_id = target;
  e.period = parse_period(period);
  e.value = value;
  e.value_text = std::to_string(value);
  e.recorded_at = Timestamp{} + std::chrono::seconds(e.id);
  e.part = part;
  e.peer = peer;
  return e;
}

Target base(const std::string& id, Kind kind, Rule rule, double value) {
  Target t;
  t.id = id;
  t.kind = kind;
  t.rule = rule;
  t.value = value;
  t.unit = "%";
  t.deadline = parse_date("2020-12-31");
  return t;
}

Context ctx(Date d = as_of) { return {d, Cadence::year, {}}; }

// Targets and entries of one plan "p", for assessments that read other targets.
struct Plan1 {
  std::vector<Target> targets;
  std::map<std::string, std::vector<Entry>> entries;
  Linked linked() const {
    Linked l;
    l.target = [this](const std::string& plan, const std::string& id) -> const Target* {
      if (plan != "p") return nullptr;
      for (const auto& t : targets)
        if (t.id == id) return &t;
      return nullptr;
    };
    l.entries = [this](const std::string& plan, const std::string& id) -> const std::vector<Entry>* {
      auto it = entries.find(id);
      return plan == "p" && it != entries.end() ? &it->second : nullptr;
    };
    return l;
  }
};

Target ratio_target() {
  Target t = base("share", Kind::ratio, Rule::at_least, 1.3);
  t.numerator = RatioPart{"科学技术支出", "亿元"};
  t.denominator = RatioPart{"一般公共预算支出", "亿元"};
  t.scale = 100;
  t.baseline = Baseline{parse_date("2018-12-31"), 1.05, ""};
  return t;
}

TEST(Ratio, both_parts_give_the_ratio_and_one_part_alone_none) {
  Target t = ratio_target();
  // 1.2 亿元 over 100 亿元.
  std::vector<Entry> es{entry("share", "2019", 1.2, Part::numerator),
                        entry("share", "2019", 100, Part::denominator),
                        entry("share", "2020", 1.5, Part::numerator)};
  auto a = assess(t, es, ctx(parse_date("2020-06-30")));
  ASSERT_TRUE(a.current);
  EXPECT_DOUBLE_EQ(*a.current, 1.2);
  EXPECT_EQ(*a.current_period, "2019");
  EXPECT_FALSE(a.has_flag(Flag::inconsistent));
}

TEST(Ratio, parts_in_units_of_one_family_are_compared_in_the_same_unit) {
  Target t = ratio_target();
  t.numerator->unit = "万元";
  std::vector<Entry> es{entry("share", "2019", 12000, Part::numerator),
                        entry("share", "2019", 100, Part::denominator)};
  EXPECT_DOUBLE_EQ(*assess(t, es, ctx(parse_date("2020-06-30"))).current, 1.2);
}

TEST(Ratio, a_logged_ratio_that_disagrees_with_its_parts_is_inconsistent_and_the_parts_count) {
  Target t = ratio_target();
  std::vector<Entry> es{entry("share", "2019", 1.2, Part::numerator),
                        entry("share", "2019", 100, Part::denominator),
                        entry("share", "2019", 1.3)};
  auto a = assess(t, es, ctx(parse_date("2020-06-30")));
  EXPECT_DOUBLE_EQ(*a.current, 1.2);
  EXPECT_TRUE(a.has_flag(Flag::inconsistent));
  EXPECT_EQ(a.inconsistent_periods, std::vector<std::string>{"2019"});
  // Within 0.5 %: consistent.
  es.back().value = 1.205;
  a = assess(t, es, ctx(parse_date("2020-06-30")));
  EXPECT_FALSE(a.has_flag(Flag::inconsistent));
}

RC_GTEST_PROP(Ratio, from_parts_equals_the_same_ratio_logged_directly, ()) {
  Target t = ratio_target();
  std::vector<Entry> parts, direct;
  for (int year = 2019; year <= 2020; ++year) {
    double n = *rc::gen::inRange(1, 100000) / 100.0;
    double d = *rc::gen::inRange(1, 100000) / 10.0;
    auto y = std::to_string(year);
    parts.push_back(entry("share", y, n, Part::numerator));
    parts.push_back(entry("share", y, d, Part::denominator));
    direct.push_back(entry("share", y, 100 * n / d));
  }
  auto a = assess(t, parts, ctx());
  auto b = assess(t, direct, ctx());
  RC_ASSERT(a.status == b.status);
  RC_ASSERT(std::fabs(*a.current - *b.current) <= 1e-9 * std::max(1.0, std::fabs(*b.current)));
  RC_ASSERT(std::fabs(*a.ratio - *b.ratio) <= 1e-6 * std::max(1.0, std::fabs(*b.ratio)));
}

Target rank_target() {
  Target t = base("rank", Kind::rank, Rule::at_most, 5);
  t.unit = "位";
  t.peers = Peers{"通州区", {"通州区", "海淀区", "朝阳区", "房山区", "顺义区", "大兴区"},
                  Better::higher, "%"};
  return t;
}

TEST(Rank, computed_from_peers_is_one_plus_those_strictly_better) {
  Target t = rank_target();
  std::vector<Entry> es;
  std::vector<std::pair<std::string, double>> values{
      {"通州区", 2.0}, {"海淀区", 9.0}, {"朝阳区", 2.0}, {"房山区", 1.0}, {"顺义区", 3.0}, {"大兴区", 1.5}};
  for (const auto& [peer, v] : values) es.push_back(entry("rank", "2019", v, std::nullopt, peer));
  auto a = assess(t, es, ctx(parse_date("2020-06-30")));
  ASSERT_TRUE(a.current);
  EXPECT_EQ(*a.current, 3.0); // 海淀 and 顺义 are better; 朝阳 ties
  EXPECT_EQ(a.status, Status::achieved);
  EXPECT_FALSE(a.has_flag(Flag::incomplete_peers));
}

TEST(Rank, incomplete_peers_flag_and_the_latest_complete_period_counts) {
  Target t = rank_target();
  std::vector<Entry> es;
  for (const auto& peer : t.peers->among) es.push_back(entry("rank", "2019", peer == "通州区" ? 5 : 1, std::nullopt, peer));
  es.push_back(entry("rank", "2020", 9, std::nullopt, "通州区"));
  es.push_back(entry("rank", "2020", 1, std::nullopt, "海淀区"));
  auto a = assess(t, es, ctx());
  EXPECT_EQ(*a.current, 1.0);
  EXPECT_EQ(*a.current_period, "2019");
  EXPECT_TRUE(a.has_flag(Flag::incomplete_peers));
  EXPECT_EQ(a.incomplete_periods, std::vector<std::string>{"2020"});
}

TEST(Rank, values_of_a_peer_a_revision_renamed_leave_the_period_incomplete) {
  Target t = rank_target();
  std::vector<Entry> es;
  // Logged under an earlier revision that named 顺义区 "顺义"; as many values as peers.
  for (const auto& peer : t.peers->among)
    es.push_back(entry("rank", "2019", 2, std::nullopt, peer == "顺义区" ? "顺义" : peer));
  auto a = assess(t, es, ctx());
  EXPECT_FALSE(a.current);
  EXPECT_TRUE(a.has_flag(Flag::incomplete_peers));
  EXPECT_EQ(a.incomplete_periods, std::vector<std::string>{"2019"});
}

TEST(Rank, a_logged_rank_is_a_level_whose_smaller_values_are_better) {
  Target t = rank_target();
  t.baseline = Baseline{parse_date("2016-12-31"), 9, ""};
  std::vector<Entry> es{entry("rank", "2018", 7)};
  auto a = assess(t, es, ctx(parse_date("2019-01-31")));
  EXPECT_EQ(*a.current, 7.0);
  EXPECT_EQ(a.status, Status::on_track); // 9 -> 5 by 2020: 7 at 2018 is on the line
  EXPECT_GT(*a.ratio, 0.95);
}

TEST(Rank, already_better_than_its_target_is_expected_to_stay_so) {
  Target t = rank_target(); // rank ≤ 5
  t.baseline = Baseline{parse_date("2016-12-31"), 2, ""};
  auto kept = assess(t, {entry("rank", "2018", 2)}, ctx(parse_date("2019-01-31")));
  EXPECT_EQ(kept.status, Status::achieved);
  EXPECT_EQ(*kept.expected, 5.0); // not 3.5 on a line from 2 down to 5
  EXPECT_FALSE(kept.progress_pct);
  auto lost = assess(t, {entry("rank", "2018", 7)}, ctx(parse_date("2019-01-31")));
  EXPECT_EQ(lost.status, Status::off_track);
  EXPECT_EQ(*lost.ratio, -1.0);
}

RC_GTEST_PROP(Rank, does_not_depend_on_the_order_peers_are_logged_in, ()) {
  Target t = rank_target();
  std::vector<Entry> es;
  for (const auto& peer : t.peers->among)
    es.push_back(entry("rank", "2019", *rc::gen::inRange(0, 20) / 2.0, std::nullopt, peer));
  auto shuffled = es; // Fisher–Yates driven by generated (hence shrinkable) indices
  for (size_t i = shuffled.size(); i > 1; --i)
    std::swap(shuffled[i - 1], shuffled[static_cast<size_t>(*rc::gen::inRange<int>(0, static_cast<int>(i)))]);
  // Ids follow the logging order.
  for (size_t i = 0; i < shuffled.size(); ++i) {
    shuffled[i].id = static_cast<std::int64_t>(i + 1);
    shuffled[i].recorded_at = Timestamp{} + std::chrono::seconds(i + 1);
  }
  auto a = assess(t, es, ctx());
  auto b = assess(t, shuffled, ctx());
  RC_ASSERT(a.current == b.current);
  RC_ASSERT(a.status == b.status);
  double self = 0;
  for (const auto& e : es)
    if (e.peer == "通州区") self = e.value;
  int better = 0;
  for (const auto& e : es) better += e.value > self ? 1 : 0;
  RC_ASSERT(*a.current == 1.0 + better);
}

Plan1 growth_plan(GrowthBasis basis) {
  Plan1 p;
  Target amount = base("turnover", Kind::flow, Rule::at_least, 3000);
  amount.unit = "亿元";
  amount.per = Cadence::year;
  amount.baseline = Baseline{parse_date("2013-12-31"), 2485.4, ""};
  amount.deadline = parse_date("2014-12-31");
  Target growth = base("turnover-growth", Kind::growth, Rule::at_least, 9);
  growth.of = "turnover";
  growth.basis = basis;
  growth.deadline = parse_date("2014-12-31");
  p.targets = {amount, growth};
  p.entries["turnover"] = {entry("turnover", "2013", 2485.4), entry("turnover", "2014", 2800)};
  return p;
}

TEST(Growth, yoy_is_the_change_on_the_same_period_a_year_earlier) {
  auto p = growth_plan(GrowthBasis::yoy);
  auto links = p.linked();
  auto a = assess(p.targets[1], {}, ctx(parse_date("2015-03-31")), &links, "p");
  ASSERT_TRUE(a.current);
  EXPECT_NEAR(*a.current, 100.0 * (2800 / 2485.4 - 1), 1e-9);
  EXPECT_EQ(a.status, Status::achieved); // 12.66 % >= 9 % for the year that ends at T
  EXPECT_FALSE(a.progress_pct);
  EXPECT_FALSE(a.needed_per_year);
}

TEST(Growth, before_the_final_period_the_ratio_is_c_over_v) {
  auto p = growth_plan(GrowthBasis::yoy);
  p.targets[1].deadline = parse_date("2015-12-31");
  p.targets[0].deadline = parse_date("2015-12-31");
  p.entries["turnover"].back().value = 2600; // +4.6 %
  auto links = p.linked();
  auto a = assess(p.targets[1], {}, ctx(parse_date("2015-03-31")), &links, "p");
  EXPECT_NEAR(*a.ratio, *a.current / 9, 1e-12);
  EXPECT_EQ(a.status, Status::off_track); // 0.51 < 0.6
  EXPECT_EQ(*a.expected, 9);
}

TEST(Growth, cagr_from_the_baseline_of_its_target) {
  auto p = growth_plan(GrowthBasis::cagr);
  auto links = p.linked();
  auto a = assess(p.targets[1], {}, ctx(parse_date("2015-03-31")), &links, "p");
  double years = years_between(parse_date("2013-12-31"), parse_date("2014-12-31"));
  EXPECT_NEAR(*a.current, 100 * (std::pow(2800 / 2485.4, 1 / years) - 1), 1e-9);
}

TEST(Growth, without_what_it_grows_from_there_is_no_data) {
  auto p = growth_plan(GrowthBasis::yoy);
  p.entries["turnover"].erase(p.entries["turnover"].begin()); // no 2013
  auto links = p.linked();
  EXPECT_EQ(assess(p.targets[1], {}, ctx(), &links, "p").status, Status::no_data);
  EXPECT_EQ(assess(p.targets[1], {}, ctx()).status, Status::no_data); // no links at all
}

RC_GTEST_PROP(Growth, recomputed_from_its_amounts, ()) {
  auto p = growth_plan(GrowthBasis::yoy);
  p.targets[0].deadline = p.targets[1].deadline = parse_date("2020-12-31");
  std::vector<double> amounts;
  p.entries["turnover"].clear();
  for (int year = 2013; year <= 2020; ++year) {
    amounts.push_back(*rc::gen::inRange(1, 100000) / 10.0);
    p.entries["turnover"].push_back(entry("turnover", std::to_string(year), amounts.back()));
  }
  int year = *rc::gen::inRange(2014, 2021);
  auto links = p.linked();
  auto a = assess(p.targets[1], {}, ctx(parse_date(std::to_string(year) + "-12-31")), &links, "p");
  double expected = 100 * (amounts[year - 2013] / amounts[year - 2014] - 1);
  RC_ASSERT(std::fabs(*a.current - expected) <= 1e-9 * std::max(1.0, std::fabs(expected)));
}

TEST(Reference, the_target_is_the_referenced_value_at_t_c) {
  Plan1 p;
  Target city = base("city-average", Kind::monitor, Rule::none, 0);
  Target district = base("coverage", Kind::level, Rule::more_than, 0);
  district.value_ref = ValueRef{"p", "city-average"};
  district.baseline = Baseline{parse_date("2015-12-31"), 70, ""};
  p.targets = {city, district};
  p.entries["city-average"] = {entry("city-average", "2018", 76.8), entry("city-average", "2019", 78)};
  std::vector<Entry> mine{entry("coverage", "2018", 77.5), entry("coverage", "2019", 77.9)};
  auto links = p.linked();
  auto a = assess(district, mine, ctx(parse_date("2020-03-31")), &links, "p");
  EXPECT_EQ(a.target_value, 78.0); // the city's 2019 value, against the district's 2019
  EXPECT_EQ(a.reference.size(), 2u);
  EXPECT_NE(a.status, Status::achieved);
  mine.back().value = 78.5;
  a = assess(district, mine, ctx(parse_date("2020-03-31")), &links, "p");
  EXPECT_EQ(a.status, Status::achieved);
  // Before the city has a value, there is nothing to compare with.
  p.entries["city-average"].clear();
  a = assess(district, mine, ctx(parse_date("2020-03-31")), &links, "p");
  EXPECT_EQ(a.status, Status::insufficient_data);
  EXPECT_FALSE(a.has_target);
}

TEST(Monitor, monitored_once_it_has_data_with_a_forecast_and_no_target) {
  Target t = base("gdp", Kind::monitor, Rule::none, 0);
  EXPECT_EQ(assess(t, {}, ctx()).status, Status::no_data);
  auto a = assess(t, {entry("gdp", "2018", 10), entry("gdp", "2019", 12)}, ctx());
  EXPECT_EQ(a.status, Status::monitored);
  EXPECT_FALSE(a.has_target);
  EXPECT_FALSE(a.gap);
  EXPECT_FALSE(a.ratio);
  ASSERT_TRUE(a.forecast);
  EXPECT_NEAR(*a.forecast, 14, 0.05);
}

Target clearance() {
  Target t = base("sites", Kind::level, Rule::keep_at_most, 0);
  t.unit = "个";
  t.deadline = parse_date("2020-12-31");
  t.clear_within = 31;
  return t;
}

TEST(ClearWithin, sites_found_in_may_and_cleared_in_june_are_no_breach) {
  std::vector<Entry> es{entry("sites", "2020-04", 0), entry("sites", "2020-05", 2),
                        entry("sites", "2020-06", 0)};
  auto a = assess(clearance(), es, ctx(parse_date("2020-07-15")));
  EXPECT_EQ(a.status, Status::on_track);
  EXPECT_FALSE(a.first_breach);
  // Without a window, the same data is a breach.
  Target strict = clearance();
  strict.clear_within.reset();
  EXPECT_EQ(assess(strict, es, ctx(parse_date("2020-07-15"))).status, Status::breached);
}

TEST(ClearWithin, an_exceedance_is_open_within_its_window_and_a_breach_after_it) {
  std::vector<Entry> es{entry("sites", "2020-05", 2)};
  auto a = assess(clearance(), es, ctx(parse_date("2020-06-15")));
  EXPECT_EQ(a.status, Status::at_risk);
  ASSERT_TRUE(a.open_exceedance);
  EXPECT_EQ(format_date(*a.clear_by), "2020-07-01");
  es.push_back(entry("sites", "2020-07", 1)); // still not cleared by 07-01
  a = assess(clearance(), es, ctx(parse_date("2020-07-31")));
  EXPECT_EQ(a.status, Status::breached);
  EXPECT_EQ(a.first_breach->period, "2020-05");
}

TEST(ClearWithin, an_observation_after_the_deadline_may_still_clear_one_before_it) {
  std::vector<Entry> es{entry("sites", "2020-12", 1), entry("sites", "2021-01", 0)};
  EXPECT_EQ(assess(clearance(), es, ctx(parse_date("2021-03-01"))).status, Status::achieved);
  es.pop_back();
  EXPECT_EQ(assess(clearance(), es, ctx(parse_date("2021-03-01"))).status, Status::breached);
}

TEST(PerCapitaUnits, convert_only_in_the_numerator) {
  EXPECT_DOUBLE_EQ(convert_unit(1.5, "万元/人", "元/人"), 15000);
  EXPECT_DOUBLE_EQ(convert_unit(152, "人/万人", "人/万人"), 152);
  EXPECT_DOUBLE_EQ(convert_unit(0.0152, "万人/万人", "人/万人"), 152);
  EXPECT_THROW(convert_unit(0.0152, "万人", "人/万人"), InputError);
  EXPECT_THROW(convert_unit(152, "人/万人", "人"), InputError);
  EXPECT_THROW(convert_unit(1, "元/人", "元/万人"), InputError);
  EXPECT_THROW(convert_unit(1, "/万人", "人/万人"), InputError);
  try {
    convert_unit(0.0152, "万人", "人/万人");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'万人'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("'人/万人'"), std::string::npos);
  }
}

} // namespace
} // namespace plantrack::assess
