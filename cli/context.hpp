#pragma once
// What a command may touch of the outside world, injected so tests run the CLI in-process
// with a fixed clock and environment.

#include "engine/store.hpp"
#include "model/time.hpp"
#include "report/labels.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace plantrack::cli {

struct Context {
  std::ostream& out;
  std::ostream& err;
  std::function<Timestamp()> now;
  std::map<std::string, std::string> env;
  std::string login_name;       // the account's name, the last fallback for --by
  bool out_is_terminal = false; // colour by default only on a terminal
  std::istream* in = nullptr;   // standard input (--password-stdin); none: nothing to read
};

// Options every command accepts (SPEC §3), as typed.
struct GlobalOptions {
  std::string db;
  std::string format = "table";
  std::string lang;
  std::string as_of;
  std::string known_at;
  std::string by;
  std::string color = "auto";
};

// The global options resolved against the environment and the clock.
class Session {
public:
  Session(Context& ctx, const GlobalOptions& options) : ctx_(ctx), options_(options) {}

  Context& ctx() { return ctx_; }
  // The store --db names, opened on first use; `create` makes a missing one (`init`).
  engine::Store& store(bool create = false);
  std::ostream& out() { return ctx_.out; }
  // --db, else $PLANTRACK_DB, else $XDG_DATA_HOME/plantrack/plantrack.db.
  std::string db_path() const;
  report::Lang lang() const;
  Date as_of() const;
  Timestamp known_at() const;
  Timestamp now() const { return ctx_.now(); }
  // Who acts: --by, else $PLANTRACK_USER, else the login name; against PostgreSQL the role
  // connected as (SPEC §5), and --by is refused.
  std::string recorded_by();
  bool as_of_given() const { return !options_.as_of.empty(); }
  bool by_given() const { return !options_.by.empty(); }
  // --color always|never, or auto: on a terminal unless NO_COLOR is set.
  bool color() const;
  // The --format value, checked against the formats this command offers.
  std::string format(std::initializer_list<std::string_view> allowed) const;

private:
  std::string env(const std::string& name) const;
  Context& ctx_;
  const GlobalOptions& options_;
  std::unique_ptr<engine::Store> store_;
};

} // namespace plantrack::cli
