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

} // namespace plantrack::planfile
