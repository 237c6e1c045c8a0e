#include "engine/authorize.hpp"

#include "model/text.hpp"

#include <fmt/format.h>

namespace plantrack::engine {

bool accounts_on(storage::Storage& storage) { return !storage.users().empty(); }

std::optional<User> admin_role(storage::Storage& storage, const std::string& actor) {
  auto role = storage.connected_role();
  if (!role || !role->admin || role->name != actor) return std::nullopt;
  User admin;
  admin.name = actor;
  admin.role = Role::admin;
  return admin;
}

void refuse(storage::Storage& storage, const std::string& actor, access::Action action,
            const std::string& message, Timestamp now) {
  storage.add_refusal({0, now, actor, std::string(to_string(action)), message});
  throw access::PermissionDenied(message);
}

std::optional<User> authorize(storage::Storage& storage, const std::string& actor,
                              access::Action action, const access::Scope& scope, Timestamp now) {
  // The user first: a store with accounts is known to have them without listing them all.
  auto user = storage.find_user(actor);
  if (!user) user = admin_role(storage, actor);
  if (!user && !accounts_on(storage)) return std::nullopt;
  if (!user)
    refuse(storage, actor, action,
           fmt::format("'{}' has no account in this database, and only its users change it; act "
                       "as one (on a file --by NAME, on PostgreSQL connect as that role; see "
                       "`plantrack user list`)",
                       excerpt(actor)),
           now);
  try {
    access::require(*user, action, scope);
  } catch (const access::PermissionDenied& e) {
    refuse(storage, actor, action, e.what(), now);
  }
  return user;
}

} // namespace plantrack::engine
