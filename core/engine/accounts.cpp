#include "engine/accounts.hpp"

#include "access/credentials.hpp"
#include "access/permissions.hpp"
#include "engine/authorize.hpp"
#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace plantrack::engine {
namespace {

void check_name(const std::string& name) {
  require_utf8(name, "user name");
  if (name.empty() || name.size() > 64 ||
      name.find_first_of(" \t\r\n/:,;") != std::string::npos)
    throw InputError(fmt::format("'{}' is not a user name; use 1 to 64 bytes without spaces, "
                                 "'/', ':', ',' or ';', e.g. zhang.san or 张三",
                                 excerpt(name)));
}

// Every org a stored plan names (lead or support, targets and tasks).
std::set<std::string> orgs_named(storage::Storage& storage) {
  std::set<std::string> orgs;
  for (const auto& id : storage.plan_ids()) {
    auto plan = storage.find_plan(id);
    if (!plan) continue;
    auto named = plan->plan.orgs();
    orgs.insert(named.begin(), named.end());
  }
  return orgs;
}

} // namespace

void add_user(storage::Storage& storage, const std::string& actor, const NewUser& input,
              const std::string& password, Timestamp now) {
  check_name(input.name);
  auto role = from_string<Role>(input.role);
  if (!role)
    throw InputError(fmt::format("'{}' is not a role; use one of {}", excerpt(input.role),
                                 joined_names<Role>()));
  const bool first = storage.users().empty();
  if (first && *role != Role::admin)
    throw InputError(fmt::format("the first user of a database must be an admin, who then adds "
                                 "the others; add '{}' with --role admin, or add an admin first",
                                 input.name));
  // On PostgreSQL the first user is added by the schema's owner (or a superuser); on a file, by
  // whoever may write it.
  auto connected = storage.connected_role();
  if (first && connected && !connected->admin)
    refuse(storage, actor, access::Action::manage_users,
           fmt::format("the first user of a PostgreSQL database is added by the role that owns "
                       "its schema, and '{}' does not; connect as the owner (or a superuser)",
                       excerpt(actor)),
           now);
  if (!first) authorize(storage, actor, access::Action::manage_users, {}, now);
  if (*role == Role::official && input.orgs.empty())
    throw InputError(fmt::format("an official belongs to at least one org; add --org ORG, an org "
                                 "the plans name (see `plantrack scorecard`)"));
  if (*role != Role::official && !input.orgs.empty())
    throw InputError(fmt::format("--org is for officials, and '{}' is to be {}; remove --org",
                                 input.name, access::role_with_article(*role)));
  if (*role != Role::reviewer && !input.plans.empty())
    throw InputError(fmt::format("--plan limits a reviewer to plans, and '{}' is to be {}; "
                                 "remove --plan",
                                 input.name, access::role_with_article(*role)));
  if (!input.orgs.empty()) {
    auto named = orgs_named(storage);
    for (const auto& org : input.orgs) {
      require_utf8(org, "org");
      if (!named.count(org))
        throw InputError(fmt::format("no plan names the org '{}'; use an org as the plans write "
                                     "it ({})",
                                     excerpt(org),
                                     named.empty() ? "no plan is imported yet" : joined(named, ", ")));
    }
  }
  for (const auto& plan : input.plans)
    if (!storage.find_plan(plan))
      throw InputError(fmt::format("unknown plan '{}'; see `plantrack plan list`", excerpt(plan)));
  User user;
  user.name = input.name;
  user.role = *role;
  user.orgs = input.orgs;
  user.plans = input.plans;
  user.created_at = now;
  user.created_by = actor;
  storage.add_user(user, access::hash_password(password));
}

std::vector<User> list_users(storage::Storage& storage) { return storage.users(); }

void disable_user(storage::Storage& storage, const std::string& actor, const std::string& name,
                  Timestamp now) {
  authorize(storage, actor, access::Action::manage_users, {}, now);
  if (name == actor)
    throw InputError(fmt::format("'{}' cannot disable itself; another admin does that", actor));
  storage.disable_user(name, now);
}

std::string create_token(storage::Storage& storage, const std::string& actor,
                         const std::string& user, Timestamp now) {
  auto owner = storage.find_user(user);
  if (!owner)
    throw InputError(fmt::format("no user named '{}'; see `plantrack user list`", excerpt(user)));
  if (owner->disabled_at)
    throw InputError(fmt::format("user '{}' is disabled; a disabled user gets no token", user));
  if (actor != user) authorize(storage, actor, access::Action::manage_users, {}, now);
  std::string token = access::new_token();
  ApiToken stored;
  stored.user = user;
  stored.digest = access::token_digest(token);
  stored.created_at = now;
  stored.created_by = actor;
  storage.add_token(stored);
  return token;
}

} // namespace plantrack::engine
