// End-to-end tests of `plantrack entries --format csv` and `plantrack import` of what it writes
// (SPEC §3): the history in the import columns plus id,corrects,reason, imported into an empty
// database with the same plans, gives the same status, corrections and retractions included.
// Exact stdout, stderr and exit code.

#include "cli_harness.hpp"
#include "io/csv.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using plantrack::testing::Cli;
using plantrack::testing::fixture;
using plantrack::testing::Result;

namespace {

const std::vector<std::string> fixture_plans{"beijing-st-2014", "chaoyang-st-2016",
                                             "fangshan-industry-2018", "haidian-innovation-2014",
                                             "tongzhou-st-2020"};

Result ok(Cli& cli, const std::vector<std::string>& args) {
  auto r = cli.run(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  return r;
}

// A database with the fixture plans `plans` and nothing else.
void import_plans(Cli& cli, const std::vector<std::string>& plans) {
  ok(cli, {"init"});
  std::vector<std::string> args{"plan", "import"};
  for (const auto& p : plans) args.push_back(fixture("plans/" + p + ".yaml"));
  ok(cli, args);
}

// The id of the entry of `ref` for `period` with `value_text` (the first, in id order).
std::string id_of(Cli& cli, const std::string& ref, const std::string& period,
                  const std::string& value_text) {
  auto all = nlohmann::json::parse(ok(cli, {"--format", "json", "entries", ref}).out);
  for (const auto& e : all)
    if (e["period"] == period && e["value_text"] == value_text)
      return std::to_string(e["id"].get<long long>());
  ADD_FAILURE() << "no entry of " << ref << " for " << period << ": " << value_text;
  return "";
}

// "" when `a` and `b` are the same text, else their first differing line (whole outputs are
// too long to read in a failure message).
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream in_a(a), in_b(b);
  std::string line_a, line_b;
  for (int n = 1;; ++n) {
    bool more_a = static_cast<bool>(std::getline(in_a, line_a));
    bool more_b = static_cast<bool>(std::getline(in_b, line_b));
    if (!more_a && !more_b) return "";
    if (!more_a || !more_b || line_a != line_b)
      return "line " + std::to_string(n) + ":\n  " + (more_a ? line_a : "(end)") + "\n  " +
             (more_b ? line_b : "(end)");
  }
}

// `csv` with the id and corrects columns renumbered 1, 2, ... in the order ids first appear,
// so that two histories numbered from different starts compare equal.
std::string renumbered(const std::string& csv) {
  std::istringstream in(csv);
  std::map<std::string, std::string> number;
  std::string out;
  plantrack::io::read_csv(in, "export.csv", [&](plantrack::io::CsvRecord&& r) {
    if (r.line > 1) {
      auto& id = r.fields.at(12);
      number.emplace(id, std::to_string(number.size() + 1));
      id = number.at(id);
      auto& corrects = r.fields.at(13);
      if (!corrects.empty()) corrects = number.at(corrects);
    }
    out += plantrack::io::csv_record(r.fields);
  });
  return out;
}

// Every fixture plan and entry file, then corrections and retractions through the CLI over
// the following days: of a flow in another unit, of a correction, of a cumulative target's
// entities, of a task's state with evidence and a step; a new entry whose note needs quoting.
struct Exported : ::testing::Test {
  Cli cli;
  const std::string as_of = "2019-06-30";

  void SetUp() override {
    import_plans(cli, fixture_plans);
    for (const auto& p : fixture_plans) {
      ok(cli, {"import", fixture("entries/" + p + ".csv")});
      if (p != "haidian-innovation-2014") ok(cli, {"import", fixture("entries/" + p + "-tasks.csv")});
    }
    cli.now = Cli::at(2019, 7, 1, 2);
    auto turnover = id_of(cli, "tongzhou-st-2020/tech-trade-turnover", "2018", "9.2");
    ok(cli, {"--by", "区科委统计科", "correct", turnover, "95000", "万元", "--reason",
             "年报修订, 口径调整", "--source", "2018年统计年报(修订)"});
    auto professionals = id_of(cli, "tongzhou-st-2020/professionals-per-10k", "2018", "135.5");
    ok(cli, {"correct", professionals, "131", "--reason", "重新核对"});
    cli.now = Cli::at(2019, 7, 2, 2);
    auto corrected = id_of(cli, "tongzhou-st-2020/professionals-per-10k", "2018", "131");
    ok(cli, {"retract", corrected, "--reason", "重复录入", "--note", "见2018年报"});
    auto exits = id_of(cli, "fangshan-industry-2018/exit-general-manufacturing", "2018-03", "5");
    ok(cli, {"correct", exits, "6", "--reason", "漏记一家", "--entity", "示例企业08", "--entity",
             "示例企业09", "--entity", "示例企业10", "--entity", "示例企业11", "--entity",
             "示例企业12", "--entity", "示例企业补"});
    auto dawangjing = id_of(cli, "chaoyang-st-2016/dawangjing-completion", "2018", "in_progress");
    ok(cli, {"correct", dawangjing, "已完成", "--reason", "年度总结更正", "--evidence",
             "朝阳园管委会年度工作总结(虚构)", "--evidence", "https://example.org/zy?a=1,2",
             "--step", "development-completed", "--note", "示例数据;已全部完成"});
    auto fund = id_of(cli, "tongzhou-st-2020/urban-subcentre-st-fund", "2019Q1", "in_progress");
    ok(cli, {"retract", fund, "--reason", "季度报告未经审核"});
    ok(cli, {"log", "tongzhou-st-2020/patent-applications", "2650", "--period", "2019-01..2019-05",
             "--provisional", "--note", "快报, 含 \"发明\" 专利\n第二行", "--source", "=月度快报"});
  }

  std::string status(Cli& c, std::vector<std::string> plans = {}) {
    std::vector<std::string> args{"--format", "json", "--as-of", as_of, "status"};
    args.insert(args.end(), plans.begin(), plans.end());
    return ok(c, args).out;
  }
};

TEST_F(Exported, importing_the_history_into_an_empty_database_gives_the_same_status) {
  auto exported = ok(cli, {"entries", "--format", "csv"}).out;
  auto path = cli.write("history.csv", exported);
  auto rows = nlohmann::json::parse(ok(cli, {"--format", "json", "entries"}).out).size();

  Cli other;
  other.now = cli.now;
  import_plans(other, fixture_plans);
  auto r = ok(other, {"import", path});
  EXPECT_EQ(r.out, path + ": imported " + std::to_string(rows) + " entries (ids 1.." +
                       std::to_string(rows) + ")\n");
  EXPECT_EQ(first_difference(status(other), status(cli)), "");
  // Every version is there, numbered as in the first database, which also held only these.
  EXPECT_EQ(first_difference(ok(other, {"entries", "--format", "csv"}).out, exported), "");
  // The corrected task is done late (it was overdue), with the evidence and step corrected.
  auto task = nlohmann::json::parse(
      ok(other, {"--format", "json", "--as-of", "2019-06-30", "show",
                 "chaoyang-st-2016/dawangjing-completion"})
          .out);
  EXPECT_EQ(task["status"], "done_late");
  EXPECT_EQ(task["note"], "示例数据;已全部完成");
}

TEST_F(Exported, a_plan_s_history_imports_alone_with_its_own_ids) {
  auto exported = ok(cli, {"entries", "tongzhou-st-2020", "--format", "csv"}).out;
  auto path = cli.write("tongzhou.csv", exported);
  Cli other;
  other.now = cli.now;
  import_plans(other, {"tongzhou-st-2020"});
  ok(other, {"import", path});
  EXPECT_EQ(first_difference(status(other, {"tongzhou-st-2020"}), status(cli, {"tongzhou-st-2020"})),
            "");
  // The ids are the second database's own: the same history up to their numbering.
  auto again = ok(other, {"entries", "tongzhou-st-2020", "--format", "csv"}).out;
  EXPECT_NE(again, exported);
  EXPECT_EQ(first_difference(renumbered(again), renumbered(exported)), "");
}

TEST_F(Exported, a_dry_run_checks_the_history_and_writes_nothing) {
  auto path = cli.write("history.csv", ok(cli, {"entries", "--format", "csv"}).out);
  Cli other;
  import_plans(other, fixture_plans);
  auto before = ok(other, {"entries", "--format", "csv"}).out;
  auto r = ok(other, {"import", path, "--dry-run"});
  auto rows = nlohmann::json::parse(ok(cli, {"--format", "json", "entries"}).out).size();
  EXPECT_EQ(r.out, path + ": " + std::to_string(rows) + " rows are valid; nothing written (dry run)\n");
  EXPECT_EQ(ok(other, {"entries", "--format", "csv"}).out, before);
}

// The format, exactly: every version in id order; value and unit as typed; a retraction with
// an empty value; CRLF line ends and RFC 4180 quoting.
TEST(EntriesCsv, writes_every_version_in_the_import_columns) {
  Cli cli;
  import_plans(cli, {"tongzhou-st-2020"});
  ok(cli, {"log", "tongzhou-st-2020/tech-trade-turnover", "92000", "万元", "--period", "2018",
           "--source", "统计年报, 2018"});
  ok(cli, {"--by", "李四", "correct", "1", "9.5", "--reason", "年报修订"});
  ok(cli, {"log", "tongzhou-st-2020/urban-subcentre-st-fund", "推进中", "--period", "2019Q1",
           "--evidence", "方案", "--evidence", "纪要"});
  ok(cli, {"retract", "3", "--reason", "重复录入"});
  auto r = ok(cli, {"entries", "--format", "csv"});
  EXPECT_EQ(r.out,
            "target,period,value,unit,source,note,recorded_by,provisional,entities,evidence,step,"
            "peer,id,corrects,reason\r\n"
            "tongzhou-st-2020/tech-trade-turnover,2018,92000,万元,\"统计年报, 2018\",,tester,false,,,,,1,,\r\n"
            "tongzhou-st-2020/tech-trade-turnover,2018,9.5,,\"统计年报, 2018\",,李四,false,,,,,2,1,年报修订\r\n"
            "tongzhou-st-2020/urban-subcentre-st-fund,2019Q1,推进中,,,,tester,false,,方案;纪要,,,3,,\r\n"
            "tongzhou-st-2020/urban-subcentre-st-fund,2019Q1,,,,,tester,false,,,,,4,3,重复录入\r\n");
  // The target's history alone.
  auto one = ok(cli, {"entries", "tongzhou-st-2020/tech-trade-turnover", "--format", "csv"});
  EXPECT_EQ(one.out.find("urban-subcentre"), std::string::npos);
  EXPECT_NE(one.out.find(",2,1,年报修订\r\n"), std::string::npos);
}

TEST(EntriesCsv, an_entity_holding_a_semicolon_cannot_be_exported) {
  Cli cli;
  import_plans(cli, {"fangshan-industry-2018"});
  ok(cli, {"log", "fangshan-industry-2018/exit-general-manufacturing", "1", "--period", "2018-01",
           "--entity", "甲;乙公司"});
  auto r = cli.run({"entries", "--format", "csv"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "plantrack: error: entry 1 has entity '甲;乙公司', which holds ';', the "
                   "separator of the entities column, so a CSV cannot carry it; correct the entry "
                   "with names without ';' and export again\n");
}

TEST(EntriesCsv, an_unknown_format_is_refused) {
  Cli cli;
  import_plans(cli, {"tongzhou-st-2020"});
  auto r = cli.run({"entries", "--format", "md"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "plantrack: error: --format 'md' is not offered here; use one of table, json, "
                   "csv\n");
}

// A history file with bad rows: one line per bad row with its line number, exit 1, and none
// of its rows stored, the good ones included.
TEST(ImportHistory, every_bad_row_is_reported_and_nothing_is_stored) {
  Cli cli;
  import_plans(cli, {"tongzhou-st-2020"});
  ok(cli, {"log", "tongzhou-st-2020/patent-grants", "1500", "--period", "2016"});
  auto before = ok(cli, {"entries", "--format", "csv"}).out + ok(cli, {"audit", "verify"}).out;
  auto path = cli.write(
      "bad.csv",
      "target,period,value,unit,source,note,recorded_by,provisional,entities,evidence,step,id,"
      "corrects,reason\n"
      "tongzhou-st-2020/patent-applications,2017,4100,件,,,,false,,,,1,,\n"
      "tongzhou-st-2020/patent-applications,2017,4150,件,,,,false,,,,2,1,\n"
      "tongzhou-st-2020/patent-applications,2017,4150,件,,,,false,,,,3,7,年报修订\n"
      "tongzhou-st-2020/patent-applications,2017,4150,件,,,,false,,,,1,,\n"
      "tongzhou-st-2020/patent-applications,2018,4400,件,,,,false,,,,4,,笔误\n"
      "tongzhou-st-2020/patent-applications,2017,,,,,,false,,,,5,1,重复录入\n"
      "tongzhou-st-2020/patent-applications,2017,4200,件,,,,false,,,,6,1,年报修订\n"
      "tongzhou-st-2020/urban-subcentre-st-fund,2019Q1,推进中,,,,,false,,,,8,,\n"
      "tongzhou-st-2020/urban-subcentre-st-fund,2019Q1,做完了,,,,,false,,,,9,8,更正\n");
  auto r = cli.run({"import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  const std::string e = "plantrack: error: " + path;
  EXPECT_EQ(r.err,
            e + ":3: reason: a correction needs a reason; fill the reason column, e.g. 年报数据修订\n" +
            e + ":4: corrects: no earlier row has id 7; corrects names the id of an earlier row "
                "of this file (a stored entry is corrected with `plantrack correct`)\n" +
            e + ":5: id: id 1 is already the id of line 2; give each row its own id\n" +
            e + ":6: reason: a reason is given but corrects is empty; a reason says why a row "
                "replaces the earlier row named in corrects: fill corrects or empty the reason\n" +
            e + ":8: corrects: entry 1 was retracted by entry 5; log a new entry instead\n" +
            e + ":10: value: '做完了' is not a state of task tongzhou-st-2020/urban-subcentre-st-fund; "
                "write one of not_started, in_progress, done, suspended (未启动, 推进中, 已完成, 暂缓)\n" +
            e + ": 6 bad row(s); nothing was imported, fix them and run the import again\n");
  EXPECT_EQ(ok(cli, {"entries", "--format", "csv"}).out + ok(cli, {"audit", "verify"}).out, before);
}

TEST(ImportHistory, a_file_without_the_history_columns_imports_as_before) {
  Cli cli;
  import_plans(cli, {"tongzhou-st-2020"});
  auto path = fixture("entries/tongzhou-st-2020.csv");
  auto r = ok(cli, {"import", path});
  EXPECT_EQ(r.out.rfind(path + ": imported ", 0), 0u) << r.out;
  auto all = nlohmann::json::parse(ok(cli, {"--format", "json", "entries"}).out);
  for (const auto& entry : all) EXPECT_EQ(entry["action"], "log");
}

} // namespace
