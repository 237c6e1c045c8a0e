// Unit tests of the YAML plan writer (SPEC §3 `plan export`): plan_yaml is the inverse of the
// plan-file reader, so what it writes reads back as the same document, types and all.

#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "planfile/yaml_json.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/plan_files.hpp"
#include "support/text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace plantrack::planfile {
namespace {

using nlohmann::json;
using support::joined;
using support::read_file;

// The document plan_yaml's text reads back as, through the plan-file reader's typing rules.
json read_back(const std::string& yaml) { return yaml_to_json(yaml, "export.yaml").doc; }

// Equal as JSON text: unlike json's ==, this tells 5000 from 5000.0.
void expect_same(const json& back, const json& doc, const std::string& yaml) {
  EXPECT_EQ(back.dump(), doc.dump()) << yaml;
}

const std::vector<std::string> tricky_texts = {
    "2020", "-7", "+3", "0.5", ".5", "1e5", "1E-3", "99999999999999999999", "true", "True",
    "FALSE", "null", "Null", "~", "", "yes", "no", "off", "Y", "2020-01-01", "2019-06-30T16:00:00Z",
    "12:30", "0x1F", "1_000", ".inf", "-.inf", ".NaN", "a: b", "a:b", "x:", "a #b", "#x", "a#b",
    " leading", "trailing ", "  ", "- item", "-x", "? q", "[x", "x]", "{x}", "x, y", "!tag",
    "&anchor", "*alias", "%x", "@x", "`x", "|", ">", "'single'", "\"double\"", "back\\slash",
    "tab\there", "cr\rhere", "bell\x07", "del\x7f", "nbsp\u00a0", "line\u2028sep", "\ufeffbom",
    "第一行\n第二行\n", "第一行\n第二行", "\n", "a\n\nb\n", "a\n\n", " indented\nsecond\n",
    "a\n  \nb\n", "\n indented after a break\n", "# not a comment\n- not an item\n",
    "---\n...\n", "年专利申请量达到5000件", "2015年统计公报", "三(三)1",
    "突破 读作 more_than(严格大于150)。", "<<", "="};

TEST(PlanYaml, tricky_texts_read_back_as_the_same_text) {
  json doc = json::object();
  for (size_t i = 0; i < tricky_texts.size(); ++i)
    doc["k" + std::to_string(1000 + i)] = tricky_texts[i];
  std::string yaml = plan_yaml(doc);
  json back = read_back(yaml);
  for (size_t i = 0; i < tricky_texts.size(); ++i) {
    auto key = "k" + std::to_string(1000 + i);
    EXPECT_EQ(back[key], doc[key]) << "text #" << i << " written as\n" << yaml;
  }
  expect_same(back, doc, yaml);
}

TEST(PlanYaml, tricky_texts_as_keys_read_back_as_the_same_keys) {
  json doc = json::object();
  for (size_t i = 0; i < tricky_texts.size(); ++i) doc[tricky_texts[i]] = static_cast<int>(i);
  std::string yaml = plan_yaml(doc);
  expect_same(read_back(yaml), doc, yaml);
}

TEST(PlanYaml, text_that_would_read_as_another_type_is_quoted) {
  std::string yaml = plan_yaml({{"a", "2020"}, {"b", "true"}, {"c", "null"}, {"d", "2020-01-01"},
                                {"e", "1e5"}, {"f", ""}, {"g", "yes"}});
  EXPECT_EQ(yaml, "a: \"2020\"\nb: \"true\"\nc: \"null\"\nd: \"2020-01-01\"\ne: \"1e5\"\n"
                  "f: \"\"\ng: \"yes\"\n");
}

TEST(PlanYaml, plain_text_and_chinese_stay_plain_and_readable) {
  std::string yaml = plan_yaml(
      {{"title", "北京市通州区“十三五”时期科技发展规划"}, {"id", "tongzhou-st-2020"},
       {"source", "2015年统计公报"}});
  EXPECT_EQ(yaml, "id: tongzhou-st-2020\nsource: 2015年统计公报\ntitle: "
                  "北京市通州区“十三五”时期科技发展规划\n");
}

TEST(PlanYaml, multi_line_text_ending_in_a_line_break_is_a_literal_block) {
  json doc = {{"note", "第一行\n第二行\n"}, {"value", 1}};
  std::string yaml = plan_yaml(doc);
  EXPECT_EQ(yaml, "note: |\n  第一行\n  第二行\nvalue: 1\n");
  expect_same(read_back(yaml), doc, yaml);
}

TEST(PlanYaml, multi_line_text_without_a_final_line_break_is_quoted_with_escapes) {
  json doc = {{"note", "第一行\n第二行"}};
  std::string yaml = plan_yaml(doc);
  EXPECT_EQ(yaml, "note: \"第一行\\n第二行\"\n");
  expect_same(read_back(yaml), doc, yaml);
}

TEST(PlanYaml, numbers_keep_their_type_and_full_precision) {
  json doc = {{"values",
               {0.1, 2628.7, 0.0152, 1e-05, 5000, 5000.0, -3, -0.25, 1e21, 2.5e-300,
                123456789012345, 0.30000000000000004, std::numeric_limits<double>::max(),
                std::numeric_limits<double>::denorm_min(), std::numeric_limits<std::int64_t>::max(),
                std::numeric_limits<std::int64_t>::min(), 0, 0.0}}};
  std::string yaml = plan_yaml(doc);
  EXPECT_NE(yaml.find("\n  - 2628.7\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\n  - 0.0152\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\n  - 1e-05\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\n  - 5000\n  - 5000.0\n"), std::string::npos) << yaml;
  json back = read_back(yaml);
  expect_same(back, doc, yaml);
  EXPECT_TRUE(back["values"][4].is_number_integer()) << yaml;
  EXPECT_TRUE(back["values"][5].is_number_float()) << yaml;
}

TEST(PlanYaml, null_booleans_and_empty_containers_read_back) {
  json doc = {{"a", nullptr}, {"b", true}, {"c", false}, {"d", json::array()},
              {"e", json::object()}, {"f", {json::array({1, 2}), json::array(), "x"}},
              {"g", {{{"id", "x"}, {"steps", json::array()}}}}};
  std::string yaml = plan_yaml(doc);
  expect_same(read_back(yaml), doc, yaml);
}

TEST(PlanYaml, keys_keep_the_documents_order) {
  nlohmann::ordered_json ordered = {{"id", "p"}, {"title", "t"}, {"cadence", "year"}};
  // Stored documents are json objects: their keys are in json's (sorted) order.
  json doc = json::parse(ordered.dump());
  EXPECT_EQ(plan_yaml(doc), "cadence: year\nid: p\ntitle: t\n");
}

// ---------------------------------------------------------------------------------------------
// Plan files

TEST(PlanYaml, every_fixture_plan_loads_back_as_the_same_document) {
  namespace fs = std::filesystem;
  int checked = 0;
  fs::path dir = fs::path(PLANTRACK_SOURCE_DIR) / "fixtures" / "plans";
  for (const auto& item : fs::directory_iterator(dir)) {
    if (item.path().extension() != ".yaml") continue;
    SCOPED_TRACE(item.path().string());
    try {
      json doc = load_plan(read_file(item.path()), item.path().filename().string()).document;
      std::string yaml = plan_yaml(doc);
      expect_same(load_plan(yaml, "export.yaml").document, doc, yaml);
      expect_same(load_plan(doc.dump(2), "export.json").document, doc, yaml);
      ++checked;
    } catch (const InputErrors& e) {
      ADD_FAILURE() << joined(e.lines());
    }
  }
  EXPECT_GE(checked, 5);
}

TEST(PlanYaml, a_plan_with_tricky_text_and_numbers_loads_back_as_the_same_document) {
  std::string text = support::test_plan_header("tricky", "测试规划") + R"(  - id: rd
    title: "true"
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 2628.7
    deadline: 2020-12-31
    baseline: {value: 1e-05, date: 2015-12-31, source: "2015-12-31"}
    thresholds: {on_track: 0.5, at_risk: 0.0152}
    source: "null"
    note: |
      第一行: 说明 # 不是注释
        缩进的第二行
tasks:
  - id: t1
    title: " 前有空格"
    source: "1e5"
    note: "a\nb"
)";
  json doc = load_plan(text, "tricky.yaml").document;
  std::string yaml = plan_yaml(doc);
  expect_same(load_plan(yaml, "export.yaml").document, doc, yaml);
}

// ---------------------------------------------------------------------------------------------
// The law: any document of text, numbers, booleans and null reads back as itself

// Pieces of text that YAML treats specially, concatenated into arbitrary strings.
rc::Gen<std::string> yaml_text() {
  static const std::vector<std::string> pieces = {
      "a", "Z", "0", "7", ".", "-", "+", "e", "E", ":", " ", "#", "\n", "\t", "\r", "'", "\"",
      "\\", "[", "]", "{", "}", ",", "!", "&", "*", "?", "|", ">", "%", "@", "`", "~", "_",
      "\x01", "\x7f", "\u00a0", "\u0085", "\u2028", "\ufeff", "年", "件", "“", "）", "：", "true",
      "null", "yes", "2020", "-01", ".inf", "---", "..."};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

// Finite doubles, -0 read as 0 like the reader does.
rc::Gen<double> finite_double() {
  return rc::gen::map(rc::gen::suchThat(rc::gen::arbitrary<double>(),
                                        [](double v) { return std::isfinite(v); }),
                      [](double v) { return v == 0 ? 0.0 : v; });
}

RC_GTEST_PROP(PlanYaml, any_document_reads_back_as_itself, ()) {
  auto texts = *rc::gen::container<std::vector<std::string>>(yaml_text());
  auto keys = *rc::gen::container<std::vector<std::string>>(yaml_text());
  auto integers = *rc::gen::arbitrary<std::vector<std::int64_t>>();
  auto doubles = *rc::gen::container<std::vector<double>>(finite_double());
  auto flags = *rc::gen::arbitrary<std::vector<bool>>();
  json doc = {{"texts", texts}, {"integers", integers}, {"doubles", doubles},
              {"flags", flags}, {"nothing", nullptr}, {"items", json::array()}};
  for (size_t i = 0; i < keys.size(); ++i) {
    json value = i < texts.size() ? json(texts[i]) : json(nullptr);
    doc["by_key"][keys[i]] = value;
    doc["items"].push_back({{"id", keys[i]}, {"value", value}});
  }
  std::string yaml = plan_yaml(doc);
  RC_ASSERT(read_back(yaml).dump() == doc.dump());
}

} // namespace
} // namespace plantrack::planfile
