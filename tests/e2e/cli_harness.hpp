#pragma once
// Runs the plantrack CLI in-process with a fixed clock, a fixed user and a database in a
// fresh temporary folder (ninja's VirtualFileSystem pattern, STYLE.md), or, when
// PLANTRACK_TEST_POSTGRES names a server, a fresh schema there (support/test_store.hpp).

#include "app.hpp"
#include "support/dates.hpp"
#include "support/files.hpp"
#include "support/test_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace plantrack::testing {

struct Result {
  int code = 0;
  std::string out;
  std::string err;
};

class Cli {
public:
  const std::string& db() const { return db_; }
  // The PostgreSQL database the CLI runs on, or nullptr on SQLite.
  const support::TestDatabase* postgres() const {
    return server_ && server_->postgres() ? server_.get() : nullptr;
  }
  std::filesystem::path dir() const { return dir_.path(); }

  // Run `plantrack --db DB args...`. On PostgreSQL, where the CLI is the role it connects as
  // and refuses --by (SPEC §5), as the role named by --by, else $PLANTRACK_USER, else the login.
  Result run(std::vector<std::string> args) {
    std::string db = db_;
    if (server_ && server_->postgres()) {
      auto user = env.count("PLANTRACK_USER") && !env.at("PLANTRACK_USER").empty()
                      ? env.at("PLANTRACK_USER")
                      : login_name; // as the CLI reads them
      if (auto by = std::find(args.begin(), args.end(), "--by");
          by != args.end() && by + 1 != args.end()) {
        user = *(by + 1);
        args.erase(by, by + 2);
      }
      db = server_->location_as(user);
    }
    args.insert(args.begin(), {"plantrack", "--db", db});
    return run_raw(args);
  }

  // Run with exactly these arguments (argv[0] included).
  Result run_raw(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const Timestamp clock = now;
    std::istringstream in(input);
    cli::Context ctx{out, err, [clock] { return clock; }, env, login_name, terminal, &in};
    Result r;
    r.code = cli::run(static_cast<int>(argv.size()), argv.data(), ctx);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  // Run as whoever adds a database's first user (SPEC §5): on PostgreSQL the role that owns
  // the schema, which acts as admin without an account; on SQLite `--by name`, as anyone may
  // while a file has no users.
  Result run_as_owner(std::vector<std::string> args, const std::string& name = "setup") {
    if (!postgres()) {
      args.insert(args.begin(), {"--by", name});
      return run(args);
    }
    args.insert(args.begin(), {"plantrack", "--db", server_->owner_location()});
    return run_raw(args);
  }
  // The name run_as_owner's actions are recorded under.
  std::string owner_name(const std::string& name = "setup") {
    return postgres() ? value("SELECT current_user") : name;
  }

  // `user add NAME ROLE-AND-SCOPE... --password-stdin` as `by`, with `password` (by default
  // "password-of-NAME") on standard input; "setup" stands for whoever adds the first user.
  Result add_user(const std::string& by, std::vector<std::string> args,
                  const std::optional<std::string>& password = std::nullopt) {
    input = password ? *password : "password-of-" + args.front() + "\n";
    args.insert(args.begin(), {"user", "add"});
    args.push_back("--password-stdin");
    Result r;
    if (by == "setup") {
      r = run_as_owner(args);
    } else {
      args.insert(args.begin(), {"--by", by});
      r = run(args);
    }
    input.clear();
    return r;
  }

  // Run one SQL statement on the database as its owner (SQLite: the file; PostgreSQL: the
  // role that migrated the schema), as a test that tampers with it does. Throws on failure.
  void sql(const std::string& statement) {
    if (postgres()) {
      pqxx::connection owner(server_->owner_location());
      pqxx::nontransaction(owner).exec(statement);
    } else {
      SQLite::Database db(db_, SQLite::OPEN_READWRITE);
      db.exec(statement);
    }
  }
  // The number of rows in `table`.
  long count(const std::string& table) { return std::stol(value("SELECT COUNT(*) FROM " + table)); }
  // The first column of the first row `query` gives, as text, read as the owner.
  std::string value(const std::string& query) {
    if (postgres()) {
      pqxx::connection owner(server_->owner_location());
      return pqxx::nontransaction(owner).exec(query).at(0).at(0).c_str();
    }
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    return db.execAndGet(query).getString();
  }
  // Every cell of `table`, each followed by '|': where a secret must not be.
  std::string cells(const std::string& table) {
    std::string all;
    if (postgres()) {
      pqxx::connection owner(server_->owner_location());
      for (const auto& row : pqxx::nontransaction(owner).exec("SELECT * FROM " + table))
        for (const auto& field : row) all += std::string(field.is_null() ? "" : field.c_str()) + "|";
      return all;
    }
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT * FROM " + table);
    while (q.executeStep())
      for (int c = 0; c < q.getColumnCount(); ++c) all += q.getColumn(c).getString() + "|";
    return all;
  }
  // A connection to the store as its owner, for a test that reads or checks it directly.
  std::unique_ptr<storage::Storage> open_owner() const {
    return postgres() ? storage::open_postgres(server_->owner_location())
                      : storage::open_sqlite(db_);
  }

  // Write `text` to a file in the temporary folder and return its path.
  std::string write(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    support::write_file(path, text);
    return path.string();
  }

  // The clock the CLI sees; by default 2019-06-30 08:00 UTC, i.e. 16:00 in Asia/Shanghai, so
  // today is 2019-06-30. Tests move it to record things at other times.
  Timestamp now = at(2019, 6, 30, 8);

  static Timestamp at(int y, unsigned m, unsigned d, int hour_utc) {
    return support::at(y, m, d, hour_utc);
  }

  bool terminal = false; // whether stdout looks like a terminal (for --color auto)
  std::string input;     // what the CLI reads on standard input (--password-stdin)

  std::map<std::string, std::string> env{{"PLANTRACK_USER", "tester"}, {"LANG", "C.UTF-8"}};
  std::string login_name = "login-user"; // the account's name the CLI falls back to

private:
  support::TempDir dir_{"plantrack-e2e"};
  std::unique_ptr<support::TestDatabase> server_ =
      support::test_postgres_url().empty() ? nullptr : std::make_unique<support::TestDatabase>();
  std::string db_ = server_ ? server_->location() : (dir_.path() / "plantrack.db").string();
};

inline std::string fixture(const std::string& relative) {
  return std::string(PLANTRACK_SOURCE_DIR) + "/fixtures/" + relative;
}

} // namespace plantrack::testing
