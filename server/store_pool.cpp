#include "server/store_pool.hpp"

namespace plantrack::server {

StorePool::StorePool(std::string location, size_t keep)
    : location_(std::move(location)), keep_(keep),
      serialize_writes_(!engine::is_postgres_url(location_)) {}

std::unique_lock<std::mutex> StorePool::write_turn() {
  return serialize_writes_ ? std::unique_lock<std::mutex>(writes_) : std::unique_lock<std::mutex>();
}

StorePool::Lease::~Lease() {
  if (store_ && pool_) pool_->give_back(std::move(store_));
}

StorePool::Lease StorePool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(store));
    }
  }
  return Lease(*this, engine::open_store(location_));
}

void StorePool::give_back(std::unique_ptr<engine::Store> store) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < keep_) idle_.push_back(std::move(store));
}

} // namespace plantrack::server
