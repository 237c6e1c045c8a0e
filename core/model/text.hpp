#pragma once
// Text as users type it: plantrack keeps UTF-8 only, and quotes what it refuses briefly.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plantrack {

// The byte offset of the first byte that does not start or continue a valid UTF-8 sequence
// (overlong forms and surrogates are invalid); nullopt when all of `text` is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// Throws InputError unless `text` is valid UTF-8 without a NUL byte, naming `what`, the bad
// byte and its offset.
void require_utf8(std::string_view text, std::string_view what);

// `text` fit to quote in a one-line message: bytes that are not valid UTF-8 and control
// characters shown as \xNN, cut after `max_chars` characters with the full size noted.
std::string excerpt(std::string_view text, std::size_t max_chars = 60);

// The strings of `items` (any container of them) with `separator` between them.
template <class Items>
std::string joined(const Items& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

} // namespace plantrack
