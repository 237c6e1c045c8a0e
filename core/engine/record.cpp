#include "engine/record.hpp"

#include "engine/approval.hpp"
#include "engine/authorize.hpp"
#include "engine/lookup.hpp"

#include <fmt/format.h>

#include <functional>

namespace plantrack::engine {
namespace {

// Append the entry `prepare` checks and builds (reading the store: the plan, permissions,
// approvals), recorded at `now`. If a plan or an approval changed between the check and the
// write lock, it is checked again, so an entry is never appended against what it was not
// checked against (an approval given meanwhile locks it out).
std::int64_t append_checked(storage::Storage& storage, Timestamp now,
                            const std::function<Entry()>& prepare) {
  constexpr int attempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto version = storage.checks_version();
    Entry entry = prepare();
    entry.recorded_at = now;
    auto writer = storage.begin_entries(); // the write lock
    if (storage.checks_version() != version) {
      if (attempt == attempts)
        throw InputError("plans or approvals kept changing while the entry was checked; nothing "
                         "was stored, run the command again");
      continue; // the writer rolls back
    }
    auto id = writer->append(entry);
    writer->commit();
    return id;
  }
}

// Refuse entries of `item` in `periods` when an approval of a lead org locks one of them.
void require_open(const ApprovalLedger& ledger, const TargetRef& ref, const Item& item,
                  const std::vector<const Period*>& periods) {
  for (const Period* period : periods) require_unlocked(ledger, ref, item.lead_orgs(), *period);
}

} // namespace

Entry checked_entry(storage::Storage& storage, Catalog& catalog, const EntryInput& input,
                    Timestamp now, const ApprovalLedger* ledger) {
  TargetRef ref = parse_target_ref(input.ref);
  Item item = catalog.item(ref);
  authorize(storage, input.recorded_by, access::Action::write_entry, {item.orgs(), ref.plan_id},
            now);
  Entry entry = catalog.check(input);
  if (ledger)
    require_open(*ledger, ref, item, {&entry.period});
  else
    require_open(ApprovalLedger::of(storage, ref.plan_id), ref, item, {&entry.period});
  return entry;
}

std::int64_t log_entry(storage::Storage& storage, const EntryInput& input, Timestamp now) {
  return append_checked(storage, now, [&] {
    Catalog catalog(storage);
    return checked_entry(storage, catalog, input, now);
  });
}

namespace {

std::int64_t replace_entry(storage::Storage& storage, const CorrectionInput& input, Timestamp now,
                           bool retract) {
  return append_checked(storage, now, [&] {
    if (auto original = storage.find_entry(input.replaces)) {
      TargetRef ref{original->plan_id, original->target_id, std::nullopt};
      Catalog catalog(storage); // owns the plan `item` points into
      Item item = catalog.item(ref);
      authorize(storage, input.recorded_by, access::Action::write_entry,
                {item.orgs(), ref.plan_id}, now);
      Entry entry = retract ? retraction(storage, input) : correction(storage, input);
      require_open(ApprovalLedger::of(storage, ref.plan_id), ref, item,
                   {&original->period, &entry.period});
      return entry;
    }
    return retract ? retraction(storage, input) : correction(storage, input); // names the problem
  });
}

} // namespace

std::int64_t correct_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now) {
  return replace_entry(storage, input, now, false);
}

std::int64_t retract_entry(storage::Storage& storage, const CorrectionInput& input,
                           Timestamp now) {
  return replace_entry(storage, input, now, true);
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
