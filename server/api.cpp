#include "server/api.hpp"

#include "engine/approval.hpp"
#include "engine/authorize.hpp"
#include "engine/evaluate.hpp"
#include "engine/record.hpp"
#include "engine/scorecard.hpp"
#include "errors.hpp"
#include "model/period.hpp"
#include "model/text.hpp"
#include "report/approval_view.hpp"
#include "report/entries_view.hpp"
#include "report/scorecard_view.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace plantrack::server {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr std::string_view prefix = "/api/v1";

Response reply(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response json_reply(int status, const ordered& body) {
  return reply(status, body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

Response error_reply(int status, const std::string& message) {
  return reply(status, error_body(message));
}

// A request the API cannot take as it is: a 4xx with the message, nothing done.
struct HttpError {
  int status;
  std::string message;
  std::vector<std::pair<std::string, std::string>> headers = {};
};

// The JSON object of a request body, read field by field: a field not in `fields` is refused,
// as is a value of the wrong type, so that a typo never passes silently.
class Body {
public:
  Body(const Request& request, std::initializer_list<std::string_view> fields) {
    auto type = header(request, "content-type");
    if (type.rfind("application/json", 0) != 0)
      throw HttpError{415, "send the body as JSON with Content-Type: application/json"};
    try {
      json_ = json::parse(request.body);
    } catch (const json::parse_error& e) {
      throw HttpError{400, fmt::format("the body is not valid JSON (at byte {}); send one JSON "
                                       "object, e.g. {{\"ref\": \"PLAN/TARGET\", ...}}",
                                       e.byte)};
    } catch (const json::exception&) { // a number too large for a double
      throw HttpError{400, "the body holds a number out of range; send figures as they are "
                           "written, e.g. 5000 or \"5000\""};
    }
    if (!json_.is_object())
      throw HttpError{400, "the body must be one JSON object, e.g. {\"ref\": \"PLAN/TARGET\"}"};
    std::string names;
    for (auto f : fields) names += (names.empty() ? "" : ", ") + std::string(f);
    for (const auto& [key, value] : json_.items()) {
      bool known = false;
      for (auto f : fields) known = known || key == f;
      if (!known)
        throw HttpError{400, fmt::format("unknown field '{}' in the body; the fields are {}",
                                         excerpt(key), names)};
    }
  }

  bool has(const char* name) const { return json_.contains(name) && !json_[name].is_null(); }

  // A string field ("" when absent or null).
  std::string text(const char* name, bool required = false) const {
    if (!has(name)) {
      if (required) throw HttpError{400, fmt::format("the body needs the field '{}'", name)};
      return {};
    }
    const auto& v = json_[name];
    if (!v.is_string()) throw HttpError{400, fmt::format("field '{}' must be a string", name)};
    return v.get<std::string>();
  }

  // A value as typed: a string, or a JSON number written back as the shortest text that
  // reads as the same number.
  std::string number_or_text(const char* name) const {
    if (!has(name)) return {};
    const auto& v = json_[name];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return v.dump();
    if (v.is_number_float()) {
      double d = v.get<double>();
      if (!std::isfinite(d))
        throw HttpError{400, fmt::format("field '{}' is not a finite number", name)};
      return fmt::format("{}", d);
    }
    throw HttpError{400, fmt::format("field '{}' must be a number or a string", name)};
  }

  bool flag(const char* name) const {
    if (!has(name)) return false;
    if (!json_[name].is_boolean())
      throw HttpError{400, fmt::format("field '{}' must be true or false", name)};
    return json_[name].get<bool>();
  }

  std::vector<std::string> list(const char* name) const {
    std::vector<std::string> out;
    if (!has(name)) return out;
    const auto& v = json_[name];
    if (!v.is_array())
      throw HttpError{400, fmt::format("field '{}' must be a list of strings", name)};
    for (const auto& item : v) {
      if (!item.is_string())
        throw HttpError{400, fmt::format("field '{}' must be a list of strings", name)};
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  static std::string header(const Request& request, const std::string& name) {
    auto it = request.headers.find(name);
    return it == request.headers.end() ? std::string() : it->second;
  }

private:
  json json_;
};

// The query parameters of a GET, each known one at most once.
class Query {
public:
  Query(const Request& request, std::initializer_list<std::string_view> names) : request_(request) {
    std::string all;
    for (auto n : names) all += (all.empty() ? "" : ", ") + std::string(n);
    for (const auto& [key, value] : request.query) {
      bool known = false;
      for (auto n : names) known = known || key == n;
      if (!known)
        throw HttpError{400, fmt::format("unknown query parameter '{}'; this endpoint takes {}",
                                         excerpt(key), all.empty() ? "none" : all)};
      require_utf8(value, key);
    }
  }
  std::string one(const char* name) const {
    auto [from, to] = request_.query.equal_range(name);
    if (from == to) return {};
    if (std::next(from) != to)
      throw HttpError{400, fmt::format("query parameter '{}' is given twice; give it once", name)};
    return from->second;
  }
  std::vector<std::string> all(const char* name) const {
    std::vector<std::string> out;
    auto [from, to] = request_.query.equal_range(name);
    for (auto it = from; it != to; ++it) out.push_back(it->second);
    return out;
  }
  bool flag(const char* name) const {
    auto v = one(name);
    if (v.empty() || v == "false" || v == "0") return false;
    if (v == "true" || v == "1") return true;
    throw HttpError{
        400, fmt::format("query parameter '{}' is '{}'; use true or false", name, excerpt(v))};
  }

private:
  const Request& request_;
};

Date as_of_of(const Query& q, Timestamp now) {
  auto text = q.one("as_of");
  return text.empty() ? civil_date(now, display_zone) : parse_date(text, "as_of");
}

Timestamp known_at_of(const Query& q, Timestamp now) {
  auto text = q.one("known_at");
  if (text.empty()) return now;
  if (auto t = parse_instant(text, display_zone)) return *t;
  throw HttpError{400, fmt::format("known_at '{}' is not a timestamp; write YYYY-MM-DD, "
                                   "YYYY-MM-DDTHH:MM[:SS] (Asia/Shanghai) or with Z or +08:00",
                                   excerpt(text))};
}


// The fields a new entry and a correction share (EntryInput, engine::CorrectionInput), decoded
// alike: a target's `value` or a task's `state`, and what describes it.
template <typename Input>
void read_figure(const Body& body, Input& input, bool period_required) {
  if (body.has("value") && body.has("state"))
    throw HttpError{400, "give 'value' (a target) or 'state' (a task), not both"};
  input.value = body.has("state") ? body.text("state") : body.number_or_text("value");
  input.unit = body.text("unit");
  input.period = body.text("period", period_required);
  input.source = body.text("source");
  input.note = body.text("note");
  input.entities = body.list("entities");
  input.provisional = body.flag("provisional");
  input.evidence = body.list("evidence");
  input.step = body.text("step");
}

// The entry id of /entries/{id}/correction, or 0 when the segment is not a number.
std::int64_t entry_id(std::string_view segment) {
  if (segment.empty() || segment.size() > 18) return 0;
  std::int64_t id = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

struct Caller {
  User user;
  std::optional<engine::SignedIn> session; // signed in with a cookie (else a token)
};

} // namespace

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::string cookie(const std::string& header, std::string_view name) {
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    auto pair = std::string_view(header).substr(at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    at = end + 1;
  }
  return {};
}

std::string error_body(const std::string& message) {
  return json{{"error", message}}.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

Api::Api(StorePool& stores, std::function<Timestamp()> clock, ApiOptions options)
    : stores_(stores), clock_(std::move(clock)), options_(options), sessions_(options.sign_in),
      entries_([this] { return stores_.write_turn(); }) {}

Response Api::handle(const Request& request) {
  std::string user;
  Response response;
  bool health = request.path == std::string(prefix) + "/health";
  try {
    // A request that may write waits for its turn first (sign-in only reads, slowly; new
    // entries take turns together, in entries_).
    auto turn = request.method != "GET" && request.path != std::string(prefix) + "/login" &&
                        !(request.method == "POST" && request.path == std::string(prefix) + "/entries")
                    ? stores_.write_turn()
                    : std::unique_lock<std::mutex>();
    auto lease = stores_.acquire();
    try {
      response = route(request, *lease, user);
    } catch (const StorageError&) {
      lease.discard(); // the connection may be broken: the next request opens a new one
      throw;
    }
  } catch (const HttpError& e) {
    response = error_reply(e.status, e.message);
    response.headers = e.headers;
  } catch (const TooManyAttempts& e) {
    response = error_reply(429, e.what());
    response.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
  } catch (const Unauthenticated& e) {
    response = error_reply(401, e.what());
  } catch (const PermissionDenied& e) {
    response = error_reply(403, e.what());
  } catch (const NotFound& e) {
    response = error_reply(404, e.what());
  } catch (const Conflict& e) {
    response = error_reply(409, e.what());
  } catch (const InputErrors& e) {
    std::string all;
    for (const auto& line : e.lines()) all += (all.empty() ? "" : "; ") + line;
    response = error_reply(400, all);
  } catch (const InputError& e) {
    response = error_reply(400, e.what());
  } catch (const std::exception& e) {
    if (log_failure_)
      log_failure_(fmt::format("{} {}: {}", request.method, request.path, e.what()));
    response = health ? json_reply(503, {{"status", "unavailable"},
                                         {"error", "the store cannot be reached; see the "
                                                   "server's log"}})
                      : error_reply(500, "the server failed on this request; its log says why");
  }
  response.user = user;
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

Response Api::route(const Request& request, engine::Store& store, std::string& user_name) {
  const auto now = clock_();
  std::string_view path = request.path;
  if (path.substr(0, prefix.size()) != prefix ||
      (path.size() > prefix.size() && path[prefix.size()] != '/'))
    throw HttpError{
        404, fmt::format("no page at '{}'; the API is under {}/", excerpt(request.path), prefix)};
  auto parts = segments(path.substr(prefix.size()));
  const std::string& method = request.method;
  auto allow = [&](const char* allowed) {
    if (method != allowed)
      throw HttpError{
          405,
          fmt::format("{} takes {}, not {}", excerpt(request.path), allowed, excerpt(method)),
          {{"Allow", allowed}}};
  };
  auto is = [&](std::initializer_list<std::string_view> want) {
    if (parts.size() != want.size()) return false;
    size_t i = 0;
    for (auto w : want) {
      if (w != "*" && parts[i] != w) return false;
      ++i;
    }
    return true;
  };

  // No sign-in needed.
  if (is({"health"})) {
    allow("GET");
    Query q(request, {});
    return json_reply(200, {{"status", "ok"}, {"schema_version", store.migrate()}});
  }
  if (is({"login"})) {
    allow("POST");
    Body body(request, {"user", "password"});
    auto signed_in = sessions_.sign_in(store, body.text("user", true), body.text("password", true),
                                       request.client, now);
    user_name = signed_in.user.name;
    auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in.expires - now);
    auto r = json_reply(200, {{"user", signed_in.user.name},
                              {"role", to_string(signed_in.user.role)},
                              {"csrf", signed_in.csrf},
                              {"expires", format_timestamp(signed_in.expires)}});
    r.headers.emplace_back("Set-Cookie",
                           fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                                       session_cookie, signed_in.session, max_age.count(),
                                       options_.secure_cookie ? "; Secure" : ""));
    return r;
  }

  // Everything else: a session cookie or a bearer token.
  Caller caller;
  auto authorization = Body::header(request, "authorization");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) != 0)
      throw Unauthenticated("the Authorization header must be 'Bearer TOKEN'");
    caller.user = engine::token_user(store, authorization.substr(7));
  } else {
    auto id = cookie(Body::header(request, "cookie"), session_cookie);
    auto session = id.empty() ? std::nullopt : sessions_.find(store, id, now);
    if (!session)
      throw Unauthenticated(id.empty() ? "sign in first: POST /api/v1/login with {\"user\", "
                                         "\"password\"}, or send Authorization: Bearer TOKEN"
                                       : "the session has expired or was closed; sign in again");
    caller.user = session->user;
    caller.session = std::move(session);
    user_name = caller.user.name;
    // A write on a cookie must prove it comes from a page of ours (SPEC §6).
    if (method != "GET" && method != "HEAD" &&
        !sessions_.csrf_matches(*caller.session, Body::header(request, "x-csrf-token")))
      throw HttpError{403, "missing or stale X-CSRF-Token; send the csrf value that POST "
                           "/api/v1/login returned"};
  }
  user_name = caller.user.name;
  const std::string& by = caller.user.name;
  auto may_read = [&] { engine::authorize(store, by, access::Action::read, {}, now); };

  if (is({"logout"})) {
    allow("POST");
    if (caller.session) sessions_.sign_out(caller.session->session);
    auto r = json_reply(200, {{"signed_out", by}});
    r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; "
                                                     "Max-Age=0",
                                                     session_cookie));
    return r;
  }
  if (is({"status"})) {
    allow("GET");
    Query q(request, {"plan", "as_of", "known_at", "approved_only"});
    may_read();
    engine::StatusQuery query;
    query.plan_ids = q.all("plan");
    query.as_of = as_of_of(q, now);
    query.known_at = known_at_of(q, now);
    query.approved_only = q.flag("approved_only");
    std::ostringstream out;
    report::StatusWriter writer(out, report::StatusWriter::Format::json, query.as_of,
                                query.known_at, report::Lang::en, false);
    engine::evaluate_each(store, query, [&](engine::PlanAssessment&& plan) { writer.plan(plan); });
    writer.finish();
    return reply(200, out.str());
  }
  if (is({"scorecard"})) {
    allow("GET");
    Query q(request, {"plan", "org", "as_of", "known_at", "grace"});
    may_read();
    engine::ScorecardQuery query;
    query.plan_ids = q.all("plan");
    query.as_of = as_of_of(q, now);
    query.known_at = known_at_of(q, now);
    if (auto grace = q.one("grace"); !grace.empty())
      query.grace_days = engine::parse_grace_days(grace, "grace");
    if (auto org = q.one("org"); !org.empty()) query.org = org;
    return json_reply(200, report::scorecard_json(engine::scorecard(store, query)));
  }
  if (is({"entries"})) {
    if (method == "GET") {
      Query q(request, {"ref"});
      may_read();
      return json_reply(200, report::entries_json(engine::entry_history(store, q.one("ref"))));
    }
    allow("POST");
    Body body(request, {"ref", "value", "state", "unit", "period", "source", "note", "evidence",
                        "provisional", "entities", "peer", "step"});
    EntryInput input;
    input.ref = body.text("ref", true);
    if (!body.has("state") && !body.has("value"))
      throw HttpError{400, "the body needs 'value' (a target's figure) or 'state' (a task's)"};
    read_figure(body, input, true);
    input.peer = body.text("peer");
    input.recorded_by = by;
    return json_reply(201, {{"id", entries_.log(store, input, now)}});
  }
  if (is({"entries", "*", "correction"}) || is({"entries", "*", "retraction"})) {
    allow("POST");
    auto id = entry_id(parts[1]);
    if (id == 0)
      throw HttpError{404, fmt::format("'{}' is not an entry id; see GET /api/v1/entries",
                                       excerpt(std::string(parts[1])))};
    bool retract = parts[2] == "retraction";
    engine::CorrectionInput input;
    input.replaces = id;
    input.recorded_by = by;
    if (retract) {
      Body body(request, {"reason"});
      input.reason = body.text("reason");
      return json_reply(201, {{"id", engine::retract_entry(store, input, now)}});
    }
    Body body(request, {"value", "state", "unit", "period", "reason", "source", "note", "entities",
                        "provisional", "evidence", "step"});
    read_figure(body, input, false);
    input.reason = body.text("reason");
    return json_reply(201, {{"id", engine::correct_entry(store, input, now)}});
  }
  if (is({"approvals"})) {
    if (method == "GET") {
      Query q(request, {"plan", "period"});
      may_read();
      auto plan = q.one("plan");
      if (plan.empty()) throw HttpError{400, "GET /api/v1/approvals needs ?plan=PLAN"};
      auto periods = engine::period_approvals(store, plan, now);
      if (auto period = q.one("period"); !period.empty()) {
        auto wanted = parse_period(period).text;
        periods.erase(std::remove_if(periods.begin(), periods.end(),
                                     [&](const auto& p) { return p.period.text != wanted; }),
                      periods.end());
      }
      return json_reply(200, report::approvals_json(periods));
    }
    allow("POST");
    Body body(request, {"plan", "org", "period", "action", "reason"});
    engine::ApprovalRequest act;
    act.plan_id = body.text("plan", true);
    act.org = body.text("org", true);
    act.period = body.text("period", true);
    act.action = body.text("action", true);
    act.reason = body.text("reason");
    act.by = by;
    return json_reply(201, report::approval_json(engine::act_on_period(store, act, now)));
  }
  throw HttpError{404, fmt::format("no endpoint {} {}; see SPEC §6 for the API", excerpt(method),
                                   excerpt(request.path))};
}

} // namespace plantrack::server
