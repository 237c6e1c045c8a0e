#include "storage/sqlite/stored_hash.hpp"

#include "audit/chain.hpp"

#include <sqlite3.h>

namespace plantrack::storage::sqlite {
namespace {

// The value of each byte as a lowercase hex digit, -1 for any other byte: a table, because
// random digits defeat a branch's prediction, and an import decodes a million hashes.
constexpr std::array<std::int8_t, 256> digit_values = [] {
  std::array<std::int8_t, 256> values{};
  for (auto& v : values) v = -1;
  for (int i = 0; i < 10; ++i) values['0' + i] = static_cast<std::int8_t>(i);
  for (int i = 0; i < 6; ++i) values['a' + i] = static_cast<std::int8_t>(10 + i);
  return values;
}();

void hash_bytes_function(sqlite3_context* context, int, sqlite3_value** args) {
  sqlite3_value* value = args[0];
  HashBytes bytes;
  if (sqlite3_value_type(value) == SQLITE_TEXT) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    std::string_view hex(text, static_cast<size_t>(sqlite3_value_bytes(value)));
    if (hash_bytes(hex, bytes)) {
      sqlite3_result_blob(context, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
      return;
    }
  }
  sqlite3_result_value(context, value);
}

} // namespace

bool hash_bytes(std::string_view hex, HashBytes& out) {
  if (hex.size() != 2 * out.size()) return false;
  HashBytes bytes;
  int invalid = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    int high = digit_values[static_cast<std::uint8_t>(hex[2 * i])];
    int low = digit_values[static_cast<std::uint8_t>(hex[2 * i + 1])];
    invalid |= high | low; // negative once any digit is not one
    bytes[i] = static_cast<std::uint8_t>((high & 0xf) << 4 | (low & 0xf));
  }
  if (invalid < 0) return false;
  out = bytes;
  return true;
}

std::string hash_text(std::string_view stored, bool blob) {
  return blob ? audit::hex_of(stored) : std::string(stored);
}

std::string hash_text(const SQLite::Column& column) {
  const auto* bytes = static_cast<const char*>(column.getBlob());
  std::string_view stored(bytes ? bytes : "", static_cast<size_t>(column.getBytes()));
  return hash_text(stored, column.isBlob());
}

void add_hash_function(SQLite::Database& db) {
  int rc = sqlite3_create_function_v2(db.getHandle(), "plantrack_hash_bytes", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                      hash_bytes_function, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
}

} // namespace plantrack::storage::sqlite
