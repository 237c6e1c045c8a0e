// `plantrack status` at scale: plans are assessed and written one at a time, so memory stays
// flat in the number of targets. Timings live in docs/benchmarks.md, never here.

#include "cli_harness.hpp"

#include "support/child_process.hpp"
#include "support/entry_csv.hpp"
#include "support/plan_files.hpp"

#include <fmt/format.h>

#include <fstream>

using plantrack::support::built_plantrack;
using plantrack::support::peak_kib_of;
using plantrack::support::sanitized;
using plantrack::testing::Cli;

namespace {

constexpr int targets_per_plan = 100;

// A database of `targets` targets (plans of 100), each with two entries.
void fill(Cli& cli, int targets) {
  ASSERT_EQ(cli.run({"init"}).code, 0);
  std::vector<std::string> args{"plan", "import"};
  std::ofstream csv(cli.dir() / "entries.csv", std::ios::binary);
  csv << plantrack::support::entry_csv_header;
  for (int p = 0; p * targets_per_plan < targets; ++p) {
    std::string id = fmt::format("scale-{:04}", p);
    std::string text = plantrack::support::test_plan_header(id, "规模测试规划");
    for (int t = 0; t < targets_per_plan; ++t) {
      text += fmt::format(R"(  - id: t{0:03}
    title: 指标{0}
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 60
    deadline: 2020-12-31
    baseline: {{value: 40, date: 2015-12-31}}
    source: "比例达到60%"
)",
                          t);
      csv << fmt::format("{0}/t{1:03},2017,{2}.5,%,,,,,\n{0}/t{1:03},2018,{3}.5,%,,,,,\n", id, t,
                         40 + t % 10, 45 + t % 12);
    }
    args.push_back(cli.write(id + ".yaml", text));
  }
  csv.close();
  auto plans = cli.run(args);
  ASSERT_EQ(plans.code, 0) << plans.err;
  auto imported = cli.run({"import", (cli.dir() / "entries.csv").string()});
  ASSERT_EQ(imported.code, 0) << imported.err;
}

} // namespace

TEST(StatusScale, memory_stays_flat_from_ten_thousand_to_a_hundred_thousand_targets) {
  if (sanitized) GTEST_SKIP() << "sanitizers keep freed memory: peak RSS says nothing here";
  auto plantrack = built_plantrack();
  ASSERT_TRUE(std::filesystem::exists(plantrack)) << "no program at " << plantrack;
  Cli small, large;
  fill(small, 10000);
  fill(large, 100000);
  for (auto format : {"table", "json"}) {
    long small_kib = peak_kib_of({plantrack.string(), "--db", small.db(), "--as-of",
                                  "2019-06-30", "--format", format, "status"});
    long large_kib = peak_kib_of({plantrack.string(), "--db", large.db(), "--as-of",
                                  "2019-06-30", "--format", format, "status"});
    ASSERT_GT(small_kib, 0);
    ASSERT_GT(large_kib, 0);
    // Holding the 90,000 extra targets' assessments took about 140 MiB; streaming takes none.
    EXPECT_LT(large_kib - small_kib, 16 * 1024)
        << format << ": 10,000 targets peaked at " << small_kib << " KiB, 100,000 at "
        << large_kib << " KiB";
  }
}
