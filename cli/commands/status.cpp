#include "commands/commands.hpp"

#include "engine/evaluate.hpp"
#include "report/status_view.hpp"

namespace plantrack::cli {
namespace {

struct StatusOptions {
  std::vector<std::string> plans;
  std::string unit;
  std::string due_before;
  std::string only;
  std::string nature;
  std::string org;
  CLI::Option* nature_option = nullptr;
  CLI::Option* org_option = nullptr;
  bool check = false;
  bool approved_only = false;
};

void run_status(Session& session, const StatusOptions& opt) {
  auto format = session.format({"table", "json"});
  engine::StatusQuery query;
  query.plan_ids = opt.plans;
  query.as_of = session.as_of();
  query.known_at = session.known_at();
  query.unit = opt.unit;
  if (!opt.due_before.empty()) query.due_before = parse_date(opt.due_before, "--due-before");
  query.only = engine::parse_statuses(opt.only, "--only");
  if (opt.nature_option->count()) query.nature = engine::parse_nature(opt.nature, "--nature");
  if (opt.org_option->count()) query.org = opt.org;
  query.approved_only = opt.approved_only;
  auto lang = session.lang();
  bool color = session.color(); // a bad --color is refused before any work
  // Plan by plan as each is assessed: memory stays that of one plan (docs/benchmarks.md).
  report::StatusWriter writer(session.out(),
                              format == "json" ? report::StatusWriter::Format::json
                                               : report::StatusWriter::Format::table,
                              query.as_of, query.known_at, lang, color);
  engine::evaluate_each(session.store(), query,
                        [&](engine::PlanAssessment&& plan) { writer.plan(plan); });
  writer.finish();
  if (opt.check && writer.trouble()) throw CheckFailed{};
}

} // namespace

void setup_status(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "The gap and status of each target and task");
  cmd->add_option("plans", opt->plans, "Plan ids (default: all)");
  cmd->add_option("--unit", opt->unit, "Only targets in this unit");
  cmd->add_option("--due-before", opt->due_before, "Only targets and tasks due before DATE");
  cmd->add_option("--only", opt->only, "Only these statuses, e.g. off_track,missed,overdue");
  opt->nature_option =
      cmd->add_option("--nature", opt->nature, "Only binding (约束性) or expected (预期性) targets");
  opt->org_option =
      cmd->add_option("--org", opt->org, "Only targets and tasks this org leads or supports");
  cmd->add_flag("--approved-only", opt->approved_only,
                "Count only values of approved periods (submit/approve, SPEC §5)");
  cmd->add_flag("--check", opt->check,
                "Exit 4 when a shown target is off_track, missed or breached, or a task overdue");
  registry.add(cmd, [opt](Session& session) { run_status(session, *opt); });
}

} // namespace plantrack::cli
