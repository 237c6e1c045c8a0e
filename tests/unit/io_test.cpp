// Unit tests of CSV reading, CSV entry import (SPEC §3 `plantrack import`: all rows or none,
// every bad row with its line) and plain-text tables aligned by display width.

#include "errors.hpp"
#include "io/csv.hpp"
#include "engine/entry_import.hpp"
#include "planfile/plan_file.hpp"
#include "report/table.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/entry_csv.hpp"
#include "support/errors.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"
#include "support/text.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace plantrack::io {
namespace {

using engine::EntryImport;
using engine::import_entries_csv;

using Fields = std::vector<std::string>;

std::vector<CsvRecord> read_all(const std::string& text, const std::string& file = "f.csv") {
  std::istringstream in(text);
  std::vector<CsvRecord> out;
  read_csv(in, file, [&](CsvRecord&& r) { out.push_back(std::move(r)); });
  return out;
}

// The message of the InputError reading `text` throws ("" and a failure when none).
std::string csv_error_of(const std::string& text) {
  return support::input_error_of([&] { read_all(text); });
}

using support::joined;
using support::starts_with;

// ---------------------------------------------------------------------------------------------
// read_csv

TEST(ReadCsv, plain_records_with_their_lines) {
  auto records = read_all("a,b,c\n1,2,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
}

TEST(ReadCsv, quoted_field_keeps_commas) {
  auto records = read_all("a,\"b,c\",d\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b,c", "d"}));
}

TEST(ReadCsv, doubled_quotes_are_one_quote) {
  auto records = read_all("\"say \"\"hi\"\"\",x\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"say \"hi\"", "x"}));
}

TEST(ReadCsv, embedded_newline_record_has_the_line_it_starts_on) {
  auto records = read_all("a,b\n\"line one\nline two\",c\nd,e\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields, (Fields{"line one\nline two", "c"}));
  EXPECT_EQ(records[2].line, 4);
  EXPECT_EQ(records[2].fields, (Fields{"d", "e"}));
}

TEST(ReadCsv, utf8_bom_is_skipped) {
  auto records = read_all("\xEF\xBB\xBFtarget,value\n通州,1\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"target", "value"}));
  EXPECT_EQ(records[1].fields, (Fields{"通州", "1"}));
}

TEST(ReadCsv, crlf_line_endings) {
  auto records = read_all("a,b\r\nc,\"d\"\r\n\r\ne,f\r\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].fields, (Fields{"e", "f"}));
  EXPECT_EQ(records[2].line, 4);
}

TEST(ReadCsv, last_line_without_newline) {
  auto records = read_all("a,b\nc,d");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(records[1].line, 2);
}

TEST(ReadCsv, blank_lines_are_skipped) {
  auto records = read_all("a,b\n\n\nc,d\n\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 4);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
}

TEST(ReadCsv, whitespace_only_line_is_skipped_as_blank) {
  // read_csv treats a line of spaces and tabs as blank when it picks a record's start line
  // (csv.hpp: "skipping ... blank lines"), so it must not yield a record, and certainly not one
  // said to start on line 0 (CsvRecord::line is 1-based).
  auto records = read_all("a,b\n  \t \nc,d\n");
  for (const auto& r : records)
    EXPECT_GE(r.line, 1) << "record [" << joined(r.fields) << "] has line " << r.line;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 3);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
}

TEST(ReadCsv, spaces_are_data) {
  auto records = read_all(" a , b \n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{" a ", " b "}));
}

TEST(ReadCsv, empty_fields_are_kept) {
  auto records = read_all("a,,\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "", ""}));
}

TEST(ReadCsv, malformed_quote_names_file_and_line) {
  auto message = csv_error_of("a,b\nc,\"d\"e\n");
  EXPECT_TRUE(starts_with(message, "f.csv:2: ")) << message;
}

TEST(ReadCsv, unterminated_quote_names_the_line_it_starts_on) {
  auto message = csv_error_of("a,b\nc,\"d\ne,f\n");
  EXPECT_TRUE(starts_with(message, "f.csv:2: ")) << message;
}

TEST(ReadCsv, exception_from_the_callback_propagates) {
  std::istringstream in("a\nb\nc\n");
  int seen = 0;
  EXPECT_THROW(read_csv(in, "f.csv",
                        [&](CsvRecord&& r) {
                          ++seen;
                          if (r.line == 2) throw InputError("stop");
                        }),
               InputError);
  EXPECT_EQ(seen, 2);
}

// ---------------------------------------------------------------------------------------------
// csv_field, csv_record: what `entries --format csv` writes, read back by read_csv

TEST(CsvField, plain_text_is_written_as_it_is) {
  EXPECT_EQ(csv_field("tongzhou-st-2020/patent-applications"), "tongzhou-st-2020/patent-applications");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field(" spaces kept "), " spaces kept ");
}

TEST(CsvField, a_comma_is_quoted) {
  EXPECT_EQ(csv_field("财政决算, 第3页"), "\"财政决算, 第3页\"");
}

TEST(CsvField, a_quote_is_doubled_inside_quotes) {
  EXPECT_EQ(csv_field("含 \"发明\" 专利"), "\"含 \"\"发明\"\" 专利\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvField, line_breaks_are_quoted) {
  EXPECT_EQ(csv_field("第一行\n第二行"), "\"第一行\n第二行\"");
  EXPECT_EQ(csv_field("a\r\nb"), "\"a\r\nb\"");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
}

TEST(CsvField, chinese_text_is_unchanged) {
  EXPECT_EQ(csv_field("示例数据;进展情况:规划印发(虚构)"), "示例数据;进展情况:规划印发(虚构)");
  EXPECT_EQ(csv_field("《北京市“十三五”时期加强全国科技创新中心建设规划》"),
            "《北京市“十三五”时期加强全国科技创新中心建设规划》");
}

// This writer is for data read back by plantrack; report::csv_text neutralises formulas where
// a person opens the file in a spreadsheet.
TEST(CsvField, a_leading_formula_sign_is_kept_as_data) {
  EXPECT_EQ(csv_field("=1+1"), "=1+1");
  EXPECT_EQ(csv_field("-3.5"), "-3.5");
  EXPECT_EQ(csv_field("@note"), "@note");
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\",\"y\")"), "\"=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

TEST(CsvRecord, fields_are_comma_separated_and_crlf_ended) {
  EXPECT_EQ(csv_record({"a", "b,c", "", "d"}), "a,\"b,c\",,d\r\n");
}

TEST(CsvRecord, every_field_reads_back_exactly) {
  Fields tricky{"plain",   "a,b",        "say \"hi\"", "two\nlines", "crlf\r\nend",
                "bare\rcr", "",           " padded ",   "通州区科委,计划科", "=SUM(A1:A2)",
                "+1",      "-",          "\t tab",     "\"",           ",",
                "\n",      "句末\n"};
  std::string text = csv_record({"h1", "h2"}) + csv_record(tricky) + csv_record({"x", "y"});
  auto records = read_all(text);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, tricky);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].fields, (Fields{"x", "y"}));
}

// ---------------------------------------------------------------------------------------------
// import_entries_csv

// The storage tests' plan (support/plan_files.hpp) with a level target in 万元 and a milestone.
const std::string plan_yaml = support::sample_plan_yaml("demo-plan", "示例规划",
                                                        support::sample_patents_target + R"(  - id: funding
    title: 科技经费
    goal: growth
    kind: level
    unit: 万元
    rule: at_least
    value: 20000
    deadline: 2020-12-31
    source: "科技经费达到2亿元"
)" + support::sample_exits_target + R"(  - id: plan-drafted
    title: 编制完成专项规划
    goal: growth
    kind: milestone
    rule: done
    deadline: 2018-12-31
    source: "编制完成专项规划"
)");

const std::string& header = support::entry_csv_header;

class EntryImportCsv : public ::testing::Test {
protected:
  void SetUp() override {
    auto loaded = planfile::load_plan(plan_yaml, "demo.yaml");
    db->import_plans({{loaded.plan, loaded.document}}, now, "tester", "");
  }

  EntryImport run(const std::string& text, bool dry_run = false) {
    std::istringstream in(text);
    return import_entries_csv(*db, in, "f.csv", now, "importer", dry_run);
  }

  // The lines of the InputErrors importing `text` throws.
  std::vector<std::string> errors_of(const std::string& text) {
    return support::input_errors_of([&] { run(text); });
  }

  const Timestamp now = support::at(2019, 6, 30, 8);
  std::unique_ptr<storage::Storage> db = support::open_test_store();
};

const std::string good_rows =
    "demo-plan/patents,2016,3600,件,统计公报,示例数据,,false,\n"
    "demo-plan/funding,2017,1.5,亿元,\"财政决算, 第3页\",,王科长,true,\n"
    "demo-plan/plan-drafted,2018-12-05,done,,,,,,\n"
    "demo-plan/exits,2018-01,3,,,,,,示例企业01;示例企业02;示例企业03\n";

TEST_F(EntryImportCsv, imports_every_good_row) {
  auto result = run(header + good_rows);
  EXPECT_EQ(result.rows, 4u);
  ASSERT_EQ(result.ids.size(), 4u);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 4u);
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].id, result.ids.front() + static_cast<std::int64_t>(i)); // one part
    EXPECT_EQ(stored[i].recorded_at, now);
  }
  EXPECT_EQ(stored[0].target_id, "patents");
  EXPECT_EQ(stored[0].value, 3600.0);
  EXPECT_EQ(stored[0].source, "统计公报");
  EXPECT_EQ(stored[0].note, "示例数据");
  EXPECT_EQ(stored[0].recorded_by, "importer");
  EXPECT_FALSE(stored[0].provisional);
  EXPECT_EQ(stored[1].value, 15000.0); // 1.5 亿元 in 万元
  EXPECT_EQ(stored[1].value_text, "1.5");
  EXPECT_EQ(stored[1].unit, "亿元");
  EXPECT_EQ(stored[1].source, "财政决算, 第3页");
  EXPECT_EQ(stored[1].recorded_by, "王科长");
  EXPECT_TRUE(stored[1].provisional);
  EXPECT_EQ(stored[2].value, 1.0);
  EXPECT_EQ(stored[2].period.text, "2018-12-05");
  EXPECT_EQ(stored[3].entities, (std::vector<std::string>{"示例企业01", "示例企业02", "示例企业03"}));
}

TEST_F(EntryImportCsv, columns_may_be_a_subset_in_any_order) {
  auto result = run("value,target,period\n118,demo-plan/funding,2016\n");
  EXPECT_EQ(result.rows, 1u);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value, 118.0);
  EXPECT_EQ(stored[0].period.text, "2016");
}

TEST_F(EntryImportCsv, dry_run_writes_nothing) {
  auto result = run(header + good_rows, /*dry_run=*/true);
  EXPECT_EQ(result.rows, 4u);
  EXPECT_TRUE(result.ids.empty());
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, one_bad_row_imports_nothing) {
  std::string text = header + "demo-plan/patents,2016,3600,,,,,,\n" +
                     "demo-plan/patents,2017,abc,,,,,,\n" + "demo-plan/funding,2017,2,万元,,,,,\n";
  auto lines = errors_of(text);
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], "f.csv:3: value: ")) << lines[0];
  EXPECT_NE(lines[0].find("'abc'"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("nothing was imported"), std::string::npos) << lines[1];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, every_bad_row_is_reported_with_its_column) {
  std::string text = header +                                  // line 1
                     "demo-plan/patents,2016,3600,,,,,,\n" +   // line 2: good
                     "demo-plan/patents,2017,abc,,,,,,\n" +    // line 3: value
                     "demo-plan/patents,2017-13,4000,,,,,,\n" + // line 4: period
                     "demo-plan/patents,2018,4400,家,,,,,\n" +  // line 5: unit
                     "demo-plan/patent,2018,4400,,,,,,\n" +    // line 6: target
                     "demo-plan/funding,2018,2,万元,,,,,\n";   // line 7: good
  auto lines = errors_of(text);
  ASSERT_EQ(lines.size(), 5u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], "f.csv:3: value: ")) << lines[0];
  EXPECT_TRUE(starts_with(lines[1], "f.csv:4: period: ")) << lines[1];
  EXPECT_NE(lines[1].find("'2017-13'"), std::string::npos) << lines[1];
  EXPECT_TRUE(starts_with(lines[2], "f.csv:5: unit: ")) << lines[2];
  EXPECT_NE(lines[2].find("'家'"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("'件'"), std::string::npos) << lines[2];
  EXPECT_TRUE(starts_with(lines[3], "f.csv:6: target: ")) << lines[3];
  EXPECT_TRUE(starts_with(lines[4], "f.csv: 4 bad row(s); nothing was imported")) << lines[4];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, unknown_target_suggests_the_closest_id) {
  auto lines = errors_of(header + "demo-plan/patent,2018,4400,,,,,,\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: target: ")) << lines[0];
  EXPECT_NE(lines[0].find("did you mean 'demo-plan/patents'?"), std::string::npos) << lines[0];
}

TEST_F(EntryImportCsv, unknown_plan_suggests_the_closest_id) {
  auto lines = errors_of(header + "demo-plam/patents,2018,4400,,,,,,\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: target: ")) << lines[0];
  EXPECT_NE(lines[0].find("did you mean 'demo-plan'?"), std::string::npos) << lines[0];
}

TEST_F(EntryImportCsv, header_without_value_is_refused) {
  auto lines = errors_of("target,period,unit\ndemo-plan/patents,2018,件\n");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], "f.csv:1: ")) << lines[0];
  EXPECT_NE(lines[0].find("'value'"), std::string::npos) << lines[0];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, unknown_column_is_refused) {
  auto lines = errors_of("target,period,value,amount\ndemo-plan/patents,2018,1,2\n");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], "f.csv:1: ")) << lines[0];
  EXPECT_NE(lines[0].find("'amount'"), std::string::npos) << lines[0];
}

TEST_F(EntryImportCsv, provisional_must_be_true_or_false) {
  auto lines = errors_of(header + "demo-plan/patents,2018,4400,,,,,maybe,\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: provisional: ")) << lines[0];
  EXPECT_NE(lines[0].find("'maybe'"), std::string::npos) << lines[0];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, row_with_the_wrong_number_of_fields_is_reported) {
  auto lines = errors_of(header + "demo-plan/patents,2018,4400\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: ")) << lines[0];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, milestone_value_yes_is_refused) {
  auto lines = errors_of(header + "demo-plan/plan-drafted,2018-12-05,yes,,,,,,\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: value: ")) << lines[0];
}

TEST_F(EntryImportCsv, empty_entity_name_is_refused) {
  auto lines = errors_of(header + "demo-plan/exits,2018-01,2,,,,,,示例企业01;;示例企业02\n");
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:2: entities: ")) << lines[0];
  EXPECT_TRUE(db->entries({}).empty());
}

TEST_F(EntryImportCsv, empty_file_is_refused) {
  auto lines = errors_of("");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], "f.csv:1: ")) << lines[0];
}

TEST_F(EntryImportCsv, bad_row_line_counts_embedded_newlines) {
  std::string text = header + "demo-plan/patents,2016,3600,,\"two\nlines\",,,,\n" + // lines 2-3
                     "demo-plan/patents,2017,x,,,,,,\n";                           // line 4
  auto lines = errors_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(starts_with(lines[0], "f.csv:4: value: ")) << lines[0];
}

TEST_F(EntryImportCsv, whitespace_only_line_is_skipped) {
  std::string text = header + "demo-plan/patents,2016,3600,,,,,,\n" + "   \n" +
                     "demo-plan/patents,2017,4050,,,,,,\n";
  try {
    auto result = run(text);
    EXPECT_EQ(result.rows, 2u);
  } catch (const InputErrors& e) {
    ADD_FAILURE() << "a blank (whitespace-only) line 3 was not skipped:\n" << joined(e.lines());
  }
}

TEST_F(EntryImportCsv, bom_and_crlf_file_imports) {
  std::string text = "\xEF\xBB\xBFtarget,period,value\r\ndemo-plan/patents,2016,3600\r\n"
                     "demo-plan/patents,2017,4050\r\n";
  auto result = run(text);
  EXPECT_EQ(result.ids.size(), 2u);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[1].value, 4050.0);
}

} // namespace
} // namespace plantrack::io

// ---------------------------------------------------------------------------------------------
// Tables

namespace plantrack::report {
namespace {

TEST(DisplayWidth, cjk_ideographs_take_two_columns) {
  EXPECT_EQ(display_width("通州"), 4);
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("通州abc"), 7);
  EXPECT_EQ(display_width("R&D经费占GDP比重"), 3 + 6 + 3 + 4);
  EXPECT_EQ(display_width(""), 0);
  EXPECT_EQ(display_width("（1）"), 5); // full-width parentheses
}

TEST(RenderTable, two_by_two_table_exact) {
  Table t;
  t.header = {"名称", "值"};
  t.rows = {{"通州", "5000"}, {"abc", "12.5"}};
  t.right_aligned = {false, true};
  EXPECT_EQ(render(t), "名称    值\n"
                       "----  ----\n"
                       "通州  5000\n"
                       "abc   12.5\n");
}

TEST(RenderTable, left_aligned_last_column_has_no_trailing_spaces) {
  Table t;
  t.header = {"ref", "title"};
  t.rows = {{"a/b", "年专利申请量"}, {"c/d", "x"}};
  EXPECT_EQ(render(t), "ref  title\n"
                       "---  ------------\n"
                       "a/b  年专利申请量\n"
                       "c/d  x\n");
}

TEST(RenderTable, mixed_cells_line_up_by_display_width) {
  Table t;
  t.header = {"指标", "unit", "value"};
  t.rows = {{"万人拥有专业技术人员数", "人", "135.5"},
            {"patents", "件", "4400"},
            {"R&D经费占GDP比重", "%", "1.05"}};
  t.right_aligned = {false, false, true};
  std::string out = render(t);
  std::istringstream lines(out);
  std::string line;
  std::vector<int> widths;
  while (std::getline(lines, line)) widths.push_back(display_width(line));
  ASSERT_EQ(widths.size(), 5u) << out;
  for (int w : widths) EXPECT_EQ(w, widths[0]) << out;
}

} // namespace
} // namespace plantrack::report
