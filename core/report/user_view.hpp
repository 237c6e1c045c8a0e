#pragma once
// `plantrack user list`: the accounts, without anything secret (there is nothing secret in
// a User).

#include "model/account.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

nlohmann::ordered_json users_json(const std::vector<User>& users);
std::string users_table(const std::vector<User>& users, Lang lang);

} // namespace plantrack::report
