#include "audit/approvals.hpp"

#include "audit/chain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace plantrack::audit {

std::string approval_bytes(const Approval& a) {
  nlohmann::json bytes = nlohmann::json::array(
      {a.id, a.plan_id, a.org, a.period.text, std::string(to_string(a.action)), a.reason, a.by,
       format_timestamp(a.at), a.entries_head, a.entries_head_hash});
  return bytes.dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
}

std::string approval_hash(const std::string& previous, const Approval& approval) {
  return sha256_hex(previous + approval_bytes(approval));
}

ApprovalCheck verify_approvals(
    const std::vector<Approval>& approvals,
    const std::function<std::optional<std::string>(std::int64_t)>& entry_hash) {
  ApprovalCheck check;
  std::string previous = genesis_hash;
  std::int64_t previous_id = 0;
  for (const auto& a : approvals) {
    auto broken = [&](std::string why) {
      check.broken_at = a.id;
      check.why = std::move(why);
      return check;
    };
    if (a.id != previous_id + 1)
      return broken(fmt::format("approval {} follows approval {}: {} missing or reordered", a.id,
                                previous_id, a.id > previous_id + 1 ? "one is" : "the rows are"));
    if (a.hash != approval_hash(previous, a))
      return broken(fmt::format("approval {} was altered or its hash replaced", a.id));
    auto anchor = a.entries_head == 0 ? std::optional<std::string>(genesis_hash)
                                      : entry_hash(a.entries_head);
    if (!anchor || *anchor != a.entries_head_hash)
      return broken(fmt::format("approval {} names entry {} as the chain's head, which the entry "
                                "chain does not hold with that hash",
                                a.id, a.entries_head));
    previous = a.hash;
    previous_id = a.id;
    ++check.approvals;
  }
  return check;
}

} // namespace plantrack::audit
