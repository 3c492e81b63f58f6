// One HTTP request and its response as the routes of `kioskctl serve` see them: plain values, no server library's
// types, so a route can be called and checked in a test without a socket.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::server {

/// A request whose headers (and, by the time a Handler runs, whole body) have arrived.
struct Request {
  std::string method;       ///< "GET", "HEAD", "POST", ... as sent
  std::string path;         ///< the URL's path, percent-decoded, without the query: "/checkin/v1/events"
  std::string remote_addr;  ///< the client's address, e.g. "127.0.0.1" or "::1"
  std::vector<std::pair<std::string, std::string>> headers;  ///< in arrival order, names as sent
  std::vector<std::pair<std::string, std::string>> query;    ///< decoded query arguments, in order
  std::string body;                                          ///< empty for a Guard

  /// The first header of that name (RFC 9110 section 5.1: case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  /// The first query argument of that name (case-sensitive), or "" when absent.
  std::string Param(std::string_view name) const;
  bool HasParam(std::string_view name) const;
};

/// Reads up to `size` bytes of a streamed body at byte `offset` into `buffer`. Returns the count (> 0), or -1 to end
/// the response there (the client sees a short body and the connection closed).
using BodyReader = std::function<ssize_t(std::uint64_t offset, char* buffer, std::size_t size)>;

/// What a route answers: a status, headers, and either a body in memory or a streamed one of a known size.
struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  ///< sent as they are, after Content-Type
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  BodyReader reader;              ///< set by Stream: the body is read from it in blocks instead of `body`
  std::uint64_t stream_size = 0;  ///< bytes `reader` gives, sent as Content-Length

  /// Replaces a header of that name (case-insensitive) or adds it.
  void SetHeader(const std::string& name, const std::string& value);
  /// The header's value, or "" (for tests).
  std::string Header(std::string_view name) const;
  void SetContent(std::string content, std::string type);
  /// A body of `size` bytes read from `read` in blocks of up to 64 KiB as the client takes them.
  void Stream(std::uint64_t size, std::string type, BodyReader read);
};

/// A route: fills `response` for a whole request.
using Handler = std::function<void(const Request& request, Response& response)>;
/// Runs once a request's headers are in, before any byte of its body is read. Returns true when it answered in
/// `response` (e.g. 401): the body is then never read and the connection is closed after the answer.
using Guard = std::function<bool(const Request& request, Response& response)>;

/// ASCII case-insensitive equality, for header names.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace kiosk::server
