#include "commands/commands.hpp"

#include "engine/authorize.hpp"
#include "errors.hpp"
#include "server/http.hpp"

#include <fmt/ostream.h>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

namespace plantrack::cli {
namespace {

struct ServeCommand {
  std::string listen = "127.0.0.1:8080";
  int threads = 32;
  size_t max_body = 1 << 20;
  bool secure_cookie = false;
};

void run_serve(Session& session, const ServeCommand& opt) {
  // Through the server, who acts is who signed in (SPEC §5).
  if (session.by_given())
    throw InputError("serve does not take --by: through the server, whoever signs in (or "
                     "whose token it is) acts; drop --by");
  auto options = server::parse_listen(opt.listen);
  if (opt.threads < 1 || opt.threads > 256)
    throw InputError(fmt::format("--threads {} is out of range; use 1 to 256", opt.threads));
  if (opt.max_body < 1024)
    throw InputError(
        fmt::format("--max-body {} is too small; use at least 1024 bytes", opt.max_body));
  options.threads = opt.threads;
  options.max_body = opt.max_body;
  const auto location = session.db_path();
  if (!engine::accounts_on(session.store()))
    throw InputError(fmt::format("the database at '{}' has no users, so nobody could sign in; "
                                 "add an admin first: plantrack user add NAME --role admin "
                                 "--password-stdin",
                                 location));

  // SIGTERM and SIGINT stop the server cleanly: blocked here, before any thread starts (they
  // inherit the mask), and awaited by one thread that stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // A connection kept for every worker thread: opening one (on PostgreSQL a new backend and its
  // authentication) costs more than most requests.
  server::StorePool stores(location, static_cast<size_t>(options.threads));
  server::ApiOptions api_options;
  api_options.secure_cookie = opt.secure_cookie;
  server::Api api(stores, session.ctx().now, api_options);
  server::web::Pages pages(stores, session.ctx().now, api.sessions(), api_options);
  auto& out = session.out();
  server::HttpServer http(
      api, options, [&out](const std::string& line) { out << line << std::endl; },
      session.ctx().now);
  http.serve_pages(pages);
  int port = http.bind();
  fmt::print(out,
             "plantrack: serving {} on http://{}:{}/ (the API under /api/v1/; {} threads); "
             "SIGTERM stops\n",
             location, options.host, port, options.threads);
  out.flush();

  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    http.stop();
  });
  http.run();
  // Whatever ended run(), wake the waiter so that it can be joined.
  kill(getpid(), SIGTERM);
  waiter.join();
  fmt::print(out, "plantrack: stopped\n");
}

} // namespace

void setup_serve(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ServeCommand>();
  auto* cmd = app.add_subcommand("serve", "The HTTP API (SPEC §6) on the database --db names");
  cmd->add_option("--listen", opt->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080; TLS is a proxy's job)");
  cmd->add_option("--threads", opt->threads,
                  "Connections served at once, one thread each (default 32)");
  cmd->add_option("--max-body", opt->max_body,
                  "Largest request body in bytes (default 1048576); larger ones get 413");
  cmd->add_flag("--secure-cookie", opt->secure_cookie,
                "Mark the session cookie Secure (when a TLS proxy is in front)");
  registry.add(cmd, [opt](Session& session) { run_serve(session, *opt); });
}

} // namespace plantrack::cli
