// The PostgreSQL backend (SPEC §4): the same interface, tables and answers as the SQLite one,
// for many officials at once. Every write takes one transaction-scoped lock (Session::lock),
// as SQLite's BEGIN IMMEDIATE does, so writers in any number of processes append to one
// linear hash chain; reads see one snapshot per call.

#include "audit/approvals.hpp"
#include "audit/chain.hpp"
#include "errors.hpp"
#include "model/enum_names.hpp"
#include "planfile/plan_file.hpp"
#include "storage/guarded_storage.hpp"
#include "storage/postgres/entry_rows.hpp"
#include "storage/postgres/entry_writer.hpp"
#include "storage/postgres/session.hpp"
#include "storage/schema_version.hpp"
#include "storage/storage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>

namespace plantrack::storage::postgres {
namespace {

#include "postgres_migrations.inc" // `migrations`, generated from schemas/migrations/postgres/*.sql

// What a read adds to leave out the entries of unfinished imports (migration 004).
constexpr std::string_view finished_only =
    " AND (batch IS NULL OR batch NOT IN (SELECT id FROM import_batches WHERE finished_at IS "
    "NULL))";

Timestamp timestamp_of(const pqxx::field& field) {
  if (auto t = try_parse_timestamp(field.c_str())) return *t;
  throw StorageError(fmt::format("the database holds a malformed timestamp '{}'", field.c_str()));
}

std::string text_of(const pqxx::field& field) { return field.c_str(); }

// `at` as bound for "in force at": empty for now.
std::string at_text(std::optional<Timestamp> at) {
  return at ? format_timestamp(*at) : std::string();
}

std::vector<Entry> read_entries(const pqxx::result& rows) {
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read_entry(row));
  return out;
}

struct PostgresErrors {
  template <typename F>
  static auto run(F&& body) -> decltype(body()) {
    return guarded(std::forward<F>(body));
  }
};

class PostgresStorage final : public Storage {
public:
  explicit PostgresStorage(const std::string& url) : session_(url) {}

  int migrate() override {
    // Most opens find the schema current: look without the write lock.
    const int latest = latest_version(migrations);
    if (int current = session_.read([&](auto& tx) { return schema_version(tx); });
        current >= latest) {
      refuse_newer_schema(current, latest);
      return current;
    }
    return session_.write([&](pqxx::transaction_base& tx) {
      tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      int current = schema_version(tx); // again, under the lock
      refuse_newer_schema(current, latest);
      for (const auto& m : migrations) {
        if (m.version <= current) continue;
        tx.exec(m.sql);
        // applied_at as SQLite's strftime('%Y-%m-%dT%H:%M:%SZ','now') writes it.
        tx.exec_params("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
                       "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                       m.version, std::string(m.name));
        current = m.version;
      }
      return current;
    });
  }

  std::vector<ImportOutcome> import_plans(const std::vector<PlanDocument>& plans, Timestamp at,
                                          const std::string& by,
                                          const std::string& reason) override {
    return session_.write([&](pqxx::transaction_base& tx) {
      std::vector<ImportOutcome> outcomes;
      const std::string when = format_timestamp(at);
      for (const auto& p : plans) {
        const std::string doc = p.document.dump();
        auto latest = tx.exec_params("SELECT revision, document FROM plan_revisions WHERE "
                                     "plan_id = $1 ORDER BY revision DESC LIMIT 1",
                                     p.plan.id);
        int revision = 0;
        std::vector<std::string> changes;
        if (!latest.empty()) {
          revision = latest[0][0].as<int>();
          auto previous = nlohmann::json::parse(latest[0][1].c_str());
          if (previous == p.document) {
            outcomes.push_back(ImportOutcome::unchanged);
            continue;
          }
          if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
            throw InputError(fmt::format("plan '{}' differs from its revision {} in the "
                                         "database; pass --reason \"why it changed\" to record "
                                         "revision {}",
                                         p.plan.id, revision, revision + 1));
          changes = planfile::diff_plans(previous, p.document);
        } else {
          tx.exec_params("INSERT INTO plans (id, created_at) VALUES ($1, $2)", p.plan.id, when);
        }
        tx.exec_params("INSERT INTO plan_revisions (plan_id, revision, document, imported_at, "
                       "imported_by, reason, changes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       p.plan.id, revision + 1, doc, when, by,
                       revision == 0 ? std::string() : reason, nlohmann::json(changes).dump());
        // Entries refer to targets and tasks alike (migration 002).
        std::vector<std::string> items;
        for (const auto& t : p.plan.targets) items.push_back(t.id);
        for (const auto& t : p.plan.tasks) items.push_back(t.id);
        for (const auto& id : items)
          tx.exec_params("INSERT INTO targets (plan_id, id) VALUES ($1, $2) ON CONFLICT DO "
                         "NOTHING",
                         p.plan.id, id);
        outcomes.push_back(revision == 0 ? ImportOutcome::created : ImportOutcome::revised);
      }
      return outcomes;
    });
  }

  std::vector<PlanSummary> list_plans(std::optional<Timestamp> at) override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::map<std::string, int> counts;
      for (const auto& row :
           tx.exec(visible(hiding(tx), "SELECT plan_id, COUNT(*) FROM entries WHERE TRUE",
                           " GROUP BY plan_id")))
        counts[row[0].c_str()] = row[1].as<int>();
      // The revision in force at `at`: the highest one imported by then.
      auto rows = tx.exec_params(
          "SELECT r.plan_id, r.revision, r.document, r.imported_at, r.imported_by FROM "
          "plan_revisions r WHERE r.revision = (SELECT MAX(revision) FROM plan_revisions WHERE "
          "plan_id = r.plan_id AND ($1 = '' OR imported_at <= $1)) ORDER BY r.plan_id",
          at_text(at));
      std::vector<PlanSummary> out;
      for (const auto& row : rows) {
        Plan plan = planfile::plan_from_document(nlohmann::json::parse(row[2].c_str()));
        PlanSummary s;
        s.id = plan.id;
        s.title = plan.title;
        s.issuer = plan.issuer;
        s.revision = row[1].as<int>();
        s.targets = static_cast<int>(plan.targets.size());
        s.entries = counts[plan.id];
        s.imported_at = timestamp_of(row[3]);
        s.imported_by = text_of(row[4]);
        out.push_back(std::move(s));
      }
      return out;
    });
  }

  std::vector<std::string> plan_ids(std::optional<Timestamp> at) override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<std::string> out;
      for (const auto& row : tx.exec_params("SELECT DISTINCT plan_id FROM plan_revisions WHERE "
                                            "$1 = '' OR imported_at <= $1 ORDER BY plan_id",
                                            at_text(at)))
        out.push_back(text_of(row[0]));
      return out;
    });
  }

  std::int64_t checks_version() override {
    if (auto under_lock = session_.checks_version_under_lock()) return *under_lock;
    return session_.read_one(
        [&](pqxx::transaction_base& tx) { return tx.exec(checks_version_sql)[0][0].as<std::int64_t>(); });
  }

  std::optional<PlanDocument> find_plan(const std::string& id,
                                        std::optional<Timestamp> at) override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<PlanDocument> {
      auto rows = tx.exec_params("SELECT document FROM plan_revisions WHERE plan_id = $1 AND "
                                 "($2 = '' OR imported_at <= $2) ORDER BY revision DESC LIMIT 1",
                                 id, at_text(at));
      if (rows.empty()) return std::nullopt;
      auto doc = nlohmann::json::parse(rows[0][0].c_str());
      return PlanDocument{planfile::plan_from_document(doc), doc};
    });
  }

  std::optional<PlanDocument> find_plan_revision(const std::string& id, int revision) override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<PlanDocument> {
      auto rows = tx.exec_params("SELECT document FROM plan_revisions WHERE plan_id = $1 AND "
                                 "revision = $2",
                                 id, revision);
      if (rows.empty()) return std::nullopt;
      auto doc = nlohmann::json::parse(rows[0][0].c_str());
      return PlanDocument{planfile::plan_from_document(doc), doc};
    });
  }

  std::vector<PlanRevision> plan_revisions(const std::string& id) override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<PlanRevision> out;
      for (const auto& row : tx.exec_params("SELECT revision, imported_at, imported_by, reason, "
                                            "changes FROM plan_revisions WHERE plan_id = $1 "
                                            "ORDER BY revision",
                                            id))
        out.push_back({row[0].as<int>(), timestamp_of(row[1]), text_of(row[2]), text_of(row[3]),
                       nlohmann::json::parse(row[4].c_str()).get<std::vector<std::string>>()});
      return out;
    });
  }

  std::vector<std::int64_t> append_entries(std::vector<Entry>& entries) override {
    PgEntryWriter writer(session_);
    std::vector<std::int64_t> ids;
    ids.reserve(entries.size());
    for (auto& e : entries) ids.push_back(writer.append(e));
    writer.commit();
    return ids;
  }

  std::unique_ptr<EntryWriter> begin_entries() override {
    return std::make_unique<PgEntryWriter>(session_);
  }

  std::unique_ptr<EntryWriter> begin_import(const ImportBatch& batch) override {
    return std::make_unique<PgEntryWriter>(session_, &batch);
  }

  std::vector<UnfinishedImport> unfinished_imports() override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<UnfinishedImport> out;
      for (const auto& row : tx.exec("SELECT b.id, b.file, b.started_at, b.started_by, (SELECT "
                                     "COUNT(*) FROM entries WHERE batch = b.id) FROM "
                                     "import_batches b WHERE b.finished_at IS NULL ORDER BY b.id"))
        out.push_back({row[0].as<std::int64_t>(),
                       {text_of(row[1]), timestamp_of(row[2]), text_of(row[3])},
                       row[4].as<std::int64_t>()});
      return out;
    });
  }

  std::vector<Entry> entries(const EntryFilter& filter) override {
    return session_.read([&](pqxx::transaction_base& tx) {
      const bool hide = !filter.unfinished && hiding(tx);
      const std::string select = "SELECT " PLANTRACK_PG_ENTRY_COLUMNS " FROM entries ";
      if (filter.plan_id.empty() && filter.target_id.empty())
        return read_entries(tx.exec(visible(hide, select + "WHERE TRUE", " ORDER BY id")));
      if (filter.plan_id.empty())
        return read_entries(tx.exec_params(
            visible(hide, select + "WHERE target_id = $1", " ORDER BY id"), filter.target_id));
      if (filter.target_id.empty())
        return read_entries(tx.exec_params(
            visible(hide, select + "WHERE plan_id = $1", " ORDER BY id"), filter.plan_id));
      return read_entries(
          tx.exec_params(visible(hide, select + "WHERE plan_id = $1 AND target_id = $2",
                                 " ORDER BY id"),
                         filter.plan_id, filter.target_id));
    });
  }

  std::vector<Entry> assessment_entries(const std::string& plan_id) override {
    // Grouped by target, with only what assessment reads, as the SQLite backend answers.
    auto rows = session_.read([&](pqxx::transaction_base& tx) {
      return read_entries(tx.exec_params(
          visible(hiding(tx), "SELECT " PLANTRACK_PG_ENTRY_COLUMNS " FROM entries WHERE plan_id = $1",
                  " ORDER BY target_id, id"),
          plan_id));
    });
    for (auto& e : rows) {
      e.value_text.clear();
      e.unit.clear();
      e.recorded_by.clear();
      e.source.clear();
      e.reason.clear();
      e.hash.clear();
    }
    return rows;
  }

  std::optional<Entry> find_entry(std::int64_t id) override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<Entry> {
      auto rows = tx.exec_params(
          visible(true, "SELECT " PLANTRACK_PG_ENTRY_COLUMNS " FROM entries WHERE id = $1"), id);
      if (rows.empty()) return std::nullopt;
      return read_entry(rows[0]);
    });
  }

  std::int64_t highest_entry_id() override {
    return session_.read_one([&](pqxx::transaction_base& tx) {
      return tx.exec(highest_entry_id_sql)[0][0].as<std::int64_t>();
    });
  }

  void add_schedule(const Schedule& sc) override {
    session_.write([&](pqxx::transaction_base& tx) {
      auto taken = tx.exec_params("SELECT plan_id FROM schedules WHERE name = $1", sc.name);
      if (!taken.empty())
        throw InputError(fmt::format("schedule name '{}' is already taken (plan {}); choose "
                                     "another name or `plantrack schedule remove {}` first",
                                     sc.name, taken[0][0].c_str(), sc.name));
      tx.exec_params("INSERT INTO schedules (name, plan_id, every, format, out_dir, created_at, "
                     "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     sc.name, sc.plan_id, std::string(to_string(sc.every)), sc.format,
                     sc.out_dir, format_timestamp(sc.created_at), sc.created_by);
    });
  }

  std::vector<Schedule> schedules() override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<Schedule> out;
      for (const auto& row : tx.exec("SELECT name, plan_id, every, format, out_dir, created_at, "
                                     "created_by FROM schedules ORDER BY name"))
        out.push_back({text_of(row[0]), text_of(row[1]), parse_enum<Cadence>(row[2].c_str()),
                       text_of(row[3]), text_of(row[4]), timestamp_of(row[5]), text_of(row[6])});
      return out;
    });
  }

  void remove_schedule(const std::string& name) override {
    session_.write([&](pqxx::transaction_base& tx) {
      if (tx.exec_params("DELETE FROM schedules WHERE name = $1", name).affected_rows() == 0)
        throw InputError(
            fmt::format("no schedule named '{}'; see `plantrack schedule list`", name));
    });
  }

  std::optional<ArchivedReport> archive_once(
      const std::string& schedule, const std::string& period,
      const std::function<ArchivedReport()>& produce) override {
    return session_.write([&](pqxx::transaction_base& tx) -> std::optional<ArchivedReport> {
      if (!tx.exec_params("SELECT 1 FROM reports WHERE schedule = $1 AND period = $2", schedule,
                          period)
               .empty())
        return std::nullopt;
      ArchivedReport r = produce();
      auto id = tx.exec_params1("INSERT INTO reports (schedule, plan_id, period, format, path, "
                                "sha256, as_of, known_at, generated_at, generated_by) VALUES "
                                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                                schedule, r.plan_id, period, r.format, r.path, r.sha256,
                                format_date(r.as_of), format_timestamp(r.known_at),
                                format_timestamp(r.generated_at), r.generated_by);
      r.id = id[0].as<std::int64_t>();
      r.schedule = schedule;
      r.period = period;
      return r;
    });
  }

  std::vector<ArchivedReport> reports() override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<ArchivedReport> out;
      for (const auto& row : tx.exec("SELECT id, schedule, plan_id, period, format, path, "
                                     "sha256, as_of, known_at, generated_at, generated_by FROM "
                                     "reports ORDER BY id"))
        out.push_back({row[0].as<std::int64_t>(), text_of(row[1]), text_of(row[2]),
                       text_of(row[3]), text_of(row[4]), text_of(row[5]), text_of(row[6]),
                       parse_date(row[7].c_str()), timestamp_of(row[8]), timestamp_of(row[9]),
                       text_of(row[10])});
      return out;
    });
  }

  void add_user(const User& user, const std::string& password_hash) override {
    session_.write([&](pqxx::transaction_base& tx) {
      auto taken = tx.exec_params("SELECT role FROM users WHERE name = $1", user.name);
      if (!taken.empty())
        throw InputError(fmt::format("user name '{}' is already taken ({}); choose another name",
                                     user.name, taken[0][0].c_str()));
      tx.exec_params("INSERT INTO users (name, role, password_hash, created_at, created_by) "
                     "VALUES ($1, $2, $3, $4, $5)",
                     user.name, std::string(to_string(user.role)), password_hash,
                     format_timestamp(user.created_at), user.created_by);
      for (const auto& org : user.orgs)
        tx.exec_params("INSERT INTO user_orgs (\"user\", org) VALUES ($1, $2) ON CONFLICT DO "
                       "NOTHING",
                       user.name, org);
      for (const auto& plan : user.plans)
        tx.exec_params("INSERT INTO user_plans (\"user\", plan_id) VALUES ($1, $2) ON CONFLICT "
                       "DO NOTHING",
                       user.name, plan);
    });
  }

  std::vector<User> users() override { return read_users(""); }

  std::optional<User> find_user(const std::string& name) override {
    auto found = read_users(name);
    if (found.empty()) return std::nullopt;
    return found.front();
  }

  void disable_user(const std::string& name, Timestamp at) override {
    session_.write([&](pqxx::transaction_base& tx) {
      auto found = tx.exec_params("SELECT disabled_at FROM users WHERE name = $1", name);
      if (found.empty())
        throw InputError(fmt::format("no user named '{}'; see `plantrack user list`", name));
      if (!found[0][0].is_null())
        throw InputError(fmt::format("user '{}' was already disabled at {}", name,
                                     found[0][0].c_str()));
      tx.exec_params("UPDATE users SET disabled_at = $1 WHERE name = $2", format_timestamp(at),
                     name);
      tx.exec_params("UPDATE api_tokens SET revoked_at = $1 WHERE \"user\" = $2 AND revoked_at "
                     "IS NULL",
                     format_timestamp(at), name);
    });
  }

  std::int64_t add_token(const ApiToken& token) override {
    return session_.write([&](pqxx::transaction_base& tx) {
      return tx
          .exec_params1("INSERT INTO api_tokens (\"user\", digest, created_at, created_by) "
                        "VALUES ($1, $2, $3, $4) RETURNING id",
                        token.user, token.digest, format_timestamp(token.created_at),
                        token.created_by)[0]
          .as<std::int64_t>();
    });
  }

  std::optional<std::string> password_hash(const std::string& name) override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<std::string> {
      auto found = tx.exec_params("SELECT password_hash FROM users WHERE name = $1", name);
      if (found.empty()) return std::nullopt;
      return found[0][0].as<std::string>();
    });
  }

  std::optional<std::string> token_user(const std::string& digest) override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<std::string> {
      auto found = tx.exec_params("SELECT \"user\" FROM api_tokens WHERE digest = $1 AND "
                                  "revoked_at IS NULL",
                                  digest);
      if (found.empty()) return std::nullopt;
      return found[0][0].as<std::string>();
    });
  }

  std::optional<ConnectedRole> connected_role() override {
    return session_.read_one([&](pqxx::transaction_base& tx) -> std::optional<ConnectedRole> {
      // The owner of the schema the tables are in (where `entries` resolves), or a member of
      // that owner's role, or a superuser.
      auto row = tx.exec(
          "SELECT current_user, r.rolsuper OR pg_has_role(current_user, n.nspowner, 'MEMBER') "
          "FROM pg_roles r, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE r.rolname = current_user AND c.oid = 'entries'::regclass")[0];
      return ConnectedRole{row[0].as<std::string>(), row[1].as<bool>()};
    });
  }

  void append_approval(Approval& a, std::int64_t expected_latest) override {
    session_.write([&](pqxx::transaction_base& tx) {
      auto latest = tx.exec_params1("SELECT COALESCE(MAX(id), 0) FROM approvals WHERE plan_id "
                                    "= $1 AND org = $2 AND period = $3",
                                    a.plan_id, a.org, a.period.text);
      if (latest[0].as<std::int64_t>() != expected_latest)
        throw InputError(fmt::format("period {} of {} in plan {} was acted on by someone else "
                                     "just now; look at it again and repeat if still needed",
                                     a.period.text, a.org, a.plan_id));
      auto previous = tx.exec("SELECT id, hash FROM approvals ORDER BY id DESC LIMIT 1");
      std::string previous_hash = audit::genesis_hash;
      a.id = 1;
      if (!previous.empty()) {
        a.id = previous[0][0].as<std::int64_t>() + 1;
        previous_hash = text_of(previous[0][1]);
      }
      auto head = tx.exec("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1");
      a.entries_head = 0;
      a.entries_head_hash = audit::genesis_hash;
      if (!head.empty()) {
        a.entries_head = head[0][0].as<std::int64_t>();
        a.entries_head_hash = text_of(head[0][1]);
      }
      a.hash = audit::approval_hash(previous_hash, a);
      tx.exec_params("INSERT INTO approvals (id, plan_id, org, period, period_start, "
                     "period_end, action, reason, \"by\", at, entries_head, entries_head_hash, "
                     "hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                     a.id, a.plan_id, a.org, a.period.text, format_date(a.period.start),
                     format_date(a.period.end), std::string(to_string(a.action)), a.reason,
                     a.by, format_timestamp(a.at), a.entries_head, a.entries_head_hash, a.hash);
    });
  }

  std::vector<Approval> approvals(const std::string& plan_id) override {
    return session_.read_one([&](pqxx::transaction_base& tx) {
      std::vector<Approval> out;
      for (const auto& row : tx.exec_params("SELECT id, plan_id, org, period, action, reason, "
                                            "\"by\", at, entries_head, entries_head_hash, hash "
                                            "FROM approvals WHERE $1 = '' OR plan_id = $1 "
                                            "ORDER BY id",
                                            plan_id)) {
        Approval a;
        a.id = row[0].as<std::int64_t>();
        a.plan_id = text_of(row[1]);
        a.org = text_of(row[2]);
        try {
          a.period = parse_period(row[3].c_str());
          a.action = parse_enum<ApprovalAction>(row[4].c_str());
        } catch (const InputError& e) {
          throw StorageError(fmt::format("approval {} is malformed in the database: {}", a.id,
                                         e.what()));
        }
        a.reason = text_of(row[5]);
        a.by = text_of(row[6]);
        a.at = timestamp_of(row[7]);
        a.entries_head = row[8].as<std::int64_t>();
        a.entries_head_hash = text_of(row[9]);
        a.hash = text_of(row[10]);
        out.push_back(std::move(a));
      }
      return out;
    });
  }

  void backup_to(const std::string& path) override {
    throw InputError(fmt::format("`plantrack backup` copies a SQLite file; a PostgreSQL "
                                 "database is backed up with pg_dump instead of to '{}' "
                                 "(pg_dump -Fc -f FILE DBNAME, see docs/postgres.md)",
                                 path));
  }

  void add_refusal(const Refusal& r) override {
    session_.write([&](pqxx::transaction_base& tx) {
      tx.exec_params("INSERT INTO refusals (at, \"by\", action, message) VALUES ($1, $2, $3, $4)",
                     format_timestamp(r.at), r.by, r.action, r.message);
    });
  }

  std::vector<Refusal> refusals() override {
    return session_.read([&](pqxx::transaction_base& tx) {
      std::vector<Refusal> out;
      for (const auto& row :
           tx.exec("SELECT id, at, \"by\", action, message FROM refusals ORDER BY id"))
        out.push_back({row[0].as<std::int64_t>(), timestamp_of(row[1]), text_of(row[2]),
                       text_of(row[3]), text_of(row[4])});
      return out;
    });
  }

private:
  // Users by name (all when `name` is empty), with their orgs and plans.
  // Users with their orgs and plans, in one statement (each sign-in and write reads one).
  std::vector<User> read_users(const std::string& name) {
    return session_.read_one([&](pqxx::transaction_base& tx) {
      std::vector<User> out;
      for (const auto& row : tx.exec_params(
               "SELECT name, role, created_at, created_by, disabled_at, "
               "ARRAY(SELECT org FROM user_orgs WHERE \"user\" = users.name ORDER BY org), "
               "ARRAY(SELECT plan_id FROM user_plans WHERE \"user\" = users.name ORDER BY "
               "plan_id) FROM users WHERE $1 = '' OR name = $1 ORDER BY name",
               name)) {
        User u;
        u.name = text_of(row[0]);
        u.role = parse_enum<Role>(row[1].c_str());
        u.created_at = timestamp_of(row[2]);
        u.created_by = text_of(row[3]);
        if (!row[4].is_null()) u.disabled_at = timestamp_of(row[4]);
        u.orgs = text_array(row[5]);
        u.plans = text_array(row[6]);
        out.push_back(std::move(u));
      }
      return out;
    });
  }

  // The elements of a one-dimensional text[] without NULLs.
  static std::vector<std::string> text_array(const pqxx::field& field) {
    std::vector<std::string> out;
    auto parser = field.as_array();
    for (auto next = parser.get_next(); next.first != pqxx::array_parser::done;
         next = parser.get_next())
      if (next.first == pqxx::array_parser::string_value) out.push_back(std::move(next.second));
    return out;
  }

  // The version recorded in the database; 0 for a new one.
  static int schema_version(pqxx::transaction_base& tx) {
    if (tx.exec("SELECT to_regclass('schema_migrations')")[0][0].is_null()) return 0;
    return tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0].as<int>();
  }

  // Whether some import's parts are committed but not finished: then reads leave them out.
  static bool hiding(pqxx::transaction_base& tx) {
    return tx.exec("SELECT EXISTS (SELECT 1 FROM import_batches WHERE finished_at IS NULL)")[0][0]
        .as<bool>();
  }
  // `sql` followed by finished_only when entries are hidden, then `tail`.
  static std::string visible(bool hide, std::string_view sql, std::string_view tail = {}) {
    std::string out(sql);
    if (hide) out += finished_only;
    out += tail;
    return out;
  }

  Session session_;
};

} // namespace
} // namespace plantrack::storage::postgres

namespace plantrack::storage {

std::unique_ptr<Storage> open_postgres(const std::string& url) {
  auto storage = postgres::guarded([&] {
    return guard_with<postgres::PostgresErrors>(
        std::make_unique<postgres::PostgresStorage>(url));
  });
  storage->migrate();
  return storage;
}

} // namespace plantrack::storage
