#pragma once
// The assessment of SPEC §2: entries in, gap and status out. Pure functions, no I/O.

#include "model/entry.hpp"
#include "model/plan.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plantrack::assess {

// The statuses in SPEC §2 table order (enum_values<Status>() lists them so).
// `monitored` is a monitor target's (rule none) once it has data: there is no target to judge.
enum class Status { no_data, breached, achieved, missed, insufficient_data, on_track, at_risk, off_track, monitored };
constexpr auto enum_names(Status) {
  return name_table<Status>({{Status::no_data, "no_data"},
                             {Status::breached, "breached"},
                             {Status::achieved, "achieved"},
                             {Status::missed, "missed"},
                             {Status::insufficient_data, "insufficient_data"},
                             {Status::on_track, "on_track"},
                             {Status::at_risk, "at_risk"},
                             {Status::off_track, "off_track"},
                             {Status::monitored, "monitored"}});
}

// What else a reader should know about an assessment (SPEC §2, "Flags beside the status").
// step_late is raised on tasks only (SPEC §2, "Task status"); inconsistent on ratios whose
// logged value disagrees with its parts; incomplete_peers on ranks still waiting for peers.
enum class Flag { stale, estimated, provisional, final_data_missing, duplicate_entity, step_late,
                  inconsistent, incomplete_peers, unapproved };
constexpr auto enum_names(Flag) {
  return name_table<Flag>({{Flag::stale, "stale"},
                           {Flag::estimated, "estimated"},
                           {Flag::provisional, "provisional"},
                           {Flag::final_data_missing, "final_data_missing"},
                           {Flag::duplicate_entity, "duplicate_entity"},
                           {Flag::step_late, "step_late"},
                           {Flag::inconsistent, "inconsistent"},
                           {Flag::incomplete_peers, "incomplete_peers"},
                           {Flag::unapproved, "unapproved"}});
}

// Whether `s` is trouble: off_track, missed or breached (`status --check` exits 4, reports
// list these first).
constexpr bool in_trouble(Status s) {
  return s == Status::off_track || s == Status::missed || s == Status::breached;
}

// One value of a target's series: the state (level), the period amount (flow), the running
// total (cumulative) or done/not done (milestone) at date `t`.
struct Observation {
  Date t;
  double value = 0;
};

struct Breach {
  std::string period;
  double value = 0;
};

// One period of a ratio (SPEC §1 "ratio"): the parts logged, the ratio they give, the ratio
// logged, and whether the two disagree (the computed one counts).
struct RatioPeriod {
  std::string period;
  std::optional<double> numerator, denominator, computed, logged;
  bool inconsistent = false;
};

// One period of a rank among peers (SPEC §1 "rank"): the peers' values best first, the rank of
// `self` once every peer has a value, and the peers still missing (in the order of `among`).
struct PeerPeriod {
  std::string period;
  std::vector<std::pair<std::string, double>> values;
  std::optional<int> rank;
  std::vector<std::string> missing;
};

// What a growth rate came from (SPEC §1 "growth"): the amount of `of` in the rate's period and
// the amount it is compared with, the same period a year earlier (yoy) or `of`'s baseline
// (cagr; `base_period` is then the baseline's date).
struct GrowthSource {
  std::string period;
  double rate = 0;
  double amount = 0;
  std::string base_period;
  double base = 0;
};

struct Assessment {
  Status status = Status::no_data;
  std::vector<Flag> flags; // each once, in the order assessment raised them
  double target_value = 0; // v (for between: the bound nearer the baseline)
  // Whether v is known: not for a monitor (rule none), nor for a referenced value before the
  // referenced target has data.
  bool has_target = true;
  std::optional<Observation> baseline;
  std::optional<double> current;
  std::optional<std::string> current_period;
  std::optional<Date> current_date; // t_c
  std::optional<double> expected;   // E(t_c)
  std::optional<double> ratio;
  std::optional<double> gap;
  std::optional<double> shortfall;
  std::optional<double> progress_pct;
  std::optional<double> forecast;
  std::optional<double> needed_per_year;
  std::optional<Breach> first_breach;
  std::vector<std::string> duplicate_entities;
  std::vector<Observation> series; // the points the forecast was fitted on (baseline first)
  std::vector<std::string> inconsistent_periods; // ratio: logged ratio and parts disagree
  std::vector<std::string> incomplete_periods;   // rank: peers missing, after the latest rank
  std::vector<Observation> reference;            // value: {ref}: the referenced values
  std::optional<Breach> open_exceedance;         // keep_at_most: over the limit, not yet cleared
  std::optional<Date> clear_by;                  // ... and the date it must be cleared by
  std::vector<RatioPeriod> ratio_periods;        // ratio: each counted period, parts and all
  std::vector<PeerPeriod> peer_periods;          // rank: each counted period with peers' values
  std::vector<GrowthSource> growth_sources;      // growth: each counted rate's two amounts

  bool has_flag(Flag f) const;
};

// Where an assessment finds the other targets it reads: a growth target its `of`, a target
// with a referenced value the referenced one (SPEC §1). Both return nullptr when unknown.
struct Linked {
  std::function<const Target*(const std::string& plan_id, const std::string& target_id)> target;
  // The target's effective entries (corrections applied, none after the known-at time).
  std::function<const std::vector<Entry>*(const std::string& plan_id,
                                          const std::string& target_id)>
      entries;
};

struct Context {
  Date as_of;               // D
  Cadence cadence;          // the plan's reporting cadence, for `stale`
  Thresholds thresholds;    // on_track / at_risk cut-offs
};

// Assess one target of plan `plan_id`. `entries` are that target's effective entries
// (corrections already applied, none recorded after the known-at time), in any order.
// `linked` finds the targets a growth or referenced target reads; without it such a target
// has no data (growth) or no known target value (reference).
Assessment assess(const Target& target, const std::vector<Entry>& entries, const Context& ctx,
                  const Linked* linked = nullptr, const std::string& plan_id = "");

// What a point of the trajectory is.
enum class PointKind { baseline, milestone, target };
constexpr auto enum_names(PointKind) {
  return name_table<PointKind>({{PointKind::baseline, "baseline"},
                                {PointKind::milestone, "milestone"},
                                {PointKind::target, "target"}});
}

// A point the trajectory passes through, and what it is.
struct TrajectoryPoint {
  Date t;
  double value = 0;
  PointKind kind = PointKind::baseline;
};

// The points of the trajectory: (t0, b), each milestone after t0, and (T, v) (SPEC §2).
std::vector<TrajectoryPoint> trajectory_points(const Target& target, Observation baseline, double v);

// The trajectory E(t) through those points, linear or compound (SPEC §2).
double expected_at(const Target& target, Observation baseline, double v, Date t);

// Whether the rule holds for the value `c` against v (SPEC §2, "achieved").
bool rule_holds(const Target& target, double c, double v);
bool rule_holds(const Target& target, double c);


} // namespace plantrack::assess
