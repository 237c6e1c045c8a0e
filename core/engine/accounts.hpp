#pragma once
// Accounts (SPEC §5): add, list and disable users, create API tokens. Who may is decided by
// access/permissions; the first user of a database is the one exception (see add_user).

#include "model/account.hpp"
#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace plantrack::engine {

struct NewUser {
  std::string name;
  std::string role; // as typed: admin, official, reviewer, leader, auditor
  std::vector<std::string> orgs;
  std::vector<std::string> plans;
};

// Add a user on behalf of `actor` (the signed-in user; from the CLI on SQLite, --by). The
// first user of a database must be an admin and may be added by whoever can write the
// database; after that only an enabled admin adds users. An official needs at least one org
// that a stored plan names; --org is only for officials, --plan only for reviewers and must
// name stored plans. The password is hashed (Argon2id) and dropped. InputError (or
// access::PermissionDenied) otherwise, nothing stored.
void add_user(storage::Storage& storage, const std::string& actor, const NewUser& user,
              const std::string& password, Timestamp now);

// Every user, by name (no secrets: the storage never returns them).
std::vector<User> list_users(storage::Storage& storage);

// Disable `name` and revoke its tokens, on behalf of an admin `actor`. An admin cannot
// disable itself (someone must be left to manage users).
void disable_user(storage::Storage& storage, const std::string& actor, const std::string& name,
                  Timestamp now);

// A new API token for `user`, on behalf of `actor` (the user itself, or an admin). Returns the
// token: it is shown this once and stored only as its SHA-256.
std::string create_token(storage::Storage& storage, const std::string& actor,
                         const std::string& user, Timestamp now);

} // namespace plantrack::engine
