// End-to-end tests of data exchange (SPEC §7): `plantrack template` writes an org's Excel
// reporting form, an official fills it in a spreadsheet program (openpyxl here, through
// tests/exchange/forms.py), `plantrack import FILE.xlsx` reads it back with the CSV import's
// checks, all rows or none; hostile files are refused in one line, nothing imported; `publish
// --format opensdg` writes an Open SDG data folder that keeps sdg-build's CSV rules.
// The values filled in are sample data (示例数据).

#include "cli_harness.hpp"
#include "support/plan_files.hpp"
#include "support/spreadsheets.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>

using nlohmann::json;
using plantrack::testing::Cli;

namespace {

// 区科委 leads patents (a yearly flow), rd-share (a level) and a task; 区财政局 leads turnover.
const std::string tz_plan =
    plantrack::support::test_plan_header("tz", "示例科技规划") + R"(  - id: patents
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
  - id: rd-share
    title: 研发投入强度
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 3
    deadline: 2020-12-31
    responsible: [区科委]
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
tasks:
  - id: joint-meeting
    title: 定期召开联席会议
    responsible: [区科委]
    deadline: 2020-12-31
    source: "定期召开联席会议"
)";

// `entries --format csv` of a database without entries.
const std::string entry_history_header = "target,period,value,unit,source,note,recorded_by,"
                                         "provisional,entities,evidence,step,peer,id,corrects,"
                                         "reason\r\n";

struct Exchange : ::testing::Test {
  Cli cli;
  std::string form; // 区科委's 2018 form, as plantrack wrote it
  std::string path(const std::string& name) { return (cli.dir() / name).string(); }

  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("tz.yaml", tz_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    form = path("form.xlsx");
    r = cli.run(
        {"--lang", "zh", "template", "tz", "--org", "区科委", "--period", "2018", "-o", form});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // A copy of the form with `cells` set on its data sheet (forms.py "fill").
  static json fill(const std::string& in, const std::string& out, const json& cells,
                   const std::string& sheet = "") {
    json op{{"op", "fill"}, {"in", in}, {"out", out}, {"cells", cells}};
    op["sheet"] = sheet.empty() ? json() : json(sheet);
    return op;
  }

  std::string entries_csv() { return cli.run({"entries", "--format", "csv"}).out; }

  // `import FILE` fails with exactly `error` lines (after "plantrack: error: "), and nothing
  // is imported: the history is unchanged and the chain verifies.
  void expect_refused(const std::vector<std::string>& args, const std::vector<std::string>& error) {
    std::string before = entries_csv();
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    std::string expected;
    for (const auto& line : error) expected += "plantrack: error: " + line + "\n";
    EXPECT_EQ(r.err, expected);
    EXPECT_EQ(entries_csv(), before);
    EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
  }
};

TEST_F(Exchange, template_writes_one_row_per_item_the_org_leads) {
  // 区科委 leads patents, rd-share and the task: three rows.
  auto r =
      cli.run({"template", "tz", "--org", "区科委", "--period", "2019", "-o", path("again.xlsx")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + path("again.xlsx") + ": the form of 区科委 for tz 2019, 3 rows\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(Exchange, template_refuses_an_existing_file_an_unknown_org_and_a_bad_period) {
  auto r = cli.run({"template", "tz", "--org", "区科委", "--period", "2019", "-o", form});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '" + form +
                       "' already exists; pass --force to replace it, or choose another file\n");
  r = cli.run({"template", "tz", "--org", "区教委", "--period", "2019", "-o", path("x.xlsx")});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("区教委"), std::string::npos) << r.err;
  r = cli.run({"template", "tz", "--org", "区科委", "--period", "2030", "-o", path("x.xlsx")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: --period 2030 is outside plan tz (2016-01-01 to "
                   "2020-12-31); name a period within it\n");
  EXPECT_FALSE(std::filesystem::exists(path("x.xlsx")));
}

// The round trip: template -> filled in a spreadsheet program -> import -> status.
TEST_F(Exchange, a_filled_form_imports_and_status_shows_its_values) {
  plantrack::support::make_spreadsheets(
      cli.dir(),
      json::array({fill(form, path("filled.xlsx"),
                        {{"J5", 4400},
                         {"K5", "件"},
                         {"L5", "2018年统计年报"},
                         {"I6", "date:2018-12-31"},
                         {"J6", "2.9"},
                         {"N6", "是"},
                         {"J7", "推进中"},
                         {"M7", "已召开第一次联席会议"}}),
                   {{"op", "inline"}, {"in", path("filled.xlsx")}, {"out", path("inline.xlsx")}}}));
  auto dry = cli.run({"import", path("inline.xlsx"), "--dry-run"});
  EXPECT_EQ(dry.code, 0) << dry.err;
  EXPECT_EQ(dry.out, path("inline.xlsx") + ": 3 rows are valid; nothing written (dry run)\n");
  auto r = cli.run({"import", path("filled.xlsx")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, path("filled.xlsx") + ": imported 3 entries (ids 1..3)\n");

  auto status = json::parse(cli.run({"--format", "json", "status", "tz"}).out);
  const auto& targets = status["plans"][0]["targets"];
  EXPECT_EQ(targets[0]["current"], 4400);
  EXPECT_EQ(targets[0]["current_period"], "2018");
  EXPECT_EQ(targets[1]["current"], 2.9);
  EXPECT_EQ(targets[1]["current_period"], "2018-12-31"); // a date typed as a date: a serial
  EXPECT_EQ(targets[1]["flags"], json::array({"provisional"}));
  EXPECT_EQ(status["plans"][0]["tasks"][0]["state"], "in_progress");
  EXPECT_EQ(status["plans"][0]["tasks"][0]["note"], "已召开第一次联席会议");
  std::string history = entries_csv();
  EXPECT_NE(history.find("tz/patents,2018,4400,件,2018年统计年报,,tester,false"), std::string::npos)
      << history;
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Exchange, bad_rows_are_named_by_cell_and_nothing_is_imported) {
  plantrack::support::make_spreadsheets(
      cli.dir(),
      json::array({fill(form, path("bad.xlsx"),
                        {{"J5", 4400}, {"J6", "很多"}, {"B7", "改过的名称"}, {"J7", "推进中"}}),
                   fill(form, path("formula.xlsx"), {{"J5", "=4000+400"}})}));
  std::string bad = path("bad.xlsx");
  auto r = cli.run({"import", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  std::regex value_line("plantrack: error: " +
                        std::regex_replace(bad, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                        R"(:填报!J6: value: .*很多.*\n)");
  std::smatch m;
  EXPECT_TRUE(std::regex_search(r.err, m, value_line)) << r.err;
  EXPECT_NE(r.err.find(bad +
                       ":填报!B7: the reference cell (title) was changed from '定期召开联席会议' "
                       "to '改过的名称'; columns A-H are the planning office's: restore "
                       "the cell, or ask for a new form (plantrack template)\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad + ": 2 bad row(s); nothing was imported, fix them and run the import "
                             "again\n"),
            std::string::npos);
  EXPECT_EQ(entries_csv(), cli.run({"entries", "--format", "csv"}).out);
  expect_refused({"import", path("formula.xlsx")},
                 {path("formula.xlsx") + ":填报!J5: the cell holds a formula; forms are imported "
                                         "without formulas: type the value itself",
                  path("formula.xlsx") + ": 1 bad row(s); nothing was imported, fix them and "
                                         "run the import again"});
}

TEST_F(Exchange, a_row_whose_ref_does_not_exist_is_refused) {
  // Changed in the data sheet and in the hidden copy alike: the ref itself is unknown.
  plantrack::support::make_spreadsheets(
      cli.dir(), json::array({fill(form, path("step.xlsx"), {{"A5", "tz/patent"}, {"J5", 4400}}),
                              fill(path("step.xlsx"), path("unknown.xlsx"), {{"B10", "tz/patent"}},
                                   "plantrack")}));
  auto r = cli.run({"import", path("unknown.xlsx")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("plantrack: error: " + path("unknown.xlsx") + ":填报!A5: target: ", 0), 0u)
      << r.err;
  EXPECT_NE(r.err.find("tz/patent"), std::string::npos);
  EXPECT_EQ(entries_csv(), entry_history_header);
}

TEST_F(Exchange, a_form_for_another_org_or_plan_is_refused) {
  auto r = cli.run({"--lang", "zh", "template", "tz", "--org", "区财政局", "--period", "2019", "-o",
                    path("finance.xlsx")});
  ASSERT_EQ(r.code, 0) << r.err;
  plantrack::support::make_spreadsheets(
      cli.dir(),
      json::array({fill(path("finance.xlsx"), path("finance-filled.xlsx"), {{"J5", 9.5}})}));
  std::string file = path("finance-filled.xlsx");
  expect_refused({"import", file, "--org", "区科委"},
                 {file + ": the form is for org '区财政局', not '区科委'; import the form of org "
                         "'区科委', or ask for one (plantrack template)"});
  expect_refused({"import", file, "--plan", "bj"},
                 {file + ": the form is for plan 'tz', not 'bj'; import the form of plan 'bj', "
                         "or ask for one (plantrack template)"});
}

// With accounts, the form of another org is refused whole to an official, in one line; its
// own org's form is imported, recorded by who imports it.
TEST_F(Exchange, with_accounts_an_official_imports_only_the_forms_of_its_orgs) {
  auto add = [&](const std::string& by, std::vector<std::string> args) {
    auto r = cli.add_user(by, std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  };
  add("setup", {"admin", "--role", "admin"});
  add("admin", {"王五", "--role", "official", "--org", "区财政局"});
  add("admin", {"张三", "--role", "official", "--org", "区科委"});
  plantrack::support::make_spreadsheets(
      cli.dir(), json::array({fill(form, path("filled.xlsx"), {{"J5", 4400}})}));
  std::string file = path("filled.xlsx");
  std::string before = entries_csv();
  auto r = cli.run({"--by", "王五", "import", file});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("王五"), std::string::npos) << r.err;
  EXPECT_EQ(entries_csv(), before);
  r = cli.run({"--by", "张三", "import", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(entries_csv().find("tz/patents,2018,4400,,,,张三,false"), std::string::npos);
}

TEST_F(Exchange, hostile_files_are_refused_in_one_line_and_nothing_is_imported) {
  plantrack::support::make_spreadsheets(
      cli.dir(),
      json::array({fill(form, path("filled.xlsx"), {{"J5", 4400}}),
                   {{"op", "macro"}, {"in", path("filled.xlsx")}, {"out", path("macro.xlsx")}},
                   {{"op", "encrypted"}, {"out", path("locked.xlsx")}},
                   {{"op", "bomb"}, {"out", path("bomb.xlsx")}, {"mib", 2}},
                   {{"op", "truncated"}, {"in", path("filled.xlsx")}, {"out", path("cut.xlsx")}}}));
  expect_refused({"import", path("macro.xlsx")},
                 {path("macro.xlsx") + ": the workbook holds macros (a vbaProject.bin part); "
                                       "forms are imported without macros: save it as an Excel "
                                       "workbook (.xlsx) and import it again"});
  expect_refused({"import", path("locked.xlsx")},
                 {path("locked.xlsx") + ": the file is password-protected (encrypted) or an old "
                                        ".xls workbook; remove the password, or save it as an "
                                        "Excel workbook (.xlsx), and import it again"});
  // The ratio zlib reaches on zeros varies by a little: the line up to it.
  std::string before = entries_csv();
  auto bomb = cli.run({"import", path("bomb.xlsx")});
  EXPECT_EQ(bomb.code, 1);
  EXPECT_EQ(bomb.err.rfind("plantrack: error: " + path("bomb.xlsx") +
                               ": refused as a zip bomb: part 'xl/worksheets/sheet1.xml' "
                               "inflates 10",
                           0),
            0u)
      << bomb.err;
  EXPECT_EQ(std::count(bomb.err.begin(), bomb.err.end(), '\n'), 1);
  EXPECT_EQ(entries_csv(), before);
  expect_refused({"import", path("cut.xlsx")},
                 {path("cut.xlsx") + ": the file is not a readable .xlsx workbook (the zip "
                                     "archive is damaged or cut short); save the form again and "
                                     "import that copy"});
  std::string csv = cli.write("plain.xlsx", "target,period,value\n");
  expect_refused({"import", csv},
                 {csv + ": the file is not an .xlsx workbook (not a zip archive); save the form "
                        "as an Excel workbook (.xlsx) and import it again"});
}

// Open SDG: sdg-build's CSV rules (first column Year, last Value, no stray whitespace, numbers
// as numbers) and YAML that parses with the keys Open SDG reads.
TEST_F(Exchange, publish_writes_an_open_sdg_folder) {
  ASSERT_EQ(cli.run({"log", "tz/patents", "3500", "--period", "2016"}).code, 0);
  ASSERT_EQ(cli.run({"log", "tz/patents", "4400", "--period", "2018"}).code, 0);
  ASSERT_EQ(cli.run({"log", "tz/rd-share", "2.5", "--period", "2018-06-30"}).code, 0);
  ASSERT_EQ(cli.run({"log", "tz/rd-share", "2.7", "--period", "2018-12-31"}).code, 0);
  std::string dir = path("opensdg");
  auto r = cli.run({"publish", "tz", "--to", dir, "--format", "opensdg"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote 3 indicators of tz to " + dir + " (9 files, as of 2019-06-30)\n");

  std::string patents = plantrack::support::read_file(dir + "/data/indicator_1-1-1.csv");
  EXPECT_EQ(patents, "Year,Units,Value\r\n2015,件,3000\r\n2016,件,3500\r\n2018,件,4400\r\n");
  // The year's last value.
  EXPECT_EQ(plantrack::support::read_file(dir + "/data/indicator_1-2-1.csv"),
            "Year,Units,Value\r\n2018,%,2.7\r\n");
  for (auto id : {"1-1-1", "1-2-1", "1-3-1"}) {
    std::istringstream csv(plantrack::support::read_file(dir + "/data/indicator_" + id + ".csv"));
    std::string line;
    ASSERT_TRUE(std::getline(csv, line));
    EXPECT_EQ(line.rfind("Year,", 0), 0u);
    EXPECT_EQ(line.substr(line.size() - 7), ",Value\r");
    while (std::getline(csv, line)) {
      line.pop_back(); // \r
      EXPECT_EQ(line.find_first_of(" \t"), std::string::npos) << line;
      std::string value = line.substr(line.rfind(',') + 1);
      EXPECT_TRUE(std::regex_match(value, std::regex(R"(-?[0-9]+(\.[0-9]+)?)"))) << value;
      EXPECT_TRUE(std::regex_match(line.substr(0, 4), std::regex("[0-9]{4}")));
    }
    auto config = YAML::LoadFile(dir + "/indicator-config/" + id + ".yml");
    for (auto key : {"reporting_status", "indicator_name", "graph_target_lines", "progress_status"})
      EXPECT_TRUE(config[key]) << id << " lacks " << key;
    auto meta = YAML::LoadFile(dir + "/meta/" + id + ".yml");
    EXPECT_TRUE(meta["indicator_name"]);
  }
  auto config = YAML::LoadFile(dir + "/indicator-config/1-1-1.yml");
  EXPECT_EQ(config["indicator_name"].as<std::string>(), "年专利申请量");
  EXPECT_EQ(config["reporting_status"].as<std::string>(), "complete");
  EXPECT_EQ(config["graph_target_lines"][0]["value"].as<double>(), 5000);
  auto turnover = YAML::LoadFile(dir + "/indicator-config/1-3-1.yml");
  EXPECT_EQ(turnover["reporting_status"].as<std::string>(), "notstarted");
  EXPECT_EQ(turnover["progress_status"].as<std::string>(), "not_available");

  r = cli.run({"publish", "tz", "--to", dir});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '" + dir +
                       "/data/indicator_1-1-1.csv' already exists; "
                       "pass --force to replace the folder's files, or choose another folder\n");
  EXPECT_EQ(cli.run({"publish", "tz", "--to", dir, "--force"}).code, 0);
}

} // namespace
