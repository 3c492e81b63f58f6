// The one HTTP client over libcurl: one reused easy handle, conditional requests, POST, timeouts and a body size cap.
#include "kiosk/sync/Fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace kiosk::sync {
namespace {

constexpr long kMaxRedirects = 5;
constexpr const char* kUserAgent = "kiosk-sync/0.1";

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Trim(std::string text) {
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), space).base(), text.end());
  return text;
}

bool SameName(const std::string& a, const char* b) {
  std::size_t n = std::char_traits<char>::length(b);
  if (a.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// What the callbacks collect during one transfer.
struct Transfer {
  std::uint64_t max_bytes = 0;
  bool too_large = false;
  std::stop_token stop;
  bool stopped = false;
  std::string capture_header;
  FetchResponse response;
};

// libcurl calls it at least once a second, even while nothing arrives: a non-zero return aborts the transfer.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(user);
  if (!transfer->stop.stop_requested()) return 0;
  transfer->stopped = true;
  return 1;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->max_bytes && transfer->response.body.size() + bytes > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;  // libcurl aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a redirect or a 100 Continue): forget the previous one's headers.
    transfer->response.etag.clear();
    transfer->response.last_modified.clear();
    transfer->response.date.clear();
    transfer->response.captured.clear();
    return bytes;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string::npos) return bytes;
  std::string name = line.substr(0, colon), value = Trim(line.substr(colon + 1));
  if (SameName(name, "ETag")) {
    transfer->response.etag = value;
  } else if (SameName(name, "Last-Modified")) {
    transfer->response.last_modified = value;
  } else if (SameName(name, "Date")) {
    transfer->response.date = value;
  }
  if (!transfer->capture_header.empty() && SameName(name, transfer->capture_header.c_str())) {
    transfer->response.captured = value;
  }
  return bytes;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

}  // namespace

struct Fetcher::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

Fetcher::Fetcher(FetchTimeouts timeouts) : m_handle(std::make_unique<Handle>()), m_timeouts(timeouts) {
  InitCurl();
  m_handle->curl = curl_easy_init();
  if (!m_handle->curl) throw FetchError(FetchError::Kind::Other, "libcurl cannot create a transfer handle");
}

Fetcher::~Fetcher() = default;

FetchResponse Fetcher::Get(const FetchRequest& request) {
  CURL* curl = m_handle->curl;
  // Reset the options, keep the connection cache: the next poll reuses the TCP connection when the server allows.
  curl_easy_reset(curl);
  Transfer transfer;
  transfer.max_bytes = request.max_bytes;
  transfer.stop = request.stop;
  transfer.capture_header = request.capture_header;
  char error_buffer[CURL_ERROR_SIZE] = {};

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& header) {
    curl_slist* list = curl_slist_append(headers.get(), header.c_str());
    if (!list) throw FetchError(FetchError::Kind::Other, "out of memory");
    headers.release();
    headers.reset(list);
  };
  if (!request.if_none_match.empty()) add_header("If-None-Match: " + request.if_none_match);
  if (!request.if_modified_since.empty()) add_header("If-Modified-Since: " + request.if_modified_since);
  for (const std::string& header : request.headers) add_header(header);

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, kMaxRedirects);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_timeouts.connect.count()));
  if (request.bulk) {
    // A big snapshot on a slow link may take minutes: abort it when it stalls rather than after a short total.
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_timeouts.bulk_total.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_timeouts.low_speed_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_timeouts.low_speed_time.count()));
  } else {
    const auto total = request.total.count() > 0 ? request.total : m_timeouts.total;
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  }
  if (request.stop.stop_possible()) {
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  }
  curl_easy_setopt(curl, CURLOPT_USERAGENT, request.user_agent.empty() ? kUserAgent : request.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (request.max_bytes) {
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  }
  if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  if (request.post) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.post_body.empty() ? "" : request.post_body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.post_body.size()));
  }

  CURLcode code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);

  FetchResponse& response = transfer.response;
  long header_bytes = 0;
  curl_off_t body_bytes = 0;
  curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_bytes);
  curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
  response.bytes_received = static_cast<std::uint64_t>(header_bytes) + static_cast<std::uint64_t>(body_bytes);

  if (code != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    using Kind = FetchError::Kind;
    switch (code) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        throw FetchError(Kind::Connect, request.url + ": cannot connect (server down?): " + detail);
      case CURLE_OPERATION_TIMEDOUT:
        throw FetchError(Kind::Timeout, request.url + ": timed out: " + detail);
      case CURLE_ABORTED_BY_CALLBACK:
        if (transfer.stopped) throw FetchError(Kind::Other, request.url + ": stopped before the transfer ended");
        throw FetchError(Kind::Other, request.url + ": " + detail);
      case CURLE_PARTIAL_FILE:
        throw FetchError(Kind::Truncated, request.url + ": truncated download: " + detail);
      case CURLE_FILESIZE_EXCEEDED:
        throw FetchError(Kind::TooLarge, request.url + ": larger than the " + std::to_string(request.max_bytes) +
                                             " bytes expected: " + detail);
      case CURLE_WRITE_ERROR:
        if (transfer.too_large) {
          throw FetchError(Kind::TooLarge, request.url + ": larger than the " + std::to_string(request.max_bytes) +
                                               " bytes expected: transfer cut off");
        }
        [[fallthrough]];
      default:
        throw FetchError(Kind::Other, request.url + ": " + detail);
    }
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  response.effective_url = effective ? effective : request.url;
  return std::move(response);
}

std::string Fetcher::Resolve(const std::string& base, const std::string& relative) {
  InitCurl();
  std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (!url) throw FetchError(FetchError::Kind::Other, "out of memory");
  if (CURLUcode code = curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0); code != CURLUE_OK) {
    throw FetchError(FetchError::Kind::Other, "not a URL: '" + base + "' (" + curl_url_strerror(code) + ")");
  }
  // With a URL already set, a relative one resolves against it (RFC 3986 section 5).
  if (CURLUcode code = curl_url_set(url.get(), CURLUPART_URL, relative.c_str(), 0); code != CURLUE_OK) {
    throw FetchError(FetchError::Kind::Other,
                     "cannot resolve '" + relative + "' against " + base + " (" + curl_url_strerror(code) + ")");
  }
  char* text = nullptr;
  if (CURLUcode code = curl_url_get(url.get(), CURLUPART_URL, &text, 0); code != CURLUE_OK) {
    throw FetchError(FetchError::Kind::Other, "cannot resolve '" + relative + "' against " + base);
  }
  std::string resolved = text;
  curl_free(text);
  return resolved;
}

std::int64_t Fetcher::ParseHttpDate(const std::string& date) {
  if (date.empty()) return -1;
  return static_cast<std::int64_t>(curl_getdate(date.c_str(), nullptr));
}

}  // namespace kiosk::sync
