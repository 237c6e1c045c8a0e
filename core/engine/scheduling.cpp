#include "engine/scheduling.hpp"

#include "engine/authorize.hpp"

#include "audit/chain.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <unistd.h>

namespace plantrack::engine {

std::vector<DueReport> due_reports(const storage::Schedule& schedule, Timestamp now) {
  std::vector<DueReport> due;
  Period period = period_containing(civil_date(schedule.created_at, display_zone), schedule.every);
  while (true) {
    // Due at the first instant after the period: local midnight of the next day.
    Timestamp due_at = start_of_day(period.end + date::days(1), display_zone);
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

storage::Schedule add_schedule(storage::Storage& storage, storage::Schedule schedule) {
  authorize(storage, schedule.created_by, access::Action::manage_schedules, {}, schedule.created_at);
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(schedule.out_dir, ec))
    throw InputError(fmt::format("output folder '{}' does not exist; create it first or pass "
                                 "another --out",
                                 schedule.out_dir));
  if (::access(schedule.out_dir.c_str(), W_OK) != 0)
    throw InputError(fmt::format("output folder '{}' is not writable; fix its permissions or "
                                 "pass another --out",
                                 schedule.out_dir));
  schedule.out_dir = fs::absolute(schedule.out_dir).lexically_normal().string();
  plan_at(storage, schedule.plan_id, schedule.created_at); // the plan must exist
  storage.add_schedule(schedule);
  return schedule;
}

std::vector<storage::Schedule> list_schedules(storage::Storage& storage) {
  return storage.schedules();
}

void remove_schedule(storage::Storage& storage, const std::string& name,
                     const std::string& by, Timestamp now) {
  authorize(storage, by, access::Action::manage_schedules, {}, now);
  storage.remove_schedule(name);
}

std::vector<storage::ArchivedReport> archived_reports(storage::Storage& storage) {
  return storage.reports();
}

RunDueResult run_due(storage::Storage& storage, Timestamp now, const std::string& generated_by,
                     const RenderReport& render) {
  authorize(storage, generated_by, access::Action::manage_schedules, {}, now);
  RunDueResult result;
  for (const auto& schedule : storage.schedules()) {
    try {
      for (const auto& due : due_reports(schedule, now)) {
        auto written = storage.archive_once(schedule.name, due.period.text, [&] {
          // Runs under the database's write lock: a second run-due waits, then skips.
          auto plan = inspect_plan(storage, schedule.plan_id, due.as_of, due.known_at);
          std::string content =
              render(plan, {due.period.text, generated_by, now}, schedule.format);
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
