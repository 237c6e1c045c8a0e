#pragma once
// Internal to storage: an entry's chain hash as SQLite stores it since migration 007, its 32
// bytes in a BLOB rather than 64 hex digits of text: a sixth of every row (docs/benchmarks.md,
// "Import at scale"). Everywhere else the hash is the hex text (docs/audit.md).

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace plantrack::storage::sqlite {

using HashBytes = std::array<std::uint8_t, 32>;

// The 32 bytes that 64 lowercase hex digits spell; false, and `out` untouched, for any other
// text.
bool hash_bytes(std::string_view hex, HashBytes& out);

// The hash as plantrack chains and shows it, from a stored value: a BLOB as lowercase hex; a
// TEXT value (written from outside plantrack) as it is, so that `audit verify` names its entry.
std::string hash_text(std::string_view stored, bool blob);
// The same from a column of a SQLiteCpp query.
std::string hash_text(const SQLite::Column& column);

// Make plantrack_hash_bytes(x) known to `db`, for migration 007: the bytes of a hash stored as
// 64 hex digits; any other value unchanged.
void add_hash_function(SQLite::Database& db);

} // namespace plantrack::storage::sqlite
