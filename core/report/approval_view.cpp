#include "report/approval_view.hpp"

#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {
namespace {

std::string state_label(Lang lang, ApprovalState state) {
  return std::string(label(lang, "approval_" + std::string(to_string(state))));
}

std::string action_label(Lang lang, ApprovalAction action) {
  return std::string(label(lang, "action_" + std::string(to_string(action))));
}

} // namespace

nlohmann::ordered_json approval_json(const Approval& a) {
  return {{"id", a.id},
          {"action", to_string(a.action)},
          {"by", a.by},
          {"at", format_timestamp(a.at)},
          {"reason", a.reason},
          {"entries_head", a.entries_head},
          {"hash", a.hash}};
}

nlohmann::ordered_json approvals_json(const std::vector<engine::PeriodApproval>& periods) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& p : periods) {
    auto actions = nlohmann::ordered_json::array();
    for (const auto& a : p.actions) actions.push_back(approval_json(a));
    out.push_back({{"org", p.org},
                   {"period", p.period.text},
                   {"state", to_string(p.state)},
                   {"actions", std::move(actions)}});
  }
  return out;
}

std::string approvals_table(const std::vector<engine::PeriodApproval>& periods, Lang lang) {
  Table table;
  for (auto key : {"org", "period", "approval_state", "last_action", "acted_by", "acted_at",
                   "reason"})
    table.header.emplace_back(label(lang, key));
  for (const auto& p : periods) {
    const Approval& last = p.actions.back();
    table.rows.push_back({p.org, p.period.text, state_label(lang, p.state),
                          action_label(lang, last.action), last.by,
                          format_local(last.at, display_zone), last.reason});
  }
  return render(table);
}

std::string approval_line(const Approval& a, Lang lang) {
  if (lang == Lang::zh)
    return fmt::format("{}:规划 {} 中 {} 的 {} 期数据现为「{}」(审核记录 {},覆盖至第 {} 条记录)\n",
                       action_label(lang, a.action), a.plan_id, a.org, a.period.text,
                       state_label(lang, state_after(a.action)), a.id, a.entries_head);
  return fmt::format("{}: period {} of {} in plan {} is now {} (approval {}, covering entries up "
                     "to {})\n",
                     action_label(lang, a.action), a.period.text, a.org, a.plan_id,
                     state_label(lang, state_after(a.action)), a.id, a.entries_head);
}

} // namespace plantrack::report
