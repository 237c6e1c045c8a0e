#include "commands/commands.hpp"

#include "engine/entry_checker.hpp"
#include "report/entries_view.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

void run_entries(Session& session, const std::string& scope) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  storage::EntryFilter filter;
  if (!scope.empty()) {
    engine::EntryChecker checker(*storage);
    if (scope.find('/') != std::string::npos) {
      auto ref = parse_target_ref(scope);
      checker.target(ref); // unknown plan or target: InputError
      filter = {ref.plan_id, ref.target_id};
    } else {
      checker.plan(scope); // unknown plan: InputError
      filter.plan_id = scope;
    }
  }
  auto entries = storage->entries(filter);
  if (format == "json")
    session.out() << report::entries_json(entries).dump(2) << "\n";
  else
    session.out() << report::entries_table(entries, session.lang());
}

} // namespace

void setup_entries(CLI::App& app, Registry& registry) {
  auto scope = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("entries", "Show the entry history");
  cmd->add_option("scope", *scope, "PLAN or PLAN/TARGET (default: all)");
  registry.add(cmd, [scope](Session& session) { run_entries(session, *scope); });
}

} // namespace plantrack::cli
