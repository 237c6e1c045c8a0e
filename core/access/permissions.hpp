#pragma once
// The permission matrix of SPEC §5, in one place: every front end asks here, through the
// engine, before it changes anything.

#include "errors.hpp"
#include "model/account.hpp"

#include <string>
#include <vector>

namespace plantrack::access {

enum class Action {
  manage_users,     // user add|disable, token create for others
  manage_plans,     // plan import, revisions
  manage_schedules, // schedule add|remove
  write_entry,      // log, correct, retract an entry of an item (orgs: its lead and support)
  submit_period,    // submit an org's period for review (org)
  review_period,    // approve, return, unapprove (plan)
  read,             // status, show, entries, reports, scorecard
  run_audit,        // audit verify, audit completion
};
constexpr auto enum_names(Action) {
  return name_table<Action>({{Action::manage_users, "manage_users"},
                             {Action::manage_plans, "manage_plans"},
                             {Action::manage_schedules, "manage_schedules"},
                             {Action::write_entry, "write_entry"},
                             {Action::submit_period, "submit_period"},
                             {Action::review_period, "review_period"},
                             {Action::read, "read"},
                             {Action::run_audit, "run_audit"}});
}

// What an action is about: the orgs of the item written (write_entry), the org whose period
// is submitted (submit_period), the plan (review_period).
struct Scope {
  std::vector<std::string> orgs;
  std::string plan_id;
};

// A refusal (exit 1, HTTP 403): one line naming the user, the role and what it may do.
using PermissionDenied = plantrack::PermissionDenied;

// Whether `user` may do `action` in `scope`. A disabled user may do nothing.
bool allowed(const User& user, Action action, const Scope& scope = {});

// Throws PermissionDenied unless allowed.
void require(const User& user, Action action, const Scope& scope = {});

// What a role may do, in a few words (the second half of a refusal).
std::string what_role_may(Role role);

// Orgs as messages name them: "区科委, 区财政局", or "no org".
std::string orgs_text(const std::vector<std::string>& orgs);

// The role's name with its article, for messages: "an admin", "a leader".
std::string role_with_article(Role role);

} // namespace plantrack::access
