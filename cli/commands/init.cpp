#include "commands/commands.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_init(CLI::App& app, Registry& registry) {
  auto* cmd = app.add_subcommand("init", "Create or migrate the database (idempotent)");
  registry.add(cmd, [](Session& session) {
    int version = session.store(true).migrate();
    fmt::print(session.out(), "database {} ready (schema version {})\n", session.db_path(), version);
  });
}

} // namespace plantrack::cli
