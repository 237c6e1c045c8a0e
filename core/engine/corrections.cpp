#include "engine/corrections.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

namespace plantrack::engine {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void require_reason(const CorrectionInput& input, std::string_view verb) {
  require_utf8(input.reason, "reason");
  if (blank(input.reason))
    throw InputError(fmt::format("a {} needs a reason; pass --reason \"why\", e.g. --reason "
                                 "\"年报数据修订\"",
                                 verb == "correct" ? "correction" : "retraction"));
}

// The stored entry to replace, checked: a reason is given, it exists, it is the latest version.
Entry replaceable(storage::Storage& storage, const CorrectionInput& input, std::string_view verb) {
  require_reason(input, verb);
  auto original = storage.find_entry(input.replaces);
  if (!original)
    throw NotFound(fmt::format("no entry {}; see `plantrack entries` for the ids",
                                 input.replaces));
  // The latest version (storage checks again inside its transaction).
  auto all = storage.entries({original->plan_id, original->target_id});
  auto chain = versions_of(all, original->id);
  const Entry& latest = chain.back();
  require_latest_version({original->id, original->action}, {latest.id, latest.action}, verb);
  return *original;
}

} // namespace

void require_latest_version(Version entry, Version latest, std::string_view verb) {
  if (latest.id != entry.id) {
    if (latest.action == Action::retract)
      throw Conflict(fmt::format("entry {} was retracted by entry {}; log a new entry instead",
                                   entry.id, latest.id));
    throw Conflict(fmt::format("entry {} was already corrected by entry {}; {} entry {}, its "
                                 "latest version",
                                 entry.id, latest.id, verb, latest.id));
  }
  if (entry.action == Action::retract)
    throw InputError(fmt::format("entry {} is a retraction; log a new entry instead", entry.id));
}

Entry correction(storage::Storage& storage, const CorrectionInput& input) {
  Entry original = replaceable(storage, input, "correct");
  Catalog catalog(storage);
  return correction_of(original, catalog.item({original.plan_id, original.target_id, std::nullopt}), input);
}

Entry retraction(storage::Storage& storage, const CorrectionInput& input) {
  return retraction_of(replaceable(storage, input, "retract"), input);
}

Entry correction_of(const Entry& original, const Item& item, const CorrectionInput& input) {
  require_reason(input, "correct");
  // A correction of a ratio's part or a peer's value stays that part, that peer's.
  TargetRef ref{original.plan_id, original.target_id, original.part};
  EntryInput typed;
  typed.ref = original.plan_id + "/" + original.target_id;
  typed.period = input.period.empty() ? original.period.text : input.period;
  typed.value = input.value;
  typed.unit = input.unit;
  typed.source = input.source.empty() ? original.source : input.source;
  typed.note = input.note;
  typed.recorded_by = input.recorded_by;
  typed.provisional = input.provisional;
  typed.peer = original.peer;
  if (item.task) {
    // A task's correction keeps the step and evidence unless it names new ones.
    typed.evidence = input.evidence.empty() ? original.evidence : input.evidence;
    typed.step = input.step.empty() ? original.step : input.step;
  } else {
    typed.entities = input.entities.empty() ? original.entities : input.entities;
    typed.evidence = input.evidence;
    typed.step = input.step;
  }
  Entry e = item.task ? prepare_task_entry(*item.task, ref, typed)
                      : prepare_entry(*item.target, ref, typed);
  e.action = Action::correct;
  e.corrects = original.id;
  e.reason = input.reason;
  return e;
}

Entry retraction_of(const Entry& original, const CorrectionInput& input) {
  require_reason(input, "retract");
  // A correction's texts are checked by prepare_entry; a retraction stores these as given.
  for (const auto& [text, what] : {std::pair{&input.source, "source"}, {&input.note, "note"},
                                   {&input.recorded_by, "recorded_by"}})
    require_utf8(*text, what);
  Entry e;
  e.plan_id = original.plan_id;
  e.target_id = original.target_id;
  e.period = original.period;
  e.value = original.value; // kept for the record; a retraction never counts
  e.value_text = original.value_text;
  e.unit = original.unit;
  e.state = original.state; // a task's retraction is a task entry too
  e.step = original.step;
  e.part = original.part;
  e.peer = original.peer;
  e.recorded_by = input.recorded_by;
  e.source = input.source;
  e.note = input.note;
  e.action = Action::retract;
  e.corrects = original.id;
  e.reason = input.reason;
  return e;
}

} // namespace plantrack::engine
