#pragma once
// The web app of SPEC §6 as one function from a request to a response, like the JSON API
// (server/api.hpp) and beside it: pages for signing in, my work, entry forms, the plan
// dashboard, target and task pages, approvals, the org scorecard, archived reports, the audit
// and administration. Each page parses its request, calls one engine use case and renders a
// template; every rule (permissions, checks of values, locks) stays in core, and its message
// is shown as the CLI prints it.

#include "engine/sign_in.hpp"
#include "model/time.hpp"
#include "server/api.hpp"
#include "server/store_pool.hpp"

#include <functional>
#include <string>

namespace plantrack::server::web {

// The headers every page carries: no script at all, styles and images only from the server,
// forms only to it, never framed.
inline constexpr const char* content_security_policy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// The cookie that carries the chosen language (zh, en).
inline constexpr const char* lang_cookie = "plantrack_lang";
// The cookie that carries the sign-in form's CSRF token (before there is a session).
inline constexpr const char* login_cookie = "plantrack_login";

class Pages {
public:
  // `sessions` are the API's, so that one sign-in serves both.
  Pages(StorePool& stores, std::function<Timestamp()> clock, engine::Sessions& sessions,
        ApiOptions options = {});

  // Never throws: a refusal is a page with the engine's message and its HTTP status (403,
  // 404, 409, 400), a failure of the store a 500 page with the reason in the server's log.
  Response handle(const Request& request);

  // Where failures the page does not show are written (default: nowhere).
  void on_failure(std::function<void(const std::string&)> log) { log_failure_ = std::move(log); }

private:
  StorePool& stores_;
  std::function<Timestamp()> clock_;
  engine::Sessions& sessions_;
  ApiOptions options_;
  std::function<void(const std::string&)> log_failure_;
};

// Whether `path` belongs to the JSON API (/api/...) rather than to the web pages.
bool is_api_path(const std::string& path);

} // namespace plantrack::server::web
