// End-to-end tests of accounts (SPEC §5 `user add|list|disable`, `token create`): exact
// stdout, stderr and exit code; the password and the token never reach the database in clear.
// On SQLite and, rerun as postgres.accounts_cli_test, on PostgreSQL, where the first admin is
// added by the role that owns the schema (SPEC §5).

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

#include <regex>

using plantrack::testing::Cli;

namespace {

const std::string plan = plantrack::support::test_plan_header("acct", "账户示例") + R"(  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    responsible: [区科委]
    support: [区财政局]
    source: "年专利申请量达到5000件"
)";

class Accounts : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    ASSERT_EQ(cli.run({"plan", "import", cli.write("acct.yaml", plan)}).code, 0);
  }
  plantrack::testing::Result add(const std::string& by, std::vector<std::string> args,
                                 const std::string& password = "s3cret-口令\n") {
    return cli.add_user(by, std::move(args), password);
  }
  // Every text cell of the database, concatenated: where a secret must not be.
  std::string everything_stored() {
    cli.run({"status"}); // make sure the WAL is readable
    std::string all;
    for (const char* table : {"users", "user_orgs", "user_plans", "api_tokens"})
      all += cli.cells(table);
    return all;
  }
  Cli cli;
};

TEST_F(Accounts, the_first_user_is_an_admin_who_then_adds_the_others) {
  auto first = add("anyone", {"王五", "--role", "official", "--org", "区科委"});
  EXPECT_EQ(first.code, 1);
  EXPECT_EQ(first.err, "plantrack: error: the first user of a database must be an admin, who then adds the "
                       "others; add '王五' with --role admin, or add an admin first\n");
  auto admin = add("setup", {"admin", "--role", "admin"});
  ASSERT_EQ(admin.code, 0) << admin.err;
  EXPECT_EQ(admin.out, "user admin added (admin)\n");
  auto official = add("admin", {"王五", "--role", "official", "--org", "区科委", "--org", "区财政局"});
  ASSERT_EQ(official.code, 0) << official.err;
  auto reviewer = add("admin", {"李四", "--role", "reviewer", "--plan", "acct"});
  ASSERT_EQ(reviewer.code, 0) << reviewer.err;

  auto listed = cli.run({"user", "list", "--format", "json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  auto users = nlohmann::json::parse(listed.out);
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0]["name"], "admin");
  EXPECT_EQ(users[0]["created_by"], cli.owner_name());
  EXPECT_EQ(users[2]["name"], "王五");
  EXPECT_EQ(users[2]["role"], "official");
  EXPECT_EQ(users[2]["orgs"], nlohmann::json({"区科委", "区财政局"}));
  EXPECT_EQ(users[1]["plans"], nlohmann::json({"acct"}));
  EXPECT_TRUE(users[1]["disabled_at"].is_null());
  EXPECT_EQ(listed.out.find("argon2"), std::string::npos) << "no hash in the listing";

  auto table = cli.run({"--lang", "zh", "user", "list"});
  EXPECT_NE(table.out.find("填报人员"), std::string::npos) << table.out;
  auto english = cli.run({"--lang", "en", "user", "list"});
  EXPECT_NE(english.out.find("official"), std::string::npos) << english.out;
}

TEST_F(Accounts, only_an_admin_adds_users_and_the_refusal_names_the_role) {
  ASSERT_EQ(add("setup", {"admin", "--role", "admin"}).code, 0);
  ASSERT_EQ(add("admin", {"王五", "--role", "official", "--org", "区科委"}).code, 0);
  auto refused = add("王五", {"赵六", "--role", "leader"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(refused.err, "plantrack: error: '王五' is an official of 区科委, who writes the entries of its "
                         "orgs' items, submits their periods, and reads; managing users is for "
                         "admins\n");
  auto stranger = add("nobody", {"赵六", "--role", "leader"});
  EXPECT_EQ(stranger.code, 1);
  EXPECT_EQ(stranger.err, "plantrack: error: 'nobody' has no account in this database, and only its users "
                          "change it; act as one (on a file --by NAME, on PostgreSQL connect as "
                          "that role; see `plantrack user list`)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"user", "list", "--format", "json"}).out).size(), 2u);
}

TEST_F(Accounts, bad_input_is_one_line_and_stores_nothing) {
  ASSERT_EQ(add("setup", {"admin", "--role", "admin"}).code, 0);
  struct Case {
    std::vector<std::string> args;
    std::string password;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"a b", "--role", "leader"}, "long-enough\n",
       "plantrack: error: 'a b' is not a user name; use 1 to 64 bytes without spaces, '/', ':', ',' or ';', "
       "e.g. zhang.san or 张三\n"},
      {{"x", "--role", "boss"}, "long-enough\n",
       "plantrack: error: 'boss' is not a role; use one of admin, official, reviewer, leader, auditor\n"},
      {{"x", "--role", "official"}, "long-enough\n",
       "plantrack: error: an official belongs to at least one org; add --org ORG, an org the plans name "
       "(see `plantrack scorecard`)\n"},
      {{"x", "--role", "official", "--org", "区科技委"}, "long-enough\n",
       "plantrack: error: no plan names the org '区科技委'; use an org as the plans write it (区科委, "
       "区财政局)\n"},
      {{"x", "--role", "leader", "--org", "区科委"}, "long-enough\n",
       "plantrack: error: --org is for officials, and 'x' is to be a leader; remove --org\n"},
      {{"x", "--role", "reviewer", "--plan", "nope"}, "long-enough\n",
       "plantrack: error: unknown plan 'nope'; see `plantrack plan list`\n"},
      {{"x", "--role", "leader"}, "short\n",
       "plantrack: error: a password needs at least 8 characters; choose a longer one\n"},
      {{"x", "--role", "leader"}, "",
       "plantrack: error: no password on standard input; pipe it in, e.g. printf '%s\\n' \"$PW\" | "
       "plantrack user add NAME --role R --password-stdin\n"},
      {{"admin", "--role", "leader"}, "long-enough\n",
       "plantrack: error: user name 'admin' is already taken (admin); choose another name\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.err);
    auto r = add("admin", c.args, c.password);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, c.err);
  }
  cli.input = "long-enough\n";
  auto no_flag = cli.run({"--by", "admin", "user", "add", "x", "--role", "leader"});
  EXPECT_EQ(no_flag.code, 1);
  EXPECT_EQ(no_flag.err, "plantrack: error: a new user needs a password: pass --password-stdin and pipe it "
                         "in (it is never taken as an argument)\n");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"user", "list", "--format", "json"}).out).size(), 1u);
}

TEST_F(Accounts, passwords_and_tokens_are_stored_only_hashed_and_shown_once) {
  ASSERT_EQ(add("setup", {"admin", "--role", "admin"}, "管理员的口令-pass\n").code, 0);
  ASSERT_EQ(add("admin", {"审计甲", "--role", "auditor"}, "auditor-pass-1\n").code, 0);
  auto made = cli.run({"--by", "admin", "token", "create", "--user", "审计甲"});
  ASSERT_EQ(made.code, 0) << made.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_match(made.out, m, std::regex("(pt_[0-9a-f]{64})\n"))) << made.out;
  const std::string token = m[1];
  auto own = cli.run({"--by", "审计甲", "token", "create", "--user", "审计甲"});
  ASSERT_EQ(own.code, 0) << own.err;
  EXPECT_NE(own.out, made.out);
  auto other = cli.run({"--by", "审计甲", "token", "create", "--user", "admin"});
  EXPECT_EQ(other.code, 1);
  EXPECT_EQ(other.err, "plantrack: error: '审计甲' is an auditor, who reads everything and runs the audits; "
                       "managing users is for admins\n");

  const std::string stored = everything_stored();
  for (const std::string& secret : std::vector<std::string>{"管理员的口令-pass", "auditor-pass-1", token.substr(3)})
    EXPECT_EQ(stored.find(secret), std::string::npos) << "found in the database: " << secret;
  EXPECT_NE(stored.find("$argon2id$"), std::string::npos);
}

TEST_F(Accounts, a_disabled_user_is_kept_listed_and_may_do_nothing) {
  ASSERT_EQ(add("setup", {"admin", "--role", "admin"}).code, 0);
  ASSERT_EQ(add("admin", {"admin2", "--role", "admin"}).code, 0);
  auto self = cli.run({"--by", "admin", "user", "disable", "admin"});
  EXPECT_EQ(self.code, 1);
  EXPECT_EQ(self.err, "plantrack: error: 'admin' cannot disable itself; another admin does that\n");
  auto off = cli.run({"--by", "admin", "user", "disable", "admin2"});
  ASSERT_EQ(off.code, 0) << off.err;
  EXPECT_EQ(off.out, "user admin2 disabled; its tokens are revoked\n");
  auto again = cli.run({"--by", "admin", "user", "disable", "admin2"});
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.err, "plantrack: error: user 'admin2' was already disabled at 2019-06-30T08:00:00Z\n");
  auto refused = add("admin2", {"x", "--role", "leader"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(refused.err, "plantrack: error: user 'admin2' is disabled and may do nothing; ask an admin to "
                         "add a new account\n");
  auto token = cli.run({"--by", "admin", "token", "create", "--user", "admin2"});
  EXPECT_EQ(token.code, 1);
  EXPECT_EQ(token.err, "plantrack: error: user 'admin2' is disabled; a disabled user gets no token\n");
  auto users = nlohmann::json::parse(cli.run({"user", "list", "--format", "json"}).out);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[1]["disabled_at"], "2019-06-30T08:00:00Z");
  auto unknown = cli.run({"--by", "admin", "user", "disable", "nobody"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "plantrack: error: no user named 'nobody'; see `plantrack user list`\n");
}

} // namespace
