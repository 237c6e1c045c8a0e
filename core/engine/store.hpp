#pragma once
// Opening the store every use case works on (SPEC §4).

#include "storage/storage.hpp"

#include <memory>
#include <string>

namespace plantrack::engine {

// The handle every use case takes: one connection, serving one thread.
using Store = storage::Storage;

// Open the store at `location`, migrated to the current schema: a PostgreSQL database when it
// is a postgresql:// or postgres:// URL, else a SQLite file or ":memory:". With `create`, a
// missing file (and its folder) is made; otherwise a missing file is an InputError that says
// to run `plantrack init`.
std::unique_ptr<Store> open_store(const std::string& location, bool create = false);

// Whether `location` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_url(const std::string& location);

} // namespace plantrack::engine
