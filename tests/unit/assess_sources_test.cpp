// Unit tests of what an assessment reports about where its values came from, for the views
// (assess.hpp: ratio_periods, peer_periods, growth_sources): a ratio's parts per period, a
// rank's peers per period, a growth rate's two amounts.

#include "assess/assess.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace plantrack::assess {
namespace {

const Date as_of = parse_date("2021-06-30");

Entry entry(int id, const std::string& target, const std::string& period, double value,
            std::optional<Part> part = std::nullopt, const std::string& peer = "") {
  Entry e;
  e.id = id;
  e.plan_id = "p";
  e.target_id = target;
  e.period = parse_period(period);
  e.value = value;
  e.value_text = std::to_string(value);
  e.recorded_at = Timestamp{} + std::chrono::seconds(id);
  e.part = part;
  e.peer = peer;
  return e;
}

Target target(const std::string& id, Kind kind, Rule rule, double value, const std::string& unit) {
  Target t;
  t.id = id;
  t.kind = kind;
  t.rule = rule;
  t.value = value;
  t.unit = unit;
  t.deadline = parse_date("2020-12-31");
  return t;
}

Context ctx() { return {as_of, Cadence::year, {}}; }

Target rd() {
  Target t = target("rd", Kind::ratio, Rule::at_least, 2.5, "%");
  t.numerator = RatioPart{"研发经费支出", "亿元"};
  t.denominator = RatioPart{"地区生产总值", "亿元"};
  return t;
}

Target rank() {
  Target t = target("rank", Kind::rank, Rule::at_most, 3, "");
  t.peers = Peers{"通州", {"海淀", "朝阳", "通州", "大兴"}, Better::higher, "亿元"};
  return t;
}

TEST(AssessSources, ratio_periods_list_the_parts_the_computed_and_the_logged_ratio) {
  auto a = assess(rd(), {entry(1, "rd", "2017", 25, Part::numerator),
                         entry(2, "rd", "2017", 1000, Part::denominator),
                         entry(3, "rd", "2017", 2.6),
                         entry(4, "rd", "2018", 30, Part::numerator),
                         entry(5, "rd", "2018", 1100, Part::denominator),
                         entry(6, "rd", "2019", 33, Part::numerator),
                         entry(7, "rd", "2021", 2.9)}, // after the deadline: not counted
                  ctx());
  ASSERT_EQ(a.ratio_periods.size(), 3u);
  const auto& p2017 = a.ratio_periods[0];
  EXPECT_EQ(p2017.period, "2017");
  EXPECT_EQ(p2017.numerator, 25);
  EXPECT_EQ(p2017.denominator, 1000);
  EXPECT_DOUBLE_EQ(*p2017.computed, 2.5);
  EXPECT_EQ(p2017.logged, 2.6);
  EXPECT_TRUE(p2017.inconsistent);
  const auto& p2018 = a.ratio_periods[1];
  EXPECT_DOUBLE_EQ(*p2018.computed, 3000.0 / 1100);
  EXPECT_FALSE(p2018.logged);
  EXPECT_FALSE(p2018.inconsistent);
  // A period with one part has no ratio yet.
  const auto& p2019 = a.ratio_periods[2];
  EXPECT_EQ(p2019.numerator, 33);
  EXPECT_FALSE(p2019.denominator);
  EXPECT_FALSE(p2019.computed);
  // The computed ratio is the value the assessment counts.
  EXPECT_DOUBLE_EQ(*a.current, *p2018.computed);
  EXPECT_EQ(a.inconsistent_periods, std::vector<std::string>{"2017"});
}

TEST(AssessSources, the_computed_ratio_of_parts_in_one_unit_family_is_the_one_counted) {
  Target t = rd();
  t.numerator->unit = "万元";
  auto a = assess(t, {entry(1, "rd", "2018", 300000, Part::numerator),
                      entry(2, "rd", "2018", 1100, Part::denominator)},
                  ctx());
  ASSERT_EQ(a.ratio_periods.size(), 1u);
  EXPECT_DOUBLE_EQ(*a.ratio_periods[0].computed, *a.current);
  EXPECT_NEAR(*a.current, 100 * 30.0 / 1100, 1e-9);
}

TEST(AssessSources, peer_periods_list_the_values_best_first_the_rank_and_who_is_missing) {
  auto a = assess(rank(), {entry(1, "rank", "2017", 50, {}, "海淀"),
                           entry(2, "rank", "2017", 40, {}, "朝阳"),
                           entry(3, "rank", "2017", 45, {}, "通州"),
                           entry(4, "rank", "2017", 20, {}, "大兴"),
                           entry(5, "rank", "2018", 55, {}, "海淀"),
                           entry(6, "rank", "2018", 48, {}, "通州")},
                  ctx());
  ASSERT_EQ(a.peer_periods.size(), 2u);
  const auto& complete = a.peer_periods[0];
  EXPECT_EQ(complete.period, "2017");
  EXPECT_EQ(complete.values, (std::vector<std::pair<std::string, double>>{
                                 {"海淀", 50}, {"通州", 45}, {"朝阳", 40}, {"大兴", 20}}));
  EXPECT_EQ(complete.rank, 2);
  EXPECT_TRUE(complete.missing.empty());
  const auto& waiting = a.peer_periods[1];
  EXPECT_FALSE(waiting.rank);
  EXPECT_EQ(waiting.missing, (std::vector<std::string>{"朝阳", "大兴"}));
  EXPECT_EQ(*a.current, 2);
}

TEST(AssessSources, lower_is_better_puts_the_smallest_value_first_and_ties_keep_the_plans_order) {
  Target t = rank();
  t.peers->better = Better::lower;
  auto a = assess(t, {entry(1, "rank", "2017", 50, {}, "海淀"),
                      entry(2, "rank", "2017", 20, {}, "朝阳"),
                      entry(3, "rank", "2017", 45, {}, "通州"),
                      entry(4, "rank", "2017", 20, {}, "大兴")},
                  ctx());
  ASSERT_EQ(a.peer_periods.size(), 1u);
  EXPECT_EQ(a.peer_periods[0].values, (std::vector<std::pair<std::string, double>>{
                                          {"朝阳", 20}, {"大兴", 20}, {"通州", 45}, {"海淀", 50}}));
  EXPECT_EQ(a.peer_periods[0].rank, 3);
}

TEST(AssessSources, a_logged_rank_has_no_peer_period) {
  auto a = assess(rank(), {entry(1, "rank", "2017", 2)}, ctx());
  EXPECT_TRUE(a.peer_periods.empty());
}

// gdp (a yearly flow) and its growth, read through Linked.
struct Growth {
  Target gdp = [] {
    Target t = target("gdp", Kind::flow, Rule::at_least, 1200, "亿元");
    t.per = Cadence::year;
    return t;
  }();
  Target growth = [] {
    Target t = target("gdp-growth", Kind::growth, Rule::at_least, 6, "%");
    t.of = "gdp";
    return t;
  }();
  std::vector<Entry> amounts{entry(1, "gdp", "2016", 1000), entry(2, "gdp", "2017", 1080),
                             entry(3, "gdp", "2018", 1134)};
  Linked linked() const {
    Linked l;
    l.target = [this](const std::string&, const std::string& id) {
      return id == "gdp" ? &gdp : nullptr;
    };
    l.entries = [this](const std::string&, const std::string& id) {
      return id == "gdp" ? &amounts : nullptr;
    };
    return l;
  }
};

TEST(AssessSources, growth_sources_name_the_amount_and_the_one_a_year_earlier) {
  Growth g;
  auto linked = g.linked();
  auto a = assess(g.growth, {}, ctx(), &linked, "p");
  ASSERT_EQ(a.growth_sources.size(), 2u);
  EXPECT_EQ(a.growth_sources[0].period, "2017");
  EXPECT_NEAR(a.growth_sources[0].rate, 8, 1e-9);
  EXPECT_EQ(a.growth_sources[0].amount, 1080);
  EXPECT_EQ(a.growth_sources[0].base_period, "2016");
  EXPECT_EQ(a.growth_sources[0].base, 1000);
  EXPECT_EQ(a.growth_sources[1].base_period, "2017");
  EXPECT_NEAR(a.growth_sources[1].rate, 5, 1e-9);
  EXPECT_DOUBLE_EQ(a.growth_sources[1].rate, *a.current);
}

TEST(AssessSources, a_cagr_is_compared_with_the_baseline_named_by_its_date) {
  Growth g;
  g.growth.basis = GrowthBasis::cagr;
  g.gdp.baseline = Baseline{parse_date("2015-12-31"), 900, ""};
  auto linked = g.linked();
  auto a = assess(g.growth, {}, ctx(), &linked, "p");
  ASSERT_EQ(a.growth_sources.size(), 3u);
  EXPECT_EQ(a.growth_sources[2].period, "2018");
  EXPECT_EQ(a.growth_sources[2].amount, 1134);
  EXPECT_EQ(a.growth_sources[2].base_period, "2015-12-31");
  EXPECT_EQ(a.growth_sources[2].base, 900);
  EXPECT_DOUBLE_EQ(a.growth_sources[2].rate, *a.current);
}

} // namespace
} // namespace plantrack::assess
