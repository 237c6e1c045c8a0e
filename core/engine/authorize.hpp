#pragma once
// Who may change what (SPEC §5), asked by every use case that writes, for every front end.
// A store without users is open, as in the first edition: anyone who can write the file may
// change it, and `--by` names them (on PostgreSQL: any role the DBA lets connect, by its name). Once it has users, every change is made by an enabled
// user whose role allows it, and a refusal is recorded before it is thrown.

#include "access/permissions.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>

namespace plantrack::engine {

// Whether the store has accounts (any user, enabled or not): then every change is checked.
bool accounts_on(storage::Storage& storage);

// On PostgreSQL, the role the store is connected as when it is `actor` and owns the schema or is
// a superuser: it acts as an admin without an account (SPEC §5), so the first users can be
// added. nullopt otherwise, and always on SQLite.
std::optional<User> admin_role(storage::Storage& storage, const std::string& actor);

// Let `actor` do `action` in `scope`, or record the refusal (at `now`) and throw
// access::PermissionDenied: one line naming the user, its role and what it may do. Returns the
// user, or nullopt when the store has no accounts (nothing is checked then).
std::optional<User> authorize(storage::Storage& storage, const std::string& actor,
                              access::Action action, const access::Scope& scope, Timestamp now);

// Record a refusal `message` of `action` by `actor` at `now`, and throw it.
[[noreturn]] void refuse(storage::Storage& storage, const std::string& actor,
                         access::Action action, const std::string& message, Timestamp now);

} // namespace plantrack::engine
