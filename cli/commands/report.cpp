#include "commands/commands.hpp"

#include "audit/chain.hpp"
#include "engine/evaluate.hpp"
#include "engine/scheduling.hpp"
#include "errors.hpp"
#include "report/document.hpp"
#include "report/table.hpp"

#include <fmt/ostream.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace plantrack::cli {
namespace {

struct ReportOptions {
  std::string plan;
  std::string period;
  std::string output;
  bool force = false;
};

void run_report(Session& session, const ReportOptions& opt) {
  // The global default "table" means the document's default here: Markdown.
  std::string format = session.format({"table", "md", "html", "csv", "json"});
  if (format == "table") format = "md";
  Date as_of = session.as_of();
  std::string period_text;
  if (!opt.period.empty()) {
    if (session.as_of_given())
      throw InputError("give either --period or --as-of, not both: a period is reported as of "
                       "its last day");
    Period p = parse_period(opt.period);
    as_of = p.end;
    period_text = p.text;
  }
  auto lang = session.lang();
  auto known_at = session.known_at();
  auto by = session.recorded_by();
  auto storage = open_storage(session);
  auto plan = engine::inspect_plan(*storage, opt.plan, as_of, known_at);
  std::string content =
      report::render_report(plan, {period_text, by, session.now()}, format, lang);
  if (opt.output.empty() || opt.output == "-") {
    session.out() << content;
    return;
  }
  engine::write_file(opt.output, content, opt.force);
  fmt::print(session.out(), "wrote {} ({}, sha256 {})\n", opt.output, format,
             audit::sha256_hex(content));
}

struct ScheduleOptions {
  storage::Schedule schedule;
  std::string every;
};

void run_schedule_add(Session& session, ScheduleOptions opt) {
  auto& sc = opt.schedule;
  auto every = from_string<Cadence>(opt.every);
  if (!every)
    throw InputError(fmt::format("--every '{}' is not one of {}", opt.every, joined_names<Cadence>()));
  sc.every = *every;
  std::string format = session.format({"table", "md", "html", "csv", "json"});
  sc.format = format == "table" ? "md" : format;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(sc.out_dir, ec))
    throw InputError(fmt::format("output folder '{}' does not exist; create it first or pass "
                                 "another --out",
                                 sc.out_dir));
  if (access(sc.out_dir.c_str(), W_OK) != 0)
    throw InputError(fmt::format("output folder '{}' is not writable; fix its permissions or "
                                 "pass another --out",
                                 sc.out_dir));
  sc.out_dir = fs::absolute(sc.out_dir).lexically_normal().string();
  auto storage = open_storage(session);
  engine::inspect_plan(*storage, sc.plan_id, session.as_of(), session.now()); // plan must exist
  sc.created_at = session.now();
  sc.created_by = session.recorded_by();
  storage->add_schedule(sc);
  fmt::print(session.out(), "schedule {}: {} report of {} every {} into {}\n", sc.name, sc.format,
             sc.plan_id, to_string(sc.every), sc.out_dir);
}

void run_schedule_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  auto schedules = storage->schedules();
  if (format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& s : schedules)
      out.push_back({{"name", s.name}, {"plan", s.plan_id}, {"every", to_string(s.every)},
                     {"format", s.format}, {"out", s.out_dir},
                     {"created_at", format_timestamp(s.created_at)}, {"created_by", s.created_by}});
    session.out() << out.dump(2) << "\n";
    return;
  }
  report::Table table;
  table.header = {"name", "plan", "every", "format", "out", "created at", "created by"};
  for (const auto& s : schedules)
    table.rows.push_back({s.name, s.plan_id, std::string(to_string(s.every)), s.format, s.out_dir,
                          format_local(s.created_at, display_zone), s.created_by});
  session.out() << report::render(table);
}

void run_due(Session& session, const std::string& now_text) {
  Timestamp now = session.now();
  if (!now_text.empty()) {
    auto parsed = parse_instant(now_text, display_zone);
    if (!parsed)
      throw InputError(fmt::format("--now '{}' is not a timestamp; write e.g. "
                                   "2019-07-08T09:00:00+08:00",
                                   now_text));
    now = *parsed;
  }
  auto lang = session.lang();
  auto by = session.recorded_by();
  auto storage = open_storage(session);
  auto result = engine::run_due(*storage, now, by, lang);
  for (const auto& r : result.written)
    fmt::print(session.out(), "wrote {} (schedule {}, period {}, sha256 {})\n", r.path,
               r.schedule, r.period, r.sha256);
  if (result.written.empty() && result.problems.empty())
    fmt::print(session.out(), "nothing due\n");
  if (!result.problems.empty()) throw InputErrors(result.problems);
}

void run_reports_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  auto reports = storage->reports();
  if (format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& r : reports)
      out.push_back({{"id", r.id}, {"schedule", r.schedule}, {"plan", r.plan_id},
                     {"period", r.period}, {"format", r.format}, {"path", r.path},
                     {"sha256", r.sha256}, {"as_of", format_date(r.as_of)},
                     {"known_at", format_timestamp(r.known_at)},
                     {"generated_at", format_timestamp(r.generated_at)},
                     {"generated_by", r.generated_by}});
    session.out() << out.dump(2) << "\n";
    return;
  }
  report::Table table;
  table.header = {"id", "schedule", "plan", "period", "path", "sha256", "generated at"};
  table.right_aligned = {true};
  for (const auto& r : reports)
    table.rows.push_back({std::to_string(r.id), r.schedule, r.plan_id, r.period, r.path,
                          r.sha256.substr(0, 16), format_local(r.generated_at, display_zone)});
  session.out() << report::render(table);
}

void run_reports_verify(Session& session, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", file));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string hash = audit::sha256_hex(buffer.str());
  auto storage = open_storage(session);
  namespace fs = std::filesystem;
  std::error_code ec;
  auto canonical = fs::weakly_canonical(file, ec).string();
  const storage::ArchivedReport* same_path = nullptr;
  const auto reports = storage->reports();
  for (const auto& r : reports) {
    if (r.sha256 == hash) {
      fmt::print(session.out(), "{} matches archived report {} (schedule {}, plan {}, period {}, "
                                "written {} by {})\n",
                 file, r.id, r.schedule, r.plan_id, r.period,
                 format_local(r.generated_at, display_zone), r.generated_by);
      return;
    }
    if (fs::weakly_canonical(r.path, ec).string() == canonical) same_path = &r;
  }
  if (same_path)
    fmt::print(session.ctx().err,
               "plantrack: error: {} differs from archived report {} written to that path "
               "(sha256 {}, the file now has {}): it was changed after it was written\n",
               file, same_path->id, same_path->sha256, hash);
  else
    fmt::print(session.ctx().err,
               "plantrack: error: {} (sha256 {}) matches no archived report; see `plantrack "
               "reports list`\n",
               file, hash);
  throw AuditFailed{};
}

} // namespace

void setup_report(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report", "A status report document (--format md|html|csv|json)");
  cmd->add_option("plan", opt->plan, "Plan id")->required();
  cmd->add_option("--period", opt->period, "Report on this period (as of its last day)");
  cmd->add_option("-o,--output", opt->output, "Write to FILE instead of standard output");
  cmd->add_flag("--force", opt->force, "Replace an existing output file");
  registry.add(cmd, [opt](Session& s) { run_report(s, *opt); });

  auto* schedule = app.add_subcommand("schedule", "Scheduled reports");
  schedule->require_subcommand(1);
  auto add = std::make_shared<ScheduleOptions>();
  auto* add_cmd = schedule->add_subcommand("add", "Write PLAN's report every month, quarter or year");
  add_cmd->add_option("name", add->schedule.name, "A name for the schedule")->required();
  add_cmd->add_option("--plan", add->schedule.plan_id, "Plan id")->required();
  add_cmd->add_option("--every", add->every, "month, quarter or year")->required();
  add_cmd->add_option("--out", add->schedule.out_dir, "Folder the reports are written to")->required();
  registry.add(add_cmd, [add](Session& s) { run_schedule_add(s, *add); });
  auto* list = schedule->add_subcommand("list", "List the schedules");
  registry.add(list, [](Session& s) { run_schedule_list(s); });
  auto name = std::make_shared<std::string>();
  auto* remove = schedule->add_subcommand("remove", "Remove a schedule (its reports stay archived)");
  remove->add_option("name", *name, "Schedule name")->required();
  registry.add(remove, [name](Session& s) {
    open_storage(s)->remove_schedule(*name);
    fmt::print(s.out(), "removed schedule {}\n", *name);
  });

  auto now = std::make_shared<std::string>();
  auto* due = app.add_subcommand("run-due", "Write every scheduled report that is due and not yet "
                                            "written, catching up missed periods");
  due->add_option("--now", *now, "Act as if it were TIMESTAMP (default: now)");
  registry.add(due, [now](Session& s) { run_due(s, *now); });

  auto* reports = app.add_subcommand("reports", "Archived reports");
  reports->require_subcommand(1);
  auto* reports_list = reports->add_subcommand("list", "List the reports run-due wrote");
  registry.add(reports_list, [](Session& s) { run_reports_list(s); });
  auto file = std::make_shared<std::string>();
  auto* verify = reports->add_subcommand("verify", "Does FILE match an archived report? (exit 5 if not)");
  verify->add_option("file", *file, "A report file")->required();
  registry.add(verify, [file](Session& s) { run_reports_verify(s, *file); });
}

} // namespace plantrack::cli
