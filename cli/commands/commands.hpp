#pragma once
// Every command on one page. Each binds its options to the parser, calls one engine use
// case and renders the result: no rule lives here (STYLE.md, "Commands are adapters").

#include "context.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <vector>

namespace plantrack::cli {

using Runner = std::function<void(Session&)>;

// The subcommands and what to run when one is chosen.
struct Registry {
  std::vector<std::pair<CLI::App*, Runner>> commands;
  void add(CLI::App* command, Runner run) { commands.emplace_back(command, std::move(run)); }
};

void setup_init(CLI::App& app, Registry& registry);     // plantrack init
void setup_plan(CLI::App& app, Registry& registry);     // plantrack plan import|list|show|export
void setup_log(CLI::App& app, Registry& registry);      // plantrack log PLAN/TARGET VALUE [UNIT]
void setup_import(CLI::App& app, Registry& registry);   // plantrack import FILE.csv|FILE.xlsx
void setup_entries(CLI::App& app, Registry& registry);  // plantrack entries [PLAN[/TARGET]]
void setup_status(CLI::App& app, Registry& registry);   // plantrack status [PLAN...]
void setup_show(CLI::App& app, Registry& registry);     // plantrack show PLAN/TARGET
void setup_correct(CLI::App& app, Registry& registry);  // plantrack correct|retract ENTRY
void setup_audit(CLI::App& app, Registry& registry);    // plantrack audit verify|completion
void setup_report(CLI::App& app, Registry& registry);   // plantrack report PLAN
void setup_schedule(CLI::App& app, Registry& registry); // plantrack schedule add|list|remove
void setup_run_due(CLI::App& app, Registry& registry);  // plantrack run-due
void setup_approval(CLI::App& app, Registry& registry); // submit|approve|return|unapprove, approvals
void setup_backup(CLI::App& app, Registry& registry);   // plantrack backup --to FILE
void setup_reports(CLI::App& app, Registry& registry);  // plantrack reports list|verify
void setup_scorecard(CLI::App& app, Registry& registry); // plantrack scorecard [PLAN...]
void setup_user(CLI::App& app, Registry& registry);     // plantrack user add|list|disable, token create
void setup_serve(CLI::App& app, Registry& registry);    // plantrack serve [--listen HOST:PORT]
void setup_template(CLI::App& app, Registry& registry); // plantrack template PLAN --org O --period P
void setup_publish(CLI::App& app, Registry& registry);  // plantrack publish PLAN --to DIR

// Exit code 4 of SPEC §3: `status --check` found targets in trouble.
struct CheckFailed {};

// Exit code 5 of SPEC §3: a verification failed; the message says what (printed by app.cpp).
class AuditFailed : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace plantrack::cli
