// libFuzzer target: the plan-file loader on arbitrary bytes. Refusing a file with InputError
// (InputErrors: one line per problem) is its contract; any other exception, a crash, a hang or
// a sanitizer report is a bug.

#include "errors.hpp"
#include "planfile/plan_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto loaded = plantrack::planfile::load_plan(text, "fuzz.yaml");
    // Storage rebuilds a stored plan from its document: that must work for every plan loaded.
    plantrack::planfile::plan_from_document(loaded.document);
  } catch (const plantrack::InputError&) {
  }
  return 0;
}
