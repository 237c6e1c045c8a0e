#pragma once
// Runs the plantrack CLI in-process with a fixed clock, a fixed user and a database in a
// fresh temporary folder (ninja's VirtualFileSystem pattern, STYLE.md), or, when
// PLANTRACK_TEST_POSTGRES names a server, a fresh schema there (support/test_store.hpp).

#include "app.hpp"
#include "support/dates.hpp"
#include "support/files.hpp"
#include "support/test_store.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
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
  std::filesystem::path dir() const { return dir_.path(); }

  // Run `plantrack --db DB args...`.
  Result run(std::vector<std::string> args) {
    args.insert(args.begin(), {"plantrack", "--db", db_});
    return run_raw(args);
  }

  // Run with exactly these arguments (argv[0] included).
  Result run_raw(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const Timestamp clock = now;
    std::istringstream in(input);
    cli::Context ctx{out, err, [clock] { return clock; }, env, "login-user", terminal, &in};
    Result r;
    r.code = cli::run(static_cast<int>(argv.size()), argv.data(), ctx);
    r.out = out.str();
    r.err = err.str();
    return r;
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
