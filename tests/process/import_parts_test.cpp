// Officials log while a large import appends: an import of more than 10,000 rows commits in
// parts, and a `plantrack log` started while it appends gets its turn between two parts
// instead of waiting for the whole import. No reader sees any of the import before its last
// part; afterwards all of it is there, the log's entry lies among the import's ids, and the
// chain verifies. (Whether the log also finishes quickly is a benchmark: docs/benchmarks.md.)

#include "process.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <thread>

using namespace plantrack::process;

namespace {

constexpr int rows = 200000; // 20 parts; a few seconds of appending in any build

std::string big_csv() {
  std::string csv = "target,period,value,unit,source,note,recorded_by,provisional,entities\n";
  for (int i = 0; i < rows; ++i)
    csv += "parts/count," + std::to_string(2016 + i % 5) + "-" + (i % 2 ? "06" : "12") + "," +
           std::to_string(i) + ",家,统计年报(虚构),第" + std::to_string(i) + "行,导入员,false,\n";
  return csv;
}

// (unfinished batches, entries of them): what the import has committed so far.
std::pair<std::int64_t, std::int64_t> unfinished(const std::string& db) {
  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  // As plantrack's own connections do: a WAL reader may find the lock it needs to start
  // reading taken for a moment (the importer ending a part), and would fail at once.
  sqlite.setBusyTimeout(10000);
  SQLite::Statement q(sqlite, "SELECT COUNT(*), (SELECT COUNT(*) FROM entries WHERE batch IN "
                              "(SELECT id FROM import_batches WHERE finished_at IS NULL)) "
                              "FROM import_batches WHERE finished_at IS NULL");
  q.executeStep();
  return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
}

std::int64_t number_after(const std::string& text, const std::string& word) {
  auto at = text.find(word);
  if (at == std::string::npos) return -1;
  return std::stoll(text.substr(at + word.size()));
}

} // namespace

TEST(ImportParts, a_log_during_a_long_import_gets_in_between_its_parts) {
  TempDir dir("plantrack-parts");
  const std::string csv = (dir.path() / "big.csv").string();
  const std::string plan = (dir.path() / "parts.yaml").string();
  const std::string db = (dir.path() / "plantrack.db").string();
  write_file(csv, big_csv());
  write_file(plan, one_target_plan("parts", "分段导入"));
  auto plantrack = [&](std::vector<std::string> args, const std::string& scratch = "main") {
    args.insert(args.begin(), {"--db", db, "--by", "tester"});
    return run(args, dir.path() / scratch);
  };
  ASSERT_EQ(plantrack({"init"}).code, 0);
  ASSERT_EQ(plantrack({"plan", "import", plan}).code, 0);

  const std::string out = (dir.path() / "import.out").string();
  const std::string err = (dir.path() / "import.err").string();
  pid_t pid = spawn({"--db", db, "--by", "importer", "import", csv}, out, err);
  // Wait until the first part is committed (the rows are checked first, without the lock).
  std::int64_t seen = 0;
  for (int i = 0; i < 6000 && seen == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = unfinished(db).second;
  }
  ASSERT_GT(seen, 0) << "the import never committed a part: " << read_file(err);
  ASSERT_LT(seen, rows) << "the import committed everything at once";

  // Readers see none of it yet; a writer gets in.
  auto listed = plantrack({"entries", "--format", "csv"}, "entries");
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 1) << "only the header";
  auto logged = plantrack({"log", "parts/count", "7", "--period", "2016"}, "log");
  ASSERT_EQ(logged.code, 0) << logged.err;
  const std::int64_t log_id = std::stoll(logged.out); // log prints the new entry's id
  ASSERT_GT(log_id, 0) << logged.out;
  const auto while_logging = unfinished(db);
  EXPECT_EQ(while_logging.first, 1) << "the import finished before the log: nothing was tested";

  Ended ended = wait_for(pid);
  ASSERT_TRUE(ended.exited());
  ASSERT_EQ(ended.code, 0) << read_file(err);
  const std::string said = read_file(out);
  const std::int64_t first = number_after(said, "(ids ");
  const std::int64_t last = number_after(said, "..");
  EXPECT_LT(first, log_id) << said;
  EXPECT_GT(last, log_id) << said;
  EXPECT_EQ(unfinished(db).first, 0);

  SQLite::Database sqlite(db, SQLite::OPEN_READONLY);
  EXPECT_EQ(sqlite.execAndGet("SELECT COUNT(*) FROM entries").getInt64(), rows + 1);
  auto verified = plantrack({"audit", "verify"}, "verify");
  EXPECT_EQ(verified.code, 0) << verified.err;
  EXPECT_NE(verified.out.find("audit chain verified: " + std::to_string(rows + 1) + " entries"),
            std::string::npos)
      << verified.out;
  EXPECT_EQ(verified.out.find("unfinished"), std::string::npos) << verified.out;
}
