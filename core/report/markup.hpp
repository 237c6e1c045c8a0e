#pragma once
// Escaping for the document formats the renderers write.

#include "report/table.hpp"

#include <string>
#include <string_view>

namespace plantrack::report {

// Text safe inside HTML or SVG elements and attribute values.
std::string html_escape(std::string_view text);

// Text for Markdown (a table cell, a heading, a list item): pipes and `<` escaped, so no
// raw HTML gets through; line breaks flattened.
std::string md_cell(std::string_view text);

// A Markdown pipe table with the table's header and rows.
std::string md_table(const Table& table);

} // namespace plantrack::report
