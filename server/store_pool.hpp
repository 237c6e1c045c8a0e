#pragma once
// Connections to the store for a server's worker threads: a store serves one thread at a
// time, so each request borrows one and gives it back. A connection that failed is dropped,
// not given back, and the next request opens a new one: the server reconnects by itself.

#include "engine/store.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace plantrack::server {

class StorePool {
public:
  // `location` as --db names it; at most `keep` idle connections are kept.
  explicit StorePool(std::string location, size_t keep = 16);

  class Lease {
  public:
    Lease(StorePool& pool, std::unique_ptr<engine::Store> store)
        : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    engine::Store& operator*() { return *store_; }
    // The connection may be broken: close it instead of giving it back.
    void discard() { store_.reset(); }

  private:
    StorePool* pool_;
    std::unique_ptr<engine::Store> store_;
  };

  // A connection, opened if none is idle. Throws what engine::open_store throws.
  Lease acquire();

  // The turn to write, held for a whole request that may write. SQLite lets one writer in at
  // a time and makes the others poll (sleeping up to 100 ms between tries), which under many
  // clients leaves the lock idle while they sleep: writers of this process queue here
  // instead, and only other processes still meet the busy timeout. Empty (no wait) for a
  // PostgreSQL store, whose writers wait on its own locks without polling.
  std::unique_lock<std::mutex> write_turn();
  const std::string& location() const { return location_; }

private:
  void give_back(std::unique_ptr<engine::Store> store);

  std::string location_;
  size_t keep_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<engine::Store>> idle_;
  std::mutex writes_;
  bool serialize_writes_;
};

} // namespace plantrack::server
