// End-to-end tests of `--known-at` over corrections and retractions (SPEC §2 "known at time K"):
// every earlier status is reproduced exactly. Exact stdout, stderr and exit code.

#include "audited.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;
using plantrack::testing::Result;

// ---------------------------------------------------------------------------------------------
// The scenario: log, correct, retract, then reproduce each earlier status with --known-at

TEST_F(Audited, known_at_reproduces_the_status_before_a_correction_and_a_retraction) {
  const std::vector<std::string> status{"--format", "json", "--as-of", "2019-06-30", "status",
                                        "audit"};
  auto with = [&](std::vector<std::string> args, const std::string& known_at) {
    args.insert(args.begin(), {"--known-at", known_at});
    return args;
  };
  auto rd = [](const Result& r) {
    auto doc = nlohmann::json::parse(r.out);
    for (const auto& t : doc["plans"][0]["targets"])
      if (t["ref"] == "audit/rd") return t;
    return nlohmann::json();
  };

  cli.now = Cli::at(2019, 1, 10, 2); // T1 = 2019-01-10 10:00 (+08)
  ASSERT_EQ(log("audit/rd", "2.4", "2018"), "1");
  ASSERT_EQ(log("audit/share", "66", "2018"), "2");
  auto at_t1 = ok(status);
  auto at_t1_table = ok({"--as-of", "2019-06-30", "status", "audit"});
  EXPECT_EQ(rd(at_t1)["current"], 2.4);
  EXPECT_EQ(rd(at_t1)["status"], "missed");

  cli.now = Cli::at(2019, 2, 10, 2); // T2
  ASSERT_EQ(ok({"correct", "1", "2.6", "--reason", "年报修订"}).out, "3\n");
  auto at_t2 = ok(status);
  EXPECT_EQ(rd(at_t2)["current"], 2.6);
  EXPECT_EQ(rd(at_t2)["status"], "achieved");

  cli.now = Cli::at(2019, 3, 10, 2); // T3
  ASSERT_EQ(ok({"retract", "3", "--reason", "数据来源有误"}).out, "4\n");
  cli.now = Cli::at(2019, 4, 1, 0); // later still

  // T1 again, exactly: the whole document (known_at is T1 in both) and the table.
  auto again_t1 = ok(with(status, "2019-01-10T02:00:00Z"));
  EXPECT_EQ(again_t1.out, at_t1.out);
  EXPECT_EQ(rd(again_t1), rd(at_t1));
  EXPECT_EQ(ok(with({"--as-of", "2019-06-30", "status", "audit"}, "2019-01-10T02:00:00Z")).out,
            at_t1_table.out);
  // The same instant typed in Asia/Shanghai time, and with an offset.
  EXPECT_EQ(ok(with(status, "2019-01-10T10:00:00")).out, at_t1.out);
  EXPECT_EQ(ok(with(status, "2019-01-10T10:00:00+08:00")).out, at_t1.out);
  // A second before T2 is still T1's view of rd.
  EXPECT_EQ(rd(ok(with(status, "2019-02-10T01:59:59Z"))), rd(at_t1));

  // T2: the corrected value.
  auto again_t2 = ok(with(status, "2019-02-10T02:00:00Z"));
  EXPECT_EQ(again_t2.out, at_t2.out);
  EXPECT_EQ(rd(again_t2)["current"], 2.6);
  EXPECT_EQ(rd(again_t2)["status"], "achieved");

  // T3 and now: retracted, no data; the other target is untouched throughout.
  auto again_t3 = ok(with(status, "2019-03-10T02:00:00Z"));
  EXPECT_EQ(rd(again_t3)["status"], "no_data");
  EXPECT_EQ(rd(again_t3)["current"], nullptr);
  EXPECT_EQ(rd(ok(status))["status"], "no_data");
  for (const auto* r : {&at_t1, &again_t2, &again_t3}) {
    auto doc = nlohmann::json::parse(r->out);
    for (const auto& t : doc["plans"][0]["targets"]) {
      if (t["ref"] == "audit/share") {
        EXPECT_EQ(t["current"], 66.0);
      }
    }
  }
}

TEST_F(Audited, known_at_before_any_entry_shows_no_data) {
  cli.now = Cli::at(2019, 1, 10, 2);
  log("audit/rd", "2.4", "2018");
  cli.now = Cli::at(2019, 4, 1, 0);
  EXPECT_EQ(status_of("audit/rd", {"--known-at", "2019-01-10T01:59:59Z"})["status"], "no_data");
  // A bare date is the end of that day in Asia/Shanghai: 2019-01-10 sees T1.
  EXPECT_EQ(status_of("audit/rd", {"--known-at", "2019-01-10"})["current"], 2.4);
  EXPECT_EQ(status_of("audit/rd", {"--known-at", "2019-01-09"})["status"], "no_data");
}

TEST_F(Audited, known_at_that_does_not_parse_is_refused) {
  expect_refused({"--known-at", "2019-13-01", "status"},
                 "--known-at '2019-13-01' is not a timestamp; write YYYY-MM-DD (end of that day, "
                 "Asia/Shanghai), YYYY-MM-DDTHH:MM[:SS] (Asia/Shanghai) or with Z or +08:00, e.g. "
                 "2019-06-30T16:00:00+08:00");
}
