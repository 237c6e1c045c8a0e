#pragma once
// Approval of an org's period data (SPEC §5, DHIS2's data approval made stricter): submit,
// approve or return, unapprove; the lock an approval puts on that org's entries; and which
// values come from approved periods (`--approved-only`, the `unapproved` flag).

#include "model/approval.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"
#include "storage/storage.hpp"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace plantrack::engine {

struct ApprovalRequest {
  std::string plan_id;
  std::string org;
  std::string period; // as typed: 2020-06, 2020Q2, 2020
  std::string action; // submit, approve, return, unapprove
  std::string reason; // required to return or unapprove
  std::string by;     // the signed-in user; from the CLI on SQLite, --by
};

// Record one approval action at `now` and return it as stored (in the approval chain). The
// plan must be stored and the org must lead one of its targets or tasks. A period goes
// open → submitted (by an official of the org) → approved or returned (by a reviewer of the
// plan who did not submit it, a return with a reason) → and, approved, back to open by
// unapprove (with a reason); a returned period is submitted again. InputError for any other
// step, access::PermissionDenied for a role that may not.
Approval act_on_period(storage::Storage& storage, const ApprovalRequest& request, Timestamp now);

// Where one (org, period) of a plan stands.
struct PeriodApproval {
  std::string org;
  Period period;
  ApprovalState state = ApprovalState::open;
  std::vector<Approval> actions; // every action on it, oldest first
};

// The approval actions of a plan recorded by `known_at`, one line per (org, period) acted on,
// by org then period. InputError for an unknown plan.
std::vector<PeriodApproval> period_approvals(storage::Storage& storage, const std::string& plan_id,
                                             Timestamp known_at);

// The approvals in force, as known at a time: which periods of which orgs are approved.
class ApprovalLedger {
public:
  ApprovalLedger() = default;
  // From the approval actions (in id order); only those recorded by `known_at` count.
  ApprovalLedger(const std::vector<Approval>& actions, std::optional<Timestamp> known_at);
  // The ledger of `plan_id` (empty: every plan) from the store.
  static ApprovalLedger of(storage::Storage& storage, const std::string& plan_id,
                           std::optional<Timestamp> known_at = std::nullopt);

  // Whether any action was recorded at all.
  bool any() const { return !used_.empty(); }
  // Whether any action was recorded for the plan: only then are values flagged unapproved.
  bool in_use(const std::string& plan_id) const;
  // The approval that locks `period` for an item led by `orgs` in `plan_id`: an approved
  // period of one of them that contains it. nullptr when none does.
  const Approval* lock(const std::string& plan_id, const std::vector<std::string>& orgs,
                       const Period& period) const;

private:
  // (plan, org, period text) → the latest action.
  std::map<std::tuple<std::string, std::string, std::string>, Approval> latest_;
  std::map<std::string, bool> used_;
};

// Refuse (Conflict, exit 1 / HTTP 409) an entry of `ref` whose period falls in an approved
// period of a lead org of the item, naming who approved it and when and how to unlock it.
void require_unlocked(const ApprovalLedger& ledger, const TargetRef& ref,
                      const std::vector<std::string>& lead_orgs, const Period& period);

} // namespace plantrack::engine
