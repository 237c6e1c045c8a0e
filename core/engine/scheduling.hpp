#pragma once
// Scheduled reports: adding schedules, which reports are due, and writing each exactly once
// (`plantrack run-due`). The front end passes the renderer (see engine/reports.hpp).

#include "engine/reports.hpp"
#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace plantrack::engine {

using storage::ArchivedReport;
using storage::Schedule;

struct DueReport {
  Period period;      // the reporting period
  Date as_of;         // its last day
  Timestamp known_at; // its due time: the first instant after it, in Asia/Shanghai
};

// The reports of `schedule` due by `now`, oldest first: one per period of its cadence, from
// the period the schedule was created in, each due once the period has ended.
std::vector<DueReport> due_reports(const storage::Schedule& schedule, Timestamp now);

// The file a scheduled report is written to: OUT_DIR/PLAN-PERIOD.FORMAT.
std::string report_path(const storage::Schedule& schedule, const Period& period);

// Store `schedule` (its created_at and created_by set by the caller) and return it as stored,
// its folder made absolute. Only an admin (created_by) adds, removes and runs schedules once
// the store has accounts (access::PermissionDenied). InputError when the folder does not exist or is not writable,
// the plan is unknown, or the name is taken.
storage::Schedule add_schedule(storage::Storage& storage, storage::Schedule schedule);

// The schedules, by name; removing one keeps the reports it wrote archived (InputError for an
// unknown name).
std::vector<storage::Schedule> list_schedules(storage::Storage& storage);
void remove_schedule(storage::Storage& storage, const std::string& name, const std::string& by,
                     Timestamp now);

// The reports run-due archived, oldest first.
std::vector<storage::ArchivedReport> archived_reports(storage::Storage& storage);

struct RunDueResult {
  std::vector<storage::ArchivedReport> written;
  std::vector<std::string> problems; // one line per schedule that could not be served
};

// Write every due report not yet archived, each evaluated as of its period end and known at
// its due time, and archive it with its SHA-256 (exactly once, even with two runs at once).
RunDueResult run_due(storage::Storage& storage, Timestamp now, const std::string& generated_by,
                     const RenderReport& render);

} // namespace plantrack::engine
