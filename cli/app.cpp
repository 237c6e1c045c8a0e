#include "app.hpp"

#include "commands/commands.hpp"
#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_input = 1;
constexpr int exit_usage = 2;
constexpr int exit_storage = 3;
constexpr int exit_check = 4;
constexpr int exit_audit = 5;

} // namespace

int run(int argc, const char* const* argv, Context& ctx) {
  CLI::App app("plantrack: track plan targets, log progress, see gap and status", "plantrack");
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions options;
  app.add_option("--db", options.db, "SQLite database (default: $PLANTRACK_DB, else "
                                     "$XDG_DATA_HOME/plantrack/plantrack.db)");
  app.add_option("--format", options.format, "table or json (where offered)");
  app.add_option("--lang", options.lang, "zh or en (default from LANG)");
  app.add_option("--as-of", options.as_of, "Evaluate as of DATE (default: today in Asia/Shanghai)");
  app.add_option("--known-at", options.known_at, "Use only entries recorded by TIMESTAMP");
  app.add_option("--by", options.by, "Who records (default: $PLANTRACK_USER, else the login)");
  app.add_option("--color", options.color, "auto, always or never (auto: on a terminal, unless "
                                           "NO_COLOR is set)");

  Registry registry;
  setup_init(app, registry);
  setup_plan(app, registry);
  setup_log(app, registry);
  setup_import(app, registry);
  setup_entries(app, registry);
  setup_status(app, registry);
  setup_show(app, registry);
  setup_correct(app, registry);
  setup_audit(app, registry);
  setup_report(app, registry);
  setup_schedule(app, registry);
  setup_run_due(app, registry);
  setup_approval(app, registry);
  setup_backup(app, registry);
  setup_reports(app, registry);
  setup_scorecard(app, registry);
  setup_user(app, registry);
  setup_serve(app, registry);
  setup_template(app, registry);
  setup_publish(app, registry);

  // Every argument is stored or looked up as text: only UTF-8 gets in (files are checked
  // where they are read).
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    if (!invalid_utf8_at(arg)) continue;
    std::string_view before = i > 1 ? std::string_view(argv[i - 1]) : std::string_view();
    std::string what = before.rfind("--", 0) == 0 && before.find('=') == std::string_view::npos
                           ? fmt::format("the value of {}", before)
                           : fmt::format("argument {}", i);
    try {
      require_utf8(arg, what);
    } catch (const InputError& e) {
      fmt::print(ctx.err, "plantrack: error: {}\n", e.what());
      return exit_input;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) { // --help
      ctx.out << app.help();
      return exit_ok;
    }
    fmt::print(ctx.err, "plantrack: error: {}; see `plantrack --help`\n", e.what());
    return exit_usage;
  }

  // The one place where errors become messages and exit codes (SPEC §3).
  Session session(ctx, options);
  try {
    for (auto& [command, runner] : registry.commands)
      if (command->parsed()) {
        runner(session);
        return exit_ok;
      }
    fmt::print(ctx.err, "plantrack: error: no command given; see `plantrack --help`\n");
    return exit_usage;
  } catch (const CheckFailed&) {
    return exit_check;
  } catch (const AuditFailed& e) {
    fmt::print(ctx.err, "plantrack: error: {}\n", e.what());
    return exit_audit;
  } catch (const InputErrors& e) {
    for (const auto& line : e.lines()) fmt::print(ctx.err, "plantrack: error: {}\n", line);
    return exit_input;
  } catch (const InputError& e) {
    fmt::print(ctx.err, "plantrack: error: {}\n", e.what());
    return exit_input;
  } catch (const StorageError& e) {
    fmt::print(ctx.err, "plantrack: error: {}\n", e.what());
    return exit_storage;
  } catch (const std::exception& e) {
    fmt::print(ctx.err, "plantrack: error: internal error: {}; please report it\n", e.what());
    return exit_storage;
  }
}

} // namespace plantrack::cli
