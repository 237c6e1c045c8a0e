#pragma once
// The completion audit as a terminal table, Markdown or JSON; the refusals recorded.

#include "audit/completion.hpp"
#include "model/approval.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

// `plantrack audit refusals`: the refused actions, oldest first.
nlohmann::ordered_json refusals_json(const std::vector<Refusal>& refusals);
std::string refusals_table(const std::vector<Refusal>& refusals, Lang lang);

nlohmann::ordered_json completion_json(const audit::CompletionAudit& audit);
// `markdown`: headings and pipe tables; otherwise plain text with aligned tables.
std::string completion_text(const audit::CompletionAudit& audit, Lang lang, bool markdown);

} // namespace plantrack::report
