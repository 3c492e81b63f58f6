// The HTTP server every `kioskctl serve` role mounts on: GNU libmicrohttpd, event-driven (epoll, a few threads for
// any number of connections), with a total header deadline, connection limits and a bounded request body.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "kiosk/server/Http.h"

namespace kiosk::server {

/// The server's limits. Defaults are what `kioskctl serve` uses.
struct ServerLimits {
  /// Worker threads, each an epoll loop over its share of the connections (not one thread per connection).
  unsigned threads = 4;
  /// Connections open at once, all clients together; more are accepted and closed at once. Lowered to fit
  /// RLIMIT_NOFILE when that is smaller.
  unsigned max_connections = 1000;
  /// Connections open at once from one IP address: one attacker holds at most this many slots.
  unsigned max_connections_per_ip = 32;
  /// From a connection's accept to the end of its request's headers, whatever trickles in meanwhile: a client that
  /// sends one byte a second is cut when this runs out.
  std::chrono::milliseconds header_deadline{5000};
  /// From accept to the end of the request's body: the body of a slow or endless upload is cut there.
  std::chrono::milliseconds request_deadline{30000};
  /// libmicrohttpd's own timeout (MHD_OPTION_CONNECTION_TIMEOUT), in seconds with nothing received or sent; it also
  /// bounds a response whose reader stopped reading.
  unsigned idle_timeout_seconds = 10;
  /// Largest request body a route takes unless it says otherwise (Route's max_body); larger gets 413.
  std::size_t max_body_bytes = 64 * 1024;
};

/// Thrown by Start when the address cannot be listened on; the message names the address, port and reason.
class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An HTTP/1.1 server on one address. Routes are matched by method and exact path first, then by the longest path
/// prefix; HEAD is answered by a GET route (without the body). No route: 404; the path with another method: 405.
/// Every answer closes its connection (one request per connection). Handlers and guards run on the server's worker
/// threads, several at once: they must be thread-safe.
class HttpServer {
 public:
  explicit HttpServer(ServerLimits limits = {});
  ~HttpServer();  ///< stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Adds a route for `method` and the exact `path`. `max_body`: largest body it takes (0: the server's default);
  /// a body announced larger (Content-Length) gets 413 before it is read, a chunked one as soon as it grows past it,
  /// and no more than `max_body` bytes are ever kept. Call before Start.
  void Route(const std::string& method, const std::string& path, Handler handler, std::size_t max_body = 0);
  /// Adds a route for every path starting with `prefix` (e.g. "/" for a folder). Call before Start.
  void RoutePrefix(const std::string& method, const std::string& prefix, Handler handler, std::size_t max_body = 0);
  /// Runs `guard` for every request whose path starts with `prefix`, before its body is read. Call before Start.
  void AddGuard(const std::string& prefix, Guard guard);
  /// Called once per answered request, from a worker thread, just before the answer is sent.
  void SetLogger(std::function<void(const Request& request, int status)> logger);

  /// Listens on `address` (IPv4 or IPv6 literal) and `port` (0: any free one) and starts serving. SO_REUSEADDR only
  /// (not SO_REUSEPORT): a second server on a port in use fails. Returns the port. Throws ListenError.
  int Start(const std::string& address, int port);
  /// Stops accepting, closes every connection and joins the threads; idempotent.
  void Stop();

  const ServerLimits& Limits() const { return m_limits; }
  /// Connections currently open (for tests and benches).
  std::size_t OpenConnections() const;
  /// Connections cut because their headers or body missed the deadline, since Start.
  std::size_t CutConnections() const;

 private:
  struct Impl;
  ServerLimits m_limits;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::server
