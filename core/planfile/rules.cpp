#include "planfile/rules.hpp"

#include "model/period.hpp"
#include "model/plan.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

namespace plantrack::planfile {
namespace {

using nlohmann::json;

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

// An org both leads and supports: one problem per such name under `support`.
void check_orgs(const json& item, const std::string& at, Problems& problems) {
  if (!item.contains("responsible") || !item.contains("support")) return;
  const json& lead = item["responsible"];
  const json& support = item["support"];
  for (size_t k = 0; k < support.size(); ++k)
    for (const auto& r : lead)
      if (r == support[k]) {
        problems.add(fmt::format("{}.support[{}]", at, k),
                     fmt::format("'{}' is already responsible (the lead); list it under "
                                 "responsible or support, not both",
                                 support[k].get<std::string>()));
        break;
      }
}


// The fields of the second edition's kinds (SPEC §1): each kind's own fields present, no other
// kind's fields, and the rules that fit it.
void check_kind(const json& t, Kind kind, Rule rule, const json& targets, const std::string& plan_id,
                const std::function<std::string(const std::string&)>& at, Problems& problems) {
  if (kind == Kind::monitor && rule != Rule::none)
    problems.add(at("rule"), fmt::format("a monitor target is tracked without a target; use rule "
                                         "none, not {}",
                                         to_string(rule)));
  if (rule == Rule::none && kind == Kind::milestone)
    problems.add(at("rule"), "a milestone is done or not; use rule done");
  bool ratio = kind == Kind::ratio;
  for (auto field : {"numerator", "denominator"})
    if (ratio && !t.contains(field))
      problems.add(at(field), fmt::format("a ratio target needs its {}: {{title, unit}}, the amount "
                                          "logged as PLAN/TARGET:{}",
                                          field, field));
    else if (!ratio && t.contains(field))
      problems.add(at(field), fmt::format("'{}' is only for ratio targets, and this one is {}; "
                                          "remove it",
                                          field, to_string(kind)));
  if (!ratio && t.contains("scale"))
    problems.add(at("scale"), fmt::format("'scale' is only for ratio targets, and this one is {}; "
                                          "remove it",
                                          to_string(kind)));
  if (kind == Kind::rank) {
    if (rule != Rule::at_most && rule != Rule::less_than && rule != Rule::none)
      problems.add(at("rule"), fmt::format("a rank is better when smaller (1 is the best); use "
                                           "rule at_most (进入前N) or less_than, not {}",
                                           to_string(rule)));
    if (t.contains("peers")) {
      const json& peers = t["peers"];
      auto self = peers["self"].get<std::string>();
      if (std::find(peers["among"].begin(), peers["among"].end(), self) == peers["among"].end())
        problems.add(at("peers.self"), fmt::format("'{}' is not one of peers.among; list it "
                                                   "there too",
                                                   self));
    }
  } else if (t.contains("peers")) {
    problems.add(at("peers"), fmt::format("'peers' is only for rank targets, and this one is {}; "
                                          "remove it",
                                          to_string(kind)));
  }
  auto find = [&](const std::string& id) -> const json* {
    for (const auto& other : targets)
      if (other.is_object() && other.contains("id") && other["id"] == id) return &other;
    return nullptr;
  };
  if (kind == Kind::growth) {
    if (!t.contains("of")) {
      problems.add(at("of"), "a growth target needs 'of: TARGET', the target of this plan whose "
                             "amounts grow");
    } else {
      auto of = t["of"].get<std::string>();
      const json* grown = find(of);
      std::string grown_kind = grown && grown->contains("kind") && (*grown)["kind"].is_string()
                                   ? (*grown)["kind"].get<std::string>()
                                   : "";
      if (of == t["id"])
        problems.add(at("of"), "a growth target cannot grow from itself; name the target whose "
                               "amounts it is the growth of");
      else if (!grown)
        problems.add(at("of"), fmt::format("'{}' is not a target of this plan; name the target "
                                           "whose amounts grow",
                                           of));
      else if (grown_kind == "growth" || grown_kind == "milestone" || grown_kind == "rank")
        problems.add(at("of"), fmt::format("'{}' is a {} target, which has no amounts to grow; name "
                                           "a level, flow, cumulative, ratio or monitor target",
                                           of, grown_kind));
      else if (t.value("basis", "yoy") == "cagr" && !grown->contains("baseline"))
        problems.add(at("basis"), fmt::format("cagr grows from the baseline of '{}', which has "
                                              "none; give it a baseline or use basis yoy",
                                              of));
    }
    if (t.value("unit", "") != "%")
      problems.add(at("unit"), "a growth rate is a percentage; use unit %");
    if (t.contains("milestones"))
      problems.add(at("milestones"), "a growth rate is required every year (a flat trajectory); "
                                     "remove the milestones");
    if (rule == Rule::between || rule == Rule::keep_at_most)
      problems.add(at("rule"), fmt::format("a growth target's rule is at_least, more_than, "
                                           "at_most, less_than or none, not {}",
                                           to_string(rule)));
  } else {
    for (auto field : {"of", "basis"})
      if (t.contains(field))
        problems.add(at(field), fmt::format("'{}' is only for growth targets, and this one is {}; "
                                            "remove it",
                                            field, to_string(kind)));
  }
  if (t.contains("clear_within") && rule != Rule::keep_at_most)
    problems.add(at("clear_within"), fmt::format("clear_within is for rule keep_at_most (动态清零), "
                                                 "not {}; remove it",
                                                 to_string(rule)));
  if (t.contains("value") && t["value"].is_object()) {
    if (rule != Rule::at_least && rule != Rule::more_than && rule != Rule::at_most &&
        rule != Rule::less_than)
      problems.add(at("value"), fmt::format("a referenced value needs rule at_least, more_than, "
                                            "at_most or less_than, not {}",
                                            to_string(rule)));
    if (kind == Kind::milestone || kind == Kind::growth)
      problems.add(at("value"), fmt::format("a {} target cannot take its value from another "
                                            "target; give a number",
                                            to_string(kind)));
    if (t.contains("milestones"))
      problems.add(at("milestones"), "a referenced value moves with its target; remove the "
                                     "milestones");
    auto ref = t["value"]["ref"].get<std::string>();
    auto slash = ref.find('/');
    std::string ref_plan = slash == std::string::npos ? plan_id : ref.substr(0, slash);
    std::string ref_id = slash == std::string::npos ? ref : ref.substr(slash + 1);
    if (ref_plan == plan_id) {
      // References within the plan: to a target of it, and not round in a cycle.
      std::vector<std::string> seen{t["id"].get<std::string>()};
      std::string next = ref_id;
      while (true) {
        const json* referenced = find(next);
        if (!referenced) {
          problems.add(at("value.ref"), fmt::format("'{}' is not a target of this plan; name "
                                                    "an existing PLAN/TARGET",
                                                    next == ref_id ? ref : plan_id + "/" + next));
          break;
        }
        if (std::find(seen.begin(), seen.end(), next) != seen.end()) {
          seen.push_back(next);
          problems.add(at("value.ref"), fmt::format("references go round in a cycle ({}); let "
                                                    "one of them be a number",
                                                    joined(seen, " -> ")));
          break;
        }
        seen.push_back(next);
        if (!referenced->contains("value")) break;
        const json& v = (*referenced)["value"];
        if (!v.is_object() || !v.contains("ref") || !v["ref"].is_string()) break;
        auto r = v["ref"].get<std::string>();
        auto s = r.find('/');
        if (s != std::string::npos && r.substr(0, s) != plan_id) break; // another plan's
        next = s == std::string::npos ? r : r.substr(s + 1);
      }
    }
  }
}

} // namespace

void validate_meaning(const json& doc, Problems& problems, const std::set<std::string>& broken) {
  // A violation at the root (a missing required field) leaves only the parts that are there.
  auto root_ok = [&](const char* field) {
    return doc.contains(field) && intact(broken, field);
  };
  if (!root_ok("period") || !root_ok("source") || !root_ok("goals")) return;
  // A broken id is already a problem; references then resolve as if to other plans.
  const std::string plan_id = root_ok("id") ? doc["id"].get<std::string>() : std::string();
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
    check_orgs(t, fmt::format("targets[{}]", i), problems);
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
    check_kind(t, kind, rule, targets, plan_id, at, problems);
    if (rule == Rule::none) {
      for (auto field : {"value", "min", "max", "milestones"})
        if (t.contains(field))
          problems.add(at(field), fmt::format("rule none tracks without a target; remove {}", field));
    } else if (rule == Rule::between) {
      if (!t.contains("min") || !t.contains("max"))
        problems.add(at("rule"), "rule between needs min and max");
      else if (t["min"].get<double>() > t["max"].get<double>())
        problems.add(at("min"), fmt::format("min {} is above max {}; swap them", t["min"].dump(), t["max"].dump()));
      if (t.contains("value")) problems.add(at("value"), "rule between takes min and max, not value; remove value");
    } else if (rule != Rule::done && rule != Rule::none && !t.contains("value")) {
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
    check_orgs(tasks[i], fmt::format("tasks[{}]", i), problems);
    if (!task_ids.insert(id).second)
      problems.add(fmt::format("tasks[{}].id", i), fmt::format("task id '{}' is used twice; give each task its own id", id));
    if (target_ids.count(id))
      problems.add(fmt::format("tasks[{}].id", i),
                   fmt::format("'{}' is already a target id; targets and tasks are both named "
                               "PLAN/ID, so give the task its own id",
                               id));
    if (tasks[i].contains("deadline"))
      check_date(tasks[i]["deadline"], fmt::format("tasks[{}].deadline", i));
    if (tasks[i].contains("steps")) {
      std::set<std::string> step_ids;
      const json& steps = tasks[i]["steps"];
      for (size_t k = 0; k < steps.size(); ++k) {
        check_date(steps[k]["date"], fmt::format("tasks[{}].steps[{}].date", i, k));
        auto step = steps[k]["id"].get<std::string>();
        if (!step_ids.insert(step).second)
          problems.add(fmt::format("tasks[{}].steps[{}].id", i, k),
                       fmt::format("step id '{}' is used twice in task '{}'; give each step its "
                                   "own id",
                                   step, id));
      }
    }
    if (tasks[i].contains("goal") && !goal_ids.count(tasks[i]["goal"].get<std::string>()))
      problems.add(fmt::format("tasks[{}].goal", i),
                   fmt::format("'{}' is not a goal of this plan; use one of the ids under goals",
                               tasks[i]["goal"].get<std::string>()));
  }
}

} // namespace plantrack::planfile
