// Unit tests of the completion audit views (audit_view.hpp, `plantrack audit completion`): plain
// text with headings underlined to their display width, Markdown, zh and en labels, and the
// JSON with every piece of evidence and the versions it replaced. The audit is built by hand.

#include "report/audit_view.hpp"
#include "support/report_inputs.hpp"
#include "support/text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace plantrack::report {
namespace {

using support::demo_entry;
using support::shanghai;
using support::ymd;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::Not;
using testing::StartsWith;

// patents: missed at 4800 (2020), entry 5 correcting entry 2 (4700) recorded on 2021-01-10.
audit::TargetAudit patents_audit() {
  audit::TargetAudit t{support::patents_target(), support::patents_result(), audit::Ruling::missed, {}, {}};
  t.result.status = assess::Status::missed;
  t.result.current = 4800;
  t.result.current_period = "2020";
  auto first = demo_entry(2, "patents", "2020", 4700, "4700", "件");
  first.source = "统计快报";
  auto fix = support::demo_replacement(5, first, 4800, "4800", "年报修订");
  fix.source = "统计年报";
  fix.recorded_at = shanghai(2021, 1, 10, 10);
  fix.recorded_by = "统计局 王五";
  t.evidence = {{fix, {first}}};
  return t;
}

// share: no entry for the final period, unverifiable; no evidence.
audit::TargetAudit share_audit() {
  return {support::share_target(), support::share_result(), audit::Ruling::unverifiable, {}, {}};
}

// exits: 4 firms counted from two entries, 企业乙 twice.
audit::TargetAudit exits_audit() {
  Target t;
  t.id = "exits";
  t.title = "淘汰退出企业";
  t.title_en = "Firms exited";
  t.goal = "g1";
  t.kind = Kind::cumulative;
  t.unit = "家";
  t.rule = Rule::at_least;
  t.value = 3;
  t.deadline = ymd(2020, 12, 31);
  assess::Assessment a;
  a.status = assess::Status::achieved;
  a.target_value = 3;
  a.current = 4;
  a.current_period = "2018";
  a.flags = {assess::Flag::duplicate_entity};
  a.duplicate_entities = {"企业乙"};
  auto e6 = demo_entry(6, "exits", "2017", 2, "2", "家");
  e6.entities = {"企业甲", "企业乙"};
  auto e7 = demo_entry(7, "exits", "2018", 2, "2");
  e7.entities = {"企业乙", "企业丙"};
  return {t, a, audit::Ruling::achieved, {{e6, {}}, {e7, {}}}, {"企业甲", "企业乙", "企业乙", "企业丙"}};
}

// polluters: keep at most 0, breached by 2 in 2018-06.
audit::TargetAudit polluters_audit() {
  Target t;
  t.id = "polluters";
  t.title = "散乱污企业动态清零";
  t.goal = "g2";
  t.kind = Kind::level;
  t.unit = "家";
  t.rule = Rule::keep_at_most;
  t.value = 0;
  t.deadline = ymd(2020, 12, 31);
  assess::Assessment a;
  a.status = assess::Status::breached;
  a.current = 0;
  a.current_period = "2020";
  a.first_breach = assess::Breach{"2018-06", 2};
  return {t, a, audit::Ruling::breached, {{demo_entry(8, "polluters", "2018-06", 2, "2", "家"), {}}}, {}};
}

audit::TargetAudit drafted_audit() {
  return {support::drafted_target(), support::drafted_result(), audit::Ruling::achieved,
          {{demo_entry(4, "drafted", "2018-12-05", 1, "done"), {}}}, {}};
}

// The audit as of 2021-01-15, known at 09:00 that day in Shanghai.
audit::CompletionAudit audit_of(std::vector<audit::TargetAudit> targets) {
  return {support::demo_plan(), ymd(2021, 1, 15), shanghai(2021, 1, 15, 9), std::move(targets), {}};
}

audit::CompletionAudit full_audit() {
  return audit_of({patents_audit(), share_audit(), exits_audit(), polluters_audit(), drafted_audit()});
}

// ---------------------------------------------------------------------------------------------
// Text

TEST(CompletionText, chinese_text_exactly) {
  EXPECT_EQ(completion_text(audit_of({patents_audit(), share_audit()}), Lang::zh, false),
            "完成情况审计 demo 示例规划\n"
            "==========================\n"
            "  评估日期: 2021-01-15\n"
            "  数据截至: 2021-01-15 09:00 (+0800)\n"
            "\n"
            "patents 年专利申请量\n"
            "--------------------\n"
            "  目标值: ≥5000 件, 期限 2020-12-31\n"
            "  最终值: 4800 件 (2020)\n"
            "  结论: 未实现\n"
            "编号  期间  数值     来源      记录人       记录时间                  版本\n"
            "----  ----  -------  --------  -----------  ------------------------  "
            "-------------------------------------------------------------\n"
            "5     2020  4800 件  统计年报  统计局 王五  2021-01-10 10:00 (+0800)  "
            "#2 4700 件 统计科 2019-06-30 16:00 (+0800); 更正 #2: 年报修订\n"
            "\n"
            "share 高新技术产业占比\n"
            "----------------------\n"
            "  目标值: ≥70 %, 期限 2020-12-31\n"
            "  最终值: 61.5 % (2017)\n"
            "  结论: 无法核实\n"
            "  标记: 数据过期\n"
            "  证据: 无\n"
            "\n");
}

TEST(CompletionText, headings_are_underlined_to_their_display_width) {
  auto lines = support::lines_of(completion_text(full_audit(), Lang::zh, false));
  // "完成情况审计 demo 示例规划": 6 ideographs, 4 letters, 4 ideographs, 2 spaces = 26 columns.
  EXPECT_EQ(lines[1], std::string(26, '='));
  auto at = std::find(lines.begin(), lines.end(), "polluters 散乱污企业动态清零");
  ASSERT_NE(at, lines.end());
  EXPECT_EQ(*(at + 1), std::string(9 + 1 + 18, '-'));
}

TEST(CompletionText, entities_counted_and_counted_twice) {
  std::string out = completion_text(audit_of({exits_audit()}), Lang::zh, false);
  EXPECT_THAT(out, HasSubstr("  结论: 已实现\n  标记: 重复计数\n  计数对象: 4\n  重复计数: 企业乙\n"));
  EXPECT_THAT(out, HasSubstr("编号  期间  数值  来源  记录人  记录时间                  版本  对象\n"));
  EXPECT_THAT(out, HasSubstr("\n6     2017  2 家  -     统计科  2019-06-30 16:00 (+0800)  -     企业甲;企业乙\n"));
  EXPECT_THAT(out, HasSubstr("\n7     2018  2     -     统计科  2019-06-30 16:00 (+0800)  -     企业乙;企业丙\n"));
}

TEST(CompletionText, a_breach_names_its_period_and_value) {
  EXPECT_THAT(completion_text(audit_of({polluters_audit()}), Lang::zh, false),
              HasSubstr("  目标值: ≤0 家, 期限 2020-12-31\n  最终值: 0 家 (2020)\n  结论: 已越限 (2018-06 2 家)\n"));
  EXPECT_THAT(completion_text(audit_of({polluters_audit()}), Lang::en, false),
              HasSubstr("  ruling: breached (2018-06 2 家)\n"));
}

TEST(CompletionText, a_milestone_is_done_or_not_done) {
  std::string out = completion_text(audit_of({drafted_audit()}), Lang::en, false);
  EXPECT_THAT(out, HasSubstr("  target: done, deadline 2018-12-31\n  final value: done (2018-12-05)\n"
                             "  ruling: achieved\n"));
  auto not_done = drafted_audit();
  not_done.result.current = 0;
  not_done.ruling = audit::Ruling::not_due;
  EXPECT_THAT(completion_text(audit_of({not_done}), Lang::zh, false),
              HasSubstr("  最终值: not done (2018-12-05)\n  结论: 未到期\n"));
}

TEST(CompletionText, english_labels_and_titles) {
  std::string out = completion_text(audit_of({patents_audit(), share_audit()}), Lang::en, false);
  // Underlines: "Completion audit demo 示例规划" is 16 + 1 + 4 + 1 + 8 = 30 columns.
  EXPECT_THAT(out, StartsWith("Completion audit demo 示例规划\n" + std::string(30, '=') + "\n"
                              "  as of: 2021-01-15\n  known at: 2021-01-15 09:00 (+0800)\n\n"
                              "patents Patent applications\n" + std::string(27, '-') + "\n"
                              "  target: ≥5000 件, deadline 2020-12-31\n  final value: 4800 件 (2020)\n"
                              "  ruling: missed\n"
                              "id  period  value    source    recorded by  recorded at               version\n"));
  EXPECT_THAT(out, HasSubstr("#2 4700 件 统计科 2019-06-30 16:00 (+0800); corrects #2: 年报修订\n"));
  EXPECT_THAT(out, HasSubstr("\nshare High-tech share\n" + std::string(21, '-') + "\n"));
  EXPECT_THAT(out, HasSubstr("  ruling: unverifiable\n  flags: stale\n  evidence: none\n"));
  EXPECT_THAT(out, Not(HasSubstr("结论")));
}

TEST(CompletionMarkdown, headings_lists_and_pipe_tables) {
  std::string md = completion_text(audit_of({patents_audit(), share_audit()}), Lang::en, true);
  EXPECT_EQ(md, "# Completion audit demo 示例规划\n"
                "\n"
                "- as of: 2021-01-15\n"
                "- known at: 2021-01-15 09:00 (+0800)\n"
                "\n"
                "## patents Patent applications\n"
                "\n"
                "- target: ≥5000 件, deadline 2020-12-31\n"
                "- final value: 4800 件 (2020)\n"
                "- ruling: missed\n"
                "\n"
                "| id | period | value | source | recorded by | recorded at | version |\n"
                "| --- | --- | --- | --- | --- | --- | --- |\n"
                "| 5 | 2020 | 4800 件 | 统计年报 | 统计局 王五 | 2021-01-10 10:00 (+0800) | #2 4700 件 统计科 "
                "2019-06-30 16:00 (+0800); corrects #2: 年报修订 |\n"
                "\n"
                "## share High-tech share\n"
                "\n"
                "- target: ≥70 %, deadline 2020-12-31\n"
                "- final value: 61.5 % (2017)\n"
                "- ruling: unverifiable\n"
                "- flags: stale\n"
                "- evidence: none\n"
                "\n");
}

TEST(CompletionMarkdown, chinese_with_the_entities_column) {
  std::string md = completion_text(audit_of({exits_audit()}), Lang::zh, true);
  EXPECT_THAT(md, StartsWith("# 完成情况审计 demo 示例规划\n\n- 评估日期: 2021-01-15\n"));
  EXPECT_THAT(md, HasSubstr("\n## exits 淘汰退出企业\n\n"));
  EXPECT_THAT(md, HasSubstr("| 编号 | 期间 | 数值 | 来源 | 记录人 | 记录时间 | 版本 | 对象 |\n"
                            "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
                            "| 6 | 2017 | 2 家 | - | 统计科 | 2019-06-30 16:00 (+0800) | - | 企业甲;企业乙 |\n"));
}

// ---------------------------------------------------------------------------------------------
// JSON

TEST(CompletionJson, plan_times_and_one_object_per_target) {
  auto doc = completion_json(full_audit());
  EXPECT_EQ(doc["plan"], "demo");
  EXPECT_EQ(doc["title"], "示例规划");
  EXPECT_EQ(doc["as_of"], "2021-01-15");
  EXPECT_EQ(doc["known_at"], "2021-01-15T01:00:00Z");
  std::vector<std::string> rulings;
  for (const auto& t : doc["targets"]) rulings.push_back(t["ref"].get<std::string>() + " " + t["ruling"].get<std::string>());
  EXPECT_THAT(rulings, ElementsAre("demo/patents missed", "demo/share unverifiable", "demo/exits achieved",
                                   "demo/polluters breached", "demo/drafted achieved"));
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc["targets"][0].items()) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre("ref", "title", "unit", "rule", "target", "deadline", "final_value",
                                "final_period", "ruling", "status", "flags", "entities",
                                "duplicate_entities", "evidence"));
}

TEST(CompletionJson, evidence_carries_the_versions_it_replaced) {
  const auto patents = completion_json(full_audit())["targets"][0];
  EXPECT_EQ(patents["final_value"], 4800.0);
  EXPECT_EQ(patents["final_period"], "2020");
  EXPECT_EQ(patents["status"], "missed");
  ASSERT_EQ(patents["evidence"].size(), 1u);
  const auto& ev = patents["evidence"][0];
  EXPECT_EQ(ev["id"], 5);
  EXPECT_EQ(ev["action"], "correct");
  EXPECT_EQ(ev["corrects"], 2);
  EXPECT_EQ(ev["reason"], "年报修订");
  EXPECT_EQ(ev["recorded_by"], "统计局 王五");
  EXPECT_EQ(ev["recorded_at"], "2021-01-10T02:00:00Z");
  EXPECT_FALSE(ev.contains("replaced_by"));
  ASSERT_EQ(ev["earlier_versions"].size(), 1u);
  EXPECT_EQ(ev["earlier_versions"][0]["id"], 2);
  EXPECT_EQ(ev["earlier_versions"][0]["value"], 4700.0);
  EXPECT_EQ(ev["earlier_versions"][0]["source"], "统计快报");
}

TEST(CompletionJson, entities_duplicates_breach_and_milestone) {
  const auto doc = completion_json(full_audit());
  const auto& exits = doc["targets"][2];
  EXPECT_EQ(exits["entities"], nlohmann::ordered_json({"企业甲", "企业乙", "企业乙", "企业丙"}));
  EXPECT_EQ(exits["duplicate_entities"], nlohmann::ordered_json({"企业乙"}));
  EXPECT_EQ(exits["flags"], nlohmann::ordered_json({"duplicate_entity"}));
  EXPECT_EQ(exits["evidence"][1]["entities"], nlohmann::ordered_json({"企业乙", "企业丙"}));
  EXPECT_EQ(exits["evidence"][1]["earlier_versions"], nlohmann::ordered_json::array());
  EXPECT_EQ(doc["targets"][3]["rule"], "keep_at_most");
  EXPECT_EQ(doc["targets"][3]["target"], 0.0);
  const auto& drafted = doc["targets"][4];
  EXPECT_EQ(drafted["target"], nullptr);
  EXPECT_EQ(drafted["final_value"], 1.0);
  EXPECT_EQ(doc["targets"][1]["evidence"], nlohmann::ordered_json::array()); // share: none
}

} // namespace
} // namespace plantrack::report
