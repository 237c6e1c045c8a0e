// libFuzzer target: the CSV reader on arbitrary bytes, then the whole entry import (a dry run)
// against an in-memory database holding the fixture plans, so that the rows' targets, periods,
// values and units are checked too. Refusing input with InputError is the contract; any other
// exception, a crash, a hang or a sanitizer report is a bug.

#include "errors.hpp"
#include "io/csv.hpp"
#include "engine/entry_import.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>

namespace {

// An in-memory database with every plan of fixtures/plans, opened once.
plantrack::storage::Storage& fixture_storage() {
  static const auto storage = [] {
    auto s = plantrack::storage::open_sqlite(":memory:");
    std::vector<plantrack::storage::PlanDocument> plans;
    for (const auto& file :
         std::filesystem::directory_iterator(std::string(PLANTRACK_SOURCE_DIR) + "/fixtures/plans")) {
      auto loaded = plantrack::planfile::load_plan_file(file.path().string());
      plans.push_back({std::move(loaded.plan), std::move(loaded.document)});
    }
    s->import_plans(plans, plantrack::Timestamp{}, "fuzz", "");
    return s;
  }();
  return *storage;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    std::istringstream in(text);
    std::size_t fields = 0;
    plantrack::io::read_csv(in, "fuzz.csv", [&](plantrack::io::CsvRecord&& record) {
      fields += record.fields.size();
    });
  } catch (const plantrack::InputError&) {
  }
  try {
    std::istringstream in(text);
    const plantrack::Timestamp now = date::sys_days(date::year(2019) / 6 / 30);
    plantrack::engine::import_entries_csv(fixture_storage(), in, "fuzz.csv", now, "fuzz", true);
  } catch (const plantrack::InputError&) {
  }
  return 0;
}
