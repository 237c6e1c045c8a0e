#include "engine/entry_queue.hpp"

#include "engine/lookup.hpp"
#include "engine/record.hpp"
#include "errors.hpp"

namespace plantrack::engine {

std::int64_t EntryQueue::log(storage::Storage& storage, const EntryInput& input, Timestamp now) {
  constexpr int attempts = 5;
  for (int attempt = 1;; ++attempt) {
    // Checked here, in the caller's thread and on its connection, side by side with the other
    // callers: exactly as log_entry checks (a bad entry throws its own error from here).
    Waiter me;
    me.checked_at = storage.checks_version();
    {
      Catalog catalog(storage);
      const auto plan_id = parse_target_ref(input.ref).plan_id;
      auto known = checks(storage, plan_id, me.checked_at);
      if (known.plan) catalog.adopt(plan_id, known.plan);
      me.entry = checked_entry(storage, catalog, input, now, known.ledger.get());
    }
    me.entry.recorded_at = now;

    std::unique_lock<std::mutex> lock(mutex_);
    queue_.push_back(&me);
    while (!me.done) {
      if (writing_) {
        written_.wait(lock);
        continue;
      }
      // Lead the next write: everything waiting, this entry among them.
      writing_ = true;
      std::vector<Waiter*> batch;
      batch.swap(queue_);
      lock.unlock();
      write(storage, batch);
      lock.lock();
      for (Waiter* w : batch) w->done = true;
      writing_ = false;
      ++counts_.writes;
      counts_.entries += static_cast<std::int64_t>(batch.size());
      written_.notify_all();
    }
    lock.unlock();
    if (me.error) std::rethrow_exception(me.error);
    if (me.id != 0) return me.id;
    // A plan or an approval changed after this entry was checked: check it again.
    if (attempt == attempts)
      throw InputError("plans or approvals kept changing while the entry was checked; nothing "
                       "was stored, send it again");
  }
}

// Plans and approvals only change with checks_version, which only grows (both are append
// only). What is read after reading version v is at least as new as v: an entry checked
// against something newer than its checked_at is only sent back to be checked again.
EntryQueue::Checks EntryQueue::checks(storage::Storage& storage, const std::string& plan_id,
                                      std::int64_t version) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (version == checks_version_)
      if (auto it = checks_.find(plan_id); it != checks_.end()) return it->second;
  }
  auto found = storage.find_plan(plan_id);
  if (!found) return {}; // the Catalog names the unknown plan
  Checks read{std::make_shared<const Plan>(std::move(found->plan)),
              std::make_shared<const ApprovalLedger>(ApprovalLedger::of(storage, plan_id))};
  std::lock_guard<std::mutex> lock(mutex_);
  if (version > checks_version_) {
    checks_version_ = version;
    checks_.clear();
  }
  if (version == checks_version_) checks_[plan_id] = read;
  return read;
}

EntryQueue::Counts EntryQueue::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

// Never throws: what fails is each waiter's error.
void EntryQueue::write(storage::Storage& storage, const std::vector<Waiter*>& batch) {
  try {
    auto turn = turn_ ? turn_() : std::unique_lock<std::mutex>();
    auto writer = storage.begin_entries(); // the write lock
    // As record.cpp's append_checked: an entry is appended only if what it was checked against
    // (plans, approvals) still holds under the lock; the others go back to be checked again.
    auto version = storage.checks_version();
    bool any = false;
    for (Waiter* w : batch) {
      if (w->checked_at != version) continue;
      w->id = writer->append(w->entry);
      any = true;
    }
    if (any) writer->commit();
  } catch (...) {
    // Nothing of this write was committed.
    for (Waiter* w : batch) {
      w->id = 0;
      w->error = std::current_exception();
    }
  }
}

} // namespace plantrack::engine
