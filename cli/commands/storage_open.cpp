#include "commands/commands.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace plantrack::cli {

std::unique_ptr<storage::Storage> open_storage(Session& session, bool create) {
  namespace fs = std::filesystem;
  const std::string path = session.db_path();
  if (path != ":memory:") {
    std::error_code ec;
    if (create) {
      auto parent = fs::path(path).parent_path();
      if (!parent.empty()) fs::create_directories(parent, ec);
      if (ec)
        throw InputError(fmt::format("cannot create folder '{}' for the database: {}; pass --db "
                                     "with a writable path",
                                     parent.string(), ec.message()));
    } else if (!fs::exists(path, ec)) {
      throw InputError(fmt::format("no database at '{}'; run `plantrack init --db {}` first, or "
                                   "pass --db with an existing database",
                                   path, path));
    }
  }
  return storage::open_sqlite(path);
}

} // namespace plantrack::cli
