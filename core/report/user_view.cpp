#include "report/user_view.hpp"

#include "model/text.hpp"
#include "report/table.hpp"

namespace plantrack::report {
nlohmann::ordered_json users_json(const std::vector<User>& users) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& u : users)
    out.push_back({{"name", u.name},
                   {"role", to_string(u.role)},
                   {"orgs", u.orgs},
                   {"plans", u.plans},
                   {"created_at", format_timestamp(u.created_at)},
                   {"created_by", u.created_by},
                   {"disabled_at", u.disabled_at ? nlohmann::ordered_json(format_timestamp(*u.disabled_at))
                                                 : nlohmann::ordered_json(nullptr)}});
  return out;
}

std::string users_table(const std::vector<User>& users, Lang lang) {
  Table table;
  for (auto key : {"user", "role", "org", "plans", "created_at", "created_by", "disabled_at"})
    table.header.emplace_back(label(lang, key));
  for (const auto& u : users)
    table.rows.push_back({u.name, std::string(label(lang, "role_" + std::string(to_string(u.role)))),
                          joined(u.orgs, "; "), joined(u.plans, "; "),
                          format_local(u.created_at, display_zone), u.created_by,
                          u.disabled_at ? format_local(*u.disabled_at, display_zone) : ""});
  return render(table);
}

} // namespace plantrack::report
