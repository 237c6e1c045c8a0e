// Many writers: 8 processes, each running `plantrack log` 500 times one after another, all at
// once on one SQLite database. Every command succeeds (none is refused as busy), exactly 4,000
// entries land, each writer's 500 values are all there once, and the audit chain verifies.

#include "process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <set>

using namespace plantrack::process;

namespace {

constexpr int writers = 8;
constexpr int entries_per_writer = 500;


// The body of writer `w`, run in a forked child: log values 0..499 as writer-w, one process
// each, and write every failure to writer-w.failures. Returns the child's exit code.
int write_entries(const std::string& db, const std::filesystem::path& dir, int w) {
  const std::string who = "writer-" + std::to_string(w);
  std::ofstream failures(dir / (who + ".failures"));
  int failed = 0;
  for (int i = 0; i < entries_per_writer; ++i) {
    Result r = run({"--db", db, "--by", who, "log", "writers/count", std::to_string(i),
                    "--period", "2018"},
                   dir / who);
    if (r.code != 0 || r.out.empty()) {
      ++failed;
      failures << who << " entry " << i << ": exit " << r.code << ": " << r.err << "\n";
    }
  }
  failures.close();
  return failed == 0 ? 0 : 1;
}

} // namespace

TEST(ManyWriters, eight_processes_logging_at_once_land_every_entry_and_keep_the_chain) {
  TempDir dir("plantrack-writers");
  const std::string db = (dir.path() / "plantrack.db").string();
  auto plantrack = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    return run(args, dir.path() / "main");
  };
  ASSERT_EQ(plantrack({"init"}).code, 0);
  write_file(dir.path() / "writers.yaml", one_target_plan("writers", "并发写入"));
  auto imported = plantrack({"plan", "import", (dir.path() / "writers.yaml").string()});
  ASSERT_EQ(imported.code, 0) << imported.err;

  const auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> children;
  for (int w = 0; w < writers; ++w) {
    pid_t pid = fork();
    if (pid == 0) _exit(write_entries(db, dir.path(), w));
    ASSERT_GT(pid, 0) << "fork failed";
    children.push_back(pid);
  }
  for (int w = 0; w < writers; ++w) {
    Ended ended = wait_for(children[static_cast<size_t>(w)]);
    EXPECT_TRUE(ended.exited() && ended.code == 0)
        << "writer-" << w << " (exit " << ended.code << ", signal " << ended.signal << "):\n"
        << read_file(dir.path() / ("writer-" + std::to_string(w) + ".failures"));
  }
  const double elapsed = seconds_since(start);
  std::cout << "[ writers  ] " << writers * entries_per_writer << " `plantrack log` by " << writers
            << " processes at once: " << elapsed << " s\n";
  RecordProperty("seconds", std::to_string(elapsed));

  auto listed = plantrack({"--format", "json", "entries"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  auto entries = nlohmann::json::parse(listed.out);
  ASSERT_EQ(entries.size(), static_cast<size_t>(writers * entries_per_writer));
  std::map<std::string, std::multiset<std::string>> values_by_writer;
  std::int64_t expected_id = 0;
  for (const auto& e : entries) {
    EXPECT_EQ(e["id"].get<std::int64_t>(), ++expected_id) << "ids are dense and in order";
    values_by_writer[e["recorded_by"].get<std::string>()].insert(e["value_text"].get<std::string>());
  }
  std::multiset<std::string> every_value;
  for (int i = 0; i < entries_per_writer; ++i) every_value.insert(std::to_string(i));
  ASSERT_EQ(values_by_writer.size(), static_cast<size_t>(writers));
  for (int w = 0; w < writers; ++w)
    EXPECT_EQ(values_by_writer["writer-" + std::to_string(w)], every_value)
        << "writer-" << w << " has each of its values exactly once";

  auto verified = plantrack({"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
  EXPECT_EQ(verified.out.rfind("audit chain verified: 4000 entries, head ", 0), 0u) << verified.out;

  SQLite::Database sqlite(db, SQLite::OPEN_READWRITE);
  EXPECT_EQ(sqlite.execAndGet("PRAGMA integrity_check").getString(), "ok");
}
