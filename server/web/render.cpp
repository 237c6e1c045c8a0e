#include "server/web/render.hpp"

#include <stdexcept>

namespace plantrack::server::web {
namespace {
#include "web_assets.inc"
} // namespace

std::optional<std::string_view> asset(std::string_view name) {
  for (const auto& a : assets)
    if (a.name == name) return a.content;
  return std::nullopt;
}

std::string render(std::string_view name, const Data& data) {
  auto text = asset(std::string(name) + ".mustache");
  if (!text) throw std::logic_error("no template " + std::string(name));
  kainjow::mustache::mustache tmpl{std::string(*text)};
  if (!tmpl.is_valid())
    throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  return tmpl.render(data);
}

} // namespace plantrack::server::web
