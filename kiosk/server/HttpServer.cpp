// The HTTP server over GNU libmicrohttpd: routes, guards before the body, a bounded body, and the deadlines that
// libmicrohttpd lacks (its connection timeout restarts with every byte received).
#include "kiosk/server/HttpServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace kiosk::server {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct RouteEntry {
  std::string method;
  std::string path;
  bool prefix = false;
  Handler handler;
  std::size_t max_body = 0;
};

/// One accepted connection, from libmicrohttpd's "started" notice to its "closed" one.
struct ConnectionRecord {
  int fd = -1;
  SteadyClock::time_point accepted;
  bool headers_done = false;  ///< the access handler was called: every header is in
  bool request_done = false;  ///< the whole body is in (or was refused): only the answer is left to send
  bool cut = false;           ///< shut down by the sweep
};

/// One request's state across the access handler's calls.
struct RequestState {
  Request request;
  const RouteEntry* route = nullptr;
  std::size_t max_body = 0;
  bool too_large = false;
  bool answered = false;
  ConnectionRecord* record = nullptr;
};

/// A socket address of either family: the one place that knows where sockaddr_in and sockaddr_in6 keep their port
/// and address, for the address Start listens on and the port it was given.
struct Endpoint {
  sockaddr_storage storage{};
  socklen_t length = 0;

  int Family() const { return storage.ss_family; }
  /// The port in host order.
  int Port() const {
    return ntohs(Family() == AF_INET6 ? reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port
                                      : reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
  }
  sockaddr* Address() { return reinterpret_cast<sockaddr*>(&storage); }

  /// The endpoint of `address`, an IPv6 literal when it holds ':' (else IPv4), and `port`; nullopt when `address` is
  /// no literal of that family.
  static std::optional<Endpoint> Parse(const std::string& address, int port) {
    Endpoint endpoint;
    const bool v6 = address.find(':') != std::string::npos;
    void* raw = nullptr;
    if (v6) {
      auto* in6 = reinterpret_cast<sockaddr_in6*>(&endpoint.storage);
      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons(static_cast<std::uint16_t>(port));
      raw = &in6->sin6_addr;
      endpoint.length = sizeof(sockaddr_in6);
    } else {
      auto* in4 = reinterpret_cast<sockaddr_in*>(&endpoint.storage);
      in4->sin_family = AF_INET;
      in4->sin_port = htons(static_cast<std::uint16_t>(port));
      raw = &in4->sin_addr;
      endpoint.length = sizeof(sockaddr_in);
    }
    if (::inet_pton(endpoint.Family(), address.c_str(), raw) != 1) return std::nullopt;
    return endpoint;
  }
};

}  // namespace

struct HttpServer::Impl {
  ServerLimits limits;
  std::vector<RouteEntry> routes;
  std::vector<std::pair<std::string, Guard>> guards;
  std::function<void(const Request&, int)> logger;

  MHD_Daemon* daemon = nullptr;
  mutable std::mutex mutex;  ///< guards records, stopping
  std::set<ConnectionRecord*> records;
  std::atomic<std::size_t> cut{0};
  std::condition_variable wake;
  bool stopping = false;
  std::thread sweeper;

  const RouteEntry* FindRoute(const std::string& method, const std::string& path, bool* other_method) const {
    const std::string wanted = method == "HEAD" ? "GET" : method;
    const RouteEntry* best = nullptr;
    *other_method = false;
    for (const RouteEntry& route : routes) {
      const bool matches = route.prefix ? path.rfind(route.path, 0) == 0 : path == route.path;
      if (!matches) continue;
      if (route.method != wanted) {
        *other_method = true;
        continue;
      }
      if (!route.prefix) return &route;
      if (!best || route.path.size() > best->path.size()) best = &route;
    }
    return best;
  }

  // Every so often: shut down the sockets of connections past their deadline. libmicrohttpd then sees the end of
  // the stream on its next read and closes the connection itself (and notifies "closed", which removes the record
  // under the same mutex before the descriptor is closed: the descriptor shut down is never another connection's).
  void Sweep() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, std::chrono::milliseconds(200));
      const auto now = SteadyClock::now();
      for (ConnectionRecord* record : records) {
        if (record->cut || record->request_done) continue;
        const auto age = now - record->accepted;
        if ((!record->headers_done && age > limits.header_deadline) || age > limits.request_deadline) {
          record->cut = true;
          ++cut;  // before the shutdown: whoever sees the connection end sees it counted
          ::shutdown(record->fd, SHUT_RDWR);
        }
      }
    }
  }

  static void Notify(void* cls, MHD_Connection* connection, void** socket_context,
                     enum MHD_ConnectionNotificationCode code) {
    auto* self = static_cast<Impl*>(cls);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
      auto* record = new ConnectionRecord;
      const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
      record->fd = info ? info->connect_fd : -1;
      record->accepted = SteadyClock::now();
      *socket_context = record;
      std::lock_guard lock(self->mutex);
      if (record->fd >= 0) self->records.insert(record);
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
      auto* record = static_cast<ConnectionRecord*>(*socket_context);
      if (!record) return;
      {
        std::lock_guard lock(self->mutex);
        self->records.erase(record);
      }
      delete record;
      *socket_context = nullptr;
    }
  }

  static void Completed(void*, MHD_Connection*, void** request_context, enum MHD_RequestTerminationCode) {
    delete static_cast<RequestState*>(*request_context);
    *request_context = nullptr;
  }

  static MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
    static_cast<std::vector<std::pair<std::string, std::string>>*>(cls)->emplace_back(key ? key : "",
                                                                                      value ? value : "");
    return MHD_YES;
  }

  void MarkRecord(ConnectionRecord* record, bool request_done) {
    if (!record) return;
    std::lock_guard lock(mutex);
    record->headers_done = true;
    if (request_done) record->request_done = true;
  }

  // Builds and queues `response`. Returns libmicrohttpd's verdict (MHD_NO: not queued).
  static MHD_Result Send(MHD_Connection* connection, Response& response) {
    MHD_Response* answer = nullptr;
    if (response.reader) {
      auto* reader = new BodyReader(std::move(response.reader));
      answer = MHD_create_response_from_callback(
          response.stream_size, 64 * 1024,
          [](void* cls, std::uint64_t offset, char* buffer, std::size_t size) -> ssize_t {
            const ssize_t n = (*static_cast<BodyReader*>(cls))(offset, buffer, size);
            return n > 0 ? n : MHD_CONTENT_READER_END_WITH_ERROR;
          },
          reader, [](void* cls) { delete static_cast<BodyReader*>(cls); });
      if (!answer) delete reader;
    } else {
      answer = MHD_create_response_from_buffer(response.body.size(), response.body.data(), MHD_RESPMEM_MUST_COPY);
    }
    if (!answer) return MHD_NO;
    if (!response.content_type.empty() && response.status != 304 && response.status != 204) {
      MHD_add_response_header(answer, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
    }
    for (const auto& [name, value] : response.headers) MHD_add_response_header(answer, name.c_str(), value.c_str());
    // One request per connection: a kept-alive idle connection would only hold a slot.
    MHD_add_response_header(answer, MHD_HTTP_HEADER_CONNECTION, "close");
    const MHD_Result result = MHD_queue_response(connection, static_cast<unsigned>(response.status), answer);
    MHD_destroy_response(answer);
    return result;
  }

  // Logs and sends the answer to `state`'s request.
  MHD_Result Answer(MHD_Connection* connection, RequestState& state, Response& response) {
    state.answered = true;
    if (logger) logger(state.request, response.status);
    return Send(connection, response);
  }

  static Response Plain(int status, const std::string& text) {
    Response response;
    response.status = status;
    response.SetContent(text + "\n", "text/plain; charset=utf-8");
    return response;
  }

  static MHD_Result Access(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                           const char* upload_data, std::size_t* upload_data_size, void** request_context) {
    auto* self = static_cast<Impl*>(cls);
    auto* state = static_cast<RequestState*>(*request_context);
    if (!state) {
      // First call: every header is in, no body byte has been read.
      state = new RequestState;
      *request_context = state;
      const MHD_ConnectionInfo* socket = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
      state->record = socket ? static_cast<ConnectionRecord*>(socket->socket_context) : nullptr;
      self->MarkRecord(state->record, false);
      Request& request = state->request;
      request.method = method ? method : "";
      request.path = url ? url : "";
      MHD_get_connection_values(connection, MHD_HEADER_KIND, &CollectHeader, &request.headers);
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &CollectHeader, &request.query);
      const MHD_ConnectionInfo* client = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
      if (client && client->client_addr) {
        char text[INET6_ADDRSTRLEN] = "";
        const sockaddr* address = client->client_addr;
        if (address->sa_family == AF_INET) {
          ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
        } else if (address->sa_family == AF_INET6) {
          ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
        }
        request.remote_addr = text;
      }
      for (const auto& [prefix, guard] : self->guards) {
        if (request.path.rfind(prefix, 0) != 0) continue;
        Response response;
        bool handled = false;
        try {
          handled = guard(request, response);
        } catch (const std::exception& error) {
          response = Plain(500, std::string("internal error: ") + error.what());
          handled = true;
        }
        if (handled) return self->Answer(connection, *state, response);
      }
      bool other_method = false;
      state->route = self->FindRoute(request.method, request.path, &other_method);
      if (!state->route) {
        Response response = other_method ? Plain(405, "method not allowed") : Plain(404, "not found");
        return self->Answer(connection, *state, response);
      }
      state->max_body = state->route->max_body ? state->route->max_body : self->limits.max_body_bytes;
      // A body announced larger than the route takes: refused before a byte of it is read.
      const std::string length = request.Header(MHD_HTTP_HEADER_CONTENT_LENGTH);
      std::uint64_t announced = 0;
      if (!length.empty()) {
        auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), announced);
        if (error != std::errc() || end != length.data() + length.size() || announced > state->max_body) {
          state->too_large = true;
          Response response =
              Plain(413, "request body too large: at most " + std::to_string(state->max_body) + " bytes");
          return self->Answer(connection, *state, response);
        }
      }
      return MHD_YES;
    }
    if (*upload_data_size > 0) {
      // Body bytes: kept up to the route's limit; past it dropped (never buffered) and answered with 413.
      const std::size_t size = *upload_data_size;
      *upload_data_size = 0;
      if (state->answered) return MHD_YES;
      if (!state->too_large && state->request.body.size() + size > state->max_body) {
        state->too_large = true;
        std::string().swap(state->request.body);
        if (self->logger) self->logger(state->request, 413);
        // Answered at once when libmicrohttpd takes an answer before the body's end; else once the rest of the
        // body has been read and dropped, or the request deadline cuts the connection first.
        Response response = TooLarge(state->max_body);
        if (Send(connection, response) == MHD_YES) state->answered = true;
      }
      if (!state->too_large) state->request.body.append(upload_data, size);
      return MHD_YES;
    }
    self->MarkRecord(state->record, true);
    if (state->answered) return MHD_YES;
    if (state->too_large) {
      state->answered = true;
      Response response = TooLarge(state->max_body);
      return Send(connection, response);
    }
    Response response;
    try {
      state->route->handler(state->request, response);
    } catch (const std::exception& error) {
      response = Plain(500, std::string("internal error: ") + error.what());
    }
    return self->Answer(connection, *state, response);
  }

  static Response TooLarge(std::size_t max_body) {
    return Plain(413, "request body too large: at most " + std::to_string(max_body) + " bytes");
  }
};

HttpServer::HttpServer(ServerLimits limits) : m_limits(limits), m_impl(std::make_unique<Impl>()) {
  m_impl->limits = m_limits;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Route(const std::string& method, const std::string& path, Handler handler, std::size_t max_body) {
  m_impl->routes.push_back({method, path, false, std::move(handler), max_body});
}

void HttpServer::RoutePrefix(const std::string& method, const std::string& prefix, Handler handler,
                             std::size_t max_body) {
  m_impl->routes.push_back({method, prefix, true, std::move(handler), max_body});
}

void HttpServer::AddGuard(const std::string& prefix, Guard guard) {
  m_impl->guards.emplace_back(prefix, std::move(guard));
}

void HttpServer::SetLogger(std::function<void(const Request& request, int status)> logger) {
  m_impl->logger = std::move(logger);
}

int HttpServer::Start(const std::string& address, int port) {
  if (m_impl->daemon) throw ListenError("the server is already started");
  const std::string where = address + ":" + std::to_string(port);
  std::optional<Endpoint> endpoint = Endpoint::Parse(address, port);
  if (!endpoint) {
    throw ListenError("cannot listen on " + where + ": not an " +
                      (address.find(':') != std::string::npos ? "IPv6" : "IPv4") + " address");
  }
  const bool v6 = endpoint->Family() == AF_INET6;
  const int fd = ::socket(endpoint->Family(), SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw ListenError("cannot listen on " + where + ": " + std::strerror(errno));
  // SO_REUSEADDR alone: a restart reuses the port at once; a second server on it (SO_REUSEPORT would let it start
  // and take half of the requests to another store) fails.
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (v6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &yes, sizeof yes);
  if (::bind(fd, endpoint->Address(), endpoint->length) != 0 || ::listen(fd, 511) != 0) {
    const int error = errno;
    ::close(fd);
    throw ListenError("cannot listen on " + where + ": " + std::strerror(error) +
                      (error == EADDRINUSE      ? " (another server on that port?)"
                       : error == EADDRNOTAVAIL ? " (not an address of this machine?)"
                                                : ""));
  }
  Endpoint bound;
  bound.length = sizeof bound.storage;
  ::getsockname(fd, bound.Address(), &bound.length);
  const int bound_port = bound.Port();

  // Each connection takes a descriptor: raise the soft limit to the hard one, and keep the connection limit under it.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
    if (files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &files);
      ::getrlimit(RLIMIT_NOFILE, &files);
    }
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < m_limits.max_connections + 64u) {
      m_limits.max_connections = files.rlim_cur > 128 ? static_cast<unsigned>(files.rlim_cur - 64) : 64u;
    }
  }
  m_impl->limits = m_limits;
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = false;
  }
  m_impl->daemon = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | (v6 ? MHD_USE_IPv6 : 0), 0, nullptr, nullptr, &Impl::Access, m_impl.get(),
      MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(fd), MHD_OPTION_THREAD_POOL_SIZE,
      static_cast<unsigned>(std::max(1u, m_limits.threads)), MHD_OPTION_CONNECTION_LIMIT, m_limits.max_connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, m_limits.max_connections_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
      m_limits.idle_timeout_seconds, MHD_OPTION_NOTIFY_CONNECTION, &Impl::Notify, m_impl.get(),
      MHD_OPTION_NOTIFY_COMPLETED, &Impl::Completed, m_impl.get(), MHD_OPTION_END);
  if (!m_impl->daemon) {
    ::close(fd);
    throw ListenError("cannot listen on " + where + ": libmicrohttpd did not start");
  }
  m_impl->sweeper = std::thread([impl = m_impl.get()] { impl->Sweep(); });
  return bound_port;
}

void HttpServer::Stop() {
  if (!m_impl->daemon) return;
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = true;
  }
  m_impl->wake.notify_all();
  if (m_impl->sweeper.joinable()) m_impl->sweeper.join();
  MHD_stop_daemon(m_impl->daemon);  // closes the listening socket too
  m_impl->daemon = nullptr;
}

std::size_t HttpServer::OpenConnections() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->records.size();
}

std::size_t HttpServer::CutConnections() const { return m_impl->cut; }

}  // namespace kiosk::server
