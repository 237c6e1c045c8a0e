#pragma once
// The entry history as a table or JSON (`plantrack entries`, `plantrack show`).

#include "model/entry.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

// One entry with every stored field (`replaced_by` is left to entries_json).
nlohmann::ordered_json entry_json(const Entry& entry);
nlohmann::ordered_json entries_json(const std::vector<Entry>& entries);
std::string entries_table(const std::vector<Entry>& entries, Lang lang);

} // namespace plantrack::report
