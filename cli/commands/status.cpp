#include "commands/commands.hpp"

#include "engine/evaluate.hpp"
#include "errors.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>

namespace plantrack::cli {
namespace {

struct StatusOptions {
  std::vector<std::string> plans;
  std::string unit;
  std::string due_before;
  std::string only;
  bool check = false;
};

std::vector<assess::Status> parse_only(const std::string& text) {
  std::vector<assess::Status> out;
  size_t from = 0;
  while (from <= text.size() && !text.empty()) {
    auto comma = text.find(',', from);
    auto name = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    auto status = from_string<assess::Status>(name);
    if (!status)
      throw InputError(fmt::format("--only '{}' is not a status; use one or more of {}", name,
                                   joined_names<assess::Status>(",")));
    out.push_back(*status);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

void run_status(Session& session, const StatusOptions& opt) {
  auto format = session.format({"table", "json"});
  engine::StatusQuery query;
  query.plan_ids = opt.plans;
  query.as_of = session.as_of();
  query.known_at = session.known_at();
  query.unit = opt.unit;
  if (!opt.due_before.empty()) query.due_before = parse_date(opt.due_before, "--due-before");
  query.only = parse_only(opt.only);
  auto lang = session.lang();
  session.color(); // a bad --color is refused before any work
  auto storage = open_storage(session);
  auto report = engine::evaluate(*storage, query);
  if (format == "json")
    session.out() << report::status_json(report).dump(2) << "\n";
  else
    session.out() << report::status_table(report, lang, session.color());
  if (opt.check && engine::in_trouble(report)) throw CheckFailed{};
}

} // namespace

void setup_status(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "The gap and status of each target");
  cmd->add_option("plans", opt->plans, "Plan ids (default: all)");
  cmd->add_option("--unit", opt->unit, "Only targets in this unit");
  cmd->add_option("--due-before", opt->due_before, "Only targets due before DATE");
  cmd->add_option("--only", opt->only, "Only these statuses, e.g. off_track,missed");
  cmd->add_flag("--check", opt->check, "Exit 4 when a shown target is off_track, missed or breached");
  registry.add(cmd, [opt](Session& session) { run_status(session, *opt); });
}

} // namespace plantrack::cli
