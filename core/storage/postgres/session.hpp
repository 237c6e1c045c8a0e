#pragma once
// Internal to storage: one PostgreSQL connection and the transactions on it (SPEC §4).

#include "errors.hpp"

#include <pqxx/pqxx>

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace plantrack::storage::postgres {

// Run `body`, turning libpqxx's exceptions into StorageError (exit 3).
template <typename F>
auto guarded(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const pqxx::pqxx_exception& e) {
    throw StorageError(fmt::format("database error: {}", e.base().what()));
  }
}

// A connection and the write transaction open on it, if any. libpqxx allows one transaction at
// a time on a connection, and the engine reads while it holds a writer (checks_version) or
// inside archive_once (the report it produces), as it may on SQLite: such calls join the open
// transaction.
class Session {
public:
  explicit Session(const std::string& url) : connection_(url) {
    connection_.set_client_encoding("UTF8");
    // SQLite's busy timeout: a writer waits this long for the write lock, then fails.
    pqxx::nontransaction setup(connection_);
    setup.exec("SET lock_timeout = '30s'");
  }

  // Take the write lock: one writer at a time per schema, the others queue (SQLite's BEGIN
  // IMMEDIATE). Transaction-scoped, so a commit or rollback lets go of it; an advisory lock
  // needs no privilege on the tables. Read what the lock guards in a later statement: a
  // statement's snapshot is taken before the lock is granted.
  static void lock(pqxx::transaction_base& tx) {
    tx.exec("SELECT pg_advisory_xact_lock(1886152563, hashtext(COALESCE(current_schema(), '')))");
  }

  // Run `body` in one read snapshot (or in the open write transaction).
  template <typename F>
  auto read(F&& body) -> decltype(body(std::declval<pqxx::transaction_base&>())) {
    if (writing_) return body(*writing_);
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection_);
    if constexpr (std::is_void_v<decltype(body(tx))>) {
      body(tx);
      tx.commit();
    } else {
      auto result = body(tx);
      tx.commit();
      return result;
    }
  }

  // Run `body`, which runs one statement, in no transaction of its own (a statement sees one
  // snapshot), or in the open write transaction: one round trip to the server instead of
  // three (BEGIN, the statement, COMMIT).
  template <typename F>
  auto read_one(F&& body) -> decltype(body(std::declval<pqxx::transaction_base&>())) {
    if (writing_) return body(*writing_);
    pqxx::nontransaction tx(connection_);
    return body(tx);
  }

  // Run `body` under the write lock in a transaction of its own (or in the open write
  // transaction, which holds the lock already), committing when it returns.
  template <typename F>
  auto write(F&& body) -> decltype(body(std::declval<pqxx::transaction_base&>())) {
    if (writing_) return body(*writing_);
    pqxx::work tx(connection_);
    lock(tx);
    // What `body` calls back into (archive_once's report reads the store) joins this one.
    Joined joined(*this, tx);
    if constexpr (std::is_void_v<decltype(body(tx))>) {
      body(tx);
      tx.commit();
    } else {
      auto result = body(tx);
      tx.commit();
      return result;
    }
  }

  pqxx::connection& connection() { return connection_; }
  // Set by an EntryWriter while it holds a transaction; nullptr otherwise. `checks_version`:
  // what the writer read with the lock (plan revisions and approvals cannot change under it).
  void writing(pqxx::work* tx, std::optional<std::int64_t> checks_version = std::nullopt) {
    writing_ = tx;
    checks_version_ = checks_version;
  }
  std::optional<std::int64_t> checks_version_under_lock() const { return checks_version_; }

private:
  // Makes `tx` the transaction other calls join, for its scope.
  class Joined {
  public:
    Joined(Session& session, pqxx::work& tx) : session_(session) { session_.writing(&tx); }
    ~Joined() { session_.writing(nullptr); }
    Joined(const Joined&) = delete;
    Joined& operator=(const Joined&) = delete;

  private:
    Session& session_;
  };

  pqxx::connection connection_;
  pqxx::work* writing_ = nullptr;
  std::optional<std::int64_t> checks_version_;
};

// A nullable text parameter.
using Param = std::optional<std::string>;

} // namespace plantrack::storage::postgres
