#pragma once
// The audit use cases (SPEC §4, docs/audit.md): verify the hash chain, audit completion.

#include "audit/approvals.hpp"
#include "audit/chain.hpp"
#include "audit/completion.hpp"
#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace plantrack::engine {

struct ChainVerification {
  audit::ChainCheck chain;
  // The approval chain (SPEC §5), each approval anchored to the entry chain. Checked only when
  // the entry chain verifies.
  audit::ApprovalCheck approvals;
  // Imports whose parts are in the chain but that never finished (or are still appending):
  // their entries are verified with the rest and count nowhere else.
  std::vector<storage::UnfinishedImport> unfinished;
};

// The refused actions recorded (SPEC §5), oldest first. With accounts, only an auditor
// (`actor`) reads them.
std::vector<Refusal> list_refusals(storage::Storage& storage, const std::string& actor = {},
                                   Timestamp now = {});

// Recompute both chains of `storage`, without asking who: for verify_chain, and for a backup
// checking its own copy.
ChainVerification check_chains(storage::Storage& storage);

// Recompute the chain over every stored entry, those of unfinished imports included. An
// entry that cannot even be read back is a break at that entry, not an error: it was
// tampered with. An empty chain's head is the genesis hash. Then the approval chain. With
// accounts, only an auditor (`actor`) runs the audits (access::PermissionDenied, recorded at
// `now`).
ChainVerification verify_chain(storage::Storage& storage, const std::string& actor = {},
                               Timestamp now = {});

// The completion audit of plan `plan_id` as of `as_of`, with what was known at `known_at`.
// InputError for an unknown plan or one not yet imported then.
audit::CompletionAudit audit_completion(storage::Storage& storage, const std::string& plan_id,
                                        Date as_of, Timestamp known_at,
                                        const std::string& actor = {}, Timestamp now = {});

} // namespace plantrack::engine
