#pragma once
// A plan and its targets as loaded from a plan file (SPEC §1 "Plan", "Target").

#include "model/period.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack {

enum class Kind { level, flow, cumulative, milestone };
constexpr auto enum_names(Kind) {
  return name_table<Kind>({{Kind::level, "level"},
                           {Kind::flow, "flow"},
                           {Kind::cumulative, "cumulative"},
                           {Kind::milestone, "milestone"}});
}

enum class Rule { at_least, more_than, at_most, less_than, between, keep_at_most, done };
constexpr auto enum_names(Rule) {
  return name_table<Rule>({{Rule::at_least, "at_least"},
                           {Rule::more_than, "more_than"},
                           {Rule::at_most, "at_most"},
                           {Rule::less_than, "less_than"},
                           {Rule::between, "between"},
                           {Rule::keep_at_most, "keep_at_most"},
                           {Rule::done, "done"}});
}

enum class Trajectory { linear, compound };
constexpr auto enum_names(Trajectory) {
  return name_table<Trajectory>({{Trajectory::linear, "linear"}, {Trajectory::compound, "compound"}});
}

// Whether a target is binding (约束性) or expected (预期性, the default) (SPEC §1 "Target").
enum class Nature { expected, binding };
constexpr auto enum_names(Nature) {
  return name_table<Nature>({{Nature::expected, "expected"}, {Nature::binding, "binding"}});
}

// The ratio cut-offs between on_track, at_risk and off_track (SPEC §2).
struct Thresholds {
  double on_track = 0.95;
  double at_risk = 0.6;
};

struct Point {
  Date date;
  double value = 0;
};

struct Baseline {
  Date date;
  double value = 0;
  std::string source;
};

struct Target {
  std::string id;
  std::string title;
  std::string title_en;
  std::string goal;
  Kind kind = Kind::level;
  std::optional<Cadence> per; // flow targets: the period the value is stated for
  std::string unit;
  Rule rule = Rule::at_least;
  double value = 0; // v; for `between` the bound nearer the baseline is chosen at assessment
  std::optional<double> min, max;
  Date deadline;
  std::optional<Baseline> baseline;
  std::vector<Point> milestones;
  Trajectory trajectory = Trajectory::linear;
  std::optional<Thresholds> thresholds;
  std::optional<int> precision;
  std::vector<std::string> responsible; // lead orgs (牵头单位)
  std::vector<std::string> support;     // cooperating orgs (配合单位)
  Nature nature = Nature::expected;
  bool strive = false; // the document says 力争
  std::string source;  // the clause; the plan's source title when the file gives none
  std::string note;

  // Whether `org` leads or supports this target.
  bool involves(std::string_view org) const;
};

struct Goal {
  std::string id;
  std::string title;
  std::string source;
};

// A dated stage of a task (SPEC §1 "Task"): an entry naming it with --step completes it.
struct Step {
  std::string id;
  Date date;
  std::string title;
};

// A qualitative commitment (SPEC §1 "Task"), tracked by entries that carry a state.
struct Task {
  std::string id;
  std::string title;
  std::string goal;
  std::vector<std::string> responsible; // lead orgs (牵头单位)
  std::vector<std::string> support;     // cooperating orgs (配合单位)
  std::optional<Date> deadline;
  std::vector<Step> steps; // by date
  std::string appraisal;   // how it is judged (纳入全区绩效考核)
  std::string source;
  std::string note;

  // Whether `org` leads or supports this task.
  bool involves(std::string_view org) const;
  const Step* find_step(std::string_view id) const;
};

struct PlanSource {
  std::string title;
  Date date;
  std::string url;
  std::string file;
};

struct Plan {
  std::string id;
  std::string title;
  std::string issuer;
  std::string jurisdiction;
  Date start, end;
  Cadence cadence = Cadence::year;
  PlanSource source;
  std::optional<Thresholds> thresholds;
  std::string note;
  std::vector<Goal> goals;
  std::vector<Target> targets;
  std::vector<Task> tasks;

  const Target* find_target(std::string_view id) const;
  const Task* find_task(std::string_view id) const;
};

// The thresholds in force for a target: its own, else the plan's, else the defaults.
Thresholds thresholds_for(const Plan& plan, const Target& target);

} // namespace plantrack
