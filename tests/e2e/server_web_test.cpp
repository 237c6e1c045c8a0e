// End-to-end tests of the web app of `plantrack serve` (SPEC §6), in-process with a fixed
// clock like the API's suite: every page for the roles that may see it and a 403 page for
// those that may not, CSRF on every form, the CLI's message beside a bad field with nothing
// stored, escaping, the security headers, and POST-redirect-GET.

#include "cli_harness.hpp"
#include "server/api.hpp"
#include "server/web/form.hpp"
#include "server/web/pages.hpp"
#include "support/plan_files.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>

using plantrack::testing::Cli;
using ::testing::HasSubstr;
using ::testing::Not;
namespace server = plantrack::server;
namespace web = plantrack::server::web;

namespace {

const std::string plan = plantrack::support::two_org_plan("web", "网页示例") + R"(tasks:
  - id: platform
    title: 建设科技服务平台
    goal: g
    responsible: [区科委]
    deadline: 2020-12-31
    steps:
      - {id: plan, date: 2019-03-31, title: 制定方案}
    source: "建设科技服务平台"
)";

class ServerWeb : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    ASSERT_EQ(cli.run({"plan", "import", cli.write("web.yaml", plan)}).code, 0);
    add("setup", {"admin", "--role", "admin"});
    add("admin", {"王五", "--role", "official", "--org", "区科委"});
    add("admin", {"钱七", "--role", "official", "--org", "区经信局"});
    add("admin", {"李四", "--role", "reviewer"});
    add("admin", {"赵六", "--role", "leader"});
    add("admin", {"审计甲", "--role", "auditor"});
  }

  void add(const std::string& by, std::vector<std::string> args) {
    auto r = cli.add_user(by, std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  }

  server::Response call(const std::string& method, const std::string& target,
                        const std::string& body = "", const std::string& cookies = "") {
    server::Request request;
    request.method = method;
    auto q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = target.substr(q + 1);
      size_t at = 0;
      while (at <= rest.size()) {
        auto amp = rest.find('&', at);
        if (amp == std::string::npos) amp = rest.size();
        auto pair = rest.substr(at, amp - at);
        auto eq = pair.find('=');
        request.query.emplace(web::url_decode(pair.substr(0, eq)),
                              eq == std::string::npos ? "" : web::url_decode(pair.substr(eq + 1)));
        at = amp + 1;
      }
    }
    if (method == "POST") request.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!cookies.empty()) request.headers["cookie"] = cookies;
    request.body = body;
    request.client = "127.0.0.1";
    return pages.handle(request);
  }

  static std::string header(const server::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }

  // The value of hidden field `name` in a page.
  static std::string hidden(const std::string& html, const std::string& name) {
    auto at = html.find("name=\"" + name + "\" value=\"");
    if (at == std::string::npos) return {};
    at += name.size() + 15;
    return html.substr(at, html.find('"', at) - at);
  }

  struct Signed {
    std::string cookie;
    std::string csrf;
  };

  Signed sign_in(const std::string& user) {
    auto form = call("GET", "/login");
    EXPECT_EQ(form.status, 200);
    auto login_cookie = header(form, "Set-Cookie");
    login_cookie = login_cookie.substr(0, login_cookie.find(';'));
    auto token = hidden(form.body, "csrf");
    auto r = call("POST", "/login",
                  "csrf=" + token + "&user=" + web::url_encode(user) +
                      "&password=" + web::url_encode("password-of-" + user),
                  login_cookie);
    EXPECT_EQ(r.status, 303) << r.body;
    Signed s;
    for (const auto& [k, v] : r.headers)
      if (k == "Set-Cookie" && v.rfind(server::session_cookie, 0) == 0)
        s.cookie = v.substr(0, v.find(';'));
    auto work = call("GET", "/plans", "", s.cookie);
    s.csrf = hidden(work.body, "csrf");
    EXPECT_FALSE(s.csrf.empty());
    return s;
  }

  server::Response get(const Signed& s, const std::string& target) {
    return call("GET", target, "", s.cookie);
  }
  server::Response post(const Signed& s, const std::string& target, const std::string& body) {
    return call("POST", target, "csrf=" + s.csrf + "&" + body, s.cookie);
  }

  int count(const std::string& table) { return static_cast<int>(cli.count(table)); }

  Cli cli;
  server::StorePool stores{cli.db()};
  plantrack::Timestamp now = Cli::at(2019, 6, 30, 8);
  server::Api api{stores, [this] { return now; }};
  web::Pages pages{stores, [this] { return now; }, api.sessions()};
};

TEST_F(ServerWeb, signed_out_visitors_are_sent_to_the_sign_in_page) {
  auto r = call("GET", "/work");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/login");
  auto login = call("GET", "/login");
  EXPECT_EQ(login.status, 200);
  EXPECT_THAT(login.body, HasSubstr("<form method=\"post\" action=\"/login\""));
  EXPECT_THAT(login.body, HasSubstr("lang=\"zh-CN\""));
}

TEST_F(ServerWeb, a_wrong_password_shows_the_message_on_the_sign_in_page) {
  auto form = call("GET", "/login");
  auto cookie = header(form, "Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto r =
      call("POST", "/login",
           "csrf=" + hidden(form.body, "csrf") + "&user=%E7%8E%8B%E4%BA%94&password=wrong", cookie);
  EXPECT_EQ(r.status, 401);
  EXPECT_THAT(r.body, HasSubstr("class=\"error\""));
  EXPECT_THAT(r.body, HasSubstr("value=\"王五\""));
}

TEST_F(ServerWeb, the_sign_in_form_needs_its_own_token) {
  auto r = call("POST", "/login", "csrf=forged&user=admin&password=password-of-admin",
                "plantrack_login=other");
  EXPECT_EQ(r.status, 403);
  EXPECT_THAT(header(r, "Set-Cookie"), Not(HasSubstr(server::session_cookie)));
}

TEST_F(ServerWeb, every_page_renders_for_the_roles_that_may_see_it) {
  struct Case {
    std::string user;
    std::string path;
    int status;
  };
  std::vector<Case> cases = {
      {"王五", "/work", 200},
      {"王五", "/plans", 200},
      {"王五", "/plans/web", 200},
      {"王五", "/plans/web/items/patents", 200},
      {"王五", "/plans/web/items/platform", 200},
      {"王五", "/entries/new?ref=web%2Fpatents", 200},
      {"王五", "/entries/new?ref=web%2Fplatform", 200},
      {"王五", "/approvals?plan=web", 200},
      {"王五", "/scorecard", 200},
      {"王五", "/reports", 200},
      {"王五", "/audit", 403},
      {"王五", "/admin/users", 403},
      {"王五", "/admin/plans", 403},
      {"李四", "/approvals", 200},
      {"赵六", "/plans/web", 200},
      {"赵六", "/admin/users", 403},
      {"审计甲", "/audit", 200},
      {"admin", "/admin/users", 200},
      {"admin", "/admin/plans", 200},
      {"admin", "/no/such/page", 404},
      {"admin", "/plans/nowhere", 404},
  };
  std::map<std::string, Signed> signed_in;
  for (const auto& c : cases) {
    if (!signed_in.count(c.user)) signed_in[c.user] = sign_in(c.user);
    auto r = get(signed_in[c.user], c.path);
    EXPECT_EQ(r.status, c.status) << c.user << " " << c.path << "\n" << r.body;
    EXPECT_EQ(header(r, "Content-Security-Policy"), web::content_security_policy) << c.path;
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
    EXPECT_THAT(r.body, Not(HasSubstr("<script"))) << c.path;
    EXPECT_THAT(r.body, Not(HasSubstr("style=\""))) << c.path;
  }
  // The dashboard draws the chart of each numeric target.
  EXPECT_THAT(get(signed_in["赵六"], "/plans/web").body, HasSubstr("<svg class=\"chart\""));
}

TEST_F(ServerWeb, an_official_logs_a_value_and_is_redirected) {
  auto s = sign_in("王五");
  auto r = post(s, "/entries", "ref=web%2Fpatents&value=4400&unit=%E4%BB%B6&period=2018&source=x");
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(header(r, "Location"), "/plans/web/items/patents?done=logged");
  EXPECT_EQ(count("entries"), 1);
  auto item = get(s, header(r, "Location"));
  EXPECT_THAT(item.body, HasSubstr("class=\"flash\""));
  EXPECT_THAT(item.body, HasSubstr("4400 件"));
  // My work shows it as the last entry.
  EXPECT_THAT(get(s, "/work").body, HasSubstr("2018 4400 件"));
}

TEST_F(ServerWeb, a_bad_value_shows_the_clis_message_beside_the_field_and_stores_nothing) {
  auto cli_error = cli.run({"--by", "王五", "log", "web/patents", "四千", "--period", "2018"});
  ASSERT_EQ(cli_error.code, 1);
  auto message = cli_error.err.substr(std::string("plantrack: error: ").size());
  message = message.substr(0, message.find('\n'));
  auto s = sign_in("王五");
  auto r = post(s, "/entries", "ref=web%2Fpatents&value=%E5%9B%9B%E5%8D%83&period=2018");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("<span class=\"field-error\" id=\"value-error\">"));
  // The message as the CLI prints it, HTML-escaped.
  std::string escaped;
  for (char c : message)
    escaped += c == '\''  ? "&apos;"
               : c == '"' ? "&quot;"
               : c == '<' ? "&lt;"
               : c == '>' ? "&gt;"
               : c == '&' ? "&amp;"
                          : std::string(1, c);
  EXPECT_THAT(r.body, HasSubstr(escaped));
  EXPECT_THAT(r.body, HasSubstr("value=\"四千\"")); // what was typed stays in the form
  EXPECT_EQ(count("entries"), 0);

  auto bad_period = post(s, "/entries", "ref=web%2Fpatents&value=4400&period=2018Q5");
  EXPECT_EQ(bad_period.status, 400);
  EXPECT_THAT(bad_period.body, HasSubstr("id=\"period-error\""));
  EXPECT_EQ(count("entries"), 0);
}

TEST_F(ServerWeb, a_form_without_or_with_a_stale_csrf_token_is_refused_and_stores_nothing) {
  auto s = sign_in("王五");
  auto none = call("POST", "/entries", "ref=web%2Fpatents&value=4400&period=2018", s.cookie);
  EXPECT_EQ(none.status, 403);
  auto stale =
      call("POST", "/entries", "csrf=0123&ref=web%2Fpatents&value=4400&period=2018", s.cookie);
  EXPECT_EQ(stale.status, 403);
  // A token of another session is stale too.
  auto other = sign_in("钱七");
  auto crossed = call("POST", "/entries",
                      "csrf=" + other.csrf + "&ref=web%2Fpatents&value=4400&period=2018", s.cookie);
  EXPECT_EQ(crossed.status, 403);
  auto approval = call("POST", "/approvals",
                       "plan=web&org=%E5%8C%BA%E7%A7%91%E5%A7%94&period=2018"
                       "&action=submit",
                       s.cookie);
  EXPECT_EQ(approval.status, 403);
  EXPECT_EQ(count("entries"), 0);
  EXPECT_EQ(count("approvals"), 0);
}

TEST_F(ServerWeb, an_official_of_another_org_is_refused_with_a_403_page) {
  auto s = sign_in("钱七");
  auto r = post(s, "/entries", "ref=web%2Fpatents&value=4400&period=2018");
  EXPECT_EQ(r.status, 403);
  EXPECT_THAT(r.body, HasSubstr("钱七"));
  EXPECT_EQ(count("entries"), 0);
}

TEST_F(ServerWeb, output_is_escaped_everywhere) {
  auto s = sign_in("王五");
  auto r = post(s, "/entries",
                "ref=web%2Fplatform&state=in_progress&period=2019Q1"
                "&note=%3Cscript%3Ealert(1)%3C%2Fscript%3E&evidence=%3Cimg+src%3Dx%3E");
  ASSERT_EQ(r.status, 303) << r.body;
  for (auto path : {"/plans/web/items/platform", "/plans/web", "/work"}) {
    auto page = get(s, path);
    EXPECT_THAT(page.body, Not(HasSubstr("<script>"))) << path;
    EXPECT_THAT(page.body, Not(HasSubstr("<img"))) << path;
  }
  EXPECT_THAT(get(s, "/plans/web/items/platform").body,
              HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  // A flash key that is not a label comes out as text, escaped by the template.
  auto flash = get(s, "/work?done=%3Cb%3E");
  EXPECT_THAT(flash.body, Not(HasSubstr("<b>")));
}

TEST_F(ServerWeb, corrections_and_retractions_need_a_reason_and_show_in_the_history) {
  auto s = sign_in("王五");
  ASSERT_EQ(post(s, "/entries", "ref=web%2Fpatents&value=4400&period=2018").status, 303);
  auto no_reason = post(s, "/entries/1/correction", "value=4450");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(count("entries"), 1);
  auto corrected = post(s, "/entries/1/correction", "value=4450&reason=%E5%B9%B4%E6%8A%A5");
  EXPECT_EQ(corrected.status, 303) << corrected.body;
  EXPECT_EQ(header(corrected, "Location"), "/plans/web/items/patents?done=corrected");
  auto item = get(s, "/plans/web/items/patents");
  EXPECT_THAT(item.body, HasSubstr("class=\"superseded\""));
  EXPECT_THAT(item.body, HasSubstr("年报"));
  auto retracted = post(s, "/entries/2/retraction", "reason=dup");
  EXPECT_EQ(retracted.status, 303);
  EXPECT_EQ(count("entries"), 3);
}

TEST_F(ServerWeb, the_approval_story_locks_the_period_and_shows_who_approved_it) {
  auto official = sign_in("王五");
  auto reviewer = sign_in("李四");
  const std::string org = "org=" + web::url_encode("区科委") + "&period=2018&plan=web";
  ASSERT_EQ(post(official, "/entries", "ref=web%2Fpatents&value=4400&period=2018").status, 303);
  auto submitted = post(official, "/approvals", org + "&action=submit");
  EXPECT_EQ(submitted.status, 303) << submitted.body;
  EXPECT_EQ(header(submitted, "Location"), "/approvals?plan=web&done=approval_submit");
  auto no_reason = post(reviewer, "/approvals", org + "&action=return");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_THAT(no_reason.body, HasSubstr("class=\"error\""));
  EXPECT_EQ(post(reviewer, "/approvals", org + "&action=return&reason=%E7%BC%BA%E6%BA%90").status,
            303);
  EXPECT_EQ(post(official, "/approvals", org + "&action=submit").status, 303);
  EXPECT_EQ(post(reviewer, "/approvals", org + "&action=approve").status, 303);
  auto page = get(reviewer, "/approvals?plan=web");
  EXPECT_THAT(page.body, HasSubstr("approval-approved"));
  EXPECT_THAT(page.body, HasSubstr("李四"));
  // The lock refuses an entry of the period, with the engine's message, and stores nothing.
  auto locked = post(official, "/entries", "ref=web%2Fpatents&value=4500&period=2018");
  EXPECT_EQ(locked.status, 409);
  EXPECT_THAT(locked.body, HasSubstr("李四"));
  EXPECT_EQ(count("entries"), 1);
  EXPECT_THAT(get(official, "/plans/web").body, HasSubstr("李四"));
  EXPECT_EQ(post(reviewer, "/approvals", org + "&action=unapprove&reason=fix").status, 303);
  EXPECT_EQ(post(official, "/entries", "ref=web%2Fpatents&value=4500&period=2018").status, 303);
}

TEST_F(ServerWeb, admins_add_users_and_import_plans_with_file_line_errors) {
  auto s = sign_in("admin");
  auto added = post(s, "/admin/users",
                    "name=%E5%AD%99%E5%85%AB&role=official&orgs=%E5%8C%BA%E7%A7%91%E5%A7%94"
                    "&password=secret-pass-1");
  EXPECT_EQ(added.status, 303) << added.body;
  EXPECT_THAT(get(s, "/admin/users").body, HasSubstr("孙八"));
  // The plan file is uploaded (multipart/form-data); its name is the one the messages give.
  auto upload = [&](const std::string& csrf, const std::string& file, const std::string& text) {
    server::Request request;
    request.method = "POST";
    request.path = "/admin/plans";
    request.headers["content-type"] = "multipart/form-data; boundary=x";
    request.headers["cookie"] = s.cookie;
    request.parts = {{"csrf", "", csrf}, {"file", file, text}, {"reason", "", ""}};
    return pages.handle(request);
  };
  auto bad = upload(s.csrf, "new.yaml", "id: x\ntitle: y\n");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("new.yaml:"));
  EXPECT_EQ(upload("stale", "p2.yaml", plantrack::support::two_org_plan("web2", "第二")).status,
            403);
  auto good = upload(s.csrf, "p2.yaml", plantrack::support::two_org_plan("web2", "第二"));
  EXPECT_EQ(good.status, 303) << good.body;
  EXPECT_THAT(get(s, "/plans").body, HasSubstr("web2"));
}

TEST_F(ServerWeb, archived_reports_show_their_hash_download_and_fail_when_changed) {
  auto out = (cli.dir() / "reports").string();
  std::filesystem::create_directories(out);
  auto added = cli.run({"--by", "admin", "--format", "md", "schedule", "add", "m", "--plan", "web",
                        "--every", "month", "--out", out});
  ASSERT_EQ(added.code, 0) << added.err;
  auto due = cli.run({"--by", "admin", "run-due", "--now", "2019-09-08T09:00:00+08:00"});
  ASSERT_EQ(due.code, 0) << due.err;
  auto s = sign_in("赵六");
  auto list = get(s, "/reports");
  EXPECT_EQ(list.status, 200);
  EXPECT_THAT(list.body, HasSubstr("web-2019-07.md"));
  EXPECT_THAT(list.body, HasSubstr("href=\"/reports/1\""));
  auto file = get(s, "/reports/1");
  EXPECT_EQ(file.status, 200);
  EXPECT_THAT(header(file, "Content-Disposition"), HasSubstr("attachment"));
  EXPECT_FALSE(header(file, "X-Report-SHA256").empty());
  EXPECT_THAT(list.body, HasSubstr(header(file, "X-Report-SHA256")));
  // A file changed after it was archived no longer verifies and is not served.
  for (const auto& f : std::filesystem::directory_iterator(out))
    std::ofstream(f.path(), std::ios::app) << "tampered\n";
  EXPECT_THAT(get(s, "/reports").body, HasSubstr("class=\"bad\""));
  EXPECT_EQ(get(s, "/reports/1").status, 409);
}

TEST_F(ServerWeb, english_is_one_switch_away_and_remembered) {
  auto s = sign_in("赵六");
  auto en = get(s, "/plans?lang=en");
  EXPECT_THAT(en.body, HasSubstr("lang=\"en\""));
  EXPECT_THAT(en.body, HasSubstr("Plans"));
  EXPECT_THAT(header(en, "Set-Cookie"), HasSubstr("plantrack_lang=en"));
  auto again = call("GET", "/plans", "", s.cookie + "; plantrack_lang=en");
  EXPECT_THAT(again.body, HasSubstr("lang=\"en\""));
}

TEST_F(ServerWeb, sign_out_ends_the_session) {
  auto s = sign_in("王五");
  auto r = post(s, "/logout", "");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/login");
  EXPECT_EQ(get(s, "/work").status, 303);
}

TEST_F(ServerWeb, the_stylesheet_is_served_from_the_binary) {
  auto r = call("GET", "/static/app.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("@media (max-width: 600px)"));
}

} // namespace
