// Unit tests of how the views show the second edition's kinds (SPEC §1 ratio, rank, growth,
// monitor, `value: {ref}`, `clear_within`): `show` (target_view.hpp), `entries`
// (entries_view.hpp), `plan show` (plan_view.hpp), the status table's target column, report
// documents and the SVG chart. Inputs are built by hand (support/kind_inputs.hpp).

#include "audit/completion.hpp"
#include "report/audit_view.hpp"
#include "report/chart.hpp"
#include "report/document.hpp"
#include "report/entries_view.hpp"
#include "report/plan_view.hpp"
#include "report/status_view.hpp"
#include "report/target_view.hpp"
#include "support/kind_inputs.hpp"
#include "support/text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace plantrack::report {
namespace {

using support::ymd;
using testing::HasSubstr;
using testing::Not;

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The cy of the entry circle whose tooltip is `title` ("2017-12-31 5").
double circle_y(const std::string& svg, const std::string& title) {
  std::smatch m;
  std::regex circle("<circle class=\"entry\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\" r=\"3.5\"><title>" +
                    title + "</title>");
  if (!std::regex_search(svg, m, circle)) ADD_FAILURE() << "no point " << title << " in\n" << svg;
  return m.empty() ? 0 : std::stod(m[1]);
}

// The points of the first polyline of `cls`, as (x, y).
std::vector<std::pair<double, double>> polyline(const std::string& svg, const std::string& cls) {
  std::smatch m;
  std::regex line("<polyline class=\"" + cls + "\"[^>]* points=\"([^\"]*)\"");
  std::vector<std::pair<double, double>> out;
  if (!std::regex_search(svg, m, line)) return out;
  std::string points = m[1];
  std::regex pair("([0-9.]+),([0-9.]+)");
  for (std::sregex_iterator it(points.begin(), points.end(), pair), end; it != end; ++it)
    out.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]));
  return out;
}

engine::PlanDetail kinds_plan_detail() {
  return engine::PlanDetail{support::kinds_plan(),
                            support::report_as_of,
                            support::report_known_at,
                            {support::rd_detail(), support::rank_detail(), support::growth_detail(),
                             support::above_avg_detail(), support::visitors_detail(),
                             support::cases_detail()},
                            {},
                            std::string(64, 'a')};
}

// ---------------------------------------------------------------------------------------------
// show PLAN/TARGET

TEST(ShowKinds, a_ratio_lists_its_parts_per_period_and_marks_the_inconsistent_one) {
  std::string out = target_detail_text(support::rd_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("kind: ratio  rule: at_least ≥2.5 %  deadline: 2020-12-31  trajectory: linear\n"
                             "numerator: 研发经费支出 (亿元)\n"
                             "denominator: 地区生产总值 (亿元)\n"
                             "scale: 100\n"));
  // The periods the assessment counted (not 2019, logged but after the as-of date).
  EXPECT_THAT(out, HasSubstr("\nratio and its parts\n"
                             "period  numerator  denominator  computed ratio  logged ratio  flags\n"
                             "------  ---------  -----------  --------------  ------------  ------------\n"
                             "2017      25 亿元    1000 亿元           2.5 %         2.6 %  inconsistent\n"
                             "2018      30 亿元    1100 亿元          2.73 %             -\n"));
}

TEST(ShowKinds, a_ratio_in_chinese) {
  std::string out = target_detail_text(support::rd_detail(), Lang::zh);
  EXPECT_THAT(out, HasSubstr("分子: 研发经费支出 (亿元)\n分母: 地区生产总值 (亿元)\n倍数: 100\n"));
  EXPECT_THAT(out, HasSubstr("\n比值及分项\n"
                             "期间     分子       分母  计算比值  填报比值  标记\n"
                             "----  -------  ---------  --------  --------  ----------\n"
                             "2017  25 亿元  1000 亿元     2.5 %     2.6 %  分项不一致\n"
                             "2018  30 亿元  1100 亿元    2.73 %         -\n"));
}

TEST(ShowKinds, a_rank_lists_each_period_best_first_with_its_rank_and_the_missing_peers) {
  std::string out = target_detail_text(support::rank_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("peers: 海淀, 朝阳, 通州, 大兴 (self: 通州; higher is better; 亿元)\n"));
  EXPECT_THAT(out, HasSubstr("\npeer values (best first)\n"
                             "period  rank  peer           value  missing\n"
                             "------  ----  -----------  -------  ----------\n"
                             "2017       2  海淀         50 亿元\n"
                             "              通州 (self)  45 亿元\n"
                             "              朝阳         40 亿元\n"
                             "              大兴         20 亿元\n"
                             "2018       -  海淀         55 亿元  朝阳, 大兴\n"
                             "              通州 (self)  48 亿元\n"));
  EXPECT_THAT(out, HasSubstr("flags         incomplete peers\n"));
}

TEST(ShowKinds, peers_in_chinese_as_the_assessment_orders_them) {
  auto d = support::rank_detail();
  d.target.peers->better = Better::lower;
  // 大兴 20 is best; 通州 45 has two better (大兴, 朝阳): rank 3.
  d.result.peer_periods = {{"2017", {{"大兴", 20}, {"朝阳", 40}, {"通州", 45}, {"海淀", 50}}, 3, {}},
                           {"2018", {{"通州", 48}, {"海淀", 55}}, std::nullopt, {"朝阳", "大兴"}}};
  std::string out = target_detail_text(d, Lang::zh);
  EXPECT_THAT(out, HasSubstr("期间  排名  对标单位        数值  缺报单位\n"
                             "----  ----  -----------  -------  ----------\n"
                             "2017     3  大兴         20 亿元\n"
                             "            朝阳         40 亿元\n"
                             "            通州 (自身)  45 亿元\n"
                             "            海淀         50 亿元\n"
                             "2018     -  通州 (自身)  48 亿元  朝阳, 大兴\n"
                             "            海淀         55 亿元\n"));
  EXPECT_THAT(out, HasSubstr("数值越低越好"));
}

TEST(ShowKinds, a_growth_names_its_target_and_basis_and_each_rate_with_its_two_amounts) {
  std::string out = target_detail_text(support::growth_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("growth of: demo/gdp 地区生产总值\nbasis: year on year (yoy)\n"));
  EXPECT_THAT(out, HasSubstr("\ngrowth by period\n"
                             "period  growth     amount  compared with  compared amount\n"
                             "------  ------  ---------  -------------  ---------------\n"
                             "2017       8 %  1080 亿元  2016                 1000 亿元\n"
                             "2018       5 %  1134 亿元  2017                 1080 亿元\n"));
  // The rate is required every year: no trajectory points.
  EXPECT_THAT(out, Not(HasSubstr("trajectory points")));
}

TEST(ShowKinds, a_cagr_compares_with_the_baseline_date) {
  auto d = support::growth_detail();
  d.target.basis = GrowthBasis::cagr;
  d.result.growth_sources = {{"2018", 6.5, 1134, "2015-12-31", 940}};
  std::string out = target_detail_text(d, Lang::zh);
  EXPECT_THAT(out, HasSubstr("增速口径: 年均增长 (cagr)\n"));
  EXPECT_THAT(out, HasSubstr("期间   增速       数额  对比期      对比数额\n"
                             "----  -----  ---------  ----------  --------\n"
                             "2018  6.5 %  1134 亿元  2015-12-31  940 亿元\n"));
}

TEST(ShowKinds, a_referenced_value_names_its_target_and_its_value_at_the_current_date) {
  std::string out = target_detail_text(support::above_avg_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("rule: at_least ≥bj/avg %  "));
  EXPECT_THAT(out, HasSubstr("referenced target: bj/avg\n"));
  // v is the referenced target's value at t_c (2018-12-31).
  EXPECT_THAT(out, HasSubstr("referenced value  11 % (2018-12-31)\n"));
  auto unknown = support::above_avg_detail();
  unknown.result.has_target = false;
  unknown.result.reference.clear();
  EXPECT_THAT(target_detail_text(unknown, Lang::en), HasSubstr("referenced value  -\n"));
}

TEST(ShowKinds, a_monitor_has_no_target_gap_or_pace) {
  std::string out = target_detail_text(support::visitors_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("kind: monitor  rule: none  deadline: 2020-12-31\n"));
  EXPECT_THAT(out, HasSubstr("status    monitored\n"));
  EXPECT_THAT(out, HasSubstr("forecast  165 万人次 (2020-12-31)\n"));
  for (auto absent : {"expected", "ratio", "gap", "shortfall", "progress", "needed", "trajectory points"})
    EXPECT_THAT(out, Not(HasSubstr("\n" + std::string(absent)))) << absent;
}

TEST(ShowKinds, clear_within_shows_the_open_exceedance_and_its_deadline) {
  std::string out = target_detail_text(support::cases_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("clear within: 30 days\n"));
  EXPECT_THAT(out, HasSubstr("open exceedance  2019-06 3 件 (clear by 2019-07-30)\n"));
  auto cleared = support::cases_detail();
  cleared.result.open_exceedance.reset();
  cleared.result.clear_by.reset();
  EXPECT_THAT(target_detail_text(cleared, Lang::zh), HasSubstr("未清零超限  -\n"));
}

TEST(ShowKinds, entry_history_shows_the_part_or_the_peer) {
  std::string out = target_detail_text(support::rd_detail(), Lang::en);
  EXPECT_THAT(out, HasSubstr("  part\n"));
  EXPECT_THAT(out, HasSubstr("  numerator\n"));
  EXPECT_THAT(out, HasSubstr("  denominator\n"));
  std::string rank = target_detail_text(support::rank_detail(), Lang::en);
  EXPECT_THAT(rank, HasSubstr("  peer\n"));
  EXPECT_THAT(rank, HasSubstr("  大兴\n"));
}

TEST(ShowKindsJson, definitions_and_what_each_value_came_from) {
  auto rd = target_detail_json(support::rd_detail());
  EXPECT_EQ(rd["scale"], 100);
  EXPECT_EQ(rd["numerator"]["title"], "研发经费支出");
  ASSERT_EQ(rd["ratio_periods"].size(), 2u);
  EXPECT_EQ(rd["ratio_periods"][0]["computed"], 2.5);
  EXPECT_EQ(rd["ratio_periods"][0]["logged"], 2.6);
  EXPECT_EQ(rd["ratio_periods"][0]["inconsistent"], true);
  EXPECT_TRUE(rd["ratio_periods"][1]["logged"].is_null());

  auto rank = target_detail_json(support::rank_detail());
  EXPECT_EQ(rank["peers"]["self"], "通州");
  EXPECT_EQ(rank["peer_periods"][0]["rank"], 2);
  EXPECT_EQ(rank["peer_periods"][0]["values"][1]["peer"], "通州");
  EXPECT_TRUE(rank["peer_periods"][1]["rank"].is_null());
  EXPECT_EQ(rank["peer_periods"][1]["missing"], nlohmann::ordered_json({"朝阳", "大兴"}));

  auto growth = target_detail_json(support::growth_detail());
  EXPECT_EQ(growth["growth_sources"][1],
            nlohmann::ordered_json({{"period", "2018"}, {"growth", 5}, {"amount", 1134},
                            {"base_period", "2017"}, {"base", 1080}}));

  auto ref = target_detail_json(support::above_avg_detail());
  EXPECT_EQ(ref["reference"][2], nlohmann::ordered_json({{"date", "2018-12-31"}, {"value", 11}}));
  EXPECT_EQ(target_detail_json(support::cases_detail())["clear_within"], 30);

  // The first edition's kinds keep their fields.
  auto share = target_detail_json(support::share_detail());
  for (auto key : {"scale", "numerator", "peers", "ratio_periods", "peer_periods",
                   "growth_sources", "reference", "clear_within"})
    EXPECT_FALSE(share.contains(key)) << key;
}

// ---------------------------------------------------------------------------------------------
// entries

TEST(EntriesKinds, part_and_peer_columns_only_when_an_entry_has_one) {
  auto rd = support::rd_detail().entries;
  auto lines = support::lines_of(entries_table(rd, Lang::zh));
  EXPECT_THAT(lines[0], testing::EndsWith("  分项"));
  EXPECT_THAT(lines[2], testing::EndsWith("  分子"));
  EXPECT_THAT(lines[4], testing::EndsWith("  -")); // the ratio logged as such
  auto peers = support::rank_detail().entries;
  EXPECT_THAT(support::lines_of(entries_table(peers, Lang::en))[0], testing::EndsWith("  peer"));
  std::string plain = entries_table(support::share_detail().entries, Lang::en);
  EXPECT_THAT(plain, Not(HasSubstr("part")));
  EXPECT_THAT(plain, Not(HasSubstr("peer")));
}

TEST(EntriesKinds, json_lists_part_and_peer_before_the_action_on_every_row_once_one_has_it) {
  auto rd = entries_json(support::rd_detail().entries);
  EXPECT_EQ(rd[0]["part"], "numerator");
  EXPECT_TRUE(rd[2]["part"].is_null());
  EXPECT_FALSE(rd[0].contains("peer"));
  std::vector<std::string> keys;
  for (auto& [k, v] : rd[2].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "target", "period", "value", "value_text", "unit",
                                            "recorded_at", "recorded_by", "source", "note",
                                            "provisional", "entities", "part", "action", "corrects",
                                            "reason", "replaced_by", "hash"}));
  auto peers = entries_json(support::rank_detail().entries);
  EXPECT_EQ(peers[0]["peer"], "海淀");
  auto plain = entries_json(support::share_detail().entries);
  EXPECT_FALSE(plain[0].contains("part"));
  EXPECT_FALSE(plain[0].contains("peer"));
}

// ---------------------------------------------------------------------------------------------
// plan show, status table

TEST(PlanKinds, plan_show_lists_what_each_kind_defines_under_its_goal) {
  std::string out = plan_text(support::kinds_plan(), Lang::en);
  EXPECT_THAT(out, HasSubstr("  rd  numerator: 研发经费支出 (亿元); denominator: 地区生产总值 (亿元); scale: 100\n"));
  EXPECT_THAT(out, HasSubstr("  rank  peers: 海淀, 朝阳, 通州, 大兴 (self: 通州; higher is better; 亿元)\n"));
  EXPECT_THAT(out, HasSubstr("  gdp-growth  growth of: demo/gdp 地区生产总值; basis: year on year (yoy)\n"));
  EXPECT_THAT(out, HasSubstr("  above-avg  referenced target: bj/avg\n"));
  EXPECT_THAT(out, HasSubstr("  cases  clear within: 30 days\n"));
  // The rule column names the reference, and a monitor's rule is none.
  EXPECT_THAT(out, testing::ContainsRegex("\nabove-avg .* level +at_least bj/avg +% "));
  EXPECT_THAT(out, testing::ContainsRegex("\nvisitors .* monitor +none +万人次 "));
  // The first edition's kinds define nothing more.
  EXPECT_THAT(plan_text(support::demo_plan(), Lang::en), Not(testing::ContainsRegex("\n  [a-z]")));
}

TEST(StatusKinds, target_column_of_a_reference_and_a_monitor) {
  auto ref = support::above_avg_detail();
  EXPECT_EQ(target_cell(ref.target, ref.result), "≥11 % (bj/avg)");
  EXPECT_EQ(target_cell(ref.target, ref.result, "2020-12-31"), "≥11 % (bj/avg, 2020-12-31)");
  ref.result.has_target = false;
  EXPECT_EQ(target_cell(ref.target, ref.result), "≥bj/avg %");
  auto monitor = support::visitors_detail();
  EXPECT_EQ(target_cell(monitor.target, monitor.result, "2020-12-31"), "-");
  auto share = support::share_detail();
  EXPECT_EQ(target_cell(share.target, share.result), target_text(share.target));
  EXPECT_EQ(target_cell(share.target, share.result, "2020-12-31"), "≥70 % (2020-12-31)");
}

TEST(StatusKinds, status_table_rows_of_a_reference_and_a_monitor) {
  engine::PlanAssessment p{support::kinds_plan(), {}, {}};
  for (const auto& d : {support::above_avg_detail(), support::visitors_detail()})
    p.targets.push_back({d.target, d.result});
  std::string table = status_table({support::report_as_of, support::report_known_at, {p}}, Lang::en);
  EXPECT_THAT(table, testing::ContainsRegex("\nabove-avg .* 12.5 %  2018    ≥11 % \\(bj/avg\\)  -1.5 "));
  EXPECT_THAT(table, testing::ContainsRegex("\nvisitors .* 135 万人次  2018 +-  +-  +-  +-  +165  +-  monitored\n"));
}

// ---------------------------------------------------------------------------------------------
// audit completion

TEST(AuditKinds, a_monitor_is_ruled_monitored_whatever_its_data) {
  Plan plan = support::kinds_plan();
  std::vector<Entry> entries = support::visitors_detail().entries;
  for (Date as_of : {ymd(2019, 6, 30), ymd(2021, 6, 30)}) {
    auto audit = audit::audit_completion(plan, entries, as_of, support::report_known_at);
    const auto& visitors = audit.targets[5];
    ASSERT_EQ(visitors.target.id, "visitors");
    EXPECT_EQ(visitors.ruling, audit::Ruling::monitored) << format_date(as_of);
    EXPECT_EQ(visitors.evidence.size(), 2u);
    // Without any entry it is still monitored, not unverifiable.
    EXPECT_EQ(audit::audit_completion(plan, {}, as_of, support::report_known_at).targets[5].ruling,
              audit::Ruling::monitored);
  }
  auto audit = audit::audit_completion(plan, entries, ymd(2021, 6, 30), support::report_known_at);
  EXPECT_THAT(completion_text(audit, Lang::zh, false),
              HasSubstr("visitors 科普场馆参观人次\n-------------------------\n  目标值: -, 期限 2020-12-31\n"
                        "  最终值: 135 万人次 (2018)\n  结论: 监测\n"));
  EXPECT_EQ(completion_json(audit)["targets"][5]["ruling"], "monitored");
  EXPECT_EQ(label(Lang::en, audit::Ruling::monitored), "monitored");
}

TEST(AuditKinds, evidence_names_the_part_or_the_peer) {
  audit::CompletionAudit audit{support::kinds_plan(), support::report_as_of, support::report_known_at, {}, {}};
  audit::TargetAudit rd{support::rd_target(), support::rd_detail().result, audit::Ruling::not_due, {}, {}};
  for (const auto& e : support::rd_detail().entries) rd.evidence.push_back({e, {}});
  audit::TargetAudit rank{support::rank_target(), support::rank_detail().result, audit::Ruling::not_due, {}, {}};
  for (const auto& e : support::rank_detail().entries) rank.evidence.push_back({e, {}});
  audit.targets = {rd, rank};
  std::string text = completion_text(audit, Lang::en, false);
  EXPECT_THAT(text, testing::ContainsRegex("version  part\n"));
  EXPECT_THAT(text, testing::ContainsRegex("\n1 .*  numerator\n"));
  EXPECT_THAT(text, testing::ContainsRegex("version  peer\n"));
  EXPECT_THAT(text, testing::ContainsRegex("\n14 .*  大兴\n"));
  EXPECT_EQ(completion_json(audit)["targets"][1]["evidence"][3]["peer"], "大兴");
}

// ---------------------------------------------------------------------------------------------
// report documents

TEST(ReportKinds, tables_print_a_dash_where_there_is_no_target) {
  std::string md = render_report(kinds_plan_detail(), {}, "md", Lang::en);
  EXPECT_THAT(md, HasSubstr("| visitors | 科普场馆参观人次 | 135 万人次 (2018) | - | - | - | - | 165 | - | monitored |"));
  EXPECT_THAT(md, HasSubstr("| above-avg | 研发人员占比高于全市平均 | 12.5 % (2018) | ≥11 % (bj/avg, 2020-12-31) |"));
  EXPECT_THAT(md, HasSubstr("| monitored | 1 |"));
  std::string csv = render_report(kinds_plan_detail(), {}, "csv", Lang::en);
  EXPECT_THAT(csv, HasSubstr("demo,g1,visitors,科普场馆参观人次,万人次,monitor,none,,2020-12-31,135,"));
  EXPECT_THAT(csv, HasSubstr("demo,g1,above-avg,研发人员占比高于全市平均,%,level,at_least,11,2020-12-31,12.5,"));
}

TEST(ReportKinds, an_open_exceedance_follows_the_status_with_the_date_to_clear_it_by) {
  std::string md = render_report(kinds_plan_detail(), {}, "md", Lang::zh);
  EXPECT_THAT(md, HasSubstr("| 有风险 (2019-06 3, 须清零日期 2019-07-30) |"));
  engine::PlanAssessment p{support::kinds_plan(), {}, {}};
  p.targets.push_back({support::cases_target(), support::cases_detail().result});
  std::string table = status_table({support::report_as_of, support::report_known_at, {p}}, Lang::en);
  EXPECT_THAT(table, HasSubstr("  at risk 2019-06:3 (clear by 2019-07-30)\n"));
}

TEST(ReportKinds, status_and_flag_labels_of_the_new_kinds) {
  std::string zh = render_report(kinds_plan_detail(), {}, "md", Lang::zh);
  EXPECT_THAT(zh, HasSubstr("| 监测 |"));
  EXPECT_THAT(zh, HasSubstr("| 分项不一致 |"));
  EXPECT_THAT(zh, HasSubstr("| 对标数据不全 |"));
}

TEST(ReportKinds, the_legend_explains_the_charts_of_the_kinds_the_plan_has) {
  std::string html = render_report(kinds_plan_detail(), {}, "html", Lang::en);
  EXPECT_THAT(html, HasSubstr("the as-of date. Ranks: the axis is inverted, 1 (the best) at the top. "
                              "Referenced targets: "));
  EXPECT_THAT(html, HasSubstr("Monitored targets have no target line or trajectory."));
  EXPECT_THAT(html, HasSubstr("Growth: the dashed red line"));
  std::string plain = render_report(support::demo_plan_detail(), {}, "html", Lang::zh);
  EXPECT_THAT(plain, HasSubstr("蓝色竖线为评估日期。</p>"));
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 6u);
}

// ---------------------------------------------------------------------------------------------
// the chart

TEST(ChartKinds, a_rank_has_one_at_the_top) {
  auto d = support::rank_detail();
  d.result.series = {{ymd(2016, 12, 31), 5}, {ymd(2017, 12, 31), 1}};
  std::string svg = target_chart(d, Lang::en);
  EXPECT_LT(circle_y(svg, "2017-12-31 1"), circle_y(svg, "2016-12-31 5"));
  // Whole places from 1 (at the top, half a place below the frame) to 5.
  // Values 1 .. 5 padded by 0.5 to 0.5 .. 5.5 over 178 rows: y(1) = 18 + 178 · 0.5/5 = 35.8.
  EXPECT_THAT(svg, HasSubstr("<text class=\"axis end\" x=\"58\" y=\"35.8\">1</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"71.4\">2</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"107.0\">3</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"142.6\">4</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"178.2\">5</text>\n"));
  // The target, rank 3 at most, sits between.
  EXPECT_THAT(svg, HasSubstr("<line class=\"target\" x1=\"64\" y1=\"107.0\" x2=\"616\" y2=\"107.0\"/>"));
}

TEST(ChartKinds, a_rank_forecast_better_than_first_is_drawn_at_first) {
  auto d = support::rank_detail();
  d.result.series = {{ymd(2016, 12, 31), 3}, {ymd(2017, 12, 31), 2}};
  d.result.forecast = -0.7;
  std::string svg = target_chart(d, Lang::en);
  // Places 1 .. 3 padded to 0.5 .. 3.5: y(1) = 18 + 178 · 0.5/3 = 47.7.
  EXPECT_THAT(svg, HasSubstr("x2=\"616.0\" y2=\"47.7\"><title>forecast -0.7</title>"));
}

TEST(ChartKinds, many_places_get_at_most_six_labels) {
  auto d = support::rank_detail();
  d.result.series = {{ymd(2016, 12, 31), 16}, {ymd(2017, 12, 31), 2}};
  std::string svg = target_chart(d, Lang::en);
  EXPECT_EQ(count(svg, "<text class=\"axis end\" x=\"58\""), 6u); // 1, 4, 7, 10, 13, 16
  EXPECT_THAT(svg, HasSubstr(">16</text>"));
}

TEST(ChartKinds, a_referenced_target_is_a_step_line_following_the_referenced_values) {
  std::string svg = target_chart(support::above_avg_detail(), Lang::en);
  EXPECT_EQ(count(svg, "<line class=\"target\""), 0u);
  auto step = polyline(svg, "target");
  // From each referenced value level to the next date, then up or down to the next value, and
  // level from the last one to the right edge: 10 (2016), 12 (2017), 11 (2018).
  ASSERT_EQ(step.size(), 6u);
  EXPECT_EQ(step[1].first, step[2].first);
  EXPECT_EQ(step[0].second, step[1].second);
  EXPECT_EQ(step[3].first, step[4].first);
  EXPECT_EQ(step[2].second, step[3].second);
  EXPECT_EQ(step[4].second, step[5].second);
  EXPECT_EQ(step[5].first, 616.0);
  EXPECT_LT(step[2].second, step[0].second); // 12 above 10
  EXPECT_LT(step[2].second, step[4].second); // 12 above 11
  EXPECT_THAT(svg, HasSubstr("<polyline class=\"target\" fill=\"none\" points=\""));
  EXPECT_THAT(svg, HasSubstr(">≥bj/avg %</text>"));
}

TEST(ChartKinds, a_referenced_target_without_values_has_no_target_line) {
  auto d = support::above_avg_detail();
  d.result.reference.clear();
  d.result.has_target = false;
  d.trajectory.clear();
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, Not(HasSubstr("class=\"target\"")));
  EXPECT_THAT(svg, HasSubstr("<polyline class=\"actual\""));
}

TEST(ChartKinds, a_monitor_has_no_target_line_nor_trajectory) {
  auto d = support::visitors_detail();
  // Even were a trajectory given, a monitor has nothing to head for.
  d.trajectory = {{ymd(2017, 12, 31), 120, assess::PointKind::baseline},
                  {ymd(2020, 12, 31), 0, assess::PointKind::target}};
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, Not(HasSubstr("class=\"target\"")));
  EXPECT_THAT(svg, Not(HasSubstr("class=\"trajectory\"")));
  EXPECT_THAT(svg, HasSubstr("<polyline class=\"actual\""));
  EXPECT_THAT(svg, HasSubstr("class=\"forecast\""));
  // The axis spans the values drawn, not a target of 0: 120 .. 165.
  EXPECT_THAT(svg, HasSubstr(">165</text>"));
  EXPECT_THAT(svg, HasSubstr(">120</text>"));
}

TEST(ChartKinds, a_growth_rate_has_its_flat_target_line_and_no_trajectory) {
  auto d = support::growth_detail();
  d.trajectory = {{ymd(2017, 12, 31), 8, assess::PointKind::baseline},
                  {ymd(2020, 12, 31), 6, assess::PointKind::target}};
  std::string svg = target_chart(d, Lang::en);
  EXPECT_EQ(count(svg, "<line class=\"target\""), 1u);
  EXPECT_THAT(svg, HasSubstr(">≥6 %</text>"));
  EXPECT_THAT(svg, Not(HasSubstr("class=\"trajectory\"")));
}

} // namespace
} // namespace plantrack::report
