#include "engine/audit_trail.hpp"

#include "engine/linked.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"

namespace plantrack::engine {

audit::ChainCheck verify_chain(storage::Storage& storage) {
  std::vector<Entry> entries;
  try {
    entries = storage.entries({});
  } catch (const CorruptEntry& e) {
    audit::ChainCheck check;
    check.broken = audit::ChainBreak{e.id(), e.what()};
    return check;
  }
  auto check = audit::verify_chain(entries, storage.highest_entry_id());
  if (check.entries == 0 && !check.broken) check.head = audit::genesis_hash;
  return check;
}

audit::CompletionAudit audit_completion(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at) {
  auto plan = plan_at(storage, plan_id, known_at);
  auto entries = storage.entries({plan_id, ""});
  LinkedTargets links(storage, known_at);
  links.add(plan.plan, entries);
  return audit::audit_completion(plan.plan, entries, as_of, known_at, &links.linked());
}

} // namespace plantrack::engine
