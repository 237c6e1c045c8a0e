// End-to-end tests of how the views show the second edition's kinds (SPEC §1 ratio, rank,
// growth, monitor, `value: {ref}`, clear_within): `show` and `entries` with a ratio's parts and
// a rank's peers, `plan show`, `status`, reports and `audit completion` of a monitor, and a
// growth rate and a referenced value read from other targets: exact stdout, stderr and exit
// code.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <tuple>
#include <utility>

using plantrack::testing::Cli;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// As of 2019-06-30 (the harness's today), cadence year:
//   rd        ratio of R&D spending over GDP, ≥2.5 % by 2020: 2017 parts 25/1000 with 2.6 %
//             logged (inconsistent), 2018 parts 30/1100
//   rank      GDP rank among four districts, at most 3rd: 2017 complete (通州 2nd), 2018 only
//             海淀 and 通州
//   visitors  monitored: 120 and 135 万人次
//   cases     keep_at_most 0 with clear_within 30: 3 in 2019-06, to clear by 2019-07-30
const std::string kinds_plan = plantrack::support::test_plan_header("kinds", "新类型示例") +
                               R"(  - id: rd
    title: 研发投入强度
    goal: g
    kind: ratio
    unit: "%"
    rule: at_least
    value: 2.5
    deadline: 2020-12-31
    baseline: {value: 2.0, date: 2015-12-31}
    numerator: {title: 研发经费支出, unit: 亿元}
    denominator: {title: 地区生产总值, unit: 亿元}
    responsible: [区科委]
  - id: rank
    title: 地区生产总值排名
    goal: g
    kind: rank
    unit: 名
    rule: at_most
    value: 3
    deadline: 2020-12-31
    peers: {self: 通州, among: [海淀, 朝阳, 通州, 大兴], better: higher, unit: 亿元}
    responsible: [区发改委]
  - id: visitors
    title: 科普场馆参观人次
    goal: g
    kind: monitor
    unit: 万人次
    rule: none
    deadline: 2020-12-31
    responsible: [区科协]
  - id: cases
    title: 安全生产事故
    goal: g
    kind: level
    unit: 件
    rule: keep_at_most
    value: 0
    clear_within: 30
    deadline: 2020-12-31
    responsible: [区应急局]
)";

struct KindViews : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("kinds.yaml", kinds_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    log({"kinds/rd:numerator", "25", "--period", "2017"});              // 1
    log({"kinds/rd:denominator", "1000", "--period", "2017"});          // 2
    log({"kinds/rd", "2.6", "--period", "2017"});                       // 3
    log({"kinds/rd:numerator", "30", "--period", "2018"});              // 4
    log({"kinds/rd:denominator", "1100", "--period", "2018"});          // 5
    log({"kinds/rank", "50", "--period", "2017", "--peer", "海淀"});    // 6
    log({"kinds/rank", "40", "--period", "2017", "--peer", "朝阳"});    // 7
    log({"kinds/rank", "45", "--period", "2017", "--peer", "通州"});    // 8
    log({"kinds/rank", "20", "--period", "2017", "--peer", "大兴"});    // 9
    log({"kinds/rank", "55", "--period", "2018", "--peer", "海淀"});    // 10
    log({"kinds/rank", "48", "--period", "2018", "--peer", "通州"});    // 11
    log({"kinds/visitors", "120", "--period", "2017"});                 // 12
    log({"kinds/visitors", "135", "--period", "2018"});                 // 13
    log({"kinds/cases", "0", "--period", "2019-05"});                   // 14
    log({"kinds/cases", "3", "--period", "2019-06"});                   // 15
  }
  void log(std::vector<std::string> args) {
    args.insert(args.begin(), "log");
    auto r = cli.run(args);
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// show

TEST_F(KindViews, show_ratio_lists_its_parts_per_period) {
  auto r = cli.run({"--lang", "en", "show", "kinds/rd"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "kinds/rd  研发投入强度\n"
            "kind: ratio  rule: at_least ≥2.5 %  deadline: 2020-12-31  trajectory: linear\n"
            "numerator: 研发经费支出 (亿元)\n"
            "denominator: 地区生产总值 (亿元)\n"
            "scale: 100\n"
            "goal: [g] 目标一\n"
            "responsible: 区科委\n"
            "nature: expected\n"
            "source clause: 测试文件\n"
            "\n"
            "assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))\n"
            "item          value\n"
            "------------  -------------------\n"
            "status        achieved\n"
            "flags         inconsistent\n"
            "baseline      2 % (2015-12-31)\n"
            "current       2.73 % (2018)\n"
            "expected      2.3 %\n"
            "expected now  2.35 %\n"
            "ratio         2.425\n"
            "gap           -0.23 %\n"
            "shortfall     0 %\n"
            "progress %    145.5\n"
            "forecast      3.22 % (2020-12-31)\n"
            "needed/yr     -0.11 %\n"
            "\n"
            "ratio and its parts\n"
            "period  numerator  denominator  computed ratio  logged ratio  flags\n"
            "------  ---------  -----------  --------------  ------------  ------------\n"
            "2017      25 亿元    1000 亿元           2.5 %         2.6 %  inconsistent\n"
            "2018      30 亿元    1100 亿元          2.73 %             -\n"
            "\n"
            "trajectory points\n"
            "date        value  point\n"
            "----------  -----  --------\n"
            "2015-12-31      2  baseline\n"
            "2020-12-31    2.5  target\n"
            "\n"
            "entries (5)\n"
            "id  target    period  value  version  recorded at               recorded by  source  note  part\n"
            "--  --------  ------  -----  -------  ------------------------  -----------  ------  ----  -----------\n"
            " 1  kinds/rd  2017       25  -        2019-06-30 16:00 (+0800)  tester                     numerator\n"
            " 2  kinds/rd  2017     1000  -        2019-06-30 16:00 (+0800)  tester                     denominator\n"
            " 3  kinds/rd  2017      2.6  -        2019-06-30 16:00 (+0800)  tester                     -\n"
            " 4  kinds/rd  2018       30  -        2019-06-30 16:00 (+0800)  tester                     numerator\n"
            " 5  kinds/rd  2018     1100  -        2019-06-30 16:00 (+0800)  tester                     denominator\n");
}

TEST_F(KindViews, show_rank_lists_the_peers_best_first_and_who_is_missing) {
  auto r = cli.run({"--lang", "zh", "show", "kinds/rank"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "kinds/rank  地区生产总值排名\n"
            "类型: rank  规则: at_most ≤3 名  期限: 2020-12-31  轨迹: linear\n"
            "对标范围: 海淀, 朝阳, 通州, 大兴 (自身: 通州; 数值越高越好; 亿元)\n"
            "目标: [g] 目标一\n"
            "责任单位: 区发改委\n"
            "指标性质: 预期性\n"
            "原文: 测试文件\n"
            "\n"
            "评估 截至 2019-06-30 (数据截至 2019-06-30 16:00 (+0800))\n"
            "项目        数值\n"
            "----------  -----------------\n"
            "状态        已实现\n"
            "标记        对标数据不全\n"
            "基线        2 名 (2017-12-31)\n"
            "当前值      2 名 (2017)\n"
            "应达值      3 名\n"
            "当前应达值  3 名\n"
            "比率        1.000\n"
            "差距        1 名\n"
            "缺口        0 名\n"
            "进度%       -\n"
            "预测        -\n"
            "每年需增    0.33 名\n"
            "\n"
            "对标数值(由优到劣)\n"
            "期间  排名  对标单位        数值  缺报单位\n"
            "----  ----  -----------  -------  ----------\n"
            "2017     2  海淀         50 亿元\n"
            "            通州 (自身)  45 亿元\n"
            "            朝阳         40 亿元\n"
            "            大兴         20 亿元\n"
            "2018     -  海淀         55 亿元  朝阳, 大兴\n"
            "            通州 (自身)  48 亿元\n"
            "\n"
            "轨迹点\n"
            "日期        数值  类别\n"
            "----------  ----  --------\n"
            "2017-12-31     2  baseline\n"
            "2020-12-31     3  target\n"
            "\n"
            "记录 (6)\n"
            "编号  指标        期间  数值  版本  记录时间                  记录人  来源  备注  对标单位\n"
            "----  ----------  ----  ----  ----  ------------------------  ------  ----  ----  --------\n"
            "   6  kinds/rank  2017    50  -     2019-06-30 16:00 (+0800)  tester              海淀\n"
            "   7  kinds/rank  2017    40  -     2019-06-30 16:00 (+0800)  tester              朝阳\n"
            "   8  kinds/rank  2017    45  -     2019-06-30 16:00 (+0800)  tester              通州\n"
            "   9  kinds/rank  2017    20  -     2019-06-30 16:00 (+0800)  tester              大兴\n"
            "  10  kinds/rank  2018    55  -     2019-06-30 16:00 (+0800)  tester              海淀\n"
            "  11  kinds/rank  2018    48  -     2019-06-30 16:00 (+0800)  tester              通州\n");
}

TEST_F(KindViews, show_monitor_has_no_target_lines) {
  auto r = cli.run({"--lang", "en", "show", "kinds/visitors"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "kinds/visitors  科普场馆参观人次\n"
            "kind: monitor  rule: none  deadline: 2020-12-31\n"
            "goal: [g] 目标一\n"
            "responsible: 区科协\n"
            "nature: expected\n"
            "source clause: 测试文件\n"
            "\n"
            "assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))\n"
            "item      value\n"
            "--------  --------------------------\n"
            "status    monitored\n"
            "flags     -\n"
            "baseline  120 万人次 (2017-12-31)\n"
            "current   135 万人次 (2018)\n"
            "forecast  165.04 万人次 (2020-12-31)\n"
            "\n"
            "entries (2)\n"
            "id  target          period  value  version  recorded at               recorded by  source  note\n"
            "--  --------------  ------  -----  -------  ------------------------  -----------  ------  ----\n"
            "12  kinds/visitors  2017      120  -        2019-06-30 16:00 (+0800)  tester\n"
            "13  kinds/visitors  2018      135  -        2019-06-30 16:00 (+0800)  tester\n");
}

TEST_F(KindViews, show_clear_within_gives_the_open_exceedance) {
  auto r = cli.run({"--lang", "en", "show", "kinds/cases"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("clear within: 30 days\n"));
  EXPECT_THAT(r.out, HasSubstr("open exceedance  2019-06 3 件 (clear by 2019-07-30)\n"));
}

TEST_F(KindViews, show_a_part_of_an_unknown_target_is_refused) {
  auto r = cli.run({"show", "kinds/rdx"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "plantrack: error: plan 'kinds' has no target or task 'rdx'; did you mean 'kinds/rd'?\n");
}

// ---------------------------------------------------------------------------------------------
// entries

TEST_F(KindViews, entries_table_has_part_and_peer_columns) {
  auto r = cli.run({"--lang", "zh", "entries", "kinds/rd"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "编号  指标      期间  数值  版本  记录时间                  记录人  来源  备注  分项\n"
            "----  --------  ----  ----  ----  ------------------------  ------  ----  ----  ----\n"
            "   1  kinds/rd  2017    25  -     2019-06-30 16:00 (+0800)  tester              分子\n"
            "   2  kinds/rd  2017  1000  -     2019-06-30 16:00 (+0800)  tester              分母\n"
            "   3  kinds/rd  2017   2.6  -     2019-06-30 16:00 (+0800)  tester              -\n"
            "   4  kinds/rd  2018    30  -     2019-06-30 16:00 (+0800)  tester              分子\n"
            "   5  kinds/rd  2018  1100  -     2019-06-30 16:00 (+0800)  tester              分母\n");
  r = cli.run({"--lang", "en", "entries", "kinds/rank"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "id  target      period  value  version  recorded at               recorded by  source  note  peer\n"
            "--  ----------  ------  -----  -------  ------------------------  -----------  ------  ----  ----\n"
            " 6  kinds/rank  2017       50  -        2019-06-30 16:00 (+0800)  tester                     海淀\n"
            " 7  kinds/rank  2017       40  -        2019-06-30 16:00 (+0800)  tester                     朝阳\n"
            " 8  kinds/rank  2017       45  -        2019-06-30 16:00 (+0800)  tester                     通州\n"
            " 9  kinds/rank  2017       20  -        2019-06-30 16:00 (+0800)  tester                     大兴\n"
            "10  kinds/rank  2018       55  -        2019-06-30 16:00 (+0800)  tester                     海淀\n"
            "11  kinds/rank  2018       48  -        2019-06-30 16:00 (+0800)  tester                     通州\n");
}

TEST_F(KindViews, entries_json_has_part_and_peer) {
  auto r = cli.run({"--format", "json", "entries", "kinds"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  ASSERT_EQ(doc.size(), 15u);
  EXPECT_EQ(doc[0]["part"], "numerator");
  EXPECT_EQ(doc[1]["part"], "denominator");
  EXPECT_EQ(doc[2]["part"], nullptr);
  EXPECT_EQ(doc[0]["peer"], nullptr);
  EXPECT_EQ(doc[5]["peer"], "海淀");
  EXPECT_EQ(doc[5]["part"], nullptr);
}

TEST_F(KindViews, entries_of_an_unknown_plan_is_refused) {
  auto r = cli.run({"entries", "kindz"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("plantrack: error: "));
}

// ---------------------------------------------------------------------------------------------
// plan show, status, audit completion

TEST_F(KindViews, plan_show_lists_what_each_kind_defines) {
  auto r = cli.run({"--lang", "en", "plan", "show", "kinds"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "kinds  新类型示例\n"
            "issuer: 测试区政府  (测试区)\n"
            "period: 2016-01-01..2020-12-31  cadence: year\n"
            "source: 测试文件 (2016-01-01)\n"
            "\n"
            "[g] 目标一\n"
            "id        title             kind     rule            unit    deadline    responsible  support\n"
            "--------  ----------------  -------  --------------  ------  ----------  -----------  -------\n"
            "rd        研发投入强度      ratio    at_least 2.5    %       2020-12-31  区科委\n"
            "rank      地区生产总值排名  rank     at_most 3       名      2020-12-31  区发改委\n"
            "visitors  科普场馆参观人次  monitor  none            万人次  2020-12-31  区科协\n"
            "cases     安全生产事故      level    keep_at_most 0  件      2020-12-31  区应急局\n"
            "  rd  numerator: 研发经费支出 (亿元); denominator: 地区生产总值 (亿元); scale: 100\n"
            "  rank  peers: 海淀, 朝阳, 通州, 大兴 (self: 通州; higher is better; 亿元)\n"
            "  cases  clear within: 30 days\n");
}

TEST_F(KindViews, status_table_shows_a_monitor_without_target_and_an_open_exceedance) {
  auto r = cli.run({"--lang", "en", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "kinds 新类型示例  (as of 2019-06-30)\n"
            "target    title                current  period   target    gap  progress %  ratio  forecast  needed/yr  status                                   flags\n"
            "--------  ----------------  ----------  -------  ------  -----  ----------  -----  --------  ---------  ---------------------------------------  ----------------\n"
            "rd        研发投入强度          2.73 %  2018     ≥2.5 %  -0.23       145.5   2.42      3.22      -0.11  achieved                                 inconsistent\n"
            "rank      地区生产总值排名        2 名  2017      ≤3 名      1           -   1.00         -       0.33  achieved                                 incomplete peers\n"
            "visitors  科普场馆参观人次  135 万人次  2018          -      -           -      -    165.04          -  monitored\n"
            "cases     安全生产事故            3 件  2019-06   ≤0 件     -3           -  -1.00        58      -1.99  at risk 2019-06:3 (clear by 2019-07-30)\n");
}

TEST_F(KindViews, audit_completion_rules_a_monitor_monitored) {
  auto r = cli.run({"--lang", "en", "--as-of", "2021-06-30", "audit", "completion", "kinds"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Completion audit kinds 新类型示例\n"
            "=================================\n"
            "  as of: 2021-06-30\n"
            "  known at: 2019-06-30 16:00 (+0800)\n"
            "\n"
            "rd 研发投入强度\n"
            "---------------\n"
            "  target: ≥2.5 %, deadline 2020-12-31\n"
            "  final value: 2.73 % (2018)\n"
            "  ruling: unverifiable\n"
            "  flags: final data missing, inconsistent\n"
            "id  period  value  source  recorded by  recorded at               version  part\n"
            "--  ------  -----  ------  -----------  ------------------------  -------  -----------\n"
            "1   2017    25     -       tester       2019-06-30 16:00 (+0800)  -        numerator\n"
            "2   2017    1000   -       tester       2019-06-30 16:00 (+0800)  -        denominator\n"
            "3   2017    2.6    -       tester       2019-06-30 16:00 (+0800)  -        -\n"
            "4   2018    30     -       tester       2019-06-30 16:00 (+0800)  -        numerator\n"
            "5   2018    1100   -       tester       2019-06-30 16:00 (+0800)  -        denominator\n"
            "\n"
            "rank 地区生产总值排名\n"
            "---------------------\n"
            "  target: ≤3 名, deadline 2020-12-31\n"
            "  final value: 2 名 (2017)\n"
            "  ruling: unverifiable\n"
            "  flags: final data missing, incomplete peers\n"
            "id  period  value  source  recorded by  recorded at               version  peer\n"
            "--  ------  -----  ------  -----------  ------------------------  -------  ----\n"
            "6   2017    50     -       tester       2019-06-30 16:00 (+0800)  -        海淀\n"
            "7   2017    40     -       tester       2019-06-30 16:00 (+0800)  -        朝阳\n"
            "8   2017    45     -       tester       2019-06-30 16:00 (+0800)  -        通州\n"
            "9   2017    20     -       tester       2019-06-30 16:00 (+0800)  -        大兴\n"
            "10  2018    55     -       tester       2019-06-30 16:00 (+0800)  -        海淀\n"
            "11  2018    48     -       tester       2019-06-30 16:00 (+0800)  -        通州\n"
            "\n"
            "visitors 科普场馆参观人次\n"
            "-------------------------\n"
            "  target: -, deadline 2020-12-31\n"
            "  final value: 135 万人次 (2018)\n"
            "  ruling: monitored\n"
            "  flags: final data missing\n"
            "id  period  value  source  recorded by  recorded at               version\n"
            "--  ------  -----  ------  -----------  ------------------------  -------\n"
            "12  2017    120    -       tester       2019-06-30 16:00 (+0800)  -\n"
            "13  2018    135    -       tester       2019-06-30 16:00 (+0800)  -\n"
            "\n"
            "cases 安全生产事故\n"
            "------------------\n"
            "  target: ≤0 件, deadline 2020-12-31\n"
            "  final value: 3 件 (2019-06)\n"
            "  ruling: breached (2019-06 3 件)\n"
            "  flags: final data missing\n"
            "id  period   value  source  recorded by  recorded at               version\n"
            "--  -------  -----  ------  -----------  ------------------------  -------\n"
            "14  2019-05  0      -       tester       2019-06-30 16:00 (+0800)  -\n"
            "15  2019-06  3      -       tester       2019-06-30 16:00 (+0800)  -\n"
            "\n");
  auto j = cli.run({"--format", "json", "--as-of", "2021-06-30", "audit", "completion", "kinds"});
  ASSERT_EQ(j.code, 0) << j.err;
  auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["targets"][2]["ruling"], "monitored");
  EXPECT_EQ(doc["targets"][0]["evidence"][0]["part"], "numerator");
}

// ---------------------------------------------------------------------------------------------
// Targets that read other targets: a growth rate and a value referenced from another target.

namespace {

// As of 2019-06-30: gdp 1000, 1080, 1134 (2016..2018), so gdp-growth 8 % then 5 % (≥6 %);
// city-avg (monitored) 10, 12, 11 and share ≥ city-avg: 9, 11.5, 12.5.
const std::string linked_plan = plantrack::support::test_plan_header("linked", "关联指标示例") +
                                R"(  - id: gdp
    title: 地区生产总值
    goal: g
    kind: flow
    per: year
    unit: 亿元
    rule: at_least
    value: 1300
    deadline: 2020-12-31
    responsible: [区发改委]
  - id: gdp-growth
    title: 地区生产总值增速
    goal: g
    kind: growth
    of: gdp
    basis: yoy
    unit: "%"
    rule: at_least
    value: 6
    deadline: 2020-12-31
    responsible: [区发改委]
  - id: city-avg
    title: 全市平均研发人员占比
    goal: g
    kind: monitor
    unit: "%"
    rule: none
    deadline: 2020-12-31
    responsible: [区统计局]
  - id: share
    title: 研发人员占比高于全市平均
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: {ref: city-avg}
    deadline: 2020-12-31
    responsible: [区科委]
)";

struct LinkedViews : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("linked.yaml", linked_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    for (auto [period, gdp, avg, share] : {std::tuple{"2016", "1000", "10", "9"},
                                           std::tuple{"2017", "1080", "12", "11.5"},
                                           std::tuple{"2018", "1134", "11", "12.5"}}) {
      for (auto [ref, value] : {std::pair{"linked/gdp", gdp}, std::pair{"linked/city-avg", avg},
                                std::pair{"linked/share", share}}) {
        auto logged = cli.run({"log", ref, value, "--period", period});
        ASSERT_EQ(logged.code, 0) << logged.err;
      }
    }
  }
};

} // namespace

TEST_F(LinkedViews, show_growth_gives_each_rate_with_its_two_amounts) {
  auto r = cli.run({"--lang", "en", "show", "linked/gdp-growth"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "linked/gdp-growth  地区生产总值增速\n"
            "kind: growth  rule: at_least ≥6 %  deadline: 2020-12-31\n"
            "growth of: linked/gdp 地区生产总值\n"
            "basis: year on year (yoy)\n"
            "goal: [g] 目标一\n"
            "responsible: 区发改委\n"
            "nature: expected\n"
            "source clause: 测试文件\n"
            "\n"
            "assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))\n"
            "item          value\n"
            "------------  --------------------\n"
            "status        at risk\n"
            "flags         -\n"
            "baseline      8 % (2017-12-31)\n"
            "current       5 % (2018)\n"
            "expected      6 %\n"
            "expected now  6 %\n"
            "ratio         0.833\n"
            "gap           1 %\n"
            "shortfall     1 %\n"
            "progress %    -\n"
            "forecast      -1.01 % (2020-12-31)\n"
            "needed/yr     -\n"
            "\n"
            "growth by period\n"
            "period  growth     amount  compared with  compared amount\n"
            "------  ------  ---------  -------------  ---------------\n"
            "2017       8 %  1080 亿元  2016                 1000 亿元\n"
            "2018       5 %  1134 亿元  2017                 1080 亿元\n"
            "\n"
            "entries (0)\n");
}

TEST_F(LinkedViews, show_reference_gives_the_referenced_value_at_the_current_date) {
  auto r = cli.run({"--lang", "zh", "show", "linked/share"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "linked/share  研发人员占比高于全市平均\n"
            "类型: level  规则: at_least ≥linked/city-avg %  期限: 2020-12-31  轨迹: linear\n"
            "参照指标: linked/city-avg 全市平均研发人员占比\n"
            "目标: [g] 目标一\n"
            "责任单位: 区科委\n"
            "指标性质: 预期性\n"
            "原文: 测试文件\n"
            "\n"
            "评估 截至 2019-06-30 (数据截至 2019-06-30 16:00 (+0800))\n"
            "项目        数值\n"
            "----------  --------------------\n"
            "状态        已实现\n"
            "标记        -\n"
            "基线        9 % (2016-12-31)\n"
            "当前值      12.5 % (2018)\n"
            "参照值      11 % (2018-12-31)\n"
            "应达值      10 %\n"
            "当前应达值  10.25 %\n"
            "比率        3.502\n"
            "差距        -1.5 %\n"
            "缺口        0 %\n"
            "进度%       175.0\n"
            "预测        16.25 % (2020-12-31)\n"
            "每年需增    -0.75 %\n"
            "\n"
            "轨迹点\n"
            "日期        数值  类别\n"
            "----------  ----  --------\n"
            "2016-12-31     9  baseline\n"
            "2020-12-31    11  target\n"
            "\n"
            "记录 (3)\n"
            "编号  指标          期间  数值  版本  记录时间                  记录人  来源  备注\n"
            "----  ------------  ----  ----  ----  ------------------------  ------  ----  ----\n"
            "   3  linked/share  2016     9  -     2019-06-30 16:00 (+0800)  tester\n"
            "   6  linked/share  2017  11.5  -     2019-06-30 16:00 (+0800)  tester\n"
            "   9  linked/share  2018  12.5  -     2019-06-30 16:00 (+0800)  tester\n");
}

TEST_F(LinkedViews, status_table_shows_the_referenced_value) {
  auto r = cli.run({"--lang", "en", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "linked 关联指标示例  (as of 2019-06-30)\n"
            "target      title                       current  period                   target   gap  progress %  ratio  forecast  needed/yr  status     flags\n"
            "----------  ------------------------  ---------  ------  -----------------------  ----  ----------  -----  --------  ---------  ---------  -----\n"
            "gdp         地区生产总值              1134 亿元  2018                 ≥1300 亿元   166        44.7   0.89   1272.52      82.94  at risk\n"
            "gdp-growth  地区生产总值增速                5 %  2018                       ≥6 %     1           -   0.83     -1.01          -  at risk\n"
            "city-avg    全市平均研发人员占比           11 %  2018                          -     -           -      -      12.5          -  monitored\n"
            "share       研发人员占比高于全市平均     12.5 %  2018    ≥11 % (linked/city-avg)  -1.5       175.0   3.50     16.25      -0.75  achieved\n");
}

TEST_F(LinkedViews, html_report_draws_the_reference_as_a_step_line) {
  auto r = cli.run({"--format", "html", "report", "linked"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("<svg class=\"chart\" data-target=\"linked/share\""));
  auto share = r.out.substr(r.out.find("data-target=\"linked/share\""));
  share = share.substr(0, share.find("</svg>"));
  EXPECT_THAT(share, HasSubstr("<polyline class=\"target\" fill=\"none\" points=\""));
  EXPECT_THAT(share, Not(HasSubstr("<line class=\"target\"")));
  auto avg = r.out.substr(r.out.find("data-target=\"linked/city-avg\""));
  avg = avg.substr(0, avg.find("</svg>"));
  EXPECT_THAT(avg, Not(HasSubstr("class=\"target\"")));
  EXPECT_THAT(avg, Not(HasSubstr("class=\"trajectory\"")));
  auto md = cli.run({"--format", "md", "report", "linked"});
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_THAT(md.out, HasSubstr(" | ≥11 % (linked/city-avg, 2020-12-31) | "));
}
