#pragma once
// Filling a server::Request's query from the text after '?' as a client wrote it (a=1&b=2,
// no percent-decoding), for the tests and the fuzzer that call server::Api without sockets.

#include "server/api.hpp"

#include <string>

namespace plantrack::support {

inline void add_query(server::Request& request, const std::string& text) {
  size_t at = 0;
  while (at <= text.size()) {
    auto amp = text.find('&', at);
    if (amp == std::string::npos) amp = text.size();
    auto pair = text.substr(at, amp - at);
    auto eq = pair.find('=');
    request.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    at = amp + 1;
  }
}

} // namespace plantrack::support
