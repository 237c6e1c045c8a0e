#pragma once
// Backups that are known to restore (issue 14): a consistent copy of the live database,
// opened again and verified before it gets its name.

#include "engine/audit_trail.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <string>

namespace plantrack::engine {

struct Backup {
  std::string path;
  std::uintmax_t bytes = 0;
  int schema_version = 0;
  ChainVerification check; // the copy's chains, recomputed from the copy
  bool verified() const { return !check.chain.broken && !check.approvals.broken_at; }
};

// Write a consistent copy of the store to `path` while others keep writing (SQLite: VACUUM
// INTO, never a file copy), first as `path.partial`; then open that copy as a database of its
// own and recompute its hash chains. Only a copy that verifies is renamed to `path`; one that
// does not stays as `path.partial` and is returned with what broke (verified() false).
// InputError when `path` exists or its folder does not. A backup is a read: whoever may read
// the store may copy it.
Backup back_up(storage::Storage& storage, const std::string& path);

} // namespace plantrack::engine
