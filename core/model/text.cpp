#include "model/text.hpp"

#include "errors.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace plantrack {
namespace {

// The length of the valid UTF-8 sequence at the start of `text`, or 0 when it is not one.
std::size_t sequence_at(std::string_view text, utf8proc_int32_t& code_point) {
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                            static_cast<utf8proc_ssize_t>(text.size()), &code_point);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

} // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (static_cast<unsigned char>(text[at]) < 0x80) { // ASCII: most of every file
      ++at;
      continue;
    }
    utf8proc_int32_t cp = 0;
    std::size_t n = sequence_at(text.substr(at), cp);
    if (n == 0) return at;
    at += n;
  }
  return std::nullopt;
}

void require_utf8(std::string_view text, std::string_view what) {
  // PostgreSQL's text cannot hold a NUL byte (libpq would cut the text there, and the stored
  // entry would no longer match its hash), so neither store takes one.
  if (auto nul = text.find('\0'); nul != std::string_view::npos)
    throw InputError(fmt::format("{} '{}' contains a NUL byte (at offset {}); remove it, text "
                                 "cannot hold one",
                                 what, excerpt(text), nul));
  auto at = invalid_utf8_at(text);
  if (!at) return;
  throw InputError(fmt::format("{} '{}' is not valid UTF-8 (byte 0x{:02X} at offset {}); save or "
                               "type the text as UTF-8",
                               what, excerpt(text), static_cast<unsigned char>(text[*at]), *at));
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t at = 0, chars = 0;
  while (at < text.size() && chars < max_chars) {
    auto byte = static_cast<unsigned char>(text[at]);
    utf8proc_int32_t cp = 0;
    std::size_t n = byte < 0x80 ? 1 : sequence_at(text.substr(at), cp);
    if (n == 0 || byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02X}", byte);
      n = 1;
    } else {
      out.append(text.substr(at, n));
    }
    at += n;
    ++chars;
  }
  if (at < text.size()) out += fmt::format("… ({} bytes in all)", text.size());
  return out;
}

} // namespace plantrack
