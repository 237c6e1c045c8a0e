#include "commands/commands.hpp"

#include "engine/backup.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_backup(CLI::App& app, Registry& registry) {
  auto to = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("backup", "Write a consistent copy of the live database and "
                                           "verify it (exit 5 if it does not)");
  cmd->add_option("--to", *to, "The new file (never overwritten)")->required();
  registry.add(cmd, [to](Session& s) {
    auto backup = engine::back_up(s.store(), *to);
    const auto& check = backup.check;
    if (check.chain.broken)
      throw AuditFailed(fmt::format("backup {} does not verify: audit chain broken at entry {}: "
                                    "{}; run `plantrack audit verify` on the database itself",
                                    backup.path, check.chain.broken->entry_id,
                                    check.chain.broken->why));
    if (check.approvals.broken_at)
      throw AuditFailed(fmt::format("backup {} does not verify: approval chain broken at "
                                    "approval {}: {}; run `plantrack audit verify` on the "
                                    "database itself",
                                    backup.path, *check.approvals.broken_at, check.approvals.why));
    fmt::print(s.out(),
               "backup {} written and verified: {} entries, head {}, {} approval actions "
               "(schema version {}, {} bytes)\n",
               backup.path, check.chain.entries, check.chain.head, check.approvals.approvals,
               backup.schema_version, backup.bytes);
    for (const auto& u : check.unfinished)
      fmt::print(s.out(), "unfinished import {} of {} is in the copy too, hidden as in the "
                          "database\n",
                 u.id, u.batch.file);
  });
}

} // namespace plantrack::cli
