#include "engine/record.hpp"

#include "engine/lookup.hpp"

namespace plantrack::engine {
namespace {

std::int64_t append_one(storage::Storage& storage, Entry entry, Timestamp now) {
  entry.recorded_at = now;
  std::vector<Entry> batch{std::move(entry)};
  return storage.append_entries(batch).front();
}

} // namespace

std::int64_t log_entry(storage::Storage& storage, const EntryInput& input, Timestamp now) {
  return append_one(storage, Catalog(storage).check(input), now);
}

std::int64_t correct_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now) {
  return append_one(storage, correction(storage, input), now);
}

std::int64_t retract_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now) {
  return append_one(storage, retraction(storage, input), now);
}

std::vector<Entry> entry_history(storage::Storage& storage, const std::string& scope) {
  storage::EntryFilter filter;
  if (!scope.empty()) {
    Catalog catalog(storage);
    if (scope.find('/') != std::string::npos) {
      auto ref = parse_target_ref(scope);
      catalog.item(ref); // unknown plan, target or task: InputError
      filter = {ref.plan_id, ref.target_id};
    } else {
      catalog.plan(scope); // unknown plan: InputError
      filter.plan_id = scope;
    }
  }
  return storage.entries(filter);
}

} // namespace plantrack::engine
