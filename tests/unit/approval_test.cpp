// Approval in core (SPEC §5): which periods an approval locks, as known at a time, and the
// approval chain with its anchors in the entry chain.

#include "audit/approvals.hpp"
#include "audit/chain.hpp"
#include "engine/approval.hpp"
#include "support/dates.hpp"

#include <gtest/gtest.h>

namespace plantrack {
namespace {

Approval action(std::int64_t id, const std::string& org, const std::string& period,
                ApprovalAction what, Timestamp at) {
  Approval a;
  a.id = id;
  a.plan_id = "p";
  a.org = org;
  a.period = parse_period(period);
  a.action = what;
  a.by = "someone";
  a.at = at;
  a.entries_head_hash = audit::genesis_hash;
  return a;
}

const Timestamp day1 = support::at(2019, 7, 1, 8);
const Timestamp day2 = support::at(2019, 7, 2, 8);
const Timestamp day3 = support::at(2019, 7, 3, 8);

TEST(ApprovalLedger, an_approved_period_locks_what_lies_inside_it_for_items_its_org_leads) {
  engine::ApprovalLedger ledger({action(1, "区科委", "2019Q1", ApprovalAction::submit, day1),
                                 action(2, "区科委", "2019Q1", ApprovalAction::approve, day2)},
                                std::nullopt);
  const std::vector<std::string> science{"区科委"}, industry{"区经信局"};
  ASSERT_NE(ledger.lock("p", science, parse_period("2019-02")), nullptr);
  EXPECT_EQ(ledger.lock("p", science, parse_period("2019-02"))->id, 2);
  EXPECT_NE(ledger.lock("p", science, parse_period("2019-03-31")), nullptr);
  EXPECT_NE(ledger.lock("p", {"区经信局", "区科委"}, parse_period("2019Q1")), nullptr);
  EXPECT_EQ(ledger.lock("p", industry, parse_period("2019-02")), nullptr) << "another org";
  EXPECT_EQ(ledger.lock("p", science, parse_period("2019-04")), nullptr) << "outside";
  EXPECT_EQ(ledger.lock("p", science, parse_period("2019")), nullptr) << "only partly inside";
  EXPECT_EQ(ledger.lock("other", science, parse_period("2019-02")), nullptr) << "another plan";
  EXPECT_TRUE(ledger.in_use("p"));
  EXPECT_FALSE(ledger.in_use("other"));
}

TEST(ApprovalLedger, the_latest_action_known_at_the_time_decides) {
  std::vector<Approval> story{action(1, "区科委", "2019-01", ApprovalAction::submit, day1),
                              action(2, "区科委", "2019-01", ApprovalAction::approve, day2),
                              action(3, "区科委", "2019-01", ApprovalAction::unapprove, day3)};
  const std::vector<std::string> science{"区科委"};
  auto period = parse_period("2019-01");
  EXPECT_EQ(engine::ApprovalLedger(story, std::nullopt).lock("p", science, period), nullptr);
  EXPECT_NE(engine::ApprovalLedger(story, day2).lock("p", science, period), nullptr);
  EXPECT_EQ(engine::ApprovalLedger(story, day1).lock("p", science, period), nullptr);
  EXPECT_FALSE(engine::ApprovalLedger(story, support::at(2019, 6, 1, 0)).in_use("p"));
}

// Two approvals chained as the storage chains them, anchored to entry 7.
std::vector<Approval> chained() {
  std::vector<Approval> out{action(1, "区科委", "2019-01", ApprovalAction::submit, day1),
                            action(2, "区科委", "2019-01", ApprovalAction::approve, day2)};
  std::string previous = audit::genesis_hash;
  for (auto& a : out) {
    a.entries_head = 7;
    a.entries_head_hash = std::string(64, 'a');
    a.hash = audit::approval_hash(previous, a);
    previous = a.hash;
  }
  return out;
}

std::optional<std::string> entry_7(std::int64_t id) {
  if (id == 7) return std::string(64, 'a');
  return std::nullopt;
}

TEST(ApprovalChain, verifies_and_names_the_first_approval_that_does_not) {
  auto approvals = chained();
  auto ok = audit::verify_approvals(approvals, entry_7);
  EXPECT_FALSE(ok.broken_at);
  EXPECT_EQ(ok.approvals, 2u);

  auto altered = approvals;
  altered[0].reason = "changed";
  EXPECT_EQ(audit::verify_approvals(altered, entry_7).broken_at, 1);

  auto unanchored = approvals;
  auto check = audit::verify_approvals(unanchored, [](std::int64_t) -> std::optional<std::string> {
    return std::string(64, 'b');
  });
  EXPECT_EQ(check.broken_at, 1);
  EXPECT_EQ(check.why, "approval 1 names entry 7 as the chain's head, which the entry chain does "
                       "not hold with that hash");

  auto gap = approvals;
  gap.erase(gap.begin());
  EXPECT_EQ(audit::verify_approvals(gap, entry_7).broken_at, 2);
  EXPECT_EQ(audit::approval_bytes(approvals[0]).rfind("[1,\"p\",\"区科委\",\"2019-01\",\"submit\",\"\","
                                                      "\"someone\",\"2019-07-01T08:00:00",
                                                      0),
            0u)
      << audit::approval_bytes(approvals[0]);
}

} // namespace
} // namespace plantrack
