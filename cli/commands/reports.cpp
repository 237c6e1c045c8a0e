#include "commands/commands.hpp"

#include "engine/reports.hpp"
#include "engine/scheduling.hpp"
#include "report/schedule_view.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

void run_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto reports = engine::archived_reports(session.store());
  if (format == "json")
    session.out() << report::archived_reports_json(reports).dump(2) << "\n";
  else
    session.out() << report::archived_reports_table(reports, session.lang());
}

void run_verify(Session& session, const std::string& file) {
  auto check = engine::check_report_file(session.store(), file);
  if (const auto& r = check.match) {
    fmt::print(session.out(), "{} matches archived report {} (schedule {}, plan {}, period {}, "
                              "written {} by {})\n",
               file, r->id, r->schedule, r->plan_id, r->period,
               format_local(r->generated_at, display_zone), r->generated_by);
    return;
  }
  if (const auto& r = check.same_path)
    throw AuditFailed(fmt::format("{} differs from archived report {} written to that path "
                                  "(sha256 {}, the file now has {}): it was changed after it "
                                  "was written",
                                  file, r->id, r->sha256, check.sha256));
  throw AuditFailed(fmt::format("{} (sha256 {}) matches no archived report; see `plantrack "
                                "reports list`",
                                file, check.sha256));
}

} // namespace

void setup_reports(CLI::App& app, Registry& registry) {
  auto* reports = app.add_subcommand("reports", "Archived reports");
  reports->require_subcommand(1);
  auto* list = reports->add_subcommand("list", "List the reports run-due wrote");
  registry.add(list, [](Session& s) { run_list(s); });
  auto file = std::make_shared<std::string>();
  auto* verify = reports->add_subcommand("verify", "Does FILE match an archived report? (exit 5 if not)");
  verify->add_option("file", *file, "A report file")->required();
  registry.add(verify, [file](Session& s) { run_verify(s, *file); });
}

} // namespace plantrack::cli
