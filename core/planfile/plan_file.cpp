#include "planfile/plan_file.hpp"

#include "errors.hpp"
#include "model/text.hpp"
#include "model/units.hpp"

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace plantrack::planfile {
namespace {

#include "plan_schema.inc" // defines plan_schema_json, generated from schemas/plan.schema.json

using nlohmann::json;

// Path tokens of a value in the document: member names and array indices.
struct Step {
  std::string key; // empty for an index
  size_t index = 0;
};
using Path = std::vector<Step>;

std::string display(const Path& path) {
  std::string s;
  for (const auto& step : path) {
    if (step.key.empty())
      s += fmt::format("[{}]", step.index);
    else
      s += (s.empty() ? "" : ".") + step.key;
  }
  return s;
}

// A YAML document as JSON, with the source line of every value, keyed by display path.
class Converter {
public:
  std::map<std::string, int> lines;

  json convert(const YAML::Node& node, Path& path) {
    lines[display(path)] = node.Mark().line + 1;
    switch (node.Type()) {
    case YAML::NodeType::Map: {
      json obj = json::object();
      for (const auto& kv : node) {
        auto key = kv.first.as<std::string>();
        utf8_or_throw(kv.first, key, "a key");
        path.push_back({key, 0});
        obj[key] = convert(kv.second, path);
        path.pop_back();
      }
      return obj;
    }
    case YAML::NodeType::Sequence: {
      json arr = json::array();
      size_t i = 0;
      for (const auto& item : node) {
        path.push_back({"", i++});
        arr.push_back(convert(item, path));
        path.pop_back();
      }
      return arr;
    }
    case YAML::NodeType::Scalar: return scalar(node, display(path));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    }
    return nullptr;
  }

private:
  // Plain scalars that look like numbers, booleans or null become those; quoted ones stay text.
  // Text must be UTF-8 and numbers finite: a YAML::Exception at the scalar's line otherwise.
  static json scalar(const YAML::Node& node, const std::string& where) {
    const std::string& s = node.Scalar();
    utf8_or_throw(node, s, where.empty() ? "the value" : where);
    if (node.Tag() == "!") return s;
    if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    std::string_view digits(s);
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
      std::int64_t whole = 0;
      auto begin = s.data() + (s.front() == '+' ? 1 : 0);
      auto [end, ec] = std::from_chars(begin, s.data() + s.size(), whole);
      if (ec == std::errc() && end == s.data() + s.size()) return whole;
    }
    if (!is_plain_decimal(s)) return s;
    try {
      return parse_number(s, where.empty() ? "number" : where);
    } catch (const InputError& e) {
      throw YAML::Exception(node.Mark(), e.what());
    }
  }

  static void utf8_or_throw(const YAML::Node& node, const std::string& text,
                            const std::string& what) {
    try {
      require_utf8(text, what);
    } catch (const InputError& e) {
      throw YAML::Exception(node.Mark(), e.what());
    }
  }
};

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
  if (schema->contains("enum"))
    return fmt::format("{} is not one of {}", brief(*value), joined((*schema)["enum"]));
  if (schema->contains("type")) {
    auto type = (*schema)["type"].get<std::string>();
    bool ok = type == "string"    ? value->is_string()
              : type == "number"  ? value->is_number()
              : type == "integer" ? value->is_number_integer()
              : type == "array"   ? value->is_array()
              : type == "object"  ? value->is_object()
                                  : true;
    if (!ok) {
      std::string article = type == "integer" || type == "array" || type == "object" ? "an" : "a";
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

class Problems {
public:
  Problems(std::string file, const std::map<std::string, int>& lines)
      : file_(std::move(file)), lines_(lines) {}

  void add(const std::string& path, const std::string& message) {
    // The line of the value, else of the nearest enclosing value that has one.
    std::string p = path;
    int line = 0;
    while (true) {
      auto it = lines_.find(p);
      if (it != lines_.end()) {
        line = it->second;
        break;
      }
      if (p.empty()) break;
      auto cut = p.find_last_of(".[");
      p = cut == std::string::npos ? "" : p.substr(0, cut);
    }
    std::string where = path.empty() ? "" : path + ": ";
    std::string line_text = fmt::format("{}:{}: {}{}", file_, line, where, message);
    if (seen_.insert(line_text).second) lines_out_.push_back({line, line_text});
  }

  void throw_if_any() {
    if (lines_out_.empty()) return;
    std::stable_sort(lines_out_.begin(), lines_out_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [_, l] : lines_out_) out.push_back(std::move(l));
    throw InputErrors(std::move(out));
  }

private:
  std::string file_;
  const std::map<std::string, int>& lines_;
  std::vector<std::pair<int, std::string>> lines_out_;
  std::set<std::string> seen_;
};

// Adds a line per schema violation; `broken` receives the paths that violate the schema.
// Strings longer than their schema's maxLength, refused before the schema's patterns run (the
// regex engine recurses once per character: a megabyte-long id would exhaust the stack).
void check_lengths(const json& value, Path& path, Problems& problems) {
  if (value.is_object() || value.is_array()) {
    size_t i = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++i) {
      path.push_back(value.is_object() ? Step{it.key(), 0} : Step{"", i});
      check_lengths(*it, path, problems);
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

// Whether no schema violation lies at or under `prefix` (so its shape can be trusted).
bool intact(const std::set<std::string>& broken, const std::string& prefix) {
  for (const auto& b : broken) {
    if (prefix.empty()) return false;
    if (b.rfind(prefix, 0) == 0 &&
        (b.size() == prefix.size() || b[prefix.size()] == '.' || b[prefix.size()] == '['))
      return false;
  }
  return true;
}

// Rules the schema cannot express: references, uniqueness, dates in order, rule/kind fit.
// Parts of the document that failed the schema are skipped: their shape is unknown.
void validate_meaning(const json& doc, Problems& problems, const std::set<std::string>& broken) {
  // A violation at the root (a missing required field) leaves only the parts that are there.
  auto root_ok = [&](const char* field) {
    return doc.contains(field) && intact(broken, field);
  };
  if (!root_ok("period") || !root_ok("source") || !root_ok("goals")) return;
  auto date_of = [](const json& v) { return try_parse_date(v.get<std::string>()); };
  auto check_date = [&](const json& v, const std::string& path) {
    if (!date_of(v))
      problems.add(path, fmt::format("'{}' is not a calendar date; write YYYY-MM-DD, e.g. 2020-12-31",
                                     v.get<std::string>()));
  };
  check_date(doc["period"]["start"], "period.start");
  check_date(doc["period"]["end"], "period.end");
  check_date(doc["source"]["date"], "source.date");
  auto start = date_of(doc["period"]["start"]);
  auto end = date_of(doc["period"]["end"]);
  if (start && end && *end < *start)
    problems.add("period.end", fmt::format("'{}' is before period.start '{}'; swap them",
                                           format_date(*end), format_date(*start)));

  std::set<std::string> goal_ids;
  for (size_t i = 0; i < doc["goals"].size(); ++i) {
    auto id = doc["goals"][i]["id"].get<std::string>();
    if (!goal_ids.insert(id).second)
      problems.add(fmt::format("goals[{}].id", i),
                   fmt::format("goal id '{}' is used twice; give each goal its own id", id));
  }
  std::set<std::string> target_ids;
  static const json none = json::array();
  const json& targets =
      doc.contains("targets") && doc["targets"].is_array() ? doc["targets"] : none;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!intact(broken, fmt::format("targets[{}]", i))) continue;
    const json& t = targets[i];
    auto at = [&](const std::string& field) { return fmt::format("targets[{}].{}", i, field); };
    auto id = t["id"].get<std::string>();
    if (!target_ids.insert(id).second)
      problems.add(at("id"), fmt::format("target id '{}' is used twice; give each target its own id", id));
    auto goal = t["goal"].get<std::string>();
    if (!goal_ids.count(goal))
      problems.add(at("goal"), fmt::format("'{}' is not a goal of this plan; use one of the ids under goals", goal));
    auto kind = parse_enum<Kind>(t["kind"].get<std::string>());
    auto rule = parse_enum<Rule>(t["rule"].get<std::string>());
    if ((kind == Kind::milestone) != (rule == Rule::done))
      problems.add(at("rule"), kind == Kind::milestone
                                   ? fmt::format("'{}' does not fit a milestone; milestones use rule done", to_string(rule))
                                   : fmt::format("rule done is for milestones; use kind milestone or another rule"));
    if (kind == Kind::flow && !t.contains("per"))
      problems.add(at("per"), "a flow target needs 'per: year|quarter|month', the period its value is stated for");
    if (kind != Kind::flow && t.contains("per"))
      problems.add(at("per"), fmt::format("'per' is only for flow targets, and this one is {}; remove it", to_string(kind)));
    if (kind != Kind::milestone && t.value("unit", std::string()).empty())
      problems.add(at("unit"), "a measurable target needs a unit, e.g. 件, 亿元, %");
    if (rule == Rule::between) {
      if (!t.contains("min") || !t.contains("max"))
        problems.add(at("rule"), "rule between needs min and max");
      else if (t["min"].get<double>() > t["max"].get<double>())
        problems.add(at("min"), fmt::format("min {} is above max {}; swap them", t["min"].dump(), t["max"].dump()));
      if (t.contains("value")) problems.add(at("value"), "rule between takes min and max, not value; remove value");
    } else if (rule != Rule::done && !t.contains("value")) {
      problems.add(at("value"), fmt::format("rule {} needs a value", to_string(rule)));
    } else if (rule == Rule::done && t.contains("value")) {
      problems.add(at("value"), "a milestone has no value; remove it");
    }
    check_date(t["deadline"], at("deadline"));
    auto deadline = date_of(t["deadline"]);
    if (deadline && start && end && (*deadline < *start || *deadline > *end))
      problems.add(at("deadline"), fmt::format("'{}' is outside the plan period {}..{}; move it inside",
                                               format_date(*deadline), format_date(*start), format_date(*end)));
    std::optional<Date> previous;
    if (t.contains("baseline")) {
      check_date(t["baseline"]["date"], at("baseline.date"));
      previous = date_of(t["baseline"]["date"]);
      if (previous && deadline && *previous >= *deadline)
        problems.add(at("baseline.date"), fmt::format("baseline date '{}' is not before the deadline '{}'",
                                                      format_date(*previous), format_date(*deadline)));
      if (t.value("trajectory", "linear") == "compound" && t["baseline"]["value"].get<double>() <= 0)
        problems.add(at("baseline.value"), "a compound trajectory needs a positive baseline; use trajectory linear");
    }
    if (t.contains("milestones")) {
      for (size_t m = 0; m < t["milestones"].size(); ++m) {
        auto path = fmt::format("targets[{}].milestones[{}].date", i, m);
        const json& md = t["milestones"][m]["date"];
        check_date(md, path);
        auto d = date_of(md);
        if (!d) continue;
        if (start && end && (*d < *start || *d > *end))
          problems.add(path, fmt::format("'{}' is outside the plan period {}..{}; move it inside",
                                         format_date(*d), format_date(*start), format_date(*end)));
        else if (previous && *d <= *previous)
          problems.add(path, fmt::format("'{}' is not after the date before it ('{}'); list milestones in date order",
                                         format_date(*d), format_date(*previous)));
        else if (deadline && *d >= *deadline)
          problems.add(path, fmt::format("'{}' is not before the deadline '{}'",
                                         format_date(*d), format_date(*deadline)));
        previous = d;
      }
    }
    if (t.contains("thresholds") && t["thresholds"].contains("on_track") && t["thresholds"].contains("at_risk") &&
        t["thresholds"]["at_risk"].get<double>() > t["thresholds"]["on_track"].get<double>())
      problems.add(at("thresholds"), "at_risk must not be above on_track");
  }
  const json& tasks = doc.contains("tasks") && doc["tasks"].is_array() ? doc["tasks"] : none;
  std::set<std::string> task_ids;
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (!intact(broken, fmt::format("tasks[{}]", i))) continue;
    auto id = tasks[i]["id"].get<std::string>();
    if (!task_ids.insert(id).second)
      problems.add(fmt::format("tasks[{}].id", i), fmt::format("task id '{}' is used twice; give each task its own id", id));
    if (tasks[i].contains("goal") && !goal_ids.count(tasks[i]["goal"].get<std::string>()))
      problems.add(fmt::format("tasks[{}].goal", i),
                   fmt::format("'{}' is not a goal of this plan; use one of the ids under goals",
                               tasks[i]["goal"].get<std::string>()));
  }
}

std::vector<std::string> strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (obj.contains(key))
    for (const auto& s : obj[key]) out.push_back(s.get<std::string>());
  return out;
}

std::optional<Thresholds> thresholds_of(const json& obj) {
  if (!obj.contains("thresholds")) return std::nullopt;
  Thresholds t;
  t.on_track = obj["thresholds"].value("on_track", t.on_track);
  t.at_risk = obj["thresholds"].value("at_risk", t.at_risk);
  return t;
}

} // namespace

std::string_view plan_schema_text() { return plan_schema_json; }

namespace {

// Compare two values at `path`, descending into objects and into lists of objects with ids.
void diff_values(const std::string& path, const json& a, const json& b,
                 std::vector<std::string>& out) {
  auto keyed = [](const json& list) {
    std::map<std::string, const json*> by_id;
    for (const auto& item : list) {
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
        return std::map<std::string, const json*>{};
      by_id[item["id"].get<std::string>()] = &item;
    }
    return by_id;
  };
  auto name = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items())
      if (!b.contains(k)) out.push_back(fmt::format("{}: removed (was {})", name(k), v.dump()));
      else diff_values(name(k), v, b[k], out);
    for (const auto& [k, v] : b.items())
      if (!a.contains(k)) out.push_back(fmt::format("{}: added ({})", name(k), v.dump()));
    return;
  }
  if (a.is_array() && b.is_array()) {
    auto ka = keyed(a), kb = keyed(b);
    if (!ka.empty() && !kb.empty()) {
      for (const auto& [id, v] : ka)
        if (!kb.count(id)) out.push_back(fmt::format("{}.{}: removed", path, id));
        else diff_values(path + "." + id, *v, *kb[id], out);
      for (const auto& [id, v] : kb)
        if (!ka.count(id)) out.push_back(fmt::format("{}.{}: added", path, id));
      return;
    }
  }
  if (a != b) out.push_back(fmt::format("{}: {} -> {}", path, a.dump(), b.dump()));
}

} // namespace

std::vector<std::string> diff_plans(const json& before, const json& after) {
  std::vector<std::string> out;
  diff_values("", before, after, out);
  return out;
}

Plan plan_from_document(const json& doc) {
  Plan p;
  p.id = doc["id"];
  p.title = doc["title"];
  p.issuer = doc["issuer"];
  p.jurisdiction = doc["jurisdiction"];
  p.start = parse_date(doc["period"]["start"].get<std::string>());
  p.end = parse_date(doc["period"]["end"].get<std::string>());
  p.cadence = parse_enum<Cadence>(doc["cadence"].get<std::string>());
  p.source.title = doc["source"]["title"];
  p.source.date = parse_date(doc["source"]["date"].get<std::string>());
  p.source.url = doc["source"].value("url", "");
  p.source.file = doc["source"].value("file", "");
  p.thresholds = thresholds_of(doc);
  p.note = doc.value("note", "");
  for (const auto& g : doc["goals"]) p.goals.push_back({g["id"], g["title"], g.value("source", "")});
  if (doc.contains("targets"))
    for (const auto& j : doc["targets"]) {
      Target t;
      t.id = j["id"];
      t.title = j["title"];
      t.title_en = j.value("title_en", "");
      t.goal = j["goal"];
      t.kind = parse_enum<Kind>(j["kind"].get<std::string>());
      if (j.contains("per")) t.per = parse_enum<Cadence>(j["per"].get<std::string>());
      t.unit = j.value("unit", "");
      t.rule = parse_enum<Rule>(j["rule"].get<std::string>());
      t.value = j.value("value", 0.0);
      if (j.contains("min")) t.min = j["min"].get<double>();
      if (j.contains("max")) t.max = j["max"].get<double>();
      t.deadline = parse_date(j["deadline"].get<std::string>());
      if (j.contains("baseline"))
        t.baseline = Baseline{parse_date(j["baseline"]["date"].get<std::string>()),
                              j["baseline"]["value"].get<double>(), j["baseline"].value("source", "")};
      if (j.contains("milestones"))
        for (const auto& m : j["milestones"])
          t.milestones.push_back({parse_date(m["date"].get<std::string>()), m["value"].get<double>()});
      t.trajectory = parse_enum<Trajectory>(j.value("trajectory", "linear"));
      t.thresholds = thresholds_of(j);
      if (j.contains("precision")) t.precision = j["precision"].get<int>();
      t.responsible = strings(j, "responsible");
      t.source = j["source"];
      t.note = j.value("note", "");
      p.targets.push_back(std::move(t));
    }
  if (doc.contains("tasks"))
    for (const auto& j : doc["tasks"])
      p.tasks.push_back({j["id"], j["title"], j.value("goal", ""), strings(j, "responsible"),
                         j.value("appraisal", ""), j["source"], j.value("note", "")});
  return p;
}

LoadedPlan load_plan(std::string_view text, std::string_view file_name) {
  std::string file(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputErrors({fmt::format("{}:{}: not valid YAML or JSON: {}; fix the syntax at that line",
                                   file, e.mark.line + 1, e.msg)});
  }
  Converter converter;
  Path path;
  json doc;
  try {
    doc = converter.convert(root, path);
  } catch (const YAML::Exception& e) {
    throw InputErrors({fmt::format("{}:{}: {}", file, e.mark.line + 1, e.msg)});
  }
  if (!doc.is_object())
    throw InputErrors({fmt::format("{}:1: a plan file holds one mapping with id, title, issuer, "
                                   "period, goals and targets (see schemas/plan.schema.json)",
                                   file)});
  Problems problems(file, converter.lines);
  std::set<std::string> broken;
  Path at_root;
  check_lengths(doc, at_root, problems);
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
