// End-to-end tests of plan revisions (SPEC §3 `plan import`, `plan show --revisions`): a changed
// plan needs a reason, keeps the earlier revision with what changed, and --known-at assesses
// against the revision then in force.

#include "audited.hpp"
#include "support/text.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;
using plantrack::support::replaced;

// ---------------------------------------------------------------------------------------------
// Plan revisions

TEST_F(Audited, a_changed_plan_without_a_reason_is_refused_and_nothing_is_written) {
  auto path = cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75"));
  expect_refused({"plan", "import", path},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
  expect_refused({"plan", "import", path, "--reason", ""},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
}

TEST_F(Audited, a_blank_reason_for_a_changed_plan_is_refused) {
  auto path = cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75"));
  expect_refused({"plan", "import", path, "--reason", "   "},
                 "plan 'audit' differs from its revision 1 in the database; pass --reason \"why "
                 "it changed\" to record revision 2");
}

TEST_F(Audited, a_revision_keeps_the_earlier_one_and_records_what_changed) {
  std::string text = replaced(plan_text, "value: 70", "value: 75");
  text = replaced(text, "    deadline: 2018-12-31\n    baseline: {value: 60",
                 "    deadline: 2017-12-31\n    baseline: {value: 60");
  text = replaced(text, "    per: year\n    unit: 件\n    rule: at_least",
                 "    per: year\n    unit: 件\n    rule: more_than");
  cli.now = Cli::at(2019, 3, 1, 0);
  auto path = cli.write("audit.yaml", text);
  auto r = ok({"plan", "import", path, "--reason", "区政府中期调整"});
  EXPECT_EQ(r.out, "revised audit: 5 targets, 0 tasks (" + path + ")\n");
  cli.now = Cli::at(2019, 6, 30, 8);

  auto revisions = json_of({"plan", "show", "audit", "--revisions"});
  EXPECT_EQ(revisions, nlohmann::json::parse(R"([
    {"revision": 1, "imported_at": "2019-01-01T00:00:00Z", "imported_by": "tester",
     "reason": "", "changes": []},
    {"revision": 2, "imported_at": "2019-03-01T00:00:00Z", "imported_by": "tester",
     "reason": "区政府中期调整",
     "changes": ["targets.patents.rule: \"at_least\" -> \"more_than\"",
                 "targets.share.deadline: \"2018-12-31\" -> \"2017-12-31\"",
                 "targets.share.value: 70 -> 75"]}
  ])"));
  auto table = ok({"--lang", "en", "plan", "show", "audit", "--revisions"}).out;
  EXPECT_NE(table.find("区政府中期调整"), std::string::npos) << table;
  EXPECT_NE(table.find("targets.share.value: 70 -> 75"), std::string::npos) << table;
  EXPECT_NE(table.find("targets.share.deadline: \"2018-12-31\" -> \"2017-12-31\""),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("targets.patents.rule: \"at_least\" -> \"more_than\""), std::string::npos)
      << table;

  // The plan in force is the new one; the list shows revision 2.
  auto plans = json_of({"plan", "list"});
  EXPECT_EQ(plans[0]["revision"], 2);
  // Importing the same file again is unchanged and needs no reason.
  EXPECT_EQ(ok({"plan", "import", path}).out, "unchanged audit: 5 targets, 0 tasks (" + path + ")\n");
  EXPECT_EQ(json_of({"plan", "show", "audit", "--revisions"}).size(), 2u);
}

TEST_F(Audited, status_known_at_before_a_revision_assesses_against_the_old_target_value) {
  cli.now = Cli::at(2019, 2, 1, 0);
  log("audit/share", "72", "2018");
  log("audit/patents", "5000", "2018");
  cli.now = Cli::at(2019, 3, 1, 0);
  std::string text = replaced(plan_text, "value: 70", "value: 75");
  text = replaced(text, "    per: year\n    unit: 件\n    rule: at_least",
                 "    per: year\n    unit: 件\n    rule: more_than");
  ok({"plan", "import", cli.write("audit.yaml", text), "--reason", "区政府中期调整"});
  cli.now = Cli::at(2019, 6, 30, 8);

  EXPECT_EQ(status_of("audit/share")["status"], "missed");
  EXPECT_EQ(status_of("audit/patents")["status"], "missed");
  auto share = status_of("audit/share", {"--known-at", "2019-02-15"});
  EXPECT_EQ(share["target"], 70.0);
  EXPECT_EQ(share["current"], 72.0);
  EXPECT_EQ(share["status"], "achieved");
  auto patents = status_of("audit/patents", {"--known-at", "2019-02-15"});
  EXPECT_EQ(patents["rule"], "at_least");
  EXPECT_EQ(patents["status"], "achieved");
  // The completion audit at that moment agrees.
  auto audit = completion({"--known-at", "2019-02-15"});
  EXPECT_EQ(target_in(audit, "audit/share")["ruling"], "achieved");
  EXPECT_EQ(target_in(audit, "audit/share")["target"], 70.0);
  EXPECT_EQ(target_in(completion(), "audit/share")["ruling"], "missed");
}

TEST_F(Audited, known_at_before_the_plan_was_imported_is_refused) {
  expect_refused({"--known-at", "2018-12-31T00:00:00Z", "status", "audit"},
                 "plan 'audit' was not yet imported at --known-at 2018-12-31T00:00:00Z; pass a "
                 "later --known-at");
}
