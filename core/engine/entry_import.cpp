#include "engine/entry_import.hpp"

#include "engine/approval.hpp"
#include "engine/authorize.hpp"
#include "engine/corrections.hpp"
#include "engine/lookup.hpp"
#include "errors.hpp"
#include "io/entry_csv.hpp"
#include "io/entry_form.hpp"
#include "io/entry_spool.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace plantrack::engine {
namespace {

// Which field an error message is about, from its opening words.
std::string column_of(const std::string& message) {
  for (auto c : {"period", "value", "unit", "target", "entity", "evidence", "step", "reason"})
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

// A problem with a known column (a history row's id, corrects, reason): `column: why`.
struct CellError : InputError {
  CellError(const std::string& column, const std::string& why) : InputError(column + ": " + why) {}
};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// What accounts and approvals add to the check of each row (SPEC §5): with accounts, the
// importing user may write the row's item and the row is recorded by that user; no approval
// locks the row's period. Costs nothing on a store with neither.
class RowGuard {
public:
  RowGuard(storage::Storage& storage, const std::string& actor, Timestamp now)
      : actor_(actor), ledger_(ApprovalLedger::of(storage, "")) {
    if (!accounts_on(storage)) return;
    user_ = storage.find_user(actor);
    if (user_ && user_->role != Role::official && !user_->disabled_at)
      refuse(storage, actor, access::Action::write_entry,
             fmt::format("'{}' is {}, who {}; entries are imported by officials of the items' "
                         "orgs",
                         actor, access::role_with_article(user_->role),
                         access::what_role_may(user_->role)),
             now);
    authorize(storage, actor, access::Action::write_entry, {user_ ? user_->orgs : std::vector<std::string>{}, ""}, now);
  }

  // Whether there is anything to check: accounts, or approvals.
  bool active() const { return user_ || ledger_.any(); }

  // Throws CellError for a row `actor` may not write, or one in a locked period.
  void check(const TargetRef& ref, const Item& item, const Entry& entry) {
    if (user_) {
      if (!access::allowed(*user_, access::Action::write_entry, {item.orgs(), ref.plan_id})) {
        ++refused_;
        throw CellError("target",
                        fmt::format("{}/{} is written by officials of {}, and '{}' is an official "
                                    "of {}; leave its rows to them",
                                    ref.plan_id, ref.target_id, access::orgs_text(item.orgs()),
                                    actor_, access::orgs_text(user_->orgs)));
      }
      if (entry.recorded_by != actor_)
        throw CellError("recorded_by",
                        fmt::format("'{}' is not '{}', who imports the file; with accounts an "
                                    "entry is recorded by who imports it: empty the column",
                                    excerpt(entry.recorded_by), actor_));
    }
    try {
      require_unlocked(ledger_, ref, item.lead_orgs(), entry.period);
    } catch (const Conflict& e) {
      throw CellError("period", e.what());
    }
  }

  // Record one refusal for the rows refused to the user, if any.
  void record(storage::Storage& storage, const std::string& file, Timestamp now) const {
    if (refused_ == 0) return;
    storage.add_refusal({0, now, actor_, std::string(to_string(access::Action::write_entry)),
                         fmt::format("{}: {} row(s) of items outside the orgs of '{}' were refused",
                                     file, refused_, actor_)});
  }

private:
  std::string actor_;
  ApprovalLedger ledger_;
  std::optional<User> user_;
  size_t refused_ = 0;
};

// The rows of a history (`entries --format csv`) by their `id`: what a later row's `corrects`
// replaces. A row keeps its entry only while it may still be replaced (the latest version of
// an entry not retracted), so memory holds the live entries of the file, not every row.
class History {
public:
  struct Row {
    int line = 0;
    bool bad = false;              // refused: a row replacing it is refused too
    Version version;               // the row's id and action
    std::int64_t replaced_by = 0;  // the id of the row that replaced it
    std::unique_ptr<Entry> entry;  // while it may be replaced (with corrects in the header)
  };

  void keep_entries(bool keep) { keep_entries_ = keep; }
  const Row* find(std::int64_t id) const {
    auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : &it->second;
  }
  // The latest version of row `id`, following the rows that replaced it.
  Version latest(std::int64_t id) const {
    const Row* row = find(id);
    while (row->replaced_by) row = find(row->replaced_by);
    return row->version;
  }
  // Row `id` on `line`, which replaced row `replaces` if any: `entry` when it was good,
  // nullptr when refused.
  void add(std::int64_t id, int line, const Entry* entry, std::optional<std::int64_t> replaces) {
    Row row;
    row.line = line;
    row.bad = entry == nullptr;
    row.version = {id, entry ? entry->action : Action::log};
    if (entry && keep_entries_ && entry->action != Action::retract)
      row.entry = std::make_unique<Entry>(*entry);
    if (entry && replaces) {
      // The replaced row is no longer the latest version: let its entry go.
      Row& replaced = rows_.at(*replaces);
      replaced.replaced_by = id;
      replaced.entry.reset();
    }
    rows_.emplace(id, std::move(row));
  }

private:
  bool keep_entries_ = false;
  std::unordered_map<std::int64_t, Row> rows_;
};

// Check every row of `in` without the write lock, keeping the good entries in `spool` (when
// given) until the first bad row. Each entry's id is its position among them (0, 1, ...),
// and a replacement's `corrects` the position of the entry it replaces: the ids are handed
// out when the spool is appended. Throws InputErrors when any row is bad.
// Reads a file's rows: one call of the first function with its header, then one of the second
// per row (io::read_entry_rows for CSV, the rows of a filled form for .xlsx).
using RowSource = std::function<void(const std::function<void(const io::EntryColumns&)>&,
                                     const std::function<void(io::EntryRow&&)>&)>;

// Where a row's problem `why` is: its line in a CSV file; in a spreadsheet, the cell of the
// column the message begins with (the value's cell when none), e.g. 填报!J7.
std::string location_of(const io::EntryRow& row, const std::string& why) {
  if (row.cells.empty()) return std::to_string(row.line);
  if (!row.problem_cell.empty() && why == row.problem) return row.problem_cell;
  std::string column = why.substr(0, why.find(':'));
  for (const auto& [name, cell] : row.cells)
    if (name == column) return cell;
  for (const auto& [name, cell] : row.cells)
    if (name == "value") return cell;
  return std::to_string(row.line);
}

size_t check_rows(storage::Storage& storage, const RowSource& read_rows, const std::string& file,
                  Timestamp now, const std::string& default_by, io::EntrySpool* spool) {
  RowGuard guard(storage, default_by, now);
  TargetCache targets(storage);
  History history;
  std::vector<std::string> listed; // the first max_listed_bad_rows problems
  size_t bad = 0;
  std::string last_listed; // the line or cell of the last problem listed
  size_t rows = 0;

  auto problem = [&](const std::string& where, const std::string& why) {
    ++bad; // stop keeping rows and keep checking the rest
    if (listed.size() < max_listed_bad_rows) {
      listed.push_back(fmt::format("{}:{}: {}", file, where, why));
      last_listed = where;
    }
  };

  // A row that replaces an earlier one (SPEC §1): the correction or, with an empty value, the
  // retraction of the entry made from the row whose id it names, by the rules of `correct`
  // and `retract`. Its `corrects` is that entry's position among the good rows.
  auto replacement = [&](io::EntryRow& row) -> Entry {
    std::int64_t id = *row.corrects;
    const History::Row* original = history.find(id);
    if (!original)
      throw CellError("corrects", fmt::format("no earlier row has id {}; corrects names the id "
                                              "of an earlier row of this file (a stored entry "
                                              "is corrected with `plantrack correct`)",
                                              id));
    if (original->bad)
      throw CellError("corrects", fmt::format("the row with id {} (line {}) is refused; fix it "
                                              "first",
                                              id, original->line));
    if (!row.id)
      throw CellError("id", "a row with corrects needs an id of its own, so that a later row "
                            "can name it; give it one, e.g. the next number");
    bool retract = row.input.value.empty();
    if (blank(row.reason))
      throw CellError("reason", fmt::format("a {} needs a reason; fill the reason column, e.g. "
                                            "年报数据修订",
                                            retract ? "retraction" : "correction"));
    try {
      require_latest_version(original->version, history.latest(id),
                             retract ? "retract" : "correct");
    } catch (const InputError& e) {
      throw CellError("corrects", e.what());
    }
    const Entry& before = *original->entry;
    std::string ref = before.plan_id + "/" + before.target_id;
    if (before.part) ref += ":" + std::string(to_string(*before.part));
    if (!row.input.ref.empty() && row.input.ref != ref)
      throw CellError("target", fmt::format("the row with id {} (line {}) is an entry of {}, and "
                                            "a {} keeps its target; write {} or leave it empty, "
                                            "or log an entry of '{}' in a row without corrects",
                                            id, original->line, ref,
                                            retract ? "retraction" : "correction", ref,
                                            excerpt(row.input.ref)));
    CorrectionInput input;
    input.value = row.input.value;
    input.unit = row.input.unit;
    input.period = row.input.period;
    input.reason = row.reason;
    input.recorded_by = row.input.recorded_by;
    input.source = row.input.source;
    input.note = row.input.note;
    input.entities = row.input.entities;
    input.provisional = row.input.provisional;
    input.evidence = row.input.evidence;
    input.step = row.input.step;
    if (!retract) {
      Item item = targets.resolve({before.plan_id, before.target_id, before.part}, ref);
      return correction_of(before, item, input);
    }
    // A retraction takes the entry back as it was: it carries no figure of its own.
    if (!input.period.empty() && input.period != before.period.text)
      throw CellError("period", fmt::format("the empty value makes this row a retraction of the "
                                            "row with id {}, which keeps its period '{}'; write "
                                            "that period or leave it empty, or give the "
                                            "corrected value",
                                            id, before.period.text));
    for (const auto& [given, column] :
         {std::pair{!input.unit.empty(), "unit"}, {!input.entities.empty(), "entities"},
          {!input.evidence.empty(), "evidence"}, {!input.step.empty(), "step"},
          {input.provisional, "provisional"}})
      if (given)
        throw CellError(column, fmt::format("the empty value makes this row a retraction of the "
                                            "row with id {}, and a retraction carries no {}; "
                                            "give the corrected value, or empty the {} column",
                                            id, column, column));
    return retraction_of(before, input);
  };

  auto on_header = [&](const io::EntryColumns& columns) {
    history.keep_entries(columns.corrects);
  };
  read_rows(on_header, [&](io::EntryRow&& row) {
    // A repeated id is refused; the row that had it first keeps it.
    bool new_id = row.id && !history.find(*row.id);
    std::optional<Entry> entry;
    std::string why;
    if (row.id && !new_id)
      why = fmt::format("id: id {} is already the id of line {}; give each row its own id",
                        *row.id, history.find(*row.id)->line);
    else if (!row.problem.empty())
      why = row.problem;
    else
      try {
        if (row.corrects) {
          entry = replacement(row);
        } else {
          if (!blank(row.reason))
            throw CellError("reason", "a reason is given but corrects is empty; a reason says "
                                      "why a row replaces the earlier row named in corrects: "
                                      "fill corrects or empty the reason");
          TargetRef ref = parse_target_ref(row.input.ref);
          Item item = targets.resolve(ref, row.input.ref);
          entry = item.task ? prepare_task_entry(*item.task, ref, row.input)
                            : prepare_entry(*item.target, ref, row.input);
        }
        if (guard.active()) {
          TargetRef ref{entry->plan_id, entry->target_id, entry->part};
          guard.check(ref, targets.resolve(ref, entry->plan_id + "/" + entry->target_id), *entry);
        }
      } catch (const CellError& e) {
        entry.reset(); // the row's entry, if made, is refused by the guard
        why = e.what();
      } catch (const InputError& e) {
        entry.reset();
        std::string message = e.what();
        std::string column = column_of(message);
        why = (column.empty() ? "" : column + ": ") + message;
      }
    if (entry) {
      entry->recorded_at = now;
      if (bad == 0) {
        entry->id = static_cast<std::int64_t>(rows++);
        if (spool) spool->write(*entry);
      }
    } else {
      problem(location_of(row, why), why);
    }
    if (new_id) history.add(*row.id, row.line, entry ? &*entry : nullptr, row.corrects);
  });
  if (bad > 0) {
    guard.record(storage, file, now);
    if (bad > listed.size())
      listed.push_back(fmt::format("{}: {} more bad row(s) after {}{} are not listed; fix "
                                   "the rows above and check the file again with --dry-run",
                                   file, bad - listed.size(),
                                   last_listed.find('!') == std::string::npos ? "line " : "",
                                   last_listed));
    listed.push_back(fmt::format("{}: {} bad row(s); nothing was imported, fix them and run "
                                 "the import again",
                                 file, bad));
    throw InputErrors(std::move(listed));
  }
  return rows;
}

// Check the rows `read_rows` reads, then append them (import_entries_csv). `rewind` starts
// the rows again, for a check under the lock; false when it cannot.
EntryImport import_rows(storage::Storage& storage, const RowSource& read_rows,
                        const std::function<bool()>& rewind, const std::string& file,
                        Timestamp now, const std::string& default_by, bool dry_run,
                        size_t part_rows) {
  EntryImport result;
  if (dry_run) {
    result.rows = check_rows(storage, read_rows, file, now, default_by, nullptr);
    return result;
  }
  if (part_rows == 0) part_rows = 1;
  // Check the whole file first, without the write lock: others log meanwhile. Then append
  // what was checked under the lock, unless a plan changed in between: then the file is
  // checked again under the lock.
  auto revisions = storage.checks_version();
  auto spool = std::make_unique<io::EntrySpool>();
  result.rows = check_rows(storage, read_rows, file, now, default_by, spool.get());
  if (result.rows == 0) return result;
  const bool in_parts = result.rows > part_rows;
  auto writer = in_parts ? storage.begin_import({file, now, default_by}) : storage.begin_entries();
  if (storage.checks_version() != revisions) {
    if (!rewind())
      throw InputError(fmt::format("a plan was imported or revised, or a period approved, while "
                                   "{} was checked; "
                                   "nothing was imported, run the import again",
                                   file));
    spool = std::make_unique<io::EntrySpool>();
    result.rows = check_rows(storage, read_rows, file, now, default_by, spool.get());
    revisions = storage.checks_version();
  }
  spool->rewind();
  // Within a part ids are consecutive: a position (what `corrects` holds until now) is the
  // first id of its part plus its place in it.
  std::vector<std::int64_t> part_first_ids;
  // Each part ends under the lock: no plan may have changed since the rows were checked.
  auto plans_unchanged = [&] {
    if (in_parts && storage.checks_version() != revisions)
      throw InputError(fmt::format("a plan was imported or revised, or a period approved, while "
                                   "{} was appended; "
                                   "nothing was imported (the parts appended stay in the "
                                   "chain, hidden: see `plantrack audit verify`), run the "
                                   "import again",
                                   file));
  };
  Entry entry;
  size_t position = 0;
  while (spool->read(entry)) {
    if (in_parts && position > 0 && position % part_rows == 0) {
      plans_unchanged();
      writer->commit_part();
    }
    if (entry.corrects) {
      auto at = static_cast<size_t>(*entry.corrects);
      entry.corrects = part_first_ids[at / part_rows] + static_cast<std::int64_t>(at % part_rows);
    }
    auto id = writer->append(entry);
    if (position % part_rows == 0) part_first_ids.push_back(id);
    if (result.ids.empty()) result.ids.first = id;
    result.ids.last = id;
    ++result.ids.count;
    ++position;
  }
  plans_unchanged();
  writer->commit();
  result.parts = part_first_ids.size();
  return result;
}

} // namespace

EntryImport import_entries_csv(storage::Storage& storage, std::istream& in,
                               const std::string& file, Timestamp now,
                               const std::string& default_by, bool dry_run, size_t part_rows) {
  auto read_rows = [&](const std::function<void(const io::EntryColumns&)>& on_header,
                       const std::function<void(io::EntryRow&&)>& on_row) {
    io::read_entry_rows(in, file, default_by, on_header, on_row);
  };
  auto rewind = [&] {
    in.clear();
    return static_cast<bool>(in.seekg(0));
  };
  return import_rows(storage, read_rows, rewind, file, now, default_by, dry_run, part_rows);
}

EntryImport import_entries_form(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run,
                                const FormExpectation& expect) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(fmt::format("'{}' is a folder; name a filled form (.xlsx)", path));
  io::FilledForm form = io::read_form(path, path, default_by);
  const io::FormMeta& meta = form.meta;
  auto refuse = [&](const std::string& what, const std::string& is, const std::string& wanted) {
    throw InputError(fmt::format("{}: the form is for {} '{}', not '{}'; import the form of {} "
                                 "'{}', or ask for one (plantrack template)",
                                 path, what, excerpt(is), wanted, what, wanted));
  };
  if (!expect.plan_id.empty() && meta.plan_id != expect.plan_id)
    refuse("plan", meta.plan_id, expect.plan_id);
  if (!expect.org.empty() && meta.org != expect.org) refuse("org", meta.org, expect.org);
  // With accounts, the importing user must be one who may write the form's org's entries: a
  // form of another org is refused whole, in one line, rather than row by row.
  authorize(storage, default_by, access::Action::write_entry, {{meta.org}, meta.plan_id}, now);
  auto stored = storage.find_plan(meta.plan_id);
  if (!stored)
    throw NotFound(fmt::format("{}: the form is for plan '{}', which this database does not "
                               "have; import the plan first (plantrack plan import)",
                               path, excerpt(meta.plan_id)));
  // Every row must be an item of the form's plan that the form's org leads.
  for (auto& row : form.rows) {
    if (!row.problem.empty()) continue;
    std::string ref_cell = row.cells.back().second; // the ref column's cell
    std::string plan_id = row.input.ref.substr(0, row.input.ref.find('/'));
    auto wrong = [&](const std::string& why) {
      row.problem = why;
      row.problem_cell = ref_cell;
    };
    if (plan_id != meta.plan_id) {
      wrong(fmt::format("'{}' is not an item of plan '{}', which the form is for; restore the "
                        "reference cell",
                        excerpt(row.input.ref), meta.plan_id));
      continue;
    }
    std::string id = row.input.ref.substr(row.input.ref.find('/') + 1);
    const Plan& plan = stored->plan;
    std::vector<std::string> leads;
    if (const Target* target = plan.find_target(id)) leads = target->responsible;
    else if (const Task* task = plan.find_task(id)) leads = task->responsible;
    else continue; // unknown: the row check names it, with a suggestion
    if (std::find(leads.begin(), leads.end(), meta.org) == leads.end())
      wrong(fmt::format("{} is led by {}, not by {}, whose form this is; report it in the form "
                        "of its lead org",
                        row.input.ref, joined(leads, "、"), meta.org));
  }
  auto read_rows = [&](const std::function<void(const io::EntryColumns&)>& on_header,
                       const std::function<void(io::EntryRow&&)>& on_row) {
    on_header({});
    for (const auto& row : form.rows) on_row(io::EntryRow(row));
  };
  return import_rows(storage, read_rows, [] { return true; }, path, now, default_by, dry_run,
                     default_part_rows);
}

EntryImport import_entries_file(storage::Storage& storage, const std::string& path,
                                Timestamp now, const std::string& default_by, bool dry_run,
                                size_t part_rows) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(fmt::format("'{}' is a folder; name a CSV file", path));
  std::vector<char> buffer(1 << 16); // large reads: a million-row file streams quickly
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  in.open(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", path));
  return import_entries_csv(storage, in, path, now, default_by, dry_run, part_rows);
}

} // namespace plantrack::engine
