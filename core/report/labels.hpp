#pragma once
// Labels and headings in Chinese or English (`--lang zh|en`).

#include "assess/assess.hpp"

#include <string>
#include <string_view>

namespace plantrack::report {

enum class Lang { zh, en };

// The label for `key` (a status, a flag, a column or a heading name) in `lang`; the key
// itself when no label is known.
std::string_view label(Lang lang, std::string_view key);
inline std::string_view label(Lang lang, assess::Status s) { return label(lang, to_string(s)); }
inline std::string_view label(Lang lang, assess::Flag f) { return label(lang, to_string(f)); }

} // namespace plantrack::report
