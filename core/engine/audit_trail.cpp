#include "engine/audit_trail.hpp"

#include "engine/authorize.hpp"
#include "engine/linked.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"

#include <unordered_map>

namespace plantrack::engine {

ChainVerification verify_chain(storage::Storage& storage, const std::string& actor,
                               Timestamp now) {
  authorize(storage, actor, access::Action::run_audit, {}, now);
  return check_chains(storage);
}

std::vector<Refusal> list_refusals(storage::Storage& storage, const std::string& actor,
                                   Timestamp now) {
  authorize(storage, actor, access::Action::run_audit, {}, now);
  return storage.refusals();
}

ChainVerification check_chains(storage::Storage& storage) {
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
  if (result.chain.broken) return result;
  std::unordered_map<std::int64_t, const std::string*> hash_of;
  hash_of.reserve(entries.size());
  for (const auto& e : entries) hash_of.emplace(e.id, &e.hash);
  result.approvals = audit::verify_approvals(
      storage.approvals(""), [&](std::int64_t id) -> std::optional<std::string> {
        auto it = hash_of.find(id);
        if (it == hash_of.end()) return std::nullopt;
        return *it->second;
      });
  return result;
}

audit::CompletionAudit audit_completion(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at,
                                        const std::string& actor, Timestamp now) {
  authorize(storage, actor, access::Action::run_audit, {}, now);
  auto plan = plan_at(storage, plan_id, known_at);
  auto entries = storage.entries({plan_id, ""});
  LinkedTargets links(storage, known_at);
  links.add(plan.plan, entries);
  return audit::audit_completion(plan.plan, entries, as_of, known_at, &links.linked());
}

} // namespace plantrack::engine
