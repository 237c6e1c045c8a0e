// The SQLite backend: WAL, BEGIN IMMEDIATE writes, a busy timeout, foreign keys (SPEC §4).

#include "errors.hpp"
#include "audit/approvals.hpp"
#include "audit/chain.hpp"
#include "planfile/plan_file.hpp"
#include "storage/schema_version.hpp"
#include "storage/sqlite/entry_rows.hpp"
#include "storage/sqlite/entry_writer.hpp"
#include "storage/sqlite/guarded.hpp"
#include "storage/sqlite/statement.hpp"
#include "storage/sqlite/stored_hash.hpp"
#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <numeric>
#include <string_view>
#include <thread>

namespace plantrack::storage::sqlite {
namespace {

#include "migrations.inc" // defines `migrations`, generated from schemas/migrations/*.sql

constexpr int busy_timeout_ms = 30000;

// A writer that finds the lock taken polls for it every millisecond, for up to 30 s. SQLite's
// own busy timeout backs off to 100 ms between tries and would keep missing the short gaps an
// import in parts leaves between its parts (SqliteEntryWriter::commit_part).
int poll_for_lock(void* start_ptr, int tries) {
  using namespace std::chrono;
  auto& start = *static_cast<steady_clock::time_point*>(start_ptr);
  if (tries == 0) start = steady_clock::now();
  if (steady_clock::now() - start > milliseconds(busy_timeout_ms)) return 0;
  std::this_thread::sleep_for(milliseconds(1));
  return 1;
}

// What a read adds to leave out the entries of unfinished imports (migration 004).
constexpr std::string_view finished_only =
    " AND (batch IS NULL OR batch NOT IN (SELECT id FROM import_batches WHERE finished_at IS "
    "NULL))";

// One read snapshot for the statements of one call (outside a write transaction): what the
// first statement sees about unfinished imports holds for the rest.
class ReadSnapshot {
public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db) {
    if (sqlite3_get_autocommit(db_.getHandle()) != 0) {
      db_.exec("BEGIN");
      open_ = true;
    }
  }
  ~ReadSnapshot() {
    if (open_) sqlite3_exec(db_.getHandle(), "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
  SQLite::Database& db_;
  bool open_ = false;
};

Timestamp timestamp_of(const std::string& text) {
  if (auto t = try_parse_timestamp(text)) return *t;
  throw StorageError(fmt::format("the database holds a malformed timestamp '{}'", text));
}

// `rows` sorted by id, each entry moved once (an Entry is a dozen strings: no swapping).
std::vector<Entry> in_id_order(std::vector<Entry> rows) {
  auto by_id = [](const Entry& a, const Entry& b) { return a.id < b.id; };
  if (std::is_sorted(rows.begin(), rows.end(), by_id)) return rows;
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows[a].id < rows[b].id; });
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (auto i : order) out.push_back(std::move(rows[i]));
  return out;
}

class SqliteStorage final : public Storage {
public:
  explicit SqliteStorage(const std::string& path)
      // A connection serves one thread (each command opens its own): no mutex on every call.
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX) {
    sqlite3_busy_handler(db_.getHandle(), poll_for_lock, &busy_since_);
    add_hash_function(db_); // for migration 007
    db_.exec("PRAGMA foreign_keys = ON");
    if (path != ":memory:") db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
  }

  int migrate() override {
    // Most opens find the schema current: look without the write lock, which an import may
    // hold for minutes (readers must not queue behind it, nor time out).
    const int latest = latest_version(migrations);
    if (int current = schema_version(); current >= latest) {
      refuse_newer_schema(current, latest);
      return current;
    }
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
             " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    int current = schema_version(); // again, under the lock: another process may have migrated
    refuse_newer_schema(current, latest);
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      db_.exec(m.sql);
      SQLite::Statement insert(db_, "INSERT INTO schema_migrations (version, name, applied_at) "
                                    "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
      insert.bind(1, m.version);
      insert.bind(2, m.name);
      insert.exec();
      current = m.version;
    }
    tx.commit();
    return current;
  }

  std::vector<ImportOutcome> import_plans(const std::vector<PlanDocument>& plans, Timestamp at,
                                          const std::string& by,
                                          const std::string& reason) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<ImportOutcome> outcomes;
    const std::string when = format_timestamp(at);
    for (const auto& p : plans) {
      const std::string doc = p.document.dump();
      SQLite::Statement latest(db_, "SELECT revision, document FROM plan_revisions "
                                    "WHERE plan_id = ? ORDER BY revision DESC LIMIT 1");
      latest.bind(1, p.plan.id);
      int revision = 0;
      std::vector<std::string> changes;
      if (latest.executeStep()) {
        revision = latest.getColumn(0).getInt();
        auto previous = nlohmann::json::parse(latest.getColumn(1).getString());
        if (previous == p.document) {
          outcomes.push_back(ImportOutcome::unchanged);
          continue;
        }
        if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
          throw InputError(fmt::format("plan '{}' differs from its revision {} in the database; "
                                       "pass --reason \"why it changed\" to record revision {}",
                                       p.plan.id, revision, revision + 1));
        changes = planfile::diff_plans(previous, p.document);
      } else {
        SQLite::Statement insert(db_, "INSERT INTO plans (id, created_at) VALUES (?, ?)");
        insert.bind(1, p.plan.id);
        insert.bind(2, when);
        insert.exec();
      }
      SQLite::Statement insert(db_, "INSERT INTO plan_revisions (plan_id, revision, document, "
                                    "imported_at, imported_by, reason, changes) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, p.plan.id);
      insert.bind(2, revision + 1);
      insert.bind(3, doc);
      insert.bind(4, when);
      insert.bind(5, by);
      insert.bind(6, revision == 0 ? std::string() : reason);
      insert.bind(7, nlohmann::json(changes).dump());
      insert.exec();
      // Entries refer to targets and tasks alike (migration 002).
      SQLite::Statement item(db_, "INSERT OR IGNORE INTO targets (plan_id, id) VALUES (?, ?)");
      auto register_item = [&](const std::string& id) {
        item.reset();
        item.bind(1, p.plan.id);
        item.bind(2, id);
        item.exec();
      };
      for (const auto& t : p.plan.targets) register_item(t.id);
      for (const auto& t : p.plan.tasks) register_item(t.id);
      outcomes.push_back(revision == 0 ? ImportOutcome::created : ImportOutcome::revised);
    }
    tx.commit();
    return outcomes;
  }

  std::vector<PlanSummary> list_plans(std::optional<Timestamp> at) override {
    ReadSnapshot snapshot(db_);
    std::map<std::string, int> counts;
    SQLite::Statement count(
        db_, visible(hiding(), "SELECT plan_id, COUNT(*) FROM entries WHERE 1", " GROUP BY plan_id"));
    while (count.executeStep()) counts[count.getColumn(0).getString()] = count.getColumn(1).getInt();
    // The revision in force at `at`: the highest one imported by then.
    SQLite::Statement q(db_, "SELECT r.plan_id, r.revision, r.document, r.imported_at, "
                             "r.imported_by FROM plan_revisions r WHERE r.revision = "
                             "(SELECT MAX(revision) FROM plan_revisions WHERE plan_id = r.plan_id "
                             "AND (?1 = '' OR imported_at <= ?1)) ORDER BY r.plan_id");
    q.bind(1, at ? format_timestamp(*at) : std::string());
    std::vector<PlanSummary> out;
    while (q.executeStep()) {
      Plan plan = planfile::plan_from_document(nlohmann::json::parse(q.getColumn(2).getString()));
      PlanSummary s;
      s.id = plan.id;
      s.title = plan.title;
      s.issuer = plan.issuer;
      s.revision = q.getColumn(1).getInt();
      s.targets = static_cast<int>(plan.targets.size());
      s.entries = counts[plan.id];
      s.imported_at = timestamp_of(q.getColumn(3).getString());
      s.imported_by = q.getColumn(4).getString();
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<std::string> plan_ids(std::optional<Timestamp> at) override {
    SQLite::Statement q(db_, "SELECT DISTINCT plan_id FROM plan_revisions WHERE ?1 = '' OR "
                             "imported_at <= ?1 ORDER BY plan_id");
    q.bind(1, at ? format_timestamp(*at) : std::string());
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  }

  std::int64_t checks_version() override {
    SQLite::Statement q(db_, "SELECT (SELECT COUNT(*) FROM plan_revisions) + (SELECT COUNT(*) "
                             "FROM approvals)");
    q.executeStep();
    return q.getColumn(0).getInt64();
  }

  std::optional<PlanDocument> find_plan(const std::string& id,
                                        std::optional<Timestamp> at) override {
    SQLite::Statement q(db_, "SELECT document FROM plan_revisions WHERE plan_id = ?1 "
                             "AND (?2 = '' OR imported_at <= ?2) ORDER BY revision DESC LIMIT 1");
    q.bind(1, id);
    q.bind(2, at ? format_timestamp(*at) : std::string());
    if (!q.executeStep()) return std::nullopt;
    auto doc = nlohmann::json::parse(q.getColumn(0).getString());
    return PlanDocument{planfile::plan_from_document(doc), doc};
  }

  std::optional<PlanDocument> find_plan_revision(const std::string& id, int revision) override {
    SQLite::Statement q(db_, "SELECT document FROM plan_revisions WHERE plan_id = ? AND "
                             "revision = ?");
    q.bind(1, id);
    q.bind(2, revision);
    if (!q.executeStep()) return std::nullopt;
    auto doc = nlohmann::json::parse(q.getColumn(0).getString());
    return PlanDocument{planfile::plan_from_document(doc), doc};
  }

  std::vector<PlanRevision> plan_revisions(const std::string& id) override {
    SQLite::Statement q(db_, "SELECT revision, imported_at, imported_by, reason, changes "
                             "FROM plan_revisions WHERE plan_id = ? ORDER BY revision");
    q.bind(1, id);
    std::vector<PlanRevision> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt(), timestamp_of(q.getColumn(1).getString()),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     nlohmann::json::parse(q.getColumn(4).getString()).get<std::vector<std::string>>()});
    return out;
  }

  std::vector<std::int64_t> append_entries(std::vector<Entry>& entries) override {
    SqliteEntryWriter writer(db_);
    std::vector<std::int64_t> ids;
    ids.reserve(entries.size());
    for (auto& e : entries) ids.push_back(writer.append(e));
    writer.commit();
    return ids;
  }

  std::unique_ptr<EntryWriter> begin_entries() override {
    return std::make_unique<SqliteEntryWriter>(db_);
  }

  std::unique_ptr<EntryWriter> begin_import(const ImportBatch& batch) override {
    return std::make_unique<SqliteEntryWriter>(db_, &batch);
  }

  std::vector<UnfinishedImport> unfinished_imports() override {
    SQLite::Statement q(db_, "SELECT b.id, b.file, b.started_at, b.started_by, (SELECT COUNT(*) "
                             "FROM entries WHERE batch = b.id) FROM import_batches b "
                             "WHERE b.finished_at IS NULL ORDER BY b.id");
    std::vector<UnfinishedImport> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(),
                     {q.getColumn(1).getString(), timestamp_of(q.getColumn(2).getString()),
                      q.getColumn(3).getString()},
                     q.getColumn(4).getInt64()});
    return out;
  }

  std::vector<Entry> entries(const EntryFilter& filter) override {
    ReadSnapshot snapshot(db_);
    const bool hide = !filter.unfinished && hiding();
    if (filter.plan_id.empty()) {
      // Every entry (of a target id in any plan): the table's own order is id order.
      auto sql = filter.target_id.empty()
                     ? visible(hide, "SELECT " PLANTRACK_ENTRY_COLUMNS " FROM entries WHERE 1",
                               " ORDER BY id")
                     : visible(hide, "SELECT " PLANTRACK_ENTRY_COLUMNS " FROM entries "
                                     "WHERE target_id = ?1", " ORDER BY id");
      EntryQuery q(db_, sql.c_str());
      if (!filter.target_id.empty()) q.bind(1, filter.target_id);
      std::vector<Entry> out;
      EntryRows decode;
      while (q.step()) decode.read(q, out.emplace_back());
      return out;
    }
    // A plan, or one of its targets: read through entries_by_target and put the rows in id
    // order here. One statement per shape keeps the index usable (an OR on the bound value
    // defeats it), and no ORDER BY: SQLite would copy every whole row through its sorter,
    // which costs twice the reading (docs/benchmarks.md).
    const bool one_target = !filter.target_id.empty();
    auto count_sql = visible(hide, one_target ? "SELECT COUNT(*) FROM entries WHERE plan_id = ?1 "
                                                "AND target_id = ?2"
                                              : "SELECT COUNT(*) FROM entries WHERE plan_id = ?1");
    auto sql = visible(hide, one_target ? "SELECT " PLANTRACK_ENTRY_COLUMNS " FROM entries "
                                          "WHERE plan_id = ?1 AND target_id = ?2"
                                        : "SELECT " PLANTRACK_ENTRY_COLUMNS " FROM entries "
                                          "WHERE plan_id = ?1");
    EntryQuery count(db_, count_sql.c_str());
    EntryQuery q(db_, sql.c_str());
    for (auto* statement : {&count, &q}) {
      statement->bind(1, filter.plan_id);
      if (one_target) statement->bind(2, filter.target_id);
    }
    std::vector<Entry> rows;
    if (count.step()) rows.reserve(static_cast<size_t>(count.int64(0)));
    EntryRows decode;
    while (q.step()) decode.read(q, rows.emplace_back());
    return in_id_order(std::move(rows));
  }

  std::vector<Entry> assessment_entries(const std::string& plan_id) override {
    // Only the columns assessment reads; through entries_by_target, so rows come target by
    // target (EntryRows parses each distinct period and timestamp once).
    ReadSnapshot snapshot(db_);
    const bool hide = hiding();
    auto count_sql = visible(hide, "SELECT COUNT(*) FROM entries WHERE plan_id = ?1");
    auto sql = visible(hide, "SELECT " PLANTRACK_ASSESSMENT_COLUMNS " FROM entries WHERE plan_id = ?1",
                       " ORDER BY target_id");
    EntryQuery count(db_, count_sql.c_str());
    EntryQuery q(db_, sql.c_str());
    count.bind(1, plan_id);
    q.bind(1, plan_id);
    std::vector<Entry> rows;
    if (count.step()) rows.reserve(static_cast<size_t>(count.int64(0)));
    EntryRows decode(plan_id);
    while (q.step()) decode.read(q, rows.emplace_back());
    return rows;
  }

  std::optional<Entry> find_entry(std::int64_t id) override {
    auto sql = visible(true, "SELECT " PLANTRACK_ENTRY_COLUMNS " FROM entries WHERE id = ?1");
    EntryQuery q(db_, sql.c_str());
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    Entry e;
    EntryRows().read(q, e);
    return e;
  }

  std::int64_t highest_entry_id() override {
    SQLite::Statement q(db_, "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = "
                             "'entries'), 0), COALESCE((SELECT MAX(id) FROM entries), 0))");
    q.executeStep();
    return q.getColumn(0).getInt64();
  }

  void add_schedule(const Schedule& sc) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement taken(db_, "SELECT plan_id FROM schedules WHERE name = ?");
    taken.bind(1, sc.name);
    if (taken.executeStep())
      throw InputError(fmt::format("schedule name '{}' is already taken (plan {}); choose another "
                                   "name or `plantrack schedule remove {}` first",
                                   sc.name, taken.getColumn(0).getString(), sc.name));
    SQLite::Statement insert(db_, "INSERT INTO schedules (name, plan_id, every, format, out_dir, "
                                  "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, sc.name);
    insert.bind(2, sc.plan_id);
    insert.bind(3, std::string(to_string(sc.every)));
    insert.bind(4, sc.format);
    insert.bind(5, sc.out_dir);
    insert.bind(6, format_timestamp(sc.created_at));
    insert.bind(7, sc.created_by);
    insert.exec();
    tx.commit();
  }

  std::vector<Schedule> schedules() override {
    SQLite::Statement q(db_, "SELECT name, plan_id, every, format, out_dir, created_at, "
                             "created_by FROM schedules ORDER BY name");
    std::vector<Schedule> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     parse_enum<Cadence>(q.getColumn(2).getString()), q.getColumn(3).getString(),
                     q.getColumn(4).getString(), timestamp_of(q.getColumn(5).getString()),
                     q.getColumn(6).getString()});
    return out;
  }

  void remove_schedule(const std::string& name) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement del(db_, "DELETE FROM schedules WHERE name = ?");
    del.bind(1, name);
    if (del.exec() == 0)
      throw InputError(fmt::format("no schedule named '{}'; see `plantrack schedule list`", name));
    tx.commit();
  }

  std::optional<ArchivedReport> archive_once(
      const std::string& schedule, const std::string& period,
      const std::function<ArchivedReport()>& produce) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement done(db_, "SELECT 1 FROM reports WHERE schedule = ? AND period = ?");
    done.bind(1, schedule);
    done.bind(2, period);
    if (done.executeStep()) return std::nullopt;
    ArchivedReport r = produce();
    SQLite::Statement insert(db_, "INSERT INTO reports (schedule, plan_id, period, format, path, "
                                  "sha256, as_of, known_at, generated_at, generated_by) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, schedule);
    insert.bind(2, r.plan_id);
    insert.bind(3, period);
    insert.bind(4, r.format);
    insert.bind(5, r.path);
    insert.bind(6, r.sha256);
    insert.bind(7, format_date(r.as_of));
    insert.bind(8, format_timestamp(r.known_at));
    insert.bind(9, format_timestamp(r.generated_at));
    insert.bind(10, r.generated_by);
    insert.exec();
    r.id = db_.getLastInsertRowid();
    r.schedule = schedule;
    r.period = period;
    tx.commit();
    return r;
  }

  std::vector<ArchivedReport> reports() override {
    SQLite::Statement q(db_, "SELECT id, schedule, plan_id, period, format, path, sha256, as_of, "
                             "known_at, generated_at, generated_by FROM reports ORDER BY id");
    std::vector<ArchivedReport> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getString(), q.getColumn(5).getString(),
                     q.getColumn(6).getString(), parse_date(q.getColumn(7).getString()),
                     timestamp_of(q.getColumn(8).getString()),
                     timestamp_of(q.getColumn(9).getString()), q.getColumn(10).getString()});
    return out;
  }

  void add_user(const User& user, const std::string& password_hash) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement taken(db_, "SELECT role FROM users WHERE name = ?");
    taken.bind(1, user.name);
    if (taken.executeStep())
      throw InputError(fmt::format("user name '{}' is already taken ({}); choose another name",
                                   user.name, taken.getColumn(0).getString()));
    SQLite::Statement insert(db_, "INSERT INTO users (name, role, password_hash, created_at, "
                                  "created_by) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, user.name);
    insert.bind(2, std::string(to_string(user.role)));
    insert.bind(3, password_hash);
    insert.bind(4, format_timestamp(user.created_at));
    insert.bind(5, user.created_by);
    insert.exec();
    auto insert_each = [&](const char* sql, const std::vector<std::string>& names) {
      SQLite::Statement pair(db_, sql);
      for (const auto& name : names) {
        pair.reset();
        pair.bind(1, user.name);
        pair.bind(2, name);
        pair.exec();
      }
    };
    insert_each("INSERT OR IGNORE INTO user_orgs (user, org) VALUES (?, ?)", user.orgs);
    insert_each("INSERT OR IGNORE INTO user_plans (user, plan_id) VALUES (?, ?)", user.plans);
    tx.commit();
  }

  std::vector<User> users() override { return read_users(""); }

  std::optional<User> find_user(const std::string& name) override {
    auto found = read_users(name);
    if (found.empty()) return std::nullopt;
    return found.front();
  }

  void disable_user(const std::string& name, Timestamp at) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(db_, "SELECT disabled_at FROM users WHERE name = ?");
    q.bind(1, name);
    if (!q.executeStep())
      throw InputError(fmt::format("no user named '{}'; see `plantrack user list`", name));
    if (!q.getColumn(0).isNull())
      throw InputError(fmt::format("user '{}' was already disabled at {}", name,
                                   q.getColumn(0).getString()));
    SQLite::Statement update(db_, "UPDATE users SET disabled_at = ? WHERE name = ?");
    update.bind(1, format_timestamp(at));
    update.bind(2, name);
    update.exec();
    SQLite::Statement revoke(db_, "UPDATE api_tokens SET revoked_at = ? WHERE user = ? AND "
                                  "revoked_at IS NULL");
    revoke.bind(1, format_timestamp(at));
    revoke.bind(2, name);
    revoke.exec();
    tx.commit();
  }

  std::int64_t add_token(const ApiToken& token) override {
    SQLite::Statement insert(db_, "INSERT INTO api_tokens (user, digest, created_at, created_by) "
                                  "VALUES (?, ?, ?, ?)");
    insert.bind(1, token.user);
    insert.bind(2, token.digest);
    insert.bind(3, format_timestamp(token.created_at));
    insert.bind(4, token.created_by);
    insert.exec();
    return db_.getLastInsertRowid();
  }

  std::optional<std::string> password_hash(const std::string& name) override {
    SQLite::Statement q(db_, "SELECT password_hash FROM users WHERE name = ?");
    q.bind(1, name);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  }

  std::optional<std::string> token_user(const std::string& digest) override {
    SQLite::Statement q(db_, "SELECT user FROM api_tokens WHERE digest = ? AND revoked_at IS NULL");
    q.bind(1, digest);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
  }

  std::optional<ConnectedRole> connected_role() override { return std::nullopt; }

  void append_approval(Approval& a, std::int64_t expected_latest) override {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement latest(db_, "SELECT COALESCE(MAX(id), 0) FROM approvals WHERE plan_id = ? "
                                  "AND org = ? AND period = ?");
    latest.bind(1, a.plan_id);
    latest.bind(2, a.org);
    latest.bind(3, a.period.text);
    latest.executeStep();
    if (latest.getColumn(0).getInt64() != expected_latest)
      throw InputError(fmt::format("period {} of {} in plan {} was acted on by someone else just "
                                   "now; look at it again and repeat if still needed",
                                   a.period.text, a.org, a.plan_id));
    SQLite::Statement previous(db_, "SELECT id, hash FROM approvals ORDER BY id DESC LIMIT 1");
    std::string previous_hash = audit::genesis_hash;
    a.id = 1;
    if (previous.executeStep()) {
      a.id = previous.getColumn(0).getInt64() + 1;
      previous_hash = previous.getColumn(1).getString();
    }
    SQLite::Statement head(db_, "SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1");
    a.entries_head = 0;
    a.entries_head_hash = audit::genesis_hash;
    if (head.executeStep()) {
      a.entries_head = head.getColumn(0).getInt64();
      a.entries_head_hash = hash_text(head.getColumn(1));
    }
    a.hash = audit::approval_hash(previous_hash, a);
    SQLite::Statement insert(db_, "INSERT INTO approvals (id, plan_id, org, period, period_start, "
                                  "period_end, action, reason, by, at, entries_head, "
                                  "entries_head_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?)");
    insert.bind(1, a.id);
    insert.bind(2, a.plan_id);
    insert.bind(3, a.org);
    insert.bind(4, a.period.text);
    insert.bind(5, format_date(a.period.start));
    insert.bind(6, format_date(a.period.end));
    insert.bind(7, std::string(to_string(a.action)));
    insert.bind(8, a.reason);
    insert.bind(9, a.by);
    insert.bind(10, format_timestamp(a.at));
    insert.bind(11, a.entries_head);
    insert.bind(12, a.entries_head_hash);
    insert.bind(13, a.hash);
    insert.exec();
    tx.commit();
  }

  std::vector<Approval> approvals(const std::string& plan_id) override {
    SQLite::Statement q(db_, "SELECT id, plan_id, org, period, action, reason, by, at, "
                             "entries_head, entries_head_hash, hash FROM approvals WHERE ?1 = '' "
                             "OR plan_id = ?1 ORDER BY id");
    q.bind(1, plan_id);
    std::vector<Approval> out;
    while (q.executeStep()) {
      Approval a;
      a.id = q.getColumn(0).getInt64();
      a.plan_id = q.getColumn(1).getString();
      a.org = q.getColumn(2).getString();
      try {
        a.period = parse_period(q.getColumn(3).getString());
        a.action = parse_enum<ApprovalAction>(q.getColumn(4).getString());
      } catch (const InputError& e) {
        throw StorageError(fmt::format("approval {} is malformed in the database: {}", a.id,
                                       e.what()));
      }
      a.reason = q.getColumn(5).getString();
      a.by = q.getColumn(6).getString();
      a.at = timestamp_of(q.getColumn(7).getString());
      a.entries_head = q.getColumn(8).getInt64();
      a.entries_head_hash = q.getColumn(9).getString();
      a.hash = q.getColumn(10).getString();
      out.push_back(std::move(a));
    }
    return out;
  }

  void backup_to(const std::string& path) override {
    // VACUUM INTO writes what one read transaction sees, compacted, into a new file; writers
    // go on meanwhile (WAL). It refuses a file that exists.
    SQLite::Statement q(db_, "VACUUM INTO ?");
    q.bind(1, path);
    q.exec();
  }

  void add_refusal(const Refusal& r) override {
    SQLite::Statement insert(db_, "INSERT INTO refusals (at, by, action, message) VALUES (?, ?, "
                                  "?, ?)");
    insert.bind(1, format_timestamp(r.at));
    insert.bind(2, r.by);
    insert.bind(3, r.action);
    insert.bind(4, r.message);
    insert.exec();
  }

  std::vector<Refusal> refusals() override {
    SQLite::Statement q(db_, "SELECT id, at, by, action, message FROM refusals ORDER BY id");
    std::vector<Refusal> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), timestamp_of(q.getColumn(1).getString()),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getString()});
    return out;
  }

private:
  // Users by name (all when `name` is empty), with their orgs and plans.
  std::vector<User> read_users(const std::string& name) {
    ReadSnapshot snapshot(db_);
    SQLite::Statement q(db_, "SELECT name, role, created_at, created_by, disabled_at FROM users "
                             "WHERE ?1 = '' OR name = ?1 ORDER BY name");
    q.bind(1, name);
    std::vector<User> out;
    while (q.executeStep()) {
      User u;
      u.name = q.getColumn(0).getString();
      u.role = parse_enum<Role>(q.getColumn(1).getString());
      u.created_at = timestamp_of(q.getColumn(2).getString());
      u.created_by = q.getColumn(3).getString();
      if (!q.getColumn(4).isNull()) u.disabled_at = timestamp_of(q.getColumn(4).getString());
      out.push_back(std::move(u));
    }
    SQLite::Statement orgs(db_, "SELECT org FROM user_orgs WHERE user = ? ORDER BY org");
    SQLite::Statement plans(db_, "SELECT plan_id FROM user_plans WHERE user = ? ORDER BY plan_id");
    auto read_names = [](SQLite::Statement& names_of, const std::string& user) {
      std::vector<std::string> names;
      names_of.reset();
      names_of.bind(1, user);
      while (names_of.executeStep()) names.push_back(names_of.getColumn(0).getString());
      return names;
    };
    for (auto& u : out) {
      u.orgs = read_names(orgs, u.name);
      u.plans = read_names(plans, u.name);
    }
    return out;
  }

  // The version recorded in the database; 0 for a new one.
  int schema_version() {
    SQLite::Statement table(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = 'schema_migrations'");
    if (!table.executeStep()) return 0;
    return db_.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
  }

  // Whether some import's parts are committed but not finished: then reads leave them out
  // (finished_only). Read first in a ReadSnapshot, so the reads after it agree.
  bool hiding() {
    EntryQuery q(db_, "SELECT EXISTS (SELECT 1 FROM import_batches WHERE finished_at IS NULL)");
    return q.step() && q.int64(0) != 0;
  }
  // `sql` followed by finished_only when entries are hidden, then `tail`.
  static std::string visible(bool hide, std::string_view sql, std::string_view tail = {}) {
    std::string out(sql);
    if (hide) out += finished_only;
    out += tail;
    return out;
  }

  // When the current wait for the lock began (poll_for_lock); declared before the connection
  // that refers to it, so that it outlives it.
  std::chrono::steady_clock::time_point busy_since_{};
  SQLite::Database db_;
};

} // namespace
} // namespace plantrack::storage::sqlite

namespace plantrack::storage {

namespace {

// SQLite counts every allocation it makes under one process-wide mutex, for
// sqlite3_memory_used(), which plantrack never asks; the locking took 4% of a large import
// (docs/benchmarks.md). The setting only takes before SQLite's first use in the process; a
// process that used SQLite before (a test's own connection) keeps the count, and nothing else
// changes.
void stop_counting_allocations() {
  static const int done = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(done);
}

} // namespace

std::unique_ptr<Storage> open_sqlite(const std::string& path) {
  stop_counting_allocations();
  auto storage =
      sqlite::guarded([&] { return sqlite::guard(std::make_unique<sqlite::SqliteStorage>(path)); });
  storage->migrate();
  return storage;
}

} // namespace plantrack::storage
