#pragma once
// Report documents (`plantrack report`) and the check of a report file against the archive.
// The engine evaluates and writes; the front end passes the renderer (report::render_report
// in its language), so the engine never depends on how a report looks.

#include "engine/evaluate.hpp"
#include "storage/storage.hpp"

#include <functional>
#include <optional>
#include <string>

namespace plantrack::engine {

// What a report's title block says about how it was made.
struct ReportInfo {
  std::string period;       // the reporting period, e.g. 2019Q2 (may be empty)
  std::string generated_by;
  Timestamp generated_at{};
};

// Renders a plan's detail in `format` (md, html, csv, json).
using RenderReport =
    std::function<std::string(const PlanDetail&, const ReportInfo&, const std::string& format)>;

struct ReportRequest {
  std::string plan_id;
  std::string period;          // report on this period, as of its last day (may be empty)
  std::optional<Date> as_of;   // given instead of a period; else `today`
  Date today;
  Timestamp known_at{};
  std::string format;          // md, html, csv, json
  std::string generated_by;
  Timestamp generated_at{};
  std::string output;          // a file to write (empty: none)
  bool overwrite = false;      // replace an existing output file
  bool approved_only = false;  // only values of approved periods (SPEC §5)
};

struct ProducedReport {
  std::string content;
  std::string sha256;
};

// Evaluate and render the report; write it to `request.output` (atomically) when one is
// named. InputError for a period given with an as-of date, an unknown plan, or an output
// file that exists without `overwrite`.
ProducedReport produce_report(storage::Storage& storage, const ReportRequest& request,
                              const RenderReport& render);

struct ReportCheck {
  std::string sha256;                               // of the file as it is now
  std::optional<storage::ArchivedReport> match;     // the archived report it is
  std::optional<storage::ArchivedReport> same_path; // else: the one written to its path
};

// Does the file at `path` match an archived report? InputError when it cannot be read.
ReportCheck check_report_file(storage::Storage& storage, const std::string& path);

// Write `content` to `path` atomically (a temporary file renamed into place); refuses to
// replace an existing file unless `overwrite`. Throws InputError naming the path and the fix.
void write_file(const std::string& path, const std::string& content, bool overwrite);

} // namespace plantrack::engine
