// End-to-end tests of permissions on every command and of approval (SPEC §5): who may write
// what once a database has accounts, refusals recorded, submit → approve | return →
// unapprove, the lock an approval puts on entries, --approved-only and the unapproved flag,
// and the approval chain in `audit verify`.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using plantrack::testing::Result;

namespace {

const std::string plan = plantrack::support::two_org_plan("appr", "审核示例");

class Approval : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    plan_file = cli.write("appr.yaml", plan);
    ASSERT_EQ(cli.run({"plan", "import", plan_file}).code, 0);
  }

  // Accounts: an admin, officials of 区科委 and 区经信局, two reviewers, a leader, an auditor.
  void add_users() {
    add("setup", {"admin", "--role", "admin"});
    add("admin", {"王五", "--role", "official", "--org", "区科委"});
    add("admin", {"钱七", "--role", "official", "--org", "区经信局"});
    add("admin", {"李四", "--role", "reviewer", "--plan", "appr"});
    add("admin", {"周九", "--role", "reviewer"});
    add("admin", {"赵六", "--role", "leader"});
    add("admin", {"孙八", "--role", "auditor"});
  }
  void add(const std::string& by, std::vector<std::string> args) {
    auto r = cli.add_user(by, std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  }
  Result as(const std::string& by, std::vector<std::string> args) {
    args.insert(args.begin(), {"--by", by});
    return cli.run(args);
  }
  int count(const std::string& table) { return static_cast<int>(cli.count(table)); }
  nlohmann::json status_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--as-of", "2019-06-30", "status", "appr", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  static nlohmann::json target(const nlohmann::json& status, const std::string& ref) {
    for (const auto& t : status["plans"][0]["targets"])
      if (t["ref"] == ref) return t;
    return nullptr;
  }

  Cli cli;
  std::string plan_file;
};

// Every command that changes something, as each role: allowed or refused (exit 1, one line
// naming the role), and each refusal recorded.
TEST_F(Approval, every_change_is_checked_against_the_role_and_each_refusal_is_recorded) {
  add_users();
  const std::string csv = cli.write("rows.csv", "target,period,value\nappr/patents,2019-03,1200\n");
  const std::string out_dir = cli.dir().string();
  struct Case {
    std::string by;
    std::vector<std::string> args;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"王五", {"log", "appr/patents", "1000", "--period", "2019-01"}, true},
      {"钱七", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"钱七", {"log", "appr/exits", "3", "--period", "2019-01"}, true},
      {"admin", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"李四", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"赵六", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"孙八", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"nobody", {"log", "appr/patents", "1000", "--period", "2019-01"}, false},
      {"钱七", {"correct", "1", "900", "--reason", "改"}, false},
      {"钱七", {"retract", "1", "--reason", "撤"}, false},
      {"王五", {"correct", "1", "1100", "--reason", "年报修订"}, true},
      {"王五", {"import", csv}, true},
      {"钱七", {"import", csv}, false},
      {"admin", {"import", csv}, false},
      {"王五", {"plan", "import", "--reason", "同文件", "placeholder"}, false},
      {"admin", {"plan", "import", "--reason", "同文件", "placeholder"}, true},
      {"王五", {"schedule", "add", "m", "--plan", "appr", "--every", "month", "--out", out_dir}, false},
      {"admin", {"schedule", "add", "m", "--plan", "appr", "--every", "month", "--out", out_dir}, true},
      {"赵六", {"schedule", "remove", "m"}, false},
      {"赵六", {"run-due"}, false},
      {"admin", {"audit", "verify"}, false},
      {"孙八", {"audit", "verify"}, true},
      {"王五", {"audit", "completion", "appr"}, false},
      {"孙八", {"audit", "completion", "appr"}, true},
      {"钱七", {"submit", "appr", "--org", "区科委", "--period", "2019-01"}, false},
      {"王五", {"submit", "appr", "--org", "区科委", "--period", "2019-01"}, true},
      {"王五", {"approve", "appr", "--org", "区科委", "--period", "2019-01"}, false},
      {"admin", {"approve", "appr", "--org", "区科委", "--period", "2019-01"}, false},
      {"李四", {"return", "appr", "--org", "区科委", "--period", "2019-01", "--reason", "缺来源"}, true},
      {"王五", {"user", "disable", "钱七"}, false},
      {"王五", {"token", "create", "--user", "钱七"}, false},
  };
  int refused = 0;
  for (auto c : cases) {
    for (auto& a : c.args)
      if (a == "placeholder") a = plan_file;
    auto r = as(c.by, c.args);
    if (c.allowed) {
      EXPECT_EQ(r.code, 0) << c.by << " " << c.args[0] << ": " << r.err;
      continue;
    }
    ++refused;
    EXPECT_EQ(r.code, 1) << c.by << " " << c.args[0];
    ASSERT_FALSE(r.err.empty()) << c.by << " " << c.args[0];
    if (c.args[0] == "import") continue; // a row per line, then the summary
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
    if (c.by != "nobody") {
      EXPECT_NE(r.err.find("'" + c.by + "' is a"), std::string::npos) << r.err;
    }
  }
  EXPECT_EQ(count("refusals"), refused);
  auto listed = as("孙八", {"audit", "refusals", "--format", "json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  auto refusals = nlohmann::json::parse(listed.out);
  ASSERT_EQ(refusals.size(), static_cast<size_t>(refused));
  EXPECT_EQ(refusals[0]["by"], "钱七");
  EXPECT_EQ(refusals[0]["action"], "write_entry");
  EXPECT_EQ(refusals[0]["message"].get<std::string>().rfind("'钱七' is an official of 区经信局", 0), 0u);
  EXPECT_EQ(as("王五", {"audit", "refusals"}).code, 1) << "an official does not read the refusals";
  auto table = as("孙八", {"--lang", "zh", "audit", "refusals"});
  EXPECT_NE(table.out.find("说明"), std::string::npos) << table.out;
  // What went through: the log, the exits log, the correction and the import's row.
  EXPECT_EQ(count("entries"), 4);
  EXPECT_EQ(count("schedules"), 1);
  EXPECT_EQ(count("approvals"), 2);
}

TEST_F(Approval, a_refusal_names_the_role_and_what_it_may_do) {
  add_users();
  auto r = as("钱七", {"log", "appr/patents", "1000", "--period", "2019-01"});
  EXPECT_EQ(r.err, "plantrack: error: '钱七' is an official of 区经信局, who writes the entries of its "
                   "orgs' items, submits their periods, and reads; entries of this item are written "
                   "by officials of 区科委, 区财政局\n");
  auto rows = cli.write("mixed.csv", "target,period,value\nappr/exits,2019-01,2\n"
                                     "appr/patents,2019-01,7\n");
  auto imported = as("钱七", {"import", rows});
  EXPECT_EQ(imported.code, 1);
  EXPECT_NE(imported.err.find("mixed.csv:3: target: appr/patents is written by officials of 区科委, "
                              "区财政局, and '钱七' is an official of 区经信局; leave its rows to them"),
            std::string::npos)
      << imported.err;
  EXPECT_EQ(count("entries"), 0);
  auto someone_else = cli.write("other.csv", "target,period,value,recorded_by\n"
                                             "appr/exits,2019-01,2,王五\n");
  auto forged = as("钱七", {"import", someone_else});
  EXPECT_EQ(forged.code, 1);
  EXPECT_NE(forged.err.find("other.csv:2: recorded_by: '王五' is not '钱七'"), std::string::npos)
      << forged.err;
}

TEST_F(Approval, a_store_without_accounts_stays_open_as_in_the_first_edition) {
  EXPECT_EQ(as("anyone", {"log", "appr/patents", "1000", "--period", "2019-01"}).code, 0);
  EXPECT_EQ(as("anyone", {"audit", "verify"}).code, 0);
  EXPECT_EQ(count("refusals"), 0);
}

TEST_F(Approval, submit_approve_locks_the_period_until_unapproved) {
  add_users();
  ASSERT_EQ(as("王五", {"log", "appr/patents", "1000", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("钱七", {"log", "appr/exits", "3", "--period", "2019-01"}).code, 0);

  auto submitted = as("王五", {"--lang", "en", "submit", "appr", "--org", "区科委", "--period", "2019Q1"});
  ASSERT_EQ(submitted.code, 0) << submitted.err;
  EXPECT_EQ(submitted.out, "submit: period 2019Q1 of 区科委 in plan appr is now submitted (approval 1, "
                           "covering entries up to 2)\n");
  auto again = as("王五", {"submit", "appr", "--org", "区科委", "--period", "2019Q1"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("was already submitted by 王五"), std::string::npos) << again.err;

  auto no_reason = as("李四", {"return", "appr", "--org", "区科委", "--period", "2019Q1"});
  EXPECT_EQ(no_reason.code, 1);
  EXPECT_EQ(no_reason.err, "plantrack: error: to return a period give the reason with --reason, e.g. "
                           "--reason \"6月数据缺少来源\"\n");
  auto approved = as("李四", {"--lang", "zh", "approve", "appr", "--org", "区科委", "--period", "2019Q1"});
  ASSERT_EQ(approved.code, 0) << approved.err;

  // Locked: a new entry, a correction and an import row in the quarter are refused.
  auto locked = as("王五", {"log", "appr/patents", "50", "--period", "2019-02"});
  EXPECT_EQ(locked.code, 1);
  EXPECT_EQ(locked.err.rfind("plantrack: error: appr/patents: period 2019-02 is locked: 2019Q1 of 区科委 "
                             "was approved by 李四 at ", 0), 0u)
      << locked.err;
  EXPECT_NE(locked.err.find("`plantrack unapprove appr --org 区科委 --period 2019Q1 --reason R`"),
            std::string::npos);
  EXPECT_EQ(as("王五", {"correct", "1", "990", "--reason", "修订"}).code, 1);
  EXPECT_EQ(as("王五", {"retract", "1", "--reason", "撤回"}).code, 1);
  auto rows = cli.write("q1.csv", "target,period,value\nappr/patents,2019-03,10\n");
  auto imported = as("王五", {"import", rows});
  EXPECT_EQ(imported.code, 1);
  EXPECT_NE(imported.err.find("q1.csv:2: period: appr/patents: period 2019-03 is locked"),
            std::string::npos)
      << imported.err;
  // Outside the quarter, and for another org's target, entries go on.
  EXPECT_EQ(as("王五", {"log", "appr/patents", "900", "--period", "2019-04"}).code, 0);
  EXPECT_EQ(as("钱七", {"log", "appr/exits", "4", "--period", "2019-02"}).code, 0);
  EXPECT_EQ(count("entries"), 4);

  // Unapprove needs a reason and a reviewer; then the period is open again.
  EXPECT_EQ(as("李四", {"unapprove", "appr", "--org", "区科委", "--period", "2019Q1"}).code, 1);
  EXPECT_EQ(as("王五", {"unapprove", "appr", "--org", "区科委", "--period", "2019Q1", "--reason", "x"}).code, 1);
  ASSERT_EQ(as("周九", {"unapprove", "appr", "--org", "区科委", "--period", "2019Q1", "--reason",
                        "2月数据需更正"}).code, 0);
  EXPECT_EQ(as("王五", {"correct", "1", "990", "--reason", "修订"}).code, 0);

  auto listed = cli.run({"approvals", "appr", "--format", "json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  auto periods = nlohmann::json::parse(listed.out);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0]["state"], "open");
  EXPECT_EQ(periods[0]["actions"].size(), 3u);
  EXPECT_EQ(periods[0]["actions"][2]["reason"], "2月数据需更正");
  auto table = cli.run({"--lang", "zh", "approvals", "appr"});
  EXPECT_NE(table.out.find("撤销审核"), std::string::npos) << table.out;
}

TEST_F(Approval, only_a_submitted_period_is_reviewed_and_never_by_its_submitter) {
  // Without accounts anyone may act, but the steps and the four-eyes rule still hold.
  auto early = as("李四", {"approve", "appr", "--org", "区科委", "--period", "2019-01"});
  EXPECT_EQ(early.code, 1);
  EXPECT_EQ(early.err, "plantrack: error: period 2019-01 of 区科委 in plan appr is open (nothing was "
                       "submitted); only a submitted period is approved or returned\n");
  ASSERT_EQ(as("王五", {"submit", "appr", "--org", "区科委", "--period", "2019-01"}).code, 0);
  auto self = as("王五", {"approve", "appr", "--org", "区科委", "--period", "2019-01"});
  EXPECT_EQ(self.code, 1);
  EXPECT_EQ(self.err, "plantrack: error: 王五 submitted period 2019-01 of 区科委 in plan appr; another "
                      "reviewer approves it, never the one who submitted it\n");
  auto support_org = as("王五", {"submit", "appr", "--org", "区财政局", "--period", "2019-01"});
  EXPECT_EQ(support_org.code, 1);
  EXPECT_EQ(support_org.err, "plantrack: error: '区财政局' leads no target or task of plan appr; a period "
                             "is submitted and approved for a lead org (区科委, 区经信局)\n");
  auto range = as("王五", {"submit", "appr", "--org", "区科委", "--period", "2019-01..2019-03"});
  EXPECT_EQ(range.code, 1);
  // Returned, then submitted again, then approved.
  ASSERT_EQ(as("李四", {"return", "appr", "--org", "区科委", "--period", "2019-01", "--reason", "缺来源"}).code, 0);
  ASSERT_EQ(as("王五", {"submit", "appr", "--org", "区科委", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("李四", {"approve", "appr", "--org", "区科委", "--period", "2019-01"}).code, 0);
  EXPECT_EQ(count("approvals"), 4);
}

TEST_F(Approval, approved_only_counts_approved_periods_and_otherwise_flags_the_rest) {
  ASSERT_EQ(as("王五", {"log", "appr/patents", "2000", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("钱七", {"log", "appr/exits", "30", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("钱七", {"log", "appr/exits", "35", "--period", "2019-04"}).code, 0);
  // No approval in the plan yet: nothing is flagged.
  auto before = status_json();
  EXPECT_EQ(target(before, "appr/exits")["flags"], nlohmann::json::array());
  EXPECT_EQ(target(before, "appr/patents")["flags"].dump().find("unapproved"), std::string::npos);

  ASSERT_EQ(as("钱七", {"submit", "appr", "--org", "区经信局", "--period", "2019Q1"}).code, 0);
  ASSERT_EQ(as("李四", {"approve", "appr", "--org", "区经信局", "--period", "2019Q1"}).code, 0);
  auto flagged = status_json();
  auto exits = target(flagged, "appr/exits");
  EXPECT_EQ(exits["current"], 65.0); // a cumulative count adds its entries
  EXPECT_EQ(exits["flags"], nlohmann::json::array({"unapproved"})) << exits.dump();
  EXPECT_NE(target(flagged, "appr/patents")["flags"].dump().find("unapproved"), std::string::npos);

  auto approved = status_json({"--approved-only"});
  EXPECT_EQ(target(approved, "appr/exits")["current"], 30.0);
  EXPECT_EQ(target(approved, "appr/exits")["flags"], nlohmann::json::array());
  EXPECT_TRUE(target(approved, "appr/patents")["current"].is_null());

  auto report = cli.run({"--lang", "zh", "--as-of", "2019-06-30", "report", "appr", "--approved-only"});
  ASSERT_EQ(report.code, 0) << report.err;
  auto full = cli.run({"--lang", "zh", "--as-of", "2019-06-30", "report", "appr"});
  EXPECT_NE(report.out, full.out);
  EXPECT_NE(full.out.find("未经审核"), std::string::npos) << full.out;
  EXPECT_EQ(report.out.find("未经审核"), std::string::npos) << report.out;
}

TEST_F(Approval, every_action_is_in_the_approval_chain_and_audit_verify_checks_it) {
  ASSERT_EQ(as("王五", {"log", "appr/patents", "2000", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("王五", {"submit", "appr", "--org", "区科委", "--period", "2019-01"}).code, 0);
  ASSERT_EQ(as("李四", {"approve", "appr", "--org", "区科委", "--period", "2019-01"}).code, 0);
  auto ok = cli.run({"audit", "verify"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("approval chain verified: 2 approval actions, each anchored to the entry "
                        "chain"),
            std::string::npos)
      << ok.out;
  EXPECT_ANY_THROW(cli.sql("UPDATE approvals SET \"by\" = '某人' WHERE id = 2"));
  EXPECT_ANY_THROW(cli.sql("DELETE FROM approvals WHERE id = 2"));
  // Past the triggers, as someone with the file or the owner's password could.
  cli.sql(cli.postgres() ? "ALTER TABLE approvals DISABLE TRIGGER approvals_refuses_update"
                         : "DROP TRIGGER approvals_are_append_only_update");
  cli.sql("UPDATE approvals SET \"by\" = '某人' WHERE id = 2");
  auto broken = cli.run({"audit", "verify"});
  EXPECT_EQ(broken.code, 5);
  EXPECT_EQ(broken.err, "plantrack: error: approval chain broken at approval 2: approval 2 was altered "
                        "or its hash replaced\n");
}

} // namespace
