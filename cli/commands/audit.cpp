#include "commands/commands.hpp"

#include "audit/chain.hpp"
#include "audit/completion.hpp"
#include "engine/entry_checker.hpp"
#include "errors.hpp"
#include "report/audit_view.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

void run_verify(Session& session) {
  auto storage = open_storage(session);
  std::vector<Entry> entries;
  try {
    entries = storage->entries({});
  } catch (const CorruptEntry& e) {
    fmt::print(session.ctx().err, "plantrack: error: audit chain broken at entry {}: {}\n", e.id(),
               e.what());
    throw AuditFailed{};
  }
  auto check = audit::verify_chain(entries, storage->highest_entry_id());
  if (check.broken) {
    fmt::print(session.ctx().err, "plantrack: error: audit chain broken at entry {}: {}\n",
               check.broken->entry_id, check.broken->why);
    throw AuditFailed{};
  }
  fmt::print(session.out(), "audit chain verified: {} entries, head {}\n", check.entries,
             check.entries ? check.head : audit::genesis_hash);
}

void run_completion(Session& session, const std::string& plan_id) {
  auto format = session.format({"table", "md", "json"});
  auto lang = session.lang();
  auto as_of = session.as_of();
  auto known_at = session.known_at();
  auto storage = open_storage(session);
  engine::EntryChecker(*storage).plan(plan_id); // unknown plan: InputError
  auto plan = storage->find_plan(plan_id, known_at);
  if (!plan)
    throw InputError(fmt::format("plan '{}' was not yet imported at --known-at {}; pass a later "
                                 "--known-at",
                                 plan_id, format_timestamp(known_at)));
  auto result = audit::audit_completion(plan->plan, storage->entries({plan_id, ""}), as_of, known_at);
  if (format == "json")
    session.out() << report::completion_json(result).dump(2) << "\n";
  else
    session.out() << report::completion_text(result, lang, format == "md");
}

} // namespace

void setup_audit(CLI::App& app, Registry& registry) {
  auto* audit = app.add_subcommand("audit", "Verify the tamper-evident chain; audit completion");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Recompute the hash chain over all entries "
                                                 "(exit 5 and name the first bad entry)");
  registry.add(verify, [](Session& s) { run_verify(s); });
  auto plan = std::make_shared<std::string>();
  auto* completion = audit->add_subcommand(
      "completion", "Per target: final value, ruling and the evidence behind it");
  completion->add_option("plan", *plan, "Plan id")->required();
  registry.add(completion, [plan](Session& s) { run_completion(s, *plan); });
}

} // namespace plantrack::cli
