#pragma once
// The store a storage-level test runs on: SQLite by default, or, when PLANTRACK_TEST_POSTGRES
// holds the URL of a role that may create schemas on a PostgreSQL server, a fresh schema of
// its own there (dropped when the test program ends). The same suites run on both backends
// (SPEC §4); tests/postgres/server.sh starts a throwaway server for ctest.
//
// With PLANTRACK_TEST_POSTGRES_APP as well (the URL of the least-privileged role of
// docs/postgres.md), the schema is migrated by the first role, the grants of
// schemas/migrations/postgres/grants.sql are given to the second, and the tests connect as
// the second: the suites pass with no UPDATE or DELETE on entries.

#include "storage/storage.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace plantrack::support {

// The owner's URL, or empty: SQLite.
inline std::string test_postgres_url() {
  const char* url = std::getenv("PLANTRACK_TEST_POSTGRES");
  return url ? url : "";
}

namespace detail {

inline std::string app_url() {
  const char* url = std::getenv("PLANTRACK_TEST_POSTGRES_APP");
  return url ? url : "";
}

// `url` connecting with `schema` first in its search path (libpq's `options`).
inline std::string with_schema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema;
}

// The schemas this program made, dropped at its end.
class Schemas {
public:
  static Schemas& instance() {
    static Schemas schemas;
    return schemas;
  }
  std::string make() {
    std::lock_guard<std::mutex> hold(mutex_);
    std::string name = "test_" + std::to_string(::getpid()) + "_" + std::to_string(made_.size());
    pqxx::connection owner(test_postgres_url());
    pqxx::work tx(owner);
    tx.exec("CREATE SCHEMA " + owner.quote_name(name));
    tx.commit();
    made_.push_back(name);
    return name;
  }
  // Drop them, before the program's end takes OpenSSL (which libpq uses) away.
  void drop_all() {
    std::lock_guard<std::mutex> hold(mutex_);
    if (made_.empty()) return;
    try {
      pqxx::connection owner(test_postgres_url());
      pqxx::work tx(owner);
      for (const auto& name : made_) tx.exec("DROP SCHEMA " + owner.quote_name(name) + " CASCADE");
      tx.commit();
    } catch (const std::exception&) {
      // The server may be gone already; a throwaway one takes its schemas with it.
    }
    made_.clear();
  }

private:
  std::mutex mutex_;
  std::vector<std::string> made_;
};

// Drops the schemas when every test has run.
class DropSchemas : public ::testing::Environment {
public:
  void TearDown() override { Schemas::instance().drop_all(); }
};
inline ::testing::Environment* const drop_schemas =
    ::testing::AddGlobalTestEnvironment(new DropSchemas);

// postgresql://USER:PASSWORD@REST split at its user and password.
struct UrlParts {
  std::string scheme, user, password, rest;
};
inline UrlParts split_url(const std::string& url) {
  auto user_at = url.find("://") + 3;
  auto at = url.find('@', user_at);
  auto colon = url.find(':', user_at);
  return {url.substr(0, user_at), url.substr(user_at, colon - user_at),
          url.substr(colon + 1, at - colon - 1), url.substr(at)};
}

inline std::string percent_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The URL of login role `name`, a member of the least-privileged role (so it has its grants)
// with its password; the owner makes it the first time any test program asks.
inline std::string role_url(const std::string& name) {
  static std::mutex mutex;
  static std::set<std::string> made;
  auto app = split_url(app_url());
  std::lock_guard<std::mutex> hold(mutex);
  if (!made.count(name)) {
    pqxx::connection owner(test_postgres_url());
    pqxx::work tx(owner);
    tx.exec("SELECT pg_advisory_xact_lock(7215)"); // test programs run side by side
    if (tx.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", name).empty())
      tx.exec("CREATE ROLE " + owner.quote_name(name) + " LOGIN PASSWORD " +
              owner.quote(app.password) + " IN ROLE " + owner.quote_name(app.user));
    tx.commit();
    made.insert(name);
  }
  return app.scheme + percent_encoded(name) + ":" + app.password + app.rest;
}

inline std::string read_grants() {
  std::ifstream in(std::string(PLANTRACK_SOURCE_DIR) + "/schemas/migrations/postgres/grants.sql");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace detail

// A database of its own for one test, which several connections may open.
class TestDatabase {
public:
  TestDatabase() {
    if (test_postgres_url().empty()) {
      dir_ = std::make_unique<TempDir>("plantrack-test-store");
      location_ = (dir_->path() / "test.db").string();
      return;
    }
    auto schema = schema_ = detail::Schemas::instance().make();
    const std::string owner = detail::with_schema(test_postgres_url(), schema);
    storage::open_postgres(owner); // the owner migrates
    location_ = owner_location_ = owner;
    if (detail::app_url().empty()) return;
    pqxx::connection connection(owner);
    pqxx::work tx(connection);
    pqxx::connection app(detail::app_url());
    std::string role = connection.quote_name(pqxx::nontransaction(app).exec("SELECT current_user")[0][0].c_str());
    tx.exec("GRANT USAGE ON SCHEMA " + connection.quote_name(schema) + " TO " + role);
    std::string grants = detail::read_grants();
    // The file names the role plantrack, as docs/postgres.md does.
    for (size_t at = 0; (at = grants.find(" TO plantrack;", at)) != std::string::npos;
         at += role.size())
      grants.replace(at + 4, 9, role);
    tx.exec(grants);
    tx.commit();
    location_ = detail::with_schema(detail::app_url(), schema);
  }

  bool postgres() const { return !dir_; }
  // PostgreSQL: what `--db` takes to act as `name` (SPEC §5: the CLI is the role it connects
  // as): a login role of that name, a member of the least-privileged role, made once.
  std::string location_as(const std::string& name) const {
    if (!postgres() || detail::app_url().empty()) return location_;
    return detail::with_schema(detail::role_url(name), schema_);
  }
  // What `--db` takes to open it.
  const std::string& location() const { return location_; }
  // PostgreSQL: the URL of the role that made the schema and migrated it.
  const std::string& owner_location() const { return owner_location_; }
  // A new connection to it.
  std::unique_ptr<storage::Storage> open() const {
    return postgres() ? storage::open_postgres(location_) : storage::open_sqlite(location_);
  }

private:
  std::unique_ptr<TempDir> dir_; // SQLite's file
  std::string location_;
  std::string owner_location_;
  std::string schema_;
};

// A store for one test with one connection: SQLite's ":memory:", or a fresh schema on the
// PostgreSQL server of PLANTRACK_TEST_POSTGRES.
inline std::unique_ptr<storage::Storage> open_test_store() {
  if (test_postgres_url().empty()) return storage::open_sqlite(":memory:");
  return TestDatabase().open();
}

} // namespace plantrack::support
