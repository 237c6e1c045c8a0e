#include "engine/reports.hpp"

#include "audit/chain.hpp"
#include "errors.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace plantrack::engine {

ProducedReport produce_report(storage::Storage& storage, const ReportRequest& request,
                              const RenderReport& render) {
  Date as_of = request.as_of.value_or(request.today);
  std::string period_text;
  if (!request.period.empty()) {
    if (request.as_of)
      throw InputError("give either --period or --as-of, not both: a period is reported as of "
                       "its last day");
    Period p = parse_period(request.period);
    as_of = p.end;
    period_text = p.text;
  }
  auto plan = inspect_plan(storage, request.plan_id, as_of, request.known_at, request.approved_only);
  ProducedReport out;
  out.content = render(plan, {period_text, request.generated_by, request.generated_at},
                       request.format);
  out.sha256 = audit::sha256_hex(out.content);
  if (!request.output.empty()) write_file(request.output, out.content, request.overwrite);
  return out;
}

ReportCheck check_report_file(storage::Storage& storage, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  ReportCheck check;
  check.sha256 = audit::sha256_hex(buffer.str());
  namespace fs = std::filesystem;
  std::error_code ec;
  auto canonical = fs::weakly_canonical(path, ec).string();
  for (auto& r : storage.reports()) {
    if (r.sha256 == check.sha256) {
      check.match = std::move(r);
      return check;
    }
    if (fs::weakly_canonical(r.path, ec).string() == canonical) check.same_path = r;
  }
  return check;
}

void write_file(const std::string& path, const std::string& content, bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!overwrite && fs::exists(path, ec))
    throw InputError(fmt::format("'{}' already exists; pass --force to replace it, or choose "
                                 "another file",
                                 path));
  auto parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw InputError(fmt::format("folder '{}' does not exist; create it or choose another path",
                                 parent.string()));
  std::string temporary = path + ".tmp-plantrack";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError(fmt::format("cannot write in '{}'; check that the folder is writable",
                                   parent.empty() ? std::string(".") : parent.string()));
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw StorageError(fmt::format("writing '{}' failed (disk full?)", path));
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    throw StorageError(
        fmt::format("cannot move the written file into '{}': {}", path, ec.message()));
  }
}

} // namespace plantrack::engine
