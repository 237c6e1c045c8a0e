#pragma once
// Values and units as typed by officials (SPEC §1 "Units").

#include <string>
#include <string_view>

namespace plantrack {

// Whether `text` is a plain decimal number: an optional sign, digits with an optional decimal
// point, an optional exponent (e.g. 2628.7, -3, 1e4). No hex, no inf, no nan, no spaces.
bool is_plain_decimal(std::string_view text);

// Parse a plain decimal number (e.g. 2628.7, -3, 1e4); throws InputError naming `what`.
double parse_number(std::string_view text, std::string_view what = "value");

// `value` typed in unit `from`, expressed in unit `to`; an empty `from` means `to`.
// Throws InputError naming both units when they do not convert into each other.
double convert_unit(double value, std::string_view from, std::string_view to);

// Shortest text that reads back as the same double (for CSV, JSON-free outputs and hashes).
std::string format_number(double value);

} // namespace plantrack
