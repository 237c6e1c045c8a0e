// Unit tests of the entry history (entries_view.hpp: the chain of corrections and retractions
// as a table and as JSON) and of one target in depth (target_view.hpp: `plantrack show`).
// Inputs are built by hand (support/report_inputs.hpp) so every expected figure is known.

#include "report/entries_view.hpp"
#include "report/labels.hpp"
#include "report/target_view.hpp"
#include "support/report_inputs.hpp"
#include "support/text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plantrack::report {
namespace {

using support::lines_of;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::Not;

// ---------------------------------------------------------------------------------------------
// entries_table and entries_json: the chain of versions

// 1 logged, 2 corrects 1; 3 logged (provisional, with entities), 4 retracts 3.
std::vector<Entry> history() {
  auto e1 = support::demo_entry(1, "patents", "2018", 4400, "4400", "件");
  e1.source = "统计快报";
  auto e2 = support::demo_replacement(2, e1, 4450, "4450", "年报修订");
  auto e3 = support::demo_entry(3, "share", "2017", 61.5, "61.5", "%");
  e3.provisional = true;
  e3.entities = {"企业甲", "企业乙"};
  e3.note = "抽样";
  auto e4 = support::demo_replacement(4, e3, 0, "", "重复录入");
  return {e1, e2, e3, e4};
}

TEST(EntriesTable, versions_name_what_replaced_what) {
  EXPECT_EQ(entries_table(history(), Lang::zh),
            "编号  指标          期间           数值  版本               记录时间                  记录人  来源      备注\n"
            "----  ------------  ----  -------------  -----------------  ------------------------  ------  --------  --------------------\n"
            "   1  demo/patents  2018        4400 件  已被更正 #2        2019-06-30 16:00 (+0800)  统计科  统计快报\n"
            "   2  demo/patents  2018        4450 件  更正 #1: 年报修订  2019-06-30 16:00 (+0800)  统计科\n"
            "   3  demo/share    2017  61.5 % (初步)  已被撤回 #4        2019-06-30 16:00 (+0800)  统计科            抽样 [企业甲;企业乙]\n"
            "   4  demo/share    2017              -  撤回 #3: 重复录入  2019-06-30 16:00 (+0800)  统计科\n");
}

TEST(EntriesTable, english_version_texts) {
  auto lines = lines_of(entries_table(history(), Lang::en));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0].rfind("id  target        period                 value  version  ", 0), 0u) << lines[0];
  EXPECT_THAT(lines[2], HasSubstr("  4400 件  corrected by #2  "));
  EXPECT_THAT(lines[3], HasSubstr("  4450 件  corrects #1: 年报修订  "));
  EXPECT_THAT(lines[4], HasSubstr("  61.5 % (provisional)  retracted by #4  "));
  EXPECT_THAT(lines[5], HasSubstr("  -  retracts #3: 重复录入  "));
}

TEST(EntriesJson, every_stored_field_with_replaced_by_before_the_hash) {
  auto doc = entries_json(history());
  ASSERT_EQ(doc.size(), 4u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc[0].items()) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre("id", "target", "period", "value", "value_text", "unit",
                                "recorded_at", "recorded_by", "source", "note", "provisional",
                                "entities", "action", "corrects", "reason", "replaced_by", "hash"));
  EXPECT_EQ(doc[0]["replaced_by"], 2);
  EXPECT_EQ(doc[0]["corrects"], nullptr);
  EXPECT_EQ(doc[0]["recorded_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(doc[1]["action"], "correct");
  EXPECT_EQ(doc[1]["corrects"], 1);
  EXPECT_EQ(doc[1]["reason"], "年报修订");
  EXPECT_EQ(doc[1]["replaced_by"], nullptr);
  EXPECT_EQ(doc[2]["provisional"], true);
  EXPECT_EQ(doc[2]["entities"], nlohmann::ordered_json({"企业甲", "企业乙"}));
  EXPECT_EQ(doc[2]["replaced_by"], 4);
  EXPECT_EQ(doc[3]["action"], "retract");
  EXPECT_EQ(doc[3]["hash"], std::string(64, '4'));
  // entry_json alone has no replaced_by.
  EXPECT_FALSE(entry_json(history()[0]).contains("replaced_by"));
}

// ---------------------------------------------------------------------------------------------
// target_detail_text and target_detail_json

TEST(TargetDetail, chinese_text_has_definition_figures_trajectory_and_entries) {
  EXPECT_EQ(target_detail_text(support::patents_detail(), Lang::zh),
            "demo/patents  年专利申请量\n"
            "类型: flow/year  规则: at_least ≥5000 件  期限: 2020-12-31  轨迹: linear\n"
            "目标: [g1] 创新能力\n"
            "责任单位: 区科委, 区知识产权局\n"
            "指标性质: 预期性\n"
            "原文: 年专利申请量达到5000件\n"
            "\n"
            "评估 截至 2019-06-30 (数据截至 2019-06-30 16:00 (+0800))\n"
            "项目        数值\n"
            "----------  --------------------\n"
            "状态        进度正常\n"
            "标记        -\n"
            "基线        3000 件 (2015-12-31)\n"
            "当前值      4400 件 (2018)\n"
            "应达值      4200 件\n"
            "当前应达值  4400 件\n"
            "比率        1.050\n"
            "差距        600 件\n"
            "缺口        600 件\n"
            "进度%       70.0\n"
            "预测        5100 件 (2020-12-31)\n"
            "每年需增    300 件\n"
            "\n"
            "轨迹点\n"
            "日期        数值  类别\n"
            "----------  ----  --------\n"
            "2015-12-31  3000  baseline\n"
            "2020-12-31  5000  target\n"
            "\n"
            "记录 (2)\n"
            "编号  指标          期间     数值  版本  记录时间                  记录人  来源  备注\n"
            "----  ------------  ----  -------  ----  ------------------------  ------  ----  ----\n"
            "   1  demo/patents  2017  3900 件  -     2019-06-30 16:00 (+0800)  统计科\n"
            "   2  demo/patents  2018  4400 件  -     2019-06-30 16:00 (+0800)  统计科\n");
}

TEST(TargetDetail, english_text_of_a_milestone) {
  auto lines = lines_of(target_detail_text(support::drafted_detail(), Lang::en));
  ASSERT_GE(lines.size(), 16u);
  EXPECT_EQ(lines[0], "demo/drafted  编制完成专项规划");
  EXPECT_EQ(lines[2], "goal: [g1] 创新能力");
  EXPECT_EQ(lines[3], "nature: expected");
  EXPECT_EQ(lines[4], "source clause: 编制完成专项规划");
  EXPECT_EQ(lines[6], "assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))");
  EXPECT_EQ(lines[7], "item          value");
  EXPECT_EQ(lines[9], "status        achieved");
  EXPECT_EQ(lines[12], "current       done (2018-12-05)");
  EXPECT_EQ(lines[15], "ratio         -");
  std::string out = target_detail_text(support::drafted_detail(), Lang::en);
  EXPECT_THAT(out, Not(HasSubstr("trajectory points"))); // no baseline, no trajectory
  EXPECT_THAT(out, HasSubstr("\nentries (1)\n"));
  EXPECT_THAT(out, HasSubstr("\n 4  demo/drafted  2018-12-05   done  -  "));
}

TEST(TargetDetail, english_title_and_note_when_given) {
  auto d = support::patents_detail();
  d.target.note = "按申请日统计";
  auto lines = lines_of(target_detail_text(d, Lang::en));
  EXPECT_EQ(lines[0], "demo/patents  Patent applications");
  EXPECT_EQ(lines[1], "kind: flow/year  rule: at_least ≥5000 件  deadline: 2020-12-31  trajectory: linear");
  EXPECT_EQ(lines[3], "responsible: 区科委, 区知识产权局");
  EXPECT_EQ(lines[4], "nature: expected");
  EXPECT_EQ(lines[5], "source clause: 年专利申请量达到5000件");
  EXPECT_EQ(lines[6], "note: 按申请日统计");
}

TEST(TargetDetail, support_binding_and_strive_are_shown) {
  auto d = support::patents_detail();
  d.target.support = {"区财政局", "区统计局"};
  d.target.nature = Nature::binding;
  d.target.strive = true;
  auto lines = lines_of(target_detail_text(d, Lang::zh));
  EXPECT_EQ(lines[3], "责任单位: 区科委, 区知识产权局");
  EXPECT_EQ(lines[4], "配合单位: 区财政局, 区统计局");
  EXPECT_EQ(lines[5], "指标性质: 约束性, 力争");
  EXPECT_EQ(lines[12], "标记        力争, 约束性");
  auto doc = target_detail_json(d);
  EXPECT_EQ(doc["support"], nlohmann::ordered_json({"区财政局", "区统计局"}));
  EXPECT_EQ(doc["nature"], "binding");
  EXPECT_EQ(doc["strive"], true);
  EXPECT_EQ(doc["flags"], nlohmann::ordered_json({"strive"}));
}

TEST(TargetDetailJson, status_fields_then_definition_trajectory_and_entries) {
  auto doc = target_detail_json(support::patents_detail());
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  ASSERT_EQ(keys.size(), 35u);
  EXPECT_EQ(keys[0], "ref");
  EXPECT_THAT(std::vector<std::string>(keys.begin() + 21, keys.begin() + 24),
              ElementsAre("responsible", "support", "nature"));
  EXPECT_THAT(std::vector<std::string>(keys.begin() + 24, keys.end()),
              ElementsAre("as_of", "known_at", "goal", "per", "trajectory_kind", "strive", "source",
                          "note", "expected_now", "trajectory", "entries"));
  EXPECT_EQ(doc["as_of"], "2019-06-30");
  EXPECT_EQ(doc["known_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(doc["goal"], "g1");
  EXPECT_EQ(doc["per"], "year");
  EXPECT_EQ(doc["trajectory_kind"], "linear");
  EXPECT_EQ(doc["expected_now"], 4400.0);
  EXPECT_EQ(doc["trajectory"], nlohmann::ordered_json::parse(
                                   R"([{"date": "2015-12-31", "value": 3000.0, "point": "baseline"},
                                       {"date": "2020-12-31", "value": 5000.0, "point": "target"}])"));
  ASSERT_EQ(doc["entries"].size(), 2u);
  EXPECT_EQ(doc["entries"][1]["value_text"], "4400");
  EXPECT_EQ(doc["entries"][1]["replaced_by"], nullptr);
}

TEST(TargetDetailJson, a_milestone_has_no_per_expected_now_or_trajectory) {
  auto doc = target_detail_json(support::drafted_detail());
  EXPECT_EQ(doc["per"], nullptr);
  EXPECT_EQ(doc["expected_now"], nullptr);
  EXPECT_EQ(doc["trajectory"], nlohmann::ordered_json::array());
  EXPECT_EQ(doc["entries"][0]["value_text"], "done");
}

} // namespace
} // namespace plantrack::report
