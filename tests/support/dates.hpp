#pragma once
// Dates and instants as tests write them: a civil date by its numbers or its text, a UTC
// instant on the hour, and a wall-clock time in Asia/Shanghai.

#include "model/entry.hpp"
#include "model/period.hpp"

#include <chrono>
#include <string_view>

namespace plantrack::support {

inline Date ymd(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year(y) / date::month(m) / date::day(d));
}

// A YYYY-MM-DD literal; throws InputError when it is not one.
inline Date day(std::string_view text) { return parse_date(text); }

// `hour_utc` o'clock UTC on y-m-d (8 o'clock UTC is 16:00 in Asia/Shanghai).
inline Timestamp at(int y, unsigned m, unsigned d, int hour_utc) {
  return Timestamp(ymd(y, m, d)) + std::chrono::hours(hour_utc);
}

// The instant a clock in Asia/Shanghai shows as y-m-d hh:mm:ss (UTC+8; no daylight saving
// since 1991).
inline Timestamp shanghai(int y, unsigned m, unsigned d, int hour = 0, int minute = 0,
                          int second = 0) {
  return Timestamp(ymd(y, m, d)) + std::chrono::hours(hour - 8) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

} // namespace plantrack::support
