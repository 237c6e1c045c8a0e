#pragma once
// The fixture of the audit-trail end-to-end tests (SPEC §1 "Entry", §2 known-at, §4;
// docs/audit.md): plan `audit` with one target of each kind, imported on 2019-01-01, and the
// helpers those tests share. Used by correct_cli_test, known_at_cli_test, append_only_test,
// audit_verify_cli_test, identity_cli_test, plan_revisions_cli_test and completion_cli_test.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::testing {

// The plan is imported at the start of 2019; the clock then stands at 2019-06-30 16:00 (+08).
struct Audited : ::testing::Test {
  // The plan file: five targets due 2018-12-31 (exits cumulative, polluters keep_at_most 0,
  // share and rd levels, patents a yearly flow).
  static inline const std::string plan_text =
      support::test_plan_header("audit", "审计示例规划", "2018-12-31") + R"(  - id: exits
    title: 淘汰退出企业
    goal: g
    kind: cumulative
    unit: 家
    rule: at_least
    value: 3
    deadline: 2018-12-31
    baseline: {value: 0, date: 2015-12-31}
    responsible: [区经信委]
    source: "淘汰退出企业3家"
  - id: polluters
    title: 散乱污企业动态清零
    goal: g
    kind: level
    unit: 家
    rule: keep_at_most
    value: 0
    deadline: 2018-12-31
    source: "散乱污企业动态清零"
  - id: share
    title: 高新技术产业占比
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 70
    deadline: 2018-12-31
    baseline: {value: 60, date: 2015-12-31}
    source: "高新技术产业占比达到70%"
  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2018-12-31
    baseline: {value: 3000, date: 2015-12-31}
    source: "年专利申请量达到5000件"
  - id: rd
    title: 研发投入强度
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 2.5
    deadline: 2018-12-31
    baseline: {value: 2.0, date: 2015-12-31}
    source: "研发投入强度达到2.5%"
)";

  Cli cli;
  void SetUp() override {
    cli.now = Cli::at(2019, 1, 1, 0);
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("audit.yaml", plan_text)});
    ASSERT_EQ(r.code, 0) << r.err;
    cli.now = Cli::at(2019, 6, 30, 8);
  }
  // Log an entry and return its id.
  std::string log(const std::string& ref, const std::string& value, const std::string& period,
                  std::vector<std::string> more = {}) {
    std::vector<std::string> args{"log", ref, value, "--period", period};
    args.insert(args.end(), more.begin(), more.end());
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
  }
  Result ok(const std::vector<std::string>& args) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return r;
  }
  nlohmann::json json_of(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }
  nlohmann::json status_of(const std::string& ref, std::vector<std::string> global = {}) {
    std::vector<std::string> args = global;
    args.insert(args.end(), {"--as-of", "2019-06-30", "status", "audit"});
    auto doc = json_of(args);
    for (const auto& t : doc["plans"][0]["targets"])
      if (t["ref"] == ref) return t;
    ADD_FAILURE() << "no " << ref;
    return {};
  }
  nlohmann::json completion(std::vector<std::string> global = {}) {
    global.insert(global.end(), {"audit", "completion", "audit"});
    return json_of(global);
  }
  static nlohmann::json target_in(const nlohmann::json& audit, const std::string& ref) {
    for (const auto& t : audit["targets"])
      if (t["ref"] == ref) return t;
    ADD_FAILURE() << "no " << ref;
    return {};
  }
  // Everything a refused command could have changed.
  std::string snapshot() {
    return cli.run({"--format", "json", "plan", "list"}).out +
           cli.run({"--format", "json", "plan", "show", "audit", "--revisions"}).out +
           cli.run({"--format", "json", "plan", "show", "audit"}).out +
           cli.run({"--format", "json", "entries"}).out + cli.run({"audit", "verify"}).out;
  }
  // A command refused with exactly `error` (exit 1, one line) that leaves the database as it was.
  void expect_refused(const std::vector<std::string>& args, const std::string& error) {
    auto before = snapshot();
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
    EXPECT_EQ(snapshot(), before);
  }
  std::vector<nlohmann::json> entries() {
    auto doc = json_of({"entries"});
    return std::vector<nlohmann::json>(doc.begin(), doc.end());
  }
};

} // namespace plantrack::testing
