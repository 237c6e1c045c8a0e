// End-to-end tests of the second edition's kinds (SPEC §1, §3): a ratio's parts, a rank's peers,
// a growth rate, a referenced value and a monitor, logged and imported through the program; and
// the bad input the issue names, each refused with one line, exit 1 and nothing stored.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using ::testing::HasSubstr;

namespace {

const std::string kinds_plan = plantrack::support::test_plan_header("k", "新指标示例") +
                               R"(  - id: share
    title: 科学技术支出占一般公共预算支出的比例
    goal: g
    kind: ratio
    unit: "%"
    rule: at_least
    value: 1.3
    deadline: 2020-12-31
    numerator: {title: 科学技术支出, unit: 万元}
    denominator: {title: 一般公共预算支出, unit: 亿元}
    scale: 100
    baseline: {value: 1.0, date: 2016-12-31}
  - id: rank
    title: R&D经费占GDP比重全市排名
    goal: g
    kind: rank
    unit: 位
    rule: at_most
    value: 2
    deadline: 2020-12-31
    peers: {self: 甲区, among: [甲区, 乙区, 丙区], better: higher, unit: "%"}
  - id: turnover
    title: 技术合同成交额
    goal: g
    kind: flow
    per: year
    unit: 亿元
    rule: at_least
    value: 3000
    deadline: 2020-12-31
  - id: turnover-growth
    title: 技术合同成交额比上年增长
    goal: g
    kind: growth
    of: turnover
    basis: yoy
    unit: "%"
    rule: at_least
    value: 9
    deadline: 2020-12-31
  - id: city
    title: 全市平均覆盖率
    goal: g
    kind: monitor
    unit: "%"
    rule: none
    deadline: 2020-12-31
  - id: coverage
    title: 覆盖率高于全市平均
    goal: g
    kind: level
    unit: "%"
    rule: more_than
    value: {ref: k/city}
    deadline: 2020-12-31
    baseline: {value: 70, date: 2016-12-31}
  - id: per-10k
    title: 万人拥有专业技术人员数
    goal: g
    kind: level
    unit: 人/万人
    rule: more_than
    value: 150
    deadline: 2020-12-31
)";

struct Kinds : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("k.yaml", kinds_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  nlohmann::json target(const std::string& id, const std::string& as_of = "2021-03-31") {
    auto r = cli.run({"--format", "json", "--as-of", as_of, "status"});
    EXPECT_EQ(r.code, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    for (const auto& t : doc["plans"][0]["targets"])
      if (t["ref"] == "k/" + id) return t;
    ADD_FAILURE() << "no target " << id;
    return {};
  }
  size_t entry_count() {
    return nlohmann::json::parse(cli.run({"--format", "json", "entries"}).out).size();
  }
  // Runs `args`, which must be refused with exit 1 and one line naming `words`, storing nothing.
  void expect_refused(const std::vector<std::string>& args, const std::string& words) {
    size_t before = entry_count();
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_THAT(r.err, HasSubstr(words));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(entry_count(), before);
  }
};

TEST_F(Kinds, a_ratio_from_its_parts_in_their_own_units) {
  ASSERT_EQ(cli.run({"log", "k/share:numerator", "1.2", "亿元", "--period", "2019"}).code, 0);
  ASSERT_EQ(cli.run({"log", "k/share:denominator", "100", "--period", "2019"}).code, 0);
  auto t = target("share", "2020-03-31");
  EXPECT_DOUBLE_EQ(t["current"].get<double>(), 1.2); // 12000 万元 over 100 亿元
  EXPECT_EQ(t["inconsistent_periods"], nlohmann::json::array());
  ASSERT_EQ(cli.run({"log", "k/share", "1.5", "--period", "2019"}).code, 0);
  t = target("share", "2020-03-31");
  EXPECT_DOUBLE_EQ(t["current"].get<double>(), 1.2);
  EXPECT_THAT(t["flags"].dump(), HasSubstr("inconsistent"));
  // A correction of a part stays that part.
  auto r = cli.run({"correct", "2", "80", "--reason", "预算调整"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_DOUBLE_EQ(target("share", "2020-03-31")["current"].get<double>(), 1.5);
}

TEST_F(Kinds, a_rank_from_peer_values_logged_and_imported) {
  ASSERT_EQ(cli.run({"log", "k/rank", "2.1", "--period", "2019", "--peer", "甲区"}).code, 0);
  ASSERT_EQ(cli.run({"log", "k/rank", "3.5", "--period", "2019", "--peer", "乙区"}).code, 0);
  auto t = target("rank", "2020-03-31");
  EXPECT_EQ(t["status"], "no_data");
  EXPECT_EQ(t["incomplete_periods"], nlohmann::json::array({"2019"}));
  auto csv = cli.write("peers.csv", "target,period,value,unit,peer\nk/rank,2019,1.8,%,丙区\n");
  auto r = cli.run({"import", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  t = target("rank", "2020-03-31");
  EXPECT_EQ(t["current"], 2.0);
  EXPECT_EQ(t["status"], "achieved");
  EXPECT_EQ(t["incomplete_periods"], nlohmann::json::array());
}

TEST_F(Kinds, growth_is_derived_from_the_amounts_it_grows) {
  ASSERT_EQ(cli.run({"log", "k/turnover", "2485.4", "--period", "2018"}).code, 0);
  ASSERT_EQ(cli.run({"log", "k/turnover", "2800", "--period", "2019"}).code, 0);
  auto t = target("turnover-growth", "2020-03-31");
  EXPECT_NEAR(t["current"].get<double>(), 100 * (2800 / 2485.4 - 1), 1e-9);
  EXPECT_EQ(t["status"], "on_track");
  EXPECT_EQ(t["of"], "k/turnover");
  auto audit = cli.run({"--format", "json", "--as-of", "2020-03-31", "audit", "completion", "k"});
  ASSERT_EQ(audit.code, 0) << audit.err;
}

TEST_F(Kinds, a_referenced_value_follows_the_city_and_a_monitor_is_monitored) {
  ASSERT_EQ(cli.run({"log", "k/coverage", "77.5", "--period", "2019"}).code, 0);
  EXPECT_EQ(target("coverage", "2020-03-31")["status"], "insufficient_data");
  ASSERT_EQ(cli.run({"log", "k/city", "78", "--period", "2019"}).code, 0);
  auto t = target("coverage", "2020-03-31");
  EXPECT_EQ(t["target"], 78.0);
  EXPECT_EQ(t["target_ref"], "k/city");
  EXPECT_EQ(t["status"], "on_track");
  EXPECT_EQ(target("city", "2020-03-31")["status"], "monitored");
  EXPECT_TRUE(target("city", "2020-03-31")["target"].is_null());
  auto show = cli.run({"--as-of", "2020-03-31", "show", "k/coverage"});
  EXPECT_EQ(show.code, 0) << show.err;
}

TEST_F(Kinds, parts_and_peers_survive_the_entries_csv_round_trip) {
  ASSERT_EQ(cli.run({"log", "k/share:numerator", "12000", "万元", "--period", "2019"}).code, 0);
  ASSERT_EQ(cli.run({"log", "k/share:denominator", "100", "--period", "2019"}).code, 0);
  ASSERT_EQ(cli.run({"correct", "1", "13000", "万元", "--reason", "决算"}).code, 0);
  for (auto [peer, v] : {std::pair{"甲区", "2.1"}, {"乙区", "3.5"}, {"丙区", "1.8"}})
    ASSERT_EQ(cli.run({"log", "k/rank", v, "--period", "2019", "--peer", peer}).code, 0);
  auto csv = cli.run({"--format", "csv", "entries"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("k/share:numerator"));
  Cli other;
  ASSERT_EQ(other.run({"init"}).code, 0);
  ASSERT_EQ(other.run({"plan", "import", other.write("k.yaml", kinds_plan)}).code, 0);
  auto r = other.run({"import", other.write("history.csv", csv.out)});
  ASSERT_EQ(r.code, 0) << r.err;
  auto status = [](Cli& c) {
    auto s = c.run({"--format", "json", "--as-of", "2020-03-31", "status"});
    auto doc = nlohmann::json::parse(s.out);
    doc.erase("known_at");
    return doc;
  };
  EXPECT_EQ(status(cli), status(other));
  EXPECT_DOUBLE_EQ(status(other)["plans"][0]["targets"][0]["current"].get<double>(), 1.3);
}

TEST_F(Kinds, per_capita_units_convert_in_their_numerator_only) {
  ASSERT_EQ(cli.run({"log", "k/per-10k", "152", "人/万人", "--period", "2019"}).code, 0);
  expect_refused({"log", "k/per-10k", "0.0152", "万人", "--period", "2019"},
                 "unit '万人' does not convert to the target's unit '人/万人'");
}

TEST_F(Kinds, bad_input_is_refused_with_one_line_and_nothing_stored) {
  expect_refused({"log", "k/turnover:numerator", "1", "--period", "2019"},
                 "k/turnover is a flow target and has no numerator");
  expect_refused({"log", "k/share:half", "1", "--period", "2019"},
                 "does not name a part of a ratio");
  expect_refused({"log", "k/rank", "2", "--period", "2019", "--peer", "丁区"},
                 "'丁区' is not a peer of k/rank; name one of 甲区, 乙区, 丙区");
  expect_refused({"log", "k/share", "2", "--period", "2019", "--peer", "甲区"},
                 "is not a rank target");
  expect_refused({"log", "k/turnover-growth", "9", "--period", "2019"},
                 "k/turnover-growth is a growth rate derived from k/turnover; it is never logged");
  expect_refused({"log", "k/rank", "2.5", "--period", "2019"}, "is not a position");
  expect_refused({"log", "k/share:denominator", "0", "--period", "2019"}, "is zero");
  // The same rows in a file: every bad row named with its line, none stored.
  auto csv = cli.write("bad.csv",
                       "target,period,value,unit,peer\n"
                       "k/share:numerator,2019,1,,\n"
                       "k/turnover:numerator,2019,1,,\n"
                       "k/rank,2019,2,,丁区\n"
                       "k/turnover-growth,2019,9,,\n");
  size_t before = entry_count();
  auto r = cli.run({"import", csv});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":3:"));
  EXPECT_THAT(r.err, HasSubstr(":4:"));
  EXPECT_THAT(r.err, HasSubstr(":5:"));
  EXPECT_EQ(entry_count(), before);
}

TEST_F(Kinds, references_to_a_missing_target_or_in_a_cycle_are_refused_at_import) {
  auto header = plantrack::support::test_plan_header("r", "引用示例");
  auto missing = cli.write("missing.yaml", header + R"(  - id: a
    title: 甲
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: {ref: k/nowhere}
    deadline: 2020-12-31
)");
  auto r = cli.run({"plan", "import", missing});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("'k/nowhere' is not a target of plan k"));
  auto other_plan = cli.write("other.yaml", header + R"(  - id: a
    title: 甲
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: {ref: nowhere/a}
    deadline: 2020-12-31
)");
  r = cli.run({"plan", "import", other_plan});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("'nowhere/a' is not a target of a stored plan"));
  auto cycle = cli.write("cycle.yaml", header + R"(  - id: a
    title: 甲
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: {ref: b}
    deadline: 2020-12-31
  - id: b
    title: 乙
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: {ref: r/a}
    deadline: 2020-12-31
)");
  r = cli.run({"plan", "import", cycle});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("references go round in a cycle"));
  EXPECT_EQ(cli.run({"plan", "show", "r"}).code, 1); // nothing imported
}

} // namespace
