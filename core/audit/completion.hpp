#pragma once
// The completion audit: per target the final value, the ruling and the evidence behind it.

#include "assess/assess.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace plantrack::audit {

enum class Ruling { achieved, missed, breached, unverifiable, not_due };
constexpr auto enum_names(Ruling) {
  return name_table<Ruling>({{Ruling::achieved, "achieved"},
                             {Ruling::missed, "missed"},
                             {Ruling::breached, "breached"},
                             {Ruling::unverifiable, "unverifiable"},
                             {Ruling::not_due, "not_due"}});
}

// A counted entry (its version in force) with the versions it replaced, oldest first.
struct Evidence {
  Entry entry;
  std::vector<Entry> earlier_versions;
};

struct TargetAudit {
  Target target;
  assess::Assessment result;
  Ruling ruling = Ruling::not_due;
  std::vector<Evidence> evidence;
  std::vector<std::string> entities; // cumulative targets: every name counted, in order
};

struct CompletionAudit {
  Plan plan;
  Date as_of;
  Timestamp known_at{};
  std::vector<TargetAudit> targets;
};

// Audit `plan` as of `as_of` with the entries recorded by `known_at` (all versions; the
// function applies corrections itself). Rulings: breached (a keep_at_most breach), then
// not_due (deadline not passed and not achieved), unverifiable (a level or flow target with
// no entry for the final period), achieved, missed. docs/audit.md.
CompletionAudit audit_completion(const Plan& plan, const std::vector<Entry>& entries,
                                 Date as_of, Timestamp known_at);

} // namespace plantrack::audit
