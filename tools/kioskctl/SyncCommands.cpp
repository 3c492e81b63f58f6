// kioskctl's signed snapshots: keygen, publish, pull, serve.
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "kiosk/checkin/CheckinHub.h"
#include "kiosk/checkin/Token.h"
#include "kiosk/server/HttpServer.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/sync/Files.h"
#include "kiosk/sync/Keys.h"
#include "kiosk/sync/Manifest.h"
#include "kiosk/sync/Publisher.h"
#include "kiosk/sync/SyncClient.h"
#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;

/// Serves a published folder read-only, deciding by what a file is, not by its name: only `manifest` and the
/// snapshots the current manifest (and the one before it, which a kiosk may still be downloading) names, each a
/// regular file inside the folder once links are resolved, whose content is what it should be (the manifest's first
/// line; a snapshot's SQLite header); never a file whose content is a secret key (sync::IsSecretKeyDescriptor at each
/// request, whatever its name or link: 403 and a line on stderr), never the hub's registrant store (same device and
/// inode) nor any registrant store (the SQLite header with RegistrantStore::ApplicationId). No listing, nothing else:
/// every other path is 404. Each response carries a strong ETag (quoted SHA-256 prefix of the content, cached by inode,
/// size and mtime) and Last-Modified, and answers a matching If-None-Match (or, without one, an If-Modified-Since not
/// older than the file) with 304; the manifest is Cache-Control: no-cache, the content-named snapshots immutable.
/// Bodies are streamed from the open file in 64 KiB blocks: twenty kiosks downloading a big snapshot do not each hold a
/// copy of it.
class FolderServer {
 public:
  /// `people`: the hub's registrant store, or empty.
  FolderServer(fs::path root, fs::path people) : m_root(std::move(root)), m_people(std::move(people)) {
    struct stat info {};
    if (!m_people.empty() && ::stat(m_people.c_str(), &info) == 0) m_people_file = {info.st_dev, info.st_ino};
  }

  void Handle(const server::Request& request, server::Response& response) {
    std::optional<fs::path> file = Resolve(request.path);
    if (!file) return NotFound(response);
    // Everything below reads through this one descriptor: a publisher renaming a new file into place meanwhile
    // cannot pair one file's ETag with another's bytes. The response's reader keeps it open.
    auto fd = std::make_shared<sync::Fd>(::open(file->c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (fd->Get() < 0) return NotFound(response);
    struct stat info {};
    if (::fstat(fd->Get(), &info) != 0 || !S_ISREG(info.st_mode)) return NotFound(response);
    const std::string name = file->filename().string();
    const bool manifest = name == sync::kManifestFileName;
    if (!manifest && !Allowed(name)) return NotFound(response);
    // Checked again at each request, through the descriptor that would send it: a key copied over the manifest or
    // a snapshot it names after the server started (the start-up scan saw the folder clean) is refused, said loudly.
    if (sync::IsSecretKeyDescriptor(fd->Get())) return Forbidden(request, response);
    if (!IsWhatItShouldBe(fd->Get(), info, manifest)) return NotFound(response);
    std::string etag;
    try {
      etag = ETag(*file, fd->Get(), info);
    } catch (const std::exception&) {
      return NotFound(response);
    }

    response.SetHeader("ETag", etag);
    response.SetHeader("Last-Modified", HttpDate(info.st_mtim.tv_sec));
    response.SetHeader("Cache-Control", manifest ? "no-cache" : "public, max-age=31536000, immutable");
    const std::string if_none_match = request.Header("If-None-Match");
    if (!if_none_match.empty() ? Matches(if_none_match, etag)
                               : NotModifiedSince(request.Header("If-Modified-Since"), info.st_mtim.tv_sec)) {
      response.status = 304;
      return;
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    response.Stream(size, manifest ? "text/plain; charset=utf-8" : "application/vnd.sqlite3",
                    [fd, size](std::uint64_t offset, char* buffer, std::size_t length) -> ssize_t {
                      const std::size_t wanted = static_cast<std::size_t>(
                          std::min<std::uint64_t>({length, size - std::min(offset, size), 1 << 16}));
                      if (wanted == 0) return -1;
                      ssize_t n = -1;
                      do {
                        n = ::pread(fd->Get(), buffer, wanted, static_cast<off_t>(offset));
                      } while (n < 0 && errno == EINTR);
                      // A file cut short since fstat: end the connection, the client sees a truncated download.
                      return n > 0 ? n : -1;
                    });
  }

 private:
  struct Cached {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    long long mtime_ns = 0;
    std::string etag;
  };

  /// The file names the folder's manifest names now and named before (as this server last read it): re-read when
  /// the manifest's inode, size or mtime changed. An unreadable or unparsable manifest names nothing.
  bool Allowed(const std::string& name) {
    struct stat info {};
    const fs::path manifest = m_root / sync::kManifestFileName;
    std::string current;
    {
      std::lock_guard lock(m_mutex);
      if (::stat(manifest.c_str(), &info) == 0 && info.st_ino == m_manifest.inode && info.st_dev == m_manifest.device &&
          info.st_size == m_manifest.size &&
          info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec == m_manifest.mtime_ns) {
        return !name.empty() && (name == m_current_file || name == m_previous_file);
      }
    }
    try {
      const std::string text = sync::ReadWholeFile(manifest);
      if (text.size() <= sync::kMaxManifestBytes) current = sync::ParseManifest(text, manifest.string()).manifest.file;
    } catch (const std::exception&) {
      current.clear();
    }
    std::lock_guard lock(m_mutex);
    if (current != m_current_file && !m_current_file.empty()) m_previous_file = m_current_file;
    m_current_file = current;
    m_manifest = {info.st_dev, info.st_ino, info.st_size, info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec,
                  ""};
    return !name.empty() && (name == current || name == m_previous_file);
  }

  /// The content check: the manifest starts with its format line, a snapshot is a SQLite file that is not a
  /// registrant store (nor the hub's own store under any name), and neither is a secret key.
  bool IsWhatItShouldBe(int fd, const struct stat& info, bool manifest) const {
    auto same = [&](const std::pair<dev_t, ino_t>& file) {
      return file.first == info.st_dev && file.second == info.st_ino;
    };
    if (m_people_file && same(*m_people_file)) return false;
    struct stat people {};
    // The path again: the store may have been replaced by another file since the server started.
    if (!m_people.empty() && ::stat(m_people.c_str(), &people) == 0 && same({people.st_dev, people.st_ino}))
      return false;
    unsigned char header[72];
    ssize_t n = -1;
    do {
      n = ::pread(fd, header, sizeof header, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return false;
    if (manifest) {
      const std::string first = std::string(sync::kManifestFormat);
      const std::string head(reinterpret_cast<const char*>(header), static_cast<std::size_t>(n));
      return head.rfind("format " + first + "\n", 0) == 0;
    }
    if (n != static_cast<ssize_t>(sizeof header)) return false;
    // SQLite file format section 1.3: the 16-byte magic string, and the application id at offset 68, big-endian.
    if (std::memcmp(header, "SQLite format 3", 16) != 0) return false;  // 15 characters and the terminating NUL
    const std::uint32_t id = (std::uint32_t{header[68]} << 24) | (std::uint32_t{header[69]} << 16) |
                             (std::uint32_t{header[70]} << 8) | std::uint32_t{header[71]};
    return id != static_cast<std::uint32_t>(RegistrantStore::ApplicationId());
  }

  /// 403 for a file whose content is a secret key, and a line on stderr telling the organizer.
  static void Forbidden(const server::Request& request, server::Response& response) {
    response.status = 403;
    response.SetContent("forbidden\n", "text/plain; charset=utf-8");
    std::cerr << "kioskctl: refused " + Printable(request.path, 200) + " to " + request.remote_addr +
                     ": its content is a secret key; remove it from the served folder and keep the key elsewhere\n";
  }

  static void NotFound(server::Response& response) {
    response.status = 404;
    response.SetContent("not found\n", "text/plain; charset=utf-8");
  }

  // The file a request path names directly in the root, or nullopt: one component, not hidden, and its real path
  // (symbolic links followed) still a file directly in the root.
  std::optional<fs::path> Resolve(const std::string& path) const {
    if (path.size() < 2 || path[0] != '/' || path.find('\0') != std::string::npos ||
        path.find_first_of("/\\", 1) != std::string::npos || path[1] == '.') {
      return std::nullopt;
    }
    std::error_code ec;
    fs::path real = fs::canonical(m_root / path.substr(1), ec);
    if (ec || real.parent_path() != m_root) return std::nullopt;
    return real;
  }

  // Hashes the file (streamed) only when its inode, size or mtime changed since the last request for it; the lock is
  // not held while hashing. Throws std::system_error.
  std::string ETag(const fs::path& file, int fd, const struct stat& info) {
    const long long mtime_ns = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
    auto same = [&](const Cached& cached) {
      return !cached.etag.empty() && cached.device == info.st_dev && cached.inode == info.st_ino &&
             cached.size == info.st_size && cached.mtime_ns == mtime_ns;
    };
    {
      std::lock_guard lock(m_mutex);
      if (auto it = m_cache.find(file.string()); it != m_cache.end() && same(it->second)) return it->second.etag;
    }
    const std::string etag = "\"" + sync::Sha256HexOfFile(fd, file).substr(0, 32) + "\"";
    std::lock_guard lock(m_mutex);
    m_cache[file.string()] = {info.st_dev, info.st_ino, info.st_size, mtime_ns, etag};
    return etag;
  }

  // If-None-Match (RFC 7232 section 3.2): "*" or a list of entity tags, compared weakly.
  static bool Matches(const std::string& header, const std::string& etag) {
    std::size_t start = 0;
    while (start < header.size()) {
      std::size_t end = header.find(',', start);
      if (end == std::string::npos) end = header.size();
      std::string tag = header.substr(start, end - start);
      tag.erase(0, tag.find_first_not_of(" \t"));
      tag.erase(tag.find_last_not_of(" \t") + 1);
      if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
      if (tag == "*" || tag == etag) return true;
      start = end + 1;
    }
    return false;
  }

  /// An HTTP date (RFC 9110 section 5.6.7, IMF-fixdate) of Unix seconds.
  static std::string HttpDate(std::time_t seconds) {
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
  }

  /// If-Modified-Since (RFC 9110 section 13.1.3): true when the header is an IMF-fixdate not older than `mtime`.
  static bool NotModifiedSince(const std::string& header, std::time_t mtime) {
    if (header.empty()) return false;
    std::tm utc{};
    const char* end = ::strptime(header.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    if (!end || *end != '\0') return false;
    return ::timegm(&utc) >= mtime;
  }

  fs::path m_root;  ///< canonical
  fs::path m_people;
  std::optional<std::pair<dev_t, ino_t>> m_people_file;  ///< the people file when the server started
  std::mutex m_mutex;  ///< guards m_cache, m_manifest, m_current_file, m_previous_file
  std::map<std::string, Cached> m_cache;
  Cached m_manifest;            ///< the manifest's inode, size and mtime when last read
  std::string m_current_file;   ///< the snapshot it names
  std::string m_previous_file;  ///< the snapshot it named before
};

/// True when `path` is inside `folder` (both made absolute and normalized; symbolic links followed when they exist).
bool IsInside(const fs::path& path, const fs::path& folder) {
  std::error_code ec;
  fs::path file = fs::weakly_canonical(path, ec), root = fs::weakly_canonical(folder, ec);
  auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end() && file_it != file.end();
}

/// Throws InvalidInput when a file at any depth under `folder` holds a secret key, decided by its content whatever
/// its name or link (sync::FindSecretKeyFile): it would be one download away from anyone on the network.
void RefuseSecretKeys(const fs::path& folder, const std::string& option) {
  const fs::path key = sync::FindSecretKeyFile(folder);
  if (key.empty()) return;
  const fs::path shown = key.lexically_relative(folder);  // the link's own name, not where it leads
  throw InvalidInput(option + " " + folder.string() + " holds " + (shown.empty() ? key : shown).string() +
                     ", whose content is a secret key: a secret key must never be where a web server can serve it; "
                     "move it elsewhere");
}

int Keygen(const std::string& out) {
  sync::KeyPairFiles files;
  try {
    files = sync::GenerateKeyPair(out);
  } catch (const sync::KeyError& error) {
    throw InvalidInput(error.what());
  }
  std::cout << "key " << files.id << ": wrote " << files.secret_key.string()
            << " (secret, mode 0600: keep it off the web server) and " << files.public_key.string()
            << " (copy it to every kiosk: --pubkey)\n";
  return kExitOk;
}

int PublishCommand(const std::string& db, const std::string& key_file, const std::string& out, bool force) {
  std::error_code ec;
  // The folder a web server serves: made when missing (with its parents), like import makes the store's.
  if (!fs::exists(out, ec)) fs::create_directories(out, ec);
  if (!fs::is_directory(out, ec)) throw InvalidInput("--out " + out + ": not a folder and cannot be made");
  RefuseSecretKeys(out, "--out");
  if (IsInside(key_file, out)) {
    throw InvalidInput("the secret key " + key_file + " is inside the published folder " + out +
                       ": anyone could download it; keep it elsewhere");
  }
  std::optional<sync::SecretKey> key;
  std::string warning;
  try {
    key.emplace(sync::LoadSecretKey(key_file, &warning));
  } catch (const sync::KeyError& error) {
    throw InvalidInput(error.what());
  }
  if (!warning.empty()) std::cerr << "kioskctl: warning: " << warning << "\n";
  sync::PublishOptions publish_options;
  publish_options.force = force;
  sync::PublishResult result;
  try {
    result = sync::Publish(db, *key, out, publish_options);
  } catch (const sync::PublishConflict& error) {
    throw InvalidInput(error.what());
  }
  if (force && result.replaced_revision > result.revision) {
    std::cerr << "kioskctl: warning: --force: revision " << result.revision << " replaces the newer revision "
              << result.replaced_revision << " in " << out
              << "; kiosks that applied it keep it until a newer revision is published\n";
  }
  std::cout << "published revision " << result.revision << " (schema " << result.schema << "): " << result.file << ", "
            << result.size << " bytes, sha256 " << result.sha256 << "; signed manifest " << result.manifest.string()
            << " (key " << key->Public().Id() << ")\n";
  for (const std::string& removed : result.removed) std::cout << "removed " << removed << "\n";
  return kExitOk;
}

int Pull(const std::string& db, const std::string& url, const std::string& pubkey, double timeout) {
  sync::SyncOptions options;
  options.url = url;
  options.db = db;
  if (!(timeout > 0 && timeout <= 3600)) throw InvalidInput("--timeout: expected seconds between 0 and 3600");
  options.timeouts.total = std::chrono::milliseconds(static_cast<long long>(timeout * 1000));
  options.timeouts.connect = std::min(options.timeouts.connect, options.timeouts.total);
  try {
    options.public_key = sync::LoadPublicKey(pubkey);
  } catch (const sync::KeyError& error) {
    throw InvalidInput(error.what());
  }
  std::optional<sync::SyncClient> client;
  try {
    client.emplace(std::move(options));
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
  sync::SyncResult result = client->PullOnce();
  if (result.outcome == sync::SyncOutcome::Failed) {
    std::cerr << "kioskctl: error: " << result.message << "\n";
    return kExitFailure;
  }
  std::cout << sync::ToString(result.outcome) << ": " << result.message << "\n";
  return kExitOk;
}

/// What `serve` serves: a published folder, a check-in hub, or both on one port.
struct ServeOptions {
  std::string dir;              ///< published folder; empty: none
  std::string people;           ///< registrant store of the check-in hub; empty: no hub
  std::string token;            ///< the hub's token, given on the command line
  std::string token_file;       ///< or read from the first line of this file
  int checkin_margin_days = 1;  ///< HubEventRules::margin_days
  int port = 8080;
  std::string bind = "127.0.0.1";
};

constexpr const char* kMakeToken = "make one with: openssl rand -hex 16";

/// The hub's token from --token or --token-file: at least 16 printable ASCII characters without spaces (it goes in an
/// HTTP header). Throws InvalidInput.
std::string HubToken(const ServeOptions& options) {
  if (options.token.empty() == options.token_file.empty()) {
    throw InvalidInput("--people needs the desks' token: --token TOKEN or --token-file FILE (not both); " +
                       std::string(kMakeToken));
  }
  std::string token = options.token;
  if (!options.token_file.empty()) {
    const std::optional<std::string> read = checkin::ReadTokenFile(options.token_file);
    // An empty file reads as an empty token (too short, below), as it always did.
    std::error_code error;
    if (!read && std::filesystem::file_size(options.token_file, error) != 0)
      throw InvalidInput("--token-file " + options.token_file + ": cannot read it");
    token = read.value_or(std::string());
  }
  const bool printable = std::all_of(token.begin(), token.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (!printable)
    throw InvalidInput("the hub's token must be printable ASCII without spaces; " + std::string(kMakeToken));
  if (token.size() < checkin::kMinTokenLength) {
    throw InvalidInput("the hub's token is too short (" + std::to_string(token.size()) + " characters, at least " +
                       std::to_string(checkin::kMinTokenLength) + "): anyone on the venue Wi-Fi could guess it; " +
                       kMakeToken);
  }
  return token;
}

int Serve(const ServeOptions& options) {
  const std::string& dir = options.dir;
  const std::string& bind = options.bind;
  const int port = options.port;
  if (dir.empty() && options.people.empty()) throw InvalidInput("serve needs --dir FOLDER, --people PATH, or both");
  if (options.people.empty() && (!options.token.empty() || !options.token_file.empty())) {
    throw InvalidInput("--token and --token-file are for the check-in hub: give --people PATH too");
  }
  if (port < 0 || port > 65535) throw InvalidInput("--port: expected 0 to 65535");
  std::error_code ec;
  fs::path root;
  if (!dir.empty()) {
    root = fs::canonical(dir, ec);
    if (ec || !fs::is_directory(root, ec)) throw InvalidInput("--dir " + dir + ": no such folder");
  }
  std::unique_ptr<checkin::CheckinHub> hub;
  std::string hub_summary;
  if (!options.people.empty()) {
    const std::string token = HubToken(options);
    if (!root.empty() && IsInside(options.people, root)) {
      throw InvalidInput("the registrant store " + options.people + " is inside the served folder " + dir +
                         ": everyone's personal data would be one download away; keep it elsewhere");
    }
    // A hub may start empty (desks keep their own registrant lists until it has one): create the store if missing.
    RegistrantStore store(options.people, RegistrantStore::Mode::ReadWrite);
    std::size_t registrants = 0;
    for (const RegistrantHit& hit : store.All()) registrants += hit.withdrawn ? 0 : 1;
    hub_summary = std::to_string(registrants) + " registrants (list revision " +
                  std::to_string(store.RegistrantRevision()) + "), " + std::to_string(store.Events().size()) +
                  " check-in events";
    hub = std::make_unique<checkin::CheckinHub>(options.people, token);
    hub->SetEventRules({.margin_days = options.checkin_margin_days});
    // The id desks see: the store's own and this run's, so a restart (even on a restored backup) is noticed.
    hub_summary += ", hub id " + hub->HubId();
  }

  if (!root.empty()) RefuseSecretKeys(root, "--dir");

  // Block the stop signals in every thread (the server's threads inherit the mask) and wait for them here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::HttpServer server;  // event-driven, with the deadlines and limits of server::ServerLimits
  if (hub) hub->Mount(server);
  std::optional<FolderServer> folder;
  if (!root.empty()) {
    folder.emplace(root, options.people);
    server.RoutePrefix("GET", "/", [&folder](const server::Request& request, server::Response& response) {
      folder->Handle(request, response);
    });
  }
  std::mutex log_mutex;
  server.SetLogger([&log_mutex](const server::Request& request, int status) {
    std::lock_guard lock(log_mutex);
    // Method and path are the client's bytes (the path percent-decoded): printed escaped, never as terminal
    // control sequences or a fake log line on the organizer's terminal.
    std::cerr << request.remote_addr << " " << Printable(request.method, 16) << " " << Printable(request.path, 200)
              << " " << status << "\n";
  });
  int bound = -1;
  try {
    bound = server.Start(bind, port);
  } catch (const server::ListenError& error) {
    throw std::runtime_error(error.what());
  }
  const std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  const std::string base = "http://" + host + ":" + std::to_string(bound) + "/";
  if (!root.empty()) {
    std::cout << "serving " << root.string() << " at " << base << " (manifest: " << base << sync::kManifestFileName
              << ")" << (hub ? "" : "; stop with Ctrl-C") << std::endl;
  }
  if (hub) {
    std::cout << "check-in hub for " << options.people << " at " << base << "checkin/v1/ (" << hub_summary
              << "); desks: --hub " << base << "; stop with Ctrl-C" << std::endl;
  }
  int signal = 0;
  sigwait(&signals, &signal);
  server.Stop();
  std::cout << "stopped" << std::endl;
  return kExitOk;
}

}  // namespace

CommandRunner AddSyncCommands(CLI::App& app, std::string& db) {
  struct Options {
    std::string out, key, url, pubkey;
    ServeOptions serve;
    double timeout = 15;
    bool force = false;
  };
  auto options = std::make_shared<Options>();

  CLI::App* keygen = app.add_subcommand("keygen", "make the Ed25519 key pair that signs published snapshots");
  keygen->add_option("--out", options->out, "folder for publisher.key (secret) and publisher.pub")->required();

  CLI::App* publish =
      app.add_subcommand("publish", "write a signed snapshot of the programme into a folder a web server serves");
  publish->add_option("--key", options->key, "the secret key (publisher.key)")->required();
  publish->add_option("--out", options->out, "the published folder")->required();
  publish->add_option("--db", db, "schedule store");
  publish->add_flag("--force", options->force,
                    "publish even when the folder already publishes a newer revision (takes kiosks back)");

  CLI::App* pull = app.add_subcommand("pull", "fetch, verify and apply the published snapshot once");
  pull->add_option("URL", options->url, "the published folder's URL (http://192.168.1.10:8080/) or its manifest's")
      ->required();
  pull->add_option("--pubkey", options->pubkey, "the publisher's public key (publisher.pub)")->required();
  pull->add_option("--db", db, "local schedule store");
  pull->add_option("--timeout", options->timeout,
                   "seconds for the manifest request (default 15); the snapshot download is aborted when it stalls "
                   "(under 1 KiB/s for 10 s) instead");

  CLI::App* serve = app.add_subcommand(
      "serve", "serve a published folder (ETag, 304) and/or the check-in desks' hub over HTTP until stopped");
  serve->add_option("--dir", options->serve.dir, "the published folder");
  serve->add_option("--people", options->serve.people,
                    "registrant store: serve it to the check-in desks as their hub (made empty when missing)");
  serve->add_option("--token", options->serve.token,
                    "the desks' shared token, at least 16 characters (openssl rand -hex 16)");
  serve->add_option("--token-file", options->serve.token_file,
                    "read the token from this file's first line instead (not visible in ps)");
  serve
      ->add_option("--checkin-margin-days", options->serve.checkin_margin_days,
                   "check-ins are accepted within the registrants' days widened by this many days on each side")
      ->check(CLI::Range(0, 3660))
      ->capture_default_str();
  serve->add_option("--port", options->serve.port, "TCP port (0: any free one)")->capture_default_str();
  serve->add_option("--bind", options->serve.bind, "address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();

  return [=, &db]() -> std::optional<int> {
    if (*keygen) return Keygen(options->out);
    if (*publish) return PublishCommand(db, options->key, options->out, options->force);
    if (*pull) return Pull(db, options->url, options->pubkey, options->timeout);
    if (*serve) return Serve(options->serve);
    return std::nullopt;
  };
}

}  // namespace kiosk::ctl
