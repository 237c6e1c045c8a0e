#pragma once
// Internal to storage: the SQLite EntryWriter, which appends entries to the hash chain.

#include "storage/sqlite/stored_hash.hpp"
#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
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
//
// An import's parts are bulk appends (docs/benchmarks.md, "Import at scale"):
// - The chain hashes of one chunk of rows are computed on a second thread while the chunk
//   before it is inserted; append() takes the entry (moves from it) and returns its id.
// - The trigger that refuses INSERT OR REPLACE is dropped when a part's transaction begins and
//   created again, in its stored text, before it commits: no other connection ever sees the
//   schema without it. The part's own rows take ids above every id used, so they replace
//   nothing (and a plain INSERT fails on a used id anyway); the trigger cost a third of the
//   insert.
// - SQLite's per-row foreign key checks are off for the part's transaction; the writer checks
//   the same keys itself, once per target of the part, before each row goes in.
class SqliteEntryWriter final : public EntryWriter {
public:
  explicit SqliteEntryWriter(SQLite::Database& db, const ImportBatch* batch = nullptr);

  std::int64_t append(Entry& e) override;
  void commit() override;
  void commit_part() override;

private:
  static constexpr size_t batch_rows = 32;
  static constexpr size_t chunk_rows = 1024; // rows hashed on the second thread at a time
  bool bulk() const { return batch_.has_value(); }
  void begin();
  void end_part(); // flush, and put back what begin() took away; the commit follows
  void flush();
  // Insert `rows`; `hashes` holds their hashes' bytes, or is null when each row's hash is in it.
  void insert_rows(const Entry* rows, size_t count, const HashBytes* hashes = nullptr);
  void bind(SQLite::Statement& insert, int row, const Entry& e, const HashBytes* hash);
  void require_keys(const Entry& e);
  void hand_over(); // bulk: start hashing filling_, insert the chunk hashed before it
  // Bulk: wait for the chunk being hashed, and return it with its hashes' bytes.
  std::vector<Entry> settle(std::vector<HashBytes>& hashes);

  // Foreign keys off on the connection for a bulk part; on again when the part ends, or
  // when the writer goes, after tx_ rolled back. Declared first.
  class ForeignKeysOff {
  public:
    ForeignKeysOff() = default;
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff();
    void off(SQLite::Database& db); // outside a transaction, where the pragma takes effect
    void on();
    bool is_off() const { return db_ != nullptr; }

  private:
    SQLite::Database* db_ = nullptr;
  };
  ForeignKeysOff keys_off_;
  // Rolled back after the statements are finalized. Empty between parts.
  std::optional<SQLite::Transaction> tx_;
  SQLite::Database& db_;
  SQLite::Statement replaced_;
  SQLite::Statement insert_one_;
  std::unique_ptr<SQLite::Statement> insert_batch_;
  std::vector<HashBytes> hash_bytes_; // the bound hashes of the rows of one statement
  std::vector<Entry> pending_; // appended, not yet inserted
  // Bulk appends: rows waiting to be hashed, and the chunk being hashed on the second thread.
  std::vector<Entry> filling_;
  std::vector<Entry> hashing_;
  // What the second thread makes of a chunk: its hashes' bytes, and its last hash. Its rows
  // keep no hash, so that no hash string made on that thread is read and freed on this one.
  struct Hashed {
    std::vector<HashBytes> bytes;
    std::string last;
  };
  std::future<Hashed> hashed_;
  std::string replace_trigger_; // its CREATE statement while dropped, else empty
  std::unordered_set<std::string> known_targets_; // "plan\ntarget" checked in this part
  std::string last_plan_, last_target_;            // the row before's, checked
  std::unique_ptr<SQLite::Statement> target_exists_;
  std::unique_ptr<SQLite::Statement> entry_exists_;
  std::string previous_;
  std::int64_t next_id_ = 1;
  Timestamp recorded_at_{};
  std::string recorded_at_text_;
  std::optional<ImportBatch> batch_; // appending in parts
  std::int64_t batch_id_ = 0;        // once the first part recorded it
};

} // namespace plantrack::storage::sqlite
