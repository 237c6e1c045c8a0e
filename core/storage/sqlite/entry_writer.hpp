#pragma once
// Internal to storage: the SQLite EntryWriter, which appends entries to the hash chain.

#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace plantrack::storage::sqlite {

// Appends inside one BEGIN IMMEDIATE transaction with statements prepared once: the chain's
// head and the next id are read under the write lock and then carried along in memory. Rows
// are inserted 32 at a time, each batch in one statement, and the rest at commit.
//
// Made with an ImportBatch, it appends in parts: the first part records the batch, every row
// carries its id, commit_part() commits and lets go of the lock, and the next append takes it
// again and reads the head afresh (others may have appended meanwhile). commit() marks the
// batch finished in the last part's transaction: that is when its rows become visible.
class SqliteEntryWriter final : public EntryWriter {
public:
  explicit SqliteEntryWriter(SQLite::Database& db, const ImportBatch* batch = nullptr);

  std::int64_t append(Entry& e) override;
  void commit() override;
  void commit_part() override;

private:
  static constexpr size_t batch_rows = 32;
  void begin();
  void flush();
  void bind(SQLite::Statement& insert, int row, const Entry& e);

  // Declared first: rolled back after the statements are finalized. Empty between parts.
  std::optional<SQLite::Transaction> tx_;
  SQLite::Database& db_;
  SQLite::Statement replaced_;
  SQLite::Statement insert_one_;
  std::unique_ptr<SQLite::Statement> insert_batch_;
  std::vector<Entry> pending_; // appended, not yet inserted
  std::string previous_;
  std::int64_t next_id_ = 1;
  Timestamp recorded_at_{};
  std::string recorded_at_text_;
  std::optional<ImportBatch> batch_; // appending in parts
  std::int64_t batch_id_ = 0;        // once the first part recorded it
};

} // namespace plantrack::storage::sqlite
