#pragma once
// The use cases of data exchange (SPEC §7): what goes into an org's Excel reporting form, and
// what a plan publishes to an Open SDG data folder. Renderers write both (report/form_xlsx,
// report/open_sdg); a filled form comes back through import_entries_form (entry_import.hpp).

#include "engine/evaluate.hpp"

#include <string>
#include <utility>
#include <vector>

namespace plantrack::engine {

// An org's reporting form for one period: the plan's targets and tasks the org leads that are
// still open in the period (no deadline, or one on or after the period's first day), each
// with its last value and status as of `as_of`.
struct ReportingForm {
  std::string plan_id;
  std::string plan_title;
  std::string org;
  Period period;
  Date as_of;
  std::vector<TargetAssessment> targets; // in plan order
  std::vector<TaskProgress> tasks;       // in plan order
};

// Throws InputError for an unknown plan, a bad period, a period outside the plan's, an org the
// plan does not name, or an org that leads nothing open in the period.
ReportingForm reporting_form(storage::Storage& storage, const std::string& plan_id,
                             const std::string& org, const std::string& period, Date as_of,
                             Timestamp known_at);

// One Open SDG indicator: a target of the plan, its id G-T-N (docs/exchange.md "Open SDG").
struct OpenSdgIndicator {
  std::string id; // e.g. "2-1-1": goal 2 of the plan, its first target, indicator 1
  int goal = 0;   // the goal's position in the plan, from 1
  std::string goal_title;
  TargetAssessment assessed;
  // One value per year, the year's last observation (the baseline's year included), in the
  // target's unit, oldest first.
  std::vector<std::pair<int, double>> years;
};

struct OpenSdgPublication {
  std::string plan_id;
  std::string plan_title;
  Date as_of;
  std::vector<OpenSdgIndicator> indicators; // in plan order
};

// Throws InputError for an unknown plan.
OpenSdgPublication open_sdg_publication(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at);

} // namespace plantrack::engine
