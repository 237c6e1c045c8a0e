#include "planfile/yaml_json.hpp"

#include "errors.hpp"
#include "model/text.hpp"
#include "model/units.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>

namespace plantrack::planfile {
namespace {

using nlohmann::json;

// A YAML document as JSON, with the source line of every value, keyed by display path.
class Converter {
public:
  SourceLines lines;

  json convert(const YAML::Node& node, Path& path) {
    lines[display(path)] = node.Mark().line + 1;
    switch (node.Type()) {
    case YAML::NodeType::Map: {
      json obj = json::object();
      for (const auto& kv : node) {
        auto key = kv.first.as<std::string>();
        utf8_or_throw(kv.first, key, "a key");
        path.push_back({key, 0});
        obj[key] = convert(kv.second, path);
        // An empty value (`id:`) has no mark of its own on the key's line: name the key's line.
        if (kv.second.IsNull()) lines[display(path)] = kv.first.Mark().line + 1;
        path.pop_back();
      }
      return obj;
    }
    case YAML::NodeType::Sequence: {
      json arr = json::array();
      size_t i = 0;
      for (const auto& item : node) {
        path.push_back({"", i++});
        arr.push_back(convert(item, path));
        path.pop_back();
      }
      return arr;
    }
    case YAML::NodeType::Scalar: return scalar(node, display(path));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    }
    return nullptr;
  }

private:
  // Plain scalars that look like numbers, booleans or null become those; quoted ones stay text.
  // Text must be UTF-8 and numbers finite: a YAML::Exception at the scalar's line otherwise.
  static json scalar(const YAML::Node& node, const std::string& where) {
    const std::string& s = node.Scalar();
    utf8_or_throw(node, s, where.empty() ? "the value" : where);
    if (node.Tag() == "!") return s;
    if (is_null_word(s)) return nullptr;
    if (is_bool_word(s)) return s.front() == 't' || s.front() == 'T';
    std::string_view digits(s);
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
      std::int64_t whole = 0;
      auto begin = s.data() + (s.front() == '+' ? 1 : 0);
      auto [end, ec] = std::from_chars(begin, s.data() + s.size(), whole);
      if (ec == std::errc() && end == s.data() + s.size()) return whole;
    }
    if (!is_plain_decimal(s)) return s;
    try {
      return parse_number(s, where.empty() ? "number" : where);
    } catch (const InputError& e) {
      throw YAML::Exception(node.Mark(), e.what());
    }
  }

  static void utf8_or_throw(const YAML::Node& node, const std::string& text,
                            const std::string& what) {
    try {
      require_utf8(text, what);
    } catch (const InputError& e) {
      throw YAML::Exception(node.Mark(), e.what());
    }
  }
};

} // namespace

bool is_null_word(std::string_view s) {
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool is_bool_word(std::string_view s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" ||
         s == "FALSE";
}

bool reads_as_typed(std::string_view s) {
  // An empty plain scalar is YAML's null (yaml-cpp makes it a Null node, never a Scalar).
  return s.empty() || is_null_word(s) || is_bool_word(s) || is_plain_decimal(s);
}

SourceDocument yaml_to_json(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputErrors({fmt::format("{}:{}: not valid YAML or JSON: {}; fix the syntax at that line",
                                   file, e.mark.line + 1, e.msg)});
  }
  Converter converter;
  Path path;
  json doc;
  try {
    doc = converter.convert(root, path);
  } catch (const YAML::Exception& e) {
    throw InputErrors({fmt::format("{}:{}: {}", file, e.mark.line + 1, e.msg)});
  }
  return {std::move(doc), std::move(converter.lines)};
}

} // namespace plantrack::planfile
