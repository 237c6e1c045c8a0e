// Group commit (engine/entry_queue.hpp): entries logged by many threads at once are appended
// together, each checked on its own as log_entry checks it; one bad entry fails alone; every
// id comes back once, and the chain verifies. Runs on PostgreSQL too (postgres.*).

#include "engine/audit_trail.hpp"
#include "engine/entry_queue.hpp"
#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "support/dates.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace plantrack {
namespace {

class EntryQueueTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto loaded = planfile::load_plan(
        support::sample_plan_yaml("demo-plan", "示例规划", support::sample_patents_target),
        "demo.yaml");
    database.open()->import_plans({{loaded.plan, loaded.document}}, now, "planner", "");
  }

  static EntryInput patents(const std::string& value, const std::string& period) {
    EntryInput input;
    input.ref = "demo-plan/patents";
    input.period = period;
    input.value = value;
    input.recorded_by = "科员";
    return input;
  }

  support::TestDatabase database;
  Timestamp now = support::at(2019, 6, 30, 8);
};

TEST_F(EntryQueueTest, entries_logged_at_once_share_a_write_and_each_gets_its_own_id) {
  constexpr int threads = 8;
  std::atomic<int> arrived{0};
  bool first = true;
  std::mutex turn;
  // The first write waits until every thread has come, so the others queue behind it.
  engine::EntryQueue queue([&] {
    std::unique_lock<std::mutex> held(turn);
    if (first) {
      first = false;
      while (arrived.load() < threads) std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    return held;
  });
  std::vector<std::int64_t> ids(threads);
  std::vector<std::string> errors(threads);
  std::vector<std::thread> running;
  for (int i = 0; i < threads; ++i)
    running.emplace_back([&, i] {
      auto store = database.open();
      // The fourth is not a number: it fails alone, with log_entry's message.
      auto input = patents(i == 3 ? "很多" : std::to_string(4000 + i), "2018");
      ++arrived;
      try {
        ids[i] = queue.log(*store, input, now);
      } catch (const InputError& e) {
        errors[i] = e.what();
      }
    });
  for (auto& t : running) t.join();

  std::set<std::int64_t> distinct;
  for (int i = 0; i < threads; ++i) {
    if (i == 3) {
      EXPECT_EQ(ids[i], 0);
      EXPECT_NE(errors[i].find("很多"), std::string::npos) << errors[i];
    } else {
      EXPECT_GT(ids[i], 0) << errors[i];
      distinct.insert(ids[i]);
    }
  }
  EXPECT_EQ(distinct.size(), threads - 1u);
  auto counts = queue.counts();
  EXPECT_EQ(counts.entries, threads - 1); // the bad one was refused before it queued
  EXPECT_LT(counts.writes, counts.entries) << "no two entries shared a write";

  auto store = database.open();
  auto stored = store->entries({});
  ASSERT_EQ(stored.size(), threads - 1u);
  for (const auto& e : stored) {
    EXPECT_TRUE(distinct.count(e.id));
    EXPECT_EQ(e.value_text, std::to_string(static_cast<int>(e.value)));
  }
  auto verified = engine::check_chains(*store);
  EXPECT_FALSE(verified.chain.broken);
  EXPECT_EQ(verified.chain.entries, threads - 1u);
}

TEST_F(EntryQueueTest, alone_it_logs_as_log_entry_does) {
  engine::EntryQueue queue;
  auto store = database.open();
  auto id = queue.log(*store, patents("4400", "2018"), now);
  EXPECT_EQ(id, 1);
  EXPECT_THROW(queue.log(*store, patents("四千", "2019"), now), InputError);
  auto entry = store->find_entry(id);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->recorded_by, "科员");
  EXPECT_EQ(entry->recorded_at, now);
  EXPECT_EQ(queue.counts().writes, 1); // the bad one never queued
}

// The queue keeps the plans it decoded for the store's checks_version: a revision imported
// between two entries is what the second is checked against.
TEST_F(EntryQueueTest, a_plan_revised_between_two_entries_is_what_the_second_is_checked_against) {
  engine::EntryQueue queue;
  auto store = database.open();
  EntryInput exits = patents("10", "2018");
  exits.ref = "demo-plan/exits";
  EXPECT_THROW(queue.log(*store, exits, now), InputError); // not in the plan yet
  ASSERT_EQ(queue.log(*store, patents("4400", "2018"), now), 1);
  auto revised = planfile::load_plan(
      support::sample_plan_yaml("demo-plan", "示例规划",
                                support::sample_patents_target + support::sample_exits_target),
      "demo.yaml");
  store->import_plans({{revised.plan, revised.document}}, now, "planner", "增补指标");
  EXPECT_EQ(queue.log(*store, exits, now), 2);
  EXPECT_EQ(queue.log(*store, patents("4500", "2019"), now), 3);
}

} // namespace
} // namespace plantrack
