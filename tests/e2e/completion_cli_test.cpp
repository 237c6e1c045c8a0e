// End-to-end tests of `plantrack audit completion` (docs/audit.md): per target the final value,
// the ruling (achieved, missed, breached, unverifiable, not due) and the evidence behind it, in
// JSON, table and Markdown.

#include "audited.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;

// ---------------------------------------------------------------------------------------------
// Completion audit

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
