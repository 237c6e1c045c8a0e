#pragma once
// The completion audit as a terminal table, Markdown or JSON.

#include "audit/completion.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace plantrack::report {

nlohmann::ordered_json completion_json(const audit::CompletionAudit& audit);
// `markdown`: headings and pipe tables; otherwise plain text with aligned tables.
std::string completion_text(const audit::CompletionAudit& audit, Lang lang, bool markdown);

} // namespace plantrack::report
