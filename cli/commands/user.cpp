#include "commands/commands.hpp"

#include "engine/accounts.hpp"
#include "errors.hpp"
#include "report/user_view.hpp"

#include <fmt/ostream.h>

#include <istream>

namespace plantrack::cli {
namespace {

struct UserOptions {
  engine::NewUser user;
  bool password_stdin = false;
};

// The first line of standard input, without its line end: a password is never an argument
// (it would show in the process list and the shell's history).
std::string password_from(Session& session) {
  std::istream* in = session.ctx().in;
  std::string line;
  if (!in || !std::getline(*in, line))
    throw InputError("no password on standard input; pipe it in, e.g. printf '%s\\n' \"$PW\" | "
                     "plantrack user add NAME --role R --password-stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void run_add(Session& session, const UserOptions& opt) {
  if (!opt.password_stdin)
    throw InputError("a new user needs a password: pass --password-stdin and pipe it in (it "
                     "is never taken as an argument)");
  std::string password = password_from(session);
  engine::add_user(session.store(), session.recorded_by(), opt.user, password, session.now());
  fmt::print(session.out(), "user {} added ({})\n", opt.user.name, opt.user.role);
}

void run_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto users = engine::list_users(session.store());
  if (format == "json")
    session.out() << report::users_json(users).dump(2) << "\n";
  else
    session.out() << report::users_table(users, session.lang());
}

} // namespace

void setup_user(CLI::App& app, Registry& registry) {
  auto* user = app.add_subcommand("user", "Accounts: add, list, disable (SPEC §5)");
  user->require_subcommand(1);
  auto add = std::make_shared<UserOptions>();
  auto* add_cmd = user->add_subcommand("add", "Add a user; the password comes on standard input");
  add_cmd->add_option("name", add->user.name, "User name")->required();
  add_cmd->add_option("--role", add->user.role, "admin, official, reviewer, leader or auditor")
      ->required();
  add_cmd->add_option("--org", add->user.orgs, "An official's org (repeat for several)");
  add_cmd->add_option("--plan", add->user.plans, "Limit a reviewer to this plan (repeatable)");
  add_cmd->add_flag("--password-stdin", add->password_stdin,
                    "Read the password from the first line of standard input");
  registry.add(add_cmd, [add](Session& s) { run_add(s, *add); });

  auto* list = user->add_subcommand("list", "List the users (never a password or token)");
  registry.add(list, [](Session& s) { run_list(s); });

  auto name = std::make_shared<std::string>();
  auto* disable = user->add_subcommand("disable", "Disable a user and revoke its tokens");
  disable->add_option("name", *name, "User name")->required();
  registry.add(disable, [name](Session& s) {
    engine::disable_user(s.store(), s.recorded_by(), *name, s.now());
    fmt::print(s.out(), "user {} disabled; its tokens are revoked\n", *name);
  });

  auto* token = app.add_subcommand("token", "API tokens for scripts (SPEC §5)");
  token->require_subcommand(1);
  auto owner = std::make_shared<std::string>();
  auto* create = token->add_subcommand("create", "Create a token; it is shown this once");
  create->add_option("--user", *owner, "The user the token acts as")->required();
  registry.add(create, [owner](Session& s) {
    auto made = engine::create_token(s.store(), s.recorded_by(), *owner, s.now());
    fmt::print(s.out(), "{}\n", made);
  });
}

} // namespace plantrack::cli
