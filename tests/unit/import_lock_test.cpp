// An import checks its whole file before it takes the write lock (docs/benchmarks.md "Import
// at scale"): others log while it reads, and a plan revised meanwhile is checked again. A long
// import appends in parts: others write between them, and no reader sees any of it until the
// last part commits; an import that stops part way leaves its parts hidden in the chain.

#include "audit/chain.hpp"
#include "engine/audit_trail.hpp"
#include "engine/corrections.hpp"
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
#include "support/tamper.hpp"
#include "support/test_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <istream>
#include <sstream>
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

// `inner`, except that the writer of an import in parts calls `hook` once, after its first
// part is committed: what another official does between two parts.
class HookedStorage final : public storage::Storage {
public:
  HookedStorage(storage::Storage& inner, std::function<void()> hook)
      : inner_(inner), hook_(std::move(hook)) {}

  class Writer final : public storage::EntryWriter {
  public:
    Writer(std::unique_ptr<storage::EntryWriter> inner, std::function<void()>& hook)
        : inner_(std::move(inner)), hook_(hook) {}
    std::int64_t append(Entry& entry) override { return inner_->append(entry); }
    void commit() override { inner_->commit(); }
    void commit_part() override {
      inner_->commit_part();
      if (hook_) std::exchange(hook_, nullptr)();
    }

  private:
    std::unique_ptr<storage::EntryWriter> inner_;
    std::function<void()>& hook_;
  };

  std::unique_ptr<storage::EntryWriter> begin_import(const storage::ImportBatch& b) override {
    return std::make_unique<Writer>(inner_.begin_import(b), hook_);
  }
  int migrate() override { return inner_.migrate(); }
  std::vector<storage::ImportOutcome> import_plans(const std::vector<storage::PlanDocument>& p,
                                                   Timestamp at, const std::string& by,
                                                   const std::string& reason) override {
    return inner_.import_plans(p, at, by, reason);
  }
  std::vector<storage::PlanSummary> list_plans(std::optional<Timestamp> at) override {
    return inner_.list_plans(at);
  }
  std::vector<std::string> plan_ids(std::optional<Timestamp> at) override {
    return inner_.plan_ids(at);
  }
  std::int64_t checks_version() override { return inner_.checks_version(); }
  std::optional<storage::PlanDocument> find_plan(const std::string& id,
                                                 std::optional<Timestamp> at) override {
    return inner_.find_plan(id, at);
  }
  std::vector<storage::PlanRevision> plan_revisions(const std::string& id) override {
    return inner_.plan_revisions(id);
  }
  std::optional<storage::PlanDocument> find_plan_revision(const std::string& id,
                                                          int revision) override {
    return inner_.find_plan_revision(id, revision);
  }
  std::vector<std::int64_t> append_entries(std::vector<Entry>& entries) override {
    return inner_.append_entries(entries);
  }
  std::unique_ptr<storage::EntryWriter> begin_entries() override { return inner_.begin_entries(); }
  std::vector<storage::UnfinishedImport> unfinished_imports() override {
    return inner_.unfinished_imports();
  }
  std::vector<Entry> entries(const storage::EntryFilter& filter) override {
    return inner_.entries(filter);
  }
  std::vector<Entry> assessment_entries(const std::string& plan_id) override {
    return inner_.assessment_entries(plan_id);
  }
  std::optional<Entry> find_entry(std::int64_t id) override { return inner_.find_entry(id); }
  std::int64_t highest_entry_id() override { return inner_.highest_entry_id(); }
  void add_schedule(const storage::Schedule& schedule) override { inner_.add_schedule(schedule); }
  std::vector<storage::Schedule> schedules() override { return inner_.schedules(); }
  void remove_schedule(const std::string& name) override { inner_.remove_schedule(name); }
  std::optional<storage::ArchivedReport> archive_once(
      const std::string& schedule, const std::string& period,
      const std::function<storage::ArchivedReport()>& produce) override {
    return inner_.archive_once(schedule, period, produce);
  }
  std::vector<storage::ArchivedReport> reports() override { return inner_.reports(); }
  void add_user(const User& user, const std::string& password_hash) override {
    inner_.add_user(user, password_hash);
  }
  std::vector<User> users() override { return inner_.users(); }
  std::optional<User> find_user(const std::string& name) override { return inner_.find_user(name); }
  void disable_user(const std::string& name, Timestamp at) override {
    inner_.disable_user(name, at);
  }
  std::int64_t add_token(const ApiToken& token) override { return inner_.add_token(token); }
  std::optional<std::string> password_hash(const std::string& name) override {
    return inner_.password_hash(name);
  }
  std::optional<std::string> token_user(const std::string& digest) override {
    return inner_.token_user(digest);
  }
  std::optional<storage::ConnectedRole> connected_role() override {
    return inner_.connected_role();
  }
  void append_approval(Approval& approval, std::int64_t expected_latest) override {
    inner_.append_approval(approval, expected_latest);
  }
  std::vector<Approval> approvals(const std::string& plan_id) override {
    return inner_.approvals(plan_id);
  }
  void add_refusal(const Refusal& refusal) override { inner_.add_refusal(refusal); }
  void backup_to(const std::string& path) override { inner_.backup_to(path); }
  std::vector<Refusal> refusals() override { return inner_.refusals(); }

private:
  storage::Storage& inner_;
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
                             std::function<void()> hook,
                             size_t part_rows = engine::default_part_rows) {
    HookedLines buffer(std::move(lines), at, std::move(hook));
    std::istream in(&buffer);
    return engine::import_entries_csv(*db, in, "f.csv", now, "importer", false, part_rows);
  }

  // An entry of demo-plan/patents as an import appends it.
  Entry patents(int year, double value) {
    Entry e;
    e.plan_id = "demo-plan";
    e.target_id = "patents";
    e.period = parse_period(std::to_string(year));
    e.value = value;
    e.value_text = std::to_string(static_cast<int>(value));
    e.recorded_at = now;
    e.recorded_by = "importer";
    return e;
  }

  std::int64_t log_exits(storage::Storage& store, const std::string& value) {
    EntryInput input;
    input.ref = "demo-plan/exits";
    input.period = "2018";
    input.value = value;
    input.recorded_by = "科员";
    return engine::log_entry(store, input, now);
  }

  // What the readers of `store` see of plan demo-plan, every way they look.
  struct Seen {
    size_t entries, of_plan, of_target, assessed;
    int listed;
  };
  Seen seen(storage::Storage& store) {
    return {store.entries({}).size(), store.entries({"demo-plan", ""}).size(),
            store.entries({"demo-plan", "patents"}).size(),
            store.assessment_entries("demo-plan").size(), store.list_plans().at(0).entries};
  }

  support::TestDatabase database; // a SQLite file, or a schema on PLANTRACK_TEST_POSTGRES
  std::unique_ptr<storage::Storage> db = database.open();
  std::unique_ptr<storage::Storage> other = database.open(); // another official
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

TEST_F(ImportLock, an_import_in_parts_is_hidden_until_its_last_part_and_others_write_between) {
  auto writer = db->begin_import({"big.csv", now, "importer"});
  for (int year : {2016, 2017, 2018}) {
    Entry e = patents(year, 3000 + year);
    writer->append(e);
  }
  writer->commit_part();
  // The lock is free: another official logs at once, and sees none of the import.
  const std::int64_t logged = log_exits(*other, "12");
  EXPECT_EQ(logged, 4);
  Seen before = seen(*other);
  EXPECT_EQ(before.entries, 1u);
  EXPECT_EQ(before.of_plan, 1u);
  EXPECT_EQ(before.of_target, 0u);
  EXPECT_EQ(before.assessed, 1u);
  EXPECT_EQ(before.listed, 1);
  EXPECT_FALSE(other->find_entry(1)); // an id of the import
  EXPECT_TRUE(other->find_entry(logged));
  ASSERT_EQ(other->unfinished_imports().size(), 1u);
  EXPECT_EQ(other->unfinished_imports()[0].entries, 3);

  Entry last = patents(2019, 3500);
  EXPECT_EQ(writer->append(last), 5); // after the log: the head was read afresh
  writer->commit();
  Seen after = seen(*other);
  EXPECT_EQ(after.entries, 5u);
  EXPECT_EQ(after.of_target, 4u);
  EXPECT_EQ(after.assessed, 5u);
  EXPECT_EQ(after.listed, 5);
  EXPECT_TRUE(other->unfinished_imports().empty());
  auto check = engine::verify_chain(*other);
  EXPECT_FALSE(check.chain.broken);
  EXPECT_EQ(check.chain.entries, 5u);
  EXPECT_TRUE(check.unfinished.empty());
}

TEST_F(ImportLock, an_import_that_stops_part_way_stays_hidden_in_a_chain_that_verifies) {
  {
    auto writer = db->begin_import({"big.csv", now, "importer"});
    for (int year : {2016, 2017}) {
      Entry e = patents(year, 3000 + year);
      writer->append(e);
    }
    writer->commit_part();
    Entry lost = patents(2018, 3300);
    writer->append(lost);
  } // destroyed before commit(): the open part rolls back, the committed one stays hidden
  EXPECT_EQ(log_exits(*other, "12"), 3); // after the two hidden entries
  EXPECT_EQ(seen(*other).entries, 1u);
  EXPECT_EQ(seen(*other).of_target, 0u);
  auto check = engine::verify_chain(*other);
  EXPECT_FALSE(check.chain.broken);
  EXPECT_EQ(check.chain.entries, 3u); // the hidden ones are in the chain
  ASSERT_EQ(check.unfinished.size(), 1u);
  EXPECT_EQ(check.unfinished[0].batch.file, "big.csv");
  EXPECT_EQ(check.unfinished[0].batch.started_by, "importer");
  EXPECT_EQ(check.unfinished[0].batch.started_at, now);
  EXPECT_EQ(check.unfinished[0].entries, 2);
  // A hidden entry cannot be corrected: nobody can see it.
  EXPECT_EQ(support::input_error_of([&] {
              engine::CorrectionInput input;
              input.replaces = 1;
              input.value = "3100";
              input.reason = "年报修订";
              input.recorded_by = "科员";
              engine::correct_entry(*other, input, now);
            }),
            "no entry 1; see `plantrack entries` for the ids");
}

TEST_F(ImportLock, a_log_between_parts_of_an_import_takes_its_place_in_the_chain) {
  std::int64_t logged = 0;
  HookedStorage hooked(*db, [&] { logged = log_exits(*other, "12"); });
  std::stringstream in;
  for (const auto& line : file(25)) in << line;
  auto result = engine::import_entries_csv(hooked, in, "f.csv", now, "importer", false, 10);
  EXPECT_EQ(result.parts, 3u);
  EXPECT_EQ(logged, 11); // after the first part's ten rows
  EXPECT_EQ(result.ids.front(), 1);
  EXPECT_EQ(result.ids.back(), 26);
  EXPECT_EQ(result.ids.size(), 25u);
  EXPECT_EQ(db->entries({"demo-plan", "patents"}).size(), 25u);
  EXPECT_FALSE(engine::verify_chain(*db).chain.broken);
}

TEST_F(ImportLock, a_plan_revised_between_parts_stops_the_import_and_shows_none_of_it) {
  HookedStorage hooked(*db, [&] {
    import_plan(plan_with(support::sample_exits_target), "专利指标调整");
  });
  std::stringstream in;
  for (const auto& line : file(25)) in << line;
  EXPECT_EQ(support::input_error_of([&] {
              engine::import_entries_csv(hooked, in, "f.csv", now, "importer", false, 10);
            }),
            "a plan was imported or revised, or a period approved, while f.csv was appended; nothing was imported (the "
            "parts appended stay in the chain, hidden: see `plantrack audit verify`), run the "
            "import again");
  EXPECT_TRUE(db->entries({}).empty());
  auto check = engine::verify_chain(*db);
  EXPECT_FALSE(check.chain.broken);
  EXPECT_EQ(check.chain.entries, 10u); // the first part; the second stopped before its commit
  ASSERT_EQ(check.unfinished.size(), 1u);
  EXPECT_EQ(check.unfinished[0].entries, 10);
}

TEST_F(ImportLock, an_import_in_parts_chains_each_row_as_one_transaction_would) {
  // Enough rows that the import's writer hashes several chunks of 1,024 on its second thread,
  // in parts that end inside a chunk: the same entries and hashes, id for id, as a file
  // appended in one transaction.
  const auto lines = file(2600);
  support::TestDatabase whole_database;
  auto whole = whole_database.open();
  auto loaded = planfile::load_plan(plan_with(support::sample_patents_target +
                                              support::sample_exits_target),
                                    "demo.yaml");
  whole->import_plans({{loaded.plan, loaded.document}}, now, "planner", "");
  std::stringstream in;
  for (const auto& line : lines) in << line;
  EXPECT_EQ(engine::import_entries_csv(*whole, in, "f.csv", now, "importer", false, 100000).parts,
            1u);
  EXPECT_EQ(import(lines, 9999, nullptr, 1000).parts, 3u);

  auto expected = whole->entries({});
  auto got = db->entries({});
  ASSERT_EQ(got.size(), 2600u);
  ASSERT_EQ(expected.size(), got.size());
  for (size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i + 1));
    EXPECT_EQ(got[i].id, expected[i].id);
    EXPECT_EQ(got[i].value_text, expected[i].value_text);
    EXPECT_EQ(got[i].hash, expected[i].hash);
    if (got[i].hash != expected[i].hash) break;
  }
  EXPECT_FALSE(engine::verify_chain(*db).chain.broken);
}

TEST_F(ImportLock, an_import_in_parts_refuses_a_row_whose_target_is_not_stored) {
  // The import's writer checks the keys SQLite's foreign keys would (it turns them off for
  // its parts); after it, they are on again for the connection.
  auto refused = [&](storage::EntryWriter& writer) {
    Entry stray = patents(2017, 3100);
    stray.target_id = "no-such-target";
    EXPECT_ANY_THROW({
      writer.append(stray);
      writer.commit();
    });
  };
  {
    auto writer = db->begin_import({"big.csv", now, "importer"});
    Entry e = patents(2016, 3000);
    writer->append(e);
    refused(*writer);
  }
  EXPECT_TRUE(db->entries({}).empty());
  refused(*db->begin_entries());
  EXPECT_TRUE(db->entries({}).empty());
  log_exits(*db, "12"); // a good row goes in as before
  EXPECT_EQ(db->entries({}).size(), 1u);
  EXPECT_FALSE(engine::verify_chain(*db).chain.broken);
}

TEST_F(ImportLock, an_import_in_parts_never_shows_a_schema_without_the_replace_trigger) {
  if (database.postgres()) GTEST_SKIP() << "SQLite's trigger; PostgreSQL refuses by grants";
  SQLite::Database raw(database.location(), SQLite::OPEN_READWRITE);
  auto trigger = [&] {
    return raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name "
                          "= 'entries_are_append_only_replace'")
        .getInt();
  };
  ASSERT_EQ(trigger(), 1);
  const std::string before = raw.execAndGet("SELECT sql FROM sqlite_schema WHERE name = "
                                            "'entries_are_append_only_replace'")
                                 .getString();
  {
    auto writer = db->begin_import({"big.csv", now, "importer"});
    Entry e = patents(2016, 3000);
    writer->append(e);
    EXPECT_EQ(trigger(), 1); // a part is open: others see the schema as committed
    writer->commit_part();
    EXPECT_EQ(trigger(), 1);
    Entry next = patents(2017, 3100);
    writer->append(next);
    EXPECT_EQ(trigger(), 1);
    writer->commit();
  }
  EXPECT_EQ(trigger(), 1);
  EXPECT_EQ(raw.execAndGet("SELECT sql FROM sqlite_schema WHERE name = "
                           "'entries_are_append_only_replace'")
                .getString(),
            before);
  EXPECT_THROW(raw.exec(support::replace_first_entry_sql),
               SQLite::Exception);
  // An import that stops part way rolls its open part back, the trigger's drop with it.
  {
    auto writer = db->begin_import({"big.csv", now, "importer"});
    Entry e = patents(2018, 3200);
    writer->append(e);
  }
  EXPECT_EQ(trigger(), 1);
  EXPECT_EQ(db->entries({"demo-plan", "patents"}).size(), 2u);
  EXPECT_FALSE(engine::verify_chain(*db).chain.broken);
}

TEST_F(ImportLock, a_writer_for_one_transaction_has_no_parts) {
  auto writer = db->begin_entries();
  EXPECT_THROW(writer->commit_part(), std::logic_error);
}

TEST_F(ImportLock, an_import_in_parts_stores_what_one_transaction_stores) {
  // The same history (logs, a correction, a retraction across parts) imported whole and in
  // parts of two rows: the same entries, corrections naming the ids handed out.
  std::vector<std::string> lines{
      "id,target,period,value,unit,corrects,reason\n",
      "1,demo-plan/patents,2016,3000,件,,\n",
      "2,demo-plan/patents,2017,3100,件,,\n",
      "3,demo-plan/exits,2017,5,家,,\n",
      "4,demo-plan/patents,2017,3150,件,2,年报修订\n",
      "5,demo-plan/exits,2018,9,家,,\n",
      "6,demo-plan/patents,2017,,,4,重复上报\n",
      "7,demo-plan/patents,2018,3300,件,,\n",
  };
  auto whole = import(lines, 99, nullptr);
  EXPECT_EQ(whole.parts, 1u);
  auto in_parts = import(lines, 99, nullptr, 2);
  EXPECT_EQ(in_parts.parts, 4u);
  EXPECT_EQ(in_parts.ids.front(), 8);
  EXPECT_EQ(in_parts.ids.back(), 14);
  EXPECT_EQ(in_parts.ids.size(), 7u);
  auto all = db->entries({});
  ASSERT_EQ(all.size(), 14u);
  for (size_t i = 0; i < 7; ++i) {
    const Entry& a = all[i];
    const Entry& b = all[i + 7];
    SCOPED_TRACE("row " + std::to_string(i + 1));
    EXPECT_EQ(b.target_id, a.target_id);
    EXPECT_EQ(b.period.text, a.period.text);
    EXPECT_EQ(b.value, a.value);
    EXPECT_EQ(b.action, a.action);
    EXPECT_EQ(b.corrects.has_value(), a.corrects.has_value());
    if (a.corrects) {
      EXPECT_EQ(*b.corrects, *a.corrects + 7);
    }
  }
  EXPECT_TRUE(db->unfinished_imports().empty());
  EXPECT_FALSE(engine::verify_chain(*db).chain.broken);
}

} // namespace
} // namespace plantrack
