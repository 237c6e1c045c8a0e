// Unit tests of the labels (report/labels.hpp): one table, sorted, each key once, and every
// status, flag and ruling has its Chinese and its English label.

#include "report/labels.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace plantrack::report {
namespace {

const Label* find(std::string_view key) {
  const auto& all = all_labels();
  auto it = std::find_if(all.begin(), all.end(), [&](const Label& l) { return l.key == key; });
  return it == all.end() ? nullptr : &*it;
}

template <typename E>
void expect_labelled() {
  for (E value : enum_values<E>()) {
    const Label* row = find(to_string(value));
    ASSERT_NE(row, nullptr) << to_string(value) << " has no label";
    EXPECT_EQ(label(Lang::zh, value), row->zh);
    EXPECT_EQ(label(Lang::en, value), row->en);
  }
}

TEST(Labels, keys_are_sorted_and_each_is_there_once) {
  const auto& all = all_labels();
  ASSERT_FALSE(all.empty());
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].key, all[i].key);
}

TEST(Labels, every_label_has_chinese_and_english) {
  for (const auto& l : all_labels()) {
    EXPECT_FALSE(l.key.empty());
    EXPECT_FALSE(l.zh.empty()) << l.key;
    EXPECT_FALSE(l.en.empty()) << l.key;
  }
}

TEST(Labels, every_status_flag_and_ruling_has_its_label) {
  expect_labelled<assess::Status>();
  expect_labelled<assess::Flag>();
  expect_labelled<audit::Ruling>();
}

TEST(Labels, lookup_by_key_or_value) {
  EXPECT_EQ(label(Lang::zh, assess::Status::on_track), "进度正常");
  EXPECT_EQ(label(Lang::en, assess::Flag::final_data_missing), "final data missing");
  EXPECT_EQ(label(Lang::zh, audit::Ruling::not_due), "未到期");
  EXPECT_EQ(label(Lang::en, "needed_per_year"), "needed/yr");
  EXPECT_EQ(label(Lang::zh, "no such key"), "no such key");
}

TEST(Labels, natures_strive_and_support) {
  EXPECT_EQ(label(Lang::zh, Nature::binding), "约束性");
  EXPECT_EQ(label(Lang::zh, Nature::expected), "预期性");
  EXPECT_EQ(label(Lang::en, Nature::binding), "binding");
  EXPECT_EQ(label(Lang::en, Nature::expected), "expected");
  for (Nature n : enum_values<Nature>())
    EXPECT_NE(find("nature_" + std::string(to_string(n))), nullptr) << to_string(n);
  EXPECT_EQ(label(Lang::zh, "strive"), "力争");
  EXPECT_EQ(label(Lang::zh, "support"), "配合单位");
  // "expected" alone stays the heading of the expected value, not the nature.
  EXPECT_EQ(label(Lang::zh, "expected"), "应达值");
}

TEST(Labels, title_in_english_falls_back_to_the_chinese_title) {
  Target t;
  t.title = "专利申请量";
  EXPECT_EQ(title_in(Lang::en, t), "专利申请量");
  t.title_en = "patent applications";
  EXPECT_EQ(title_in(Lang::en, t), "patent applications");
  EXPECT_EQ(title_in(Lang::zh, t), "专利申请量");
}

} // namespace
} // namespace plantrack::report
