// Unit tests of the domain model: periods (SPEC §1 "Entry"), units (SPEC §1 "Units"),
// timestamps and prepare_entry.

#include "errors.hpp"
#include "model/entry.hpp"
#include "model/period.hpp"
#include "model/plan.hpp"
#include "model/units.hpp"

#include "support/dates.hpp"
#include "support/errors.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

namespace plantrack {
namespace {

using support::input_error_of;
using support::ymd;

// ---------------------------------------------------------------------------------------------
// Periods

TEST(Period, year_covers_the_calendar_year) {
  Period p = parse_period("2018");
  EXPECT_EQ(p.text, "2018");
  EXPECT_EQ(p.start, ymd(2018, 1, 1));
  EXPECT_EQ(p.end, ymd(2018, 12, 31));
  EXPECT_EQ(p.days(), 365);
}

TEST(Period, quarter_covers_three_months) {
  Period p = parse_period("2018Q2");
  EXPECT_EQ(p.text, "2018Q2");
  EXPECT_EQ(p.start, ymd(2018, 4, 1));
  EXPECT_EQ(p.end, ymd(2018, 6, 30));
  EXPECT_EQ(p.days(), 91);

  Period q4 = parse_period("2018Q4");
  EXPECT_EQ(q4.start, ymd(2018, 10, 1));
  EXPECT_EQ(q4.end, ymd(2018, 12, 31));
  EXPECT_EQ(q4.days(), 92);
}

TEST(Period, month_covers_the_calendar_month) {
  Period p = parse_period("2018-06");
  EXPECT_EQ(p.text, "2018-06");
  EXPECT_EQ(p.start, ymd(2018, 6, 1));
  EXPECT_EQ(p.end, ymd(2018, 6, 30));
  EXPECT_EQ(p.days(), 30);
}

TEST(Period, date_covers_one_day) {
  Period p = parse_period("2018-06-30");
  EXPECT_EQ(p.text, "2018-06-30");
  EXPECT_EQ(p.start, ymd(2018, 6, 30));
  EXPECT_EQ(p.end, ymd(2018, 6, 30));
  EXPECT_EQ(p.days(), 1);
}

TEST(Period, range_runs_from_the_first_start_to_the_last_end) {
  Period p = parse_period("2014-01..2014-11");
  EXPECT_EQ(p.text, "2014-01..2014-11");
  EXPECT_EQ(p.start, ymd(2014, 1, 1));
  EXPECT_EQ(p.end, ymd(2014, 11, 30));
  EXPECT_EQ(p.days(), 334);
}

TEST(Period, quarter_letter_is_canonicalised) {
  EXPECT_EQ(parse_period("2018q2").text, "2018Q2");
  Period range = parse_period("2018q1..2018Q3");
  EXPECT_EQ(range.text, "2018Q1..2018Q3");
  EXPECT_EQ(range.start, ymd(2018, 1, 1));
  EXPECT_EQ(range.end, ymd(2018, 9, 30));
}

TEST(Period, range_of_one_period_is_allowed_but_not_a_range_of_ranges) {
  EXPECT_EQ(parse_period("2018..2018").days(), 365);
  auto message = input_error_of([] { parse_period("2018..2019..2020"); });
  EXPECT_NE(message.find("'2018..2019..2020'"), std::string::npos) << message;
}

TEST(Period, leap_february_has_29_days) {
  EXPECT_EQ(parse_period("2020-02").days(), 29);
  EXPECT_EQ(parse_period("2020-02").end, ymd(2020, 2, 29));
  EXPECT_EQ(parse_period("2019-02").days(), 28);
  EXPECT_EQ(parse_period("2020").days(), 366);
  EXPECT_EQ(parse_period("2020Q1").days(), 91);
  EXPECT_EQ(parse_period("2020-02-29").start, ymd(2020, 2, 29));
}

TEST(Period, february_29_of_a_common_year_is_refused) {
  auto message = input_error_of([] { parse_period("2019-02-29"); });
  EXPECT_NE(message.find("2019-02-29"), std::string::npos) << message;
}

TEST(Period, bad_periods_are_refused_naming_the_text) {
  for (const char* bad : {"2018-13", "2018Q5", "2018-02-30", "18", "2018..2017"}) {
    SCOPED_TRACE(bad);
    auto message = input_error_of([&] { parse_period(bad); });
    EXPECT_NE(message.find(std::string("'") + bad + "'"), std::string::npos) << message;
  }
}

TEST(Period, empty_period_is_refused) {
  auto message = input_error_of([] { parse_period(""); });
  EXPECT_NE(message.find("empty"), std::string::npos) << message;
}

TEST(Period, parse_date_is_strict) {
  EXPECT_EQ(parse_date("2019-06-30"), ymd(2019, 6, 30));
  EXPECT_FALSE(try_parse_date("2019-6-30"));
  EXPECT_FALSE(try_parse_date("2019-02-29"));
  EXPECT_FALSE(try_parse_date("2019/06/30"));
  auto message = input_error_of([] { parse_date("2020-13-01", "deadline"); });
  EXPECT_NE(message.find("deadline '2020-13-01'"), std::string::npos) << message;
  EXPECT_EQ(format_date(ymd(2019, 6, 30)), "2019-06-30");
}

TEST(Cadence, add_cadence_clamps_to_the_end_of_the_month) {
  EXPECT_EQ(add_cadence(ymd(2020, 1, 31), Cadence::month), ymd(2020, 2, 29));
  EXPECT_EQ(add_cadence(ymd(2019, 1, 31), Cadence::month), ymd(2019, 2, 28));
  EXPECT_EQ(add_cadence(ymd(2018, 11, 30), Cadence::quarter), ymd(2019, 2, 28));
  EXPECT_EQ(add_cadence(ymd(2020, 2, 29), Cadence::year), ymd(2021, 2, 28));
  EXPECT_EQ(add_cadence(ymd(2018, 6, 15), Cadence::month, 3), ymd(2018, 9, 15));
  EXPECT_EQ(add_cadence(ymd(2020, 3, 31), Cadence::month, -1), ymd(2020, 2, 29));
}

TEST(Cadence, parse_enum_names_the_choices) {
  EXPECT_EQ(parse_enum<Cadence>("month"), Cadence::month);
  EXPECT_EQ(parse_enum<Cadence>("quarter"), Cadence::quarter);
  EXPECT_EQ(parse_enum<Cadence>("year"), Cadence::year);
  auto message = input_error_of([] { parse_enum<Cadence>("week"); });
  EXPECT_NE(message.find("'week'"), std::string::npos) << message;
}

TEST(Cadence, period_containing_a_date) {
  Period m = period_containing(ymd(2018, 5, 15), Cadence::month);
  EXPECT_EQ(m.text, "2018-05");
  EXPECT_EQ(m.start, ymd(2018, 5, 1));
  EXPECT_EQ(m.end, ymd(2018, 5, 31));

  Period q = period_containing(ymd(2018, 5, 15), Cadence::quarter);
  EXPECT_EQ(q.text, "2018Q2");
  EXPECT_EQ(q.start, ymd(2018, 4, 1));
  EXPECT_EQ(q.end, ymd(2018, 6, 30));

  Period q4 = period_containing(ymd(2018, 12, 31), Cadence::quarter);
  EXPECT_EQ(q4.text, "2018Q4");
  EXPECT_EQ(q4.start, ymd(2018, 10, 1));
  EXPECT_EQ(q4.end, ymd(2018, 12, 31));

  Period y = period_containing(ymd(2020, 2, 29), Cadence::year);
  EXPECT_EQ(y.text, "2020");
  EXPECT_EQ(y.start, ymd(2020, 1, 1));
  EXPECT_EQ(y.end, ymd(2020, 12, 31));

  Period feb = period_containing(ymd(2020, 2, 1), Cadence::month);
  EXPECT_EQ(feb.end, ymd(2020, 2, 29));
}

TEST(Cadence, years_between_uses_years_of_365_2425_days) {
  EXPECT_DOUBLE_EQ(years_between(ymd(2000, 1, 1), ymd(2400, 1, 1)), 400.0);
  EXPECT_DOUBLE_EQ(years_between(ymd(2016, 1, 1), ymd(2020, 12, 31)), 1826 / 365.2425);
  EXPECT_DOUBLE_EQ(years_between(ymd(2019, 6, 30), ymd(2019, 6, 30)), 0.0);
  EXPECT_DOUBLE_EQ(years_between(ymd(2019, 1, 1), ymd(2018, 1, 1)), -365 / 365.2425);
}

// ---------------------------------------------------------------------------------------------
// Units

TEST(Units, yi_yuan_to_wan_yuan_is_exact) {
  EXPECT_EQ(convert_unit(2628.7, "亿元", "万元"), 26287000.0);
  EXPECT_EQ(convert_unit(1, "亿元", "元"), 1e8);
  EXPECT_EQ(convert_unit(3, "千元", "元"), 3000.0);
}

TEST(Units, wan_yuan_to_yi_yuan) {
  EXPECT_EQ(convert_unit(26287000, "万元", "亿元"), 2628.7);
  EXPECT_DOUBLE_EQ(convert_unit(5000, "元", "万元"), 0.5);
}

TEST(Units, per_mille_to_percent) {
  EXPECT_DOUBLE_EQ(convert_unit(5, "‰", "%"), 0.5);
  EXPECT_DOUBLE_EQ(convert_unit(1.3, "%", "‰"), 13.0);
}

TEST(Units, wan_ren_to_ren) {
  EXPECT_DOUBLE_EQ(convert_unit(1.5, "万人", "人"), 15000.0);
}

TEST(Units, wan_jian_to_jian) {
  EXPECT_DOUBLE_EQ(convert_unit(0.7669, "万件", "件"), 7669.0);
}

TEST(Units, same_or_empty_unit_keeps_the_value) {
  EXPECT_EQ(convert_unit(53, "家", "家"), 53.0);
  EXPECT_EQ(convert_unit(1.05, "%", "%"), 1.05);
  EXPECT_EQ(convert_unit(2628.7, "", "亿元"), 2628.7);
  EXPECT_EQ(convert_unit(135.5, "", "人"), 135.5);
}

TEST(Units, counting_words_do_not_convert) {
  auto message = input_error_of([] { convert_unit(3, "件", "家"); });
  EXPECT_NE(message.find("'件'"), std::string::npos) << message;
  EXPECT_NE(message.find("'家'"), std::string::npos) << message;
  message = input_error_of([] { convert_unit(3, "人", "名"); });
  EXPECT_NE(message.find("'人'"), std::string::npos) << message;
  EXPECT_NE(message.find("'名'"), std::string::npos) << message;
}

TEST(Units, different_families_do_not_convert) {
  auto message = input_error_of([] { convert_unit(3, "亿元", "%"); });
  EXPECT_NE(message.find("'亿元'"), std::string::npos) << message;
  EXPECT_NE(message.find("'%'"), std::string::npos) << message;
  message = input_error_of([] { convert_unit(3, "万人", "件"); });
  EXPECT_NE(message.find("'万人'"), std::string::npos) << message;
  EXPECT_NE(message.find("'件'"), std::string::npos) << message;
}

TEST(Units, parse_number_accepts_plain_decimals) {
  EXPECT_EQ(parse_number("2628.7"), 2628.7);
  EXPECT_EQ(parse_number("-3"), -3.0);
  EXPECT_EQ(parse_number("1e4"), 10000.0);
  EXPECT_EQ(parse_number("0"), 0.0);
  EXPECT_EQ(parse_number("14.2"), 14.2);
}

TEST(Units, parse_number_refuses_other_text) {
  for (const char* bad : {"abc", "1,939", "NaN", "inf", "5000件", " 5", "1e", "."}) {
    SCOPED_TRACE(bad);
    auto message = input_error_of([&] { parse_number(bad); });
    EXPECT_NE(message.find(std::string("'") + bad + "'"), std::string::npos) << message;
  }
  auto message = input_error_of([] { parse_number(""); });
  EXPECT_NE(message.find("''"), std::string::npos) << message;
}

TEST(Units, parse_number_refuses_out_of_range) {
  auto message = input_error_of([] { parse_number("1e309"); });
  EXPECT_NE(message.find("'1e309'"), std::string::npos) << message;
  EXPECT_NE(message.find("out of range"), std::string::npos) << message;
}

TEST(Units, parse_number_names_what_it_parses) {
  auto message = input_error_of([] { parse_number("x", "baseline"); });
  EXPECT_EQ(message.rfind("baseline 'x'", 0), 0u) << message;
}

// ---------------------------------------------------------------------------------------------
// Timestamps

TEST(Timestamp, a_date_is_midnight_utc) {
  auto t = try_parse_timestamp("2019-06-30");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, Timestamp(ymd(2019, 6, 30)));
}

TEST(Timestamp, utc_time_with_z) {
  auto t = try_parse_timestamp("2019-06-30T08:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, Timestamp(ymd(2019, 6, 30)) + std::chrono::hours(8));
}

TEST(Timestamp, offset_is_subtracted_to_get_utc) {
  auto local = try_parse_timestamp("2019-06-30T16:00:00+08:00");
  auto utc = try_parse_timestamp("2019-06-30T08:00:00Z");
  ASSERT_TRUE(local);
  ASSERT_TRUE(utc);
  EXPECT_EQ(*local, *utc);
  auto no_seconds = try_parse_timestamp("2019-06-30T08:00Z");
  ASSERT_TRUE(no_seconds);
  EXPECT_EQ(*no_seconds, *utc);
  auto west = try_parse_timestamp("2019-06-30T03:30-04:30");
  ASSERT_TRUE(west);
  EXPECT_EQ(*west, *utc);
}

TEST(Timestamp, malformed_timestamps_are_refused) {
  EXPECT_FALSE(try_parse_timestamp("2019-06-30T25:00"));
  EXPECT_FALSE(try_parse_timestamp("2019-06-30T08:61"));
  EXPECT_FALSE(try_parse_timestamp("2019-06-31"));
  EXPECT_FALSE(try_parse_timestamp("2019-06-30T08:00:00+8"));
  EXPECT_FALSE(try_parse_timestamp("2019-06-30 08:00"));
  EXPECT_FALSE(try_parse_timestamp(""));
}

TEST(Timestamp, format_timestamp_round_trips) {
  Timestamp t = Timestamp(ymd(2019, 6, 30)) + std::chrono::hours(8) + std::chrono::minutes(5) +
                std::chrono::seconds(9);
  EXPECT_EQ(format_timestamp(t), "2019-06-30T08:05:09Z");
  auto back = try_parse_timestamp(format_timestamp(t));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, t);
}

TEST(Timestamp, civil_date_in_shanghai_is_eight_hours_ahead) {
  Timestamp evening = Timestamp(ymd(2019, 6, 30)) + std::chrono::hours(17);
  EXPECT_EQ(civil_date(evening, "Asia/Shanghai"), ymd(2019, 7, 1));
  Timestamp before_midnight = Timestamp(ymd(2019, 6, 30)) + std::chrono::hours(15) +
                              std::chrono::minutes(59) + std::chrono::seconds(59);
  EXPECT_EQ(civil_date(before_midnight, "Asia/Shanghai"), ymd(2019, 6, 30));
  EXPECT_EQ(civil_date(evening, "UTC"), ymd(2019, 6, 30));
}

// ---------------------------------------------------------------------------------------------
// prepare_entry

Target milestone_target() {
  Target t;
  t.id = "zgc-south-plan";
  t.kind = Kind::milestone;
  t.rule = Rule::done;
  t.deadline = ymd(2018, 12, 31);
  return t;
}

Target money_target() {
  Target t;
  t.id = "tech-contract-turnover";
  t.kind = Kind::flow;
  t.per = Cadence::year;
  t.unit = "万元";
  t.rule = Rule::at_least;
  t.value = 26287000;
  t.deadline = ymd(2014, 12, 31);
  return t;
}

EntryInput input_of(const std::string& value, const std::string& unit = "",
                    const std::string& period = "2018-12-05") {
  EntryInput in;
  in.period = period;
  in.value = value;
  in.unit = unit;
  return in;
}

TEST(PrepareEntry, milestone_accepts_done_1_and_0) {
  TargetRef ref{"fangshan-industry-2018", "zgc-south-plan", std::nullopt};
  EXPECT_EQ(prepare_entry(milestone_target(), ref, input_of("done")).value, 1.0);
  EXPECT_EQ(prepare_entry(milestone_target(), ref, input_of("1")).value, 1.0);
  EXPECT_EQ(prepare_entry(milestone_target(), ref, input_of("0")).value, 0.0);
  EXPECT_EQ(prepare_entry(milestone_target(), ref, input_of("done")).value_text, "done");
}

TEST(PrepareEntry, milestone_refuses_other_values) {
  TargetRef ref{"fangshan-industry-2018", "zgc-south-plan", std::nullopt};
  auto message = input_error_of([&] { prepare_entry(milestone_target(), ref, input_of("yes")); });
  EXPECT_NE(message.find("'yes'"), std::string::npos) << message;
  EXPECT_NE(message.find("fangshan-industry-2018/zgc-south-plan"), std::string::npos) << message;
}

TEST(PrepareEntry, milestone_refuses_a_unit) {
  TargetRef ref{"fangshan-industry-2018", "zgc-south-plan", std::nullopt};
  auto message =
      input_error_of([&] { prepare_entry(milestone_target(), ref, input_of("done", "件")); });
  EXPECT_NE(message.find("'件'"), std::string::npos) << message;
}

TEST(PrepareEntry, converts_the_value_and_keeps_what_was_typed) {
  TargetRef ref{"beijing-st-2014", "tech-contract-turnover", std::nullopt};
  EntryInput in = input_of("2628.7", "亿元", "2014-01..2014-11");
  in.source = "2014年北京市科技工作总结";
  in.note = "1-11月";
  in.recorded_by = "wang";
  in.provisional = true;
  in.entities = {"北京市"};
  Entry e = prepare_entry(money_target(), ref, in);
  EXPECT_EQ(e.plan_id, "beijing-st-2014");
  EXPECT_EQ(e.target_id, "tech-contract-turnover");
  EXPECT_EQ(e.value, 26287000.0);
  EXPECT_EQ(e.value_text, "2628.7");
  EXPECT_EQ(e.unit, "亿元");
  EXPECT_EQ(e.period.text, "2014-01..2014-11");
  EXPECT_EQ(e.period.start, ymd(2014, 1, 1));
  EXPECT_EQ(e.period.end, ymd(2014, 11, 30));
  EXPECT_EQ(e.source, "2014年北京市科技工作总结");
  EXPECT_EQ(e.note, "1-11月");
  EXPECT_EQ(e.recorded_by, "wang");
  EXPECT_TRUE(e.provisional);
  EXPECT_EQ(e.entities, std::vector<std::string>{"北京市"});
}

TEST(PrepareEntry, empty_unit_means_the_targets_unit) {
  TargetRef ref{"beijing-st-2014", "tech-contract-turnover", std::nullopt};
  Entry e = prepare_entry(money_target(), ref, input_of("26287000", "", "2014"));
  EXPECT_EQ(e.value, 26287000.0);
  EXPECT_EQ(e.unit, "");
  EXPECT_EQ(e.value_text, "26287000");
}

TEST(PrepareEntry, refuses_a_unit_that_does_not_convert) {
  TargetRef ref{"beijing-st-2014", "tech-contract-turnover", std::nullopt};
  auto message =
      input_error_of([&] { prepare_entry(money_target(), ref, input_of("9", "%", "2014")); });
  EXPECT_NE(message.find("'%'"), std::string::npos) << message;
  EXPECT_NE(message.find("'万元'"), std::string::npos) << message;
}

TEST(PrepareEntry, refuses_a_bad_value_or_period) {
  TargetRef ref{"beijing-st-2014", "tech-contract-turnover", std::nullopt};
  auto message =
      input_error_of([&] { prepare_entry(money_target(), ref, input_of("1,939", "", "2014")); });
  EXPECT_NE(message.find("'1,939'"), std::string::npos) << message;
  message =
      input_error_of([&] { prepare_entry(money_target(), ref, input_of("1939", "", "2014-13")); });
  EXPECT_NE(message.find("'2014-13'"), std::string::npos) << message;
}

TEST(TargetRef, splits_plan_and_target) {
  TargetRef ref = parse_target_ref("tongzhou-st-2020/patent-applications");
  EXPECT_EQ(ref.plan_id, "tongzhou-st-2020");
  EXPECT_EQ(ref.target_id, "patent-applications");
  for (const char* bad : {"tongzhou-st-2020", "/x", "x/", "a/b/c"}) {
    SCOPED_TRACE(bad);
    auto message = input_error_of([&] { parse_target_ref(bad); });
    EXPECT_NE(message.find(std::string("'") + bad + "'"), std::string::npos) << message;
  }
}

} // namespace
} // namespace plantrack
