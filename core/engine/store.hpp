#pragma once
// Opening the store every use case works on (SPEC §4).

#include "storage/storage.hpp"

#include <memory>
#include <string>

namespace plantrack::engine {

// The handle every use case takes: one connection, serving one thread.
using Store = storage::Storage;

// Open the store at `location` (a SQLite file or ":memory:"), migrated to the current schema.
// With `create`, a missing file (and its folder) is made; otherwise a missing file is an
// InputError that says to run `plantrack init`.
std::unique_ptr<Store> open_store(const std::string& location, bool create = false);

} // namespace plantrack::engine
