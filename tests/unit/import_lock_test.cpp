// An import checks its whole file before it takes the write lock (docs/benchmarks.md "Import
// at scale"): others log while it reads, and a plan revised meanwhile is checked again.

#include "audit/chain.hpp"
#include "engine/entry_import.hpp"
#include "engine/record.hpp"
#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/entry_csv.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/plan_files.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

namespace plantrack {
namespace {

// Serves `lines` one at a time and calls `hook` once, when line `at` is first asked for: what
// another official does while the import reads its file.
class HookedLines : public std::streambuf {
public:
  HookedLines(std::vector<std::string> lines, size_t at, std::function<void()> hook)
      : lines_(std::move(lines)), at_(at), hook_(std::move(hook)) {}

protected:
  int_type underflow() override {
    if (next_ >= lines_.size()) return traits_type::eof();
    if (next_ == at_ && hook_) std::exchange(hook_, nullptr)();
    auto& line = lines_[next_++];
    setg(line.data(), line.data(), line.data() + line.size());
    return traits_type::to_int_type(line.front());
  }
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    if (off != 0 || dir != std::ios_base::beg) return pos_type(off_type(-1));
    next_ = 0;
    setg(nullptr, nullptr, nullptr);
    return pos_type(0);
  }
  pos_type seekpos(pos_type pos, std::ios_base::openmode mode) override {
    return seekoff(off_type(pos), std::ios_base::beg, mode);
  }

private:
  std::vector<std::string> lines_;
  size_t next_ = 0;
  size_t at_;
  std::function<void()> hook_;
};

std::string plan_with(const std::string& targets) {
  return support::sample_plan_yaml("demo-plan", "示例规划", targets);
}

class ImportLock : public ::testing::Test {
protected:
  void SetUp() override { import_plan(plan_with(support::sample_patents_target +
                                                support::sample_exits_target), ""); }

  void import_plan(const std::string& yaml, const std::string& reason) {
    auto loaded = planfile::load_plan(yaml, "demo.yaml");
    other->import_plans({{loaded.plan, loaded.document}}, now, "planner", reason);
  }

  // A file of `rows` patent rows, header first.
  std::vector<std::string> file(int rows) {
    std::vector<std::string> lines{support::entry_csv_header};
    for (int i = 0; i < rows; ++i)
      lines.push_back("demo-plan/patents," + std::to_string(2016 + i % 5) + "," +
                      std::to_string(3000 + i) + ",件,,,,false,\n");
    return lines;
  }

  engine::EntryImport import(std::vector<std::string> lines, size_t at,
                             std::function<void()> hook) {
    HookedLines buffer(std::move(lines), at, std::move(hook));
    std::istream in(&buffer);
    return engine::import_entries_csv(*db, in, "f.csv", now, "importer", false);
  }

  support::TempDir dir{"plantrack-import-lock"};
  std::string path = (dir.path() / "db.sqlite").string();
  std::unique_ptr<storage::Storage> db = storage::open_sqlite(path);
  std::unique_ptr<storage::Storage> other = storage::open_sqlite(path); // another official
  const Timestamp now = support::at(2019, 6, 30, 8);
};

TEST_F(ImportLock, a_log_while_the_file_is_read_goes_through_at_once_and_the_chain_holds) {
  std::int64_t logged = 0;
  auto result = import(file(500), 250, [&] {
    EntryInput input;
    input.ref = "demo-plan/exits";
    input.period = "2018";
    input.value = "12";
    input.recorded_by = "科员";
    logged = engine::log_entry(*other, input, now); // would wait for the lock if it were held
  });
  EXPECT_EQ(logged, 1);
  EXPECT_EQ(result.rows, 500u);
  EXPECT_EQ(result.ids.front(), 2);
  EXPECT_EQ(result.ids.back(), 501);
  auto all = db->entries({});
  ASSERT_EQ(all.size(), 501u);
  EXPECT_FALSE(audit::verify_chain(all, db->highest_entry_id()).broken);
}

TEST_F(ImportLock, a_plan_revised_while_the_file_is_read_is_checked_again_under_the_lock) {
  // The revision drops the target every row names: the rows no longer check.
  auto lines = file(100);
  EXPECT_EQ(support::input_errors_of([&] {
              import(lines, 50, [&] {
                import_plan(plan_with(support::sample_exits_target), "专利指标调整");
              });
            }).back(),
            "f.csv: 100 bad row(s); nothing was imported, fix them and run the import again");
  EXPECT_EQ(db->highest_entry_id(), 0);
}

TEST_F(ImportLock, a_plan_revised_to_what_the_rows_still_fit_imports_them_all) {
  std::string patents = support::sample_patents_target;
  auto at = patents.find("value: 5000");
  ASSERT_NE(at, std::string::npos);
  patents.replace(at, 11, "value: 6000");
  auto result = import(file(100), 50, [&] {
    import_plan(plan_with(patents + support::sample_exits_target), "目标上调");
  });
  EXPECT_EQ(result.rows, 100u);
  EXPECT_EQ(db->entries({"demo-plan", "patents"}).size(), 100u);
}

TEST_F(ImportLock, corrections_in_the_file_name_the_ids_the_import_hands_out) {
  EntryInput input;
  input.ref = "demo-plan/exits";
  input.period = "2017";
  input.value = "5";
  input.recorded_by = "科员";
  ASSERT_EQ(engine::log_entry(*db, input, now), 1);
  std::vector<std::string> lines{
      "id,target,period,value,unit,corrects,reason\n",
      "1,demo-plan/patents,2016,3000,件,,\n",
      "2,demo-plan/patents,2017,3100,件,,\n",
      "3,demo-plan/patents,2017,3150,件,2,年报修订\n",
  };
  auto result = import(lines, 99, nullptr);
  EXPECT_EQ(result.ids.front(), 2);
  auto stored = db->entries({"demo-plan", "patents"});
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[2].id, 4);
  ASSERT_TRUE(stored[2].corrects);
  EXPECT_EQ(*stored[2].corrects, 3); // the entry made from the file's row 2
  EXPECT_FALSE(audit::verify_chain(db->entries({}), db->highest_entry_id()).broken);
}

} // namespace
} // namespace plantrack
