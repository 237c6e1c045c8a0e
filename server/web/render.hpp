#pragma once
// The web pages' templates (mustache, HTML-escaped by default) and the stylesheet, compiled
// into the program at build time (server/web/templates, server/web/static).

#include <kainjow/mustache.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace plantrack::server::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// The embedded file `name` (e.g. "app.css", "work.mustache"), or nullopt.
std::optional<std::string_view> asset(std::string_view name);

// Template `name` ("work" for work.mustache) rendered with `data`; {{x}} is HTML-escaped,
// {{{x}}} is not (only for markup the report renderers escaped already).
std::string render(std::string_view name, const Data& data);

} // namespace plantrack::server::web
