#include "commands/commands.hpp"

#include "engine/scorecard.hpp"
#include "report/scorecard_view.hpp"

namespace plantrack::cli {
namespace {

struct ScorecardOptions {
  std::vector<std::string> plans;
  std::string org;
  std::string grace = std::to_string(engine::default_grace_days);
  CLI::Option* org_option = nullptr;
};

void run_scorecard(Session& session, const ScorecardOptions& opt) {
  auto format = session.format({"table", "json", "csv", "md"});
  engine::ScorecardQuery query;
  query.plan_ids = opt.plans;
  query.as_of = session.as_of();
  query.known_at = session.known_at();
  query.grace_days = engine::parse_grace_days(opt.grace, "--grace");
  if (opt.org_option->count()) query.org = opt.org;
  auto lang = session.lang();
  auto card = engine::scorecard(session.store(), query);
  if (format == "json")
    session.out() << report::scorecard_json(card).dump(2) << "\n";
  else if (format == "csv")
    session.out() << report::scorecard_csv(card);
  else if (format == "md")
    session.out() << report::scorecard_md(card, lang);
  else
    session.out() << report::scorecard_table(card, lang);
}

} // namespace

void setup_scorecard(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<ScorecardOptions>();
  auto* cmd = app.add_subcommand("scorecard", "Per org: what it leads and supports, statuses, "
                                              "trouble and on-time reporting (报送及时率)");
  cmd->add_option("plans", opt->plans, "Plan ids (default: all)");
  opt->org_option = cmd->add_option("--org", opt->org, "Only this org");
  cmd->add_option("--grace", opt->grace,
                  "Days after a cadence period ends that its report is on time (default 15)");
  registry.add(cmd, [opt](Session& session) { run_scorecard(session, *opt); });
}

} // namespace plantrack::cli
