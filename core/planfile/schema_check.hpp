#pragma once
// Internal to planfile: a plan document checked against schemas/plan.schema.json (valijson).

#include "planfile/problems.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace plantrack::planfile {

// Strings longer than their schema's maxLength, refused before the schema's patterns run (the
// regex engine recurses once per character: a megabyte-long id would exhaust the stack).
void check_lengths(const nlohmann::json& doc, Problems& problems);

// Adds a line per schema violation; `broken` receives the paths that violate the schema.
void validate_schema(const nlohmann::json& doc, Problems& problems, std::set<std::string>& broken);

} // namespace plantrack::planfile
