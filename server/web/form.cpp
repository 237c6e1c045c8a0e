#include "server/web/form.hpp"

namespace plantrack::server::web {
namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

} // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

Form::Form(std::string_view body) {
  size_t at = 0;
  while (at < body.size()) {
    size_t end = body.find('&', at);
    if (end == std::string_view::npos) end = body.size();
    auto pair = body.substr(at, end - at);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      auto key = url_decode(pair.substr(0, eq));
      auto value = eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
      fields_.emplace(std::move(key), std::move(value));
    }
    at = end + 1;
  }
}

std::string Form::text(const std::string& name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? std::string() : it->second;
}

std::vector<std::string> Form::lines(const std::string& name) const {
  std::vector<std::string> out;
  auto value = text(name);
  size_t at = 0;
  while (at <= value.size()) {
    size_t end = value.find('\n', at);
    if (end == std::string::npos) end = value.size();
    auto line = trim(std::string_view(value).substr(at, end - at));
    if (!line.empty()) out.push_back(line);
    at = end + 1;
  }
  return out;
}

std::vector<std::string> Form::items(const std::string& name) const {
  std::string value = text(name);
  // The full-width comma and 、 separate as the ASCII comma does.
  for (std::string wide : {"，", "、"}) {
    for (size_t at = value.find(wide); at != std::string::npos; at = value.find(wide, at))
      value.replace(at, wide.size(), ",");
  }
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= value.size()) {
    size_t end = value.find(',', at);
    if (end == std::string::npos) end = value.size();
    auto item = trim(std::string_view(value).substr(at, end - at));
    if (!item.empty()) out.push_back(item);
    at = end + 1;
  }
  return out;
}

} // namespace plantrack::server::web
