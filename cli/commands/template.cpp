#include "commands/commands.hpp"

#include "engine/exchange.hpp"
#include "report/form_xlsx.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct TemplateOptions {
  std::string plan;
  std::string org;
  std::string period;
  std::string output;
  bool force = false;
};

} // namespace

void setup_template(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<TemplateOptions>();
  auto* cmd = app.add_subcommand("template", "Write an org's Excel reporting form (填报模板) for "
                                             "a period");
  cmd->add_option("plan", opt->plan, "Plan id")->required();
  cmd->add_option("--org", opt->org, "The org that fills it: one row per item it leads")
      ->required();
  cmd->add_option("--period", opt->period, "The period it reports, e.g. 2019Q2")->required();
  cmd->add_option("-o,--output", opt->output, "The .xlsx file to write")->required();
  cmd->add_flag("--force", opt->force, "Replace an existing file");
  registry.add(cmd, [opt](Session& session) {
    auto lang = session.lang();
    auto form = engine::reporting_form(session.store(), opt->plan, opt->org, opt->period,
                                       session.as_of(), session.known_at());
    int rows = report::write_form_xlsx(form, lang, opt->output, opt->force);
    fmt::print(session.out(), "wrote {}: the form of {} for {} {}, {} rows\n", opt->output,
               form.org, form.plan_id, form.period.text, rows);
  });
}

} // namespace plantrack::cli
