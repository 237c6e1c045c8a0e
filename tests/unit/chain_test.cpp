// Unit tests of the audit trail's core: the canonical bytes and hash chain of entries
// (SPEC §4, docs/audit.md) and the versions of an entry under corrections and retractions
// (SPEC §1 "Entry", §2 "known at time K").

#include "audit/chain.hpp"
#include "model/entry.hpp"
#include "model/period.hpp"
#include "support/dates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace plantrack {
namespace {

using support::at;

// A plain logged entry of demo/patents.
Entry logged(std::int64_t id, const std::string& period, double value, Timestamp recorded_at) {
  Entry e;
  e.id = id;
  e.plan_id = "demo";
  e.target_id = "patents";
  e.period = parse_period(period);
  e.value = value;
  e.value_text = std::to_string(static_cast<long long>(value));
  e.recorded_at = recorded_at;
  e.recorded_by = "tester";
  return e;
}

// An entry that corrects (or retracts) `replaces`.
Entry replacing(std::int64_t id, const Entry& replaces, double value, Timestamp recorded_at,
                Action action = Action::correct) {
  Entry e = logged(id, replaces.period.text, value, recorded_at);
  e.action = action;
  e.corrects = replaces.id;
  e.reason = action == Action::correct ? "年报修订" : "重复录入";
  return e;
}

// Entries 1..n, each chained to the one before as storage does.
std::vector<Entry> chained(int n) {
  std::vector<Entry> out;
  std::string previous = audit::genesis_hash;
  for (int i = 1; i <= n; ++i) {
    Entry e = logged(i, std::to_string(2015 + i), 3000 + 100 * i, at(2019, 6, 30, i));
    e.hash = audit::chain_hash(previous, e);
    previous = e.hash;
    out.push_back(e);
  }
  return out;
}

// The ids of `entries`, sorted (effective_entries promises no order).
std::vector<std::int64_t> ids_of(const std::vector<Entry>& entries) {
  std::vector<std::int64_t> out;
  for (const auto& e : entries) out.push_back(e.id);
  std::sort(out.begin(), out.end());
  return out;
}

// The ids of a chain of versions, in the order given.
std::vector<std::int64_t> chain_ids(const std::vector<Entry>& versions) {
  std::vector<std::int64_t> out;
  for (const auto& e : versions) out.push_back(e.id);
  return out;
}

// The entry with `id` among `entries` (a default entry and a failure when there is none).
Entry with_id(const std::vector<Entry>& entries, std::int64_t id) {
  for (const auto& e : entries)
    if (e.id == id) return e;
  ADD_FAILURE() << "no entry " << id;
  return {};
}

// ---------------------------------------------------------------------------------------------
// Canonical bytes and hashes

TEST(Chain, genesis_hash_is_64_zeros) { EXPECT_EQ(audit::genesis_hash, std::string(64, '0')); }

TEST(Chain, sha256_hex_matches_the_fips_test_vectors) {
  EXPECT_EQ(audit::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(audit::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The documented array, no whitespace, non-ASCII unescaped, quotes escaped, 4100 as 4100.0.
TEST(Chain, canonical_bytes_of_a_correction_with_chinese_text_is_the_documented_array) {
  Entry e;
  e.id = 3;
  e.action = Action::correct;
  e.corrects = 2;
  e.plan_id = "demo";
  e.target_id = "patents";
  e.period = parse_period("2018");
  e.value_text = "4100";
  e.unit = "件";
  e.value = 4100;
  e.recorded_at = at(2019, 6, 30, 8);
  e.recorded_by = "张三";
  e.source = "统计年报";
  e.note = "含\"发明\"专利";
  e.provisional = false;
  e.entities = {"企业A", "企业B"};
  e.reason = "年报修订";
  EXPECT_EQ(audit::canonical_bytes(e),
            "[3,\"correct\",2,\"demo\",\"patents\",\"2018\",\"4100\",\"件\",4100.0,"
            "\"2019-06-30T08:00:00Z\",\"张三\",\"统计年报\",\"含\\\"发明\\\"专利\",false,"
            "[\"企业A\",\"企业B\"],\"年报修订\"]");
}

TEST(Chain, canonical_bytes_of_a_plain_entry_has_null_corrects_and_the_shortest_double) {
  Entry e;
  e.id = 1;
  e.plan_id = "demo";
  e.target_id = "turnover";
  e.period = parse_period("2014-01..2014-11");
  e.value_text = "86000";
  e.unit = "万元";
  e.value = 8.6;
  e.recorded_at = at(2019, 6, 30, 8);
  e.recorded_by = "tester";
  e.provisional = true;
  EXPECT_EQ(audit::canonical_bytes(e),
            "[1,\"log\",null,\"demo\",\"turnover\",\"2014-01..2014-11\",\"86000\",\"万元\",8.6,"
            "\"2019-06-30T08:00:00Z\",\"tester\",\"\",\"\",true,[],\"\"]");
}

// hash = SHA-256(previous hash as 64 hex characters ‖ canonical bytes); the expected digests
// were computed independently (Python hashlib over the documented encoding).
TEST(Chain, chain_hash_is_sha256_of_the_previous_hex_followed_by_the_canonical_bytes) {
  Entry e;
  e.id = 3;
  e.action = Action::correct;
  e.corrects = 2;
  e.plan_id = "demo";
  e.target_id = "patents";
  e.period = parse_period("2018");
  e.value_text = "4100";
  e.unit = "件";
  e.value = 4100;
  e.recorded_at = at(2019, 6, 30, 8);
  e.recorded_by = "张三";
  e.source = "统计年报";
  e.note = "含\"发明\"专利";
  e.entities = {"企业A", "企业B"};
  e.reason = "年报修订";
  EXPECT_EQ(audit::chain_hash(audit::genesis_hash, e),
            "98395c289eba451309996943d7a05f0059af8e0fd14c2ae8827e4bc8318545d2");
  std::string previous;
  for (int i = 0; i < 32; ++i) previous += "ab";
  EXPECT_EQ(audit::chain_hash(previous, e),
            "dd933ab076e18e053790475ec00a8b20d918c75fe602fe3824f177202f79bfe2");
  EXPECT_EQ(audit::chain_hash(previous, e), audit::sha256_hex(previous + audit::canonical_bytes(e)));
}

TEST(Chain, every_field_of_the_entry_changes_the_hash) {
  Entry base = logged(1, "2018", 4100, at(2019, 6, 30, 8));
  const std::string h = audit::chain_hash(audit::genesis_hash, base);
  std::vector<Entry> variants(16, base);
  variants[0].id = 2;
  variants[1].action = Action::correct;
  variants[2].corrects = 7;
  variants[3].plan_id = "other";
  variants[4].target_id = "other";
  variants[5].period = parse_period("2018Q4");
  variants[6].value_text = "4,100";
  variants[7].unit = "件";
  variants[8].value = 4100.5;
  variants[9].recorded_at += std::chrono::seconds(1);
  variants[10].recorded_by = "someone";
  variants[11].source = "s";
  variants[12].note = "n";
  variants[13].provisional = true;
  variants[14].entities = {"A"};
  variants[15].reason = "r";
  for (size_t i = 0; i < variants.size(); ++i)
    EXPECT_NE(audit::chain_hash(audit::genesis_hash, variants[i]), h) << "field " << i;
}

// ---------------------------------------------------------------------------------------------
// verify_chain

TEST(VerifyChain, a_good_chain_verifies_with_its_head) {
  auto entries = chained(4);
  auto check = audit::verify_chain(entries, 4);
  EXPECT_FALSE(check.broken);
  EXPECT_EQ(check.entries, 4u);
  EXPECT_EQ(check.head, entries.back().hash);
}

TEST(VerifyChain, an_empty_chain_verifies) {
  auto check = audit::verify_chain({}, 0);
  EXPECT_FALSE(check.broken);
  EXPECT_EQ(check.entries, 0u);
}

TEST(VerifyChain, an_edited_entry_is_named) {
  auto entries = chained(4);
  entries[1].value = 9999;
  auto check = audit::verify_chain(entries, 4);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 2);
  EXPECT_EQ(check.broken->why,
            "entry 2 was altered or its hash replaced (stored " + entries[1].hash.substr(0, 12) +
                ", computed " +
                audit::chain_hash(entries[0].hash, entries[1]).substr(0, 12) + ")");
}

TEST(VerifyChain, an_edited_first_entry_is_named) {
  auto entries = chained(3);
  entries[0].recorded_by = "someone else";
  auto check = audit::verify_chain(entries, 3);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 1);
}

TEST(VerifyChain, a_removed_middle_entry_names_the_entry_after_the_gap) {
  auto entries = chained(4);
  entries.erase(entries.begin() + 1);
  auto check = audit::verify_chain(entries, 4);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 3);
  EXPECT_EQ(check.broken->why,
            "entry 3 does not follow entry 1: entry 2 is missing or the entry was altered");
}

TEST(VerifyChain, a_removed_last_entry_shows_in_the_highest_id) {
  auto entries = chained(4);
  entries.pop_back();
  // The chain that is left is internally consistent: only the highest id betrays the removal.
  EXPECT_FALSE(audit::verify_chain(entries, 3).broken);
  auto check = audit::verify_chain(entries, 4);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 4);
  EXPECT_EQ(check.broken->why, "entry 4 was removed from the end of the chain");
}

TEST(VerifyChain, all_entries_removed_is_detected) {
  auto check = audit::verify_chain({}, 2);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 1);
}

TEST(VerifyChain, reordered_entries_are_detected_at_the_first_out_of_place) {
  auto entries = chained(4);
  std::swap(entries[1], entries[2]); // 1, 3, 2, 4
  auto check = audit::verify_chain(entries, 4);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 3);
}

TEST(VerifyChain, an_entry_with_an_id_not_above_the_one_before_is_reordering) {
  auto entries = chained(3);
  // Entry 2 again after entry 3: ids must grow along the chain, so this is named as reordering.
  entries.push_back(entries[1]);
  auto check = audit::verify_chain(entries, 3);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 2);
  EXPECT_EQ(check.broken->why, "entry 2 comes after entry 3: the rows were reordered");
}

TEST(VerifyChain, swapped_hashes_are_detected_at_the_first_of_the_two) {
  auto entries = chained(4);
  std::swap(entries[1].hash, entries[2].hash);
  auto check = audit::verify_chain(entries, 4);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 2);
  EXPECT_EQ(check.broken->why.rfind("entry 2 was altered or its hash replaced (stored ", 0), 0u)
      << check.broken->why;
}

TEST(VerifyChain, a_rehashed_edit_still_breaks_the_next_link) {
  auto entries = chained(3);
  entries[1].value = 1; // edit and recompute this entry's hash, but not the ones after it
  entries[1].hash = audit::chain_hash(entries[0].hash, entries[1]);
  auto check = audit::verify_chain(entries, 3);
  ASSERT_TRUE(check.broken);
  EXPECT_EQ(check.broken->entry_id, 3);
}

// ---------------------------------------------------------------------------------------------
// effective_entries and versions_of (SPEC §1, §2)

TEST(EffectiveEntries, a_correction_replaces_the_entry_with_its_own_fields_and_id) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry other = logged(2, "2017", 3500, at(2019, 1, 1, 1));
  Entry fix = replacing(3, first, 4100, at(2019, 2, 1, 0));
  auto in_force = effective_entries({first, other, fix}, at(2019, 3, 1, 0));
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(ids_of(in_force), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(with_id(in_force, 3).value, 4100);
  EXPECT_EQ(with_id(in_force, 3).corrects, std::optional<std::int64_t>(1));
  EXPECT_EQ(with_id(in_force, 3).reason, "年报修订");
  EXPECT_EQ(with_id(in_force, 2).value, 3500); // the other entry is untouched
}

TEST(EffectiveEntries, a_retraction_removes_the_entry) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry other = logged(2, "2017", 3500, at(2019, 1, 1, 1));
  Entry gone = replacing(3, first, 4000, at(2019, 2, 1, 0), Action::retract);
  auto in_force = effective_entries({first, other, gone}, at(2019, 3, 1, 0));
  EXPECT_EQ(ids_of(in_force), (std::vector<std::int64_t>{2}));
}

TEST(EffectiveEntries, a_correction_recorded_after_known_at_is_ignored) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry fix = replacing(2, first, 4100, at(2019, 2, 1, 0));
  auto before = effective_entries({first, fix}, at(2019, 2, 1, 0) - std::chrono::seconds(1));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].id, 1);
  EXPECT_EQ(before[0].value, 4000);
  // At the very second it was recorded, the correction is in force (recorded_at ≤ K).
  auto at_fix = effective_entries({first, fix}, at(2019, 2, 1, 0));
  ASSERT_EQ(at_fix.size(), 1u);
  EXPECT_EQ(at_fix[0].id, 2);
}

TEST(EffectiveEntries, a_retraction_recorded_after_known_at_is_ignored) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry gone = replacing(2, first, 4000, at(2019, 2, 1, 0), Action::retract);
  EXPECT_EQ(ids_of(effective_entries({first, gone}, at(2019, 1, 15, 0))),
            (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(effective_entries({first, gone}, at(2019, 2, 15, 0)).empty());
}

TEST(EffectiveEntries, entries_recorded_after_known_at_do_not_count) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  EXPECT_TRUE(effective_entries({first}, at(2018, 12, 31, 23)).empty());
}

TEST(EffectiveEntries, a_chain_of_two_corrections_uses_the_latest_known) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry fix = replacing(2, first, 4100, at(2019, 2, 1, 0));
  Entry fix_again = replacing(3, fix, 4200, at(2019, 3, 1, 0));
  std::vector<Entry> all{first, fix, fix_again};
  auto value_at = [&](Timestamp k) {
    auto in_force = effective_entries(all, k);
    EXPECT_EQ(in_force.size(), 1u);
    return in_force.empty() ? std::pair<std::int64_t, double>{0, 0}
                            : std::pair<std::int64_t, double>{in_force[0].id, in_force[0].value};
  };
  EXPECT_EQ(value_at(at(2019, 1, 15, 0)), (std::pair<std::int64_t, double>{1, 4000}));
  EXPECT_EQ(value_at(at(2019, 2, 15, 0)), (std::pair<std::int64_t, double>{2, 4100}));
  EXPECT_EQ(value_at(at(2019, 3, 15, 0)), (std::pair<std::int64_t, double>{3, 4200}));
}

TEST(EffectiveEntries, a_correction_then_a_retraction_removes_the_entry) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry fix = replacing(2, first, 4100, at(2019, 2, 1, 0));
  Entry gone = replacing(3, fix, 4100, at(2019, 3, 1, 0), Action::retract);
  EXPECT_TRUE(effective_entries({first, fix, gone}, at(2019, 3, 15, 0)).empty());
  EXPECT_EQ(ids_of(effective_entries({first, fix, gone}, at(2019, 2, 15, 0))),
            (std::vector<std::int64_t>{2}));
}

TEST(EffectiveEntries, the_result_does_not_depend_on_the_order_given) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry other = logged(2, "2017", 3500, at(2019, 1, 1, 1));
  Entry fix = replacing(3, first, 4100, at(2019, 2, 1, 0));
  Entry fix_again = replacing(4, fix, 4200, at(2019, 3, 1, 0));
  auto forward = effective_entries({first, other, fix, fix_again}, at(2019, 4, 1, 0));
  auto backward = effective_entries({fix_again, fix, other, first}, at(2019, 4, 1, 0));
  EXPECT_EQ(ids_of(forward), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(ids_of(backward), ids_of(forward));
}

TEST(VersionsOf, lists_the_chain_oldest_first_from_any_version) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  Entry other = logged(2, "2017", 3500, at(2019, 1, 1, 1));
  Entry fix = replacing(3, first, 4100, at(2019, 2, 1, 0));
  Entry gone = replacing(4, fix, 4100, at(2019, 3, 1, 0), Action::retract);
  std::vector<Entry> all{first, other, fix, gone};
  for (std::int64_t id : {1, 3, 4})
    EXPECT_EQ(chain_ids(versions_of(all, id)), (std::vector<std::int64_t>{1, 3, 4})) << id;
  EXPECT_EQ(chain_ids(versions_of(all, 2)), (std::vector<std::int64_t>{2}));
  auto chain = versions_of(all, 1);
  EXPECT_EQ(chain[1].action, Action::correct);
  EXPECT_EQ(chain[2].action, Action::retract);
  EXPECT_EQ(chain[2].reason, "重复录入");
}

TEST(VersionsOf, an_unknown_id_has_no_versions) {
  Entry first = logged(1, "2018", 4000, at(2019, 1, 1, 0));
  EXPECT_TRUE(versions_of({first}, 9).empty());
}

} // namespace
} // namespace plantrack
