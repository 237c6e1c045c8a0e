// Unit tests of the terminal renderers of core/report/: display-width tables (table.hpp) and the
// status table and its JSON (status_view.hpp). Inputs are built by hand
// (support/report_inputs.hpp) so every expected figure is known. The other renderers have their
// own files: report_entries_test.cpp (entries_view, target_view), report_document_test.cpp
// (render_report, csv_text), report_chart_test.cpp (the SVG chart) and report_audit_test.cpp
// (the completion audit).

#include "report/labels.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"
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

// The display column at which `cell` starts on `line` (-1 when it is not there).
int column_of(const std::string& line, const std::string& cell) {
  auto at = line.find(cell);
  return at == std::string::npos ? -1 : display_width(line.substr(0, at));
}

// The display column just after `cell` on `line` (-1 when it is not there).
int end_column_of(const std::string& line, const std::string& cell) {
  int start = column_of(line, cell);
  return start < 0 ? -1 : start + display_width(cell);
}

std::string without_colors(std::string s) {
  for (std::string code : {"\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"})
    for (size_t at; (at = s.find(code)) != std::string::npos;) s.erase(at, code.size());
  return s;
}

// A plan's status with the given targets only.
engine::StatusReport status_of(std::vector<engine::TargetAssessment> targets) {
  engine::StatusReport report = support::demo_status();
  report.plans[0].targets = std::move(targets);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Display width and tables

TEST(DisplayWidth, combining_marks_take_no_column_and_full_width_forms_two) {
  EXPECT_EQ(display_width("e\xcc\x81"), 1);       // e + U+0301 COMBINING ACUTE ACCENT
  EXPECT_EQ(display_width("ＡＢ"), 4);            // full-width Latin letters
  EXPECT_EQ(display_width("≥5000 件"), 1 + 4 + 1 + 2); // ≥ is narrow, 件 wide
  EXPECT_EQ(display_width("\x1b"), 0);            // a control character takes no column
}

TEST(DisplayWidth, each_invalid_byte_counts_as_one_column) {
  EXPECT_EQ(display_width("\xff"), 1);
  EXPECT_EQ(display_width("a\xff\xfe" "b"), 4);
  EXPECT_EQ(display_width("\xe5\xb9"), 2); // a truncated 年: two stray bytes
}

TEST(RenderTable, colour_codes_do_not_count_towards_the_width) {
  Table t;
  t.header = {"状态", "n"};
  t.rows = {{"进度正常", "1"}, {"有风险", "22"}};
  t.right_aligned = {false, true};
  t.colors = {{"\x1b[32m", ""}, {"\x1b[33m"}};
  EXPECT_EQ(render(t), "状态" + std::string(7, ' ') + "n\n"
                       "--------  --\n"
                       "\x1b[32m进度正常\x1b[0m   1\n"
                       "\x1b[33m有风险\x1b[0m    22\n");
}

TEST(RenderTable, right_aligned_chinese_cells_are_padded_on_the_left) {
  Table t;
  t.header = {"名称", "数值"};
  t.rows = {{"a", "一万"}, {"通州区", "5"}};
  t.right_aligned = {false, true};
  EXPECT_EQ(render(t), "名称    数值\n"
                       "------  ----\n"
                       "a       一万\n"
                       "通州区     5\n");
}

TEST(RenderTable, rows_shorter_than_the_header_get_empty_cells) {
  Table t;
  t.header = {"a", "bb", "c"};
  t.rows = {{"x"}, {"y", "z"}};
  EXPECT_EQ(render(t), "a  bb  c\n"
                       "-  --  -\n"
                       "x\n"
                       "y  z\n");
}

TEST(RenderTable, a_table_without_rows_is_its_header_and_rule) {
  Table t;
  t.header = {"指标", "值"};
  EXPECT_EQ(render(t), "指标  值\n"
                       "----  --\n");
}

// ---------------------------------------------------------------------------------------------
// Values and targets as tables show them

TEST(StatusView, format_value_cuts_trailing_zeros_unless_a_precision_is_set) {
  EXPECT_EQ(format_value(2.5), "2.5");
  EXPECT_EQ(format_value(5000), "5000");
  EXPECT_EQ(format_value(1234.5678), "1234.57");
  EXPECT_EQ(format_value(5, 1), "5.0");
  EXPECT_EQ(format_value(0.4, 2), "0.40");
  EXPECT_EQ(format_value(-15), "-15");
  EXPECT_EQ(format_value(-0.001), "0"); // rounds to zero: no sign
}

TEST(StatusView, target_text_shows_each_rule) {
  Target t = support::patents_target();
  EXPECT_EQ(target_text(t), "≥5000 件");
  t.rule = Rule::more_than;
  EXPECT_EQ(target_text(t), ">5000 件");
  t.rule = Rule::at_most;
  EXPECT_EQ(target_text(t), "≤5000 件");
  t.rule = Rule::keep_at_most;
  EXPECT_EQ(target_text(t), "≤5000 件");
  t.rule = Rule::less_than;
  t.precision = 1;
  EXPECT_EQ(target_text(t), "<5000.0 件");
  t.rule = Rule::between;
  t.min = 12;
  t.max = 14;
  t.unit = "%";
  EXPECT_EQ(target_text(t), "12.0..14.0 %");
  EXPECT_EQ(target_text(support::drafted_target()), "done");
}

// ---------------------------------------------------------------------------------------------
// status_table

TEST(StatusTable, chinese_columns_line_up_by_display_width) {
  auto lines = lines_of(status_table(support::demo_status(), Lang::zh));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "demo 示例规划  (评估日期 2019-06-30)");
  // Titles 12 and 16 columns wide (6 and 8 ideographs) come before them, yet the status column
  // (left aligned) starts at one display column and the current value (right aligned) ends at
  // one: the header's, 7 + 16 + 7 + 10 + 8 + 4 + 5 + 4 + 4 + 8 columns and ten gaps of 2 in.
  EXPECT_EQ(column_of(lines[1], "状态"), 93);
  EXPECT_EQ(end_column_of(lines[1], "当前值"), 7 + 2 + 16 + 2 + 7);
  const std::vector<std::string> status{"进度正常", "严重滞后", "已实现"};
  const std::vector<std::string> current{"4400 件", "61.5 %", "done"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(column_of(lines[3 + i], status[i]), 93) << lines[3 + i];
    EXPECT_EQ(end_column_of(lines[3 + i], current[i]), 34) << lines[3 + i];
  }
  // The rule under the header is as wide as each column.
  EXPECT_EQ(lines[2], "-------  ----------------  -------  ----------  --------  ----  -----  ----  ----  "
                      "--------  --------  --------");
}

TEST(StatusTable, chinese_rows_exactly) {
  auto lines = lines_of(status_table(support::demo_status(), Lang::zh));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[1], "指标     名称               当前值  期间          目标值  差距  进度%  比率  预测  "
                      "每年需增  状态      标记");
  EXPECT_EQ(lines[3], "patents  年专利申请量      4400 件  2018        ≥5000 件   600   70.0  1.05  5100"
                      "       300  进度正常");
  EXPECT_EQ(lines[4], "share    高新技术产业占比   61.5 %  2017           ≥70 %   8.5   15.0  0.40  63.2"
                      "      2.83  严重滞后  数据过期");
  EXPECT_EQ(lines[5], "drafted  编制完成专项规划     done  2018-12-05      done     -      -     -     -"
                      "         -  已实现");
}

TEST(StatusTable, english_labels_and_english_titles_where_given) {
  std::string out = status_table(support::demo_status(), Lang::en);
  auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "demo 示例规划  (as of 2019-06-30)");
  EXPECT_EQ(lines[1], "target   title                current  period        target  gap  progress %  ratio  "
                      "forecast  needed/yr  status     flags");
  EXPECT_EQ(lines[3], "patents  Patent applications  4400 件  2018        ≥5000 件  600        70.0   1.05"
                      "      5100        300  on track");
  EXPECT_EQ(lines[4], "share    High-tech share       61.5 %  2017           ≥70 %  8.5        15.0   0.40"
                      "      63.2       2.83  off track  stale");
  // No English title: the Chinese one.
  EXPECT_EQ(lines[5].rfind("drafted  编制完成专项规划  ", 0), 0u) << lines[5];
  EXPECT_THAT(out, Not(HasSubstr("进度正常")));
}

TEST(StatusTable, a_breach_follows_the_status_with_its_period_and_value) {
  Target t = support::share_target();
  t.rule = Rule::keep_at_most;
  t.value = 0;
  assess::Assessment a;
  a.status = assess::Status::breached;
  a.current = 0;
  a.current_period = "2019-05";
  a.first_breach = assess::Breach{"2018-06", 2.5};
  auto out = status_table(status_of({{t, a}}), Lang::zh);
  EXPECT_THAT(out, HasSubstr("  已越限 2018-06:2.5\n")) << out;
  EXPECT_THAT(status_table(status_of({{t, a}}), Lang::en), HasSubstr("  breached 2018-06:2.5\n"));
}

TEST(StatusTable, colour_paints_only_the_status_and_keeps_the_alignment) {
  auto report = support::demo_status();
  std::string plain = status_table(report, Lang::zh);
  std::string coloured = status_table(report, Lang::zh, true);
  EXPECT_THAT(coloured, HasSubstr("\x1b[32m进度正常\x1b[0m\n"));
  EXPECT_THAT(coloured, HasSubstr("\x1b[31m严重滞后\x1b[0m  数据过期\n"));
  EXPECT_THAT(coloured, HasSubstr("\x1b[32m已实现\x1b[0m\n"));
  EXPECT_EQ(without_colors(coloured), plain);
  EXPECT_THAT(plain, Not(HasSubstr("\x1b[")));
}

TEST(StatusTable, status_colours) {
  EXPECT_EQ(status_color(assess::Status::achieved), "\x1b[32m");
  EXPECT_EQ(status_color(assess::Status::at_risk), "\x1b[33m");
  EXPECT_EQ(status_color(assess::Status::missed), "\x1b[31m");
  EXPECT_EQ(status_color(assess::Status::breached), "\x1b[31m");
  EXPECT_EQ(status_color(assess::Status::no_data), "\x1b[2m");
}

TEST(StatusTable, a_plan_without_targets_says_so_and_plans_are_separated_by_a_blank_line) {
  auto report = status_of({});
  auto second = report.plans[0];
  second.plan.id = "other";
  second.plan.title = "另一规划";
  report.plans.push_back(second);
  EXPECT_EQ(status_table(report, Lang::zh), "demo 示例规划  (评估日期 2019-06-30)\n(无指标或任务)\n\n"
                                            "other 另一规划  (评估日期 2019-06-30)\n(无指标或任务)\n");
  EXPECT_EQ(status_table(status_of({}), Lang::en), "demo 示例规划  (as of 2019-06-30)\n(no targets or tasks)\n");
}

// ---------------------------------------------------------------------------------------------
// status_json (SPEC §3)

TEST(StatusJson, every_field_of_a_target_in_order) {
  auto doc = status_json(support::demo_status());
  EXPECT_EQ(doc["as_of"], "2019-06-30");
  EXPECT_EQ(doc["known_at"], "2019-06-30T08:00:00Z");
  ASSERT_EQ(doc["plans"].size(), 1u);
  EXPECT_EQ(doc["plans"][0]["id"], "demo");
  EXPECT_EQ(doc["plans"][0]["title"], "示例规划");
  const auto& t = doc["plans"][0]["targets"][0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : t.items()) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre("ref", "title", "unit", "kind", "rule", "target", "deadline",
                                "baseline", "baseline_date", "current", "current_period",
                                "expected", "ratio", "gap", "shortfall", "progress_pct",
                                "forecast", "needed_per_year", "status", "flags", "first_breach",
                                "responsible", "support", "nature"));
  EXPECT_EQ(t["ref"], "demo/patents");
  EXPECT_EQ(t["kind"], "flow");
  EXPECT_EQ(t["target"], 5000.0);
  EXPECT_EQ(t["baseline"], 3000.0);
  EXPECT_EQ(t["baseline_date"], "2015-12-31");
  EXPECT_EQ(t["current"], 4400.0);
  EXPECT_EQ(t["current_period"], "2018");
  EXPECT_EQ(t["status"], "on_track");
  EXPECT_EQ(t["first_breach"], nullptr);
  EXPECT_EQ(t["responsible"], nlohmann::ordered_json({"区科委", "区知识产权局"}));
  EXPECT_EQ(t["support"], nlohmann::ordered_json::array());
  EXPECT_EQ(t["nature"], "expected");
}

TEST(StatusJson, numbers_at_full_precision_and_absent_values_null) {
  Target t = support::share_target();
  assess::Assessment a = support::share_result();
  a.ratio = 1.0 / 3;
  a.needed_per_year = 2.8333333333333335;
  auto doc = status_json(status_of({{t, a}, {support::drafted_target(), support::drafted_result()}}));
  const auto& share = doc["plans"][0]["targets"][0];
  EXPECT_EQ(share["ratio"].get<double>(), 1.0 / 3);
  EXPECT_EQ(share["needed_per_year"].get<double>(), 2.8333333333333335);
  EXPECT_EQ(share["flags"], nlohmann::ordered_json({"stale"}));
  const auto& drafted = doc["plans"][0]["targets"][1];
  EXPECT_EQ(drafted["target"], nullptr); // a milestone has no target value
  for (auto key : {"baseline", "baseline_date", "expected", "ratio", "gap", "shortfall",
                   "progress_pct", "forecast", "needed_per_year"})
    EXPECT_EQ(drafted[key], nullptr) << key;
  EXPECT_EQ(drafted["current"], 1.0);
}

TEST(StatusJson, a_band_is_a_pair_and_a_breach_an_object) {
  Target band = support::share_target();
  band.rule = Rule::between;
  band.min = 12;
  band.max = 14;
  assess::Assessment a;
  a.status = assess::Status::breached;
  a.first_breach = assess::Breach{"2018-06", 2};
  auto t = status_json(status_of({{band, a}}))["plans"][0]["targets"][0];
  EXPECT_EQ(t["target"], nlohmann::ordered_json({12.0, 14.0}));
  EXPECT_EQ(t["first_breach"], nlohmann::ordered_json({{"period", "2018-06"}, {"value", 2.0}}));
}

} // namespace
} // namespace plantrack::report
