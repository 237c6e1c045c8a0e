#pragma once
// Civil dates and reporting periods (SPEC §1 "Entry": 2018-06-30, 2018-06, 2018Q2, 2018, A..B).

#include "model/enum_names.hpp"

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace plantrack {

using Date = date::sys_days;

// Length of a reporting cadence or of a flow target's `per`.
enum class Cadence { month, quarter, year };
constexpr auto enum_names(Cadence) {
  return name_table<Cadence>({{Cadence::month, "month"}, {Cadence::quarter, "quarter"},
                              {Cadence::year, "year"}});
}

struct Period {
  std::string text; // canonical spelling, e.g. "2018Q2"
  Date start;       // first day, inclusive
  Date end;         // last day, inclusive
  // Number of days covered, both ends included.
  int days() const { return static_cast<int>((end - start).count()) + 1; }
};

// Parse YYYY-MM-DD strictly; throws InputError naming `what` and the value.
Date parse_date(std::string_view text, std::string_view what = "date");
// Parse a date if `text` is one; nullopt otherwise (no exception).
std::optional<Date> try_parse_date(std::string_view text);
std::string format_date(Date d);

// Parse an entry period; throws InputError naming the value and the accepted forms.
Period parse_period(std::string_view text);

// `d` moved forward by `n` cadence steps, the day clamped to the month's end.
Date add_cadence(Date d, Cadence c, int n = 1);
// The calendar month, quarter or year that contains `d`.
Period period_containing(Date d, Cadence c);

// Exact days between two dates expressed in years of 365.2425 days (SPEC §2).
double years_between(Date from, Date to);

} // namespace plantrack
