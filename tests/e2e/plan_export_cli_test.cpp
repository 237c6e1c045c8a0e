// End-to-end tests of `plan export` (SPEC §3): the plan file in force, or of a revision, as
// YAML or JSON; importing it again records no new revision.

#include "audited.hpp"
#include "support/files.hpp"
#include "support/plan_files.hpp"
#include "support/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::testing::Cli;
using plantrack::testing::fixture;
using plantrack::support::replaced;

namespace {

// `plantrack plan import FILE` of an unchanged plan says so, with the plan's counts.
std::string unchanged_line(const std::string& id, const nlohmann::json& doc,
                           const std::string& path) {
  auto count = [&](const char* key) { return doc.contains(key) ? doc[key].size() : 0; };
  return "unchanged " + id + ": " + std::to_string(count("targets")) + " targets, " +
         std::to_string(count("tasks")) + " tasks (" + path + ")\n";
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Every fixture plan exports as a file that imports again unchanged

TEST(PlanExportCli, every_fixture_plan_exports_as_yaml_and_json_that_import_unchanged) {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& item : fs::directory_iterator(fixture("plans"))) {
    if (item.path().extension() != ".yaml") continue;
    const std::string id = item.path().stem().string();
    SCOPED_TRACE(id);
    Cli cli;
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto imported = cli.run({"plan", "import", item.path().string()});
    ASSERT_EQ(imported.code, 0) << imported.err;
    auto shown = cli.run({"--format", "json", "plan", "show", id});
    ASSERT_EQ(shown.code, 0) << shown.err;
    auto doc = nlohmann::json::parse(shown.out);

    for (std::string format : {"yaml", "json"}) {
      SCOPED_TRACE(format);
      auto exported = cli.run({"--format", format, "plan", "export", id});
      ASSERT_EQ(exported.code, 0) << exported.err;
      EXPECT_EQ(exported.err, "");
      auto path = cli.write(id + "-export." + format, exported.out);
      auto again = cli.run({"plan", "import", path});
      EXPECT_EQ(again.code, 0) << again.err;
      EXPECT_EQ(again.err, "");
      EXPECT_EQ(again.out, unchanged_line(id, doc, path));
    }
    // Without --format the export is YAML.
    auto yaml = cli.run({"--format", "yaml", "plan", "export", id}).out;
    EXPECT_EQ(cli.run({"plan", "export", id}).out, yaml);
    EXPECT_NE(yaml.find(doc["title"].get<std::string>()), std::string::npos) << yaml;
    EXPECT_EQ(yaml.find("\\u"), std::string::npos) << yaml;

    auto revisions = cli.run({"--format", "json", "plan", "show", id, "--revisions"});
    ASSERT_EQ(revisions.code, 0) << revisions.err;
    EXPECT_EQ(nlohmann::json::parse(revisions.out).size(), 1u) << revisions.out;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

// ---------------------------------------------------------------------------------------------
// What an export looks like

TEST(PlanExportCli, yaml_quotes_text_that_would_read_as_another_type) {
  Cli cli;
  ASSERT_EQ(cli.run({"init"}).code, 0);
  auto text = plantrack::support::test_plan_header("small", "小规划") + R"(  - id: rd
    title: 研发投入强度
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 2628.7
    deadline: 2020-12-31
    baseline: {value: 1e-05, date: 2015-12-31, source: "2015"}
    note: |
      第一行: 说明
      第二行
)";
  auto path = cli.write("small.yaml", text);
  ASSERT_EQ(cli.run({"plan", "import", path}).code, 0);
  auto r = cli.run({"plan", "export", "small"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, R"(cadence: year
goals:
  - id: g
    title: 目标一
id: small
issuer: 测试区政府
jurisdiction: 测试区
period:
  end: "2020-12-31"
  start: "2016-01-01"
source:
  date: "2016-01-01"
  title: 测试文件
targets:
  - baseline:
      date: "2015-12-31"
      source: "2015"
      value: 1e-05
    deadline: "2020-12-31"
    goal: g
    id: rd
    kind: level
    note: |
      第一行: 说明
      第二行
    rule: at_least
    title: 研发投入强度
    unit: "%"
    value: 2628.7
title: 小规划
)");
  auto json = cli.run({"--format", "json", "plan", "export", "small"});
  EXPECT_EQ(json.code, 0);
  EXPECT_EQ(nlohmann::json::parse(json.out)["targets"][0]["baseline"]["value"], 1e-05);
  EXPECT_EQ(json.out.substr(0, 23), "{\n  \"cadence\": \"year\",\n");
}

// ---------------------------------------------------------------------------------------------
// Revisions

TEST_F(Audited, export_revision_1_after_a_revision_gives_the_first_document) {
  auto first = ok({"--format", "json", "plan", "export", "audit"}).out;
  auto first_yaml = ok({"plan", "export", "audit"}).out;
  cli.now = Cli::at(2019, 3, 1, 0);
  auto path = cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75"));
  ok({"plan", "import", path, "--reason", "区政府中期调整"});
  cli.now = Cli::at(2019, 6, 30, 8);

  EXPECT_EQ(ok({"--format", "json", "plan", "export", "audit", "--revision", "1"}).out, first);
  EXPECT_EQ(ok({"plan", "export", "audit", "--revision", "1"}).out, first_yaml);
  auto latest = nlohmann::json::parse(ok({"--format", "json", "plan", "export", "audit"}).out);
  EXPECT_EQ(latest, json_of({"plan", "show", "audit"}));
  auto second = ok({"--format", "json", "plan", "export", "audit", "--revision", "2"}).out;
  EXPECT_EQ(latest, nlohmann::json::parse(second));
  EXPECT_NE(latest, nlohmann::json::parse(first));
  // The latest revision's export imports unchanged: still two revisions.
  auto again = cli.write("audit-export.yaml", ok({"plan", "export", "audit"}).out);
  EXPECT_EQ(ok({"plan", "import", again}).out,
            "unchanged audit: 5 targets, 0 tasks (" + again + ")\n");
  EXPECT_EQ(json_of({"plan", "show", "audit", "--revisions"}).size(), 2u);
}

TEST_F(Audited, export_writes_a_file_with_o_and_refuses_to_replace_it_without_force) {
  auto yaml = ok({"plan", "export", "audit"}).out;
  auto path = (cli.dir() / "audit-export.yaml").string();
  EXPECT_EQ(ok({"plan", "export", "audit", "-o", path}).out,
            "wrote " + path + " (audit revision 1, yaml)\n");
  EXPECT_EQ(plantrack::support::read_file(path), yaml);
  expect_refused({"plan", "export", "audit", "-o", path, "--format", "json"},
                 "'" + path +
                     "' already exists; pass --force to replace it, or choose another file");
  EXPECT_EQ(plantrack::support::read_file(path), yaml);
  EXPECT_EQ(ok({"--format", "json", "plan", "export", "audit", "-o", path, "--force"}).out,
            "wrote " + path + " (audit revision 1, json)\n");
  EXPECT_EQ(plantrack::support::read_file(path),
            ok({"--format", "json", "plan", "export", "audit"}).out);
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_F(Audited, export_of_an_unknown_plan_is_refused) {
  expect_refused({"plan", "export", "nope"},
                 "unknown plan 'nope'; see `plantrack plan list` for the plans in this database");
}

TEST_F(Audited, export_of_an_unknown_revision_is_refused) {
  expect_refused({"plan", "export", "audit", "--revision", "2"},
                 "plan 'audit' has no revision 2; its only revision is 1, see `plantrack plan "
                 "show audit --revisions`");
  expect_refused({"plan", "export", "audit", "--revision", "0"},
                 "plan 'audit' has no revision 0; its only revision is 1, see `plantrack plan "
                 "show audit --revisions`");
  cli.now = Cli::at(2019, 3, 1, 0);
  ok({"plan", "import", cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75")),
      "--reason", "区政府中期调整"});
  expect_refused({"plan", "export", "audit", "--revision", "3"},
                 "plan 'audit' has no revision 3; pick one of 1 to 2, see `plantrack plan show "
                 "audit --revisions`");
}

TEST_F(Audited, export_in_a_format_it_does_not_offer_is_refused) {
  expect_refused({"--format", "csv", "plan", "export", "audit"},
                 "--format 'csv' is not offered here; use one of table, yaml, json");
}

TEST_F(Audited, export_with_a_revision_that_is_not_a_number_is_a_usage_error) {
  auto r = cli.run({"plan", "export", "audit", "--revision", "latest"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("plantrack: error: "), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}
