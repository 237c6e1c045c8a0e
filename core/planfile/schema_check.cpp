#include "planfile/schema_check.hpp"

#include "planfile/plan_file.hpp"
#include "model/text.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <memory>
#include <regex>

namespace plantrack::planfile {
namespace {

#include "plan_schema.inc" // defines plan_schema_json, generated from schemas/plan.schema.json

using nlohmann::json;

const json& schema_document() {
  static const json doc = json::parse(plan_schema_json);
  return doc;
}

// Follow `$ref` within the schema document.
const json& resolve(const json& schema) {
  const json* s = &schema;
  while (s->is_object() && s->contains("$ref")) {
    auto ref = (*s)["$ref"].get<std::string>(); // "#/definitions/name"
    s = &schema_document().at(json::json_pointer(ref.substr(1)));
  }
  return *s;
}

std::string ref_name(const json& schema) {
  if (schema.is_object() && schema.contains("$ref")) {
    auto ref = schema["$ref"].get<std::string>();
    return ref.substr(ref.rfind('/') + 1);
  }
  return "";
}

// The subschema that governs the value at `path`, or null when none does.
const json* subschema_at(const Path& path, std::string* last_ref = nullptr) {
  const json* s = &schema_document();
  for (const auto& step : path) {
    const json& r = resolve(*s);
    if (step.key.empty()) {
      if (!r.contains("items")) return nullptr;
      s = &r["items"];
    } else {
      if (!r.contains("properties") || !r["properties"].contains(step.key)) return nullptr;
      s = &r["properties"][step.key];
    }
  }
  if (last_ref) *last_ref = ref_name(*s);
  return &resolve(*s);
}

std::string brief(const json& value) {
  if (value.is_string()) return fmt::format("'{}'", value.get<std::string>());
  return value.dump();
}

std::string joined(const json& values) {
  std::string s;
  for (const auto& v : values) s += (s.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  return s;
}

// One line for a schema violation, saying what is wrong and what is allowed.
std::string explain(const Path& path, const json& doc, const std::string& description) {
  std::string ref;
  const json* schema = subschema_at(path, &ref);
  const json* value = nullptr;
  try {
    json::json_pointer ptr;
    for (const auto& step : path) ptr /= step.key.empty() ? std::to_string(step.index) : step.key;
    value = &doc.at(ptr);
  } catch (const json::exception&) {
  }
  static const std::regex missing(R"(Missing required property '([^']*)')");
  static const std::regex unknown(R"(constraints: '([^']*)')");
  std::smatch m;
  if (std::regex_search(description, m, missing))
    return fmt::format("missing required field '{}'; add it (see schemas/plan.schema.json)",
                       m[1].str());
  if (std::regex_search(description, m, unknown)) {
    std::string allowed = schema && schema->contains("properties") ? "" : "none";
    if (schema && schema->contains("properties"))
      for (const auto& [k, _] : (*schema)["properties"].items())
        allowed += (allowed.empty() ? "" : ", ") + k;
    return fmt::format("unknown field '{}'; remove it or use one of {}", m[1].str(), allowed);
  }
  if (!schema || !value) return description;
  if (schema->contains("oneOf") && path.size() > 0 && path.back().key == "value") {
    if (value->is_object())
      return fmt::format("{} is not a reference; write {{ref: PLAN/TARGET}}, e.g. {{ref: "
                         "chaoyang-st-2020/city-average}}",
                         value->dump());
    return fmt::format("{} is not a number (write it without quotes or units, e.g. 5000)",
                       brief(*value));
  }
  if (schema->contains("enum"))
    return fmt::format("{} is not one of {}", brief(*value), joined((*schema)["enum"]));
  if (schema->contains("type")) {
    auto type = (*schema)["type"].get<std::string>();
    bool ok = type == "string"    ? value->is_string()
              : type == "number"  ? value->is_number()
              : type == "integer" ? value->is_number_integer()
              : type == "array"   ? value->is_array()
              : type == "object"  ? value->is_object()
              : type == "boolean" ? value->is_boolean()
                                  : true;
    if (!ok) {
      std::string article = type == "integer" || type == "array" || type == "object" ? "an" : "a";
      if (value->is_null())
        return fmt::format("has no value; write {} {} after the colon", article, type);
      std::string hint = type == "number" ? " (write it without quotes or units, e.g. 5000)" : "";
      return fmt::format("{} is not {} {}{}", brief(*value), article, type, hint);
    }
  }
  if (ref == "date")
    return fmt::format("{} is not a date; write YYYY-MM-DD, e.g. 2020-12-31", brief(*value));
  if (ref == "slug")
    return fmt::format("{} is not an id; use lowercase letters, digits and '-', e.g. "
                       "patent-applications",
                       brief(*value));
  if (schema->contains("minLength")) return "must not be empty";
  if (schema->contains("minItems")) return "must list at least one item";
  if (schema->contains("minimum") || schema->contains("maximum"))
    return fmt::format("{} is out of range ({}..{})", brief(*value),
                       schema->value("minimum", json(nullptr)).dump(),
                       schema->value("maximum", json(nullptr)).dump());
  return description;
}

// Parse valijson's context (["<root>", "[targets]", "[3]", "[rule]"]) against the document.
Path path_of(const std::vector<std::string>& context, const json& doc) {
  Path path;
  const json* at = &doc;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[') continue;
    std::string name = part.substr(1, part.size() - 2);
    if (at && at->is_array()) {
      size_t i = std::stoul(name);
      path.push_back({"", i});
      at = i < at->size() ? &(*at)[i] : nullptr;
    } else {
      path.push_back({name, 0});
      at = at && at->is_object() && at->contains(name) ? &(*at)[name] : nullptr;
    }
  }
  return path;
}

void check_lengths_at(const json& value, Path& path, Problems& problems) {
  if (value.is_object() || value.is_array()) {
    size_t i = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++i) {
      path.push_back(value.is_object() ? Step{it.key(), 0} : Step{"", i});
      check_lengths_at(*it, path, problems);
      path.pop_back();
    }
    return;
  }
  if (!value.is_string()) return;
  const json* schema = subschema_at(path);
  if (!schema || !schema->contains("maxLength")) return;
  const auto& text = value.get_ref<const std::string&>();
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  const auto most = (*schema)["maxLength"].get<size_t>();
  if (chars > most)
    problems.add(display(path), fmt::format("'{}' is {} characters long; write at most {}",
                                            excerpt(text, 20), chars, most));
}

} // namespace

std::string_view plan_schema_text() { return plan_schema_json; }

void check_lengths(const json& doc, Problems& problems) {
  Path at_root;
  check_lengths_at(doc, at_root, problems);
}

void validate_schema(const json& doc, Problems& problems, std::set<std::string>& broken) {
  static const auto schema = [] {
    auto s = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_document());
    parser.populateSchema(adapter, *s);
    return s;
  }();
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(*schema, target, &results)) return;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    // valijson reports each failure again at every enclosing level; keep the innermost.
    if (error.description.rfind("Failed to validate", 0) == 0) continue;
    Path path = path_of(error.context, doc);
    std::string message = explain(path, doc, error.description);
    std::smatch m;
    static const std::regex unknown(R"(^unknown field '([^']*)')");
    if (std::regex_search(message, m, unknown)) path.push_back({m[1].str(), 0}); // the key's line
    std::string where = display(path);
    broken.insert(where);
    problems.add(where, message);
  }
}

} // namespace plantrack::planfile
