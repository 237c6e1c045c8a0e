#include "commands/commands.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_init(CLI::App& app, Registry& registry) {
  auto* cmd = app.add_subcommand("init", "Create or migrate the database (idempotent)");
  registry.add(cmd, [](Session& session) {
    auto storage = open_storage(session, true);
    int version = storage->migrate();
    fmt::print(session.out(), "database {} ready (schema version {})\n", session.db_path(), version);
  });
}

} // namespace plantrack::cli
