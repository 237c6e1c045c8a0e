#include "storage/sqlite/entry_writer.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

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

constexpr const char* replace_trigger = "entries_are_append_only_replace";

} // namespace

SqliteEntryWriter::SqliteEntryWriter(SQLite::Database& db, const ImportBatch* batch)
    : db_(db), replaced_(db, "SELECT id FROM entries WHERE corrects = ?"),
      insert_one_(db, insert_sql(1)) {
  if (batch) batch_ = *batch;
  begin();
}

SqliteEntryWriter::ForeignKeysOff::~ForeignKeysOff() {
  try {
    on();
  } catch (...) {
    // The connection is going or broken: there is nothing left to turn back on.
  }
}

void SqliteEntryWriter::ForeignKeysOff::off(SQLite::Database& db) {
  db.exec("PRAGMA foreign_keys = OFF");
  db_ = &db;
}

void SqliteEntryWriter::ForeignKeysOff::on() {
  if (!db_) return;
  auto* db = std::exchange(db_, nullptr);
  db->exec("PRAGMA foreign_keys = ON");
}

// Take the write lock and read the chain's head and the next id under it.
void SqliteEntryWriter::begin() {
  if (bulk()) keys_off_.off(db_);
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
  if (bulk()) {
    known_targets_.clear();
    last_plan_.clear();
    last_target_.clear();
    {
      SQLite::Statement trigger(db_, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                                     "AND name = ?");
      trigger.bind(1, replace_trigger);
      if (trigger.executeStep()) replace_trigger_ = trigger.getColumn(0).getString();
    } // finalized before the schema changes
    if (!replace_trigger_.empty()) db_.exec(fmt::format("DROP TRIGGER {}", replace_trigger));
  }
}

// Before a commit: every row in, and the schema as it was.
void SqliteEntryWriter::end_part() {
  flush();
  if (!replace_trigger_.empty()) {
    db_.exec(replace_trigger_);
    replace_trigger_.clear();
  }
}

// Bulk parts check the keys SQLite's foreign keys would: the row's target, once per target
// and part, and the entry a correction replaces. The import_batches row is this writer's own.
void SqliteEntryWriter::require_keys(const Entry& e) {
  if (!keys_off_.is_off()) return;
  const bool same_target = e.plan_id == last_plan_ && e.target_id == last_target_;
  if (!same_target) {
    std::string key = e.plan_id + '\n' + e.target_id;
    if (known_targets_.count(key) == 0) {
      if (!target_exists_)
        target_exists_ = std::make_unique<SQLite::Statement>(
            db_, "SELECT 1 FROM targets WHERE plan_id = ? AND id = ?");
      target_exists_->reset();
      target_exists_->bind(1, e.plan_id);
      target_exists_->bind(2, e.target_id);
      bool found = target_exists_->executeStep();
      target_exists_->reset();
      if (!found)
        throw StorageError(fmt::format("FOREIGN KEY constraint failed: entry {} names {}/{}, "
                                       "which is not among the stored targets",
                                       e.id, e.plan_id, e.target_id));
      known_targets_.insert(std::move(key));
    }
    last_plan_ = e.plan_id;
    last_target_ = e.target_id;
  }
  if (e.corrects) {
    if (!entry_exists_)
      entry_exists_ =
          std::make_unique<SQLite::Statement>(db_, "SELECT 1 FROM entries WHERE id = ?");
    entry_exists_->reset();
    entry_exists_->bind(1, *e.corrects);
    bool found = entry_exists_->executeStep();
    entry_exists_->reset();
    if (!found)
      throw StorageError(fmt::format("FOREIGN KEY constraint failed: entry {} corrects entry "
                                     "{}, which is not stored",
                                     e.id, *e.corrects));
  }
}

std::int64_t SqliteEntryWriter::append(Entry& e) {
  if (!tx_) begin();
  if (e.corrects) {
    flush(); // the entry it replaces, and any correction of it, must be in the table
    check_latest_version(replaced_, *e.corrects);
  }
  e.id = next_id_;
  require_keys(e);
  if (bulk()) {
    filling_.push_back(std::move(e)); // the import reads its next row into e
    if (filling_.size() == chunk_rows) hand_over();
    return next_id_++;
  }
  e.hash = audit::chain_hash(previous_, e);
  pending_.push_back(e);
  if (pending_.size() == batch_rows) flush();
  previous_ = e.hash;
  return next_id_++;
}

// The chunk being hashed, once it is; previous_ is then its last hash.
std::vector<Entry> SqliteEntryWriter::settle() {
  std::vector<Entry> done;
  if (!hashed_.valid()) return done;
  hashed_.get(); // rethrows what the hashing threw
  done = std::move(hashing_);
  hashing_.clear();
  if (!done.empty()) previous_ = done.back().hash;
  return done;
}

void SqliteEntryWriter::hand_over() {
  auto done = settle();
  hashing_ = std::move(filling_);
  filling_.clear();
  filling_.reserve(chunk_rows);
  // The second thread touches only hashing_, and its own copy of the previous hash, until
  // settle() waits for it.
  hashed_ = std::async(std::launch::async, [rows = &hashing_, previous = previous_]() mutable {
    for (auto& e : *rows) {
      e.hash = audit::chain_hash(previous, e);
      previous = e.hash;
    }
  });
  insert_rows(done.data(), done.size());
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

void SqliteEntryWriter::insert_rows(const Entry* rows, size_t count) {
  // Full batches go in one statement each: a statement's fixed cost (its savepoint, opening
  // the table and its indexes) is paid once for many rows.
  size_t at = 0;
  for (; count - at >= batch_rows; at += batch_rows) {
    if (!insert_batch_) insert_batch_ = std::make_unique<SQLite::Statement>(db_, insert_sql(batch_rows));
    insert_batch_->reset();
    for (size_t i = 0; i < batch_rows; ++i) bind(*insert_batch_, static_cast<int>(i), rows[at + i]);
    insert_batch_->exec();
    insert_batch_->reset(); // release the bound buffers, which belong to the rows
  }
  for (; at < count; ++at) {
    insert_one_.reset();
    bind(insert_one_, 0, rows[at]);
    insert_one_.exec();
    insert_one_.reset();
  }
}

void SqliteEntryWriter::flush() {
  if (bulk()) {
    auto done = settle();
    insert_rows(done.data(), done.size());
    for (auto& e : filling_) {
      e.hash = audit::chain_hash(previous_, e);
      previous_ = e.hash;
    }
    insert_rows(filling_.data(), filling_.size());
    filling_.clear();
    return;
  }
  insert_rows(pending_.data(), pending_.size());
  pending_.clear();
}

void SqliteEntryWriter::commit() {
  if (!tx_) begin();
  end_part();
  if (batch_id_ != 0) {
    // The batch's rows become visible with this transaction, all at once.
    SQLite::Statement finish(db_, "UPDATE import_batches SET finished_at = "
                                  "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    finish.bind(1, batch_id_);
    finish.exec();
  }
  tx_->commit();
  tx_.reset();
  keys_off_.on();
}

void SqliteEntryWriter::commit_part() {
  if (!batch_)
    throw std::logic_error("commit_part: this writer appends in one transaction (begin_entries)");
  if (!tx_) return;
  end_part();
  tx_->commit();
  tx_.reset();
  keys_off_.on();
  // Leave the lock free for a moment: a writer waiting for it polls every millisecond
  // (poll_for_lock) and gets in before this one takes it back at its next append.
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
}

} // namespace plantrack::storage::sqlite
