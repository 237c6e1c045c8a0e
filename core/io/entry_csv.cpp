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

constexpr std::array<std::string_view, 15> columns{
    "target",   "period",   "value",       "unit",     "source",   "note",     "recorded_by",
    "provisional", "entities", "evidence", "step",  "peer",     "id",       "corrects", "reason"};
constexpr std::array<std::string_view, 3> required{"target", "period", "value"};
constexpr std::string_view column_list =
    "target,period,value,unit,source,note,recorded_by,provisional,entities,evidence,step,peer "
    "(and, for a history, id,corrects,reason)";
constexpr size_t id_column = 12, corrects_column = 13, reason_column = 14;

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
  if (h.at("corrects") >= 0 && h.at("id") < 0)
    throw InputErrors({fmt::format("{}:{}: the header has column 'corrects' but not 'id'; "
                                   "corrects names the id of an earlier row, so add the id "
                                   "column",
                                   file, record.line)});
  return h;
}

// A positive whole number in an id or corrects cell; nullopt otherwise.
std::optional<std::int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  std::int64_t id = std::stoll(s);
  if (id <= 0) return std::nullopt;
  return id;
}

// A `;`-separated cell of `names`; InputError for a name the separator would split.
std::string joined_names(const std::vector<std::string>& names, const Entry& e,
                         std::string_view what) {
  for (const auto& n : names)
    if (n.find(';') != std::string::npos)
      throw InputError(fmt::format("entry {} has {} '{}', which holds ';', the separator of the "
                                   "{} column, so a CSV cannot carry it; correct the entry with "
                                   "names without ';' and export again",
                                   e.id, what == "entities" ? "entity" : "evidence item",
                                   excerpt(n), what));
  return joined(names, ";");
}

} // namespace

void read_entry_rows(std::istream& in, const std::string& file, const std::string& default_by,
                     const std::function<void(const EntryColumns&)>& on_header,
                     const std::function<void(EntryRow&&)>& on_row) {
  std::optional<Header> header;
  read_csv(in, file, [&](CsvRecord&& record) {
    if (!header) {
      header = read_header(record, file);
      on_header({header->at("corrects") >= 0});
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
    // The history columns: an unreadable id is the row's problem unless an earlier one is.
    for (auto [column, out] : {std::pair{id_column, &row.id}, {corrects_column, &row.corrects}}) {
      std::string cell = take(column);
      if (cell.empty()) continue;
      *out = parse_id(cell);
      if (!*out && row.problem.empty())
        row.problem = fmt::format("{}: '{}' is not an entry id; write a whole number from 1, "
                                  "e.g. 42",
                                  columns[column], excerpt(cell));
    }
    row.reason = take(reason_column);
    on_row(std::move(row));
  });
  if (!header)
    throw InputErrors({fmt::format("{}:1: the file is empty; the first line must name the "
                                   "columns {}",
                                   file, column_list)});
}

std::string entry_history_header() {
  std::vector<std::string> names(columns.begin(), columns.end());
  return csv_record(names);
}

std::string entry_history_row(const Entry& e) {
  bool retract = e.action == Action::retract;
  std::string target = e.plan_id + "/" + e.target_id;
  if (e.part) target += ":" + std::string(to_string(*e.part));
  std::vector<std::string> cells{target,
                                 e.period.text,
                                 retract ? "" : e.value_text,
                                 retract ? "" : e.unit,
                                 e.source,
                                 e.note,
                                 e.recorded_by,
                                 e.provisional ? "true" : "false",
                                 joined_names(e.entities, e, "entities"),
                                 joined_names(e.evidence, e, "evidence"),
                                 retract ? "" : e.step,
                                 e.peer,
                                 std::to_string(e.id),
                                 e.corrects ? std::to_string(*e.corrects) : "",
                                 e.reason};
  return csv_record(cells);
}

} // namespace plantrack::io
