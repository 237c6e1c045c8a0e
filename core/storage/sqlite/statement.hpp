#pragma once
// Internal to storage: a statement through SQLite's C API, for the queries that read entries.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace plantrack::storage::sqlite {

// A statement over entries through SQLite's C API. status reads every entry of every plan;
// SQLiteCpp's per-column objects (a shared_ptr copy each) would cost a fifth of that.
class EntryQuery {
public:
  EntryQuery(SQLite::Database& db, const char* sql) : db_(db.getHandle()) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr));
    statement_.reset(statement);
  }
  void bind(int index, const std::string& value) {
    check(sqlite3_bind_text(statement_.get(), index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(statement_.get(), index, value));
  }
  // Move to the next row; false after the last.
  bool step() {
    int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_, rc);
  }
  std::int64_t int64(int column) const { return sqlite3_column_int64(statement_.get(), column); }
  double real(int column) const { return sqlite3_column_double(statement_.get(), column); }
  bool null(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
  }
  bool blob(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_BLOB;
  }
  // The column's bytes, valid until the next step (NUL bytes included).
  std::string_view text(int column) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_.get(), column));
    int size = sqlite3_column_bytes(statement_.get(), column);
    return bytes ? std::string_view(bytes, static_cast<size_t>(size)) : std::string_view();
  }

private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement_{nullptr, sqlite3_finalize};
};

} // namespace plantrack::storage::sqlite
