// Unit tests of the status filters by org and nature (SPEC §3 `status --org O --nature N`):
// engine::StatusQuery, evaluate and parse_nature.

#include "engine/evaluate.hpp"
#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/errors.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace plantrack::engine {
namespace {

// Three targets: one the 区科委 leads with 区财政局 supporting (binding), one 区财政局 leads
// (expected by default, 力争), one with no orgs; a task names 区统计局 only.
const std::string plan_yaml = support::test_plan_header("orgs", "单位测试") + R"(  - id: lead-and-support
    title: 科技支出
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 1.3
    deadline: 2020-12-31
    responsible: [区科委]
    support: [区财政局]
    nature: binding
  - id: finance-leads
    title: 财政投入
    goal: g
    kind: level
    unit: 亿元
    rule: at_least
    value: 2
    deadline: 2020-12-31
    responsible: [区财政局]
    strive: true
  - id: nobody
    title: 无单位
    goal: g
    kind: milestone
    rule: done
    deadline: 2020-12-31
tasks:
  - id: statistics
    title: 统计监测
    responsible: [区统计局]
    source: "统计监测"
)";

class StatusFilters : public ::testing::Test {
protected:
  void SetUp() override {
    auto loaded = planfile::load_plan(plan_yaml, "orgs.yaml");
    db->import_plans({{loaded.plan, loaded.document}}, now, "tester", "");
  }

  std::vector<std::string> shown(const StatusQuery& extra) {
    StatusQuery q = extra;
    q.as_of = support::ymd(2019, 6, 30);
    q.known_at = now;
    std::vector<std::string> ids;
    for (const auto& p : evaluate(*db, q).plans)
      for (const auto& t : p.targets) ids.push_back(t.target.id);
    return ids;
  }

  const Timestamp now = support::at(2019, 6, 30, 8);
  std::unique_ptr<storage::Storage> db = support::open_test_store();
};

using Ids = std::vector<std::string>;

TEST_F(StatusFilters, without_filters_every_target_is_shown) {
  EXPECT_EQ(shown({}), (Ids{"lead-and-support", "finance-leads", "nobody"}));
}

TEST_F(StatusFilters, nature_keeps_targets_of_that_nature_the_default_being_expected) {
  StatusQuery q;
  q.nature = Nature::binding;
  EXPECT_EQ(shown(q), Ids{"lead-and-support"});
  q.nature = Nature::expected;
  EXPECT_EQ(shown(q), (Ids{"finance-leads", "nobody"}));
}

TEST_F(StatusFilters, org_keeps_targets_it_leads_or_supports) {
  StatusQuery q;
  q.org = "区财政局";
  EXPECT_EQ(shown(q), (Ids{"lead-and-support", "finance-leads"}));
  q.org = "区科委";
  EXPECT_EQ(shown(q), Ids{"lead-and-support"});
  q.nature = Nature::expected; // filters combine
  EXPECT_EQ(shown(q), Ids{});
}

TEST_F(StatusFilters, an_org_named_only_by_a_task_shows_no_targets) {
  StatusQuery q;
  q.org = "区统计局";
  EXPECT_EQ(shown(q), Ids{});
}

TEST_F(StatusFilters, an_org_no_plan_names_is_refused_listing_the_orgs) {
  StatusQuery q;
  q.org = "区科协";
  EXPECT_EQ(support::input_error_of([&] { shown(q); }),
            "--org '区科协' is not an org of the plans shown; use one of 区科委, 区统计局, 区财政局");
}

TEST(ParseNature, accepts_the_names_and_refuses_anything_else) {
  EXPECT_EQ(parse_nature("binding", "--nature"), Nature::binding);
  EXPECT_EQ(parse_nature("expected", "--nature"), Nature::expected);
  EXPECT_EQ(support::input_error_of([] { parse_nature("约束性", "--nature"); }),
            "--nature '约束性' is not a nature; use one of expected, binding");
  EXPECT_EQ(support::input_error_of([] { parse_nature("", "--nature"); }),
            "--nature '' is not a nature; use one of expected, binding");
}

} // namespace
} // namespace plantrack::engine
