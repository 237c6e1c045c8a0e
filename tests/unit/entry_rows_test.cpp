// Reading entries back (storage/sqlite/entry_rows): every query over entries decodes a row the
// same way, so assessment sees what `entries` shows and a bad row is refused by each of them.

#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace plantrack::storage {
namespace {

const char* const plan_yaml = R"(id: rows
title: 示例规划
issuer: 示例区人民政府
jurisdiction: 示例区
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source: {title: 示例规划原文, date: 2016-05-01}
goals:
  - {id: growth, title: 增长}
targets:
  - {id: patents, title: 年专利申请量, goal: growth, kind: flow, per: year, unit: 件,
     rule: at_least, value: 5000, deadline: 2020-12-31, source: "年专利申请量达到5000件"}
  - {id: rate, title: 研发投入强度, goal: growth, kind: level, unit: "%",
     rule: at_least, value: 3, deadline: 2020-12-31, source: "研发投入强度达到3%"}
)";

const Timestamp at = Timestamp(date::sys_days(date::year(2019) / 6 / 30));

Entry entry(const std::string& target, const std::string& period, double value) {
  Entry e;
  e.plan_id = "rows";
  e.target_id = target;
  e.period = parse_period(period);
  e.value = value;
  e.value_text = std::to_string(value);
  e.recorded_at = at;
  e.recorded_by = "tester";
  e.source = "统计年报";
  e.note = "a note";
  return e;
}

// A database file with the plan and five entries, two targets interleaved, one corrected.
class EntryRows : public ::testing::Test {
protected:
  void SetUp() override {
    std::random_device rd;
    path = (std::filesystem::temp_directory_path() /
            ("plantrack-entry-rows-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) +
             ".db"))
               .string();
    auto db = open_sqlite(path);
    auto loaded = planfile::load_plan(plan_yaml, "rows.yaml");
    db->import_plans({{loaded.plan, loaded.document}}, at, "tester", "");
    std::vector<Entry> batch{entry("rate", "2017", 2.5), entry("patents", "2017", 4100),
                             entry("rate", "2018", 2.7), entry("patents", "2018Q2", 1200)};
    batch[1].provisional = true;
    batch[2].entities = {"示例企业01", "Acme"};
    batch[3].recorded_at = at + std::chrono::hours(30);
    db->append_entries(batch);
    Entry fix = entry("patents", "2017", 4200);
    fix.action = Action::correct;
    fix.corrects = batch[1].id;
    fix.reason = "年报更正";
    std::vector<Entry> correction{fix};
    db->append_entries(correction);
  }
  void TearDown() override {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path + suffix, ec);
  }
  std::string path;
};

TEST_F(EntryRows, assessment_reads_what_entries_reads) {
  auto db = open_sqlite(path);
  auto whole = db->entries({"rows", ""});
  auto assessed = db->assessment_entries("rows");
  ASSERT_EQ(whole.size(), 5u);
  ASSERT_EQ(assessed.size(), 5u);
  std::sort(assessed.begin(), assessed.end(), [](auto& a, auto& b) { return a.id < b.id; });
  for (size_t i = 0; i < whole.size(); ++i) {
    const Entry& w = whole[i];
    const Entry& a = assessed[i];
    EXPECT_EQ(a.id, w.id);
    EXPECT_EQ(a.plan_id, "rows");
    EXPECT_EQ(a.target_id, w.target_id);
    EXPECT_EQ(a.period.text, w.period.text);
    EXPECT_EQ(a.period.start, w.period.start);
    EXPECT_EQ(a.period.end, w.period.end);
    EXPECT_EQ(a.value, w.value);
    EXPECT_EQ(a.recorded_at, w.recorded_at);
    EXPECT_EQ(a.provisional, w.provisional);
    EXPECT_EQ(a.entities, w.entities);
    EXPECT_EQ(a.action, w.action);
    EXPECT_EQ(a.corrects, w.corrects);
    // The fields assessment does not read stay empty.
    EXPECT_EQ(a.value_text, "");
    EXPECT_EQ(a.source, "");
    EXPECT_EQ(a.reason, "");
    EXPECT_EQ(a.hash, "");
    EXPECT_NE(w.hash, "");
  }
  EXPECT_EQ(whole[3].recorded_at, at + std::chrono::hours(30));
  EXPECT_EQ(whole[4].reason, "年报更正");
}

TEST_F(EntryRows, a_row_that_does_not_read_back_is_corrupt_to_every_reader) {
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TRIGGER entries_are_append_only_update");
    // The first row assessment reads (patents, 2017): a cache must not stand in for it.
    raw.exec("UPDATE entries SET recorded_at = '' WHERE id = 2");
  }
  auto db = open_sqlite(path);
  EXPECT_THROW(db->entries({}), CorruptEntry);
  EXPECT_THROW(db->entries({"rows", ""}), CorruptEntry);
  EXPECT_THROW(db->find_entry(2), CorruptEntry);
  EXPECT_THROW(db->assessment_entries("rows"), CorruptEntry);
  EXPECT_TRUE(db->find_entry(1));
}

} // namespace
} // namespace plantrack::storage
