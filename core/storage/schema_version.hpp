#pragma once
// Internal to storage: the schema version a backend finds, against the migrations this build
// carries (schemas/migrations, embedded by cmake/Embed.cmake).

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::storage {

// The highest version among `migrations`: the schema this build writes.
template <typename Migrations>
int latest_version(const Migrations& migrations) {
  int latest = 0;
  for (const auto& m : migrations) latest = std::max(latest, m.version);
  return latest;
}

// A database that a later plantrack migrated may keep things where this build would misread
// them (since 007 the SQLite chain hash is 32 bytes, not hex): refuse it before reading or
// writing anything, exit 3.
inline void refuse_newer_schema(int found, int known) {
  if (found <= known) return;
  throw StorageError(fmt::format(
      "the database is at schema version {}, newer than this plantrack knows ({}); open it "
      "with the plantrack that migrated it, or a later one",
      found, known));
}

} // namespace plantrack::storage
