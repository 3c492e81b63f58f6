// The one HTTP client (libcurl): the sync client's GETs (conditional requests, ETag, Last-Modified, timeouts, a size
// cap) and the check-in desk's exchanges with its hub (POST, a bearer token, no redirects). One curl_global_init.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

/// The transfer itself failed: no connection, timed out, cut short, larger than allowed, bad URL. The message names
/// the URL and says which.
class FetchError : public std::runtime_error {
 public:
  enum class Kind { Connect, Timeout, Truncated, TooLarge, Other };
  FetchError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind GetKind() const { return m_kind; }

 private:
  Kind m_kind;
};

/// How long a transfer may take. A small request (the manifest) has a short total timeout; a bulk one (the
/// snapshot, up to hundreds of MiB on a slow venue link) is aborted when it stalls instead, with a generous cap.
struct FetchTimeouts {
  std::chrono::milliseconds connect{3000};  ///< to open the TCP connection
  std::chrono::milliseconds total{15000};   ///< a small request: the whole of it, connection included
  std::chrono::milliseconds bulk_total{std::chrono::hours{1}};  ///< a bulk request: the whole of it, at most
  long low_speed_bytes = 1024;              ///< a bulk request slower than this many bytes per second ...
  std::chrono::seconds low_speed_time{10};  ///< ... for this long is aborted (CURLOPT_LOW_SPEED_LIMIT / _TIME)
};

/// One request: a GET, or a POST when `post` is set.
struct FetchRequest {
  std::string url;                     ///< http:// or https:// only
  std::string if_none_match;           ///< an ETag from an earlier response, sent as If-None-Match; empty: not sent
  std::string if_modified_since;       ///< a Last-Modified from an earlier response, sent as is; empty: not sent
  std::uint64_t max_bytes = 0;         ///< the body may not be larger (bytes); the transfer is cut off beyond
  bool bulk = false;                   ///< a large download: bulk_total and the low-speed limit apply instead of total
  std::stop_token stop{};              ///< when stop is requested the transfer ends within about a second (FetchError)
  bool post = false;                   ///< POST `post_body` (sent as is) instead of a GET
  std::string_view post_body{};        ///< the POST body; must outlive the call
  std::vector<std::string> headers{};  ///< more request headers, each "Name: value"
  bool follow_redirects = true;  ///< false: a 3xx is returned as is (a token must never follow a redirect elsewhere)
  /// A response header (case-insensitive name) whose value is kept in FetchResponse::captured; empty: none.
  std::string capture_header{};
  /// The whole transfer at most (a small request); zero: the Fetcher's FetchTimeouts::total.
  std::chrono::milliseconds total{0};
  std::string user_agent{};  ///< empty: "kiosk-sync/0.1"
};

/// One response (any status: 404 and 500 are responses, not errors).
struct FetchResponse {
  long status = 0;                   ///< HTTP status of the final response (after redirects)
  std::string body;                  ///< as received (decoded when the server compressed it)
  std::string etag;                  ///< ETag header, verbatim (quotes and W/ kept), or empty
  std::string last_modified;         ///< Last-Modified header, verbatim, or empty
  std::string date;                  ///< Date header, verbatim, or empty
  std::string effective_url;         ///< the URL the body came from (after redirects)
  std::uint64_t bytes_received = 0;  ///< header bytes plus body bytes, as libcurl counted them
  std::string captured;              ///< the value of FetchRequest::capture_header in the final response, or empty
};

/// Owns one libcurl easy handle, reused from request to request (keeps the connection alive between polls).
/// Not thread-safe: one per thread. Redirects are followed (at most 5, http and https only) unless the request says
/// not. The process's one curl_global_init runs (once) when the first Fetcher is made.
class Fetcher {
 public:
  explicit Fetcher(FetchTimeouts timeouts = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  /// GETs (or POSTs, request.post) request.url. Returns the response whatever its status; throws FetchError when
  /// the transfer fails (Connect: refused or unreachable; Timeout: the total timeout, or a bulk download below the
  /// low-speed limit; Truncated: closed before Content-Length bytes; TooLarge: more than max_bytes; Other: stopped,
  /// bad URL, ...).
  FetchResponse Get(const FetchRequest& request);

  /// `relative` (a file name) resolved against `base` (RFC 3986 section 5, as libcurl's URL API does it).
  /// Throws FetchError (Other) when either is not a valid URL.
  static std::string Resolve(const std::string& base, const std::string& relative);

  /// Seconds since the Unix epoch of an HTTP date (RFC 7231 IMF-fixdate and the older forms), or -1.
  static std::int64_t ParseHttpDate(const std::string& date);

 private:
  struct Handle;
  std::unique_ptr<Handle> m_handle;
  FetchTimeouts m_timeouts;
};

}  // namespace kiosk::sync
