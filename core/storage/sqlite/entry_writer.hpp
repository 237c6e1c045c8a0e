#pragma once
// Internal to storage: the SQLite EntryWriter, which appends entries to the hash chain.

#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>

namespace plantrack::storage::sqlite {

// Appends inside one BEGIN IMMEDIATE transaction with statements prepared once: the chain's
// head and the next id are read under the write lock and then carried along in memory.
class SqliteEntryWriter final : public EntryWriter {
public:
  explicit SqliteEntryWriter(SQLite::Database& db);

  std::int64_t append(Entry& e) override;
  void commit() override;

private:
  SQLite::Transaction tx_; // declared first: rolled back after the statements are finalized
  SQLite::Statement replaced_;
  SQLite::Statement insert_;
  std::string previous_;
  std::int64_t next_id_ = 1;
  Timestamp recorded_at_{};
  std::string recorded_at_text_;
};

} // namespace plantrack::storage::sqlite
