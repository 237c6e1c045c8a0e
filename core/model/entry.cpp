#include "model/entry.hpp"

#include "errors.hpp"
#include "model/text.hpp"
#include "model/units.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace plantrack {

std::vector<Entry> effective_entries(const std::vector<Entry>& entries, Timestamp known_at) {
  std::map<std::int64_t, const Entry*> by_id;
  std::map<std::int64_t, const Entry*> replaced_by; // entry id -> its correction or retraction
  for (const auto& e : entries) {
    if (e.recorded_at > known_at) continue;
    by_id[e.id] = &e;
    if (e.corrects) replaced_by[*e.corrects] = &e;
  }
  std::vector<Entry> out;
  for (const auto& [id, e] : by_id) {
    if (e->corrects) continue; // a later version: reached from the entry it replaces
    const Entry* latest = e;
    for (auto it = replaced_by.find(latest->id); it != replaced_by.end();
         it = replaced_by.find(latest->id))
      latest = it->second;
    if (latest->action != Action::retract) out.push_back(*latest);
  }
  return out;
}

std::vector<Entry> effective_entries(std::vector<Entry>&& entries, Timestamp known_at) {
  if (std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.corrects; }))
    return effective_entries(static_cast<const std::vector<Entry>&>(entries), known_at);
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.recorded_at > known_at; }),
                entries.end());
  auto by_id = [](const Entry& a, const Entry& b) { return a.id < b.id; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_id))
    std::sort(entries.begin(), entries.end(), by_id);
  return std::move(entries);
}

std::vector<Entry> versions_of(const std::vector<Entry>& entries, std::int64_t id) {
  std::map<std::int64_t, const Entry*> by_id, replaced_by;
  for (const auto& e : entries) {
    by_id[e.id] = &e;
    if (e.corrects) replaced_by[*e.corrects] = &e;
  }
  std::vector<Entry> chain;
  // Walk back to the first version, then forward to the latest.
  const Entry* first = by_id.count(id) ? by_id[id] : nullptr;
  while (first && first->corrects && by_id.count(*first->corrects)) first = by_id[*first->corrects];
  for (const Entry* e = first; e;) {
    chain.push_back(*e);
    auto it = replaced_by.find(e->id);
    e = it == replaced_by.end() ? nullptr : it->second;
  }
  return chain;
}

TargetRef parse_target_ref(std::string_view ref) {
  require_utf8(ref, "target");
  auto slash = ref.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == ref.size() ||
      ref.find('/', slash + 1) != std::string_view::npos)
    throw InputError(fmt::format(
        "target '{}' is not PLAN/TARGET; write e.g. tongzhou-st-2020/patent-applications "
        "(see `plantrack plan show PLAN`)",
        excerpt(ref)));
  return {std::string(ref.substr(0, slash)), std::string(ref.substr(slash + 1))};
}

Entry prepare_entry(const Target& target, const TargetRef& ref, const EntryInput& input) {
  // Only UTF-8 is stored: every listing, report and JSON document must be able to show it.
  for (const auto& [text, what] : {std::pair{&input.period, "period"}, {&input.value, "value"},
                                   {&input.unit, "unit"}, {&input.source, "source"},
                                   {&input.note, "note"}, {&input.recorded_by, "recorded_by"}})
    require_utf8(*text, what);
  for (const auto& name : input.entities) require_utf8(name, "entity");
  Entry e;
  e.plan_id = ref.plan_id;
  e.target_id = ref.target_id;
  e.period = parse_period(input.period);
  e.value_text = input.value;
  e.unit = input.unit;
  if (target.kind == Kind::milestone) {
    if (input.value == "done" || input.value == "1")
      e.value = 1;
    else if (input.value == "0")
      e.value = 0;
    else
      throw InputError(fmt::format("value '{}' does not fit milestone {}/{}; write done (or 1) "
                                   "when it is done, 0 when it is not yet",
                                   excerpt(input.value), ref.plan_id, ref.target_id));
    if (!input.unit.empty())
      throw InputError(fmt::format("unit '{}' given for milestone {}/{}, which has no unit; "
                                   "leave the unit out",
                                   excerpt(input.unit), ref.plan_id, ref.target_id));
  } else {
    double typed = parse_number(input.value);
    e.value = convert_unit(typed, input.unit, target.unit);
    if (!std::isfinite(e.value))
      throw InputError(fmt::format("value '{}' {} is out of range in the target's unit '{}'; "
                                   "write a smaller number",
                                   excerpt(input.value), input.unit, target.unit));
  }
  e.recorded_by = input.recorded_by;
  e.source = input.source;
  e.note = input.note;
  e.provisional = input.provisional;
  e.entities = input.entities;
  for (const auto& name : e.entities)
    if (name.empty())
      throw InputError("an entity name is empty; name each counted entity, separated by ';'");
  return e;
}

std::string format_timestamp(Timestamp t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", t);
}

Date civil_date(Timestamp t, const std::string& zone) {
  auto local = date::make_zoned(zone, t).get_local_time();
  return Date(date::floor<date::days>(local).time_since_epoch());
}

std::string format_local(Timestamp t, const std::string& zone) {
  return date::format("%Y-%m-%d %H:%M (%z)", date::make_zoned(zone, t));
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

} // namespace plantrack

namespace plantrack {

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
