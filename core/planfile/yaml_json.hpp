#pragma once
// Internal to planfile: a plan file's YAML (or JSON, a subset of it) as a JSON value.

#include "planfile/problems.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace plantrack::planfile {

struct SourceDocument {
  nlohmann::json doc;
  SourceLines lines; // the line of every value, so problems can name it
};

// Parse `text`; InputErrors `file:line: ...` when it is not YAML, holds text that is not UTF-8
// or a number that is not finite.
SourceDocument yaml_to_json(std::string_view text, const std::string& file);

// The typing rules of yaml_to_json for a plain (unquoted) scalar, shared with plan_yaml so
// that what one writes the other reads back: ~, null, Null, NULL are null; true/false in
// three spellings are booleans; a plain decimal is a number.
bool is_null_word(std::string_view plain);
bool is_bool_word(std::string_view plain);
// Whether a plain scalar reads as null, a boolean or a number rather than as text.
bool reads_as_typed(std::string_view plain);

} // namespace plantrack::planfile
