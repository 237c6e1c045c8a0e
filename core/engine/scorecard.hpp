#pragma once
// The org scorecard (SPEC §2 "Org scorecard", `plantrack scorecard`): per org, the targets and
// tasks it leads and supports, their statuses counted, those in trouble named, and on-time
// reporting (报送及时率). Computed from assessed plans, so the report document reuses it.

#include "engine/evaluate.hpp"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace plantrack::engine {

// Days after a cadence period's end its report is still on time, unless --grace says otherwise.
constexpr int default_grace_days = 15;

// How an org stands to a target or task: it leads it (牵头) or supports it (配合).
enum class Role { lead, support };
constexpr auto enum_names(Role) {
  return name_table<Role>({{Role::lead, "lead"}, {Role::support, "support"}});
}

// A target's or a task's status.
using ItemStatus = std::variant<assess::Status, assess::TaskStatus>;

// A cadence period an item's lead org reported late or not at all.
struct LateReport {
  std::string ref;    // PLAN/ID
  Period period;      // the cadence period
  std::optional<Timestamp> reported_at; // the earliest report for it; nullopt: none
};

// On-time reporting over (item, cadence period) pairs (docs/assessment.md, "Scorecard").
struct Timeliness {
  int due = 0;     // pairs whose deadline (period end + grace days) is on or before D
  int on_time = 0; // of those, reported by the end of the deadline day
  std::vector<LateReport> late; // the others, by item then period
  // on_time / due; nullopt when nothing is due yet (not 0: nothing was late).
  std::optional<double> share() const;
};

// A target or task an org leads or supports.
struct OrgItem {
  std::string ref;      // PLAN/ID
  std::string title;
  std::string title_en; // targets: the English title when the plan gives one
  bool task = false;
  Role role = Role::lead;
  ItemStatus status;
  bool in_trouble = false; // assess::in_trouble of its status
  Timeliness on_time;      // lead items only; a supported item is not scored on reporting
};

struct OrgScorecard {
  std::string org;
  std::vector<OrgItem> items; // led and supported, in plan order (targets, then tasks)
  std::map<assess::Status, int> target_statuses; // over every item, led or supported
  std::map<assess::TaskStatus, int> task_statuses;
  Timeliness on_time; // the sum over the items it leads
};

struct Scorecard {
  Date as_of;
  Timestamp known_at{};
  int grace_days = default_grace_days;
  std::vector<OrgScorecard> orgs; // by org name
};

// The scorecard of every org the plans name (or only `org`), from their details. Throws
// InputError when `org` is set and none of the plans names it, listing the orgs they name.
Scorecard scorecard_of(const std::vector<PlanDetail>& plans, int grace_days,
                       const std::optional<std::string>& org = std::nullopt);

// On-time reporting of one item led in `plan`: `entries` are its versions recorded by the
// known-at time (as TargetDetail::entries), `done` the date it was done (a milestone or a task)
// after which no report is needed, `last` the last date a report is needed for (a target's
// deadline; nullopt: the plan's end).
Timeliness timeliness(const Plan& plan, const std::string& ref, const std::vector<Entry>& entries,
                      Date as_of, Timestamp known_at, int grace_days, std::optional<Date> done,
                      std::optional<Date> last);

struct ScorecardQuery {
  std::vector<std::string> plan_ids; // empty: every plan
  Date as_of;
  Timestamp known_at{};
  int grace_days = default_grace_days;
  std::optional<std::string> org;
};

// Assess the plans the query names and score their orgs. InputError for an unknown plan or org.
Scorecard scorecard(storage::Storage& storage, const ScorecardQuery& query);

// The --grace value: a whole number of days, 0 or more; InputError naming `what` otherwise.
int parse_grace_days(const std::string& text, std::string_view what);

} // namespace plantrack::engine
