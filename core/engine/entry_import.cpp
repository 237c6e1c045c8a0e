#include "engine/entry_import.hpp"

#include "engine/lookup.hpp"
#include "errors.hpp"
#include "io/entry_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace plantrack::engine {
namespace {

// Which field an error message is about, from its opening words.
std::string column_of(const std::string& message) {
  for (auto c : {"period", "value", "unit", "target", "entity", "evidence", "step"})
    if (message.rfind(c, 0) == 0 || message.rfind(std::string("an ") + c, 0) == 0)
      return std::string(c == std::string_view("entity") ? "entities" : c);
  if (message.find("is not a state of task") != std::string::npos ||
      message.find("is a task state") != std::string::npos)
    return "value";
  if (message.find("is not a step of task") != std::string::npos) return "step";
  if (message.find("is not a peer of") != std::string::npos ||
      message.rfind("peer '", 0) == 0)
    return "peer";
  if (message.rfind("unknown plan", 0) == 0 || message.rfind("plan '", 0) == 0) return "target";
  return "";
}

// The plans rows name, each read once and kept while in use. A national file names
// thousands of plans; beyond a bound the least recently used is let go, so memory stays
// flat however many plans and rows the file has (files are usually grouped by plan).
class TargetCache {
public:
  explicit TargetCache(storage::Storage& storage) : storage_(storage), checker_(storage) {}

  // The target or task `ref` names, valid until the next call; throws InputError naming it,
  // with a suggestion, when unknown. A bad name is checked once: its message is kept (up to
  // a bound) and repeated for every row that uses it.
  Item resolve(const TargetRef& ref, const std::string& text) {
    if (auto it = bad_.find(text); it != bad_.end()) throw InputError(it->second);
    if (auto found = find(ref)) return *found;
    try {
      checker_.item(ref); // unknown: throws, with a suggestion
      throw InputError(fmt::format("unknown target or task '{}'", text));
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
    std::unordered_map<std::string_view, Item> items; // views into `plan`
    std::uint64_t used = 0;
  };

  std::optional<Item> find(const TargetRef& ref) {
    auto it = plans_.find(ref.plan_id);
    if (it == plans_.end()) {
      auto found = storage_.find_plan(ref.plan_id);
      if (!found) return std::nullopt;
      make_room(size_of(found->plan));
      it = plans_.emplace(ref.plan_id, CachedPlan{std::move(found->plan), {}, 0}).first;
      auto& cached = it->second;
      for (const auto& t : cached.plan.targets) cached.items.emplace(t.id, Item{&t, nullptr});
      for (const auto& t : cached.plan.tasks) cached.items.emplace(t.id, Item{nullptr, &t});
      cached_targets_ += size_of(cached.plan);
    }
    it->second.used = ++clock_;
    auto t = it->second.items.find(ref.target_id);
    if (t == it->second.items.end()) return std::nullopt;
    return t->second;
  }

  static size_t size_of(const Plan& plan) { return plan.targets.size() + plan.tasks.size(); }

  // Let go of the least recently used plans until `incoming` more targets fit the bound.
  void make_room(size_t incoming) {
    while (!plans_.empty() && cached_targets_ + incoming > max_cached_targets) {
      auto oldest = std::min_element(plans_.begin(), plans_.end(), [](const auto& a, const auto& b) {
        return a.second.used < b.second.used;
      });
      cached_targets_ -= size_of(oldest->second.plan);
      plans_.erase(oldest);
    }
  }

  storage::Storage& storage_;
  Catalog checker_; // only for the messages about unknown names
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

  io::read_entry_rows(in, file, default_by, [&](io::EntryRow&& row) {
    if (!row.problem.empty()) return problem(row.line, row.problem);
    try {
      TargetRef ref = parse_target_ref(row.input.ref);
      Item item = targets.resolve(ref, row.input.ref);
      Entry e = item.task ? prepare_task_entry(*item.task, ref, row.input)
                          : prepare_entry(*item.target, ref, row.input);
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
      problem(row.line, (column.empty() ? "" : column + ": ") + message);
    }
  });
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

EntryImport import_entries_file(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(fmt::format("'{}' is a folder; name a CSV file", path));
  std::vector<char> buffer(1 << 16); // large reads: a million-row file streams quickly
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  in.open(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", path));
  return import_entries_csv(storage, in, path, now, default_by, dry_run);
}

} // namespace plantrack::engine
