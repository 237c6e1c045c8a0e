// Unit tests of the one enum <-> name mechanism (model/enum_names.hpp), over every enum that
// has a name table: each value reads back from its name, names are distinct and spelled as
// SPEC.md writes them, and an unknown name is refused with the choices.

#include "assess/assess.hpp"
#include "assess/task.hpp"
#include "audit/completion.hpp"
#include "errors.hpp"
#include "model/approval.hpp"
#include "model/entry.hpp"
#include "model/enum_names.hpp"
#include "model/period.hpp"
#include "model/plan.hpp"
#include "report/labels.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

namespace plantrack {
namespace {

// The table is usable at compile time.
static_assert(to_string(Kind::flow) == "flow");
static_assert(from_string<Rule>("keep_at_most") == Rule::keep_at_most);
static_assert(!from_string<Rule>("atleast"));
static_assert(enum_values<Cadence>().size() == 3);

template <typename E>
void expect_names_read_back() {
  std::set<std::string_view> seen;
  for (E value : enum_values<E>()) {
    std::string_view name = to_string(value);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(from_string<E>(name), value) << name;
    EXPECT_TRUE(seen.insert(name).second) << name << " names two values";
  }
  EXPECT_FALSE(from_string<E>("").has_value());
  EXPECT_FALSE(from_string<E>("no such name").has_value());
}

TEST(EnumNames, every_value_reads_back_from_its_name) {
  expect_names_read_back<Cadence>();
  expect_names_read_back<Kind>();
  expect_names_read_back<Rule>();
  expect_names_read_back<Trajectory>();
  expect_names_read_back<Action>();
  expect_names_read_back<assess::Status>();
  expect_names_read_back<assess::Flag>();
  expect_names_read_back<assess::PointKind>();
  expect_names_read_back<assess::TaskStatus>();
  expect_names_read_back<TaskState>();
  expect_names_read_back<audit::Ruling>();
  expect_names_read_back<report::Lang>();
  expect_names_read_back<ApprovalAction>();
  expect_names_read_back<ApprovalState>();
}

TEST(EnumNames, values_are_listed_in_the_order_spec_md_gives) {
  EXPECT_EQ(joined_names<assess::Status>(","),
            "no_data,breached,achieved,missed,insufficient_data,on_track,at_risk,off_track,"
            "monitored");
  EXPECT_EQ(joined_names<assess::Flag>(","),
            "stale,estimated,provisional,final_data_missing,duplicate_entity,step_late,"
            "inconsistent,incomplete_peers,unapproved");
  EXPECT_EQ(joined_names<assess::TaskStatus>(","),
            "no_data,done,done_late,overdue,suspended,in_progress,not_started");
  EXPECT_EQ(joined_names<TaskState>(","), "not_started,in_progress,done,suspended");
  EXPECT_EQ(joined_names<Rule>(),
            "at_least, more_than, at_most, less_than, between, keep_at_most, done, none");
  EXPECT_EQ(joined_names<Kind>(), "level, flow, cumulative, milestone, ratio, rank, growth, monitor");
  EXPECT_EQ(joined_names<audit::Ruling>(), "achieved, missed, breached, unverifiable, not_due, "
                                           "monitored, completed, completed_late, not_completed, open");
}

TEST(EnumNames, parse_enum_refuses_an_unknown_name_and_lists_the_choices) {
  EXPECT_EQ(parse_enum<Action>("retract"), Action::retract);
  try {
    parse_enum<Cadence>("week");
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "'week' is not one of month, quarter, year");
  }
}

TEST(EnumNames, a_value_outside_the_table_has_no_name) {
  EXPECT_EQ(to_string(static_cast<Cadence>(7)), "");
}

} // namespace
} // namespace plantrack
