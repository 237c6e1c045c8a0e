#pragma once
// HTML forms on the wire: the fields of an application/x-www-form-urlencoded body, and text
// made safe to put in a URL.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack::server::web {

// The fields of a form body (`a=1&b=x+y`), decoded; a repeated field keeps every value.
class Form {
public:
  Form() = default;
  explicit Form(std::string_view body);

  // Add a field (of a multipart/form-data body).
  void add(std::string name, std::string value) {
    fields_.emplace(std::move(name), std::move(value));
  }

  // The first value of `name` ("" when absent).
  std::string text(const std::string& name) const;
  bool has(const std::string& name) const { return fields_.count(name) > 0; }
  // The non-empty lines of `name` (a textarea, one item a line), trimmed.
  std::vector<std::string> lines(const std::string& name) const;
  // The items of `name` separated by commas (ASCII or full-width) or 、, trimmed.
  std::vector<std::string> items(const std::string& name) const;

private:
  std::multimap<std::string, std::string> fields_;
};

// `text` percent-decoded, `+` as a space (as forms send it).
std::string url_decode(std::string_view text);

// `text` percent-encoded for a path segment or a query value.
std::string url_encode(std::string_view text);

} // namespace plantrack::server::web
