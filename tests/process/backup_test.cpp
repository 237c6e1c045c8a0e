// Backups while officials keep logging: two processes log one entry after another while
// `plantrack backup` runs again and again. Every backup is written and verified (exit 0), none
// makes a writer fail, and each copy holds a prefix of the final chain: the entries committed
// when it was taken, each with the hash it has in the live database.

#include "process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

using namespace plantrack::process;

namespace {

constexpr int writers = 2;
constexpr int entries_per_writer = 150;
constexpr int backups = 6;

std::map<std::int64_t, std::string> hashes(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(sqlite, "SELECT id, hash FROM entries ORDER BY id");
  std::map<std::int64_t, std::string> out;
  while (q.executeStep()) out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
  return out;
}

} // namespace

TEST(Backup, copies_taken_while_officials_log_are_consistent_and_verify) {
  TempDir dir("plantrack-backup");
  const std::string db = (dir.path() / "plantrack.db").string();
  auto plantrack = [&](std::vector<std::string> args, const std::string& scratch) {
    args.insert(args.begin(), {"--db", db});
    return run(args, dir.path() / scratch);
  };
  ASSERT_EQ(plantrack({"init"}, "main").code, 0);
  write_file(dir.path() / "backup.yaml", one_target_plan("backup", "备份"));
  ASSERT_EQ(plantrack({"plan", "import", (dir.path() / "backup.yaml").string()}, "main").code, 0);

  std::atomic<int> failed{0};
  std::vector<std::thread> logging;
  for (int w = 0; w < writers; ++w)
    logging.emplace_back([&, w] {
      const std::string who = "writer-" + std::to_string(w);
      for (int i = 0; i < entries_per_writer; ++i)
        if (plantrack({"--by", who, "log", "backup/count", std::to_string(i), "--period", "2019"},
                      who)
                .code != 0)
          ++failed;
    });
  std::vector<std::string> copies;
  for (int b = 0; b < backups; ++b) {
    copies.push_back((dir.path() / ("copy-" + std::to_string(b) + ".db")).string());
    auto made = plantrack({"backup", "--to", copies.back()}, "backup");
    EXPECT_EQ(made.code, 0) << made.err;
    EXPECT_NE(made.out.find("written and verified"), std::string::npos) << made.out;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  for (auto& t : logging) t.join();
  EXPECT_EQ(failed.load(), 0) << "a log failed while backups ran";

  auto live = hashes(db);
  ASSERT_EQ(live.size(), static_cast<size_t>(writers * entries_per_writer));
  size_t previous = 0;
  for (const auto& copy : copies) {
    auto copied = hashes(copy);
    EXPECT_GE(copied.size(), previous) << copy << ": later copies hold at least as much";
    previous = copied.size();
    std::int64_t expected_id = 0;
    for (const auto& [id, hash] : copied) {
      EXPECT_EQ(id, ++expected_id) << copy << ": a prefix of the chain, no gap";
      EXPECT_EQ(hash, live.at(id)) << copy << ": entry " << id;
    }
    auto verified = run({"--db", copy, "audit", "verify"}, dir.path() / "verify");
    EXPECT_EQ(verified.code, 0) << verified.err;
  }
  EXPECT_GT(previous, 0u) << "the last copy was taken while entries were there";
}
