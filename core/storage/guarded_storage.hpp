#pragma once
// Internal to storage: a backend decorated so that its driver's exceptions become StorageError
// (exit 3) at the interface, whichever driver it is (SQLite, PostgreSQL).

#include "storage/storage.hpp"

#include <memory>

namespace plantrack::storage {

// A writer whose every call runs through Errors::run: `Errors` has `static auto run(F&& body)`,
// which runs `body`, turning the driver's exceptions into StorageError and letting every other
// exception through.
template <typename Errors>
class GuardedEntryWriter final : public EntryWriter {
public:
  explicit GuardedEntryWriter(std::unique_ptr<EntryWriter> inner) : inner_(std::move(inner)) {}
  std::int64_t append(Entry& entry) override {
    return Errors::run([&] { return inner_->append(entry); });
  }
  void commit() override { Errors::run([&] { inner_->commit(); }); }
  void commit_part() override { Errors::run([&] { inner_->commit_part(); }); }

private:
  std::unique_ptr<EntryWriter> inner_;
};

// The backend decorated so that every call runs through Errors::run.
template <typename Errors>
class GuardedStorage final : public Storage {
public:
  explicit GuardedStorage(std::unique_ptr<Storage> inner) : inner_(std::move(inner)) {}
  int migrate() override { return Errors::run([&] { return inner_->migrate(); }); }
  std::vector<ImportOutcome> import_plans(const std::vector<PlanDocument>& plans, Timestamp at,
                                          const std::string& by,
                                          const std::string& reason) override {
    return Errors::run([&] { return inner_->import_plans(plans, at, by, reason); });
  }
  std::vector<PlanSummary> list_plans(std::optional<Timestamp> at) override {
    return Errors::run([&] { return inner_->list_plans(at); });
  }
  std::vector<std::string> plan_ids(std::optional<Timestamp> at) override {
    return Errors::run([&] { return inner_->plan_ids(at); });
  }
  std::int64_t checks_version() override {
    return Errors::run([&] { return inner_->checks_version(); });
  }
  std::optional<PlanDocument> find_plan(const std::string& id,
                                        std::optional<Timestamp> at) override {
    return Errors::run([&] { return inner_->find_plan(id, at); });
  }
  std::vector<PlanRevision> plan_revisions(const std::string& id) override {
    return Errors::run([&] { return inner_->plan_revisions(id); });
  }
  std::optional<PlanDocument> find_plan_revision(const std::string& id, int revision) override {
    return Errors::run([&] { return inner_->find_plan_revision(id, revision); });
  }
  std::vector<std::int64_t> append_entries(std::vector<Entry>& entries) override {
    return Errors::run([&] { return inner_->append_entries(entries); });
  }
  std::unique_ptr<EntryWriter> begin_entries() override {
    return Errors::run([&] {
      return std::unique_ptr<EntryWriter>(
          std::make_unique<GuardedEntryWriter<Errors>>(inner_->begin_entries()));
    });
  }
  std::unique_ptr<EntryWriter> begin_import(const ImportBatch& batch) override {
    return Errors::run([&] {
      return std::unique_ptr<EntryWriter>(
          std::make_unique<GuardedEntryWriter<Errors>>(inner_->begin_import(batch)));
    });
  }
  std::vector<UnfinishedImport> unfinished_imports() override {
    return Errors::run([&] { return inner_->unfinished_imports(); });
  }
  void add_user(const User& user, const std::string& password_hash) override {
    Errors::run([&] { inner_->add_user(user, password_hash); });
  }
  std::vector<User> users() override { return Errors::run([&] { return inner_->users(); }); }
  std::optional<User> find_user(const std::string& name) override {
    return Errors::run([&] { return inner_->find_user(name); });
  }
  void disable_user(const std::string& name, Timestamp at) override {
    Errors::run([&] { inner_->disable_user(name, at); });
  }
  std::int64_t add_token(const ApiToken& token) override {
    return Errors::run([&] { return inner_->add_token(token); });
  }
  std::optional<std::string> password_hash(const std::string& name) override {
    return Errors::run([&] { return inner_->password_hash(name); });
  }
  std::optional<std::string> token_user(const std::string& digest) override {
    return Errors::run([&] { return inner_->token_user(digest); });
  }
  std::optional<ConnectedRole> connected_role() override {
    return Errors::run([&] { return inner_->connected_role(); });
  }
  void append_approval(Approval& approval, std::int64_t expected_latest) override {
    Errors::run([&] { inner_->append_approval(approval, expected_latest); });
  }
  std::vector<Approval> approvals(const std::string& plan_id) override {
    return Errors::run([&] { return inner_->approvals(plan_id); });
  }
  void backup_to(const std::string& path) override {
    Errors::run([&] { inner_->backup_to(path); });
  }
  void add_refusal(const Refusal& refusal) override {
    Errors::run([&] { inner_->add_refusal(refusal); });
  }
  std::vector<Refusal> refusals() override { return Errors::run([&] { return inner_->refusals(); }); }
  std::vector<Entry> entries(const EntryFilter& filter) override {
    return Errors::run([&] { return inner_->entries(filter); });
  }
  std::vector<Entry> assessment_entries(const std::string& plan_id) override {
    return Errors::run([&] { return inner_->assessment_entries(plan_id); });
  }
  std::optional<Entry> find_entry(std::int64_t id) override {
    return Errors::run([&] { return inner_->find_entry(id); });
  }
  std::int64_t highest_entry_id() override {
    return Errors::run([&] { return inner_->highest_entry_id(); });
  }
  void add_schedule(const Schedule& schedule) override {
    Errors::run([&] { inner_->add_schedule(schedule); });
  }
  std::vector<Schedule> schedules() override {
    return Errors::run([&] { return inner_->schedules(); });
  }
  void remove_schedule(const std::string& name) override {
    Errors::run([&] { inner_->remove_schedule(name); });
  }
  std::optional<ArchivedReport> archive_once(
      const std::string& schedule, const std::string& period,
      const std::function<ArchivedReport()>& produce) override {
    return Errors::run([&] { return inner_->archive_once(schedule, period, produce); });
  }
  std::vector<ArchivedReport> reports() override {
    return Errors::run([&] { return inner_->reports(); });
  }

private:
  std::unique_ptr<Storage> inner_;
};

// `inner` decorated so that every call goes through Errors::run.
template <typename Errors>
std::unique_ptr<Storage> guard_with(std::unique_ptr<Storage> inner) {
  return std::make_unique<GuardedStorage<Errors>>(std::move(inner));
}

} // namespace plantrack::storage
