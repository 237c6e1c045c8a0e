#pragma once
// The entry history as a table, JSON or CSV (`plantrack entries`, `plantrack show`).

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
// The history in the import columns plus id,corrects,reason (io/entry_csv.hpp), one row per
// version in the order given: `plantrack import` of it reproduces the entries. Throws
// InputError for an entity or evidence item holding ';'.
std::string entries_csv(const std::vector<Entry>& entries);

} // namespace plantrack::report
