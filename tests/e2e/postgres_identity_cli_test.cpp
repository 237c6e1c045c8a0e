// Who acts against PostgreSQL (SPEC §5): the CLI is the database role it connects as, --by is
// refused, a role that owns the schema acts as admin (so the first users can be added), and
// once there are accounts every other role acts as its account or is refused. Runs only on a
// server (ctest's postgres.postgres_identity_cli_test); the harness connects as a login role
// named like the user a test acts as (support/test_store.hpp).

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using plantrack::testing::Result;

namespace {

class PostgresIdentity : public ::testing::Test {
protected:
  void SetUp() override {
    if (!cli.postgres()) GTEST_SKIP() << "needs PLANTRACK_TEST_POSTGRES (ctest starts a server)";
    ASSERT_EQ(owner({"init"}).code, 0);
    auto file = cli.write("ident.yaml", plantrack::support::two_org_plan("ident", "身份示例"));
    ASSERT_EQ(owner({"plan", "import", file}).code, 0);
  }
  // As the role that owns the schema.
  Result owner(std::vector<std::string> args) {
    args.insert(args.begin(), {"plantrack", "--db", cli.postgres()->owner_location()});
    return cli.run_raw(args);
  }
  // As the login role `name`.
  Result as(const std::string& name, std::vector<std::string> args) {
    args.insert(args.begin(), {"plantrack", "--db", cli.postgres()->location_as(name)});
    return cli.run_raw(args);
  }
  // `user add ARGS... --password-stdin` as the owner.
  Result add_user(std::vector<std::string> args) {
    cli.input = "password-of-" + args.front() + "\n";
    args.insert(args.begin(), {"user", "add"});
    args.push_back("--password-stdin");
    auto r = owner(args);
    cli.input.clear();
    return r;
  }
  nlohmann::json entries() {
    auto r = owner({"entries", "ident", "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  Cli cli;
};

TEST_F(PostgresIdentity, by_is_refused_and_nothing_is_stored) {
  auto r = as("王五", {"--by", "李四", "log", "ident/patents", "4400", "--period", "2018"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: --by is refused against PostgreSQL: you act as the database "
                   "role you connect as; remove --by '李四', or put that role's name in the URL "
                   "(postgresql://ROLE@HOST/DB)\n");
  EXPECT_TRUE(entries().empty());
}

TEST_F(PostgresIdentity, an_entry_is_recorded_by_the_role_not_by_the_environment) {
  cli.env["PLANTRACK_USER"] = "冒名者";
  ASSERT_EQ(as("王五", {"log", "ident/patents", "4400", "--period", "2018"}).code, 0);
  auto list = entries();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["recorded_by"], "王五");
}

TEST_F(PostgresIdentity, the_first_user_is_added_by_the_owner) {
  auto added = add_user({"admin", "--role", "admin"});
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_EQ(nlohmann::json::parse(owner({"user", "list", "--format", "json"}).out).size(), 1u);
}

TEST_F(PostgresIdentity, a_role_that_does_not_own_the_schema_cannot_add_the_first_user) {
  cli.input = "password-of-王五\n";
  auto r = as("王五", {"user", "add", "王五", "--role", "admin", "--password-stdin"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: the first user of a PostgreSQL database is added by the "
                   "role that owns its schema, and '王五' does not; connect as the owner (or a "
                   "superuser)\n");
  EXPECT_TRUE(nlohmann::json::parse(owner({"user", "list", "--format", "json"}).out).empty());
}

TEST_F(PostgresIdentity, with_accounts_each_role_acts_as_its_account) {
  auto added = [&](std::vector<std::string> args) {
    auto r = add_user(std::move(args));
    ASSERT_EQ(r.code, 0) << r.err;
  };
  added({"admin", "--role", "admin"});
  // The owner has no account of its own name and still acts as admin.
  added({"王五", "--role", "official", "--org", "区科委"});
  added({"孙八", "--role", "auditor"});

  EXPECT_EQ(as("王五", {"log", "ident/patents", "4400", "--period", "2018"}).code, 0);
  auto other_org = as("王五", {"log", "ident/exits", "10", "--period", "2018"});
  EXPECT_EQ(other_org.code, 1);
  EXPECT_NE(other_org.err.find("'王五' is an official of 区科委"), std::string::npos) << other_org.err;

  auto stranger = as("赵六", {"log", "ident/patents", "4500", "--period", "2019"});
  EXPECT_EQ(stranger.code, 1);
  EXPECT_NE(stranger.err.find("'赵六' has no account in this database"), std::string::npos)
      << stranger.err;

  added({"钱七", "--role", "leader"});
  cli.input = "password-of-x\n";
  auto not_admin = as("王五", {"user", "add", "周九", "--role", "leader", "--password-stdin"});
  EXPECT_EQ(not_admin.code, 1);
  EXPECT_NE(not_admin.err.find("managing users is for admins"), std::string::npos) << not_admin.err;

  // The refusals are recorded, and the auditor's role reads them and verifies the chain.
  auto refusals = as("孙八", {"audit", "refusals", "--format", "json"});
  ASSERT_EQ(refusals.code, 0) << refusals.err;
  EXPECT_EQ(nlohmann::json::parse(refusals.out).size(), 3u) << refusals.out;
  EXPECT_EQ(as("孙八", {"audit", "verify"}).code, 0);
  auto list = entries();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["recorded_by"], "王五");
}

} // namespace
