#pragma once
// `plantrack serve` on the wire: cpp-httplib's server in front of Api, with the limits a
// server facing many people needs (body size, timeouts, worker threads) and an access log.

#include "server/api.hpp"
#include "server/web/pages.hpp"

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

namespace plantrack::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (tests)
  int threads = 32;                 // connections served at once (one thread each)
  size_t max_body = 1 << 20;        // bytes; a larger body is refused with 413
  std::chrono::seconds timeout{10}; // to read a request or write a reply
};

// "HOST:PORT" (or ":PORT", or "PORT") as --listen takes it; InputError naming the fix.
ServeOptions parse_listen(const std::string& text);

class HttpServer {
public:
  // `log` receives one access-log line per request and the failures the replies do not show.
  HttpServer(Api& api, ServeOptions options, std::function<void(const std::string&)> log,
             std::function<Timestamp()> clock);
  ~HttpServer();

  // Answer every path outside /api/ with the web pages (else the API answers them too).
  void serve_pages(web::Pages& pages);

  // Bind the address; returns the port bound. InputError when it cannot (in use, not ours).
  int bind();
  // Serve until stop(); requests being answered are finished first.
  void run();
  // From any thread.
  void stop();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace plantrack::server
