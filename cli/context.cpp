#include "context.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

namespace plantrack::cli {

std::string Session::env(const std::string& name) const {
  auto it = ctx_.env.find(name);
  return it == ctx_.env.end() ? std::string() : it->second;
}

std::string Session::db_path() const {
  if (!options_.db.empty()) return options_.db;
  if (auto db = env("PLANTRACK_DB"); !db.empty()) return db;
  auto data = env("XDG_DATA_HOME");
  if (data.empty() && !env("HOME").empty()) data = env("HOME") + "/.local/share";
  if (data.empty())
    throw InputError("no database given and neither XDG_DATA_HOME nor HOME is set; pass --db "
                     "FILE or set PLANTRACK_DB");
  return data + "/plantrack/plantrack.db";
}

engine::Store& Session::store(bool create) {
  if (!store_) store_ = engine::open_store(db_path(), create);
  return *store_;
}

report::Lang Session::lang() const {
  if (!options_.lang.empty()) {
    if (auto lang = from_string<report::Lang>(options_.lang)) return *lang;
    throw InputError(fmt::format("--lang '{}' is not one of {}", options_.lang,
                                 joined_names<report::Lang>()));
  }
  auto lang = env("LC_ALL").empty() ? env("LANG") : env("LC_ALL");
  return lang.rfind("zh", 0) == 0 ? report::Lang::zh : report::Lang::en;
}

Date Session::as_of() const {
  if (!options_.as_of.empty()) return parse_date(options_.as_of, "--as-of");
  return civil_date(ctx_.now(), display_zone);
}

Timestamp Session::known_at() const {
  if (options_.known_at.empty()) return ctx_.now();
  if (auto t = parse_instant(options_.known_at, display_zone)) return *t;
  throw InputError(fmt::format("--known-at '{}' is not a timestamp; write YYYY-MM-DD (end of "
                               "that day, Asia/Shanghai), YYYY-MM-DDTHH:MM[:SS] (Asia/Shanghai) "
                               "or with Z or +08:00, e.g. 2019-06-30T16:00:00+08:00",
                               options_.known_at));
}

std::string Session::recorded_by() {
  // Against PostgreSQL the server has authenticated the role, and that role is who acts.
  if (engine::is_postgres_url(db_path())) {
    if (!options_.by.empty())
      throw InputError(fmt::format("--by is refused against PostgreSQL: you act as the database "
                                   "role you connect as; remove --by '{}', or put that role's "
                                   "name in the URL (postgresql://ROLE@HOST/DB)",
                                   excerpt(options_.by)));
    if (auto role = store().connected_role()) return role->name;
  }
  if (!options_.by.empty()) return options_.by;
  if (auto user = env("PLANTRACK_USER"); !user.empty()) return user;
  if (!ctx_.login_name.empty()) return ctx_.login_name;
  throw InputError("cannot tell who is recording; pass --by NAME or set PLANTRACK_USER");
}

bool Session::color() const {
  if (options_.color == "always") return true;
  if (options_.color == "never") return false;
  if (options_.color != "auto")
    throw InputError(fmt::format("--color '{}' is not one of auto, always, never", options_.color));
  return ctx_.out_is_terminal && env("NO_COLOR").empty();
}

std::string Session::format(std::initializer_list<std::string_view> allowed) const {
  for (auto f : allowed)
    if (f == options_.format) return options_.format;
  std::string list;
  for (auto f : allowed) list += (list.empty() ? "" : ", ") + std::string(f);
  throw InputError(
      fmt::format("--format '{}' is not offered here; use one of {}", options_.format, list));
}

} // namespace plantrack::cli
