// Crash safety: a large `plantrack import` killed with SIGKILL at random moments, 20 times.
// After each kill the database passes PRAGMA integrity_check, shows all of that import or none
// of it (the parts of an import appended in parts stay hidden), and its audit chain verifies;
// after the last one a full import still goes through.

#include "process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <thread>

using namespace plantrack::process;

namespace {

constexpr int rows = 50000;        // 2 to 3 s of import in a RelWithDebInfo build on 2 cores
constexpr int rounds = 20;
constexpr unsigned seed = 20240611; // fixed: the same kill moments (as fractions) every run


std::string big_csv() {
  std::string csv = "target,period,value,unit,source,note,recorded_by,provisional,entities\n";
  for (int i = 0; i < rows; ++i)
    csv += "crash/count," + std::to_string(2016 + i % 5) + "-" + (i % 2 ? "06" : "12") + "," +
           std::to_string(i) + ",家,统计年报(虚构),第" + std::to_string(i) + "行,导入员,false,\n";
  return csv;
}

std::string integrity_check(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READWRITE); // read-write: it may recover the WAL
  return sqlite.execAndGet("PRAGMA integrity_check").getString();
}

// The entries readers see: an import of more than 10,000 rows appends in parts, and the rows
// of an import that never finished stay in the chain, hidden (migration 004).
std::int64_t entry_count(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READWRITE);
  return sqlite
      .execAndGet("SELECT COUNT(*) FROM entries WHERE batch IS NULL OR batch IN "
                  "(SELECT id FROM import_batches WHERE finished_at IS NOT NULL)")
      .getInt64();
}

std::int64_t stored_count(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  return sqlite.execAndGet("SELECT COUNT(*) FROM entries").getInt64();
}

} // namespace

TEST(CrashSafety, import_killed_at_random_moments_leaves_all_or_nothing_and_a_sound_chain) {
  TempDir dir("plantrack-crash");
  const std::string csv = (dir.path() / "big.csv").string();
  const std::string plan = (dir.path() / "crash.yaml").string();
  write_file(csv, big_csv());
  write_file(plan, one_target_plan("crash", "中断导入"));
  auto plantrack = [&](const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db, "--by", "tester"});
    return run(args, dir.path() / "main");
  };
  auto prepare = [&](const std::string& db) {
    ASSERT_EQ(plantrack(db, {"init"}).code, 0);
    auto r = plantrack(db, {"plan", "import", plan});
    ASSERT_EQ(r.code, 0) << r.err;
  };

  // How long the import takes here (the faster of two runs), and without its write (a dry
  // run), so that half the kills can aim at the write. Kills land before 90% of that time:
  // most of them before the commit, so that each round's audit verify stays short.
  const std::string scratch = (dir.path() / "measure.db").string();
  prepare(scratch);
  auto t0 = std::chrono::steady_clock::now();
  auto dry = plantrack(scratch, {"import", "--dry-run", csv});
  const double dry_seconds = seconds_since(t0);
  ASSERT_EQ(dry.code, 0) << dry.err;
  double import_seconds = 0;
  for (int i = 0; i < 2; ++i) {
    t0 = std::chrono::steady_clock::now();
    auto full = plantrack(scratch, {"import", csv});
    import_seconds = i == 0 ? seconds_since(t0) : std::min(import_seconds, seconds_since(t0));
    ASSERT_EQ(full.code, 0) << full.err;
  }
  ASSERT_EQ(entry_count(scratch), 2 * rows);
  std::filesystem::remove(scratch);
  std::cout << "[ crash    ] import of " << rows << " rows: " << import_seconds << " s ("
            << dry_seconds << " s as a dry run)\n";
  const double window = 0.9 * import_seconds;

  const std::string db = (dir.path() / "plantrack.db").string();
  prepare(db);
  for (const char* value : {"7", "8"})
    ASSERT_EQ(plantrack(db, {"log", "crash/count", value, "--period", "2016"}).code, 0);
  std::int64_t previous = 2;

  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> fraction(0.0, 1.0);
  int none = 0, all = 0, in_write = 0, hidden_rounds = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 1; round <= rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // Odd rounds: anywhere in the import; even rounds: within its write.
    const double delay = round % 2 ? fraction(rng) * window
                                   : dry_seconds + fraction(rng) * (window - dry_seconds);
    if (delay >= dry_seconds) ++in_write;
    const std::string out = (dir.path() / "import.out").string();
    const std::string err = (dir.path() / "import.err").string();
    pid_t pid = spawn({"--db", db, "--by", "tester", "import", csv}, out, err);
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    kill(pid, SIGKILL);
    Ended ended = wait_for(pid);
    if (ended.exited()) { // it finished before the kill
      EXPECT_EQ(ended.code, 0) << read_file(err);
    }

    EXPECT_EQ(integrity_check(db), "ok");
    const std::int64_t count = entry_count(db);
    EXPECT_TRUE(count == previous || count == previous + rows)
        << "after a kill at " << delay << " s the database holds " << count
        << " entries; expected " << previous << " (none of the import) or " << previous + rows
        << " (all of it)";
    if (ended.exited()) {
      EXPECT_EQ(count, previous + rows);
    }
    (count == previous ? none : all) += 1;
    auto verified = plantrack(db, {"audit", "verify"});
    EXPECT_EQ(verified.code, 0) << verified.err;
    // Parts of a killed import are in the chain, verified, and named as unfinished.
    if (stored_count(db) > count) {
      ++hidden_rounds;
      EXPECT_NE(verified.out.find("unfinished import"), std::string::npos) << verified.out;
    }
    previous = count;
  }
  const double kill_seconds = seconds_since(start);
  std::cout << "[ crash    ] " << rounds << " kills (" << in_write << " aimed at the write): "
            << none << " left none of the import (" << hidden_rounds
            << " with parts of it hidden), " << all << " all of it; " << kill_seconds << " s\n";
  RecordProperty("import_seconds", std::to_string(import_seconds));
  RecordProperty("kill_rounds_seconds", std::to_string(kill_seconds));
  EXPECT_GT(none, 0) << "no kill landed before the import committed: nothing was tested";

  // The database still takes a whole import after all that.
  auto again = plantrack(db, {"import", csv});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(entry_count(db), previous + rows);
  auto verified = plantrack(db, {"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
}
