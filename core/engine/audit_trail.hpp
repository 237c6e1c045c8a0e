#pragma once
// The audit use cases (SPEC §4, docs/audit.md): verify the hash chain, audit completion.

#include "audit/chain.hpp"
#include "audit/completion.hpp"
#include "storage/storage.hpp"

#include <string>

namespace plantrack::engine {

// Recompute the chain over every stored entry. An entry that cannot even be read back is a
// break at that entry, not an error: it was tampered with. An empty chain's head is the
// genesis hash.
audit::ChainCheck verify_chain(storage::Storage& storage);

// The completion audit of plan `plan_id` as of `as_of`, with what was known at `known_at`.
// InputError for an unknown plan or one not yet imported then.
audit::CompletionAudit audit_completion(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at);

} // namespace plantrack::engine
