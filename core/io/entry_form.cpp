#include "io/entry_form.hpp"

#include "errors.hpp"
#include "io/xlsx.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <map>

namespace plantrack::io {
namespace {

int column(FormColumn c) { return static_cast<int>(c); }
std::string_view key(int column) { return form_column_keys[static_cast<size_t>(column - 1)]; }

std::string text_at(const XlsxSheet& sheet, int row, int col) {
  const XlsxCell* c = sheet.cell(row, col);
  return c ? c->text : std::string();
}

InputError not_a_form(const std::string& file, const std::string& why) {
  return InputError(fmt::format("{}: the workbook is not a plantrack reporting form ({}); fill "
                                "a form written by `plantrack template PLAN --org ORG --period "
                                "P -o FILE.xlsx` and import that",
                                file, why));
}

FormMeta read_meta(const XlsxBook& book, const std::string& file) {
  const XlsxSheet* meta_sheet = book.find(std::string(form_meta_sheet));
  if (!meta_sheet) throw not_a_form(file, "it lacks the hidden sheet 'plantrack'");
  std::map<std::string, std::string> values;
  for (int row = 1; row < form_meta_reference_row; ++row)
    values[text_at(*meta_sheet, row, 1)] = text_at(*meta_sheet, row, 2);
  if (values["format"] != form_format)
    throw not_a_form(
        file, fmt::format("its format is '{}', not '{}'", excerpt(values["format"]), form_format));
  FormMeta meta;
  meta.plan_id = values["plan"];
  meta.org = values["org"];
  meta.period = values["period"];
  meta.sheet = values["sheet"];
  meta.lang = values["lang"];
  meta.first_row = std::atoi(values["first_row"].c_str());
  meta.rows = std::atoi(values["rows"].c_str());
  if (meta.plan_id.empty() || meta.org.empty() || meta.period.empty() || meta.first_row < 1 ||
      meta.rows < 0 || meta.rows > 100000 || !book.find(meta.sheet))
    throw not_a_form(file, "its sheet 'plantrack' was changed");
  return meta;
}

// The provisional cell as a flag; false when it says neither yes nor no.
bool parse_provisional(const XlsxCell* cell, bool& out) {
  if (!cell) return out = false, true;
  const std::string& s = cell->text;
  if (s == "是" || s == "yes" || s == "Yes" || s == "TRUE" || s == "true" || s == "1")
    return out = true, true;
  if (s == "否" || s == "no" || s == "No" || s == "FALSE" || s == "false" || s == "0")
    return out = false, true;
  return false;
}

} // namespace

std::vector<std::pair<std::string, std::string>> form_meta_rows(const FormMeta& meta) {
  return {{"format", std::string(form_format)},
          {"plan", meta.plan_id},
          {"org", meta.org},
          {"period", meta.period},
          {"sheet", meta.sheet},
          {"first_row", std::to_string(meta.first_row)},
          {"rows", std::to_string(meta.rows)},
          {"lang", meta.lang}};
}

std::string_view form_yes(std::string_view lang) { return lang == "en" ? "yes" : "是"; }
std::string_view form_no(std::string_view lang) { return lang == "en" ? "no" : "否"; }

FilledForm read_form(const std::string& path, const std::string& file,
                     const std::string& default_by) {
  XlsxBook book = read_xlsx(path, file);
  FilledForm form;
  form.meta = read_meta(book, file);
  const FormMeta& meta = form.meta;
  const XlsxSheet& sheet = *book.find(meta.sheet);
  const XlsxSheet& copy = *book.find(std::string(form_meta_sheet));
  const int last_row = meta.first_row + meta.rows - 1;

  for (const auto& [sheet_row, cells] : sheet.rows) {
    const int row = sheet_row;  // a copy: C++17 lambdas cannot capture a structured binding
    if (row < meta.first_row) continue;
    EntryRow out;
    out.line = row;
    for (int c = column(FormColumn::period); c <= form_columns; ++c)
      out.cells.emplace_back(c == column(FormColumn::entry_unit) ? "unit" : std::string(key(c)),
                             cell_name(meta.sheet, row, c));
    out.cells.emplace_back("target", cell_name(meta.sheet, row, column(FormColumn::ref)));
    auto problem = [&](int col, std::string why) {
      if (!out.problem.empty()) return;
      out.problem = std::move(why);
      out.problem_cell = cell_name(meta.sheet, row, col);
    };
    if (row > last_row) {
      problem(cells.begin()->first,
              fmt::format("the form's items are rows {} to {}, and this row was added; report "
                          "other items in their own form (plantrack template), or empty the row",
                          meta.first_row, last_row));
      form.rows.push_back(std::move(out));
      continue;
    }
    for (const auto& [col, cell] : cells) {
      if (cell.formula)
        problem(col, fmt::format("the cell holds a formula; forms are imported without "
                                 "formulas: type the value itself"));
      else if (cell.type == CellType::error)
        problem(col, fmt::format("the cell holds the error value {}; type the value itself",
                                 excerpt(cell.text)));
    }
    // The reference cells must be those the form was written with.
    int copy_row = form_meta_reference_row + (row - meta.first_row);
    for (int c = 1; c <= form_reference_columns; ++c) {
      std::string now = text_at(sheet, row, c), was = text_at(copy, copy_row, c + 1);
      if (now != was)
        problem(c, fmt::format("the reference cell ({}) was changed from '{}' to '{}'; columns "
                               "A-H are the planning office's: restore the cell, or ask for a "
                               "new form (plantrack template)",
                               key(c), excerpt(was), excerpt(now)));
    }
    bool filled = false;
    for (int c = column(FormColumn::value); c <= form_columns; ++c)
      filled = filled || sheet.cell(row, c) != nullptr;
    if (!filled && out.problem.empty()) continue; // not reported this time
    EntryInput& input = out.input;
    input.ref = text_at(sheet, row, column(FormColumn::ref));
    input.period = text_at(sheet, row, column(FormColumn::period));
    input.value = text_at(sheet, row, column(FormColumn::value));
    input.unit = text_at(sheet, row, column(FormColumn::entry_unit));
    input.source = text_at(sheet, row, column(FormColumn::source));
    input.note = text_at(sheet, row, column(FormColumn::note));
    input.recorded_by = default_by;
    const XlsxCell* provisional = sheet.cell(row, column(FormColumn::provisional));
    if (!parse_provisional(provisional, input.provisional))
      problem(column(FormColumn::provisional),
              fmt::format("provisional: '{}' is neither {} nor {}; choose one, or leave it "
                          "empty",
                          excerpt(provisional->text), form_yes(meta.lang), form_no(meta.lang)));
    form.rows.push_back(std::move(out));
  }
  return form;
}

} // namespace plantrack::io
