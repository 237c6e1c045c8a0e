#include "storage/sqlite/entry_writer.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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

SqliteEntryWriter::SqliteEntryWriter(SQLite::Database& db)
    : tx_(db, SQLite::TransactionBehavior::IMMEDIATE),
      replaced_(db, "SELECT id FROM entries WHERE corrects = ?"),
      insert_(db, "INSERT INTO entries (id, plan_id, target_id, period, period_start, "
                  "period_end, value, value_text, unit, recorded_at, recorded_by, source, note, "
                  "provisional, entities, action, corrects, reason, hash, state, evidence, "
                  "step, part, peer) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {
  SQLite::Statement head(db, "SELECT hash FROM entries ORDER BY id DESC LIMIT 1");
  previous_ = head.executeStep() ? head.getColumn(0).getString() : audit::genesis_hash;
  SQLite::Statement highest(db, "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE "
                                "name = 'entries'), 0), COALESCE((SELECT MAX(id) FROM "
                                "entries), 0))");
  highest.executeStep();
  next_id_ = highest.getColumn(0).getInt64() + 1;
}

std::int64_t SqliteEntryWriter::append(Entry& e) {
  if (e.corrects) check_latest_version(replaced_, *e.corrects);
  e.id = next_id_;
  e.hash = audit::chain_hash(previous_, e);
  // An import stamps every row with the same instant: format it once.
  if (recorded_at_text_.empty() || e.recorded_at != recorded_at_) {
    recorded_at_ = e.recorded_at;
    recorded_at_text_ = format_timestamp(e.recorded_at);
  }
  insert_.reset();
  insert_.bindNoCopy(2, e.plan_id);
  insert_.bindNoCopy(3, e.target_id);
  insert_.bindNoCopy(4, e.period.text);
  insert_.bind(1, e.id);
  insert_.bind(5, format_date(e.period.start));
  insert_.bind(6, format_date(e.period.end));
  insert_.bind(7, e.value);
  insert_.bindNoCopy(8, e.value_text);
  insert_.bindNoCopy(9, e.unit);
  insert_.bindNoCopy(10, recorded_at_text_);
  insert_.bindNoCopy(11, e.recorded_by);
  insert_.bindNoCopy(12, e.source);
  insert_.bindNoCopy(13, e.note);
  insert_.bind(14, e.provisional ? 1 : 0);
  if (e.entities.empty())
    insert_.bind(15, "[]");
  else
    insert_.bind(15, nlohmann::json(e.entities)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore));
  insert_.bind(16, std::string(to_string(e.action)));
  if (e.corrects)
    insert_.bind(17, *e.corrects);
  else
    insert_.bind(17);
  insert_.bindNoCopy(18, e.reason);
  insert_.bindNoCopy(19, e.hash);
  if (e.state)
    insert_.bind(20, std::string(to_string(*e.state)));
  else
    insert_.bind(20);
  if (e.evidence.empty())
    insert_.bind(21, "[]");
  else
    insert_.bind(21, nlohmann::json(e.evidence)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore));
  insert_.bindNoCopy(22, e.step);
  if (e.part)
    insert_.bind(23, std::string(to_string(*e.part)));
  else
    insert_.bind(23);
  insert_.bindNoCopy(24, e.peer);
  insert_.exec();
  insert_.reset(); // release the bound buffers, which belong to `e`
  previous_ = e.hash;
  return next_id_++;
}

void SqliteEntryWriter::commit() { tx_.commit(); }

} // namespace plantrack::storage::sqlite
