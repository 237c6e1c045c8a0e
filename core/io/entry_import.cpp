#include "io/entry_import.hpp"

#include "engine/entry_checker.hpp"
#include "errors.hpp"
#include "io/csv.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

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

// The plans rows name, each read once and kept while in use. A national file names
// thousands of plans; beyond a bound the least recently used is let go, so memory stays
// flat however many plans and rows the file has (files are usually grouped by plan).
class TargetCache {
public:
  explicit TargetCache(storage::Storage& storage) : storage_(storage), checker_(storage) {}

  // The target `ref` names, valid until the next call; throws InputError naming it, with a
  // suggestion, when unknown. A bad name is checked once: its message is kept (up to a
  // bound) and repeated for every row that uses it.
  const Target& resolve(const TargetRef& ref, const std::string& text) {
    if (auto it = bad_.find(text); it != bad_.end()) throw InputError(it->second);
    if (const Target* target = find(ref)) return *target;
    try {
      checker_.target(ref); // unknown: throws, with a suggestion
      throw InputError(fmt::format("unknown target '{}'", text));
    } catch (const InputError& unknown) {
      if (bad_.size() < max_bad_names) bad_.emplace(text, unknown.what());
      throw;
    }
  }

private:
  static constexpr size_t max_cached_targets = 20000; // about 16 MB of parsed plans
  static constexpr size_t max_bad_names = 10000;

  struct CachedPlan {
    Plan plan;
    std::unordered_map<std::string_view, const Target*> targets; // views into `plan`
    std::uint64_t used = 0;
  };

  const Target* find(const TargetRef& ref) {
    auto it = plans_.find(ref.plan_id);
    if (it == plans_.end()) {
      auto found = storage_.find_plan(ref.plan_id);
      if (!found) return nullptr;
      make_room(found->plan.targets.size());
      it = plans_.emplace(ref.plan_id, CachedPlan{std::move(found->plan), {}, 0}).first;
      for (const auto& t : it->second.plan.targets) it->second.targets.emplace(t.id, &t);
      cached_targets_ += it->second.plan.targets.size();
    }
    it->second.used = ++clock_;
    auto t = it->second.targets.find(ref.target_id);
    return t == it->second.targets.end() ? nullptr : t->second;
  }

  // Let go of the least recently used plans until `incoming` more targets fit the bound.
  void make_room(size_t incoming) {
    while (!plans_.empty() && cached_targets_ + incoming > max_cached_targets) {
      auto oldest = std::min_element(plans_.begin(), plans_.end(), [](const auto& a, const auto& b) {
        return a.second.used < b.second.used;
      });
      cached_targets_ -= oldest->second.plan.targets.size();
      plans_.erase(oldest);
    }
  }

  storage::Storage& storage_;
  engine::EntryChecker checker_; // only for the messages about unknown names
  std::unordered_map<std::string, CachedPlan> plans_;
  size_t cached_targets_ = 0;
  std::uint64_t clock_ = 0;
  std::unordered_map<std::string, std::string> bad_; // name -> why it names no target
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
                                       excerpt(provisional)));
      return;
    }
    input.entities = split_entities(take(8));
    try {
      TargetRef ref = parse_target_ref(input.ref);
      Entry e = prepare_entry(targets.resolve(ref, input.ref), ref, input);
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
