#pragma once
// Internal to storage: SQLite's exceptions mapped to StorageError (exit 3) at the interface.

#include "errors.hpp"
#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <memory>

namespace plantrack::storage::sqlite {

// Run `body`, turning SQLite's exceptions into StorageError (exit 3).
template <typename F>
auto guarded(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    throw StorageError(fmt::format("database error: {}", e.what()));
  }
}

// `inner` decorated so that every call maps SQLite errors to StorageError.
std::unique_ptr<Storage> guard(std::unique_ptr<Storage> inner);

} // namespace plantrack::storage::sqlite
