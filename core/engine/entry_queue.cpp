#include "engine/entry_queue.hpp"

#include "engine/lookup.hpp"
#include "engine/record.hpp"
#include "errors.hpp"

namespace plantrack::engine {

std::int64_t EntryQueue::log(storage::Storage& storage, const EntryInput& input, Timestamp now) {
  Waiter me{&input, now, false, 0, nullptr};
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
  if (me.error) std::rethrow_exception(me.error);
  return me.id;
}

EntryQueue::Counts EntryQueue::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

// Never throws: what fails is each waiter's error.
void EntryQueue::write(storage::Storage& storage, const std::vector<Waiter*>& batch) {
  std::vector<std::pair<Waiter*, Entry>> ready;
  try {
    auto turn = turn_ ? turn_() : std::unique_lock<std::mutex>();
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
      // As record.cpp's append_checked, for every entry at once: checked against one version
      // of the plans and approvals, appended only if it still holds under the write lock.
      ready.clear();
      auto version = storage.checks_version();
      Catalog catalog(storage);
      for (Waiter* w : batch) {
        w->error = nullptr;
        try {
          Entry entry = checked_entry(storage, catalog, *w->input, w->now);
          entry.recorded_at = w->now;
          ready.emplace_back(w, std::move(entry));
        } catch (...) {
          w->error = std::current_exception();
        }
      }
      if (ready.empty()) return;
      auto writer = storage.begin_entries(); // the write lock
      if (storage.checks_version() != version) {
        if (attempt == attempts)
          throw InputError("plans or approvals kept changing while the entry was checked; "
                           "nothing was stored, send it again");
        continue; // the writer rolls back
      }
      for (auto& [w, entry] : ready) w->id = writer->append(entry);
      writer->commit();
      return;
    }
  } catch (...) {
    // Nothing of this write was committed.
    for (auto& [w, entry] : ready) {
      w->id = 0;
      w->error = std::current_exception();
    }
    for (Waiter* w : batch)
      if (!w->error && w->id == 0) w->error = std::current_exception();
  }
}

} // namespace plantrack::engine
