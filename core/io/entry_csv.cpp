#include "io/entry_csv.hpp"

#include "errors.hpp"
#include "io/csv.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace plantrack::io {
namespace {

constexpr std::array<std::string_view, 12> columns{
    "target",      "period",      "value",    "unit",     "source", "note",
    "recorded_by", "provisional", "entities", "evidence", "step",   "peer"};
constexpr std::array<std::string_view, 3> required{"target", "period", "value"};
constexpr std::string_view column_list =
    "target,period,value,unit,source,note,recorded_by,provisional,entities,evidence,step,peer";

// The names of a `;`-separated cell (entities, evidence); none for an empty cell.
std::vector<std::string> split_names(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t from = 0;
  while (true) {
    auto semi = s.find(';', from);
    out.push_back(s.substr(from, semi == std::string::npos ? std::string::npos : semi - from));
    if (semi == std::string::npos) break;
    from = semi + 1;
  }
  return out;
}

bool parse_flag(const std::string& s, bool& out) {
  if (s.empty() || s == "false" || s == "0" || s == "no") return out = false, true;
  if (s == "true" || s == "1" || s == "yes") return out = true, true;
  return false;
}

// Where each known column sits in the file (-1: absent).
struct Header {
  std::array<int, columns.size()> position;
  size_t width = 0;
  Header() { position.fill(-1); }
  int at(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return position[i];
    return -1;
  }
};

Header read_header(const CsvRecord& record, const std::string& file) {
  Header h;
  h.width = record.fields.size();
  for (size_t i = 0; i < record.fields.size(); ++i) {
    const auto& name = record.fields[i];
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
      throw InputErrors({fmt::format(
          "{}:{}: unknown column '{}'; the header names columns among {}", file, record.line,
          name, column_list)});
    auto& at = h.position[static_cast<size_t>(it - columns.begin())];
    if (at >= 0)
      throw InputErrors({fmt::format("{}:{}: column '{}' appears twice in the header; name each "
                                     "column once",
                                     file, record.line, name)});
    at = static_cast<int>(i);
  }
  for (auto r : required)
    if (h.at(r) < 0)
      throw InputErrors({fmt::format("{}:{}: the header lacks column '{}'; the first line "
                                     "must name the columns, e.g. {}",
                                     file, record.line, r, column_list)});
  return h;
}

} // namespace

void read_entry_rows(std::istream& in, const std::string& file, const std::string& default_by,
                     const std::function<void(EntryRow&&)>& on_row) {
  std::optional<Header> header;
  read_csv(in, file, [&](CsvRecord&& record) {
    if (!header) {
      header = read_header(record, file);
      return;
    }
    EntryRow row;
    row.line = record.line;
    if (record.fields.size() != header->width) {
      row.problem = fmt::format("the row has {} fields but the header has {}; quote fields that "
                                "contain commas",
                                record.fields.size(), header->width);
      on_row(std::move(row));
      return;
    }
    // Take a cell out of the record (no copy); an absent column is empty.
    auto take = [&](size_t column) -> std::string {
      int at = header->position[column];
      return at < 0 ? std::string() : std::move(record.fields[static_cast<size_t>(at)]);
    };
    EntryInput& input = row.input;
    input.ref = take(0);
    input.period = take(1);
    input.value = take(2);
    input.unit = take(3);
    input.source = take(4);
    input.note = take(5);
    input.recorded_by = take(6);
    if (input.recorded_by.empty()) input.recorded_by = default_by;
    std::string provisional = take(7);
    if (!parse_flag(provisional, input.provisional))
      row.problem = fmt::format("provisional: '{}' is not true or false; write true, false or "
                                "leave it empty",
                                excerpt(provisional));
    else
      input.entities = split_names(take(8));
    input.evidence = split_names(take(9));
    input.step = take(10);
    input.peer = take(11);
    on_row(std::move(row));
  });
  if (!header)
    throw InputErrors({fmt::format("{}:1: the file is empty; the first line must name the "
                                   "columns {}",
                                   file, column_list)});
}

} // namespace plantrack::io
