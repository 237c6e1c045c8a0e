// Dates and timestamps are written digit by digit (an import writes three for every row); the
// text must stay what date::format writes, which every stored chain hash covers.

#include "model/period.hpp"
#include "model/time.hpp"

#include <date/date.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace plantrack {
namespace {

RC_GTEST_PROP(TimeFormat, a_timestamp_is_written_as_date_format_writes_it, ()) {
  // From 1000-01-01 to 9999-12-31, to the second.
  auto seconds = *rc::gen::inRange<std::int64_t>(-30610224000LL, 253402300800LL);
  Timestamp t{std::chrono::seconds(seconds)};
  RC_ASSERT(format_timestamp(t) == date::format("%Y-%m-%dT%H:%M:%SZ", t));
  Date d = date::floor<date::days>(t);
  RC_ASSERT(format_date(d) == date::format("%F", d));
}

TEST(TimeFormat, the_edges_of_a_day_and_of_four_digit_years) {
  EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(Timestamp{std::chrono::seconds(-1)}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_date(Date{date::year(9999) / 12 / 31}), "9999-12-31");
  EXPECT_EQ(format_date(Date{date::year(0) / 1 / 1}), "0000-01-01");
  EXPECT_EQ(format_date(Date{date::year(10000) / 1 / 1}), "10000-01-01");
}

} // namespace
} // namespace plantrack
