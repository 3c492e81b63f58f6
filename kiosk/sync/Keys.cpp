// Ed25519 publisher keys: generation, text files (comment line + base64), signing and verification with libsodium.
#include "kiosk/sync/Keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include "kiosk/sync/Files.h"

namespace kiosk::sync {
namespace {

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(kSignatureBytes == crypto_sign_BYTES);

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

// A key file is two short lines: anything larger is not one.
constexpr std::size_t kMaxKeyFileBytes = 4096;

// The whole key file in one buffer of its final size (no reallocation leaves copies of a secret behind); the caller
// wipes it. Throws KeyError naming the file.
std::string ReadKeyFile(const std::filesystem::path& path, const char* what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw KeyError(std::string("cannot read the ") + what +
                   " file: " + std::system_error(errno, std::generic_category(), path.string()).what());
  }
  std::string text(kMaxKeyFileBytes + 1, '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      sodium_memzero(text.data(), text.size());
      throw KeyError(std::string("cannot read the ") + what +
                     " file: " + std::system_error(error, std::generic_category(), path.string()).what());
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (done > kMaxKeyFileBytes) {
    sodium_memzero(text.data(), text.size());
    throw KeyError(path.string() + ": not a " + what + " file: larger than " + std::to_string(kMaxKeyFileBytes) +
                   " bytes");
  }
  text.resize(done);  // shrinking keeps the buffer: nothing is copied
  return text;
}

// The one non-comment, non-blank line of a key file, trimmed, copied once into a string of its exact size; `text`
// is wiped before returning or throwing. Throws KeyError naming the file.
std::string KeyLine(std::string& text, const std::filesystem::path& path, const char* what) {
  std::string_view all(text), found;
  int count = 0;
  while (!all.empty()) {
    std::size_t end = all.find('\n');
    std::string_view line = all.substr(0, end);
    all.remove_prefix(end == std::string_view::npos ? all.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    if (++count == 1) found = line;
  }
  if (count != 1) {
    sodium_memzero(text.data(), text.size());
    throw KeyError(path.string() + ": not a " + what + " file: expected one line of base64 after the comment, found " +
                   std::to_string(count));
  }
  std::string line(found);
  sodium_memzero(text.data(), text.size());
  return line;
}

// Decoded length of a base64 line, for messages ("32 bytes: is this the public key?"); 0 when not base64.
std::size_t DecodedLength(std::string_view text) {
  std::vector<unsigned char> buffer(text.size());
  std::size_t length = 0;
  const char* end = nullptr;
  const bool ok = sodium_base642bin(buffer.data(), buffer.size(), text.data(), text.size(), nullptr, &length, &end,
                                    sodium_base64_VARIANT_ORIGINAL) == 0 &&
                  end == text.data() + text.size();
  sodium_memzero(buffer.data(), buffer.size());  // it may hold a secret key's bytes
  return ok ? length : 0;
}

std::string FileText(const char* kind, const std::string& id, const std::string& advice, const std::string& base64) {
  return std::string("# kiosk publisher ") + kind + " key (Ed25519), key id " + id + ": " + advice + "\n" + base64 +
         "\n";
}

}  // namespace

std::string ToBase64(const unsigned char* bytes, std::size_t size) {
  std::string text(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

bool FromBase64(std::string_view text, unsigned char* out, std::size_t size) {
  std::vector<unsigned char> buffer(size + 1);  // one spare byte: a longer input fails instead of fitting
  std::size_t length = 0;
  const char* end = nullptr;
  int result = sodium_base642bin(buffer.data(), buffer.size(), text.data(), text.size(), nullptr, &length, &end,
                                 sodium_base64_VARIANT_ORIGINAL);
  bool ok = result == 0 && end == text.data() + text.size() && length == size;
  if (ok) std::copy(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size), out);
  sodium_memzero(buffer.data(), buffer.size());
  return ok;
}

std::string PublicKey::Id() const {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes.data(), bytes.size());
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, 8);
  return hex;
}

bool PublicKey::Verify(std::string_view message, const Signature& signature) const {
  InitSodium();
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), bytes.data()) == 0;
}

SecretKey::SecretKey(const std::array<unsigned char, kSecretKeyBytes>& bytes) : m_bytes(bytes) {
  InitSodium();
  // libsodium keeps seed || public key: derive the pair from the seed again and insist both halves agree.
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char derived[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(public_key, derived, m_bytes.data());
  bool same = sodium_memcmp(derived, m_bytes.data(), sizeof derived) == 0;
  sodium_memzero(derived, sizeof derived);
  if (!same) {
    sodium_memzero(m_bytes.data(), m_bytes.size());
    throw KeyError("not an Ed25519 secret key: its public half does not match its seed (damaged key?)");
  }
}

SecretKey::~SecretKey() { sodium_memzero(m_bytes.data(), m_bytes.size()); }

SecretKey SecretKey::Generate() {
  InitSodium();
  std::array<unsigned char, kSecretKeyBytes> secret{};
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(public_key, secret.data());
  SecretKey key(secret);
  sodium_memzero(secret.data(), secret.size());
  return key;
}

PublicKey SecretKey::Public() const {
  PublicKey key;
  crypto_sign_ed25519_sk_to_pk(key.bytes.data(), m_bytes.data());
  return key;
}

Signature SecretKey::Sign(std::string_view message) const {
  InitSodium();
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), m_bytes.data());
  return signature;
}

KeyPairFiles GenerateKeyPair(const std::filesystem::path& dir) {
  KeyPairFiles files{dir / kSecretKeyFileName, dir / kPublicKeyFileName, {}};
  std::error_code ec;
  for (const std::filesystem::path& path : {files.secret_key, files.public_key}) {
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
      throw KeyError(path.string() +
                     " exists already: refusing to overwrite a key (kiosks trust the public half; remove it first "
                     "only if no kiosk does)");
    }
  }
  if (!std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::create_directories(dir, ec) && ec) {
      throw KeyError("cannot create the key folder " + dir.string() + ": " + ec.message());
    }
    ::chmod(dir.c_str(), 0700);
  } else if (!std::filesystem::is_directory(dir, ec)) {
    throw KeyError(dir.string() + " is not a folder");
  }

  SecretKey secret = SecretKey::Generate();
  PublicKey public_key = secret.Public();
  files.id = public_key.Id();
  std::string secret_base64 = ToBase64(secret.Bytes().data(), secret.Bytes().size());
  std::string secret_text =
      FileText("secret", files.id, "keep it secret and off the web server, anyone holding it can publish a programme",
               secret_base64);
  sodium_memzero(secret_base64.data(), secret_base64.size());
  try {
    WriteFileAtomically(files.secret_key, secret_text, 0600, false);
  } catch (const std::system_error& error) {
    sodium_memzero(secret_text.data(), secret_text.size());
    throw KeyError(error.code() == std::errc::file_exists
                       ? files.secret_key.string() + " exists already: refusing to overwrite a key"
                       : std::string(error.what()));
  }
  sodium_memzero(secret_text.data(), secret_text.size());
  try {
    WriteFileAtomically(files.public_key,
                        FileText("public", files.id, "copy it to every kiosk (kiosk --pubkey)",
                                 ToBase64(public_key.bytes.data(), public_key.bytes.size())),
                        0644, false);
  } catch (const std::system_error& error) {
    std::filesystem::remove(files.secret_key, ec);  // a secret without its public half is of no use
    throw KeyError(error.code() == std::errc::file_exists
                       ? files.public_key.string() + " exists already: refusing to overwrite a key"
                       : std::string(error.what()));
  }
  return files;
}

SecretKey LoadSecretKey(const std::filesystem::path& path, std::string* warning) {
  std::string text = ReadKeyFile(path, "secret key");
  std::string line = KeyLine(text, path, "secret key");
  std::string problem;
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    problem = path.string() + " (the secret key) may be read or written by group or others (mode " + mode +
              "): anyone who can read it can publish a programme; chmod 600 " + path.string();
  }
  if (warning) {
    *warning = problem;
  } else if (!problem.empty()) {
    std::fprintf(stderr, "warning: %s\n", problem.c_str());
  }
  std::array<unsigned char, kSecretKeyBytes> bytes{};
  if (!FromBase64(line, bytes.data(), bytes.size())) {
    std::size_t length = DecodedLength(line);
    sodium_memzero(line.data(), line.size());
    if (length == kPublicKeyBytes) {
      throw KeyError(path.string() + ": holds a 32-byte public key, not the 64-byte secret key (publisher.key)");
    }
    throw KeyError(path.string() + ": not a secret key: expected 64 bytes of base64" +
                   (length ? ", found " + std::to_string(length) + " bytes" : std::string(", found no base64")));
  }
  sodium_memzero(line.data(), line.size());
  try {
    SecretKey key(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return key;
  } catch (const KeyError& error) {
    sodium_memzero(bytes.data(), bytes.size());
    throw KeyError(path.string() + ": " + error.what());
  }
}

PublicKey LoadPublicKey(const std::filesystem::path& path) {
  std::string text = ReadKeyFile(path, "public key");
  std::string line = KeyLine(text, path, "public key");
  PublicKey key;
  if (!FromBase64(line, key.bytes.data(), key.bytes.size())) {
    std::size_t length = DecodedLength(line);
    if (length == kSecretKeyBytes) {
      throw KeyError(path.string() +
                     ": holds a 64-byte secret key, not the 32-byte public key (publisher.pub); never copy the secret "
                     "key to a kiosk");
    }
    throw KeyError(path.string() + ": not a public key: expected 32 bytes of base64" +
                   (length ? ", found " + std::to_string(length) + " bytes" : std::string(", found no base64")));
  }
  return key;
}

bool IsSecretKeyText(std::string_view text) {
  InitSodium();
  if (text.size() == kSecretKeyBytes) {
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES], secret[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(public_key, secret, reinterpret_cast<const unsigned char*>(text.data()));
    sodium_memzero(secret, sizeof secret);
    if (std::memcmp(public_key, text.data() + 32, sizeof public_key) == 0) return true;
  }
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    // 64 bytes are 88 characters of padded base64: only such a line is decoded.
    if (line.size() != sodium_base64_ENCODED_LEN(kSecretKeyBytes, sodium_base64_VARIANT_ORIGINAL) - 1) continue;
    std::array<unsigned char, kSecretKeyBytes> bytes{};
    const bool key = FromBase64(line, bytes.data(), bytes.size());
    sodium_memzero(bytes.data(), bytes.size());
    if (key) return true;
  }
  return false;
}

bool IsSecretKeyDescriptor(int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0 ||
      static_cast<std::size_t>(info.st_size) > kMaxScannedKeyFileBytes) {
    return false;
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::pread(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  const bool key = IsSecretKeyText(text);
  sodium_memzero(text.data(), text.size());
  return key;
}

bool IsSecretKeyFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  Fd file(fd);
  return IsSecretKeyDescriptor(fd);
}

std::filesystem::path FindSecretKeyFile(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // Links to folders are followed too (a link to the keys' folder is as served as the folder itself, by any web
  // server), each folder entered once by its device and inode, so a link loop ends.
  std::set<std::pair<dev_t, ino_t>> seen;
  auto first_visit = [&seen](const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return false;
    return seen.insert({info.st_dev, info.st_ino}).second;
  };
  first_visit(folder);
  fs::recursive_directory_iterator it(
      folder, fs::directory_options::skip_permission_denied | fs::directory_options::follow_directory_symlink, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code status_error;
    // status() follows a symbolic link: a link to the key is looked into like the key itself.
    const fs::file_status status = it->status(status_error);
    if (fs::is_directory(status)) {
      if (!first_visit(it->path())) it.disable_recursion_pending();
      continue;
    }
    if (fs::is_regular_file(status) && IsSecretKeyFile(it->path())) return it->path();
  }
  return {};
}

}  // namespace kiosk::sync
