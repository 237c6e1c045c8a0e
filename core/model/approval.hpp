#pragma once
// Approval of an org's period data (SPEC §5): open → submitted → approved | returned, and
// unapprove back to open. Each action is kept, chained like entries (docs/audit.md).

#include "model/enum_names.hpp"
#include "model/period.hpp"
#include "model/time.hpp"

#include <cstdint>
#include <string>

namespace plantrack {

enum class ApprovalAction { submit, approve, return_, unapprove };
constexpr auto enum_names(ApprovalAction) {
  return name_table<ApprovalAction>({{ApprovalAction::submit, "submit"},
                                     {ApprovalAction::approve, "approve"},
                                     {ApprovalAction::return_, "return"},
                                     {ApprovalAction::unapprove, "unapprove"}});
}

// Where a (plan, org, period) stands: its latest action decides.
enum class ApprovalState { open, submitted, approved, returned };
constexpr auto enum_names(ApprovalState) {
  return name_table<ApprovalState>({{ApprovalState::open, "open"},
                                    {ApprovalState::submitted, "submitted"},
                                    {ApprovalState::approved, "approved"},
                                    {ApprovalState::returned, "returned"}});
}

// The state an action leaves a period in.
constexpr ApprovalState state_after(ApprovalAction action) {
  switch (action) {
  case ApprovalAction::submit: return ApprovalState::submitted;
  case ApprovalAction::approve: return ApprovalState::approved;
  case ApprovalAction::return_: return ApprovalState::returned;
  case ApprovalAction::unapprove: return ApprovalState::open;
  }
  return ApprovalState::open;
}

struct Approval {
  std::int64_t id = 0; // set by the storage, in the order given
  std::string plan_id;
  std::string org;
  Period period;
  ApprovalAction action = ApprovalAction::submit;
  std::string reason; // required for return and unapprove
  std::string by;
  Timestamp at{};
  // The entry chain's head when the action was recorded (set by the storage): the data it
  // covered. 0 and the genesis hash before the first entry.
  std::int64_t entries_head = 0;
  std::string entries_head_hash;
  std::string hash; // SHA-256(previous approval's hash ‖ canonical bytes), set by the storage
};

// A refused action (SPEC §5), as recorded.
struct Refusal {
  std::int64_t id = 0;
  Timestamp at{};
  std::string by;
  std::string action; // access::Action's name
  std::string message;
};

} // namespace plantrack
