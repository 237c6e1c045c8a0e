#pragma once
// Every command on one page: each binds its options to the parser and hands the work to core.

#include "context.hpp"
#include "storage/storage.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace plantrack::cli {

using Runner = std::function<void(Session&)>;

// The subcommands and what to run when one is chosen.
struct Registry {
  std::vector<std::pair<CLI::App*, Runner>> commands;
  void add(CLI::App* command, Runner run) { commands.emplace_back(command, std::move(run)); }
};

void setup_init(CLI::App& app, Registry& registry);    // plantrack init
void setup_plan(CLI::App& app, Registry& registry);    // plantrack plan import|list|show
void setup_log(CLI::App& app, Registry& registry);     // plantrack log PLAN/TARGET VALUE [UNIT]
void setup_import(CLI::App& app, Registry& registry);  // plantrack import FILE.csv
void setup_entries(CLI::App& app, Registry& registry); // plantrack entries [PLAN[/TARGET]]
void setup_status(CLI::App& app, Registry& registry);  // plantrack status [PLAN...]
void setup_show(CLI::App& app, Registry& registry);    // plantrack show PLAN/TARGET
void setup_correct(CLI::App& app, Registry& registry); // plantrack correct|retract ENTRY
void setup_audit(CLI::App& app, Registry& registry);   // plantrack audit verify|completion
void setup_report(CLI::App& app, Registry& registry);  // report, schedule, run-due, reports

// The database the session names; `create` makes it (and its folder) if missing, otherwise a
// missing file is an error that says to run `plantrack init`.
std::unique_ptr<storage::Storage> open_storage(Session& session, bool create = false);

// Exit code 4 of SPEC §3: `status --check` found targets in trouble.
struct CheckFailed {};

// Exit code 5 of SPEC §3: `audit verify` found the chain broken (the message is printed).
struct AuditFailed {};

} // namespace plantrack::cli
