#include "storage/sqlite/entry_writer.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace plantrack::storage::sqlite {
namespace {

// Refuse to replace an entry that a later one already replaced; name its latest version.
void check_latest_version(SQLite::Statement& replaced, std::int64_t id) {
  std::int64_t latest = id;
  while (true) {
    replaced.reset();
    replaced.bind(1, latest);
    if (!replaced.executeStep()) break;
    latest = replaced.getColumn(0).getInt64();
  }
  replaced.reset();
  if (latest != id)
    throw InputError(fmt::format("entry {} was already replaced by entry {}; correct or "
                                 "retract entry {}, its latest version",
                                 id, latest, latest));
}

} // namespace

namespace {

constexpr const char* insert_head =
    "INSERT INTO entries (id, plan_id, target_id, period, period_start, period_end, value, "
    "value_text, unit, recorded_at, recorded_by, source, note, provisional, entities, action, "
    "corrects, reason, hash, state, evidence, step, part, peer, batch) VALUES ";
constexpr int columns = 25;

// `rows` rows of 25 parameters each.
std::string insert_sql(size_t rows) {
  std::string sql = insert_head;
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ",?";
  row += ')';
  for (size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ",") + row;
  return sql;
}

std::string names_json(const std::vector<std::string>& names) {
  if (names.empty()) return "[]";
  return nlohmann::json(names).dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
}

} // namespace

SqliteEntryWriter::SqliteEntryWriter(SQLite::Database& db, const ImportBatch* batch)
    : db_(db), replaced_(db, "SELECT id FROM entries WHERE corrects = ?"),
      insert_one_(db, insert_sql(1)) {
  if (batch) batch_ = *batch;
  begin();
}

// Take the write lock and read the chain's head and the next id under it.
void SqliteEntryWriter::begin() {
  tx_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement head(db_, "SELECT hash FROM entries ORDER BY id DESC LIMIT 1");
  previous_ = head.executeStep() ? head.getColumn(0).getString() : audit::genesis_hash;
  SQLite::Statement highest(db_, "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE "
                                 "name = 'entries'), 0), COALESCE((SELECT MAX(id) FROM "
                                 "entries), 0))");
  highest.executeStep();
  next_id_ = highest.getColumn(0).getInt64() + 1;
  if (batch_ && batch_id_ == 0) {
    SQLite::Statement insert(db_, "INSERT INTO import_batches (file, started_at, started_by) "
                                  "VALUES (?, ?, ?)");
    insert.bind(1, batch_->file);
    insert.bind(2, format_timestamp(batch_->started_at));
    insert.bind(3, batch_->started_by);
    insert.exec();
    batch_id_ = db_.getLastInsertRowid();
  }
}

std::int64_t SqliteEntryWriter::append(Entry& e) {
  if (!tx_) begin();
  if (e.corrects) {
    flush(); // the entry it replaces, and any correction of it, must be in the table
    check_latest_version(replaced_, *e.corrects);
  }
  e.id = next_id_;
  e.hash = audit::chain_hash(previous_, e);
  pending_.push_back(e);
  if (pending_.size() == batch_rows) flush();
  previous_ = e.hash;
  return next_id_++;
}

void SqliteEntryWriter::bind(SQLite::Statement& insert, int row, const Entry& e) {
  int at = row * columns;
  auto text = [&](int column, const std::string& value) { insert.bindNoCopy(at + column, value); };
  insert.bind(at + 1, e.id);
  text(2, e.plan_id);
  text(3, e.target_id);
  text(4, e.period.text);
  insert.bind(at + 5, format_date(e.period.start));
  insert.bind(at + 6, format_date(e.period.end));
  insert.bind(at + 7, e.value);
  text(8, e.value_text);
  text(9, e.unit);
  // An import stamps every row with the same instant: format it once.
  if (recorded_at_text_.empty() || e.recorded_at != recorded_at_) {
    recorded_at_ = e.recorded_at;
    recorded_at_text_ = format_timestamp(e.recorded_at);
  }
  insert.bind(at + 10, recorded_at_text_);
  text(11, e.recorded_by);
  text(12, e.source);
  text(13, e.note);
  insert.bind(at + 14, e.provisional ? 1 : 0);
  insert.bind(at + 15, names_json(e.entities));
  insert.bind(at + 16, std::string(to_string(e.action)));
  if (e.corrects)
    insert.bind(at + 17, *e.corrects);
  else
    insert.bind(at + 17);
  text(18, e.reason);
  text(19, e.hash);
  if (e.state)
    insert.bind(at + 20, std::string(to_string(*e.state)));
  else
    insert.bind(at + 20);
  insert.bind(at + 21, names_json(e.evidence));
  text(22, e.step);
  if (e.part)
    insert.bind(at + 23, std::string(to_string(*e.part)));
  else
    insert.bind(at + 23);
  text(24, e.peer);
  if (batch_id_ != 0)
    insert.bind(at + 25, batch_id_);
  else
    insert.bind(at + 25);
}

void SqliteEntryWriter::flush() {
  if (pending_.empty()) return;
  // A full batch goes in one statement: a statement's fixed cost (its savepoint, opening
  // the table and its indexes) is paid once for many rows.
  if (pending_.size() == batch_rows) {
    if (!insert_batch_) insert_batch_ = std::make_unique<SQLite::Statement>(db_, insert_sql(batch_rows));
    insert_batch_->reset();
    for (size_t i = 0; i < pending_.size(); ++i) bind(*insert_batch_, static_cast<int>(i), pending_[i]);
    insert_batch_->exec();
    insert_batch_->reset(); // release the bound buffers, which belong to pending_
  } else {
    for (const auto& e : pending_) {
      insert_one_.reset();
      bind(insert_one_, 0, e);
      insert_one_.exec();
      insert_one_.reset();
    }
  }
  pending_.clear();
}

void SqliteEntryWriter::commit() {
  if (!tx_) begin();
  flush();
  if (batch_id_ != 0) {
    // The batch's rows become visible with this transaction, all at once.
    SQLite::Statement finish(db_, "UPDATE import_batches SET finished_at = "
                                  "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    finish.bind(1, batch_id_);
    finish.exec();
  }
  tx_->commit();
  tx_.reset();
}

void SqliteEntryWriter::commit_part() {
  if (!batch_)
    throw std::logic_error("commit_part: this writer appends in one transaction (begin_entries)");
  if (!tx_) return;
  flush();
  tx_->commit();
  tx_.reset();
  // Leave the lock free for a moment: a writer waiting for it polls every millisecond
  // (poll_for_lock) and gets in before this one takes it back at its next append.
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
}

} // namespace plantrack::storage::sqlite
