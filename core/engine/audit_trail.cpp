#include "engine/audit_trail.hpp"

#include "engine/linked.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"

namespace plantrack::engine {

ChainVerification verify_chain(storage::Storage& storage) {
  ChainVerification result;
  result.unfinished = storage.unfinished_imports();
  std::vector<Entry> entries;
  try {
    entries = storage.entries({"", "", true}); // the chain holds unfinished imports too
  } catch (const CorruptEntry& e) {
    result.chain.broken = audit::ChainBreak{e.id(), e.what()};
    return result;
  }
  result.chain = audit::verify_chain(entries, storage.highest_entry_id());
  if (result.chain.entries == 0 && !result.chain.broken) result.chain.head = audit::genesis_hash;
  return result;
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
