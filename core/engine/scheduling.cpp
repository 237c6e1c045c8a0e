#include "engine/scheduling.hpp"

#include "audit/chain.hpp"
#include "engine/evaluate.hpp"
#include "errors.hpp"
#include "report/document.hpp"
#include "report/entries_view.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace plantrack::engine {

std::vector<DueReport> due_reports(const storage::Schedule& schedule, Timestamp now) {
  std::vector<DueReport> due;
  Period period = period_containing(civil_date(schedule.created_at, report::display_zone), schedule.every);
  while (true) {
    // Due at the first instant after the period: local midnight of the next day.
    auto next_day = date::local_days((period.end + date::days(1)).time_since_epoch());
    Timestamp due_at = date::floor<std::chrono::seconds>(
        date::make_zoned(report::display_zone, next_day, date::choose::earliest).get_sys_time());
    if (due_at > now) break;
    due.push_back({period, period.end, due_at});
    period = period_containing(period.end + date::days(1), schedule.every);
  }
  return due;
}

std::string report_path(const storage::Schedule& schedule, const Period& period) {
  return (std::filesystem::path(schedule.out_dir) /
          fmt::format("{}-{}.{}", schedule.plan_id, period.text, schedule.format))
      .string();
}

void write_file(const std::string& path, const std::string& content, bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!overwrite && fs::exists(path, ec))
    throw InputError(fmt::format("'{}' already exists; pass --force to replace it, or choose "
                                 "another file",
                                 path));
  auto parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw InputError(fmt::format("folder '{}' does not exist; create it or choose another path",
                                 parent.string()));
  std::string temporary = path + ".tmp-plantrack";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError(fmt::format("cannot write in '{}'; check that the folder is writable",
                                   parent.empty() ? std::string(".") : parent.string()));
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw StorageError(fmt::format("writing '{}' failed (disk full?)", path));
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    throw StorageError(fmt::format("cannot move the report into '{}': {}", path, ec.message()));
  }
}

RunDueResult run_due(storage::Storage& storage, Timestamp now, const std::string& generated_by,
                     report::Lang lang) {
  RunDueResult result;
  for (const auto& schedule : storage.schedules()) {
    try {
      for (const auto& due : due_reports(schedule, now)) {
        auto written = storage.archive_once(schedule.name, due.period.text, [&] {
          // Runs under the database's write lock: a second run-due waits, then skips.
          auto plan = inspect_plan(storage, schedule.plan_id, due.as_of, due.known_at);
          report::ReportInfo info{due.period.text, generated_by, now};
          std::string content = report::render_report(plan, info, schedule.format, lang);
          std::string path = report_path(schedule, due.period);
          write_file(path, content, false);
          storage::ArchivedReport record;
          record.plan_id = schedule.plan_id;
          record.format = schedule.format;
          record.path = path;
          record.sha256 = audit::sha256_hex(content);
          record.as_of = due.as_of;
          record.known_at = due.known_at;
          record.generated_at = now;
          record.generated_by = generated_by;
          return record;
        });
        if (written) result.written.push_back(*written);
      }
    } catch (const InputError& e) {
      result.problems.push_back(fmt::format("schedule '{}': {}", schedule.name, e.what()));
    }
  }
  return result;
}

} // namespace plantrack::engine
