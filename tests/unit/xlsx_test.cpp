// Unit tests of the .xlsx reader (io/xlsx: each cell encoding, each hostile file refused in one
// line) and of the reporting form's writer read back by it (report/form_xlsx, io/entry_form).

#include "engine/exchange.hpp"
#include "errors.hpp"
#include "io/entry_form.hpp"
#include "io/xlsx.hpp"
#include "report/form_xlsx.hpp"
#include "support/files.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plantrack::io {
namespace {

// The workbooks in tests/exchange/workbooks/ are made by tests/exchange/forms.py with openpyxl
// (python3 tests/exchange/forms.py tests/exchange/workbooks.json, from the repository's root);
// scratch files go to a temporary folder.
struct Xlsx : ::testing::Test {
  support::TempDir scratch{"plantrack-xlsx"};
  static std::string path(const std::string& name) {
    return std::string(PLANTRACK_SOURCE_DIR) + "/tests/exchange/workbooks/" + name;
  }
  std::string temp(const std::string& name) { return (scratch.path() / name).string(); }

  // The one-line message read_xlsx refuses `name` with.
  static std::string refusal(const std::string& file, const XlsxLimits& limits = {}) {
    std::string name = std::filesystem::path(file).filename().string();
    try {
      read_xlsx(file, name, limits);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(read without error)";
  }

  static void expect_cells(const XlsxBook& book) {
    ASSERT_EQ(book.sheets.size(), 2u);
    const XlsxSheet& s = book.sheets[0];
    EXPECT_EQ(s.name, "数据");
    EXPECT_FALSE(s.hidden);
    EXPECT_TRUE(book.sheets[1].hidden);
    EXPECT_EQ(s.cell(1, 1)->text, "专利申请量");
    EXPECT_EQ(s.cell(1, 2)->text, "4400");
    EXPECT_EQ(s.cell(1, 2)->type, CellType::number);
    EXPECT_EQ(s.cell(1, 3)->text, "4400"); // a number stored as text
    EXPECT_EQ(s.cell(1, 3)->type, CellType::text);
    EXPECT_EQ(s.cell(1, 4)->text, "2019-06-30"); // a serial in a date style
    EXPECT_EQ(s.cell(1, 4)->type, CellType::date);
    EXPECT_TRUE(s.cell(1, 5)->formula);
    EXPECT_EQ(s.cell(1, 6)->text, "TRUE");
    EXPECT_EQ(s.cell(1, 7)->text, "0.1");
    EXPECT_EQ(s.cell(2, 1), nullptr); // empty rows
    EXPECT_EQ(s.cell(3, 1), nullptr);
    EXPECT_EQ(s.cell(4, 1)->text, "第四行");
  }
};

TEST_F(Xlsx, reads_shared_strings_numbers_text_numbers_dates_formulas_and_booleans) {
  expect_cells(read_xlsx(path("cells.xlsx"), "cells.xlsx"));
}

TEST_F(Xlsx, reads_inline_strings_as_shared_ones) {
  expect_cells(read_xlsx(path("inline.xlsx"), "inline.xlsx"));
}

TEST_F(Xlsx, refuses_a_file_that_is_not_a_zip) {
  support::write_file(temp("text.xlsx"), "target,period,value\n");
  EXPECT_EQ(refusal(temp("text.xlsx")),
            "text.xlsx: the file is not an .xlsx workbook (not a zip archive); save the form as "
            "an Excel workbook (.xlsx) and import it again");
}

TEST_F(Xlsx, refuses_a_truncated_file) {
  EXPECT_EQ(refusal(path("cut.xlsx")),
            "cut.xlsx: the file is not a readable .xlsx workbook (the zip archive is damaged or "
            "cut short); save the form again and import that copy");
}

TEST_F(Xlsx, refuses_a_password_protected_file) {
  EXPECT_EQ(refusal(path("locked.xlsx")),
            "locked.xlsx: the file is password-protected (encrypted) or an old .xls workbook; "
            "remove the password, or save it as an Excel workbook (.xlsx), and import it again");
}

TEST_F(Xlsx, refuses_macros_by_part_and_by_extension) {
  EXPECT_EQ(refusal(path("macro.xlsx")),
            "macro.xlsx: the workbook holds macros (a vbaProject.bin part); forms are imported "
            "without macros: save it as an Excel workbook (.xlsx) and import it again");
  std::filesystem::copy_file(path("cells.xlsx"), temp("cells.xlsm"));
  EXPECT_NE(refusal(temp("cells.xlsm")).find("cells.xlsm: the workbook holds macros"),
            std::string::npos);
}

TEST_F(Xlsx, refuses_a_zip_bomb_before_inflating_it) {
  EXPECT_NE(refusal(path("bomb.xlsx"))
                .find("bomb.xlsx: refused as a zip bomb: part "
                      "'xl/worksheets/sheet1.xml' inflates "),
            std::string::npos);
  XlsxLimits small;
  small.max_total_bytes = 1 << 20;
  EXPECT_NE(refusal(path("bomb.xlsx"), small)
                .find("refused as a zip bomb: its parts inflate to more "
                      "than 1 MiB"),
            std::string::npos);
  small = {};
  small.max_entries = 3;
  EXPECT_NE(refusal(path("cells.xlsx"), small).find("refused as a zip bomb: it has "),
            std::string::npos);
}

TEST_F(Xlsx, names_columns_and_cells_as_spreadsheets_do) {
  EXPECT_EQ(column_letters(1), "A");
  EXPECT_EQ(column_letters(14), "N");
  EXPECT_EQ(column_letters(27), "AA");
  EXPECT_EQ(cell_name("填报", 7, 10), "填报!J7");
}

// A form written by report::write_form_xlsx reads back: its meta sheet, reference cells and
// the prefilled period; an unfilled form has no rows to import.
TEST_F(Xlsx, a_written_form_reads_back_with_its_meta_and_no_rows) {
  engine::ReportingForm form;
  form.plan_id = "p";
  form.plan_title = "示例规划";
  form.org = "区科委";
  form.period = parse_period("2019");
  form.as_of = parse_date("2019-06-30");
  engine::TargetAssessment t;
  t.target.id = "patents";
  t.target.title = "年专利申请量";
  t.target.unit = "件";
  t.target.value = 5000;
  t.target.deadline = parse_date("2020-12-31");
  t.result.status = assess::Status::on_track;
  t.result.current = 4400;
  t.result.current_period = "2018";
  form.targets.push_back(t);
  engine::TaskProgress task;
  task.task.id = "meeting";
  task.task.title = "召开联席会议";
  form.tasks.push_back(task);
  std::string file = temp("form.xlsx");
  EXPECT_EQ(report::write_form_xlsx(form, report::Lang::zh, file, true), 2);

  XlsxBook book = read_xlsx(file, "form.xlsx");
  const XlsxSheet* sheet = book.find("填报");
  ASSERT_NE(sheet, nullptr);
  EXPECT_EQ(sheet->cell(3, 1)->text, "编号");
  EXPECT_EQ(sheet->cell(4, 1)->text, "ref"); // English below
  EXPECT_EQ(sheet->cell(5, 1)->text, "p/patents");
  EXPECT_EQ(sheet->cell(5, 4)->text, "≥5000 件");
  EXPECT_EQ(sheet->cell(5, 6)->text, "4400");
  EXPECT_EQ(sheet->cell(5, 9)->text, "2019");
  EXPECT_EQ(sheet->cell(6, 1)->text, "p/meeting");
  ASSERT_NE(book.find("plantrack"), nullptr);
  EXPECT_TRUE(book.find("plantrack")->hidden);

  FilledForm filled = read_form(file, "form.xlsx", "tester");
  EXPECT_EQ(filled.meta.plan_id, "p");
  EXPECT_EQ(filled.meta.org, "区科委");
  EXPECT_EQ(filled.meta.period, "2019");
  EXPECT_EQ(filled.meta.first_row, 5);
  EXPECT_EQ(filled.meta.rows, 2);
  EXPECT_TRUE(filled.rows.empty());
}

} // namespace
} // namespace plantrack::io
