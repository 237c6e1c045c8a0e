#include "io/entry_import.hpp"

#include "engine/entry_checker.hpp"
#include "errors.hpp"
#include "io/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

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
          name, "target,period,value,unit,source,note,recorded_by,provisional,entities")});
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
                                     file, record.line, r,
                                     "target,period,value,unit,source,note,recorded_by,"
                                     "provisional,entities")});
  return h;
}

// The targets rows name, each resolved once: a file of a million rows names a few thousand
// targets, so the cache is bounded by the database, not by the file.
class TargetCache {
public:
  explicit TargetCache(storage::Storage& storage) : checker_(storage) {}

  struct Resolved {
    TargetRef ref;
    const Target* target = nullptr;
  };

  // The target `ref` names; throws InputError naming it, with a suggestion, when unknown.
  const Resolved& resolve(const std::string& ref) {
    if (auto it = known_.find(ref); it != known_.end()) return it->second;
    TargetRef parsed = parse_target_ref(ref);
    const Target& target = checker_.target(parsed); // the checker keeps the plans alive
    return known_.emplace(ref, Resolved{std::move(parsed), &target}).first->second;
  }

  // Whether `ref` is known to name no target (only remembered up to a bound: a file full of
  // distinct bad names must not grow memory without end).
  bool known_bad(const std::string& ref) const { return bad_.count(ref) != 0; }
  void remember_bad(const std::string& ref) {
    if (bad_.size() < 10000) bad_.insert(ref);
  }

private:
  engine::EntryChecker checker_;
  std::unordered_map<std::string, Resolved> known_;
  std::unordered_set<std::string> bad_;
};

} // namespace

EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run) {
  // The write lock is taken before the first row is checked, so the plans rows are checked
  // against cannot change before they are appended.
  std::unique_ptr<storage::EntryWriter> writer;
  if (!dry_run) writer = storage.begin_entries();
  TargetCache targets(storage);
  std::optional<Header> header;
  std::vector<std::string> listed; // the first max_listed_bad_rows problems
  size_t bad = 0;
  int last_listed_line = 0;
  EntryImport result;

  auto problem = [&](int line, const std::string& why) {
    ++bad;
    writer.reset(); // stop appending: roll back now and keep checking the rest
    if (listed.size() < max_listed_bad_rows) {
      listed.push_back(fmt::format("{}:{}: {}", file, line, why));
      last_listed_line = line;
    }
  };

  read_csv(in, file, [&](CsvRecord&& record) {
    if (!header) {
      header = read_header(record, file);
      return;
    }
    if (record.fields.size() != header->width) {
      problem(record.line, fmt::format("the row has {} fields but the header has {}; quote "
                                       "fields that contain commas",
                                       record.fields.size(), header->width));
      return;
    }
    // Take a cell out of the record (no copy); an absent column is empty.
    auto take = [&](size_t column) -> std::string {
      int at = header->position[column];
      return at < 0 ? std::string() : std::move(record.fields[static_cast<size_t>(at)]);
    };
    EntryInput input;
    input.ref = take(0);
    input.period = take(1);
    input.value = take(2);
    input.unit = take(3);
    input.source = take(4);
    input.note = take(5);
    input.recorded_by = take(6);
    if (input.recorded_by.empty()) input.recorded_by = default_by;
    std::string provisional = take(7);
    if (!parse_flag(provisional, input.provisional)) {
      problem(record.line, fmt::format("provisional: '{}' is not true or false; write true, "
                                       "false or leave it empty",
                                       provisional));
      return;
    }
    input.entities = split_entities(take(8));
    try {
      if (bad >= max_listed_bad_rows && targets.known_bad(input.ref)) {
        ++bad; // counted, not listed: no need to build the message again
        return;
      }
      const auto* resolved = &targets.resolve(input.ref);
      Entry e = prepare_entry(*resolved->target, resolved->ref, input);
      e.recorded_at = now;
      if (bad == 0) {
        ++result.rows;
        if (writer) {
          auto id = writer->append(e);
          if (result.ids.empty()) result.ids.first = id;
          ++result.ids.count;
        }
      }
    } catch (const InputError& e) {
      std::string message = e.what();
      std::string column = column_of(message);
      if (column == "target") targets.remember_bad(input.ref);
      problem(record.line, (column.empty() ? "" : column + ": ") + message);
    }
  });
  if (!header)
    throw InputErrors({fmt::format("{}:1: the file is empty; the first line must name the "
                                   "columns target,period,value,unit,source,note,recorded_by,"
                                   "provisional,entities",
                                   file)});
  if (bad > 0) {
    if (bad > listed.size())
      listed.push_back(fmt::format("{}: {} more bad row(s) after line {} are not listed; fix "
                                   "the rows above and check the file again with --dry-run",
                                   file, bad - listed.size(), last_listed_line));
    listed.push_back(fmt::format("{}: {} bad row(s); nothing was imported, fix them and run "
                                 "the import again",
                                 file, bad));
    throw InputErrors(std::move(listed));
  }
  if (writer && !result.ids.empty()) writer->commit();
  return result;
}

} // namespace plantrack::io
