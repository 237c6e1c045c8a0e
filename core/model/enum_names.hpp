#pragma once
// The one way an enum value becomes the name it has in plan files, JSON, CSV, the database and
// the command line, and back. Beside each enum, one table lists every value once, in
// declaration order, with its name; argument-dependent lookup finds it:
//
//   enum class Cadence { month, quarter, year };
//   constexpr auto enum_names(Cadence) {
//     return name_table<Cadence>({{Cadence::month, "month"}, {Cadence::quarter, "quarter"},
//                                 {Cadence::year, "year"}});
//   }
//
// to_string(e), from_string<E>(text), parse_enum<E>(text), enum_values<E>() and
// joined_names<E>() read only that table. Labels for people (Chinese, English) are elsewhere:
// report/labels.hpp.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace plantrack {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

// An enum's table from a braced list of {value, "name"}; its length is the list's.
template <typename E, std::size_t N>
constexpr std::array<EnumName<E>, N> name_table(const EnumName<E> (&names)[N]) {
  std::array<EnumName<E>, N> table{};
  for (std::size_t i = 0; i < N; ++i) table[i] = names[i];
  return table;
}

namespace detail {

template <typename E, typename = void>
struct has_enum_names : std::false_type {};
template <typename E>
struct has_enum_names<E, std::void_t<decltype(enum_names(E{}))>> : std::true_type {};

// Every value once, in declaration order from 0 (so a value indexes its row), names distinct.
template <typename E, std::size_t N>
constexpr bool well_formed(const std::array<EnumName<E>, N>& table) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i || table[i].name.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (table[j].name == table[i].name) return false;
  }
  return true;
}

[[noreturn]] void throw_not_one_of(std::string_view text, const std::string& names);

} // namespace detail

template <typename E>
constexpr auto checked_enum_names() {
  constexpr auto table = enum_names(E{});
  static_assert(detail::well_formed(table),
                "an enum's name table lists every value once, in declaration order, each with "
                "its own name");
  return table;
}

// The table of enum E, checked when it compiles.
template <typename E>
inline constexpr auto enum_table = checked_enum_names<E>();

template <typename E>
using if_named = std::enable_if_t<detail::has_enum_names<E>::value, int>;

// The name of `value`; empty for a value outside the enum's table.
template <typename E, if_named<E> = 0>
constexpr std::string_view to_string(E value) {
  auto i = static_cast<std::size_t>(value);
  return i < enum_table<E>.size() ? enum_table<E>[i].name : std::string_view();
}

// The value named `name`, if one is.
template <typename E, if_named<E> = 0>
constexpr std::optional<E> from_string(std::string_view name) {
  for (const auto& row : enum_table<E>)
    if (row.name == name) return row.value;
  return std::nullopt;
}

// Every value of E, in table (declaration) order.
template <typename E, if_named<E> = 0>
constexpr auto enum_values() {
  std::array<E, enum_table<E>.size()> values{};
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = enum_table<E>[i].value;
  return values;
}

// Every name of E in table order, e.g. "month, quarter, year", for messages.
template <typename E, if_named<E> = 0>
std::string joined_names(std::string_view separator = ", ") {
  std::string out;
  for (const auto& row : enum_table<E>) {
    if (!out.empty()) out += separator;
    out += row.name;
  }
  return out;
}

// The value named `text`; throws InputError "'week' is not one of month, quarter, year".
template <typename E, if_named<E> = 0>
E parse_enum(std::string_view text) {
  if (auto value = from_string<E>(text)) return *value;
  detail::throw_not_one_of(text, joined_names<E>());
}

} // namespace plantrack
