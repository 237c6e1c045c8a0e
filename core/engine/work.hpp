#pragma once
// "My work" (SPEC §6, the web app): the targets and tasks an official's orgs lead or support,
// which period each must report, the reports overdue, and what was entered last.

#include "engine/scorecard.hpp"
#include "model/account.hpp"
#include "model/entry.hpp"
#include "model/period.hpp"
#include "storage/storage.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack::engine {

// One target or task an org of the user leads or supports.
struct WorkItem {
  std::string plan_id;
  std::string item_id;
  std::string title;
  std::string title_en;
  bool task = false;
  std::string org; // the user's org that leads or supports it
  Role role = Role::lead;
  ItemStatus status;
  bool in_trouble = false;
  std::optional<Period> due;   // the cadence period to report now: the latest one ended by D
  std::vector<Period> overdue; // led items: cadence periods past their deadline, not reported
  std::optional<Entry> last;   // the latest entry in force, by anyone
};

struct Work {
  User user;
  Date as_of;
  int grace_days = default_grace_days;
  std::vector<WorkItem> items; // overdue first, then those in trouble, then in plan order
};

// The work of `user_name` as of `as_of` with what was known at `known_at` (its orgs' items;
// none for a user without orgs). Growth rates are left out: they are never logged. Reading
// is checked like `status` (access::PermissionDenied, recorded at `now`).
Work my_work(storage::Storage& storage, const std::string& user_name, Date as_of,
             Timestamp known_at, Timestamp now, int grace_days = default_grace_days);

// The entry `id` (any version), for a page that corrects or retracts it and then shows its
// item. Reading is checked like `entries` (access::PermissionDenied); NotFound naming the id.
Entry find_entry(storage::Storage& storage, const std::string& user_name, std::int64_t id,
                 Timestamp now);

} // namespace plantrack::engine
