// Writing a plan document as YAML: the inverse of yaml_to_json, so that an exported plan
// file imports as the very document it came from (SPEC §3 `plan export`).

#include "planfile/plan_file.hpp"
#include "planfile/yaml_json.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string_view>

namespace plantrack::planfile {
namespace {

using nlohmann::json;

bool ascii_word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '.' || c == ':' || c == '+' || c == '-';
}

// Plain text other YAML readers would type even though ours reads it as text: YAML 1.1
// booleans (yes, off, y), infinities and NaN, and number-like words such as dates, times,
// hex or 1_000. Quoting them keeps the file portable; text with non-ASCII (2015年统计公报)
// stays plain.
bool looks_typed_elsewhere(const std::string& s) {
  static const char* const words[] = {"y",   "Y",   "yes", "Yes", "YES", "n",   "N",   "no",
                                      "No",  "NO",  "on",  "On",  "ON",  "off", "Off", "OFF",
                                      "<<",  "=",   ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
                                      "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  if (s.empty()) return true;
  for (const char* w : words)
    if (s == w) return true;
  size_t i = (s[0] == '+' || s[0] == '-' || s[0] == '.') ? 1 : 0;
  bool numeric_start = i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.');
  if (!numeric_start) return false;
  for (char c : s)
    if (!ascii_word_char(c)) return false;
  return true;
}

// A multi-line text that a literal block (`|`) keeps exactly: one final line break (yaml-cpp
// writes only the clipping `|`), a first line that is neither empty nor starts with a blank
// (the block's indentation is taken from it), no line of blanks only, and no character YAML
// reads as a line break or wants escaped.
bool fits_literal_block(const std::string& s) {
  if (s.size() < 2 || s.back() != '\n' || s[s.size() - 2] == '\n') return false;
  if (s.find('\n') == s.size() - 1) return false; // one line: a quoted scalar reads better
  if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') return false;
  for (size_t start = 0; start < s.size();) {
    size_t end = s.find('\n', start);
    auto line = std::string_view(s).substr(start, end - start);
    if (!line.empty() && line.find_first_not_of(" \t") == std::string_view::npos) return false;
    start = end + 1;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    // U+0080 to U+00A0 (C1 controls with NEL, and NBSP) and U+2028/U+2029: line breaks in
    // YAML 1.1, or escaped by yaml-cpp.
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xa0)
      return false;
    if (c == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xa8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xa9))
      return false;
    if (c == 0xef && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xbb &&
        static_cast<unsigned char>(s[i + 2]) == 0xbf)
      return false; // a byte order mark
  }
  return true;
}

// Control characters (a lone CR reads as a line break in a plain scalar) are only safe
// escaped, in double quotes.
bool has_control(const std::string& s) {
  for (char c : s)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) return true;
  return false;
}

// Text as a value or, with `key`, as a key (never a block: a key stays on its line).
void emit_text(YAML::Emitter& out, const std::string& s, bool key = false) {
  if (reads_as_typed(s) || looks_typed_elsewhere(s) || has_control(s))
    out << YAML::DoubleQuoted << s;
  else if (!key && fits_literal_block(s))
    out << YAML::Literal << s.substr(0, s.size() - 1); // `|` adds the final line break back
  else
    out << s; // plain when yaml-cpp can keep it exactly, else double-quoted with escapes
}

void emit(YAML::Emitter& out, const json& value) {
  switch (value.type()) {
  case json::value_t::object:
    if (value.empty()) {
      out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
      return;
    }
    out << YAML::BeginMap;
    for (const auto& [key, item] : value.items()) {
      out << YAML::Key;
      emit_text(out, key, true);
      out << YAML::Value;
      emit(out, item);
    }
    out << YAML::EndMap;
    return;
  case json::value_t::array:
    if (value.empty()) {
      out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
      return;
    }
    out << YAML::BeginSeq;
    for (const auto& item : value) emit(out, item);
    out << YAML::EndSeq;
    return;
  case json::value_t::string: emit_text(out, value.get_ref<const std::string&>()); return;
  // JSON's own number text: integers stay integers, and a double is the shortest text that
  // reads back as the same double (2628.7, 1e-05, 5000.0), so yaml_to_json types it again.
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float:
  case json::value_t::boolean: out << value.dump(); return;
  case json::value_t::null: out << YAML::Null; return;
  case json::value_t::binary:
  case json::value_t::discarded: break;
  }
  throw std::invalid_argument("a plan document holds only JSON values");
}

} // namespace

std::string plan_yaml(const json& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  out.SetMapFormat(YAML::Block);
  out.SetNullFormat(YAML::LowerNull);
  emit(out, doc);
  if (!out.good()) throw std::logic_error("cannot write the plan as YAML: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

} // namespace plantrack::planfile
