// Unit tests of the SVG chart of one numeric target (chart.hpp, in HTML reports): the axes, the
// points placed by date and value, the target line or band, the trajectory with its milestones,
// the forecast, corrected and superseded entries, and escaping.
//
// The plot area is x 64..616 and y 18..196 (640 × 230 less the margins); values are padded by
// 8% of their range, so the highest value drawn sits at y = 18 + 178 · 0.08/1.16 = 30.3 and the
// lowest at y = 196 − 12.3 = 183.7, whatever the range.

#include "report/chart.hpp"
#include "support/report_inputs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

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

// share (60 at the end of 2015 to at least 70 by 2020) with 61.5 logged for 2017 and then
// corrected (entry 2) to 62, or retracted (entry 2) when `retract`.
engine::TargetDetail share_with_a_replaced_entry(bool retract) {
  auto d = support::share_detail();
  auto logged = support::demo_entry(1, "share", "2017", 61.5, "61.5", "%");
  auto replacing = retract ? support::demo_replacement(2, logged, 0, "", "重复录入")
                           : support::demo_replacement(2, logged, 62, "62", "年报修订");
  d.entries = {logged, replacing};
  d.result.series = {{ymd(2015, 12, 31), 60}};
  if (!retract) d.result.series.push_back({ymd(2017, 12, 31), 62});
  return d;
}

// ---------------------------------------------------------------------------------------------

TEST(ReportChart, patents_chart_exactly) {
  // Dates 2015-12-31 .. 2020-12-31 (1827 days) over 552 columns; values 3000 .. 5100 (the
  // forecast) padded by 168 to 2832 .. 5268 over 178 rows. 2017-12-31 is day 731:
  // x = 64 + 552 · 731/1827 = 284.9; 3900 is y = 18 + 178 · (5268 − 3900)/2436 = 118.0.
  EXPECT_EQ(target_chart(support::patents_detail(), Lang::en),
            "<svg class=\"chart\" data-target=\"demo/patents\" xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"0 0 640 230\" width=\"640\" height=\"230\" role=\"img\">\n"
            "<title>Patent applications</title>\n"
            "<rect class=\"frame\" x=\"64\" y=\"18\" width=\"552\" height=\"178\"/>\n"
            "<text class=\"axis\" x=\"64\" y=\"218\">2015-12-31</text>\n"
            "<text class=\"axis end\" x=\"616\" y=\"218\">2020-12-31</text>\n"
            "<text class=\"axis end\" x=\"58\" y=\"30.3\">5100</text>\n"
            "<text class=\"axis end\" x=\"58\" y=\"183.7\">3000</text>\n"
            "<line class=\"target\" x1=\"64\" y1=\"37.6\" x2=\"616\" y2=\"37.6\"/>\n"
            "<text class=\"label\" x=\"612\" y=\"33.6\">≥5000 件</text>\n"
            "<line class=\"asof\" x1=\"449.8\" y1=\"18\" x2=\"449.8\" y2=\"196\"/>\n"
            "<text class=\"label\" x=\"452.8\" y=\"28\">2019-06-30</text>\n"
            "<polyline class=\"trajectory\" points=\"64.0,183.7 616.0,37.6\"/>\n"
            "<rect class=\"baseline\" x=\"60.0\" y=\"179.7\" width=\"8\" height=\"8\"><title>baseline "
            "2015-12-31 3000</title></rect>\n"
            "<line class=\"forecast\" x1=\"395.1\" y1=\"81.4\" x2=\"616.0\" y2=\"30.3\"><title>forecast "
            "5100</title></line>\n"
            "<polyline class=\"actual\" points=\"64.0,183.7 284.9,118.0 395.1,81.4\"/>\n"
            "<circle class=\"entry\" cx=\"64.0\" cy=\"183.7\" r=\"3.5\"><title>2015-12-31 3000</title></circle>\n"
            "<circle class=\"entry\" cx=\"284.9\" cy=\"118.0\" r=\"3.5\"><title>2017-12-31 3900</title></circle>\n"
            "<circle class=\"entry\" cx=\"395.1\" cy=\"81.4\" r=\"3.5\"><title>2018-12-31 4400</title></circle>\n"
            "</svg>\n");
}

TEST(ReportChart, y_axis_is_labelled_with_the_lowest_and_highest_value_drawn) {
  auto d = support::patents_detail();
  d.result.forecast.reset(); // now the target, 5000, is the highest value
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, HasSubstr("<text class=\"axis end\" x=\"58\" y=\"30.3\">5000</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"183.7\">3000</text>\n"));
  EXPECT_THAT(svg, HasSubstr("<line class=\"target\" x1=\"64\" y1=\"30.3\" x2=\"616\" y2=\"30.3\"/>"));
  EXPECT_THAT(svg, Not(HasSubstr("class=\"forecast\"")));
  // A precision applies to the axis labels too.
  d.target.precision = 1;
  EXPECT_THAT(target_chart(d, Lang::en), HasSubstr(">5000.0</text>\n<text class=\"axis end\" x=\"58\" y=\"183.7\">3000.0</text>"));
}

TEST(ReportChart, x_axis_spans_every_date_drawn) {
  auto d = support::patents_detail();
  d.as_of = ymd(2021, 6, 30); // after the deadline: the as-of line is the right end
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, HasSubstr("<text class=\"axis end\" x=\"616\" y=\"218\">2021-06-30</text>"));
  EXPECT_THAT(svg, HasSubstr("<line class=\"asof\" x1=\"616.0\" y1=\"18\" x2=\"616.0\" y2=\"196\"/>"));
}

TEST(ReportChart, trajectory_milestones_are_diamonds_on_the_line) {
  auto d = support::patents_detail();
  d.trajectory.insert(d.trajectory.begin() + 1, {ymd(2018, 12, 31), 4500, assess::PointKind::milestone});
  // 2018-12-31 is day 1096: x = 64 + 552 · 1096/1827 = 395.1; y(4500) = 18 + 178 · 768/2436 = 74.1.
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, HasSubstr("<polyline class=\"trajectory\" points=\"64.0,183.7 395.1,74.1 616.0,37.6\"/>"));
  EXPECT_THAT(svg, HasSubstr("<rect class=\"milestone\" x=\"391.6\" y=\"70.6\" width=\"7\" height=\"7\" "
                             "transform=\"rotate(45 395.1 74.1)\"><title>2018-12-31 4500</title></rect>"));
  EXPECT_EQ(count(svg, "class=\"milestone\""), 1u);
}

TEST(ReportChart, a_band_draws_both_bounds) {
  auto d = support::share_detail();
  d.target.rule = Rule::between;
  d.target.min = 62;
  d.target.max = 70;
  d.result.target_value = 62;
  d.result.forecast.reset();
  // Values 60 .. 70 padded to 59.2 .. 70.8: y(62) = 18 + 178 · 8.8/11.6 = 153.0.
  std::string svg = target_chart(d, Lang::en);
  EXPECT_EQ(count(svg, "<line class=\"target\""), 2u);
  EXPECT_THAT(svg, HasSubstr("<line class=\"target\" x1=\"64\" y1=\"153.0\" x2=\"616\" y2=\"153.0\"/>\n"
                             "<text class=\"label\" x=\"612\" y=\"149.0\">62..70 %</text>\n"
                             "<line class=\"target\" x1=\"64\" y1=\"30.3\" x2=\"616\" y2=\"30.3\"/>\n"));
}

TEST(ReportChart, a_corrected_value_is_ringed_and_the_superseded_one_hollow) {
  // Values 60 .. 70 padded to 59.2 .. 70.8: y(62) = 153.0, y(61.5) = 18 + 178 · 9.3/11.6 = 160.7.
  std::string svg = target_chart(share_with_a_replaced_entry(false), Lang::en);
  EXPECT_THAT(svg, HasSubstr("<circle class=\"entry corrected\" cx=\"284.9\" cy=\"153.0\" r=\"3.5\">"
                             "<title>2017-12-31 62 (corrected)</title></circle>\n"
                             "<circle class=\"ring\" cx=\"284.9\" cy=\"153.0\" r=\"6.5\"/>\n"));
  EXPECT_THAT(svg, HasSubstr("<circle class=\"superseded\" cx=\"284.9\" cy=\"160.7\" r=\"3.5\">"
                             "<title>#1 2017 61.5 (superseded)</title></circle>\n"));
  EXPECT_THAT(svg, HasSubstr("<circle class=\"entry\" cx=\"64.0\" cy=\"183.7\" r=\"3.5\">"));
  EXPECT_EQ(count(svg, "class=\"ring\""), 1u);
}

TEST(ReportChart, a_retracted_value_is_hollow_and_the_retraction_not_drawn) {
  std::string svg = target_chart(share_with_a_replaced_entry(true), Lang::en);
  EXPECT_EQ(count(svg, "<circle class=\"superseded\""), 1u);
  EXPECT_THAT(svg, HasSubstr("<title>#1 2017 61.5 (superseded)</title>"));
  EXPECT_THAT(svg, Not(HasSubstr("corrected")));
  EXPECT_THAT(svg, Not(HasSubstr("#2")));
  EXPECT_THAT(svg, Not(HasSubstr("class=\"actual\""))); // one point in force: no line
}

TEST(ReportChart, superseded_running_totals_are_not_drawn) {
  // A cumulative target's entries are amounts, not points of its running total.
  auto d = share_with_a_replaced_entry(false);
  d.target.kind = Kind::cumulative;
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, Not(HasSubstr("superseded")));
  EXPECT_THAT(svg, HasSubstr("<circle class=\"entry corrected\""));
}

TEST(ReportChart, no_forecast_line_once_the_current_value_is_at_the_deadline) {
  auto d = support::patents_detail();
  d.result.current_date = d.target.deadline;
  EXPECT_THAT(target_chart(d, Lang::en), Not(HasSubstr("class=\"forecast\"")));
}

TEST(ReportChart, equal_values_still_get_a_finite_scale) {
  // keep_at_most 0 with only zeros: the range is padded by 1 on each side, 0 sits in the middle.
  auto d = support::detail_of(support::share_target(), {});
  d.target.rule = Rule::keep_at_most;
  d.target.value = 0;
  d.target.baseline.reset();
  d.result.status = assess::Status::on_track;
  d.result.series = {{ymd(2017, 12, 31), 0}, {ymd(2018, 12, 31), 0}};
  std::string svg = target_chart(d, Lang::en);
  for (auto bad : {"nan", "inf"}) EXPECT_THAT(svg, Not(HasSubstr(bad))) << bad;
  // Dates 2017-12-31 .. 2020-12-31 (1096 days): 2018-12-31 is x = 64 + 552 · 365/1096 = 247.8.
  EXPECT_THAT(svg, HasSubstr("<polyline class=\"actual\" points=\"64.0,107.0 247.8,107.0\"/>"));
  EXPECT_THAT(svg, HasSubstr("<text class=\"axis end\" x=\"58\" y=\"107.0\">0</text>\n"
                             "<text class=\"axis end\" x=\"58\" y=\"107.0\">0</text>\n"));
}

TEST(ReportChart, hostile_text_is_escaped) {
  auto d = share_with_a_replaced_entry(false);
  d.plan.id = "a\"b";
  d.target.title = "</title><script>alert(1)</script>";
  d.target.unit = "<%>";
  d.entries[0].value_text = "61.5<b>";
  d.target.title_en.clear(); // the English chart shows the Chinese title when there is no other
  std::string svg = target_chart(d, Lang::en);
  EXPECT_THAT(svg, HasSubstr("data-target=\"a&quot;b/share\""));
  EXPECT_THAT(svg, HasSubstr("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  EXPECT_THAT(svg, HasSubstr(">≥70 &lt;%&gt;</text>"));
  EXPECT_THAT(svg, HasSubstr("<title>#1 2017 61.5&lt;b&gt; (superseded)</title>"));
  EXPECT_THAT(svg, Not(HasSubstr("<script")));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
}

TEST(Chart, tooltips_are_in_the_report_language) {
  std::string zh = target_chart(share_with_a_replaced_entry(false), Lang::zh);
  EXPECT_THAT(zh, HasSubstr("(已更正)</title>"));
  EXPECT_THAT(zh, HasSubstr("<title>#1 2017 61.5 (已被替代)</title>"));
  EXPECT_THAT(zh, Not(HasSubstr("corrected)")));
  EXPECT_THAT(zh, Not(HasSubstr("superseded)")));
  std::string patents = target_chart(support::patents_detail(), Lang::zh);
  EXPECT_THAT(patents, HasSubstr("<title>基线 "));
  EXPECT_THAT(patents, HasSubstr("<title>预测 "));
}

} // namespace
} // namespace plantrack::report
