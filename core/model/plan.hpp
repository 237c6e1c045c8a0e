#pragma once
// A plan and its targets as loaded from a plan file (SPEC §1 "Plan", "Target").

#include "model/period.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace plantrack {

// How entries are read (SPEC §1 "kind"). ratio, rank, growth and monitor are the second
// edition's: a ratio of two logged parts, a position among peers, a rate derived from another
// target's amounts, and actuals tracked without a target.
enum class Kind { level, flow, cumulative, milestone, ratio, rank, growth, monitor };
constexpr auto enum_names(Kind) {
  return name_table<Kind>({{Kind::level, "level"},
                           {Kind::flow, "flow"},
                           {Kind::cumulative, "cumulative"},
                           {Kind::milestone, "milestone"},
                           {Kind::ratio, "ratio"},
                           {Kind::rank, "rank"},
                           {Kind::growth, "growth"},
                           {Kind::monitor, "monitor"}});
}

// `none`: monitored without a target (kind monitor).
enum class Rule { at_least, more_than, at_most, less_than, between, keep_at_most, done, none };
constexpr auto enum_names(Rule) {
  return name_table<Rule>({{Rule::at_least, "at_least"},
                           {Rule::more_than, "more_than"},
                           {Rule::at_most, "at_most"},
                           {Rule::less_than, "less_than"},
                           {Rule::between, "between"},
                           {Rule::keep_at_most, "keep_at_most"},
                           {Rule::done, "done"},
                           {Rule::none, "none"}});
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

// A growth target's basis (SPEC §1 "growth"): 比上年增长 or 年均增长.
enum class GrowthBasis { yoy, cagr };
constexpr auto enum_names(GrowthBasis) {
  return name_table<GrowthBasis>({{GrowthBasis::yoy, "yoy"}, {GrowthBasis::cagr, "cagr"}});
}

// Which peer values rank first (SPEC §1 "rank").
enum class Better { higher, lower };
constexpr auto enum_names(Better) {
  return name_table<Better>({{Better::higher, "higher"}, {Better::lower, "lower"}});
}

// The two parts of a ratio target (SPEC §1 "ratio"), logged as PLAN/TARGET:numerator and
// PLAN/TARGET:denominator.
enum class Part { numerator, denominator };
constexpr auto enum_names(Part) {
  return name_table<Part>({{Part::numerator, "numerator"}, {Part::denominator, "denominator"}});
}

struct RatioPart {
  std::string title;
  std::string unit;
};

// The peers a rank is computed among: `self` is one of `among`.
struct Peers {
  std::string self;
  std::vector<std::string> among;
  Better better = Better::higher;
  std::string unit; // of the peers' values
};

// A target value that moves with another target's current value (value: {ref: PLAN/TARGET}).
struct ValueRef {
  std::string plan_id;
  std::string target_id;
};

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
  double scale = 100;                      // ratio: scale · numerator / denominator
  std::optional<RatioPart> numerator, denominator; // ratio
  std::optional<Peers> peers;              // rank: computed from peer values
  std::string of;                          // growth: the target whose amounts grow
  GrowthBasis basis = GrowthBasis::yoy;    // growth
  std::optional<ValueRef> value_ref;       // the target is another target's current value
  std::optional<int> clear_within;         // keep_at_most: days to bring an observation back
  std::vector<std::string> responsible; // lead orgs (牵头单位)
  std::vector<std::string> support;     // cooperating orgs (配合单位)
  Nature nature = Nature::expected;
  bool strive = false; // the document says 力争
  std::string source;  // the clause; the plan's source title when the file gives none
  std::string note;

  // Whether `org` leads or supports this target.
  bool involves(std::string_view org) const;
  // The unit a ratio part is logged in.
  const std::string& part_unit(Part part) const;
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
  // The orgs (责任单位) its targets and tasks name: those that lead them and, unless
  // `lead_only`, those that support them.
  std::set<std::string> orgs(bool lead_only = false) const;
};

// The thresholds in force for a target: its own, else the plan's, else the defaults.
Thresholds thresholds_for(const Plan& plan, const Target& target);

} // namespace plantrack
