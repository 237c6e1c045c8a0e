#include "model/enum_names.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

namespace plantrack::detail {

void throw_not_one_of(std::string_view text, const std::string& names) {
  throw InputError(fmt::format("'{}' is not one of {}", excerpt(text), names));
}

} // namespace plantrack::detail
