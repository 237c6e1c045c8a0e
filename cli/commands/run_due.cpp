#include "commands/commands.hpp"

#include "engine/scheduling.hpp"
#include "errors.hpp"
#include "report/document.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_run_due(CLI::App& app, Registry& registry) {
  auto now_text = std::make_shared<std::string>();
  auto* due = app.add_subcommand("run-due", "Write every scheduled report that is due and not yet "
                                            "written, catching up missed periods");
  due->add_option("--now", *now_text, "Act as if it were TIMESTAMP (default: now)");
  registry.add(due, [now_text](Session& session) {
    Timestamp now = session.now();
    if (!now_text->empty()) {
      auto parsed = parse_instant(*now_text, display_zone);
      if (!parsed)
        throw InputError(fmt::format("--now '{}' is not a timestamp; write e.g. "
                                     "2019-07-08T09:00:00+08:00",
                                     *now_text));
      now = *parsed;
    }
    auto lang = session.lang();
    auto by = session.recorded_by();
    auto result = engine::run_due(session.store(), now, by, report::renderer(lang));
    for (const auto& r : result.written)
      fmt::print(session.out(), "wrote {} (schedule {}, period {}, sha256 {})\n", r.path,
                 r.schedule, r.period, r.sha256);
    if (result.written.empty() && result.problems.empty())
      fmt::print(session.out(), "nothing due\n");
    if (!result.problems.empty()) throw InputErrors(result.problems);
  });
}

} // namespace plantrack::cli
