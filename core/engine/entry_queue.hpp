#pragma once
// Group commit for a server (SPEC §6): many officials log at once, and each entry must take
// the write lock to join the hash chain. Instead of one lock, one transaction and one commit
// per entry, each caller checks its entry exactly as log_entry does (side by side, on its own
// connection), then waits while a write is under way; the next write appends every entry
// waiting, in one transaction. The first caller to find no write under way leads that write.
// An entry whose plan or approvals changed after its check is checked again, as log_entry
// does under the lock. The plans and approvals are read and decoded once per checks_version
// and shared by every entry checked at that version (the writer's account is read for each).

#include "engine/approval.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"
#include "storage/storage.hpp"

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace plantrack::engine {

class EntryQueue {
public:
  // `turn`, if given, is held around each write (a server's turn on a SQLite file).
  explicit EntryQueue(std::function<std::unique_lock<std::mutex>()> turn = {})
      : turn_(std::move(turn)) {}

  // log_entry, together with the entries other threads log meanwhile: the same checks,
  // errors and refusals for each entry on its own; its id once it is committed.
  std::int64_t log(storage::Storage& storage, const EntryInput& input, Timestamp now);

  // How many writes and entries so far (for tests and the server's figures).
  struct Counts {
    std::int64_t writes = 0;
    std::int64_t entries = 0;
  };
  Counts counts() const;

private:
  struct Waiter {
    Entry entry;                   // checked, as log_entry checks it
    std::int64_t checked_at = 0;   // the store's checks_version when it was checked
    bool done = false;
    std::int64_t id = 0;           // 0 when done: not appended (error, or checked again)
    std::exception_ptr error;
  };
  void write(storage::Storage& storage, const std::vector<Waiter*>& batch);

  // A plan's latest revision and its approvals, as read at or after one checks_version.
  struct Checks {
    std::shared_ptr<const Plan> plan; // nullptr: no such plan (not kept)
    std::shared_ptr<const ApprovalLedger> ledger;
  };
  // Those of `plan_id` at `version`: kept ones, or read from `storage` and kept.
  Checks checks(storage::Storage& storage, const std::string& plan_id, std::int64_t version);

  std::function<std::unique_lock<std::mutex>()> turn_;
  mutable std::mutex mutex_;
  std::condition_variable written_;
  std::vector<Waiter*> queue_;
  bool writing_ = false;
  Counts counts_;
  std::int64_t checks_version_ = -1; // of checks_
  std::map<std::string, Checks> checks_;
};

} // namespace plantrack::engine
