#include "commands/commands.hpp"

#include "engine/exchange.hpp"
#include "report/open_sdg.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct PublishOptions {
  std::string plan;
  std::string dir;
  std::string format;
  bool force = false;
};

} // namespace

void setup_publish(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<PublishOptions>();
  auto* cmd = app.add_subcommand("publish", "Write a plan's targets as an Open SDG data folder");
  cmd->add_option("plan", opt->plan, "Plan id")->required();
  cmd->add_option("--to", opt->dir, "The folder to write (data/, meta/, indicator-config/)")
      ->required();
  cmd->add_flag("--force", opt->force, "Replace the folder's files of an earlier publish");
  registry.add(cmd, [opt](Session& session) {
    // opensdg is the one format offered, so also the default (the global default, table).
    session.format({"opensdg", "table"});
    auto lang = session.lang();
    auto publication = engine::open_sdg_publication(session.store(), opt->plan, session.as_of(),
                                                    session.known_at());
    auto files = report::write_open_sdg(publication, lang, opt->dir, opt->force);
    fmt::print(session.out(), "wrote {} indicators of {} to {} ({} files, as of {})\n",
               publication.indicators.size(), publication.plan_id, opt->dir, files.size(),
               format_date(publication.as_of));
  });
}

} // namespace plantrack::cli
