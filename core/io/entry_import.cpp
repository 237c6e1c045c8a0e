#include "io/entry_import.hpp"

#include "engine/entry_checker.hpp"
#include "errors.hpp"
#include "io/csv.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

namespace plantrack::io {
namespace {

constexpr std::array<std::string_view, 9> columns{
    "target", "period", "value", "unit", "source", "note", "recorded_by", "provisional", "entities"};
constexpr std::array<std::string_view, 3> required{"target", "period", "value"};

std::vector<std::string> split_entities(const std::string& s) {
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

// Which field an error message is about, from its opening words.
std::string column_of(const std::string& message) {
  for (auto c : {"period", "value", "unit", "target", "entity"})
    if (message.rfind(c, 0) == 0 || message.rfind(std::string("an ") + c, 0) == 0)
      return std::string(c == std::string_view("entity") ? "entities" : c);
  if (message.rfind("unknown plan", 0) == 0 || message.rfind("plan '", 0) == 0) return "target";
  return "";
}

} // namespace

EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run) {
  engine::EntryChecker checker(storage);
  std::map<std::string, size_t> index; // column name -> position
  std::vector<std::string> problems;
  std::vector<Entry> entries;
  bool header_seen = false;

  read_csv(in, file, [&](CsvRecord&& record) {
    if (!header_seen) {
      header_seen = true;
      for (size_t i = 0; i < record.fields.size(); ++i) {
        const auto& name = record.fields[i];
        if (std::find(columns.begin(), columns.end(), name) == columns.end())
          throw InputErrors({fmt::format(
              "{}:{}: unknown column '{}'; the header names columns among {}", file, record.line,
              name, "target,period,value,unit,source,note,recorded_by,provisional,entities")});
        index[name] = i;
      }
      for (auto r : required)
        if (!index.count(std::string(r)))
          throw InputErrors({fmt::format("{}:{}: the header lacks column '{}'; the first line "
                                         "must name the columns, e.g. {}",
                                         file, record.line, r,
                                         "target,period,value,unit,source,note,recorded_by,"
                                         "provisional,entities")});
      return;
    }
    auto field = [&](std::string_view name) -> std::string {
      auto it = index.find(std::string(name));
      return it != index.end() && it->second < record.fields.size() ? record.fields[it->second]
                                                                     : std::string();
    };
    if (record.fields.size() != index.size()) {
      problems.push_back(fmt::format("{}:{}: the row has {} fields but the header has {}; quote "
                                     "fields that contain commas",
                                     file, record.line, record.fields.size(), index.size()));
      return;
    }
    EntryInput input;
    input.ref = field("target");
    input.period = field("period");
    input.value = field("value");
    input.unit = field("unit");
    input.source = field("source");
    input.note = field("note");
    input.recorded_by = field("recorded_by").empty() ? default_by : field("recorded_by");
    input.entities = split_entities(field("entities"));
    if (!parse_flag(field("provisional"), input.provisional)) {
      problems.push_back(fmt::format("{}:{}: provisional: '{}' is not true or false; write true, "
                                     "false or leave it empty",
                                     file, record.line, field("provisional")));
      return;
    }
    try {
      Entry e = checker.check(input);
      e.recorded_at = now;
      entries.push_back(std::move(e));
    } catch (const InputError& e) {
      std::string message = e.what();
      std::string column = column_of(message);
      problems.push_back(fmt::format("{}:{}: {}{}", file, record.line,
                                     column.empty() ? "" : column + ": ", message));
    }
  });
  if (!header_seen)
    throw InputErrors({fmt::format("{}:1: the file is empty; the first line must name the "
                                   "columns target,period,value,unit,source,note,recorded_by,"
                                   "provisional,entities",
                                   file)});
  if (!problems.empty()) {
    problems.push_back(fmt::format("{}: {} bad row(s); nothing was imported, fix them and run "
                                   "the import again",
                                   file, problems.size()));
    throw InputErrors(std::move(problems));
  }
  EntryImport result;
  result.rows = entries.size();
  if (!dry_run && !entries.empty()) result.ids = storage.append_entries(entries);
  return result;
}

} // namespace plantrack::io
