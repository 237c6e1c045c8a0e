// End-to-end tests of the JSON API of `plantrack serve` (SPEC §6), in-process with a fixed
// clock: sign-in, sessions, CSRF, tokens, the sign-in limit, every endpoint against the CLI's
// output, permissions and locks as HTTP statuses, and hostile input that must get a 4xx with
// one JSON error line and store nothing.

#include "cli_harness.hpp"
#include "server/api.hpp"
#include "support/api_request.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
namespace server = plantrack::server;
namespace support = plantrack::support;
using nlohmann::json;

namespace {

const std::string plan = plantrack::support::two_org_plan("api", "接口示例");

class ServerApi : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    ASSERT_EQ(cli.run({"plan", "import", cli.write("api.yaml", plan)}).code, 0);
    add("setup", {"admin", "--role", "admin"});
    add("admin", {"王五", "--role", "official", "--org", "区科委"});
    add("admin", {"钱七", "--role", "official", "--org", "区经信局"});
    add("admin", {"李四", "--role", "reviewer"});
    add("admin", {"赵六", "--role", "leader"});
  }

  void add(const std::string& by, std::vector<std::string> args) {
    auto r = cli.add_user(by, std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  }

  server::Response call(const std::string& method, const std::string& target,
                        const std::string& body = "",
                        std::map<std::string, std::string> headers = {}) {
    server::Request request;
    request.method = method;
    auto q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) support::add_query(request, target.substr(q + 1));
    if (!body.empty() && !headers.count("content-type"))
      headers["content-type"] = "application/json";
    request.headers = std::move(headers);
    request.body = body;
    request.client = "127.0.0.1";
    return api.handle(request);
  }

  struct Signed {
    std::string cookie;
    std::string csrf;
  };
  Signed sign_in(const std::string& user) {
    auto r = call("POST", "/api/v1/login",
                  json{{"user", user}, {"password", "password-of-" + user}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Signed s;
    for (const auto& [k, v] : r.headers)
      if (k == "Set-Cookie") s.cookie = v.substr(0, v.find(';'));
    s.csrf = json::parse(r.body)["csrf"];
    return s;
  }
  server::Response as(const Signed& s, const std::string& method, const std::string& target,
                      const std::string& body = "") {
    return call(method, target, body, {{"cookie", s.cookie}, {"x-csrf-token", s.csrf}});
  }
  static std::string error_of(const server::Response& r) {
    EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 1) << r.body;
    auto j = json::parse(r.body);
    EXPECT_TRUE(j.contains("error")) << r.body;
    return j.value("error", "");
  }
  int count(const std::string& table) { return static_cast<int>(cli.count(table)); }

  Cli cli;
  server::StorePool stores{cli.db()};
  plantrack::Timestamp now = Cli::at(2019, 6, 30, 8);
  server::Api api{stores, [this] { return now; }};
};

TEST_F(ServerApi, health_answers_without_signing_in) {
  auto r = call("GET", "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"status":"ok","schema_version":7})"));
}

TEST_F(ServerApi, sign_in_sets_a_strict_http_only_cookie_and_returns_the_csrf_token) {
  auto r = call("POST", "/api/v1/login", R"({"user":"王五","password":"password-of-王五"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body["user"], "王五");
  EXPECT_EQ(body["role"], "official");
  EXPECT_EQ(body["csrf"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["expires"], "2019-06-30T16:00:00Z"); // 8 hours idle
  std::string cookie;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie") cookie = v;
  EXPECT_THAT(cookie, ::testing::MatchesRegex("plantrack_session=[0-9a-f]{64}; Path=/; HttpOnly; "
                                              "SameSite=Strict; Max-Age=28800"));
  EXPECT_EQ(r.user, "王五");
  EXPECT_EQ(r.body.find("password-of"), std::string::npos);
}

TEST_F(ServerApi, a_wrong_password_is_401_and_repeated_failures_are_429_until_the_window_passes) {
  for (int i = 0; i < 5; ++i) {
    auto r = call("POST", "/api/v1/login", R"({"user":"王五","password":"wrong-password"})");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(error_of(r), "user name or password is wrong; check both, or ask an admin to "
                           "reset the account");
  }
  // An unknown name gets the same answer as a wrong password.
  auto unknown = call("POST", "/api/v1/login", R"({"user":"nobody","password":"whatever1"})");
  EXPECT_EQ(unknown.status, 429); // this client failed five times already
  auto r = call("POST", "/api/v1/login", R"({"user":"王五","password":"password-of-王五"})");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(error_of(r), "too many failed sign-ins; try again in 900 seconds");
  bool retry_after = false;
  for (const auto& [k, v] : r.headers)
    retry_after = retry_after || (k == "Retry-After" && v == "900");
  EXPECT_TRUE(retry_after);
  now += std::chrono::minutes(15);
  EXPECT_EQ(
      call("POST", "/api/v1/login", R"({"user":"王五","password":"password-of-王五"})").status,
      200);
}

TEST_F(ServerApi, everything_but_health_and_login_needs_a_session_or_a_token) {
  for (auto target : {"/api/v1/status", "/api/v1/scorecard", "/api/v1/entries?ref=api",
                      "/api/v1/approvals?plan=api"}) {
    auto r = call("GET", target);
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(error_of(r), "sign in first: POST /api/v1/login with {\"user\", \"password\"}, or "
                           "send Authorization: Bearer TOKEN");
  }
  auto r = call("POST", "/api/v1/entries", R"({"ref":"api/patents","value":1,"period":"2019"})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(count("entries"), 0);
  auto stale = call("GET", "/api/v1/status", "", {{"cookie", "plantrack_session=abc"}});
  EXPECT_EQ(stale.status, 401);
  EXPECT_EQ(error_of(stale), "the session has expired or was closed; sign in again");
}

TEST_F(ServerApi, status_scorecard_entries_and_approvals_are_the_cli_json) {
  auto official = sign_in("王五");
  ASSERT_EQ(as(official, "POST", "/api/v1/entries",
               R"({"ref":"api/patents","value":1200,"period":"2019-03","source":"统计月报"})")
                .status,
            201);
  auto leader = sign_in("赵六");
  auto status = as(leader, "GET", "/api/v1/status?plan=api&as_of=2019-06-30");
  ASSERT_EQ(status.status, 200) << status.body;
  auto cli_status = cli.run({"--as-of", "2019-06-30", "status", "api", "--format", "json"});
  EXPECT_EQ(status.body, cli_status.out);

  auto card = as(leader, "GET", "/api/v1/scorecard?plan=api&as_of=2019-06-30");
  ASSERT_EQ(card.status, 200) << card.body;
  auto cli_card = cli.run({"--as-of", "2019-06-30", "scorecard", "api", "--format", "json"});
  EXPECT_EQ(json::parse(card.body), json::parse(cli_card.out));

  auto entries = as(leader, "GET", "/api/v1/entries?ref=api/patents");
  ASSERT_EQ(entries.status, 200);
  EXPECT_EQ(json::parse(entries.body),
            json::parse(cli.run({"entries", "api/patents", "--format", "json"}).out));
  EXPECT_EQ(json::parse(entries.body)[0]["recorded_by"], "王五");

  auto approvals = as(leader, "GET", "/api/v1/approvals?plan=api");
  EXPECT_EQ(approvals.status, 200);
  EXPECT_EQ(approvals.body, "[]\n");
}

TEST_F(ServerApi, a_write_on_a_cookie_needs_the_csrf_token_and_a_token_needs_none) {
  auto official = sign_in("王五");
  const std::string body = R"({"ref":"api/patents","value":"1200","period":"2019-03"})";
  auto missing = call("POST", "/api/v1/entries", body, {{"cookie", official.cookie}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(error_of(missing), "missing or stale X-CSRF-Token; send the csrf value that POST "
                               "/api/v1/login returned");
  auto stale = call("POST", "/api/v1/entries", body,
                    {{"cookie", official.cookie}, {"x-csrf-token", std::string(64, '0')}});
  EXPECT_EQ(stale.status, 403);
  EXPECT_EQ(count("entries"), 0);

  auto token = cli.run({"--by", "王五", "token", "create", "--user", "王五"});
  ASSERT_EQ(token.code, 0) << token.err;
  std::string secret = token.out.substr(token.out.find("pt_"), 67);
  auto by_token = call("POST", "/api/v1/entries", body, {{"authorization", "Bearer " + secret}});
  EXPECT_EQ(by_token.status, 201) << by_token.body;
  EXPECT_EQ(json::parse(by_token.body), json::parse(R"({"id":1})"));
  auto bogus = call("POST", "/api/v1/entries", body,
                    {{"authorization", "Bearer pt_" + std::string(64, 'a')}});
  EXPECT_EQ(bogus.status, 401);
  EXPECT_EQ(count("entries"), 1);
}

TEST_F(ServerApi, refusals_are_403_locks_409_unknown_names_404_and_the_message_is_the_clis) {
  auto other = sign_in("钱七"); // 区经信局 does not lead or support patents
  auto refused =
      as(other, "POST", "/api/v1/entries", R"({"ref":"api/patents","value":1,"period":"2019-03"})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_THAT(error_of(refused), ::testing::HasSubstr("'钱七' is an official of 区经信局"));
  EXPECT_EQ(count("refusals"), 1);

  auto official = sign_in("王五");
  auto unknown = as(official, "POST", "/api/v1/entries",
                    R"({"ref":"api/patent","value":1,"period":"2019-03"})");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(error_of(unknown), ::testing::HasSubstr("did you mean 'api/patents'?"));

  auto logged = as(official, "POST", "/api/v1/entries",
                   R"({"ref":"api/patents","value":1200,"period":"2019-03"})");
  ASSERT_EQ(logged.status, 201);
  auto submit = as(official, "POST", "/api/v1/approvals",
                   R"({"plan":"api","org":"区科委","period":"2019Q1","action":"submit"})");
  ASSERT_EQ(submit.status, 201) << submit.body;
  EXPECT_EQ(json::parse(submit.body)["action"], "submit");
  auto reviewer = sign_in("李四");
  auto approve = as(reviewer, "POST", "/api/v1/approvals",
                    R"({"plan":"api","org":"区科委","period":"2019Q1","action":"approve"})");
  ASSERT_EQ(approve.status, 201) << approve.body;
  auto locked = as(official, "POST", "/api/v1/entries",
                   R"({"ref":"api/patents","value":1300,"period":"2019-02"})");
  EXPECT_EQ(locked.status, 409);
  EXPECT_THAT(error_of(locked), ::testing::HasSubstr("was approved by 李四 at"));
  auto correct =
      as(official, "POST", "/api/v1/entries/1/correction", R"({"value":1250,"reason":"年报修订"})");
  EXPECT_EQ(correct.status, 409);

  auto listed = as(reviewer, "GET", "/api/v1/approvals?plan=api&period=2019Q1");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(json::parse(listed.body)[0]["state"], "approved");
  EXPECT_EQ(json::parse(as(reviewer, "GET", "/api/v1/approvals?plan=api&period=2019Q2").body),
            json::array());
  auto self =
      as(official, "POST", "/api/v1/approvals",
         R"({"plan":"api","org":"区科委","period":"2019Q1","action":"unapprove","reason":"x"})");
  EXPECT_EQ(self.status, 403);
}

TEST_F(ServerApi, corrections_and_retractions_answer_201_and_a_replaced_entry_is_409) {
  auto official = sign_in("王五");
  ASSERT_EQ(as(official, "POST", "/api/v1/entries",
               R"({"ref":"api/patents","value":1200,"period":"2019-03"})")
                .status,
            201);
  auto no_reason = as(official, "POST", "/api/v1/entries/1/correction", R"({"value":1250})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_THAT(error_of(no_reason), ::testing::HasSubstr("a correction needs a reason"));
  auto corrected = as(official, "POST", "/api/v1/entries/1/correction",
                      R"({"value":1250.5,"reason":"年报修订"})");
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(json::parse(corrected.body)["id"], 2);
  auto again =
      as(official, "POST", "/api/v1/entries/1/correction", R"({"value":1260,"reason":"再次修订"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_of(again), "entry 1 was already corrected by entry 2; correct entry 2, its "
                             "latest version");
  auto retracted = as(official, "POST", "/api/v1/entries/2/retraction", R"({"reason":"重复填报"})");
  EXPECT_EQ(retracted.status, 201) << retracted.body;
  EXPECT_EQ(as(official, "POST", "/api/v1/entries/99/retraction", R"({"reason":"x"})").status, 404);
  auto entries = json::parse(as(official, "GET", "/api/v1/entries?ref=api/patents").body);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1]["value"], 1250.5);
}

TEST_F(ServerApi, sessions_expire_when_idle_and_end_at_logout_or_when_the_user_is_disabled) {
  auto official = sign_in("王五");
  now += std::chrono::hours(7);
  EXPECT_EQ(as(official, "GET", "/api/v1/status?plan=api").status, 200);
  now += std::chrono::hours(7); // 7 hours since the last use: still alive
  EXPECT_EQ(as(official, "GET", "/api/v1/status?plan=api").status, 200);
  now += std::chrono::hours(8) + std::chrono::seconds(1);
  EXPECT_EQ(as(official, "GET", "/api/v1/status?plan=api").status, 401);

  auto again = sign_in("王五");
  auto out = as(again, "POST", "/api/v1/logout");
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(as(again, "GET", "/api/v1/status?plan=api").status, 401);

  auto third = sign_in("王五");
  ASSERT_EQ(cli.run({"--by", "admin", "user", "disable", "王五"}).code, 0);
  EXPECT_EQ(as(third, "GET", "/api/v1/status?plan=api").status, 401);
  EXPECT_EQ(
      call("POST", "/api/v1/login", R"({"user":"王五","password":"password-of-王五"})").status,
      401);
}

// Malformed, oversized in meaning, wrongly typed or hostile requests: a 4xx with one JSON
// error line, never a 500, and nothing stored.
TEST_F(ServerApi, hostile_requests_get_one_json_error_line_and_store_nothing) {
  auto official = sign_in("王五");
  const std::string injection = "'; DROP TABLE entries; --";
  struct Case {
    std::string method, target, body;
    int status;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/entries", "{", 400},
      {"POST", "/api/v1/entries", "[1,2]", 400},
      {"POST", "/api/v1/entries", "\"x\"", 400},
      {"POST", "/api/v1/entries", R"({"ref":"api/patents","value":1,"period":"2019","extra":1})",
       400},
      {"POST", "/api/v1/entries", R"({"ref":"api/patents","value":true,"period":"2019"})", 400},
      {"POST", "/api/v1/entries", R"({"ref":"api/patents","value":1e400,"period":"2019"})", 400},
      {"POST", "/api/v1/entries", R"({"ref":"api/patents","value":"NaN","period":"2019"})", 400},
      {"POST", "/api/v1/entries",
       R"({"ref":"api/patents","value":1,"state":"done","period":"2019"})", 400},
      {"POST", "/api/v1/entries", R"({"ref":"api/patents","period":"2019"})", 400},
      {"POST", "/api/v1/entries", R"({"ref":["api/patents"],"value":1,"period":"2019"})", 400},
      {"POST", "/api/v1/entries",
       R"({"ref":"api/patents","value":1,"period":"2019","entities":"a"})", 400},
      {"POST", "/api/v1/entries",
       R"({"ref":"api/patents","value":1,"period":"2019","provisional":"yes"})", 400},
      {"POST", "/api/v1/entries", "{\"ref\":\"api/patents\",\"value\":1,\"period\":\"\xff\xfe\"}",
       400},
      {"POST", "/api/v1/entries",
       "{\"ref\":\"api/patents\",\"value\":1,\"period\":\"2019\",\"note\":\"\xc3\x28\"}", 400},
      {"POST", "/api/v1/entries", json{{"ref", injection}, {"value", 1}, {"period", "2019"}}.dump(),
       400},
      {"POST", "/api/v1/entries",
       json{{"ref", "api/patents"}, {"value", injection}, {"period", "2019"}}.dump(), 400},
      {"POST", "/api/v1/entries",
       json{{"ref", "api/patents"}, {"value", 1}, {"period", injection}}.dump(), 400},
      {"POST", "/api/v1/entries",
       json{{"ref", "api/" + injection}, {"value", 1}, {"period", "2019"}}.dump(), 404},
      {"POST", "/api/v1/entries/1%20OR%201=1/correction", R"({"value":1,"reason":"x"})", 404},
      {"POST", "/api/v1/entries/-1/retraction", R"({"reason":"x"})", 404},
      {"POST", "/api/v1/entries/99999999999999999999/retraction", R"({"reason":"x"})", 404},
      {"POST", "/api/v1/entries/../users", "{}", 404},
      {"GET", "/api/v1/../../etc/passwd", "", 404},
      {"GET", "/api/v1x/status", "", 404},
      {"GET", "/api/v1/entries/1", "", 404},
      {"DELETE", "/api/v1/entries", "", 405},
      {"PUT", "/api/v1/approvals", "{}", 405},
      {"GET", "/api/v1/status?plan=" + injection, "", 404},
      {"GET", "/api/v1/status?as_of=yesterday", "", 400},
      {"GET", "/api/v1/status?approved_only=maybe", "", 400},
      {"GET", "/api/v1/status?plan=api&color=always", "", 400},
      {"GET", "/api/v1/status?known_at=" + injection, "", 400},
      {"GET", "/api/v1/approvals", "", 400},
      {"GET", "/api/v1/entries?ref=api&ref=api", "", 400},
      {"POST", "/api/v1/approvals",
       R"({"plan":"api","org":"区科委","period":"2019Q1","action":"approve; DROP"})", 400},
      {"POST", "/api/v1/approvals", R"({"plan":"api","org":"区科委","period":"2019Q1"})", 400},
      {"POST", "/api/v1/login", R"({"user":"王五"})", 400},
  };
  for (const auto& c : cases) {
    auto r = as(official, c.method, c.target, c.body);
    EXPECT_EQ(r.status, c.status) << c.method << " " << c.target << " " << c.body << " -> "
                                  << r.body;
    error_of(r);
  }
  auto plain = call("POST", "/api/v1/entries", R"({"ref":"api/patents","value":1,"period":"2019"})",
                    {{"cookie", official.cookie},
                     {"x-csrf-token", official.csrf},
                     {"content-type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(count("entries"), 0);
  EXPECT_EQ(count("approvals"), 0);
}

TEST_F(ServerApi, serve_refuses_by_an_unusable_address_and_a_database_without_users) {
  // As typed (the harness would take --by for a role on PostgreSQL).
  auto by = cli.run_raw({"plantrack", "--db", cli.db(), "--by", "王五", "serve"});
  EXPECT_EQ(by.code, 1);
  EXPECT_EQ(by.err, "plantrack: error: serve does not take --by: through the server, whoever "
                    "signs in (or whose token it is) acts; drop --by\n");
  auto listen = cli.run({"serve", "--listen", "localhost:http"});
  EXPECT_EQ(listen.code, 1);
  EXPECT_THAT(listen.err, ::testing::HasSubstr("--listen 'localhost:http' is not an address"));

  Cli empty;
  ASSERT_EQ(empty.run({"init"}).code, 0);
  auto nobody = empty.run({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(nobody.code, 1);
  EXPECT_THAT(nobody.err, ::testing::HasSubstr("has no users, so nobody could sign in"));
}

} // namespace
