#include "storage/sqlite/entry_writer.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
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
    "INSERT INTO entries (id, plan_id, target_id, period, value, value_text, unit, recorded_at, "
    "recorded_by, source, note, provisional, entities, action, corrects, reason, hash, state, "
    "evidence, step, part, peer, batch) VALUES ";
constexpr int columns = 23;

// `rows` rows of 23 parameters each.
std::string insert_sql(size_t rows) {
  std::string sql = insert_head;
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ",?";
  row += ')';
  for (size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ",") + row;
  return sql;
}

std::string names_json(const std::vector<std::string>& names) {
  return nlohmann::json(names).dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
}

// The stored name of an enum value, as a string that lives as long as the process, so that it
// is bound without a copy: a copy is an allocation, and an import binds a million rows.
template <typename E>
const std::string& lasting_name(E value) {
  static const auto names = [] {
    std::array<std::string, enum_table<E>.size()> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::string(enum_table<E>[i].name);
    return out;
  }();
  return names.at(static_cast<std::size_t>(value));
}

// A JSON array of names, as stored: most entries name none.
void bind_names(SQLite::Statement& insert, int index, const std::vector<std::string>& names) {
  static const std::string none = "[]";
  if (names.empty())
    insert.bindNoCopy(index, none);
  else
    insert.bind(index, names_json(names));
}

constexpr const char* replace_trigger = "entries_are_append_only_replace";

} // namespace

SqliteEntryWriter::SqliteEntryWriter(SQLite::Database& db, const ImportBatch* batch)
    : db_(db), replaced_(db, "SELECT id FROM entries WHERE corrects = ?"),
      insert_one_(db, insert_sql(1)), hash_bytes_(batch_rows) {
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
  previous_ = head.executeStep() ? hash_text(head.getColumn(0)) : audit::genesis_hash;
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

// The chunk being hashed, once it is, with its hashes' bytes; previous_ is then its last hash.
std::vector<Entry> SqliteEntryWriter::settle(std::vector<HashBytes>& hashes) {
  std::vector<Entry> done;
  hashes.clear();
  if (!hashed_.valid()) return done;
  Hashed hashed = hashed_.get(); // rethrows what the hashing threw
  done = std::move(hashing_);
  hashing_.clear();
  if (!done.empty()) previous_ = std::move(hashed.last);
  hashes = std::move(hashed.bytes);
  return done;
}

void SqliteEntryWriter::hand_over() {
  std::vector<HashBytes> hashes;
  auto done = settle(hashes);
  hashing_ = std::move(filling_);
  filling_.clear();
  filling_.reserve(chunk_rows);
  // The second thread touches only hashing_, and its own copy of the previous hash, until
  // settle() waits for it.
  hashed_ = std::async(std::launch::async, [rows = &hashing_, previous = previous_]() mutable {
    Hashed out;
    out.bytes.resize(rows->size());
    for (size_t i = 0; i < rows->size(); ++i) {
      std::string hash = audit::chain_hash(previous, (*rows)[i]);
      if (!hash_bytes(hash, out.bytes[i]))
        throw StorageError(fmt::format("entry {} got no SHA-256 hash", (*rows)[i].id));
      previous = std::move(hash);
    }
    out.last = std::move(previous);
    return out;
  });
  insert_rows(done.data(), done.size(), hashes.data());
}

void SqliteEntryWriter::bind(SQLite::Statement& insert, int row, const Entry& e,
                             const HashBytes* hash) {
  int at = row * columns;
  auto text = [&](int column, const std::string& value) { insert.bindNoCopy(at + column, value); };
  insert.bind(at + 1, e.id);
  text(2, e.plan_id);
  text(3, e.target_id);
  text(4, e.period.text);
  insert.bind(at + 5, e.value);
  text(6, e.value_text);
  text(7, e.unit);
  // An import stamps every row with the same instant: format it once.
  if (recorded_at_text_.empty() || e.recorded_at != recorded_at_) {
    recorded_at_ = e.recorded_at;
    recorded_at_text_ = format_timestamp(e.recorded_at);
  }
  text(8, recorded_at_text_);
  text(9, e.recorded_by);
  text(10, e.source);
  text(11, e.note);
  insert.bind(at + 12, e.provisional ? 1 : 0);
  bind_names(insert, at + 13, e.entities);
  insert.bindNoCopy(at + 14, lasting_name(e.action));
  if (e.corrects)
    insert.bind(at + 15, *e.corrects);
  else
    insert.bind(at + 15);
  text(16, e.reason);
  // The hash's 32 bytes (migration 007), kept until the statement has run.
  if (!hash) {
    HashBytes& own = hash_bytes_.at(static_cast<size_t>(row));
    if (!hash_bytes(e.hash, own))
      throw StorageError(fmt::format("entry {} has no SHA-256 hash to store", e.id));
    hash = &own;
  }
  insert.bindNoCopy(at + 17, hash->data(), static_cast<int>(hash->size()));
  if (e.state)
    insert.bindNoCopy(at + 18, lasting_name(*e.state));
  else
    insert.bind(at + 18);
  bind_names(insert, at + 19, e.evidence);
  text(20, e.step);
  if (e.part)
    insert.bindNoCopy(at + 21, lasting_name(*e.part));
  else
    insert.bind(at + 21);
  text(22, e.peer);
  if (batch_id_ != 0)
    insert.bind(at + 23, batch_id_);
  else
    insert.bind(at + 23);
}

void SqliteEntryWriter::insert_rows(const Entry* rows, size_t count, const HashBytes* hashes) {
  // Full batches go in one statement each: a statement's fixed cost (its savepoint, opening
  // the table and its indexes) is paid once for many rows.
  size_t at = 0;
  for (; count - at >= batch_rows; at += batch_rows) {
    if (!insert_batch_) insert_batch_ = std::make_unique<SQLite::Statement>(db_, insert_sql(batch_rows));
    insert_batch_->reset();
    for (size_t i = 0; i < batch_rows; ++i)
      bind(*insert_batch_, static_cast<int>(i), rows[at + i], hashes ? &hashes[at + i] : nullptr);
    insert_batch_->exec();
    insert_batch_->reset(); // release the bound buffers, which belong to the rows
  }
  for (; at < count; ++at) {
    insert_one_.reset();
    bind(insert_one_, 0, rows[at], hashes ? &hashes[at] : nullptr);
    insert_one_.exec();
    insert_one_.reset();
  }
}

void SqliteEntryWriter::flush() {
  if (bulk()) {
    std::vector<HashBytes> hashes;
    auto done = settle(hashes);
    insert_rows(done.data(), done.size(), hashes.data());
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
