#include "commands/commands.hpp"

#include "engine/entry_import.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct ImportOptions {
  std::string file;
  bool dry_run = false;
};

} // namespace

void setup_import(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand("import", "Append entries from a CSV file: all rows or none");
  cmd->add_option("file", opt->file, "CSV with columns target,period,value,unit,source,note,"
                                     "recorded_by,provisional,entities,evidence,step (a "
                                     "history adds id,corrects,reason)")
      ->required();
  cmd->add_flag("--dry-run", opt->dry_run, "Check every row, write nothing");
  registry.add(cmd, [opt](Session& session) {
    auto by = session.recorded_by();
    auto result =
        engine::import_entries_file(session.store(), opt->file, session.now(), by, opt->dry_run);
    if (opt->dry_run)
      fmt::print(session.out(), "{}: {} rows are valid; nothing written (dry run)\n", opt->file,
                 result.rows);
    else if (result.ids.empty())
      fmt::print(session.out(), "{}: no rows to import\n", opt->file);
    else
      fmt::print(session.out(), "{}: imported {} entries (ids {}..{})\n", opt->file, result.rows,
                 result.ids.front(), result.ids.back());
  });
}

} // namespace plantrack::cli
