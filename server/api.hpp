#pragma once
// The JSON API of SPEC §6 as one function from a request to a response, with no sockets: the
// HTTP binding (http.hpp) feeds it, and tests and the fuzzer call it directly. It parses,
// authenticates, calls one engine use case and renders; every rule is in core.

#include "engine/entry_queue.hpp"
#include "engine/sign_in.hpp"
#include "model/time.hpp"
#include "server/store_pool.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plantrack::server {

// One field of a multipart/form-data body (a web form that uploads a file).
struct FormPart {
  std::string name;
  std::string filename; // empty unless it is a file
  std::string content;
};

struct Request {
  std::string method; // GET, POST, ...
  std::string path;   // without the query
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;   // empty for multipart/form-data: see parts
  std::string client; // the peer's address, for the sign-in limit
  std::vector<FormPart> parts; // a multipart/form-data body's fields, as the server parsed it
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string user; // who was signed in, for the access log (empty: nobody)
};

struct ApiOptions {
  engine::SignInRules sign_in;
  bool secure_cookie = false; // add Secure to the session cookie (behind a TLS proxy)
};

// The name of the session cookie.
inline constexpr const char* session_cookie = "plantrack_session";

class Api {
public:
  Api(StorePool& stores, std::function<Timestamp()> clock, ApiOptions options = {});

  // Never throws: bad input is a 4xx with {"error": "..."} (the CLI's message), a failure of
  // the store a 500 (or 503 for /health) with the reason in the server's log, not the reply.
  Response handle(const Request& request);

  // The sign-ins and sessions, for the web pages that will share them.
  engine::Sessions& sessions() { return sessions_; }

  // Where failures the reply does not show are written (default: nowhere).
  void on_failure(std::function<void(const std::string&)> log) { log_failure_ = std::move(log); }

private:
  Response route(const Request& request, engine::Store& store, std::string& user);

  StorePool& stores_;
  std::function<Timestamp()> clock_;
  ApiOptions options_;
  engine::Sessions sessions_;
  engine::EntryQueue entries_; // POST /entries: appended together, a write lock for many
  std::function<void(const std::string&)> log_failure_;
};

// The non-empty segments of a path: "/api/v1/entries/" → api, v1, entries.
std::vector<std::string_view> segments(std::string_view path);

// The value of cookie `name` in a Cookie header, or "" (the API and the web pages).
std::string cookie(const std::string& header, std::string_view name);

// {"error": message}, one line: what every 4xx and 5xx carries.
std::string error_body(const std::string& message);

} // namespace plantrack::server
