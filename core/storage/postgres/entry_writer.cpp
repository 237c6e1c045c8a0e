#include "storage/postgres/entry_writer.hpp"

#include "audit/chain.hpp"
#include "storage/postgres/entry_rows.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace plantrack::storage::postgres {
namespace {

// `rows` rows of entry_insert_count numbered parameters each.
std::string insert_sql(size_t rows) {
  std::string sql = fmt::format("INSERT INTO entries ({}) VALUES ", entry_insert_columns);
  int n = 1;
  for (size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ",(";
    for (int c = 0; c < entry_insert_count; ++c) sql += fmt::format(c == 0 ? "${}" : ",${}", n++);
    sql += ')';
  }
  return sql;
}

// Refuse to replace an entry that a later one already replaced; name its latest version.
void check_latest_version(pqxx::transaction_base& tx, std::int64_t id) {
  std::int64_t latest = id;
  while (true) {
    auto r = tx.exec_params("SELECT id FROM entries WHERE corrects = $1", latest);
    if (r.empty()) break;
    latest = r[0][0].as<std::int64_t>();
  }
  if (latest != id)
    throw InputError(fmt::format("entry {} was already replaced by entry {}; correct or "
                                 "retract entry {}, its latest version",
                                 id, latest, latest));
}

} // namespace

PgEntryWriter::PgEntryWriter(Session& session, const ImportBatch* batch) : session_(session) {
  if (batch) batch_ = *batch;
  begin();
}

PgEntryWriter::~PgEntryWriter() { end(); }

// Take the write lock and read the chain's head and the next id under it.
void PgEntryWriter::begin() {
  tx_.emplace(session_.connection());
  Session::lock(*tx_);
  // Then, in one statement (a statement of its own: in READ COMMITTED its snapshot is taken
  // when it starts, so after the lock): the chain's head, the highest id ever handed out (as
  // SQLite's AUTOINCREMENT; migration 001) and the version of what entries are checked against,
  // which the engine compares with what it checked (record.cpp). The lock is held from here
  // to the commit, so the fewer round trips, the more writes per second.
  auto row = tx_->exec(fmt::format("SELECT (SELECT hash FROM entries ORDER BY id DESC LIMIT 1), "
                                   "({}), ({})",
                                   highest_entry_id_sql, checks_version_sql))[0];
  previous_ = row[0].is_null() ? audit::genesis_hash : row[0].as<std::string>();
  next_id_ = row[1].as<std::int64_t>() + 1;
  session_.writing(&*tx_, row[2].as<std::int64_t>());
  if (batch_ && batch_id_ == 0) {
    auto id = tx_->exec_params1("INSERT INTO import_batches (file, started_at, started_by) "
                                "VALUES ($1, $2, $3) RETURNING id",
                                batch_->file, format_timestamp(batch_->started_at),
                                batch_->started_by);
    batch_id_ = id[0].as<std::int64_t>();
  }
}

void PgEntryWriter::end() {
  session_.writing(nullptr);
  tx_.reset(); // rolls back what was not committed
}

std::int64_t PgEntryWriter::append(Entry& e) {
  if (!tx_) begin();
  if (e.corrects) {
    flush(); // the entry it replaces, and any correction of it, must be in the table
    check_latest_version(*tx_, *e.corrects);
  }
  e.id = next_id_;
  e.hash = audit::chain_hash(previous_, e);
  pending_.push_back(e);
  if (pending_.size() == batch_rows) flush();
  previous_ = e.hash;
  return next_id_++;
}

void PgEntryWriter::flush() {
  if (pending_.empty()) return;
  std::vector<Param> params;
  params.reserve(pending_.size() * entry_insert_count);
  for (const auto& e : pending_) entry_params(e, batch_id_, params);
  tx_->exec_params(insert_sql(pending_.size()), pqxx::prepare::make_dynamic_params(params));
  pending_.clear();
}

void PgEntryWriter::commit() {
  if (!tx_) begin();
  flush();
  if (batch_id_ != 0)
    // The batch's rows become visible with this transaction, all at once.
    tx_->exec_params("UPDATE import_batches SET finished_at = to_char(now() AT TIME ZONE 'UTC', "
                     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') WHERE id = $1",
                     batch_id_);
  tx_->commit();
  end();
}

void PgEntryWriter::commit_part() {
  if (!batch_)
    throw std::logic_error("commit_part: this writer appends in one transaction (begin_entries)");
  if (!tx_) return;
  flush();
  tx_->commit();
  end(); // a writer queued on the lock gets it now, before this one asks again
}

} // namespace plantrack::storage::postgres
