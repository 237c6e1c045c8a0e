#include "commands/commands.hpp"

#include "engine/approval.hpp"
#include "report/approval_view.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct ApprovalOptions {
  engine::ApprovalRequest request;
};

void run_action(Session& session, engine::ApprovalRequest request) {
  request.by = session.recorded_by();
  auto approval = engine::act_on_period(session.store(), request, session.now());
  session.out() << report::approval_line(approval, session.lang());
}

void run_list(Session& session, const std::string& plan_id) {
  auto format = session.format({"table", "json"});
  auto periods = engine::period_approvals(session.store(), plan_id, session.known_at());
  if (format == "json")
    session.out() << report::approvals_json(periods).dump(2) << "\n";
  else
    session.out() << report::approvals_table(periods, session.lang());
}

} // namespace

void setup_approval(CLI::App& app, Registry& registry) {
  struct Verb {
    const char* name;
    const char* help;
  };
  for (auto verb : {Verb{"submit", "Submit an org's period data for review (an official of the org)"},
                    Verb{"approve", "Approve a submitted period; it is locked until unapproved"},
                    Verb{"return", "Return a submitted period to its org, with a --reason"},
                    Verb{"unapprove", "Unlock an approved period, with a --reason"}}) {
    auto opt = std::make_shared<ApprovalOptions>();
    opt->request.action = verb.name;
    auto* cmd = app.add_subcommand(verb.name, verb.help);
    cmd->add_option("plan", opt->request.plan_id, "Plan id")->required();
    cmd->add_option("--org", opt->request.org, "The org whose period it is (a lead org)")
        ->required();
    cmd->add_option("--period", opt->request.period, "The period: 2020-06, 2020Q2 or 2020")
        ->required();
    cmd->add_option("--reason", opt->request.reason, "Why (needed to return or unapprove)");
    registry.add(cmd, [opt](Session& s) { run_action(s, opt->request); });
  }
  auto plan = std::make_shared<std::string>();
  auto* list = app.add_subcommand("approvals", "Where each submitted period of a plan stands");
  list->add_option("plan", *plan, "Plan id")->required();
  registry.add(list, [plan](Session& s) { run_list(s, *plan); });
}

} // namespace plantrack::cli
