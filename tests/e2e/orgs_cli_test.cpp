// End-to-end tests of lead and cooperating orgs, nature and 力争 (SPEC §1 "Target", §3 `status
// --org O --nature N`, `show`): exact stdout, stderr and exit code.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

using plantrack::testing::Cli;

namespace {

// 区科委 leads patents with 区财政局 and 区统计局 supporting, a binding target; 区财政局 leads
// turnover, which the document says 力争 (strive) of; turnover has no clause of its own.
const std::string orgs_plan = plantrack::support::test_plan_header("orgs", "单位示例") + R"(  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    baseline: {value: 3000, date: 2015-12-31}
    responsible: [区科委]
    support: [区财政局, 区统计局]
    nature: binding
    source: "年专利申请量达到5000件"
  - id: turnover
    title: 年技术交易额
    goal: g
    kind: flow
    per: year
    unit: 亿元
    rule: at_least
    value: 10
    deadline: 2020-12-31
    responsible: [区财政局]
    strive: true
tasks:
  - id: joint-meeting
    title: 定期召开联席会议
    responsible: [区科委]
    support: [区发改委]
    source: "定期召开联席会议"
)";

struct Orgs : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("orgs.yaml", orgs_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_EQ(cli.run({"log", "orgs/patents", "3500", "--period", "2016"}).code, 0);
    ASSERT_EQ(cli.run({"log", "orgs/turnover", "8", "--period", "2018"}).code, 0);
  }
  // The refs `status` shows with `args` added.
  std::vector<std::string> refs(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json", "status"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    std::vector<std::string> out;
    auto doc = nlohmann::json::parse(r.out);
    for (const auto& t : doc["plans"][0]["targets"])
      out.push_back(t["ref"].get<std::string>());
    return out;
  }
  void expect_refused(const std::vector<std::string>& args, const std::string& error) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
  }
};

using Refs = std::vector<std::string>;

} // namespace

TEST_F(Orgs, status_json_has_support_and_nature_after_responsible) {
  auto r = cli.run({"--format", "json", "status"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  const auto& patents = doc["plans"][0]["targets"][0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : patents.items()) keys.push_back(k);
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(Refs(keys.end() - 3, keys.end()), (Refs{"responsible", "support", "nature"}));
  EXPECT_EQ(patents["responsible"], nlohmann::ordered_json::array({"区科委"}));
  EXPECT_EQ(patents["support"], nlohmann::ordered_json::array({"区财政局", "区统计局"}));
  EXPECT_EQ(patents["nature"], "binding");
  EXPECT_EQ(patents["flags"], nlohmann::ordered_json::array({"stale"}));
  const auto& turnover = doc["plans"][0]["targets"][1];
  EXPECT_EQ(turnover["support"], nlohmann::ordered_json::array());
  EXPECT_EQ(turnover["nature"], "expected");
  EXPECT_EQ(turnover["flags"], nlohmann::ordered_json::array({"strive"}));
}

TEST_F(Orgs, status_table_marks_strive_and_binding) {
  auto r = cli.run({"--lang", "zh", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "orgs 单位示例  (评估日期 2019-06-30)\n"
            "指标      名称           当前值  期间    目标值  差距  进度%  比率    预测  每年需增  状态      标记\n"
            "--------  ------------  -------  ----  --------  ----  -----  ----  ------  --------  --------  ---------------\n"
            "patents   年专利申请量  3500 件  2016  ≥5000 件  1500   25.0  1.25  5495.9    374.99  进度正常  数据过期,约束性\n"
            "turnover  年技术交易额   8 亿元  2018  ≥10 亿元     2      -     -       -         1  数据不足  力争\n"
            "\n"
            "任务           名称              期限  进展状态  状态    标记  最近更新  责任单位  配合单位  最新进展\n"
            "-------------  ----------------  ----  --------  ------  ----  --------  --------  --------  --------\n"
            "joint-meeting  定期召开联席会议  -     -         无数据        -         区科委    区发改委  -\n");
  r = cli.run({"--lang", "en", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "orgs 单位示例  (as of 2019-06-30)\n"
            "target    title         current  period    target   gap  progress %  ratio  forecast  needed/yr  status             flags\n"
            "--------  ------------  -------  ------  --------  ----  ----------  -----  --------  ---------  -----------------  -------------\n"
            "patents   年专利申请量  3500 件  2016    ≥5000 件  1500        25.0   1.25    5495.9     374.99  on track           stale,binding\n"
            "turnover  年技术交易额   8 亿元  2018    ≥10 亿元     2           -      -         -          1  insufficient data  strive\n"
            "\n"
            "task           title             deadline  state  status   flags  last update  responsible  support   latest progress\n"
            "-------------  ----------------  --------  -----  -------  -----  -----------  -----------  --------  ---------------\n"
            "joint-meeting  定期召开联席会议  -         -      no data         -            区科委       区发改委  -\n");
}

TEST_F(Orgs, status_nature_keeps_that_nature) {
  EXPECT_EQ(refs({"--nature", "binding"}), Refs{"orgs/patents"});
  EXPECT_EQ(refs({"--nature", "expected"}), Refs{"orgs/turnover"});
}

TEST_F(Orgs, status_org_keeps_what_it_leads_or_supports) {
  EXPECT_EQ(refs({"--org", "区科委"}), Refs{"orgs/patents"});
  EXPECT_EQ(refs({"--org", "区统计局"}), Refs{"orgs/patents"});
  EXPECT_EQ(refs({"--org", "区财政局"}), (Refs{"orgs/patents", "orgs/turnover"}));
  EXPECT_EQ(refs({"--org", "区财政局", "--nature", "expected"}), Refs{"orgs/turnover"});
  EXPECT_EQ(refs({"--org", "区发改委"}), Refs{}); // supports only a task
}

TEST_F(Orgs, status_org_table) {
  auto r = cli.run({"--lang", "zh", "status", "--org", "区统计局"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "orgs 单位示例  (评估日期 2019-06-30)\n"
            "指标     名称           当前值  期间    目标值  差距  进度%  比率    预测  每年需增  状态      标记\n"
            "-------  ------------  -------  ----  --------  ----  -----  ----  ------  --------  --------  ---------------\n"
            "patents  年专利申请量  3500 件  2016  ≥5000 件  1500   25.0  1.25  5495.9    374.99  进度正常  数据过期,约束性\n");
}

TEST_F(Orgs, an_org_a_later_plan_names_keeps_every_plan_in_order_and_the_json_whole) {
  // "aaa" sorts before "orgs" and names no org: status holds it back until "orgs" names
  // 区统计局, then writes both, in order, as it did when it held every plan.
  auto earlier = plantrack::support::test_plan_header("aaa", "先导规划") + R"(  - id: visits
    title: 参观人次
    goal: g
    kind: level
    unit: 万人次
    rule: at_least
    value: 10
    deadline: 2020-12-31
    source: "参观人次达到10万"
)";
  ASSERT_EQ(cli.run({"plan", "import", cli.write("aaa.yaml", earlier)}).code, 0);
  auto r = cli.run({"--lang", "en", "status", "--org", "区统计局"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("\n\n")),
            "aaa 先导规划  (as of 2019-06-30)\n(no targets or tasks)");
  EXPECT_NE(r.out.find("\n\norgs 单位示例  (as of 2019-06-30)\n"), std::string::npos) << r.out;
  auto j = cli.run({"--format", "json", "status", "--org", "区统计局"});
  ASSERT_EQ(j.code, 0) << j.err;
  auto doc = nlohmann::ordered_json::parse(j.out);
  ASSERT_EQ(doc["plans"].size(), 2u);
  EXPECT_EQ(doc["plans"][0]["id"], "aaa");
  EXPECT_EQ(doc["plans"][0]["targets"].size(), 0u);
  EXPECT_EQ(doc["plans"][1]["id"], "orgs");
  EXPECT_EQ(doc["plans"][1]["targets"].size(), 1u);
  EXPECT_EQ(j.out, doc.dump(2) + "\n"); // written plan by plan, the bytes of one document
}

TEST_F(Orgs, bad_nature_is_refused_naming_the_words) {
  expect_refused({"status", "--nature", "约束性"},
                 "--nature '约束性' is not a nature; use one of expected, binding");
}

TEST_F(Orgs, unknown_org_is_refused_naming_the_orgs) {
  expect_refused({"status", "--org", "区科协"},
                 "--org '区科协' is not an org of the plans shown; use one of 区发改委, 区科委, "
                 "区统计局, 区财政局");
}

TEST_F(Orgs, show_text_has_support_nature_and_strive) {
  auto r = cli.run({"--lang", "zh", "show", "orgs/patents"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "orgs/patents  年专利申请量\n"
            "类型: flow/year  规则: at_least ≥5000 件  期限: 2020-12-31  轨迹: linear\n"
            "目标: [g] 目标一\n"
            "责任单位: 区科委\n"
            "配合单位: 区财政局, 区统计局\n"
            "指标性质: 约束性\n"
            "原文: 年专利申请量达到5000件\n"
            "\n"
            "评估 截至 2019-06-30 (数据截至 2019-06-30 16:00 (+0800))\n"
            "项目        数值\n"
            "----------  ----------------------\n"
            "状态        进度正常\n"
            "标记        数据过期, 约束性\n"
            "基线        3000 件 (2015-12-31)\n"
            "当前值      3500 件 (2016)\n"
            "应达值      3400.66 件\n"
            "当前应达值  4397.92 件\n"
            "比率        1.248\n"
            "差距        1500 件\n"
            "缺口        1500 件\n"
            "进度%       25.0\n"
            "预测        5495.9 件 (2020-12-31)\n"
            "每年需增    374.99 件\n"
            "\n"
            "轨迹点\n"
            "日期        数值  类别\n"
            "----------  ----  --------\n"
            "2015-12-31  3000  baseline\n"
            "2020-12-31  5000  target\n"
            "\n"
            "记录 (1)\n"
            "编号  指标          期间  数值  版本  记录时间                  记录人  来源  备注\n"
            "----  ------------  ----  ----  ----  ------------------------  ------  ----  ----\n"
            "   1  orgs/patents  2016  3500  -     2019-06-30 16:00 (+0800)  tester\n");
  r = cli.run({"--lang", "en", "show", "orgs/turnover"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "orgs/turnover  年技术交易额\n"
            "kind: flow/year  rule: at_least ≥10 亿元  deadline: 2020-12-31  trajectory: linear\n"
            "goal: [g] 目标一\n"
            "responsible: 区财政局\n"
            "nature: expected, strive\n"
            "source clause: 测试文件\n"
            "\n"
            "assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))\n"
            "item          value\n"
            "------------  -------------------\n"
            "status        insufficient data\n"
            "flags         strive\n"
            "baseline      8 亿元 (2018-12-31)\n"
            "current       8 亿元 (2018)\n"
            "expected      -\n"
            "expected now  8.5 亿元\n"
            "ratio         -\n"
            "gap           2 亿元\n"
            "shortfall     2 亿元\n"
            "progress %    -\n"
            "forecast      -\n"
            "needed/yr     1 亿元\n"
            "\n"
            "trajectory points\n"
            "date        value  point\n"
            "----------  -----  --------\n"
            "2018-12-31      8  baseline\n"
            "2020-12-31     10  target\n"
            "\n"
            "entries (1)\n"
            "id  target         period  value  version  recorded at               recorded by  source  note\n"
            "--  -------------  ------  -----  -------  ------------------------  -----------  ------  ----\n"
            " 2  orgs/turnover  2018        8  -        2019-06-30 16:00 (+0800)  tester\n");
}

TEST_F(Orgs, show_json_has_support_nature_and_strive) {
  auto r = cli.run({"--format", "json", "show", "orgs/turnover"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto t = nlohmann::json::parse(r.out);
  EXPECT_EQ(t["responsible"], nlohmann::json::array({"区财政局"}));
  EXPECT_EQ(t["support"], nlohmann::json::array());
  EXPECT_EQ(t["nature"], "expected");
  EXPECT_EQ(t["strive"], true);
  EXPECT_EQ(t["flags"], nlohmann::json::array({"strive"}));
  EXPECT_EQ(t["source"], "测试文件"); // no clause of its own: the plan's source
  r = cli.run({"--format", "json", "show", "orgs/patents"});
  ASSERT_EQ(r.code, 0) << r.err;
  t = nlohmann::json::parse(r.out);
  EXPECT_EQ(t["support"], nlohmann::json::array({"区财政局", "区统计局"}));
  EXPECT_EQ(t["nature"], "binding");
  EXPECT_EQ(t["strive"], false);
  EXPECT_EQ(t["source"], "年专利申请量达到5000件");
}

TEST_F(Orgs, plan_show_lists_support) {
  auto r = cli.run({"--lang", "zh", "plan", "show", "orgs"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "orgs  单位示例\n"
                   "发布: 测试区政府  (测试区)\n"
                   "期间: 2016-01-01..2020-12-31  报送周期: year\n"
                   "来源: 测试文件 (2016-01-01)\n"
                   "\n"
                   "[g] 目标一\n"
                   "编号      名称          类型       规则           单位  期限        责任单位  配合单位\n"
                   "--------  ------------  ---------  -------------  ----  ----------  --------  -----------------\n"
                   "patents   年专利申请量  flow/year  at_least 5000  件    2020-12-31  区科委    区财政局,区统计局\n"
                   "turnover  年技术交易额  flow/year  at_least 10    亿元  2020-12-31  区财政局\n"
                   "\n"
                   "任务\n"
                   "编号           名称              期限  责任单位  配合单位  考核方式\n"
                   "-------------  ----------------  ----  --------  --------  --------\n"
                   "joint-meeting  定期召开联席会议  -     区科委    区发改委  -\n");
}

TEST_F(Orgs, an_org_both_leading_and_supporting_is_refused) {
  std::string text = orgs_plan;
  text.replace(text.find("support: [区财政局, 区统计局]"), std::string("support: [区财政局, 区统计局]").size(),
               "support: [区科委]");
  auto path = cli.write("both.yaml", text);
  auto r = cli.run({"plan", "import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "plantrack: error: " + path +
                       ":22: targets[0].support[0]: '区科委' is already responsible (the lead); list "
                       "it under responsible or support, not both\n");
  // Nothing was stored: the plan keeps its cooperating orgs.
  EXPECT_EQ(refs({"--org", "区统计局"}), Refs{"orgs/patents"});
}
