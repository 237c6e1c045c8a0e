// End-to-end tests of the audit trail (SPEC §1 "Entry", §2 known-at, §4; docs/audit.md):
// corrections and retractions, append-only triggers, the tamper-evident chain, identity,
// plan revisions and the completion audit. Exact stdout, stderr and exit code.

#include "cli_harness.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"
#include "storage/storage.hpp"
#include "support/plan_files.hpp"
#include "support/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using plantrack::testing::Cli;
using plantrack::testing::Result;
using plantrack::support::replaced;

namespace {

const std::string plan_text =
    plantrack::support::test_plan_header("audit", "审计示例规划", "2018-12-31") + R"(  - id: exits
    title: 淘汰退出企业
    goal: g
    kind: cumulative
    unit: 家
    rule: at_least
    value: 3
    deadline: 2018-12-31
    baseline: {value: 0, date: 2015-12-31}
    responsible: [区经信委]
    source: "淘汰退出企业3家"
  - id: polluters
    title: 散乱污企业动态清零
    goal: g
    kind: level
    unit: 家
    rule: keep_at_most
    value: 0
    deadline: 2018-12-31
    source: "散乱污企业动态清零"
  - id: share
    title: 高新技术产业占比
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 70
    deadline: 2018-12-31
    baseline: {value: 60, date: 2015-12-31}
    source: "高新技术产业占比达到70%"
  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2018-12-31
    baseline: {value: 3000, date: 2015-12-31}
    source: "年专利申请量达到5000件"
  - id: rd
    title: 研发投入强度
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 2.5
    deadline: 2018-12-31
    baseline: {value: 2.0, date: 2015-12-31}
    source: "研发投入强度达到2.5%"
)";

// The plan is imported at the start of 2019; the clock then stands at 2019-06-30 16:00 (+08).
struct Audited : ::testing::Test {
  Cli cli;
  void SetUp() override {
    cli.now = Cli::at(2019, 1, 1, 0);
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("audit.yaml", plan_text)});
    ASSERT_EQ(r.code, 0) << r.err;
    cli.now = Cli::at(2019, 6, 30, 8);
  }
  // Log an entry and return its id.
  std::string log(const std::string& ref, const std::string& value, const std::string& period,
                  std::vector<std::string> more = {}) {
    std::vector<std::string> args{"log", ref, value, "--period", period};
    args.insert(args.end(), more.begin(), more.end());
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
  }
  Result ok(const std::vector<std::string>& args) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r;
  }
  nlohmann::json json_of(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }
  nlohmann::json status_of(const std::string& ref, std::vector<std::string> global = {}) {
    std::vector<std::string> args = global;
    args.insert(args.end(), {"--as-of", "2019-06-30", "status", "audit"});
    auto doc = json_of(args);
    for (const auto& t : doc["plans"][0]["targets"])
      if (t["ref"] == ref) return t;
    ADD_FAILURE() << "no " << ref;
    return {};
  }
  nlohmann::json completion(std::vector<std::string> global = {}) {
    global.insert(global.end(), {"audit", "completion", "audit"});
    return json_of(global);
  }
  static nlohmann::json target_in(const nlohmann::json& audit, const std::string& ref) {
    for (const auto& t : audit["targets"])
      if (t["ref"] == ref) return t;
    ADD_FAILURE() << "no " << ref;
    return {};
  }
  // Everything a refused command could have changed.
  std::string snapshot() {
    return cli.run({"--format", "json", "plan", "list"}).out +
           cli.run({"--format", "json", "plan", "show", "audit", "--revisions"}).out +
           cli.run({"--format", "json", "plan", "show", "audit"}).out +
           cli.run({"--format", "json", "entries"}).out + cli.run({"audit", "verify"}).out;
  }
  // A command refused with exactly `error` (exit 1, one line) that leaves the database as it was.
  void expect_refused(const std::vector<std::string>& args, const std::string& error) {
    auto before = snapshot();
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
    EXPECT_EQ(snapshot(), before);
  }
  std::vector<nlohmann::json> entries() {
    auto doc = json_of({"entries"});
    return std::vector<nlohmann::json>(doc.begin(), doc.end());
  }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// 1. Corrections and retractions

TEST_F(Audited, correct_appends_a_new_entry_naming_the_one_it_replaces_and_why) {
  EXPECT_EQ(log("audit/rd", "2.4", "2018", {"--source", "统计快报"}), "1");
  auto r = ok({"correct", "1", "2.6", "--reason", "统计年报修订"});
  EXPECT_EQ(r.out, "2\n");
  auto all = entries();
  ASSERT_EQ(all.size(), 2u);
  // The original is kept as it was.
  EXPECT_EQ(all[0]["id"], 1);
  EXPECT_EQ(all[0]["value"], 2.4);
  EXPECT_EQ(all[0]["action"], "log");
  EXPECT_EQ(all[0]["corrects"], nullptr);
  EXPECT_EQ(all[0]["replaced_by"], 2);
  // The correction names it, carries the reason, the period and (by default) the source.
  EXPECT_EQ(all[1]["id"], 2);
  EXPECT_EQ(all[1]["target"], "audit/rd");
  EXPECT_EQ(all[1]["period"], "2018");
  EXPECT_EQ(all[1]["value"], 2.6);
  EXPECT_EQ(all[1]["value_text"], "2.6");
  EXPECT_EQ(all[1]["action"], "correct");
  EXPECT_EQ(all[1]["corrects"], 1);
  EXPECT_EQ(all[1]["reason"], "统计年报修订");
  EXPECT_EQ(all[1]["source"], "统计快报");
  EXPECT_EQ(all[1]["replaced_by"], nullptr);
  // The assessment uses the corrected value.
  auto t = status_of("audit/rd");
  EXPECT_EQ(t["current"], 2.6);
  EXPECT_EQ(t["status"], "achieved");
}

TEST_F(Audited, correct_converts_a_unit_like_log) {
  log("audit/patents", "4000", "2018");
  ok({"correct", "1", "0.42", "万件", "--reason", "按年报口径"});
  auto all = entries();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]["value"], 4200.0);
  EXPECT_EQ(all[1]["value_text"], "0.42");
  EXPECT_EQ(all[1]["unit"], "万件");
}

TEST_F(Audited, retract_appends_an_entry_and_the_value_no_longer_counts) {
  log("audit/rd", "2.4", "2018");
  auto r = ok({"retract", "1", "--reason", "重复录入"});
  EXPECT_EQ(r.out, "2\n");
  auto all = entries();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]["action"], "retract");
  EXPECT_EQ(all[1]["corrects"], 1);
  EXPECT_EQ(all[1]["reason"], "重复录入");
  EXPECT_EQ(all[0]["replaced_by"], 2);
  EXPECT_EQ(status_of("audit/rd")["status"], "no_data");
}

TEST_F(Audited, entries_shows_the_chain_of_versions) {
  log("audit/rd", "2.4", "2018", {"--source", "统计快报"});
  cli.now = Cli::at(2019, 7, 1, 2);
  ok({"--by", "李四", "correct", "1", "2.6", "--reason", "年报修订"});
  cli.now = Cli::at(2019, 7, 2, 2);
  ok({"--by", "王五", "retract", "2", "--reason", "口径错误"});
  auto r = ok({"--lang", "en", "entries", "audit/rd"});
  EXPECT_EQ(r.out,
            "id  target    period  value  version                                 recorded at               recorded by  source    note\n"
            "--  --------  ------  -----  --------------------------------------  ------------------------  -----------  --------  ----\n"
            " 1  audit/rd  2018      2.4  corrected by #2                         2019-06-30 16:00 (+0800)  tester       统计快报\n"
            " 2  audit/rd  2018      2.6  corrects #1: 年报修订; retracted by #3  2019-07-01 10:00 (+0800)  李四         统计快报\n"
            " 3  audit/rd  2018        -  retracts #2: 口径错误                   2019-07-02 10:00 (+0800)  王五\n");
}

TEST_F(Audited, a_second_correction_of_the_latest_version_extends_the_chain) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  ok({"correct", "2", "2.7", "--reason", "再次修订"});
  auto all = entries();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2]["corrects"], 2);
  EXPECT_EQ(all[1]["replaced_by"], 3);
  EXPECT_EQ(status_of("audit/rd")["current"], 2.7);
}

TEST_F(Audited, correcting_an_entry_that_does_not_exist_is_refused) {
  log("audit/rd", "2.4", "2018");
  expect_refused({"correct", "99", "2.6", "--reason", "年报修订"},
                 "no entry 99; see `plantrack entries` for the ids");
}

TEST_F(Audited, retracting_an_entry_that_does_not_exist_is_refused) {
  expect_refused({"retract", "7", "--reason", "重复录入"},
                 "no entry 7; see `plantrack entries` for the ids");
}

TEST_F(Audited, correcting_an_entry_already_corrected_points_to_its_latest_version) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  ok({"correct", "2", "2.7", "--reason", "再次修订"});
  expect_refused({"correct", "1", "2.8", "--reason", "又一次"},
                 "entry 1 was already corrected by entry 3; correct entry 3, its latest version");
  expect_refused({"correct", "2", "2.8", "--reason", "又一次"},
                 "entry 2 was already corrected by entry 3; correct entry 3, its latest version");
}

TEST_F(Audited, retracting_an_entry_already_corrected_points_to_its_latest_version) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  expect_refused({"retract", "1", "--reason", "重复录入"},
                 "entry 1 was already corrected by entry 2; retract entry 2, its latest version");
}

TEST_F(Audited, correcting_a_retracted_entry_is_refused) {
  log("audit/rd", "2.4", "2018");
  ok({"retract", "1", "--reason", "重复录入"});
  expect_refused({"correct", "1", "2.6", "--reason", "年报修订"},
                 "entry 1 was retracted by entry 2; log a new entry instead");
  expect_refused({"correct", "2", "2.6", "--reason", "年报修订"},
                 "entry 2 is a retraction; log a new entry instead");
  expect_refused({"retract", "2", "--reason", "撤回撤回"},
                 "entry 2 is a retraction; log a new entry instead");
}

// Two officials correcting the same entry at once: the second append is checked again inside
// the storage's write transaction and names the latest version.
TEST_F(Audited, storage_refuses_a_correction_of_an_entry_replaced_meanwhile) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  auto before = snapshot();
  {
    auto storage = plantrack::storage::open_sqlite(cli.db());
    plantrack::Entry stale = *storage->find_entry(1);
    stale.action = plantrack::Action::correct;
    stale.corrects = 1;
    stale.reason = "并发修订";
    stale.value = 2.7;
    stale.value_text = "2.7";
    std::vector<plantrack::Entry> batch{stale};
    try {
      storage->append_entries(batch);
      ADD_FAILURE() << "a second correction of entry 1 was stored";
    } catch (const plantrack::InputError& e) {
      EXPECT_STREQ(e.what(), "entry 1 was already replaced by entry 2; correct or retract entry 2, "
                             "its latest version");
    }
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, correction_with_an_empty_reason_is_refused) {
  log("audit/rd", "2.4", "2018");
  expect_refused({"correct", "1", "2.6", "--reason", ""},
                 "a correction needs a reason; pass --reason \"why\", e.g. --reason "
                 "\"年报数据修订\"");
  expect_refused({"correct", "1", "2.6", "--reason", "  "},
                 "a correction needs a reason; pass --reason \"why\", e.g. --reason "
                 "\"年报数据修订\"");
}

TEST_F(Audited, retraction_with_an_empty_reason_is_refused) {
  log("audit/rd", "2.4", "2018");
  expect_refused({"retract", "1", "--reason", ""},
                 "a retraction needs a reason; pass --reason \"why\", e.g. --reason "
                 "\"年报数据修订\"");
}

TEST_F(Audited, correction_without_the_reason_option_is_a_usage_error) {
  log("audit/rd", "2.4", "2018");
  auto before = snapshot();
  auto r = cli.run({"correct", "1", "2.6"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--reason"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, correction_with_a_bad_value_is_refused) {
  log("audit/rd", "2.4", "2018");
  expect_refused({"correct", "1", "约2.6", "--reason", "年报修订"},
                 "value '约2.6' is not a number; write digits with an optional decimal point, "
                 "e.g. 2628.7");
}

// ---------------------------------------------------------------------------------------------
// 7. The scenario: log, correct, retract, then reproduce each earlier status with --known-at

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

// ---------------------------------------------------------------------------------------------
// 2. Append-only, enforced by the database

TEST_F(Audited, the_database_refuses_update_and_delete_of_entries) {
  log("audit/rd", "2.4", "2018");
  log("audit/rd", "2.5", "2018Q4");
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    try {
      raw.exec("UPDATE entries SET value = 3.0 WHERE id = 1");
      ADD_FAILURE() << "UPDATE entries was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "entries are append-only: log a correction instead");
    }
    try {
      raw.exec("DELETE FROM entries WHERE id = 2");
      ADD_FAILURE() << "DELETE FROM entries was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "entries are append-only: log a retraction instead");
    }
    EXPECT_THROW(raw.exec("UPDATE entries SET hash = 'x'"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM entries"), SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

// REPLACE deletes the row it conflicts with; SQLite fires no delete trigger for that unless
// recursive triggers are on, so the update and delete triggers alone do not stop it.
TEST_F(Audited, the_database_refuses_insert_or_replace_over_an_entry) {
  log("audit/rd", "2.4", "2018");
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("INSERT OR REPLACE INTO entries (id, plan_id, target_id, period, "
                          "period_start, period_end, value, value_text, unit, recorded_at, "
                          "recorded_by, source, note, provisional, entities, action, corrects, "
                          "reason, hash) SELECT id, plan_id, target_id, period, period_start, "
                          "period_end, 9.9, '9.9', unit, recorded_at, recorded_by, source, note, "
                          "provisional, entities, action, corrects, reason, hash FROM entries "
                          "WHERE id = 1"),
                 SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Audited, the_database_refuses_insert_or_replace_over_a_plan_revision) {
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("INSERT OR REPLACE INTO plan_revisions (plan_id, revision, document, "
                          "imported_at, imported_by, reason, changes) SELECT plan_id, revision, "
                          "replace(document, '\"value\":70', '\"value\":60'), imported_at, "
                          "'someone else', reason, changes FROM plan_revisions WHERE revision = 1"),
                 SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, the_database_refuses_update_and_delete_of_plan_revisions) {
  ok({"plan", "import", cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75")),
      "--reason", "中期调整"});
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    try {
      raw.exec("UPDATE plan_revisions SET reason = '' WHERE revision = 2");
      ADD_FAILURE() << "UPDATE plan_revisions was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "plan revisions are append-only: import a new revision instead");
    }
    try {
      raw.exec("DELETE FROM plan_revisions WHERE revision = 2");
      ADD_FAILURE() << "DELETE FROM plan_revisions was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "plan revisions are append-only: import a new revision instead");
    }
    EXPECT_THROW(raw.exec("UPDATE plan_revisions SET document = '{}'"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM plan_revisions"), SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, the_database_refuses_a_correction_without_a_reason_or_of_a_replaced_entry) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
  const char* insert =
      "INSERT INTO entries (plan_id, target_id, period, period_start, period_end, value, "
      "value_text, unit, recorded_at, recorded_by, action, corrects, reason, hash) VALUES "
      "('audit', 'rd', '2018', '2018-01-01', '2018-12-31', 2.7, '2.7', '', "
      "'2019-06-30T08:00:00Z', 'x', 'correct', %s, %s, 'h')";
  auto sql = [&](const char* corrects, const char* reason) {
    char buffer[600];
    std::snprintf(buffer, sizeof buffer, insert, corrects, reason);
    return std::string(buffer);
  };
  EXPECT_THROW(raw.exec(sql("2", "'  '")), SQLite::Exception);   // a blank reason
  EXPECT_THROW(raw.exec(sql("1", "'又一次'")), SQLite::Exception); // 1 was already corrected
  EXPECT_THROW(raw.exec(sql("NULL", "'无'")), SQLite::Exception);  // a correction of nothing
  // The same statement with a reason, correcting the latest version, is accepted: the refusals
  // above come from the reason and the replaced-once rules, not from something else.
  EXPECT_NO_THROW(raw.exec(sql("2", "'有效理由'")));
}

// ---------------------------------------------------------------------------------------------
// 3. Tamper evidence

TEST_F(Audited, audit_verify_of_an_empty_database_is_the_genesis) {
  auto r = ok({"audit", "verify"});
  EXPECT_EQ(r.out, "audit chain verified: 0 entries, head " + std::string(64, '0') + "\n");
}

TEST_F(Audited, audit_verify_passes_over_logs_corrections_and_retractions) {
  log("audit/rd", "2.4", "2018");
  log("audit/exits", "2", "2017", {"--entity", "企业甲", "--entity", "企业乙"});
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  ok({"retract", "2", "--reason", "重复录入"});
  auto all = entries();
  ASSERT_EQ(all.size(), 4u);
  // Each hash chains to the one before: SHA-256(previous hex ‖ canonical bytes).
  std::string previous(64, '0');
  auto storage = plantrack::storage::open_sqlite(cli.db());
  for (const auto& e : storage->entries({})) {
    EXPECT_EQ(e.hash, plantrack::audit::sha256_hex(previous + plantrack::audit::canonical_bytes(e)))
        << e.id;
    previous = e.hash;
  }
  storage.reset();
  auto r = ok({"audit", "verify"});
  EXPECT_EQ(r.out, "audit chain verified: 4 entries, head " + all[3]["hash"].get<std::string>() +
                       "\n");
}

namespace {

// Four entries logged through the engine; then the triggers are dropped and `tamper` runs
// plain SQL behind the engine's back.
struct Tampered : Audited {
  std::vector<std::string> hashes; // hashes[i] is entry i+1's hash
  void SetUp() override {
    Audited::SetUp();
    if (HasFatalFailure()) return;
    log("audit/patents", "3500", "2016", {"--source", "统计年报"});
    log("audit/patents", "4000", "2017");
    log("audit/patents", "4500", "2018");
    log("audit/rd", "2.4", "2018");
    for (const auto& e : entries()) hashes.push_back(e["hash"]);
    ASSERT_EQ(hashes.size(), 4u);
    ASSERT_EQ(cli.run({"audit", "verify"}).code, 0);
  }
  void tamper(const std::vector<std::string>& statements) {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER entries_are_append_only_update");
    raw.exec("DROP TRIGGER entries_are_append_only_delete");
    for (const auto& s : statements) raw.exec(s);
  }
  // `audit verify` exits 5, prints nothing on stdout and exactly `why` for entry `id`.
  void expect_broken_at(int id, const std::string& why) {
    auto r = cli.run({"audit", "verify"});
    EXPECT_EQ(r.code, 5);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: audit chain broken at entry " + std::to_string(id) + ": " +
                         why + "\n");
  }
};

} // namespace

TEST_F(Tampered, an_edited_value_is_detected) {
  tamper({"UPDATE entries SET value = 4200, value_text = '4200' WHERE id = 2"});
  auto edited = plantrack::storage::open_sqlite(cli.db())->find_entry(2);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->value, 4200);
  std::string computed = plantrack::audit::chain_hash(hashes[0], *edited);
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[1].substr(0, 12) +
                          ", computed " + computed.substr(0, 12) + ")");
}

TEST_F(Tampered, an_edited_recorder_is_detected) {
  tamper({"UPDATE entries SET recorded_by = '别人' WHERE id = 3"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 3: entry 3 was altered or "
                        "its hash replaced (stored " + hashes[2].substr(0, 12) + ", computed ",
                        0),
            0u)
      << r.err;
}

TEST_F(Tampered, a_deleted_middle_row_is_detected) {
  tamper({"DELETE FROM entries WHERE id = 2"});
  expect_broken_at(3, "entry 3 does not follow entry 1: entry 2 is missing or the entry was "
                      "altered");
}

TEST_F(Tampered, a_deleted_last_row_is_detected) {
  tamper({"DELETE FROM entries WHERE id = 4"});
  expect_broken_at(4, "entry 4 was removed from the end of the chain");
}

TEST_F(Tampered, reordered_rows_are_detected) {
  // Swap the ids of rows 2 and 3 through a temporary id.
  tamper({"UPDATE entries SET id = 100 WHERE id = 2", "UPDATE entries SET id = 2 WHERE id = 3",
          "UPDATE entries SET id = 3 WHERE id = 100"});
  auto moved = plantrack::storage::open_sqlite(cli.db())->find_entry(2);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->value, 4500); // row 2 now holds what was entry 3
  std::string computed = plantrack::audit::chain_hash(hashes[0], *moved);
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " + computed.substr(0, 12) + ")");
}

TEST_F(Tampered, swapped_hashes_are_detected) {
  tamper({"UPDATE entries SET hash = CASE id WHEN 2 THEN '" + hashes[2] + "' ELSE '" + hashes[1] +
          "' END WHERE id IN (2, 3)"});
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " + hashes[1].substr(0, 12) + ")");
}

TEST_F(Tampered, a_row_rewritten_with_insert_or_replace_is_detected) {
  // Even with the triggers in place (see the_database_refuses_insert_or_replace_over_an_entry),
  // the chain catches a row rewritten this way.
  SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
  try {
    raw.exec("INSERT OR REPLACE INTO entries (id, plan_id, target_id, period, period_start, "
             "period_end, value, value_text, unit, recorded_at, recorded_by, source, note, "
             "provisional, entities, action, corrects, reason, hash) SELECT id, plan_id, "
             "target_id, period, period_start, period_end, 4200, '4200', unit, recorded_at, "
             "recorded_by, source, note, provisional, entities, action, corrects, reason, hash "
             "FROM entries WHERE id = 2");
  } catch (const SQLite::Exception&) {
    return; // refused outright: nothing to detect
  }
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: entry 2 was altered or "
                        "its hash replaced (stored " + hashes[1].substr(0, 12) + ", computed ",
                        0),
            0u)
      << r.err;
}

// The stored period bounds are only an index: the engine derives them from the period text,
// which the chain covers, so moving them behind its back changes nothing it reports.
TEST_F(Tampered, moved_period_bounds_do_not_change_the_assessment) {
  auto before = status_of("audit/patents");
  EXPECT_EQ(before["current"], 4500.0);
  tamper({"UPDATE entries SET period_start = '2019-01-01', period_end = '2019-12-31' WHERE id = 3"});
  EXPECT_EQ(status_of("audit/patents"), before);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

// A value the engine cannot even read is still tampering: exit 5 naming the entry, not a
// storage or input error.
TEST_F(Tampered, an_unreadable_timestamp_is_reported_as_a_broken_chain) {
  tamper({"UPDATE entries SET recorded_at = 'yesterday' WHERE id = 2"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: ", 0), 0u) << r.err;
}

TEST_F(Tampered, an_unreadable_period_is_reported_as_a_broken_chain) {
  tamper({"UPDATE entries SET period = '2018-02-30' WHERE id = 2"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: ", 0), 0u) << r.err;
}

TEST_F(Tampered, an_edit_with_a_recomputed_hash_is_detected_at_the_next_entry) {
  auto storage = plantrack::storage::open_sqlite(cli.db());
  auto entry = *storage->find_entry(2);
  storage.reset();
  entry.value = 4200;
  entry.value_text = "4200";
  std::string forged = plantrack::audit::chain_hash(hashes[0], entry);
  tamper({"UPDATE entries SET value = 4200, value_text = '4200', hash = '" + forged +
          "' WHERE id = 2"});
  expect_broken_at(3, "entry 3 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " +
                          plantrack::audit::chain_hash(forged, *plantrack::storage::open_sqlite(
                                                                    cli.db())
                                                                    ->find_entry(3))
                              .substr(0, 12) +
                          ")");
}

// ---------------------------------------------------------------------------------------------
// 4. Identity and time

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
  SQLite::Database raw(cli.db(), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("SELECT recorded_at FROM entries WHERE id = 3").getString(),
            "2019-12-31T16:00:00Z");
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

// ---------------------------------------------------------------------------------------------
// 5. Plan revisions

TEST_F(Audited, a_changed_plan_without_a_reason_is_refused_and_nothing_is_written) {
  auto path = cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75"));
  expect_refused({"plan", "import", path},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
  expect_refused({"plan", "import", path, "--reason", ""},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
}

TEST_F(Audited, a_blank_reason_for_a_changed_plan_is_refused) {
  auto path = cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75"));
  expect_refused({"plan", "import", path, "--reason", "   "},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
}

TEST_F(Audited, a_revision_keeps_the_earlier_one_and_records_what_changed) {
  std::string text = replaced(plan_text, "value: 70", "value: 75");
  text = replaced(text, "    deadline: 2018-12-31\n    baseline: {value: 60",
                 "    deadline: 2017-12-31\n    baseline: {value: 60");
  text = replaced(text, "    per: year\n    unit: 件\n    rule: at_least",
                 "    per: year\n    unit: 件\n    rule: more_than");
  cli.now = Cli::at(2019, 3, 1, 0);
  auto path = cli.write("audit.yaml", text);
  auto r = ok({"plan", "import", path, "--reason", "区政府中期调整"});
  EXPECT_EQ(r.out, "revised audit: 5 targets, 0 tasks (" + path + ")\n");
  cli.now = Cli::at(2019, 6, 30, 8);

  auto revisions = json_of({"plan", "show", "audit", "--revisions"});
  EXPECT_EQ(revisions, nlohmann::json::parse(R"([
    {"revision": 1, "imported_at": "2019-01-01T00:00:00Z", "imported_by": "tester",
     "reason": "", "changes": []},
    {"revision": 2, "imported_at": "2019-03-01T00:00:00Z", "imported_by": "tester",
     "reason": "区政府中期调整",
     "changes": ["targets.patents.rule: \"at_least\" -> \"more_than\"",
                 "targets.share.deadline: \"2018-12-31\" -> \"2017-12-31\"",
                 "targets.share.value: 70 -> 75"]}
  ])"));
  auto table = ok({"--lang", "en", "plan", "show", "audit", "--revisions"}).out;
  EXPECT_NE(table.find("区政府中期调整"), std::string::npos) << table;
  EXPECT_NE(table.find("targets.share.value: 70 -> 75"), std::string::npos) << table;
  EXPECT_NE(table.find("targets.share.deadline: \"2018-12-31\" -> \"2017-12-31\""),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("targets.patents.rule: \"at_least\" -> \"more_than\""), std::string::npos)
      << table;

  // The plan in force is the new one; the list shows revision 2.
  auto plans = json_of({"plan", "list"});
  EXPECT_EQ(plans[0]["revision"], 2);
  // Importing the same file again is unchanged and needs no reason.
  EXPECT_EQ(ok({"plan", "import", path}).out, "unchanged audit: 5 targets, 0 tasks (" + path + ")\n");
  EXPECT_EQ(json_of({"plan", "show", "audit", "--revisions"}).size(), 2u);
}

TEST_F(Audited, status_known_at_before_a_revision_assesses_against_the_old_target_value) {
  cli.now = Cli::at(2019, 2, 1, 0);
  log("audit/share", "72", "2018");
  log("audit/patents", "5000", "2018");
  cli.now = Cli::at(2019, 3, 1, 0);
  std::string text = replaced(plan_text, "value: 70", "value: 75");
  text = replaced(text, "    per: year\n    unit: 件\n    rule: at_least",
                 "    per: year\n    unit: 件\n    rule: more_than");
  ok({"plan", "import", cli.write("audit.yaml", text), "--reason", "区政府中期调整"});
  cli.now = Cli::at(2019, 6, 30, 8);

  EXPECT_EQ(status_of("audit/share")["status"], "missed");
  EXPECT_EQ(status_of("audit/patents")["status"], "missed");
  auto share = status_of("audit/share", {"--known-at", "2019-02-15"});
  EXPECT_EQ(share["target"], 70.0);
  EXPECT_EQ(share["current"], 72.0);
  EXPECT_EQ(share["status"], "achieved");
  auto patents = status_of("audit/patents", {"--known-at", "2019-02-15"});
  EXPECT_EQ(patents["rule"], "at_least");
  EXPECT_EQ(patents["status"], "achieved");
  // The completion audit at that moment agrees.
  auto audit = completion({"--known-at", "2019-02-15"});
  EXPECT_EQ(target_in(audit, "audit/share")["ruling"], "achieved");
  EXPECT_EQ(target_in(audit, "audit/share")["target"], 70.0);
  EXPECT_EQ(target_in(completion(), "audit/share")["ruling"], "missed");
}

TEST_F(Audited, known_at_before_the_plan_was_imported_is_refused) {
  expect_refused({"--known-at", "2018-12-31T00:00:00Z", "status", "audit"},
                 "plan 'audit' was not yet imported at --known-at 2018-12-31T00:00:00Z; pass a "
                 "later --known-at");
}

// ---------------------------------------------------------------------------------------------
// 6. Completion audit

namespace {

// The completion scenario: one target for each ruling.
struct Completion : Audited {
  void SetUp() override {
    Audited::SetUp();
    if (HasFatalFailure()) return;
    // exits (cumulative, at least 3): 4 counted, 企业乙 twice -> achieved, duplicate_entity.
    log("audit/exits", "2", "2017", {"--entity", "企业甲", "--entity", "企业乙", "--source", "退出名单(一)"});
    log("audit/exits", "2", "2018", {"--entity", "企业乙", "--entity", "企业丙", "--source", "退出名单(二)"});
    // polluters (keep_at_most 0): 2 in 2018-06 -> breached.
    log("audit/polluters", "0", "2017");
    log("audit/polluters", "2", "2018-06", {"--source", "巡查记录"});
    // share (level): nothing for 2018, the final period -> unverifiable.
    log("audit/share", "66", "2017");
    // patents (flow): 4000 in 2018 -> missed.
    log("audit/patents", "4000", "2018", {"--source", "统计年报"});
    // rd (level): 2.4 corrected to 2.6 -> achieved, with the earlier version as evidence.
    log("audit/rd", "2.4", "2018", {"--source", "统计快报"});
    cli.now = Cli::at(2019, 7, 1, 2);
    ok({"--by", "统计局 王五", "correct", "7", "2.6", "--reason", "统计年报修订"});
    cli.now = Cli::at(2019, 7, 2, 0);
  }
};

} // namespace

TEST_F(Completion, json_gives_the_ruling_final_value_and_evidence_per_target) {
  auto audit = completion();
  EXPECT_EQ(audit["plan"], "audit");
  EXPECT_EQ(audit["title"], "审计示例规划");
  EXPECT_EQ(audit["as_of"], "2019-07-02");
  EXPECT_EQ(audit["known_at"], "2019-07-02T00:00:00Z");
  ASSERT_EQ(audit["targets"].size(), 5u);

  auto exits = target_in(audit, "audit/exits");
  EXPECT_EQ(exits["ruling"], "achieved");
  EXPECT_EQ(exits["final_value"], 4.0);
  EXPECT_EQ(exits["final_period"], "2018");
  EXPECT_EQ(exits["entities"], nlohmann::json::parse(R"(["企业甲","企业乙","企业乙","企业丙"])"));
  EXPECT_EQ(exits["duplicate_entities"], nlohmann::json::parse(R"(["企业乙"])"));
  EXPECT_NE(std::find(exits["flags"].begin(), exits["flags"].end(), "duplicate_entity"),
            exits["flags"].end())
      << exits["flags"];
  ASSERT_EQ(exits["evidence"].size(), 2u);
  EXPECT_EQ(exits["evidence"][0]["id"], 1);
  EXPECT_EQ(exits["evidence"][0]["source"], "退出名单(一)");
  EXPECT_EQ(exits["evidence"][0]["entities"], nlohmann::json::parse(R"(["企业甲","企业乙"])"));
  EXPECT_EQ(exits["evidence"][1]["source"], "退出名单(二)");

  auto polluters = target_in(audit, "audit/polluters");
  EXPECT_EQ(polluters["ruling"], "breached");
  EXPECT_EQ(polluters["rule"], "keep_at_most");
  EXPECT_EQ(polluters["evidence"].size(), 2u);

  auto share = target_in(audit, "audit/share");
  EXPECT_EQ(share["ruling"], "unverifiable");
  EXPECT_EQ(share["final_value"], 66.0);
  EXPECT_EQ(share["final_period"], "2017");
  EXPECT_NE(std::find(share["flags"].begin(), share["flags"].end(), "final_data_missing"),
            share["flags"].end())
      << share["flags"];

  auto patents = target_in(audit, "audit/patents");
  EXPECT_EQ(patents["ruling"], "missed");
  EXPECT_EQ(patents["final_value"], 4000.0);
  EXPECT_EQ(patents["final_period"], "2018");
  EXPECT_EQ(patents["target"], 5000.0);
  EXPECT_EQ(patents["deadline"], "2018-12-31");
  ASSERT_EQ(patents["evidence"].size(), 1u);
  const auto& p = patents["evidence"][0];
  EXPECT_EQ(p["id"], 6);
  EXPECT_EQ(p["source"], "统计年报");
  EXPECT_EQ(p["recorded_by"], "tester");
  EXPECT_EQ(p["recorded_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(p["earlier_versions"], nlohmann::json::array());

  auto rd = target_in(audit, "audit/rd");
  EXPECT_EQ(rd["ruling"], "achieved");
  EXPECT_EQ(rd["final_value"], 2.6);
  ASSERT_EQ(rd["evidence"].size(), 1u);
  const auto& ev = rd["evidence"][0];
  EXPECT_EQ(ev["id"], 8);
  EXPECT_EQ(ev["action"], "correct");
  EXPECT_EQ(ev["corrects"], 7);
  EXPECT_EQ(ev["reason"], "统计年报修订");
  EXPECT_EQ(ev["recorded_by"], "统计局 王五");
  EXPECT_EQ(ev["recorded_at"], "2019-07-01T02:00:00Z");
  EXPECT_EQ(ev["source"], "统计快报");
  ASSERT_EQ(ev["earlier_versions"].size(), 1u);
  EXPECT_EQ(ev["earlier_versions"][0]["id"], 7);
  EXPECT_EQ(ev["earlier_versions"][0]["value"], 2.4);
  EXPECT_EQ(ev["earlier_versions"][0]["recorded_by"], "tester");
  EXPECT_EQ(ev["earlier_versions"][0]["recorded_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(ev["earlier_versions"][0]["source"], "统计快报");
}

TEST_F(Completion, a_target_without_any_entry_is_unverifiable) {
  // Retract the only patents entry: no entry covers the deadline period at all.
  ok({"retract", "6", "--reason", "数据有误"});
  auto patents = target_in(completion(), "audit/patents");
  EXPECT_EQ(patents["ruling"], "unverifiable");
  EXPECT_EQ(patents["final_value"], nullptr);
  EXPECT_EQ(patents["evidence"], nlohmann::json::array());
}

TEST_F(Completion, evidence_lists_every_earlier_version_of_a_twice_corrected_entry) {
  ok({"--by", "复核员", "correct", "8", "2.65", "--reason", "再次修订"});
  auto rd = target_in(completion(), "audit/rd");
  EXPECT_EQ(rd["final_value"], 2.65);
  ASSERT_EQ(rd["evidence"].size(), 1u);
  const auto& ev = rd["evidence"][0];
  EXPECT_EQ(ev["id"], 9);
  EXPECT_EQ(ev["recorded_by"], "复核员");
  EXPECT_EQ(ev["reason"], "再次修订");
  ASSERT_EQ(ev["earlier_versions"].size(), 2u);
  EXPECT_EQ(ev["earlier_versions"][0]["id"], 7);
  EXPECT_EQ(ev["earlier_versions"][1]["id"], 8);
  EXPECT_EQ(ev["earlier_versions"][1]["reason"], "统计年报修订");
  EXPECT_EQ(ev["earlier_versions"][1]["recorded_by"], "统计局 王五");
}

TEST_F(Completion, correcting_a_double_counted_entry_clears_the_duplicate) {
  ok({"correct", "2", "1", "--entity", "企业丙", "--reason", "企业乙已在第一批计入"});
  auto exits = target_in(completion(), "audit/exits");
  EXPECT_EQ(exits["ruling"], "achieved");
  EXPECT_EQ(exits["final_value"], 3.0);
  EXPECT_EQ(exits["entities"], nlohmann::json::parse(R"(["企业甲","企业乙","企业丙"])"));
  EXPECT_EQ(exits["duplicate_entities"], nlohmann::json::array());
  EXPECT_EQ(std::find(exits["flags"].begin(), exits["flags"].end(), "duplicate_entity"),
            exits["flags"].end())
      << exits["flags"];
  EXPECT_EQ(exits["evidence"][1]["earlier_versions"][0]["entities"],
            nlohmann::json::parse(R"(["企业乙","企业丙"])"));
}

TEST_F(Completion, a_retracted_entry_is_not_evidence) {
  ok({"retract", "2", "--reason", "第二批名单作废"});
  auto exits = target_in(completion(), "audit/exits");
  EXPECT_EQ(exits["final_value"], 2.0);
  ASSERT_EQ(exits["evidence"].size(), 1u);
  EXPECT_EQ(exits["evidence"][0]["id"], 1);
}

// SPEC/issue: "unverifiable when no entry covers the deadline period". A quota still short of
// its value with nothing reported for the final year cannot be ruled missed: the final
// year's exits may simply not have been logged.
TEST_F(Completion, a_cumulative_quota_short_without_final_period_data_is_unverifiable) {
  ok({"retract", "2", "--reason", "第二批名单作废"});
  auto exits = target_in(completion(), "audit/exits");
  EXPECT_EQ(exits["final_period"], "2017");
  EXPECT_NE(std::find(exits["flags"].begin(), exits["flags"].end(), "final_data_missing"),
            exits["flags"].end())
      << exits["flags"];
  EXPECT_EQ(exits["ruling"], "unverifiable");
}

TEST_F(Completion, as_of_before_the_deadline_is_not_due) {
  auto audit = completion({"--as-of", "2018-03-31"});
  EXPECT_EQ(audit["as_of"], "2018-03-31");
  for (const auto& t : audit["targets"]) EXPECT_EQ(t["ruling"], "not_due") << t["ref"];
  // Only the entries ending by then are evidence.
  EXPECT_EQ(target_in(audit, "audit/exits")["evidence"].size(), 1u);
  EXPECT_EQ(target_in(audit, "audit/rd")["evidence"].size(), 0u);
}

TEST_F(Completion, as_of_before_the_deadline_still_reports_a_breach) {
  auto audit = completion({"--as-of", "2018-07-31"});
  EXPECT_EQ(target_in(audit, "audit/polluters")["ruling"], "breached");
  EXPECT_EQ(target_in(audit, "audit/patents")["ruling"], "not_due");
}

TEST_F(Completion, known_at_before_the_correction_rules_on_the_earlier_value) {
  auto audit = completion({"--known-at", "2019-06-30T08:00:00Z"});
  auto rd = target_in(audit, "audit/rd");
  EXPECT_EQ(rd["ruling"], "missed");
  EXPECT_EQ(rd["final_value"], 2.4);
  ASSERT_EQ(rd["evidence"].size(), 1u);
  EXPECT_EQ(rd["evidence"][0]["id"], 7);
  EXPECT_EQ(rd["evidence"][0]["earlier_versions"], nlohmann::json::array());
}

TEST_F(Completion, table_and_markdown_carry_the_rulings_and_the_correction) {
  auto table = ok({"--lang", "en", "audit", "completion", "audit"}).out;
  auto md = ok({"--lang", "en", "--format", "md", "audit", "completion", "audit"}).out;
  for (const auto* text : {&table, &md}) {
    for (auto word : {"achieved", "breached", "unverifiable", "missed", "统计年报修订", "企业乙",
                      "统计局 王五", "#7 2.4 tester", "corrects #7: 统计年报修订", "巡查记录"})
      EXPECT_NE(text->find(word), std::string::npos) << word << " in\n" << *text;
  }
  EXPECT_EQ(table.rfind("Completion audit audit 审计示例规划\n", 0), 0u) << table;
  EXPECT_EQ(md.rfind("# Completion audit audit 审计示例规划\n", 0), 0u) << md;
  EXPECT_NE(md.find("| --- |"), std::string::npos) << md;
  EXPECT_NE(md.find("## rd 研发投入强度"), std::string::npos) << md;
  auto zh = ok({"--lang", "zh", "audit", "completion", "audit"}).out;
  for (auto word : {"已实现", "已越限", "无法核实", "未实现"})
    EXPECT_NE(zh.find(word), std::string::npos) << word << " in\n" << zh;
  auto not_due = ok({"--lang", "en", "--as-of", "2018-03-31", "audit", "completion", "audit"}).out;
  EXPECT_NE(not_due.find("not due"), std::string::npos) << not_due;
}

TEST_F(Completion, table_shows_the_evidence_of_the_corrected_target_exactly) {
  auto table = ok({"--lang", "en", "audit", "completion", "audit"}).out;
  auto at = table.find("rd 研发投入强度\n");
  ASSERT_NE(at, std::string::npos) << table;
  EXPECT_EQ(table.substr(at),
            "rd 研发投入强度\n"
            "---------------\n"
            "  target: ≥2.5 %, deadline 2018-12-31\n"
            "  final value: 2.6 % (2018)\n"
            "  ruling: achieved\n"
            "id  period  value  source    recorded by  recorded at               version\n"
            "--  ------  -----  --------  -----------  ------------------------  "
            "-----------------------------------------------------------------\n"
            "8   2018    2.6    统计快报  统计局 王五  2019-07-01 10:00 (+0800)  #7 2.4 tester "
            "2019-06-30 16:00 (+0800); corrects #7: 统计年报修订\n"
            "\n");
}

TEST_F(Completion, an_unknown_plan_is_refused) {
  expect_refused({"audit", "completion", "nope"},
                 "unknown plan 'nope'; see `plantrack plan list` for the plans in this database");
}

TEST_F(Completion, an_unoffered_format_is_refused) {
  expect_refused({"--format", "csv", "audit", "completion", "audit"},
                 "--format 'csv' is not offered here; use one of table, md, json");
}

TEST_F(Completion, audit_verify_passes_after_the_scenario) {
  auto r = ok({"audit", "verify"});
  EXPECT_EQ(r.out.rfind("audit chain verified: 8 entries, head ", 0), 0u) << r.out;
}
