#pragma once
// The storage interface: the only way the rest of plantrack reaches the database (SPEC §4).

#include "model/account.hpp"
#include "model/approval.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace plantrack::storage {

struct PlanDocument {
  Plan plan;
  nlohmann::json document;
};

struct PlanSummary {
  std::string id;
  std::string title;
  std::string issuer;
  int revision = 0;
  int targets = 0;
  int entries = 0;
  Timestamp imported_at{};
  std::string imported_by;
};

// What an import did to one plan.
enum class ImportOutcome { created, unchanged, revised };

struct PlanRevision {
  int revision = 0;
  Timestamp imported_at{};
  std::string imported_by;
  std::string reason;
  std::vector<std::string> changes; // from the revision before
};

struct Schedule {
  std::string name;
  std::string plan_id;
  Cadence every = Cadence::month;
  std::string format; // md, html, csv, json
  std::string out_dir;
  Timestamp created_at{};
  std::string created_by;
};

struct ArchivedReport {
  std::int64_t id = 0;
  std::string schedule;
  std::string plan_id;
  std::string period;
  std::string format;
  std::string path;
  std::string sha256;
  Date as_of;
  Timestamp known_at{};
  Timestamp generated_at{};
  std::string generated_by;
};

// Appends entries one at a time inside one write transaction (BEGIN IMMEDIATE, taken when
// the writer is made), each chained to the one before (SPEC §4). Nothing is visible to others
// until commit(); a writer destroyed before commit() rolls everything back.
class EntryWriter {
public:
  virtual ~EntryWriter() = default;
  // Set the entry's id and hash and insert it; returns the id. (A writer made by begin_import
  // may take the entry's contents, moving from it, and chain and insert it later, before the
  // next commit.) Ids are consecutive within one writer. An entry that corrects or retracts one already replaced is an InputError naming
  // the latest version; after any exception the writer can only be destroyed (rolled back).
  virtual std::int64_t append(Entry& entry) = 0;
  // Make every appended entry durable and visible, all at once.
  virtual void commit() = 0;
  // Only for a writer made by begin_import: make what was appended so far durable but not
  // visible, and let other writers in; the next append takes the write lock again. From then
  // on ids are increasing, no longer consecutive (others' entries come in between).
  virtual void commit_part() = 0;
};

// An import appended in parts: what `audit verify` names if it never finishes.
struct ImportBatch {
  std::string file;
  Timestamp started_at{};
  std::string started_by;
};

// An import whose parts are in the chain but which has not finished (still appending, or
// stopped): its entries count nowhere.
struct UnfinishedImport {
  std::int64_t id = 0;
  ImportBatch batch;
  std::int64_t entries = 0;
};

struct EntryFilter {
  std::string plan_id;   // empty: all plans
  std::string target_id; // empty: all targets of the plan
  // Also the entries of unfinished imports, which no reader sees: only to check the chain.
  bool unfinished = false;
};

// The database role a PostgreSQL store is connected as (SPEC §5).
struct ConnectedRole {
  std::string name;
  bool admin = false; // owns the schema of plantrack's tables, or is a superuser
};

class Storage {
public:
  virtual ~Storage() = default;

  // Create or migrate the schema; idempotent. Returns the schema version now in force.
  virtual int migrate() = 0;

  // Store plans all or nothing. A plan whose document differs from its latest revision gets
  // a new revision, which needs a non-empty `reason`; otherwise InputError, nothing stored.
  virtual std::vector<ImportOutcome> import_plans(const std::vector<PlanDocument>& plans,
                                                  Timestamp at, const std::string& by,
                                                  const std::string& reason) = 0;

  // The plans as they stood at `at` (default: now): those imported by then, each at the
  // revision then in force.
  virtual std::vector<PlanSummary> list_plans(std::optional<Timestamp> at = std::nullopt) = 0;
  // The ids of the plans imported by `at` (default: now), in order: what list_plans lists,
  // without reading the plans or counting their entries.
  virtual std::vector<std::string> plan_ids(std::optional<Timestamp> at = std::nullopt) = 0;
  // How many plan revisions and approval actions are stored: it changes whenever anything an
  // entry is checked against changes (a plan imported or revised, a period approved or
  // unapproved). A writer checks its entries, then makes sure it did not move before it
  // appends them.
  virtual std::int64_t checks_version() = 0;
  // The revision of a plan in force at `at` (default: the latest), or nullopt.
  virtual std::optional<PlanDocument> find_plan(const std::string& id,
                                                std::optional<Timestamp> at = std::nullopt) = 0;
  // Every revision of a plan, oldest first.
  virtual std::vector<PlanRevision> plan_revisions(const std::string& id) = 0;
  // Revision `revision` of a plan (numbered as plan_revisions numbers them), or nullopt.
  virtual std::optional<PlanDocument> find_plan_revision(const std::string& id,
                                                         int revision) = 0;

  // Append entries all or nothing, each chained to the one before (SPEC §4): sets each
  // entry's id and hash and returns the ids. An entry that corrects or retracts one already
  // replaced is an InputError naming the latest version.
  virtual std::vector<std::int64_t> append_entries(std::vector<Entry>& entries) = 0;
  // Open a write transaction for appending entries one at a time (a streaming import holds
  // no more than one entry in memory). Other writers wait until it commits or rolls back.
  virtual std::unique_ptr<EntryWriter> begin_entries() = 0;
  // The same for an import too long to hold the write lock for: it commits in parts
  // (commit_part), others write in between, and no reader sees any of its entries until its
  // commit(). A writer destroyed before commit() leaves the parts committed so far in the
  // chain, hidden for good, listed by unfinished_imports.
  virtual std::unique_ptr<EntryWriter> begin_import(const ImportBatch& batch) = 0;
  virtual std::vector<UnfinishedImport> unfinished_imports() = 0;
  // Entries in id order (the order of the chain), without those of unfinished imports unless
  // the filter asks for them. find_entry does not find those either.
  virtual std::vector<Entry> entries(const EntryFilter& filter) = 0;
  // A plan's entries with only what assessment reads (id, target_id, period, value,
  // recorded_at, provisional, entities, action, corrects, state, step, part, peer, and a
  // task's note and evidence); the other text fields are empty.
  // Grouped by target id, in no set order within a target. For `status` over many plans.
  virtual std::vector<Entry> assessment_entries(const std::string& plan_id) = 0;
  virtual std::optional<Entry> find_entry(std::int64_t id) = 0;
  // The highest entry id ever handed out (0 when none): ids only grow.
  virtual std::int64_t highest_entry_id() = 0;

  // Schedules: add refuses a taken name (InputError); remove refuses an unknown one.
  virtual void add_schedule(const Schedule& schedule) = 0;
  virtual std::vector<Schedule> schedules() = 0;
  virtual void remove_schedule(const std::string& name) = 0;

  // Archive the report of (`schedule`, `period`) exactly once: under the write lock, if it is
  // not archived yet, call `produce` (which writes the file and returns its record) and store
  // the record. Returns the record stored, or nullopt when it was archived before. Two
  // processes running this at once write the report once.
  virtual std::optional<ArchivedReport> archive_once(
      const std::string& schedule, const std::string& period,
      const std::function<ArchivedReport()>& produce) = 0;
  virtual std::vector<ArchivedReport> reports() = 0;

  // Accounts (SPEC §5). add_user refuses a taken name (InputError); `password_hash` is the
  // Argon2id string access::hash_password made. disable_user refuses an unknown or already
  // disabled user.
  virtual void add_user(const User& user, const std::string& password_hash) = 0;
  virtual std::vector<User> users() = 0;
  virtual std::optional<User> find_user(const std::string& name) = 0;
  virtual void disable_user(const std::string& name, Timestamp at) = 0;
  // Store a token's digest; returns its id.
  virtual std::int64_t add_token(const ApiToken& token) = 0;
  // The Argon2id hash stored for `name` (to check a password at sign-in), or nullopt for no
  // such user. The only way a secret's hash leaves the storage.
  virtual std::optional<std::string> password_hash(const std::string& name) = 0;
  // The user of the token whose SHA-256 is `digest`, or nullopt when no token that is not
  // revoked has it.
  virtual std::optional<std::string> token_user(const std::string& digest) = 0;
  // Who the server behind the store says is connected (SPEC §5): on PostgreSQL the role
  // (current_user), an admin when it owns the schema the tables are in or is a superuser;
  // nullopt for a SQLite file, which has no roles and trusts the login.
  virtual std::optional<ConnectedRole> connected_role() = 0;

  // Approval (SPEC §5). append_approval takes the write lock, refuses (InputError) when the
  // latest action on the approval's (plan, org, period) is no longer `expected_latest` (its id;
  // 0: none), and otherwise sets the approval's id, entry-chain anchor and hash and stores it.
  virtual void append_approval(Approval& approval, std::int64_t expected_latest) = 0;
  // Every approval action of `plan_id` (empty: of every plan), in id order.
  virtual std::vector<Approval> approvals(const std::string& plan_id) = 0;

  // Write a consistent copy of the whole database to `path` (which must not exist) while
  // others keep writing: what one read transaction sees, never a file copy. StorageError when
  // it cannot be written.
  virtual void backup_to(const std::string& path) = 0;

  // Refused actions (SPEC §5: a refusal is itself recorded), in the order recorded.
  virtual void add_refusal(const Refusal& refusal) = 0;
  virtual std::vector<Refusal> refusals() = 0;
};

// Open (creating if needed) a SQLite database: a file path or ":memory:". Applies the
// migrations. Throws StorageError when the file cannot be opened. The storage serves one
// thread at a time; threads open their own.
std::unique_ptr<Storage> open_sqlite(const std::string& path);

// Open a PostgreSQL database by its connection URL (postgresql://user@host/db, libpq's
// syntax) and apply the migrations of schemas/migrations/postgres when the role may (a role
// that may only read and append finds them applied by the owner). Throws StorageError when
// it cannot connect. One connection, serving one thread at a time.
std::unique_ptr<Storage> open_postgres(const std::string& url);

} // namespace plantrack::storage
