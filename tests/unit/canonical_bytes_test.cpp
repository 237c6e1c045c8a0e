// canonical_bytes writes an entry's chain bytes directly; canonical_json is their definition
// (docs/audit.md). Every stored hash covers them: they must agree byte for byte.

#include "audit/chain.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <limits>

namespace plantrack {
namespace {

// Text as officials type it and worse: Chinese, ASCII, quotes, backslashes, every control
// character, DEL, and four-byte characters.
rc::Gen<std::string> text() {
  auto piece = rc::gen::oneOf(
      rc::gen::element<std::string>("通州区", "专利", "亿元", "示例数据", "\"", "\\", "/", "\x7f",
                                    "😀", "é", " ", "a,b", "{}", "[]", "null", "\u2028"),
      rc::gen::map(rc::gen::inRange(0, 32), [](int c) { return std::string(1, static_cast<char>(c)); }),
      rc::gen::map(rc::gen::inRange(32, 127), [](int c) { return std::string(1, static_cast<char>(c)); }));
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(piece), [](const auto& parts) {
    std::string s;
    for (const auto& p : parts) s += p;
    return s;
  });
}

rc::Gen<double> value() {
  return rc::gen::oneOf(rc::gen::arbitrary<double>(),
                        rc::gen::element(0.0, -0.0, 1.0, 5000.0, 0.1, 1e21, 1e-7, 2.089034,
                                         std::numeric_limits<double>::infinity(),
                                         std::numeric_limits<double>::quiet_NaN()));
}

Entry random_entry() {
  Entry e;
  e.id = *rc::gen::inRange<std::int64_t>(1, 1LL << 40);
  e.action = *rc::gen::element(Action::log, Action::correct, Action::retract);
  if (e.action != Action::log) e.corrects = *rc::gen::inRange<std::int64_t>(1, e.id + 1);
  e.plan_id = *text();
  e.target_id = *text();
  e.period.text = *text();
  e.value_text = *text();
  e.unit = *text();
  e.value = *value();
  e.recorded_at = Timestamp{std::chrono::seconds(*rc::gen::inRange<std::int64_t>(0, 4102444800))};
  e.recorded_by = *text();
  e.source = *text();
  e.note = *text();
  e.provisional = *rc::gen::arbitrary<bool>();
  e.entities = *rc::gen::container<std::vector<std::string>>(text());
  e.reason = *text();
  if (*rc::gen::arbitrary<bool>()) {
    e.state = *rc::gen::element(TaskState::not_started, TaskState::in_progress, TaskState::done,
                                TaskState::suspended);
    e.evidence = *rc::gen::container<std::vector<std::string>>(text());
    e.step = *text();
  }
  if (*rc::gen::arbitrary<bool>()) e.part = *rc::gen::element(Part::numerator, Part::denominator);
  if (*rc::gen::arbitrary<bool>()) e.peer = *text();
  return e;
}

RC_GTEST_PROP(CanonicalBytes, written_directly_equal_the_json_definition, ()) {
  Entry e = random_entry();
  RC_ASSERT(audit::canonical_bytes(e) == audit::canonical_json(e));
}

TEST(CanonicalBytes, text_that_is_not_utf8_takes_the_json_way) {
  Entry e;
  e.id = 7;
  e.note = "bad \xff byte";
  EXPECT_EQ(audit::canonical_bytes(e), audit::canonical_json(e));
  EXPECT_EQ(audit::canonical_bytes(e).find('\xff'), std::string::npos);
}

TEST(CanonicalBytes, a_known_entry_keeps_its_bytes) {
  Entry e;
  e.id = 3;
  e.plan_id = "tongzhou-st-2020";
  e.target_id = "patent-applications";
  e.period.text = "2018";
  e.value_text = "4321";
  e.value = 4321;
  e.recorded_by = "统计科";
  e.note = "含\"发明\"\n";
  e.recorded_at = Timestamp{std::chrono::seconds(1561881600)};
  EXPECT_EQ(audit::canonical_bytes(e),
            "[3,\"log\",null,\"tongzhou-st-2020\",\"patent-applications\",\"2018\",\"4321\",\"\","
            "4321.0,\"2019-06-30T08:00:00Z\",\"统计科\",\"\",\"含\\\"发明\\\"\\n\",false,[],\"\"]");
}

} // namespace
} // namespace plantrack
