#include "engine/store.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace plantrack::engine {

bool is_postgres_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Store> open_store(const std::string& location, bool create) {
  namespace fs = std::filesystem;
  // A server's database exists once a DBA made it (docs/postgres.md); init migrates it.
  if (is_postgres_url(location)) return storage::open_postgres(location);
  if (location != ":memory:") {
    std::error_code ec;
    if (create) {
      auto parent = fs::path(location).parent_path();
      if (!parent.empty()) fs::create_directories(parent, ec);
      if (ec)
        throw InputError(fmt::format("cannot create folder '{}' for the database: {}; pass --db "
                                     "with a writable path",
                                     parent.string(), ec.message()));
    } else if (!fs::exists(location, ec)) {
      throw InputError(fmt::format("no database at '{}'; run `plantrack init --db {}` first, or "
                                   "pass --db with an existing database",
                                   location, location));
    }
  }
  return storage::open_sqlite(location);
}

} // namespace plantrack::engine
