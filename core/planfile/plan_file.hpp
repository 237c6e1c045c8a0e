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

// A plan document as a YAML plan file that load_plan reads back as the same document: text
// that would read as a number, boolean, null or date is quoted, numbers keep full precision,
// keys keep the document's order, and Chinese stays UTF-8 (SPEC §3 `plan export`).
std::string plan_yaml(const nlohmann::json& doc);

// What changed from one revision of a plan document to the next, one line each, e.g.
// "targets.patents.value: 5000 -> 6000", "targets.rd-rank: added". Targets and goals are
// matched by id; the order of lists does not matter for them.
std::vector<std::string> diff_plans(const nlohmann::json& before, const nlohmann::json& after);

// The JSON Schema text compiled into the program.
std::string_view plan_schema_text();

} // namespace plantrack::planfile
