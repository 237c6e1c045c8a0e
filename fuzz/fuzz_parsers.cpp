// libFuzzer target: the parsers of what officials type. The first byte picks the parser ('0'
// period, '1' number, '2' unit conversion "VALUE|FROM|TO", '3' instant, '4' timestamp,
// '5' date, '6' target reference, '7' all of them); the rest is the text. Refusing text with
// InputError is the contract; any other exception, a crash, a sanitizer report, or a broken law
// below is a bug.

#include "errors.hpp"
#include "model/entry.hpp"
#include "model/period.hpp"
#include "model/units.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace plantrack;

// Run `parse`, treating InputError as a refusal.
template <typename F>
void refusable(F&& parse) {
  try {
    parse();
  } catch (const InputError&) {
  }
}

void period(std::string_view text) {
  refusable([&] {
    Period p = parse_period(text);
    if (p.end < p.start) __builtin_trap();
    // The canonical spelling reads back as the same period.
    Period again = parse_period(p.text);
    if (again.text != p.text || again.start != p.start || again.end != p.end) __builtin_trap();
  });
}

void number(std::string_view text) {
  refusable([&] {
    double v = parse_number(text);
    if (!std::isfinite(v)) __builtin_trap();
    // The shortest spelling reads back as the same double (hashes and CSV rely on it).
    if (parse_number(format_number(v)) != v) __builtin_trap();
  });
}

void conversion(std::string_view text) {
  auto first = text.find('|');
  auto second = first == std::string_view::npos ? first : text.find('|', first + 1);
  if (second == std::string_view::npos) return;
  refusable([&] {
    double v = parse_number(text.substr(0, first));
    convert_unit(v, text.substr(first + 1, second - first - 1), text.substr(second + 1));
  });
}

void instant(std::string_view text) { parse_instant(text, "Asia/Shanghai"); }

void timestamp(std::string_view text) {
  if (auto t = try_parse_timestamp(text)) format_timestamp(*t);
}

void civil_date(std::string_view text) {
  if (auto d = try_parse_date(text))
    if (format_date(*d) != text) __builtin_trap(); // dates are written one way only
  refusable([&] { parse_date(text); });
}

void target_ref(std::string_view text) { refusable([&] { parse_target_ref(text); }); }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] & 7) {
  case 0: period(text); break;
  case 1: number(text); break;
  case 2: conversion(text); break;
  case 3: instant(text); break;
  case 4: timestamp(text); break;
  case 5: civil_date(text); break;
  case 6: target_ref(text); break;
  default:
    period(text);
    number(text);
    conversion(text);
    instant(text);
    timestamp(text);
    civil_date(text);
    target_ref(text);
  }
  return 0;
}
