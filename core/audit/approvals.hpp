#pragma once
// The chain over approval actions (SPEC §5, docs/audit.md "Approvals"): hash = SHA-256(previous
// approval's hash ‖ canonical approval bytes), each anchored to the entry chain's head when it
// was given.

#include "model/approval.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace plantrack::audit {

// The canonical bytes of an approval: the UTF-8 JSON array
// [id, plan, org, period, action, reason, by, at, entries_head, entries_head_hash]
// without whitespace.
std::string approval_bytes(const Approval& approval);

// The hash an approval must carry when it follows one whose hash is `previous` (the genesis
// hash for the first).
std::string approval_hash(const std::string& previous, const Approval& approval);

struct ApprovalCheck {
  std::size_t approvals = 0;
  std::optional<std::int64_t> broken_at; // the first approval that does not verify
  std::string why;
};

// Recompute the approval chain over `approvals` (in id order). `entry_hash(id)` is the hash of
// entry `id` in the verified entry chain (nullopt when there is no such entry): each approval's
// anchor must be in it.
ApprovalCheck verify_approvals(const std::vector<Approval>& approvals,
                               const std::function<std::optional<std::string>(std::int64_t)>& entry_hash);

} // namespace plantrack::audit
