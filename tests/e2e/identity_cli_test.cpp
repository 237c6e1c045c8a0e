// End-to-end tests of who and when (SPEC §1 "Entry"; docs/audit.md): recorded_by from --by,
// PLANTRACK_USER or the login name, and the time of every log, correction, retraction and plan
// revision.

#include "audited.hpp"
#include "support/text.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;
using plantrack::support::replaced;

// ---------------------------------------------------------------------------------------------
// Identity and time

TEST_F(Audited, recorded_by_is_by_then_plantrack_user_then_the_login_name) {
  log("audit/rd", "2.1", "2016", {});                           // PLANTRACK_USER=tester
  ok({"--by", "区科委 张三", "log", "audit/rd", "2.2", "--period", "2017"}); // --by wins
  cli.env.erase("PLANTRACK_USER");
  log("audit/rd", "2.3", "2018");                                // the login name
  ok({"--by", "李四", "log", "audit/rd", "2.35", "--period", "2018Q3"});
  cli.env["PLANTRACK_USER"] = "";
  log("audit/rd", "2.36", "2018Q2"); // empty is unset
  auto all = entries();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0]["recorded_by"], "tester");
  EXPECT_EQ(all[1]["recorded_by"], "区科委 张三");
  EXPECT_EQ(all[2]["recorded_by"], "login-user");
  EXPECT_EQ(all[3]["recorded_by"], "李四");
  EXPECT_EQ(all[4]["recorded_by"], "login-user");
}

TEST_F(Audited, corrections_and_retractions_record_who_and_when) {
  log("audit/rd", "2.4", "2018");
  cli.now = Cli::at(2019, 7, 1, 17); // 2019-07-02 01:00 in Asia/Shanghai
  ok({"--by", "审计员", "correct", "1", "2.6", "--reason", "年报修订"});
  cli.env["PLANTRACK_USER"] = "复核员";
  cli.now = Cli::at(2019, 12, 31, 16); // 2020-01-01 00:00 in Asia/Shanghai
  ok({"retract", "2", "--reason", "口径错误"});
  auto all = entries();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["recorded_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(all[1]["recorded_by"], "审计员");
  EXPECT_EQ(all[1]["recorded_at"], "2019-07-01T17:00:00Z");
  EXPECT_EQ(all[2]["recorded_by"], "复核员");
  EXPECT_EQ(all[2]["recorded_at"], "2019-12-31T16:00:00Z");
  // Stored in UTC, shown in Asia/Shanghai.
  auto table = ok({"--lang", "en", "entries"}).out;
  EXPECT_NE(table.find("2019-07-02 01:00 (+0800)  审计员"), std::string::npos) << table;
  EXPECT_NE(table.find("2020-01-01 00:00 (+0800)  复核员"), std::string::npos) << table;
  EXPECT_EQ(cli.value("SELECT recorded_at FROM entries WHERE id = 3"), "2019-12-31T16:00:00Z");
}

TEST_F(Audited, plan_revisions_record_who_imported_them) {
  cli.now = Cli::at(2019, 3, 1, 0);
  ok({"--by", "规划科", "plan", "import",
      cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75")), "--reason", "中期调整"});
  auto revisions = json_of({"plan", "show", "audit", "--revisions"});
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0]["imported_by"], "tester");
  EXPECT_EQ(revisions[1]["imported_by"], "规划科");
  EXPECT_EQ(revisions[1]["imported_at"], "2019-03-01T00:00:00Z");
}
