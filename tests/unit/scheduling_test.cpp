// Unit tests of scheduled reports (README "Reports and schedules"): which reports are due
// (engine::due_reports: one per period of the cadence from the period the schedule was created
// in, each due at the local midnight after its period, Asia/Shanghai) and the file each is
// written to (engine::report_path).

#include "engine/scheduling.hpp"
#include "support/dates.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace plantrack::engine {
namespace {

using support::shanghai;
using support::ymd;
using testing::ElementsAre;
using testing::IsEmpty;

storage::Schedule schedule(Cadence every, Timestamp created_at) {
  storage::Schedule s;
  s.name = "tz";
  s.plan_id = "tongzhou-st-2020";
  s.every = every;
  s.format = "html";
  s.out_dir = "/srv/reports";
  s.created_at = created_at;
  s.created_by = "区科委";
  return s;
}

// "2019-04 as of 2019-04-30, known at 2019-04-30T16:00:00Z" for each report, oldest first.
std::vector<std::string> due(Cadence every, Timestamp created_at, Timestamp now) {
  std::vector<std::string> out;
  for (const auto& r : due_reports(schedule(every, created_at), now))
    out.push_back(r.period.text + " as of " + format_date(r.as_of) + ", known at " +
                  format_timestamp(r.known_at));
  return out;
}

// ---------------------------------------------------------------------------------------------
// A schedule created part way through a period reports that whole period first.

TEST(Scheduling, monthly_schedule_created_mid_month_reports_that_month_first) {
  auto reports = due_reports(schedule(Cadence::month, shanghai(2019, 4, 10, 10)),
                             shanghai(2019, 5, 1));
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].period.text, "2019-04");
  EXPECT_EQ(reports[0].period.start, ymd(2019, 4, 1)); // the whole month, not from the 10th
  EXPECT_EQ(reports[0].period.end, ymd(2019, 4, 30));
  EXPECT_EQ(reports[0].as_of, ymd(2019, 4, 30));
  EXPECT_EQ(reports[0].known_at, shanghai(2019, 5, 1));
  EXPECT_EQ(format_timestamp(reports[0].known_at), "2019-04-30T16:00:00Z");
}

TEST(Scheduling, quarterly_schedule_created_mid_quarter_reports_that_quarter_first) {
  EXPECT_THAT(due(Cadence::quarter, shanghai(2019, 5, 15, 9), shanghai(2019, 7, 1)),
              ElementsAre("2019Q2 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
}

TEST(Scheduling, yearly_schedule_created_mid_year_reports_that_year_first) {
  EXPECT_THAT(due(Cadence::year, shanghai(2018, 7, 1, 12), shanghai(2019, 1, 1)),
              ElementsAre("2018 as of 2018-12-31, known at 2018-12-31T16:00:00Z"));
}

TEST(Scheduling, nothing_is_due_while_the_first_period_runs) {
  Timestamp created = shanghai(2019, 4, 10, 10);
  EXPECT_THAT(due(Cadence::month, created, created), IsEmpty());
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 4, 30, 23, 59, 59)), IsEmpty());
  EXPECT_THAT(due(Cadence::quarter, created, shanghai(2019, 6, 30, 12)), IsEmpty());
  EXPECT_THAT(due(Cadence::year, created, shanghai(2019, 12, 31, 12)), IsEmpty());
  // A clock behind the creation time (a restored backup) owes nothing either.
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 1, 1)), IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// Catching up after downtime: every missed period, once, oldest first.

TEST(Scheduling, monthly_schedule_catches_up_every_missed_month) {
  // Added on 2019-01-05, first run a week into July: January to June are all due.
  EXPECT_THAT(due(Cadence::month, shanghai(2019, 1, 5, 9), shanghai(2019, 7, 8, 9)),
              ElementsAre("2019-01 as of 2019-01-31, known at 2019-01-31T16:00:00Z",
                          "2019-02 as of 2019-02-28, known at 2019-02-28T16:00:00Z",
                          "2019-03 as of 2019-03-31, known at 2019-03-31T16:00:00Z",
                          "2019-04 as of 2019-04-30, known at 2019-04-30T16:00:00Z",
                          "2019-05 as of 2019-05-31, known at 2019-05-31T16:00:00Z",
                          "2019-06 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
}

TEST(Scheduling, quarterly_schedule_catches_up_every_missed_quarter) {
  EXPECT_THAT(due(Cadence::quarter, shanghai(2019, 5, 15, 9), shanghai(2020, 1, 15)),
              ElementsAre("2019Q2 as of 2019-06-30, known at 2019-06-30T16:00:00Z",
                          "2019Q3 as of 2019-09-30, known at 2019-09-30T16:00:00Z",
                          "2019Q4 as of 2019-12-31, known at 2019-12-31T16:00:00Z"));
}

TEST(Scheduling, yearly_schedule_catches_up_every_missed_year) {
  EXPECT_THAT(due(Cadence::year, shanghai(2016, 3, 1), shanghai(2019, 6, 30)),
              ElementsAre("2016 as of 2016-12-31, known at 2016-12-31T16:00:00Z",
                          "2017 as of 2017-12-31, known at 2017-12-31T16:00:00Z",
                          "2018 as of 2018-12-31, known at 2018-12-31T16:00:00Z"));
}

TEST(Scheduling, three_years_of_downtime_owe_thirty_six_consecutive_months) {
  auto reports = due_reports(schedule(Cadence::month, shanghai(2016, 1, 1, 9)),
                             shanghai(2019, 1, 1));
  ASSERT_EQ(reports.size(), 36u);
  EXPECT_EQ(reports.front().period.text, "2016-01");
  EXPECT_EQ(reports.back().period.text, "2018-12");
  for (size_t i = 1; i < reports.size(); ++i) {
    EXPECT_EQ(reports[i].period.start, reports[i - 1].period.end + date::days(1)) << i;
    EXPECT_GT(reports[i].known_at, reports[i - 1].known_at) << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Due exactly at local midnight after the period end (Asia/Shanghai), not one second before.

TEST(Scheduling, month_is_due_exactly_at_local_midnight_after_its_last_day) {
  Timestamp created = shanghai(2019, 6, 10, 15);
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 6, 30, 23, 59, 59)), IsEmpty());
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 7, 1, 0, 0, 0)),
              ElementsAre("2019-06 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
}

TEST(Scheduling, quarter_is_due_exactly_at_local_midnight_after_its_last_day) {
  Timestamp created = shanghai(2019, 4, 1, 9);
  EXPECT_THAT(due(Cadence::quarter, created, shanghai(2019, 6, 30, 23, 59, 59)), IsEmpty());
  EXPECT_THAT(due(Cadence::quarter, created, shanghai(2019, 7, 1)),
              ElementsAre("2019Q2 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
}

TEST(Scheduling, year_is_due_exactly_at_local_midnight_after_its_last_day) {
  Timestamp created = shanghai(2019, 1, 1, 9);
  EXPECT_THAT(due(Cadence::year, created, shanghai(2019, 12, 31, 23, 59, 59)), IsEmpty());
  EXPECT_THAT(due(Cadence::year, created, shanghai(2020, 1, 1)),
              ElementsAre("2019 as of 2019-12-31, known at 2019-12-31T16:00:00Z"));
}

TEST(Scheduling, the_local_midnight_is_still_the_previous_day_in_utc) {
  // 2019-07-01 00:00 in Shanghai is 2019-06-30 16:00 UTC: June is due although UTC is still in
  // June, and it is not due at 15:59:59 UTC, eight hours before UTC midnight.
  Timestamp created = shanghai(2019, 6, 10, 15);
  EXPECT_THAT(due(Cadence::month, created, support::at(2019, 6, 30, 16)),
              ElementsAre("2019-06 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
  EXPECT_THAT(due(Cadence::month, created, support::at(2019, 6, 30, 16) - std::chrono::seconds(1)),
              IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// A schedule created on the last day of a period, or at the midnight that ends it.

TEST(Scheduling, schedule_created_in_the_last_second_of_a_month_reports_that_month) {
  Timestamp created = shanghai(2019, 6, 30, 23, 59, 59);
  EXPECT_THAT(due(Cadence::month, created, created), IsEmpty());
  // One second later June has ended and its report is due.
  EXPECT_THAT(due(Cadence::month, created, created + std::chrono::seconds(1)),
              ElementsAre("2019-06 as of 2019-06-30, known at 2019-06-30T16:00:00Z"));
}

TEST(Scheduling, schedule_created_on_the_last_day_of_a_quarter_or_year_reports_it) {
  Timestamp created = shanghai(2019, 12, 31, 20);
  EXPECT_THAT(due(Cadence::quarter, created, shanghai(2020, 1, 1)),
              ElementsAre("2019Q4 as of 2019-12-31, known at 2019-12-31T16:00:00Z"));
  EXPECT_THAT(due(Cadence::year, created, shanghai(2020, 1, 1)),
              ElementsAre("2019 as of 2019-12-31, known at 2019-12-31T16:00:00Z"));
}

TEST(Scheduling, schedule_created_at_local_midnight_starts_with_the_new_month) {
  // 2019-07-01 00:00 in Shanghai, still 2019-06-30 in UTC: the first period is July, not June.
  Timestamp created = shanghai(2019, 7, 1);
  EXPECT_EQ(format_timestamp(created), "2019-06-30T16:00:00Z");
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 7, 31, 23, 59, 59)), IsEmpty());
  EXPECT_THAT(due(Cadence::month, created, shanghai(2019, 8, 1)),
              ElementsAre("2019-07 as of 2019-07-31, known at 2019-07-31T16:00:00Z"));
}

TEST(Scheduling, schedule_created_late_on_the_last_day_in_utc_is_already_in_the_next_month) {
  // 2019-06-30 20:00 UTC is 2019-07-01 04:00 in Shanghai: the schedule starts with July.
  EXPECT_THAT(due(Cadence::month, support::at(2019, 6, 30, 20), shanghai(2019, 8, 1)),
              ElementsAre("2019-07 as of 2019-07-31, known at 2019-07-31T16:00:00Z"));
}

// ---------------------------------------------------------------------------------------------
// Year boundaries and short months.

TEST(Scheduling, monthly_reports_cross_the_year_boundary) {
  EXPECT_THAT(due(Cadence::month, shanghai(2019, 11, 20), shanghai(2020, 2, 1)),
              ElementsAre("2019-11 as of 2019-11-30, known at 2019-11-30T16:00:00Z",
                          "2019-12 as of 2019-12-31, known at 2019-12-31T16:00:00Z",
                          "2020-01 as of 2020-01-31, known at 2020-01-31T16:00:00Z"));
}

TEST(Scheduling, quarterly_reports_cross_the_year_boundary) {
  EXPECT_THAT(due(Cadence::quarter, shanghai(2019, 11, 1), shanghai(2020, 4, 1)),
              ElementsAre("2019Q4 as of 2019-12-31, known at 2019-12-31T16:00:00Z",
                          "2020Q1 as of 2020-03-31, known at 2020-03-31T16:00:00Z"));
}

TEST(Scheduling, december_is_due_on_new_years_day_in_shanghai_not_in_utc) {
  // 2020-01-01 00:00 in Shanghai is 2019-12-31 16:00 UTC.
  Timestamp created = shanghai(2019, 12, 2);
  EXPECT_THAT(due(Cadence::month, created, support::at(2019, 12, 31, 15) + std::chrono::minutes(59) +
                                               std::chrono::seconds(59)),
              IsEmpty());
  EXPECT_THAT(due(Cadence::month, created, support::at(2019, 12, 31, 16)),
              ElementsAre("2019-12 as of 2019-12-31, known at 2019-12-31T16:00:00Z"));
}

TEST(Scheduling, february_of_a_leap_year_ends_on_the_29th) {
  EXPECT_THAT(due(Cadence::month, shanghai(2020, 2, 10), shanghai(2020, 3, 1)),
              ElementsAre("2020-02 as of 2020-02-29, known at 2020-02-29T16:00:00Z"));
  EXPECT_THAT(due(Cadence::month, shanghai(2020, 2, 10), shanghai(2020, 2, 29, 23, 59, 59)),
              IsEmpty());
}

// ---------------------------------------------------------------------------------------------
// The law behind the examples, for any creation time, cadence and clock.

RC_GTEST_PROP(Scheduling, due_reports_are_the_consecutive_periods_ended_by_now, ()) {
  // Creation times 2015..2024, clocks up to four years later, whole seconds.
  const Timestamp base = shanghai(2015, 1, 1);
  auto created = base + std::chrono::seconds(*rc::gen::inRange<long>(0, 10L * 366 * 86400));
  auto now = created + std::chrono::seconds(*rc::gen::inRange<long>(-86400, 4L * 366 * 86400));
  Cadence every = *rc::gen::element(Cadence::month, Cadence::quarter, Cadence::year);
  // Local midnight after day `d`: eight hours before UTC midnight.
  auto midnight_after = [](Date d) { return Timestamp(d + date::days(1)) - std::chrono::hours(8); };

  auto reports = due_reports(schedule(every, created), now);
  Period next = period_containing(civil_date(created, "Asia/Shanghai"), every);
  for (const auto& r : reports) {
    RC_ASSERT(r.period.text == next.text);
    RC_ASSERT(r.period.start == next.start);
    RC_ASSERT(r.as_of == r.period.end);
    RC_ASSERT(r.known_at == midnight_after(r.period.end));
    RC_ASSERT(r.known_at <= now);
    next = period_containing(r.period.end + date::days(1), every);
  }
  // The first period not reported has not ended yet.
  RC_ASSERT(midnight_after(next.end) > now);
}

// ---------------------------------------------------------------------------------------------
// report_path: OUT_DIR/PLAN-PERIOD.FORMAT

TEST(Scheduling, report_path_is_the_out_dir_plan_period_and_format) {
  auto s = schedule(Cadence::month, shanghai(2019, 4, 10));
  EXPECT_EQ(report_path(s, parse_period("2019-06")), "/srv/reports/tongzhou-st-2020-2019-06.html");
  s.format = "json";
  EXPECT_EQ(report_path(s, parse_period("2019Q2")), "/srv/reports/tongzhou-st-2020-2019Q2.json");
  s.format = "md";
  EXPECT_EQ(report_path(s, parse_period("2019")), "/srv/reports/tongzhou-st-2020-2019.md");
}

TEST(Scheduling, report_path_with_a_trailing_slash_or_a_relative_out_dir) {
  auto s = schedule(Cadence::year, shanghai(2019, 4, 10));
  s.out_dir = "/srv/reports/";
  EXPECT_EQ(report_path(s, parse_period("2019")), "/srv/reports/tongzhou-st-2020-2019.html");
  s.out_dir = "reports/朝阳";
  EXPECT_EQ(report_path(s, parse_period("2019")), "reports/朝阳/tongzhou-st-2020-2019.html");
}

TEST(Scheduling, each_due_report_of_a_schedule_gets_its_own_file) {
  auto s = schedule(Cadence::quarter, shanghai(2019, 5, 15));
  std::vector<std::string> paths;
  for (const auto& r : due_reports(s, shanghai(2020, 1, 15))) paths.push_back(report_path(s, r.period));
  EXPECT_THAT(paths, ElementsAre("/srv/reports/tongzhou-st-2020-2019Q2.html",
                                 "/srv/reports/tongzhou-st-2020-2019Q3.html",
                                 "/srv/reports/tongzhou-st-2020-2019Q4.html"));
}

} // namespace
} // namespace plantrack::engine
