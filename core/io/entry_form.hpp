#pragma once
// The Excel reporting form (填报模板, SPEC §7): its layout, shared by the writer
// (report/form_xlsx) and the reader here, which turns a filled form into the rows of a CSV
// import (entry_csv.hpp), so that both go through the same checks (docs/exchange.md).
//
// The data sheet has title and header rows, then one row per item: reference columns A-H
// (ref, title, unit, target, deadline, last value, its period, status), locked, and fill
// columns I-N (period, value or state, unit, source, note, provisional). A hidden sheet
// `plantrack` holds what the import checks: the plan, org and period the form is for, where
// its rows are, and a copy of every reference cell, so a changed reference is refused.

#include "io/entry_csv.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::io {

// The columns of the data sheet, in order (1-based as spreadsheets count): ref to status
// (A-H) are reference columns, period to provisional (I-N) are filled in.
enum class FormColumn {
  ref = 1,
  title,
  unit,
  target,
  deadline,
  last_value,
  last_period,
  status,
  period,
  value,
  entry_unit,
  source,
  note,
  provisional
};
constexpr int form_reference_columns = 8;
constexpr int form_columns = 14;
// The key of each column, as labels name them ("form_" + key) and messages use them.
constexpr std::array<std::string_view, form_columns> form_column_keys{
    "ref",    "title",  "unit",  "target",     "deadline", "last_value", "last_period",
    "status", "period", "value", "entry_unit", "source",   "note",       "provisional"};

constexpr std::string_view form_meta_sheet = "plantrack"; // hidden
constexpr std::string_view form_format = "plantrack-form-1";
// The meta sheet: keys in column A, values in B, rows 1-7; from this row on, column A holds
// a data row's number and B-I a copy of its reference cells.
constexpr int form_meta_reference_row = 10;

// What the form is for and where its rows are.
struct FormMeta {
  std::string plan_id;
  std::string org;
  std::string period;
  std::string sheet; // the data sheet's name
  int first_row = 0; // the first item row
  int rows = 0;      // item rows
  std::string lang;  // of the headers and the state words offered (zh or en)
};

// The key/value rows of the meta sheet for `meta`, in order.
std::vector<std::pair<std::string, std::string>> form_meta_rows(const FormMeta& meta);

// The provisional column's words: 是/否 or yes/no; TRUE, FALSE, true, false, 1, 0 read too.
std::string_view form_yes(std::string_view lang);
std::string_view form_no(std::string_view lang);

struct FilledForm {
  FormMeta meta;
  std::vector<EntryRow> rows; // the item rows with anything filled in, and any rows added
};

// Read the form at `path` (named `file` in messages): its meta sheet and every item row with
// something in a fill column, as entry rows (recorded by `default_by`) carrying the cell of
// each column. A row whose reference cell differs from the form's copy, or with a formula or
// an error value in any cell, or added below the items, gets a `problem` naming the cell.
// Throws InputError for a file read_xlsx refuses or a workbook that is not a plantrack form.
FilledForm read_form(const std::string& path, const std::string& file,
                     const std::string& default_by);

} // namespace plantrack::io
