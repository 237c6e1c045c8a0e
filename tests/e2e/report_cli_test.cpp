// End-to-end tests of reports, schedules and the report archive.

#include "cli_harness.hpp"
#include "support/files.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using plantrack::testing::Cli;
using plantrack::testing::fixture;
using plantrack::testing::Result;
using plantrack::support::read_file;

namespace {

// The seed plans and sample entries, imported at the start of 2019-06-30 (fixed clock).
struct Seeded : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    std::vector<std::string> import{"plan", "import"};
    for (auto name : {"beijing-st-2014", "chaoyang-st-2016", "fangshan-industry-2018",
                      "haidian-innovation-2014", "tongzhou-st-2020"})
      import.push_back(fixture(std::string("plans/") + name + ".yaml"));
    ASSERT_EQ(cli.run(import).code, 0);
    for (auto name : {"fangshan-industry-2018", "tongzhou-st-2020"})
      ASSERT_EQ(cli.run({"import", fixture(std::string("entries/") + name + ".csv")}).code, 0);
  }
  // Compare with fixtures/golden/NAME; PLANTRACK_UPDATE_GOLDEN=1 rewrites it instead.
  void expect_golden(const std::string& name, const std::string& actual) {
    std::string path = fixture("golden/" + name);
    if (std::getenv("PLANTRACK_UPDATE_GOLDEN")) {
      std::ofstream(path, std::ios::binary) << actual;
      return;
    }
    EXPECT_EQ(actual, read_file(path)) << "golden file " << path
                                   << " differs; rerun with PLANTRACK_UPDATE_GOLDEN=1 if intended";
  }
};

} // namespace

TEST_F(Seeded, report_markdown_matches_the_golden_file) {
  auto r = cli.run({"--lang", "zh", "report", "tongzhou-st-2020", "--period", "2019Q2"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("tongzhou-st-2020-2019Q2.md", r.out);
}

TEST_F(Seeded, report_csv_matches_the_golden_file) {
  auto r = cli.run({"--format", "csv", "report", "fangshan-industry-2018", "--period", "2018"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("fangshan-industry-2018-2018.csv", r.out);
}

TEST_F(Seeded, report_json_matches_the_golden_file) {
  auto r = cli.run({"--format", "json", "report", "tongzhou-st-2020", "--period", "2019Q2"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_golden("tongzhou-st-2020-2019Q2.json", r.out);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["as_of"], "2019-06-30");
  EXPECT_EQ(doc["summary"]["needs_attention"], nlohmann::json::array({"tongzhou-st-2020/hitech-output-share"}));
  EXPECT_EQ(doc["digest"].get<std::string>().size(), 64u);
}

TEST_F(Seeded, report_html_stands_alone_with_one_chart_per_numeric_target) {
  auto r = cli.run({"--format", "html", "report", "fangshan-industry-2018", "--as-of", "2019-06-30"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string& html = r.out;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  // Nothing external: no scripts, no links, no remote images or fonts.
  for (auto banned : {"<script", "<link", "src=", "url(", "@import", "http://", "https://"})
    if (std::string(banned).find("http") == 0) {
      // the SVG namespace is the one allowed URL
      std::string rest = html;
      size_t at = 0;
      while ((at = rest.find(banned, at)) != std::string::npos) {
        EXPECT_EQ(rest.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << rest.substr(at, 60);
        at += 1;
      }
    } else {
      EXPECT_EQ(html.find(banned), std::string::npos) << banned;
    }
  // Fangshan: two numeric targets (the exit quota and the keep-at-zero rule), five milestones.
  size_t charts = 0;
  for (size_t at = html.find("<svg class=\"chart\""); at != std::string::npos;
       at = html.find("<svg class=\"chart\"", at + 1))
    ++charts;
  EXPECT_EQ(charts, 2u);
}

TEST_F(Seeded, report_html_distinguishes_corrected_entries) {
  // Entry 50 is tongzhou's 2018 patent grants (provisional); correct it.
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries", "tongzhou-st-2020/patent-grants"}).out);
  auto id = std::to_string(entries.back()["id"].get<long>());
  ASSERT_EQ(cli.run({"correct", id, "2480", "--reason", "年报修订"}).code, 0);
  auto r = cli.run({"--format", "html", "report", "tongzhou-st-2020"});
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("class=\"superseded\""), std::string::npos);
  EXPECT_NE(r.out.find("class=\"entry corrected\""), std::string::npos);
}

TEST_F(Seeded, output_file_is_not_overwritten_without_force) {
  auto path = cli.write("r.md", "keep me");
  auto r = cli.run({"report", "tongzhou-st-2020", "-o", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '" + path + "' already exists; pass --force to replace it, or choose another file\n");
  EXPECT_EQ(read_file(path), "keep me");
  auto forced = cli.run({"report", "tongzhou-st-2020", "-o", path, "--force"});
  EXPECT_EQ(forced.code, 0) << forced.err;
  EXPECT_EQ(read_file(path).rfind("# ", 0), 0u);
}

TEST_F(Seeded, report_of_an_unknown_plan_is_refused) {
  auto r = cli.run({"report", "tongzhou-st-2021"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: unknown plan 'tongzhou-st-2021'; did you mean 'tongzhou-st-2020'?\n");
}

TEST(ReportCsv, text_cells_that_look_like_formulas_are_neutralised_and_numbers_stay_numbers) {
  Cli cli;
  ASSERT_EQ(cli.run({"init"}).code, 0);
  auto plan = cli.write("inj.yaml", R"yaml(id: inj
title: '=HYPERLINK("http://x")'
issuer: "@issuer"
jurisdiction: 某区
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source: {title: t, date: 2016-01-01}
goals:
  - {id: g, title: "+goal"}
targets:
  - id: a
    title: "=1+2"
    goal: g
    kind: level
    unit: "-件"
    rule: at_most
    value: 10
    deadline: 2020-12-31
    baseline: {value: 30, date: 2015-12-31}
    responsible: ["@SUM(A1)", "\tcmd", "ok, fine"]
    source: "-2+3"
)yaml");
  ASSERT_EQ(cli.run({"plan", "import", plan}).code, 0);
  ASSERT_EQ(cli.run({"log", "inj/a", "25", "--period", "2017"}).code, 0);
  auto r = cli.run({"--format", "csv", "report", "inj"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto row = r.out.substr(r.out.find("\r\n") + 2);
  // gap = 10 - 25 = -15 stays a number; text cells get a leading apostrophe.
  EXPECT_EQ(row.rfind("inj,g,a,'=1+2,'-件,level,at_most,10,2020-12-31,25,2017,-15,", 0), 0u) << row;
  EXPECT_NE(row.find(",-15,15,25,"), std::string::npos) << row;
  // The responsible units share one cell, which starts with '@': the whole cell is neutralised.
  EXPECT_NE(row.find(",\"'@SUM(A1);\tcmd;ok, fine\","), std::string::npos) << row;
  EXPECT_EQ(row.find(",=1"), std::string::npos);
}

// --- schedules -------------------------------------------------------------------------------

struct Scheduled : Seeded {
  std::string out;
  void SetUp() override {
    cli.now = Cli::at(2019, 4, 10, 2); // the schedule is added on 2019-04-10
    Seeded::SetUp();
    out = (cli.dir() / "reports").string();
    std::filesystem::create_directories(out);
  }
  std::vector<std::string> files() {
    std::vector<std::string> names;
    for (const auto& f : std::filesystem::directory_iterator(out)) names.push_back(f.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(Scheduled, run_due_catches_up_every_missed_period_once) {
  auto add = cli.run({"--format", "json", "schedule", "add", "tz-monthly", "--plan", "tongzhou-st-2020",
                      "--every", "month", "--out", out});
  ASSERT_EQ(add.code, 0) << add.err;
  // A week into July, after downtime: April, May and June are due.
  auto r = cli.run({"run-due", "--now", "2019-07-08T09:00:00+08:00"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(files(), (std::vector<std::string>{"tongzhou-st-2020-2019-04.json",
                                               "tongzhou-st-2020-2019-05.json",
                                               "tongzhou-st-2020-2019-06.json"}));
  // Each as of its period end and known at its due time (local midnight after it).
  auto june = nlohmann::json::parse(read_file(out + "/tongzhou-st-2020-2019-06.json"));
  EXPECT_EQ(june["as_of"], "2019-06-30");
  EXPECT_EQ(june["known_at"], "2019-06-30T16:00:00Z");
  EXPECT_EQ(june["period"], "2019-06");
  // Again: nothing more is due and nothing is rewritten.
  auto again = cli.run({"run-due", "--now", "2019-07-08T09:00:00+08:00"});
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, "nothing due\n");
  auto reports = nlohmann::json::parse(cli.run({"--format", "json", "reports", "list"}).out);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0]["period"], "2019-04");
  // July becomes due on 2019-08-01 00:00 in Shanghai, not before.
  EXPECT_EQ(cli.run({"run-due", "--now", "2019-07-31T23:59:59+08:00"}).out, "nothing due\n");
  auto july = cli.run({"run-due", "--now", "2019-08-01T00:00:00+08:00"});
  EXPECT_NE(july.out.find("period 2019-07"), std::string::npos) << july.out;
}

TEST_F(Scheduled, two_runs_at_once_write_each_report_exactly_once) {
  ASSERT_EQ(cli.run({"schedule", "add", "q", "--plan", "tongzhou-st-2020", "--every", "quarter", "--out", out}).code, 0);
  Result a, b;
  std::thread first([&] { a = cli.run({"run-due", "--now", "2020-01-15T00:00:00Z"}); });
  std::thread second([&] { b = cli.run({"run-due", "--now", "2020-01-15T00:00:00Z"}); });
  first.join();
  second.join();
  EXPECT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(b.code, 0) << b.err;
  // 2019Q2, Q3, Q4: each written by exactly one of the two runs.
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  for (auto period : {"period 2019Q2", "period 2019Q3", "period 2019Q4"})
    EXPECT_EQ(count(a.out + b.out, period), 1u) << a.out << b.out;
  EXPECT_EQ(files().size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"--format", "json", "reports", "list"}).out).size(), 3u);
}

TEST_F(Scheduled, reports_verify_tells_an_archived_file_from_a_changed_one) {
  ASSERT_EQ(cli.run({"--format", "html", "schedule", "add", "y", "--plan", "fangshan-industry-2018", "--every", "year", "--out", out}).code, 0);
  ASSERT_EQ(cli.run({"run-due", "--now", "2019-01-02T00:00:00Z"}).code, 0);
  auto path = out + "/fangshan-industry-2018-2019.html";
  ASSERT_EQ(files(), std::vector<std::string>{});
  // Created in 2019-04: the first yearly report (2019) is due on 2020-01-01.
  ASSERT_EQ(cli.run({"run-due", "--now", "2020-01-01T00:00:00+08:00"}).code, 0);
  ASSERT_EQ(files(), std::vector<std::string>{"fangshan-industry-2018-2019.html"});
  auto ok = cli.run({"reports", "verify", path});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out.rfind(path + " matches archived report 1 (schedule y, plan fangshan-industry-2018, period 2019", 0), 0u) << ok.out;
  std::ofstream(path, std::ios::app) << "<!-- edited -->";
  auto changed = cli.run({"reports", "verify", path});
  EXPECT_EQ(changed.code, 5);
  EXPECT_NE(changed.err.find("differs from archived report 1"), std::string::npos) << changed.err;
  auto stranger = cli.run({"reports", "verify", cli.write("other.html", "<html></html>")});
  EXPECT_EQ(stranger.code, 5);
  EXPECT_NE(stranger.err.find("matches no archived report"), std::string::npos) << stranger.err;
}

TEST_F(Scheduled, schedule_list_and_remove) {
  ASSERT_EQ(cli.run({"schedule", "add", "m", "--plan", "tongzhou-st-2020", "--every", "month", "--out", out}).code, 0);
  auto list = nlohmann::json::parse(cli.run({"--format", "json", "schedule", "list"}).out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["every"], "month");
  EXPECT_EQ(list[0]["format"], "md");
  EXPECT_EQ(cli.run({"schedule", "remove", "m"}).out, "removed schedule m\n");
  auto gone = cli.run({"schedule", "remove", "m"});
  EXPECT_EQ(gone.code, 1);
  EXPECT_EQ(gone.err, "plantrack: error: no schedule named 'm'; see `plantrack schedule list`\n");
}

TEST_F(Scheduled, bad_schedules_are_refused_and_nothing_is_stored) {
  auto refused = [&](std::vector<std::string> args, const std::string& error) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
    EXPECT_EQ(cli.run({"--format", "json", "schedule", "list"}).out, "[]\n");
  };
  refused({"schedule", "add", "a", "--plan", "nope", "--every", "month", "--out", out},
          "unknown plan 'nope'; see `plantrack plan list` for the plans in this database");
  refused({"schedule", "add", "a", "--plan", "tongzhou-st-2020", "--every", "week", "--out", out},
          "--every 'week' is not one of month, quarter, year");
  refused({"schedule", "add", "a", "--plan", "tongzhou-st-2020", "--every", "month", "--out", out + "/missing"},
          "output folder '" + out + "/missing' does not exist; create it first or pass another --out");
  if (access("/proc/1", W_OK) != 0)
    refused({"schedule", "add", "a", "--plan", "tongzhou-st-2020", "--every", "month", "--out", "/proc/1"},
            "output folder '/proc/1' is not writable; fix its permissions or pass another --out");
  ASSERT_EQ(cli.run({"schedule", "add", "a", "--plan", "tongzhou-st-2020", "--every", "month", "--out", out}).code, 0);
  auto taken = cli.run({"schedule", "add", "a", "--plan", "fangshan-industry-2018", "--every", "year", "--out", out});
  EXPECT_EQ(taken.code, 1);
  EXPECT_EQ(taken.err, "plantrack: error: schedule name 'a' is already taken (plan tongzhou-st-2020); choose another name or `plantrack schedule remove a` first\n");
}

// --- colour ------------------------------------------------------------------------------------

TEST_F(Seeded, status_is_coloured_on_a_terminal_unless_no_color_or_never) {
  const std::string green = "\x1b[32m";
  auto plain = cli.run({"status", "fangshan-industry-2018"});
  EXPECT_EQ(plain.out.find("\x1b["), std::string::npos); // not a terminal: plain
  cli.terminal = true;
  auto coloured = cli.run({"status", "fangshan-industry-2018"});
  EXPECT_NE(coloured.out.find(green + "achieved\x1b[0m"), std::string::npos) << coloured.out;
  EXPECT_NE(coloured.out.find("\x1b[31mbreached"), std::string::npos) << coloured.out;
  EXPECT_EQ(cli.run({"--color", "never", "status"}).out.find("\x1b["), std::string::npos);
  cli.env["NO_COLOR"] = "1";
  EXPECT_EQ(cli.run({"status"}).out.find("\x1b["), std::string::npos);
  EXPECT_NE(cli.run({"--color", "always", "status"}).out.find(green), std::string::npos);
  // Colour codes do not disturb the alignment: the same table without them.
  std::string stripped = coloured.out;
  for (auto code : {"\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"})
    for (size_t at; (at = stripped.find(code)) != std::string::npos;) stripped.erase(at, std::string(code).size());
  EXPECT_EQ(stripped, plain.out);
  auto bad = cli.run({"--color", "sometimes", "status"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, "plantrack: error: --color 'sometimes' is not one of auto, always, never\n");
}
