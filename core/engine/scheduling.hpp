#pragma once
// Scheduled reports: which are due, and writing each exactly once (`plantrack run-due`).

#include "report/labels.hpp"
#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace plantrack::engine {

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

struct RunDueResult {
  std::vector<storage::ArchivedReport> written;
  std::vector<std::string> problems; // one line per schedule that could not be served
};

// Write every due report not yet archived, each evaluated as of its period end and known at
// its due time, and archive it with its SHA-256 (exactly once, even with two runs at once).
RunDueResult run_due(storage::Storage& storage, Timestamp now, const std::string& generated_by,
                     report::Lang lang);

// Write `content` to `path` atomically (a temporary file renamed into place); refuses to
// replace an existing file unless `overwrite`. Throws InputError naming the path and the fix.
void write_file(const std::string& path, const std::string& content, bool overwrite);

} // namespace plantrack::engine
