#include "report/form_xlsx.hpp"

#include "errors.hpp"
#include "io/entry_form.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <array>
#include <filesystem>
#include <functional>

namespace plantrack::report {
namespace {

using io::FormColumn;

lxw_col_t col(FormColumn c) { return static_cast<lxw_col_t>(static_cast<int>(c) - 1); }

// The reference cells of one item row, columns A-H.
using ReferenceCells = std::array<std::string, io::form_reference_columns>;

ReferenceCells target_cells(const engine::ReportingForm& form, const engine::TargetAssessment& t,
                            Lang lang) {
  const auto& r = t.result;
  return {form.plan_id + "/" + t.target.id,
          title_in(lang, t.target),
          t.target.unit,
          target_text(t.target),
          format_date(t.target.deadline),
          r.current ? format_value(*r.current, t.target.precision) : "",
          r.current_period.value_or(""),
          std::string(label(lang, r.status))};
}

ReferenceCells task_cells(const engine::ReportingForm& form, const engine::TaskProgress& t,
                          Lang lang) {
  const auto& r = t.result;
  return {form.plan_id + "/" + t.task.id,
          t.task.title,
          "",
          "",
          t.task.deadline ? format_date(*t.task.deadline) : "",
          r.state ? std::string(label(lang, *r.state)) : "",
          r.last_period.value_or(""),
          std::string(label(lang, r.status))};
}

class Writer {
public:
  Writer(const std::string& path) : book_(workbook_new(path.c_str())) {
    if (!book_)
      throw InputError(fmt::format("cannot write '{}'; check that the folder is writable", path));
  }
  ~Writer() {
    if (book_) workbook_close(book_); // only after a failure: close() has run otherwise
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  lxw_workbook* book() { return book_; }
  void close(const std::string& path) {
    lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR)
      throw StorageError(fmt::format("writing '{}' failed: {}", path, lxw_strerror(e)));
  }

private:
  lxw_workbook* book_;
};

} // namespace

int write_form_xlsx(const engine::ReportingForm& form, Lang lang, const std::string& path,
                    bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!overwrite && fs::exists(path, ec))
    throw InputError(fmt::format("'{}' already exists; pass --force to replace it, or choose "
                                 "another file",
                                 path));
  auto parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw InputError(fmt::format("folder '{}' does not exist; create it or choose another path",
                                 parent.string()));

  const bool both = lang == Lang::zh; // Chinese headers with English below
  io::FormMeta meta;
  meta.plan_id = form.plan_id;
  meta.org = form.org;
  meta.period = form.period.text;
  meta.sheet = std::string(label(lang, "form_sheet"));
  meta.first_row = both ? 5 : 4;
  meta.lang = std::string(to_string(lang));
  std::vector<ReferenceCells> rows;
  std::vector<int> kinds; // 0 numeric target, 1 milestone or other word, 2 task
  for (const auto& t : form.targets) {
    rows.push_back(target_cells(form, t, lang));
    kinds.push_back(t.target.kind == Kind::milestone ? 1 : 0);
  }
  for (const auto& t : form.tasks) {
    rows.push_back(task_cells(form, t, lang));
    kinds.push_back(2);
  }
  meta.rows = static_cast<int>(rows.size());

  Writer writer(path);
  lxw_workbook* book = writer.book();
  lxw_worksheet* sheet = workbook_add_worksheet(book, meta.sheet.c_str());
  lxw_worksheet* hidden = workbook_add_worksheet(book, std::string(io::form_meta_sheet).c_str());

  lxw_format* title = workbook_add_format(book);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_bg_color(header, 0xD9D9D9);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* reference = workbook_add_format(book);
  format_set_bg_color(reference, 0xEDEDED);
  format_set_border(reference, LXW_BORDER_THIN);
  format_set_num_format(reference, "@");
  lxw_format* fill = workbook_add_format(book);
  format_set_unlocked(fill);
  format_set_border(fill, LXW_BORDER_THIN);
  lxw_format* fill_text = workbook_add_format(book);
  format_set_unlocked(fill_text);
  format_set_border(fill_text, LXW_BORDER_THIN);
  format_set_num_format(fill_text, "@");

  std::string heading = fmt::format("{} {} · {} · {}", form.plan_title, label(lang, "form_heading"),
                                    form.org, form.period.text);
  worksheet_write_string(sheet, 0, 0, heading.c_str(), title);
  worksheet_write_string(sheet, 1, 0, std::string(label(lang, "form_help")).c_str(), nullptr);
  for (int c = 1; c <= io::form_columns; ++c) {
    std::string key = "form_" + std::string(io::form_column_keys[static_cast<size_t>(c - 1)]);
    auto column = static_cast<lxw_col_t>(c - 1);
    worksheet_write_string(sheet, 2, column, std::string(label(lang, key)).c_str(), header);
    if (both)
      worksheet_write_string(sheet, 3, column, std::string(label(Lang::en, key)).c_str(), header);
  }
  const std::array<double, io::form_columns> widths{34, 30, 10, 16, 12, 12, 12,
                                                    10, 12, 16, 10, 24, 30, 10};
  for (size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);

  // The validations the fill columns offer (Excel's data validation).
  std::vector<std::string> states;
  for (auto s :
       {TaskState::not_started, TaskState::in_progress, TaskState::done, TaskState::suspended})
    states.push_back(lang == Lang::zh ? std::string(label(lang, s)) : std::string(to_string(s)));
  // libxlsxwriter takes these as char* (it copies them).
  std::vector<char*> state_list;
  for (auto& s : states) state_list.push_back(s.data());
  state_list.push_back(nullptr);
  std::string yes(io::form_yes(meta.lang)), no(io::form_no(meta.lang));
  char* yes_no[] = {yes.data(), no.data(), nullptr};
  std::string number_message(label(lang, "form_number_message"));

  auto first = static_cast<lxw_row_t>(meta.first_row - 1);
  for (size_t i = 0; i < rows.size(); ++i) {
    auto row = static_cast<lxw_row_t>(first + i);
    for (size_t c = 0; c < rows[i].size(); ++c)
      worksheet_write_string(sheet, row, static_cast<lxw_col_t>(c), rows[i][c].c_str(), reference);
    worksheet_write_string(sheet, row, col(FormColumn::period), form.period.text.c_str(),
                           fill_text);
    for (auto c : {FormColumn::value, FormColumn::entry_unit, FormColumn::source, FormColumn::note,
                   FormColumn::provisional})
      worksheet_write_blank(sheet, row, col(c), c == FormColumn::value ? fill : fill_text);
    lxw_data_validation value = {};
    if (kinds[i] == 0) {
      value.validate = LXW_VALIDATION_TYPE_DECIMAL;
      value.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      value.minimum_number = -1e15;
      value.maximum_number = 1e15;
      value.error_message = number_message.data();
    } else if (kinds[i] == 2) {
      value.validate = LXW_VALIDATION_TYPE_LIST;
      value.value_list = state_list.data();
    }
    if (kinds[i] != 1) worksheet_data_validation_cell(sheet, row, col(FormColumn::value), &value);
    lxw_data_validation provisional = {};
    provisional.validate = LXW_VALIDATION_TYPE_LIST;
    provisional.value_list = yes_no;
    worksheet_data_validation_cell(sheet, row, col(FormColumn::provisional), &provisional);
  }
  worksheet_freeze_panes(sheet, first, 2);
  lxw_protection protection = {};
  protection.format_columns = 1;
  protection.format_rows = 1;
  worksheet_protect(sheet, nullptr, &protection);
  worksheet_activate(sheet);

  // The hidden sheet: what the form is for, and a copy of every reference cell.
  lxw_row_t r = 0;
  for (const auto& [key, value] : io::form_meta_rows(meta)) {
    worksheet_write_string(hidden, r, 0, key.c_str(), nullptr);
    worksheet_write_string(hidden, r, 1, value.c_str(), nullptr);
    ++r;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    auto row = static_cast<lxw_row_t>(io::form_meta_reference_row - 1 + i);
    worksheet_write_number(hidden, row, 0, static_cast<double>(first + i + 1), nullptr);
    for (size_t c = 0; c < rows[i].size(); ++c)
      worksheet_write_string(hidden, row, static_cast<lxw_col_t>(c + 1), rows[i][c].c_str(),
                             nullptr);
  }
  worksheet_protect(hidden, nullptr, &protection);
  worksheet_hide(hidden);
  writer.close(path);
  return meta.rows;
}

} // namespace plantrack::report
