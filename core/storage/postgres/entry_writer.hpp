#pragma once
// Internal to storage: the PostgreSQL EntryWriter, which appends entries to the hash chain.

#include "storage/postgres/session.hpp"
#include "storage/storage.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plantrack::storage::postgres {

// Appends inside one transaction that takes the write lock first (Session::lock), then reads
// the chain's head and the next id and carries them along in memory: two writers, in any
// number of processes, never chain off the same head. Rows are inserted 32 at a time, each
// batch in one statement, and the rest at commit.
//
// Made with an ImportBatch, it appends in parts, as SqliteEntryWriter does: the first part
// records the batch, commit_part() commits and lets go of the lock, the next append takes it
// again and reads the head afresh; commit() marks the batch finished.
class PgEntryWriter final : public EntryWriter {
public:
  explicit PgEntryWriter(Session& session, const ImportBatch* batch = nullptr);
  ~PgEntryWriter() override;
  PgEntryWriter(const PgEntryWriter&) = delete;
  PgEntryWriter& operator=(const PgEntryWriter&) = delete;

  std::int64_t append(Entry& e) override;
  void commit() override;
  void commit_part() override;

private:
  static constexpr size_t batch_rows = 32;
  void begin();
  void end(); // the transaction is over (committed or to be rolled back)
  void flush();

  Session& session_;
  std::optional<pqxx::work> tx_; // empty between parts
  std::vector<Entry> pending_;   // appended, not yet inserted
  std::string previous_;
  std::int64_t next_id_ = 1;
  std::optional<ImportBatch> batch_;
  std::int64_t batch_id_ = 0;
};

} // namespace plantrack::storage::postgres
