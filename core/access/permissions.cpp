#include "access/permissions.hpp"

#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::access {
namespace {

bool shares_org(const User& user, const std::vector<std::string>& orgs) {
  return std::any_of(orgs.begin(), orgs.end(), [&](const std::string& org) {
    return std::find(user.orgs.begin(), user.orgs.end(), org) != user.orgs.end();
  });
}

// What the action needs, for the refusal.
std::string needs(Action action, const Scope& scope) {
  switch (action) {
  case Action::manage_users: return "managing users is for admins";
  case Action::manage_plans: return "importing and revising plans is for admins";
  case Action::manage_schedules: return "adding and removing schedules is for admins";
  case Action::write_entry:
    return fmt::format("entries of this item are written by officials of {}", orgs_text(scope.orgs));
  case Action::submit_period:
    return fmt::format("a period of {} is submitted by its officials", orgs_text(scope.orgs));
  case Action::review_period:
    return fmt::format("periods of plan {} are reviewed by reviewers of that plan",
                       scope.plan_id.empty() ? "?" : scope.plan_id);
  case Action::read: return "reading needs an enabled account";
  case Action::run_audit: return "the audits are run by auditors";
  }
  return "";
}

} // namespace

std::string orgs_text(const std::vector<std::string>& orgs) {
  return orgs.empty() ? "no org" : joined(orgs, ", ");
}

std::string what_role_may(Role role) {
  switch (role) {
  case Role::admin: return "manages users, plans and schedules, and reads";
  case Role::official: return "writes the entries of its orgs' items, submits their periods, and reads";
  case Role::reviewer: return "approves or returns submitted periods of its plans, and reads";
  case Role::leader: return "reads everything";
  case Role::auditor: return "reads everything and runs the audits";
  }
  return "";
}

std::string role_with_article(Role role) {
  const bool vowel = role == Role::admin || role == Role::official || role == Role::auditor;
  return fmt::format("{} {}", vowel ? "an" : "a", to_string(role));
}

bool allowed(const User& user, Action action, const Scope& scope) {
  if (user.disabled_at) return false;
  switch (action) {
  case Action::manage_users:
  case Action::manage_plans:
  case Action::manage_schedules: return user.role == Role::admin;
  case Action::write_entry:
  case Action::submit_period: return user.role == Role::official && shares_org(user, scope.orgs);
  case Action::review_period:
    return user.role == Role::reviewer &&
           (user.plans.empty() ||
            std::find(user.plans.begin(), user.plans.end(), scope.plan_id) != user.plans.end());
  case Action::read: return true;
  case Action::run_audit: return user.role == Role::auditor;
  }
  return false;
}

void require(const User& user, Action action, const Scope& scope) {
  if (allowed(user, action, scope)) return;
  if (user.disabled_at)
    throw PermissionDenied(fmt::format("user '{}' is disabled and may do nothing; ask an admin "
                                       "to add a new account",
                                       user.name));
  std::string orgs = user.role == Role::official ? fmt::format(" of {}", orgs_text(user.orgs)) : "";
  throw PermissionDenied(fmt::format("'{}' is {}{}, who {}; {}", user.name,
                                     role_with_article(user.role), orgs, what_role_may(user.role),
                                     needs(action, scope)));
}

} // namespace plantrack::access
