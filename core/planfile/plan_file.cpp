// Loading a plan file: YAML to JSON, then the schema, then the rules, then the domain Plan.

#include "planfile/plan_file.hpp"

#include "errors.hpp"
#include "planfile/problems.hpp"
#include "planfile/rules.hpp"
#include "planfile/schema_check.hpp"
#include "planfile/yaml_json.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

namespace plantrack::planfile {

LoadedPlan load_plan(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  SourceDocument source = yaml_to_json(text, file);
  const nlohmann::json& doc = source.doc;
  if (!doc.is_object())
    throw InputErrors({fmt::format("{}:1: a plan file holds one mapping with id, title, issuer, "
                                   "period, goals and targets (see schemas/plan.schema.json)",
                                   file)});
  Problems problems(file, source.lines);
  std::set<std::string> broken;
  check_lengths(doc, problems);
  problems.throw_if_any();
  validate_schema(doc, problems, broken);
  validate_meaning(doc, problems, broken);
  problems.throw_if_any();
  return {plan_from_document(doc), doc};
}

LoadedPlan load_plan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(fmt::format("cannot read plan file '{}'; check the path", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  // Messages name the file as the user gave it, so an editor can jump to the line.
  return load_plan(buffer.str(), path);
}

} // namespace plantrack::planfile
