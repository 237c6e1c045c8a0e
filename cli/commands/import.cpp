#include "commands/commands.hpp"

#include "errors.hpp"
#include "io/entry_import.hpp"

#include <fmt/ostream.h>

#include <filesystem>
#include <fstream>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

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
  cmd->add_option("file", opt->file, "CSV with columns " "target,period,value,unit,source,note,"
                                     "recorded_by,provisional,entities")
      ->required();
  cmd->add_flag("--dry-run", opt->dry_run, "Check every row, write nothing");
  registry.add(cmd, [opt](Session& session) {
#if defined(__GLIBC__)
    // SQLite allocates and frees an 85 KB buffer at every page split; glibc would hand it
    // back to the kernel each time (two system calls and fresh page faults per few rows).
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    std::error_code ec;
    if (std::filesystem::is_directory(opt->file, ec))
      throw InputError(fmt::format("'{}' is a folder; name a CSV file", opt->file));
    std::vector<char> buffer(1 << 16); // large reads: a million-row file streams quickly
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    in.open(opt->file, std::ios::binary);
    if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", opt->file));
    auto storage = open_storage(session);
    auto result = io::import_entries_csv(*storage, in, opt->file, session.now(),
                                         session.recorded_by(), opt->dry_run);
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
