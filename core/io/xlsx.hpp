#pragma once
// Reading an .xlsx workbook (Office Open XML) as Excel, WPS and LibreOffice save it: the zip
// (libzip) and its XML parts (pugixml), guarded against hostile files before anything is
// inflated (docs/exchange.md, "Hostile files"). Only what a reporting form needs: each
// sheet's name, visibility and cells as text.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace plantrack::io {

// How a cell was stored, so that a reader can tell a typed number from text.
enum class CellType { text, number, boolean, date, error };

struct XlsxCell {
  CellType type = CellType::text;
  // The cell as text: a shared or inline string as written; a number in its shortest form
  // ("4400", "0.1"); a number in a date style as YYYY-MM-DD; a boolean as TRUE or FALSE.
  std::string text;
  bool formula = false; // the cell holds a formula (an <f> element), whatever its cached value
};

struct XlsxSheet {
  std::string name;
  bool hidden = false; // hidden or very hidden
  // Cells by row, then column, both 1-based; empty cells are absent.
  std::map<int, std::map<int, XlsxCell>> rows;

  // The cell at `row`, `column`, or nullptr when empty.
  const XlsxCell* cell(int row, int column) const;
};

struct XlsxBook {
  std::vector<XlsxSheet> sheets; // in workbook order

  const XlsxSheet* find(const std::string& name) const;
};

// What a workbook may hold before it is refused as a zip bomb.
struct XlsxLimits {
  std::uint64_t max_total_bytes = 64ull << 20; // uncompressed, all parts read together
  std::size_t max_entries = 2000;              // members of the zip
  std::uint64_t max_ratio = 200; // uncompressed to compressed, for a member above 1 MiB
};

// Read the workbook at `path`, named `file` in messages. Throws InputError, one line
// `FILE: why` with the fix, for a file that is not a zip or is cut short, a password-protected
// (encrypted OLE) file or legacy .xls, a macro-enabled workbook (.xlsm, a vbaProject.bin
// part), a zip bomb (the sum of declared sizes, a member's compression ratio, the count of
// members, or more bytes inflated than declared), or XML that does not parse.
XlsxBook read_xlsx(const std::string& path, const std::string& file, const XlsxLimits& limits = {});

// The letters of 1-based `column`: 1 -> A, 27 -> AA.
std::string column_letters(int column);

// `Sheet!C7`: how a message names a cell.
std::string cell_name(const std::string& sheet, int row, int column);

} // namespace plantrack::io
