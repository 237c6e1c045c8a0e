#include "commands/commands.hpp"

#include "engine/record.hpp"
#include "report/entries_view.hpp"

namespace plantrack::cli {

void setup_entries(CLI::App& app, Registry& registry) {
  auto scope = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("entries", "Show the entry history");
  cmd->add_option("scope", *scope, "PLAN or PLAN/TARGET (default: all)");
  registry.add(cmd, [scope](Session& session) {
    auto format = session.format({"table", "json", "csv"});
    auto entries = engine::entry_history(session.store(), *scope);
    if (format == "json")
      session.out() << report::entries_json(entries).dump(2) << "\n";
    else if (format == "csv")
      session.out() << report::entries_csv(entries);
    else
      session.out() << report::entries_table(entries, session.lang());
  });
}

} // namespace plantrack::cli
