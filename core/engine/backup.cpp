#include "engine/backup.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace plantrack::engine {

Backup back_up(storage::Storage& storage, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty()) throw InputError("--to needs a file name, e.g. --to plantrack-2026-12-01.db");
  if (fs::exists(path, ec))
    throw InputError(fmt::format("'{}' exists; a backup never overwrites a file, choose a new "
                                 "name",
                                 path));
  fs::path folder = fs::path(path).parent_path();
  if (!folder.empty() && !fs::is_directory(folder, ec))
    throw InputError(fmt::format("folder '{}' does not exist; create it first or choose another "
                                 "--to",
                                 folder.string()));
  const std::string partial = path + ".partial";
  fs::remove(partial, ec); // left by a backup that was killed
  storage.backup_to(partial);

  Backup backup;
  {
    auto copy = storage::open_sqlite(partial); // a database of its own, migrated if needed
    backup.schema_version = copy->migrate();
    backup.check = check_chains(*copy);
  } // closed: its WAL checkpointed and removed
  if (!backup.verified()) {
    backup.path = partial;
    backup.bytes = fs::file_size(partial, ec);
    return backup;
  }
  fs::rename(partial, path, ec);
  if (ec)
    throw StorageError(fmt::format("cannot name the verified backup '{}': {}", path, ec.message()));
  backup.path = path;
  backup.bytes = fs::file_size(path, ec);
  return backup;
}

} // namespace plantrack::engine
