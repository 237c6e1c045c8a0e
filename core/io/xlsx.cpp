#include "io/xlsx.hpp"

#include "errors.hpp"
#include "model/period.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace plantrack::io {
namespace {

constexpr std::uint64_t big_member = 1ull << 20; // the ratio is checked above this size

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The first bytes of the file: what it really is, before libzip is asked.
void check_signature(const std::string& path, const std::string& file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot read '{}'; check the path", file));
  unsigned char head[8] = {};
  in.read(reinterpret_cast<char*>(head), sizeof head);
  auto got = static_cast<size_t>(in.gcount());
  static constexpr unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (got == 8 && std::memcmp(head, ole, 8) == 0)
    throw InputError(fmt::format("{}: the file is password-protected (encrypted) or an old .xls "
                                 "workbook; remove the password, or save it as an Excel "
                                 "workbook (.xlsx), and import it again",
                                 file));
  if (got < 4 || head[0] != 'P' || head[1] != 'K')
    throw InputError(fmt::format("{}: the file is not an .xlsx workbook (not a zip archive); "
                                 "save the form as an Excel workbook (.xlsx) and import it "
                                 "again",
                                 file));
}

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// The members of the archive, checked before any is inflated, and read within a budget.
class Archive {
public:
  Archive(const std::string& path, const std::string& file, const XlsxLimits& limits)
      : file_(file), limits_(limits) {
    int error = 0;
    zip_.reset(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip_)
      throw InputError(fmt::format("{}: the file is not a readable .xlsx workbook (the zip "
                                   "archive is damaged or cut short); save the form again "
                                   "and import that copy",
                                   file));
    zip_int64_t count = zip_get_num_entries(zip_.get(), 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries)
      throw bomb(fmt::format("it has {} parts, more than {}", count, limits.max_entries));
    std::uint64_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !st.name)
        throw damaged();
      std::string name = st.name;
      if (lower(name).find("vbaproject.bin") != std::string::npos) throw macros();
      if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        throw InputError(fmt::format("{}: part '{}' is password-protected; remove the password "
                                     "and import the form again",
                                     file, name));
      total += st.size;
      if (total > limits.max_total_bytes)
        throw bomb(
            fmt::format("its parts inflate to more than {} MiB", limits.max_total_bytes >> 20));
      if (st.size > big_member && st.comp_size > 0 && st.size / st.comp_size > limits.max_ratio)
        throw bomb(fmt::format("part '{}' inflates {} times its stored size", name,
                               st.size / st.comp_size));
      if (st.size > big_member && st.comp_size == 0) throw damaged();
      names_.emplace(name, static_cast<zip_uint64_t>(i));
      sizes_.emplace(name, st.size);
    }
  }

  bool has(const std::string& name) const { return names_.count(name) > 0; }

  // The member `name`, inflated; nullopt when absent.
  std::optional<std::string> read(const std::string& name) {
    auto it = names_.find(name);
    if (it == names_.end()) return std::nullopt;
    std::uint64_t declared = sizes_.at(name);
    std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(zip_.get(), it->second, 0));
    if (!f) throw damaged();
    std::string out;
    out.reserve(static_cast<size_t>(declared));
    char buffer[1 << 15];
    while (true) {
      zip_int64_t n = zip_fread(f.get(), buffer, sizeof buffer);
      if (n < 0) throw damaged();
      if (n == 0) break;
      out.append(buffer, static_cast<size_t>(n));
      read_ += static_cast<std::uint64_t>(n);
      if (out.size() > declared || read_ > limits_.max_total_bytes)
        throw bomb(fmt::format("part '{}' inflates to more than it declares", name));
    }
    return out;
  }

  InputError macros() const {
    return InputError(fmt::format("{}: the workbook holds macros (a vbaProject.bin part); "
                                  "forms are imported without macros: save it as an Excel "
                                  "workbook (.xlsx) and import it again",
                                  file_));
  }

private:
  InputError bomb(const std::string& why) const {
    return InputError(fmt::format("{}: refused as a zip bomb: {}; a reporting form is a few "
                                  "hundred KiB: import the form plantrack wrote, filled",
                                  file_, why));
  }
  InputError damaged() const {
    return InputError(fmt::format("{}: the file is not a readable .xlsx workbook (the zip "
                                  "archive is damaged or cut short); save the form again and "
                                  "import that copy",
                                  file_));
  }

  std::string file_;
  XlsxLimits limits_;
  std::unique_ptr<zip_t, ZipClose> zip_;
  std::map<std::string, zip_uint64_t> names_;
  std::map<std::string, std::uint64_t> sizes_;
  std::uint64_t read_ = 0;
};

pugi::xml_document parse_xml(const std::string& text, const std::string& file,
                             const std::string& part) {
  pugi::xml_document doc;
  auto result =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result)
    throw InputError(fmt::format("{}: part '{}' is not well-formed XML ({}); save the form "
                                 "again and import that copy",
                                 file, part, result.description()));
  return doc;
}

// An element's name without its namespace prefix ("x:row" -> "row").
std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (auto c : n.children())
    if (local(c) == name) return c;
  return {};
}

// The text of a string item (<si> or <is>): its <t>, or its runs' <t>s; phonetic runs left out.
std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (auto c : item.children()) {
    if (local(c) == "t")
      out += c.text().get();
    else if (local(c) == "r")
      if (auto t = child(c, "t")) out += t.text().get();
  }
  return out;
}

// The part a relationship target names, from the folder of the part that holds it
// ("worksheets/sheet1.xml" from "xl/", or "/xl/worksheets/sheet1.xml").
std::string resolve(const std::string& base_dir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  size_t from = 0;
  while (from <= path.size()) {
    size_t slash = path.find('/', from);
    std::string part =
        path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// Whether a number format code shows a date: it has d, m or y outside quotes and brackets.
bool date_format(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (c == '\\')
      ++i;
    else if (c == '[')
      ++bracket;
    else if (c == ']')
      --bracket;
    else if (bracket == 0 && (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M'))
      return true;
  }
  return false;
}

bool builtin_date(int id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
         (id >= 50 && id <= 58);
}

// Which cell styles (xf indexes) show a date.
std::vector<bool> date_styles(const std::optional<std::string>& styles, const std::string& file) {
  std::vector<bool> out;
  if (!styles) return out;
  auto doc = parse_xml(*styles, file, "xl/styles.xml");
  auto sheet = doc.document_element();
  std::map<int, bool> custom;
  if (auto formats = child(sheet, "numFmts"))
    for (auto f : formats.children())
      if (local(f) == "numFmt")
        custom[f.attribute("numFmtId").as_int()] = date_format(f.attribute("formatCode").value());
  if (auto xfs = child(sheet, "cellXfs"))
    for (auto xf : xfs.children())
      if (local(xf) == "xf") {
        int id = xf.attribute("numFmtId").as_int();
        auto it = custom.find(id);
        out.push_back(it != custom.end() ? it->second : builtin_date(id));
      }
  return out;
}

// A number in its shortest round-trip form: 4400, 0.1, 1e+20.
std::string number_text(double v) {
  if (v == 0) return "0";
  return fmt::format("{}", v);
}

// "C7" -> row 7, column 3; false when it is not a cell reference.
bool parse_cell_ref(std::string_view ref, int& row, int& column) {
  size_t i = 0;
  column = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    column = column * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (column > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  row = 0;
  for (; i < ref.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(ref[i]))) return false;
    row = row * 10 + (ref[i] - '0');
    if (row > 1048576) return false;
  }
  return row > 0;
}

struct Workbook {
  std::vector<std::string> shared;
  std::vector<bool> dates;
  bool date1904 = false;
};

XlsxCell read_cell(const pugi::xml_node& c, const Workbook& book, const std::string& file,
                   const std::string& where) {
  XlsxCell cell;
  std::string_view t = c.attribute("t").value();
  pugi::xml_node v = child(c, "v");
  cell.formula = static_cast<bool>(child(c, "f"));
  std::string raw = v.text().get();
  if (t == "s") {
    char* end = nullptr;
    long index = std::strtol(raw.c_str(), &end, 10);
    if (raw.empty() || *end != '\0' || index < 0 ||
        static_cast<size_t>(index) >= book.shared.size())
      throw InputError(fmt::format("{}:{}: the cell names shared string '{}', which the "
                                   "workbook lacks; save the form again and import that copy",
                                   file, where, raw));
    cell.text = book.shared[static_cast<size_t>(index)];
  } else if (t == "inlineStr") {
    cell.text = string_item(child(c, "is"));
  } else if (t == "str") {
    cell.text = raw;
  } else if (t == "b") {
    cell.type = CellType::boolean;
    cell.text = raw == "1" || raw == "true" ? "TRUE" : "FALSE";
  } else if (t == "e") {
    cell.type = CellType::error;
    cell.text = raw;
  } else if (t == "d") {
    cell.type = CellType::date;
    cell.text = raw.substr(0, 10); // ISO 8601: the date part
  } else {                         // "n" or absent: a number
    if (raw.empty()) return cell;
    char* end = nullptr;
    double value = std::strtod(raw.c_str(), &end);
    if (*end != '\0' || !std::isfinite(value))
      throw InputError(fmt::format("{}:{}: '{}' is stored as a number but is not one; save the "
                                   "form again and import that copy",
                                   file, where, raw));
    auto style = static_cast<size_t>(c.attribute("s").as_uint());
    if (style < book.dates.size() && book.dates[style] && value >= 0 && value < 2958466) {
      cell.type = CellType::date;
      auto base = book.date1904 ? Date{date::year{1904} / 1 / 1} : Date{date::year{1899} / 12 / 30};
      cell.text = format_date(base + date::days{static_cast<int>(std::floor(value))});
    } else {
      cell.type = CellType::number;
      cell.text = number_text(value);
    }
  }
  return cell;
}

XlsxSheet read_sheet(const std::string& xml, const std::string& name, const std::string& part,
                     const Workbook& book, const std::string& file) {
  XlsxSheet sheet;
  sheet.name = name;
  auto doc = parse_xml(xml, file, part);
  auto data = child(doc.document_element(), "sheetData");
  int row_number = 0;
  for (auto r : data.children()) {
    if (local(r) != "row") continue;
    row_number = r.attribute("r") ? r.attribute("r").as_int() : row_number + 1;
    int column = 0;
    for (auto c : r.children()) {
      if (local(c) != "c") continue;
      int row = row_number;
      if (auto ref = c.attribute("r")) {
        if (!parse_cell_ref(ref.value(), row, column))
          throw InputError(fmt::format("{}: sheet '{}' has a cell named '{}', which is not a "
                                       "cell reference; save the form again and import that "
                                       "copy",
                                       file, name, ref.value()));
      } else {
        ++column;
      }
      auto cell = read_cell(c, book, file, cell_name(name, row, column));
      if (cell.text.empty() && !cell.formula) continue;
      sheet.rows[row][column] = std::move(cell);
    }
  }
  return sheet;
}

} // namespace

const XlsxCell* XlsxSheet::cell(int row, int column) const {
  auto r = rows.find(row);
  if (r == rows.end()) return nullptr;
  auto c = r->second.find(column);
  return c == r->second.end() ? nullptr : &c->second;
}

const XlsxSheet* XlsxBook::find(const std::string& name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string column_letters(int column) {
  std::string out;
  while (column > 0) {
    int d = (column - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + d));
    column = (column - 1) / 26;
  }
  return out;
}

std::string cell_name(const std::string& sheet, int row, int column) {
  return fmt::format("{}!{}{}", sheet, column_letters(column), row);
}

XlsxBook read_xlsx(const std::string& path, const std::string& file, const XlsxLimits& limits) {
  auto dot = path.find_last_of('.');
  auto extension = lower(dot == std::string::npos ? std::string() : path.substr(dot));
  check_signature(path, file);
  Archive zip(path, file, limits);
  if (extension == ".xlsm" || extension == ".xltm") throw zip.macros();
  auto types = zip.read("[Content_Types].xml");
  if (!types || !zip.has("xl/workbook.xml"))
    throw InputError(fmt::format("{}: the zip archive is not an Excel workbook (it lacks "
                                 "xl/workbook.xml); save the form as an Excel workbook (.xlsx) "
                                 "and import it again",
                                 file));
  if (lower(*types).find("macroenabled") != std::string::npos) throw zip.macros();

  Workbook book;
  if (auto strings = zip.read("xl/sharedStrings.xml")) {
    auto doc = parse_xml(*strings, file, "xl/sharedStrings.xml");
    for (auto si : doc.document_element().children())
      if (local(si) == "si") book.shared.push_back(string_item(si));
  }
  book.dates = date_styles(zip.read("xl/styles.xml"), file);

  auto workbook = parse_xml(*zip.read("xl/workbook.xml"), file, "xl/workbook.xml");
  auto root = workbook.document_element();
  if (auto pr = child(root, "workbookPr")) book.date1904 = pr.attribute("date1904").as_bool();

  std::map<std::string, std::string> targets; // relationship id -> part
  if (auto rels = zip.read("xl/_rels/workbook.xml.rels")) {
    auto doc = parse_xml(*rels, file, "xl/_rels/workbook.xml.rels");
    for (auto rel : doc.document_element().children())
      if (local(rel) == "Relationship")
        targets[rel.attribute("Id").value()] = resolve("xl/", rel.attribute("Target").value());
  }
  XlsxBook out;
  for (auto s : child(root, "sheets").children()) {
    if (local(s) != "sheet") continue;
    std::string id;
    for (auto a : s.attributes()) {
      std::string_view n = a.name();
      if (n == "r:id" || (n.size() > 3 && n.substr(n.size() - 3) == ":id")) id = a.value();
    }
    auto part = targets.find(id);
    if (part == targets.end()) continue; // a chart sheet or a broken link: nothing to read
    auto xml = zip.read(part->second);
    if (!xml) continue;
    auto sheet = read_sheet(*xml, s.attribute("name").value(), part->second, book, file);
    std::string_view state = s.attribute("state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    out.sheets.push_back(std::move(sheet));
  }
  return out;
}

} // namespace plantrack::io
