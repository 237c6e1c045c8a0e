#pragma once
// Internal to planfile: the rules of a plan that its JSON Schema cannot express.

#include "planfile/problems.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace plantrack::planfile {

// Rules the schema cannot express: references, uniqueness, dates in order, rule/kind fit.
// Parts of the document that failed the schema (`broken`, from validate_schema) are skipped:
// their shape is unknown.
void validate_meaning(const nlohmann::json& doc, Problems& problems,
                      const std::set<std::string>& broken);

} // namespace plantrack::planfile
