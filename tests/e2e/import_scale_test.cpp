// End-to-end tests of `plantrack import` at scale: the file is streamed (memory does not grow
// with it), the first 50 bad rows are listed and the rest counted, a BOM is accepted and
// --dry-run writes nothing. Timings live in docs/benchmarks.md, never here.

#include "cli_harness.hpp"

#include "engine/store.hpp"
#include "storage/storage.hpp"
#include "support/child_process.hpp"
#include "support/entry_csv.hpp"
#include "support/plan_files.hpp"
#include "support/text.hpp"

#include <filesystem>
#include <fstream>

using plantrack::testing::Cli;
using plantrack::support::lines_of;

namespace {

const std::string plan_text = plantrack::support::test_plan_header("scale", "规模测试规划",
                                                                  "2020-12-31", "quarter") +
                              R"(  - id: share
    title: 比例
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 60
    deadline: 2020-12-31
    baseline: {value: 40, date: 2015-12-31}
    source: "比例达到60%"
  - id: exits
    title: 退出企业
    goal: g
    kind: cumulative
    unit: 家
    rule: at_least
    value: 500
    deadline: 2020-12-31
    source: "退出企业500家"
)";

const std::string& header = plantrack::support::entry_csv_header;

// A good row, different for each `i`.
std::string good_row(int i) {
  return "scale/share," + std::to_string(2016 + i % 5) + "-" + (i % 12 < 9 ? "0" : "") +
         std::to_string(i % 12 + 1) + "," + std::to_string(40 + i % 20) + ".5,%,月报,,统计科,false,\n";
}

struct ImportScale : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("scale.yaml", plan_text)});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  std::int64_t stored_entries() {
    return plantrack::engine::open_store(cli.db())->highest_entry_id();
  }
  // Write a CSV of `rows` good rows (header first) and return its path.
  std::string good_file(const std::string& name, int rows) {
    auto path = cli.dir() / name;
    std::ofstream out(path, std::ios::binary);
    out << header;
    for (int i = 0; i < rows; ++i) out << good_row(i);
    return path.string();
  }
};

} // namespace

TEST_F(ImportScale, sixty_bad_rows_list_the_first_fifty_with_lines_and_count_the_rest) {
  std::string csv = header;
  int line = 1;
  std::vector<int> bad_lines;
  for (int i = 0; i < 60; ++i) {
    csv += good_row(i), ++line;
    csv += "scale/share,2018-06,n" + std::to_string(i) + ",%,,,,,\n", ++line;
    bad_lines.push_back(line);
  }
  auto path = cli.write("bad.csv", csv);
  auto r = cli.run({"import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 52u) << r.err;
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(lines[static_cast<size_t>(i)],
              "plantrack: error: " + path + ":" + std::to_string(bad_lines[static_cast<size_t>(i)]) +
                  ": value: value 'n" + std::to_string(i) +
                  "' is not a number; write digits with an optional decimal point, e.g. 2628.7");
  EXPECT_EQ(lines[50], "plantrack: error: " + path + ": 10 more bad row(s) after line " +
                           std::to_string(bad_lines[49]) +
                           " are not listed; fix the rows above and check the file again with "
                           "--dry-run");
  EXPECT_EQ(lines[51], "plantrack: error: " + path +
                           ": 60 bad row(s); nothing was imported, fix them and run the import "
                           "again");
  EXPECT_EQ(stored_entries(), 0);
}

TEST_F(ImportScale, rows_after_the_fiftieth_bad_one_are_still_checked_and_counted) {
  std::string csv = header;
  for (int i = 0; i < 70; ++i) csv += "scale/nope,2018,1,%,,,,,\n"; // the same unknown target
  csv += "scale/share,2018Q7,1,%,,,,,\n";                            // a different fault at the end
  auto path = cli.write("bad.csv", csv);
  auto r = cli.run({"import", path, "--dry-run"});
  EXPECT_EQ(r.code, 1);
  auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 52u) << r.err;
  EXPECT_EQ(lines[0], "plantrack: error: " + path +
                          ":2: target: plan 'scale' has no target or task 'nope'; see "
                          "`plantrack plan show scale` for its targets and tasks");
  EXPECT_EQ(lines[50], "plantrack: error: " + path +
                           ": 21 more bad row(s) after line 51 are not listed; fix the rows above "
                           "and check the file again with --dry-run");
  EXPECT_EQ(lines[51], "plantrack: error: " + path +
                           ": 71 bad row(s); nothing was imported, fix them and run the import "
                           "again");
}

TEST_F(ImportScale, a_bad_last_row_after_thousands_of_good_ones_imports_nothing) {
  auto path = cli.dir() / "late.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << header;
    for (int i = 0; i < 5000; ++i) out << good_row(i);
    out << "scale/share,2019,,%,,,,,\n";
  }
  auto r = cli.run({"import", path.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: " + path.string() +
                       ":5002: value: value '' is not a number; write digits with an optional "
                       "decimal point, e.g. 2628.7\n"
                       "plantrack: error: " + path.string() +
                       ": 1 bad row(s); nothing was imported, fix them and run the import again\n");
  EXPECT_EQ(stored_entries(), 0);
  // The refused import let go of the write lock: the next write goes through.
  auto logged = cli.run({"log", "scale/share", "50", "--period", "2019"});
  EXPECT_EQ(logged.code, 0) << logged.err;
  EXPECT_EQ(logged.out, "1\n");
}

TEST_F(ImportScale, a_byte_order_mark_is_accepted) {
  auto path = cli.write("bom.csv", "\xEF\xBB\xBF" + header + good_row(0) + good_row(1));
  auto r = cli.run({"import", path});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, path + ": imported 2 entries (ids 1..2)\n");
  EXPECT_EQ(stored_entries(), 2);
}

TEST_F(ImportScale, dry_run_checks_every_row_and_writes_nothing) {
  auto path = good_file("dry.csv", 3000);
  auto r = cli.run({"import", path, "--dry-run"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, path + ": 3000 rows are valid; nothing written (dry run)\n");
  EXPECT_EQ(stored_entries(), 0);
  auto imported = cli.run({"import", path});
  EXPECT_EQ(imported.code, 0) << imported.err;
  EXPECT_EQ(imported.out, path + ": imported 3000 entries (ids 1..3000)\n");
  EXPECT_EQ(plantrack::engine::open_store(cli.db())->entries({"scale", "share"}).size(), 3000u);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(ImportScale, ids_continue_the_chain_after_earlier_entries) {
  ASSERT_EQ(cli.run({"log", "scale/exits", "3", "--period", "2018-01"}).code, 0);
  auto path = good_file("more.csv", 10);
  auto r = cli.run({"import", path});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, path + ": imported 10 entries (ids 2..11)\n");
  auto verified = cli.run({"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.out << verified.err;
}

TEST_F(ImportScale, a_repeated_column_is_refused_in_one_line) {
  auto path = cli.write("dup.csv", "target,period,value,value\nscale/share,2018,1,2\n");
  auto r = cli.run({"import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: " + path +
                       ":1: column 'value' appears twice in the header; name each column once\n");
}

TEST_F(ImportScale, a_folder_is_refused_in_one_line) {
  auto r = cli.run({"import", cli.dir().string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '" + cli.dir().string() + "' is a folder; name a CSV file\n");
}

using plantrack::support::built_plantrack;
using plantrack::support::peak_kib_of;
using plantrack::support::sanitized;

TEST_F(ImportScale, memory_does_not_grow_with_the_file) {
  if (sanitized) GTEST_SKIP() << "sanitizers keep freed memory: peak RSS says nothing here";
  auto plantrack = built_plantrack();
  ASSERT_TRUE(std::filesystem::exists(plantrack)) << "no program at " << plantrack;
  auto small = good_file("small.csv", 20000);
  auto large = good_file("large.csv", 200000);
  Cli other;
  ASSERT_EQ(other.run({"init"}).code, 0);
  ASSERT_EQ(other.run({"plan", "import", other.write("scale.yaml", plan_text)}).code, 0);
  long small_kib = peak_kib_of({plantrack.string(), "--db", cli.db(), "import", small});
  long large_kib = peak_kib_of({plantrack.string(), "--db", other.db(), "import", large});
  ASSERT_GT(small_kib, 0);
  ASSERT_GT(large_kib, 0);
  EXPECT_EQ(plantrack::engine::open_store(other.db())->highest_entry_id(), 200000);
  // Holding the 180,000 extra rows would take well over 50 MiB; streaming them takes none.
  EXPECT_LT(large_kib - small_kib, 16 * 1024)
      << "20,000 rows peaked at " << small_kib << " KiB, 200,000 rows at " << large_kib << " KiB";
}
