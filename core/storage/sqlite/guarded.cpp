#include "storage/sqlite/guarded.hpp"

#include "storage/guarded_storage.hpp"

namespace plantrack::storage::sqlite {
namespace {

struct SqliteErrors {
  template <typename F>
  static auto run(F&& body) -> decltype(body()) {
    return guarded(std::forward<F>(body));
  }
};

} // namespace

std::unique_ptr<Storage> guard(std::unique_ptr<Storage> inner) {
  return guard_with<SqliteErrors>(std::move(inner));
}

} // namespace plantrack::storage::sqlite
