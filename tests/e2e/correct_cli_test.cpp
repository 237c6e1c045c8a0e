// End-to-end tests of `plantrack correct` and `plantrack retract` (SPEC §1 "Entry"; docs/audit.md):
// a correction or retraction is a new entry naming the one it replaces and why; the chain of
// versions; what is refused. Exact stdout, stderr and exit code.

#include "audited.hpp"
#include "errors.hpp"
#include "engine/store.hpp"
#include "storage/storage.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;

// ---------------------------------------------------------------------------------------------
// Corrections and retractions

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
    auto storage = plantrack::engine::open_store(cli.db());
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
