#pragma once
// Instants and time zones: UTC is stored, Asia/Shanghai is shown and "today" (SPEC §1, §2).

#include "model/period.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plantrack {

using Timestamp = date::sys_seconds;

// The zone dates are shown in, "today" is taken in and reports fall due in.
inline const std::string display_zone = "Asia/Shanghai";

// Timestamps are stored in UTC as 2019-06-30T08:00:00Z.
std::string format_timestamp(Timestamp t);
// The civil date at instant `t` in the IANA time zone `zone` (e.g. "Asia/Shanghai").
Date civil_date(Timestamp t, const std::string& zone);
// `t` shown in `zone` as 2019-06-30 16:00 (+0800).
std::string format_local(Timestamp t, const std::string& zone);
// The first instant of civil day `d` in `zone` (local midnight).
Timestamp start_of_day(Date d, const std::string& zone);
// A moment typed by a user: with Z or an offset it is exact; without, it is local time in
// `zone`; a bare date YYYY-MM-DD means the end of that day in `zone` (23:59:59), so that
// `--known-at 2019-06-30` sees everything recorded that day. nullopt when it does not parse.
std::optional<Timestamp> parse_instant(std::string_view text, const std::string& zone);
// Accepts YYYY-MM-DD (midnight UTC), YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]; nullopt otherwise.
std::optional<Timestamp> try_parse_timestamp(std::string_view text);

} // namespace plantrack
