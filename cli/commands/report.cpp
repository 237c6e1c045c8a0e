#include "commands/commands.hpp"

#include "engine/reports.hpp"
#include "report/document.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct ReportOptions {
  std::string plan;
  std::string period;
  std::string output;
  bool force = false;
  bool approved_only = false;
};

void run_report(Session& session, const ReportOptions& opt) {
  // The global default "table" means the document's default here: Markdown.
  std::string format = session.format({"table", "md", "html", "csv", "json"});
  if (format == "table") format = "md";
  engine::ReportRequest request;
  request.plan_id = opt.plan;
  request.period = opt.period;
  if (session.as_of_given()) request.as_of = session.as_of();
  request.today = session.as_of();
  request.format = format;
  auto lang = session.lang();
  request.known_at = session.known_at();
  request.generated_by = session.recorded_by();
  request.generated_at = session.now();
  bool to_stdout = opt.output.empty() || opt.output == "-";
  if (!to_stdout) request.output = opt.output;
  request.overwrite = opt.force;
  request.approved_only = opt.approved_only;
  auto produced = engine::produce_report(session.store(), request, report::renderer(lang));
  if (to_stdout)
    session.out() << produced.content;
  else
    fmt::print(session.out(), "wrote {} ({}, sha256 {})\n", opt.output, format, produced.sha256);
}

} // namespace

void setup_report(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report", "A status report document (--format md|html|csv|json)");
  cmd->add_option("plan", opt->plan, "Plan id")->required();
  cmd->add_option("--period", opt->period, "Report on this period (as of its last day)");
  cmd->add_option("-o,--output", opt->output, "Write to FILE instead of standard output");
  cmd->add_flag("--force", opt->force, "Replace an existing output file");
  cmd->add_flag("--approved-only", opt->approved_only,
                "Count only values of approved periods (submit/approve, SPEC §5)");
  registry.add(cmd, [opt](Session& s) { run_report(s, *opt); });
}

} // namespace plantrack::cli
