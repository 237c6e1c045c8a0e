#include "model/units.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <charconv>
#include <optional>

namespace plantrack {
namespace {

struct Scale {
  std::string_view family;
  std::string_view unit;
  double factor; // size of the unit in the family's base unit
};

// The convertible families of SPEC §1; counting words (件, 家, 个, 项, 人, 名) never mix.
constexpr std::array<Scale, 10> scales{{
    {"money", "元", 1},
    {"money", "千元", 1e3},
    {"money", "万元", 1e4},
    {"money", "亿元", 1e8},
    {"ratio", "%", 1e-2},
    {"ratio", "‰", 1e-3},
    {"people", "人", 1},
    {"people", "万人", 1e4},
    {"pieces", "件", 1},
    {"pieces", "万件", 1e4},
}};

std::optional<Scale> scale_of(std::string_view unit) {
  for (const auto& s : scales)
    if (s.unit == unit) return s;
  return std::nullopt;
}

} // namespace

bool is_plain_decimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

double parse_number(std::string_view text, std::string_view what) {
  if (!is_plain_decimal(text))
    throw InputError(fmt::format(
        "{} '{}' is not a number; write digits with an optional decimal point, e.g. 2628.7", what,
        excerpt(text)));
  double v = 0;
  auto begin = text.data() + (text.front() == '+' ? 1 : 0);
  auto [p, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v))
    throw InputError(
        fmt::format("{} '{}' is out of range; write a finite number, e.g. 2628.7", what,
                    excerpt(text)));
  return v == 0 ? 0.0 : v; // -0 is stored as 0
}

double convert_unit(double value, std::string_view from, std::string_view to) {
  if (from.empty() || from == to) return value;
  // Per-capita and per-unit units (人/万人, 元/人) convert only in their numerator, over the
  // same denominator; never to or from a plain amount (SPEC §1 "Units").
  auto slash_from = from.find('/');
  auto slash_to = to.find('/');
  if (slash_from != std::string_view::npos || slash_to != std::string_view::npos) {
    bool same_denominator = slash_from != std::string_view::npos && slash_from > 0 &&
                            slash_to != std::string_view::npos &&
                            from.substr(slash_from) == to.substr(slash_to);
    if (!same_denominator)
      throw InputError(fmt::format(
          "unit '{}' does not convert to the target's unit '{}': a per-capita unit converts only "
          "in its numerator (万元/人 to 元/人), never to or from a plain amount; log the value "
          "in '{}'",
          excerpt(from), to, to));
    try {
      return convert_unit(value, from.substr(0, slash_from), to.substr(0, slash_to));
    } catch (const InputError&) {
      throw InputError(fmt::format("unit '{}' does not convert to the target's unit '{}'; log "
                                   "the value in '{}' or a unit convertible to it",
                                   excerpt(from), to, to));
    }
  }
  auto f = scale_of(from);
  auto t = scale_of(to);
  if (!f || !t || f->family != t->family)
    throw InputError(fmt::format("unit '{}' does not convert to the target's unit '{}'; log the "
                                 "value in '{}' or a unit convertible to it",
                                 excerpt(from), to, to));
  // Multiply or divide by a whole ratio so that 2628.7 亿元 -> 万元 -> 亿元 round-trips exactly.
  return f->factor >= t->factor ? value * (f->factor / t->factor) : value / (t->factor / f->factor);
}

std::string format_number(double value) {
  return fmt::format("{}", value);
}

} // namespace plantrack
