#include "model/time.hpp"

#include <date/tz.h>

#include <charconv>

namespace plantrack {

std::string format_timestamp(Timestamp t) {
  auto day = date::floor<date::days>(t);
  date::hh_mm_ss<std::chrono::seconds> time(t - day);
  auto text = format_date(day);
  if (text.size() != 10) return date::format("%Y-%m-%dT%H:%M:%SZ", t); // outside 0000..9999
  // What date::format("%Y-%m-%dT%H:%M:%SZ") writes, without a stream: every entry's chain
  // hash covers one.
  auto two = [&](long v) {
    text += static_cast<char>('0' + v / 10);
    text += static_cast<char>('0' + v % 10);
  };
  text += 'T';
  two(time.hours().count());
  text += ':';
  two(time.minutes().count());
  text += ':';
  two(time.seconds().count());
  text += 'Z';
  return text;
}

Date civil_date(Timestamp t, const std::string& zone) {
  auto local = date::make_zoned(zone, t).get_local_time();
  return Date(date::floor<date::days>(local).time_since_epoch());
}

std::string format_local(Timestamp t, const std::string& zone) {
  return date::format("%Y-%m-%d %H:%M (%z)", date::make_zoned(zone, t));
}

Timestamp start_of_day(Date d, const std::string& zone) {
  auto midnight = date::local_days(d.time_since_epoch());
  return date::floor<std::chrono::seconds>(
      date::make_zoned(zone, midnight, date::choose::earliest).get_sys_time());
}

std::optional<Timestamp> try_parse_timestamp(std::string_view text) {
  if (auto d = try_parse_date(text)) return Timestamp(*d);
  if (text.size() < 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto day = try_parse_date(text.substr(0, 10));
  if (!day) return std::nullopt;
  auto num = [&](size_t pos, int max) -> std::optional<int> {
    if (pos + 2 > text.size()) return std::nullopt;
    int v = 0;
    auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + 2, v);
    if (ec != std::errc() || p != text.data() + pos + 2 || v > max) return std::nullopt;
    return v;
  };
  auto h = num(11, 23), m = num(14, 59);
  if (!h || !m) return std::nullopt;
  size_t pos = 16;
  int s = 0;
  if (pos < text.size() && text[pos] == ':') {
    auto sec = num(pos + 1, 60);
    if (!sec) return std::nullopt;
    s = *sec;
    pos += 3;
  }
  std::chrono::seconds offset{0};
  if (pos < text.size()) {
    if (text[pos] == 'Z' && pos + 1 == text.size()) {
      // UTC
    } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
               text[pos + 3] == ':') {
      auto oh = num(pos + 1, 23), om = num(pos + 4, 59);
      if (!oh || !om) return std::nullopt;
      offset = std::chrono::hours(*oh) + std::chrono::minutes(*om);
      if (text[pos] == '-') offset = -offset;
    } else {
      return std::nullopt;
    }
  }
  return Timestamp(*day) + std::chrono::hours(*h) + std::chrono::minutes(*m) +
         std::chrono::seconds(s) - offset;
}

std::optional<Timestamp> parse_instant(std::string_view text, const std::string& zone) {
  auto as_utc = try_parse_timestamp(text);
  if (!as_utc) return std::nullopt;
  bool has_zone = text.size() > 16 && (text.back() == 'Z' || text[text.size() - 6] == '+' ||
                                       text[text.size() - 6] == '-');
  if (has_zone) return as_utc;
  // The digits were read as UTC; read them again as the wall clock in `zone`.
  auto local = date::local_seconds(as_utc->time_since_epoch());
  if (text.size() == 10) local += std::chrono::hours(24) - std::chrono::seconds(1);
  return date::make_zoned(zone, local, date::choose::earliest).get_sys_time();
}

} // namespace plantrack
