#pragma once
// Plan files (YAML or JSON) checked against schemas/plan.schema.json (SPEC §1, §3).

#include "model/plan.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace plantrack::planfile {

struct LoadedPlan {
  Plan plan;
  nlohmann::json document; // the plan as a JSON value, the form it is stored in
};

// Parse `text` (YAML or JSON) named `file_name` in messages, validate it against the schema
// and the rules the schema cannot express. Throws InputErrors, one line per problem:
// `tongzhou.yaml:42: targets[3].rule: 'atleast' is not one of at_least, more_than, ...`.
LoadedPlan load_plan(std::string_view text, std::string_view file_name);

// Read and load a plan file from disk.
LoadedPlan load_plan_file(const std::string& path);

// Build the domain plan from a document that has passed validation (e.g. one read back
// from storage).
Plan plan_from_document(const nlohmann::json& doc);

// The JSON Schema text compiled into the program.
std::string_view plan_schema_text();

} // namespace plantrack::planfile
