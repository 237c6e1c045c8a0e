#pragma once
// Internal to storage: the SQLite EntryWriter, which appends entries to the hash chain.

#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace plantrack::storage::sqlite {

// Appends inside one BEGIN IMMEDIATE transaction with statements prepared once: the chain's
// head and the next id are read under the write lock and then carried along in memory. Rows
// are inserted 32 at a time, each batch in one statement, and the rest at commit.
class SqliteEntryWriter final : public EntryWriter {
public:
  explicit SqliteEntryWriter(SQLite::Database& db);

  std::int64_t append(Entry& e) override;
  void commit() override;

private:
  static constexpr size_t batch_rows = 32;
  void flush();
  void bind(SQLite::Statement& insert, int row, const Entry& e);

  SQLite::Transaction tx_; // declared first: rolled back after the statements are finalized
  SQLite::Database& db_;
  SQLite::Statement replaced_;
  SQLite::Statement insert_one_;
  std::unique_ptr<SQLite::Statement> insert_batch_;
  std::vector<Entry> pending_; // appended, not yet inserted
  std::string previous_;
  std::int64_t next_id_ = 1;
  Timestamp recorded_at_{};
  std::string recorded_at_text_;
};

} // namespace plantrack::storage::sqlite
