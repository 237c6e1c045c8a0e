#include "commands/commands.hpp"

#include "engine/audit_trail.hpp"
#include "report/audit_view.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

void run_verify(Session& session) {
  auto result = engine::verify_chain(session.store(), session.recorded_by(), session.now());
  const auto& check = result.chain;
  if (check.broken)
    throw AuditFailed(fmt::format("audit chain broken at entry {}: {}", check.broken->entry_id,
                                  check.broken->why));
  if (result.approvals.broken_at)
    throw AuditFailed(fmt::format("approval chain broken at approval {}: {}",
                                  *result.approvals.broken_at, result.approvals.why));
  fmt::print(session.out(), "audit chain verified: {} entries, head {}\n", check.entries,
             check.head);
  if (result.approvals.approvals > 0)
    fmt::print(session.out(), "approval chain verified: {} approval actions, each anchored to the "
                              "entry chain\n",
               result.approvals.approvals);
  for (const auto& u : result.unfinished)
    fmt::print(session.out(),
               "unfinished import {} of {} by {} at {}: its {} entries are in the chain and "
               "count nowhere (it is still appending, or it stopped; import the file again)\n",
               u.id, u.batch.file, u.batch.started_by, format_timestamp(u.batch.started_at),
               u.entries);
}

void run_completion(Session& session, const std::string& plan_id) {
  auto format = session.format({"table", "md", "json"});
  auto lang = session.lang();
  auto as_of = session.as_of();
  auto known_at = session.known_at();
  auto result = engine::audit_completion(session.store(), plan_id, as_of, known_at,
                                         session.recorded_by(), session.now());
  if (format == "json")
    session.out() << report::completion_json(result).dump(2) << "\n";
  else
    session.out() << report::completion_text(result, lang, format == "md");
}

void run_refusals(Session& session) {
  auto format = session.format({"table", "json"});
  auto refusals = engine::list_refusals(session.store(), session.recorded_by(), session.now());
  if (format == "json")
    session.out() << report::refusals_json(refusals).dump(2) << "\n";
  else
    session.out() << report::refusals_table(refusals, session.lang());
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
  auto* refusals = audit->add_subcommand("refusals", "The refused actions (SPEC §5), oldest first");
  registry.add(refusals, [](Session& s) { run_refusals(s); });
}

} // namespace plantrack::cli
