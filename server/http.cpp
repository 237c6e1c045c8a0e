#include "server/http.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>

namespace plantrack::server {
namespace {

// What the access log says of a request's method, path or user: spaces, control characters
// and '%' as %XX (and every byte above ASCII unless the text is UTF-8), so that a hostile path
// cannot forge a log line; Chinese names stay readable.
std::string loggable(std::string_view text) {
  text = text.substr(0, 512);
  const bool utf8 = !invalid_utf8_at(text);
  std::string out;
  for (unsigned char c : text) {
    if ((c > 0x20 && c < 0x7f && c != '%') || (c >= 0x80 && utf8))
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// Who the request was answered for and when it started, passed from the handler to the
// access logger: both run on the same worker thread, one request after another.
thread_local std::string answered_for;
thread_local std::chrono::steady_clock::time_point started;
thread_local bool handled = false;

} // namespace

ServeOptions parse_listen(const std::string& text) {
  ServeOptions options;
  std::string host = options.host, port = text;
  if (auto colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
      host = host.substr(1, host.size() - 2);
    if (host.empty()) host = options.host;
  }
  int value = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value < 0 || value > 65535 ||
      host.find_first_of(" /") != std::string::npos)
    throw InputError(fmt::format("--listen '{}' is not an address; write HOST:PORT, e.g. "
                                 "127.0.0.1:8080 (loopback; put a TLS proxy in front to serve "
                                 "others)",
                                 excerpt(text)));
  options.host = host;
  options.port = value;
  return options;
}

struct HttpServer::Impl {
  Impl(Api& a, ServeOptions o, std::function<void(const std::string&)> l,
       std::function<Timestamp()> c)
      : api(a), options(std::move(o)), log(std::move(l)), clock(std::move(c)) {}
  Api& api;
  web::Pages* pages = nullptr;
  ServeOptions options;
  std::function<void(const std::string&)> log;
  std::function<Timestamp()> clock;
  httplib::Server server;
  std::mutex log_mutex;

  void write_log(const std::string& line) {
    std::lock_guard lock(log_mutex);
    log(line);
  }
};

HttpServer::HttpServer(Api& api, ServeOptions options, std::function<void(const std::string&)> log,
                       std::function<Timestamp()> clock)
    : impl_(std::make_unique<Impl>(api, options, std::move(log), std::move(clock))) {
  auto& s = impl_->server;
  auto* impl = impl_.get();
  int threads = std::max(1, options.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
  // server bind the same port and silently share its clients.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // A reply goes out at once: with Nagle's algorithm a kept-alive client's next request waits
  // on a delayed ACK (about 40 ms on Linux), which capped 32 clients at ~300 requests/s.
  s.set_tcp_nodelay(true);
  s.set_payload_max_length(options.max_body);
  s.set_read_timeout(options.timeout);
  s.set_write_timeout(options.timeout);
  // A kept-alive connection holds its thread until it closes: keep them short, so that more
  // clients than threads take turns instead of waiting behind the first ones for good.
  s.set_keep_alive_timeout(2);
  s.set_keep_alive_max_count(100);
  api.on_failure([impl](const std::string& what) { impl->write_log("error: " + what); });

  // Every request goes to Api (paths under /api/) or to the web pages (the rest, once
  // serve_pages was called), whatever its method: one router each. (A pre-routing handler
  // would see the request before its body is read.)
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) {
    started = std::chrono::steady_clock::now();
    handled = true;
    Request request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [key, value] : req.params) request.query.emplace(key, value);
    for (const auto& [key, value] : req.headers) {
      std::string name = key;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request.headers.emplace(name, value); // the first of repeated headers counts
    }
    request.body = req.body;
    for (const auto& [name, part] : req.files)
      request.parts.push_back({name, part.filename, part.content});
    request.client = req.remote_addr;
    auto response = impl->pages && !web::is_api_path(request.path) ? impl->pages->handle(request)
                                                                   : impl->api.handle(request);
    answered_for = response.user;
    res.status = response.status;
    for (const auto& [key, value] : response.headers) res.set_header(key, value);
    res.set_content(response.body, response.content_type);
  };
  const std::string any = ".*";
  s.Get(any, handler).Post(any, handler).Put(any, handler).Patch(any, handler);
  s.Delete(any, handler).Options(any, handler);
  // Errors httplib answers by itself (a body over the limit, a malformed request line) get
  // the same one-line JSON as the API's.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = res.status == 413   ? "the body is too large; send at most the limit "
                                                    "`serve --max-body` sets"
                              : res.status == 414 ? "the request line is too long"
                                                  : "the request is malformed";
        res.set_content(error_body(message), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    auto took = handled ? fmt::format("{:.1f}ms", std::chrono::duration<double, std::milli>(
                                                      std::chrono::steady_clock::now() - started)
                                                      .count())
                        : std::string("-");
    impl->write_log(fmt::format(
        "{} {} {} {} {} {} {} {}", format_timestamp(impl->clock()),
        req.remote_addr.empty() ? "-" : req.remote_addr, loggable(req.method), loggable(req.path),
        res.status, res.body.size(), took, answered_for.empty() ? "-" : loggable(answered_for)));
    answered_for.clear();
    handled = false;
  });
}

HttpServer::~HttpServer() = default;

void HttpServer::serve_pages(web::Pages& pages) {
  impl_->pages = &pages;
  auto* impl = impl_.get();
  pages.on_failure([impl](const std::string& what) { impl->write_log("error: " + what); });
}

int HttpServer::bind() {
  auto& o = impl_->options;
  int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host)
                         : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    throw InputError(fmt::format("cannot listen on {}:{} (in use, or not an address of this "
                                 "machine); pass another --listen HOST:PORT",
                                 o.host, o.port));
  return port;
}

void HttpServer::run() { impl_->server.listen_after_bind(); }

void HttpServer::stop() { impl_->server.stop(); }

} // namespace plantrack::server
