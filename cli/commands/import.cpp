#include "commands/commands.hpp"

#include "engine/entry_import.hpp"

#include <fmt/ostream.h>

#include <cctype>

namespace plantrack::cli {
namespace {

struct ImportOptions {
  std::string file;
  bool dry_run = false;
  std::string plan; // a form (.xlsx) must be for this plan and org, when given
  std::string org;
};

// An Excel workbook: a reporting form (SPEC §7), whatever else it turns out to be.
bool spreadsheet(const std::string& file) {
  auto dot = file.find_last_of('.');
  if (dot == std::string::npos) return false;
  std::string ext = file.substr(dot);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlsx" || ext == ".xlsm" || ext == ".xls";
}

} // namespace

void setup_import(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand("import", "Append entries from a CSV file or a filled Excel "
                                           "reporting form (.xlsx): all rows or none");
  cmd->add_option("file", opt->file, "CSV with columns target,period,value,unit,source,note,"
                                     "recorded_by,provisional,entities,evidence,step (a "
                                     "history adds id,corrects,reason)")
      ->required();
  cmd->add_flag("--dry-run", opt->dry_run, "Check every row, write nothing");
  cmd->add_option("--plan", opt->plan, "A form (.xlsx) must be for this plan");
  cmd->add_option("--org", opt->org, "A form (.xlsx) must be for this org");
  registry.add(cmd, [opt](Session& session) {
    auto by = session.recorded_by();
    auto result =
        spreadsheet(opt->file)
            ? engine::import_entries_form(session.store(), opt->file, session.now(), by,
                                          opt->dry_run, {opt->plan, opt->org})
            : engine::import_entries_file(session.store(), opt->file, session.now(), by,
                                          opt->dry_run);
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
