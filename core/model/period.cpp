#include "model/period.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace plantrack {
namespace {

constexpr std::string_view period_forms =
    "write YYYY, YYYYQ1..YYYYQ4, YYYY-MM, YYYY-MM-DD or a range FROM..TO";

// Digits only, exactly `n` of them.
std::optional<int> digits(std::string_view s, size_t n) {
  if (s.size() != n) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  for (char ch : s)
    if (ch < '0' || ch > '9') return std::nullopt;
  return v;
}

[[noreturn]] void bad_period(std::string_view text, std::string_view why) {
  throw InputError(fmt::format("period '{}' {}; {}", excerpt(text), why, period_forms));
}

Date last_day(date::year y, date::month m) {
  return date::sys_days(date::year_month_day_last(y, date::month_day_last(m)));
}

// A single (non-range) period.
Period parse_simple(std::string_view text, std::string_view whole) {
  if (auto y = digits(text, 4)) {
    auto yy = date::year(*y);
    return {std::string(text), date::sys_days(yy / 1 / 1), date::sys_days(yy / 12 / 31)};
  }
  if (text.size() == 6 && (text[4] == 'Q' || text[4] == 'q')) {
    auto y = digits(text.substr(0, 4), 4);
    auto q = digits(text.substr(5, 1), 1);
    if (!y || !q) bad_period(whole, "is not a period");
    if (*q < 1 || *q > 4) bad_period(whole, fmt::format("has quarter {}, not 1..4", *q));
    auto yy = date::year(*y);
    auto first = date::month(static_cast<unsigned>(*q * 3 - 2));
    auto last = date::month(static_cast<unsigned>(*q * 3));
    return {fmt::format("{:04}Q{}", *y, *q), date::sys_days(yy / first / 1), last_day(yy, last)};
  }
  if (text.size() == 7 && text[4] == '-') {
    auto y = digits(text.substr(0, 4), 4);
    auto m = digits(text.substr(5, 2), 2);
    if (!y || !m) bad_period(whole, "is not a period");
    if (*m < 1 || *m > 12) bad_period(whole, fmt::format("has month {:02}, not 01..12", *m));
    auto yy = date::year(*y);
    auto mm = date::month(static_cast<unsigned>(*m));
    return {std::string(text), date::sys_days(yy / mm / 1), last_day(yy, mm)};
  }
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto y = digits(text.substr(0, 4), 4);
    auto m = digits(text.substr(5, 2), 2);
    auto d = digits(text.substr(8, 2), 2);
    if (!y || !m || !d) bad_period(whole, "is not a period");
    if (*m < 1 || *m > 12) bad_period(whole, fmt::format("has month {:02}, not 01..12", *m));
    auto ymd = date::year(*y) / date::month(static_cast<unsigned>(*m)) /
               date::day(static_cast<unsigned>(*d));
    if (!ymd.ok()) bad_period(whole, "is not a calendar date");
    auto day = date::sys_days(ymd);
    return {std::string(text), day, day};
  }
  bad_period(whole, "is not a period");
}

} // namespace

std::optional<Date> try_parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text.substr(0, 4), 4);
  auto m = digits(text.substr(5, 2), 2);
  auto d = digits(text.substr(8, 2), 2);
  if (!y || !m || !d) return std::nullopt;
  auto ymd = date::year(*y) / date::month(static_cast<unsigned>(*m)) /
             date::day(static_cast<unsigned>(*d));
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

Date parse_date(std::string_view text, std::string_view what) {
  if (auto d = try_parse_date(text)) return *d;
  throw InputError(
      fmt::format("{} '{}' is not a calendar date; write YYYY-MM-DD, e.g. 2019-06-30", what, excerpt(text)));
}

std::string format_date(Date d) {
  date::year_month_day ymd(d);
  int year = static_cast<int>(ymd.year());
  auto month = static_cast<unsigned>(ymd.month());
  auto day = static_cast<unsigned>(ymd.day());
  if (year < 0 || year > 9999) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  // Digit by digit: an import formats two dates for every row.
  auto y = static_cast<unsigned>(year);
  char text[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                   static_cast<char>('0' + y / 10 % 10),  static_cast<char>('0' + y % 10),
                   '-',
                   static_cast<char>('0' + month / 10),   static_cast<char>('0' + month % 10),
                   '-',
                   static_cast<char>('0' + day / 10),     static_cast<char>('0' + day % 10)};
  return std::string(text, sizeof text);
}

Period parse_period(std::string_view text) {
  if (text.empty()) throw InputError(fmt::format("period is empty; {}", period_forms));
  auto dots = text.find("..");
  if (dots == std::string_view::npos) return parse_simple(text, text);
  auto from = parse_simple(text.substr(0, dots), text);
  auto to = parse_simple(text.substr(dots + 2), text);
  if (to.end < from.start) bad_period(text, "ends before it starts");
  return {from.text + ".." + to.text, from.start, to.end};
}

Date add_cadence(Date d, Cadence c, int n) {
  date::year_month_day ymd(d);
  int months = n * (c == Cadence::month ? 1 : c == Cadence::quarter ? 3 : 12);
  auto ym = date::year_month(ymd.year(), ymd.month()) + date::months(months);
  auto last = date::year_month_day_last(ym.year(), date::month_day_last(ym.month()));
  auto day = ymd.day() > last.day() ? last.day() : ymd.day();
  return date::sys_days(ym.year() / ym.month() / day);
}

Period period_containing(Date d, Cadence c) {
  date::year_month_day ymd(d);
  auto y = ymd.year();
  int yi = static_cast<int>(y);
  unsigned m = static_cast<unsigned>(ymd.month());
  switch (c) {
  case Cadence::month:
    return {fmt::format("{:04}-{:02}", yi, m), date::sys_days(y / ymd.month() / 1),
            last_day(y, ymd.month())};
  case Cadence::quarter: {
    unsigned q = (m - 1) / 3 + 1;
    return {fmt::format("{:04}Q{}", yi, q), date::sys_days(y / date::month(q * 3 - 2) / 1),
            last_day(y, date::month(q * 3))};
  }
  case Cadence::year: break;
  }
  return {fmt::format("{:04}", yi), date::sys_days(y / 1 / 1), date::sys_days(y / 12 / 31)};
}

double years_between(Date from, Date to) {
  return static_cast<double>((to - from).count()) / 365.2425;
}

} // namespace plantrack
