#include "engine/approval.hpp"

#include "engine/authorize.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace plantrack::engine {
namespace {

// A period as the approval commands name it: a month, quarter, year or day.
Period approval_period(const std::string& text) {
  Period period = parse_period(text);
  if (text.find("..") != std::string::npos)
    throw InputError(fmt::format("'{}' is a range; approve one month, quarter or year at a time, "
                                 "e.g. 2020-06, 2020Q2 or 2020",
                                 excerpt(text)));
  return period;
}

std::string when(const Approval& a) {
  return fmt::format("{} at {}", a.by, format_timestamp(a.at));
}

// Why `action` cannot follow `state` (the latest action `last`), or empty when it can.
std::string step_refused(ApprovalAction action, ApprovalState state, const Approval* last,
                         const std::string& what) {
  switch (action) {
  case ApprovalAction::submit:
    if (state == ApprovalState::submitted)
      return fmt::format("{} was already submitted by {}; a reviewer approves or returns it",
                         what, when(*last));
    if (state == ApprovalState::approved)
      return fmt::format("{} was approved by {}; a reviewer unapproves it (with a reason) before "
                         "it is submitted again",
                         what, when(*last));
    return "";
  case ApprovalAction::approve:
  case ApprovalAction::return_:
    if (state != ApprovalState::submitted)
      return fmt::format("{} is {}{}; only a submitted period is approved or returned", what,
                         to_string(state), last ? fmt::format(" ({} by {})", to_string(last->action),
                                                              when(*last))
                                                : std::string(" (nothing was submitted)"));
    return "";
  case ApprovalAction::unapprove:
    if (state != ApprovalState::approved)
      return fmt::format("{} is {}, not approved; only an approved period is unapproved", what,
                         to_string(state));
    return "";
  }
  return "";
}

} // namespace

Approval act_on_period(storage::Storage& storage, const ApprovalRequest& request, Timestamp now) {
  auto action = from_string<ApprovalAction>(request.action);
  if (!action)
    throw InputError(fmt::format("'{}' is not an approval action; use one of {}",
                                 excerpt(request.action), joined_names<ApprovalAction>()));
  Catalog catalog(storage);
  const Plan& plan = catalog.plan(request.plan_id);
  require_utf8(request.org, "org");
  auto leads = plan.orgs(true);
  if (!leads.count(request.org))
    throw InputError(fmt::format("'{}' leads no target or task of plan {}; a period is submitted "
                                 "and approved for a lead org ({})",
                                 excerpt(request.org), plan.id,
                                 leads.empty() ? "the plan names none" : joined(leads, ", ")));
  Period period = approval_period(request.period);
  if (*action == ApprovalAction::submit)
    authorize(storage, request.by, access::Action::submit_period, {{request.org}, plan.id}, now);
  else
    authorize(storage, request.by, access::Action::review_period, {{}, plan.id}, now);
  require_utf8(request.reason, "reason");
  const bool needs_reason =
      *action == ApprovalAction::return_ || *action == ApprovalAction::unapprove;
  if (needs_reason && request.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(fmt::format("to {} a period give the reason with --reason, e.g. --reason "
                                 "\"6月数据缺少来源\"",
                                 request.action));

  // The period's story so far.
  const Approval* last = nullptr;
  const Approval* submitted = nullptr;
  auto actions = storage.approvals(plan.id);
  for (const auto& a : actions) {
    if (a.org != request.org || a.period.text != period.text) continue;
    last = &a;
    if (a.action == ApprovalAction::submit) submitted = &a;
  }
  const ApprovalState state = last ? state_after(last->action) : ApprovalState::open;
  const std::string what = fmt::format("period {} of {} in plan {}", period.text, request.org, plan.id);
  if (auto why = step_refused(*action, state, last, what); !why.empty()) throw InputError(why);
  if ((*action == ApprovalAction::approve || *action == ApprovalAction::return_) && submitted &&
      submitted->by == request.by)
    throw InputError(fmt::format("{} submitted {}; another reviewer {}s it, never the one who "
                                 "submitted it",
                                 request.by, what, request.action));

  Approval approval;
  approval.plan_id = plan.id;
  approval.org = request.org;
  approval.period = period;
  approval.action = *action;
  approval.reason = request.reason;
  approval.by = request.by;
  approval.at = now;
  storage.append_approval(approval, last ? last->id : 0);
  return approval;
}

std::vector<PeriodApproval> period_approvals(storage::Storage& storage, const std::string& plan_id,
                                             Timestamp known_at) {
  Catalog(storage).plan(plan_id); // unknown plan: InputError
  std::map<std::pair<std::string, std::string>, PeriodApproval> by_period;
  for (auto& a : storage.approvals(plan_id)) {
    if (a.at > known_at) continue;
    auto& p = by_period[{a.org, a.period.text}];
    p.org = a.org;
    p.period = a.period;
    p.state = state_after(a.action);
    p.actions.push_back(std::move(a));
  }
  std::vector<PeriodApproval> out;
  for (auto& [key, p] : by_period) out.push_back(std::move(p));
  return out;
}

ApprovalLedger::ApprovalLedger(const std::vector<Approval>& actions,
                               std::optional<Timestamp> known_at) {
  for (const auto& a : actions) {
    if (known_at && a.at > *known_at) continue;
    latest_[{a.plan_id, a.org, a.period.text}] = a;
    used_[a.plan_id] = true;
  }
}

ApprovalLedger ApprovalLedger::of(storage::Storage& storage, const std::string& plan_id,
                                  std::optional<Timestamp> known_at) {
  return ApprovalLedger(storage.approvals(plan_id), known_at);
}

bool ApprovalLedger::in_use(const std::string& plan_id) const { return used_.count(plan_id) > 0; }

const Approval* ApprovalLedger::lock(const std::string& plan_id,
                                     const std::vector<std::string>& orgs,
                                     const Period& period) const {
  if (!in_use(plan_id)) return nullptr;
  for (const auto& org : orgs) {
    auto it = latest_.lower_bound({plan_id, org, std::string()});
    for (; it != latest_.end() && std::get<0>(it->first) == plan_id &&
           std::get<1>(it->first) == org;
         ++it) {
      const Approval& a = it->second;
      if (a.action == ApprovalAction::approve && a.period.start <= period.start &&
          period.end <= a.period.end)
        return &a;
    }
  }
  return nullptr;
}

void require_unlocked(const ApprovalLedger& ledger, const TargetRef& ref,
                      const std::vector<std::string>& lead_orgs, const Period& period) {
  const Approval* lock = ledger.lock(ref.plan_id, lead_orgs, period);
  if (!lock) return;
  throw Conflict(fmt::format("{}/{}: period {} is locked: {} of {} was approved by {} at {}; a "
                             "reviewer unapproves it first (`plantrack unapprove {} --org {} "
                             "--period {} --reason R`)",
                             ref.plan_id, ref.target_id, period.text, lock->period.text, lock->org,
                             lock->by, format_timestamp(lock->at), ref.plan_id, lock->org,
                             lock->period.text));
}

} // namespace plantrack::engine
