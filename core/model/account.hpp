#pragma once
// Accounts (SPEC §5): who may do what is decided in access/, from the user's role, orgs and
// plans kept here.

#include "model/enum_names.hpp"
#include "model/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack {

// admin: users, plans, schedules; official: the entries of its orgs' items and their periods;
// reviewer: approves or returns periods (of every plan, or of its plans); leader: reads
// everything; auditor: reads everything and runs the audits.
enum class Role { admin, official, reviewer, leader, auditor };
constexpr auto enum_names(Role) {
  return name_table<Role>({{Role::admin, "admin"},
                           {Role::official, "official"},
                           {Role::reviewer, "reviewer"},
                           {Role::leader, "leader"},
                           {Role::auditor, "auditor"}});
}

struct User {
  std::string name;
  Role role = Role::official;
  std::vector<std::string> orgs;  // an official's orgs (责任单位), as plans name them
  std::vector<std::string> plans; // a reviewer's plans; empty: every plan
  Timestamp created_at{};
  std::string created_by;
  std::optional<Timestamp> disabled_at;
};

// An API token as stored: its SHA-256, never the token itself.
struct ApiToken {
  std::int64_t id = 0;
  std::string user;
  std::string digest; // SHA-256 of the token, lowercase hex
  Timestamp created_at{};
  std::string created_by;
};

} // namespace plantrack
