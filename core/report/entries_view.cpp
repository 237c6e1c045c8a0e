#include "report/entries_view.hpp"

#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {

nlohmann::ordered_json entries_json(const std::vector<Entry>& entries) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& e : entries)
    out.push_back({{"id", e.id},
                   {"target", e.plan_id + "/" + e.target_id},
                   {"period", e.period.text},
                   {"value", e.value},
                   {"value_text", e.value_text},
                   {"unit", e.unit},
                   {"recorded_at", format_timestamp(e.recorded_at)},
                   {"recorded_by", e.recorded_by},
                   {"source", e.source},
                   {"note", e.note},
                   {"provisional", e.provisional},
                   {"entities", e.entities}});
  return out;
}

std::string entries_table(const std::vector<Entry>& entries, Lang lang) {
  Table table;
  for (auto key : {"id", "ref", "period", "value", "recorded_at", "recorded_by", "source", "note"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {true, false, false, true};
  for (const auto& e : entries) {
    std::string value = e.value_text + (e.unit.empty() ? "" : " " + e.unit);
    if (e.provisional) value += lang == Lang::zh ? " (初步)" : " (provisional)";
    std::string note = e.note;
    if (!e.entities.empty()) {
      std::string names;
      for (const auto& n : e.entities) names += (names.empty() ? "" : ";") + n;
      note += (note.empty() ? "" : " ") + fmt::format("[{}]", names);
    }
    table.rows.push_back({std::to_string(e.id), e.plan_id + "/" + e.target_id, e.period.text,
                          value, format_local(e.recorded_at, display_zone), e.recorded_by,
                          e.source, note});
  }
  return render(table);
}

} // namespace plantrack::report
