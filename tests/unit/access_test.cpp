// Unit tests of access/ (SPEC §5): Argon2id passwords and hashed tokens through libsodium, and
// the permission matrix walked whole: every role against every action, in and out of scope.

#include "access/credentials.hpp"
#include "access/permissions.hpp"
#include "support/errors.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

namespace plantrack {
namespace {

using access::Action;

TEST(Credentials, a_password_hash_is_argon2id_and_verifies_only_its_password) {
  auto hash = access::hash_password("正确的口令horse");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("horse"), std::string::npos);
  EXPECT_TRUE(access::password_matches(hash, "正确的口令horse"));
  EXPECT_FALSE(access::password_matches(hash, "正确的口令horsf"));
  EXPECT_FALSE(access::password_matches(hash, ""));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(access::hash_password("正确的口令horse"), hash);
}

TEST(Credentials, a_short_password_is_refused_counting_characters_not_bytes) {
  EXPECT_EQ(support::input_error_of([] { access::hash_password("seven77"); }),
            "a password needs at least 8 characters; choose a longer one");
  // Seven Chinese characters are 21 bytes and still too short; eight are enough.
  EXPECT_THROW(access::hash_password("一二三四五六七"), InputError);
  EXPECT_NO_THROW(access::hash_password("一二三四五六七八"));
}

TEST(Credentials, tokens_are_random_and_stored_as_their_sha256) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto token = access::new_token();
    EXPECT_TRUE(std::regex_match(token, std::regex("pt_[0-9a-f]{64}"))) << token;
    EXPECT_TRUE(seen.insert(token).second) << "a token came twice";
  }
  // FIPS 180-2's test vector.
  EXPECT_EQ(access::token_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

User user(Role role, std::vector<std::string> orgs = {}, std::vector<std::string> plans = {}) {
  User u;
  u.name = "张三";
  u.role = role;
  u.orgs = std::move(orgs);
  u.plans = std::move(plans);
  return u;
}

// The whole matrix: for each role, the actions it may take in the scope below (an item of
// 区科委 with 区财政局 supporting, in plan tongzhou). Everything else is refused.
TEST(Permissions, every_role_against_every_action) {
  const access::Scope scope{{"区科委", "区财政局"}, "tongzhou"};
  const std::map<Role, std::set<Action>> may = {
      {Role::admin, {Action::manage_users, Action::manage_plans, Action::manage_schedules,
                     Action::read}},
      {Role::official, {Action::write_entry, Action::submit_period, Action::read}},
      {Role::reviewer, {Action::review_period, Action::read}},
      {Role::leader, {Action::read}},
      {Role::auditor, {Action::read, Action::run_audit}},
  };
  int checked = 0;
  for (auto role : enum_values<Role>()) {
    User u = user(role, role == Role::official ? std::vector<std::string>{"区财政局"}
                                               : std::vector<std::string>{});
    for (auto action : enum_values<Action>()) {
      SCOPED_TRACE(std::string(to_string(role)) + " " + std::string(to_string(action)));
      bool expected = may.at(role).count(action) > 0;
      EXPECT_EQ(access::allowed(u, action, scope), expected);
      if (expected)
        EXPECT_NO_THROW(access::require(u, action, scope));
      else
        EXPECT_THROW(access::require(u, action, scope), access::PermissionDenied);
      // Disabled, nobody may do anything.
      User off = u;
      off.disabled_at = Timestamp{};
      EXPECT_FALSE(access::allowed(off, action, scope));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 5 * 8);
}

TEST(Permissions, an_official_writes_only_for_its_orgs_and_a_reviewer_only_its_plans) {
  User official = user(Role::official, {"区统计局"});
  EXPECT_FALSE(access::allowed(official, Action::write_entry, {{"区科委", "区财政局"}, "p"}));
  EXPECT_TRUE(access::allowed(official, Action::write_entry, {{"区科委", "区统计局"}, "p"}));
  EXPECT_FALSE(access::allowed(official, Action::submit_period, {{"区科委"}, "p"}));
  User reviewer = user(Role::reviewer, {}, {"chaoyang"});
  EXPECT_TRUE(access::allowed(reviewer, Action::review_period, {{}, "chaoyang"}));
  EXPECT_FALSE(access::allowed(reviewer, Action::review_period, {{}, "tongzhou"}));
  EXPECT_TRUE(access::allowed(user(Role::reviewer), Action::review_period, {{}, "tongzhou"}));
}

TEST(Permissions, a_refusal_names_the_role_what_it_may_and_what_the_action_needs) {
  EXPECT_EQ(support::input_error_of([] {
              access::require(user(Role::official, {"区统计局"}), Action::write_entry,
                              {{"区科委", "区财政局"}, "p"});
            }),
            "'张三' is an official of 区统计局, who writes the entries of its orgs' items, "
            "submits their periods, and reads; entries of this item are written by officials "
            "of 区科委, 区财政局");
  EXPECT_EQ(support::input_error_of([] {
              access::require(user(Role::leader), Action::manage_users);
            }),
            "'张三' is a leader, who reads everything; managing users is for admins");
  EXPECT_EQ(support::input_error_of([] {
              User off = user(Role::admin);
              off.disabled_at = Timestamp{};
              access::require(off, Action::read);
            }),
            "user '张三' is disabled and may do nothing; ask an admin to add a new account");
}

} // namespace
} // namespace plantrack
