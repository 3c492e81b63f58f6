// Ed25519 publisher keys (libsodium): generate a pair, save and load them as small text files, sign and verify.
#pragma once

#include <array>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::sync {

/// A key file is missing, unreadable or malformed, or a key pair would overwrite existing files. The message names
/// the file.
class KeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr std::size_t kPublicKeyBytes = 32;
constexpr std::size_t kSecretKeyBytes = 64;
constexpr std::size_t kSignatureBytes = 64;
using Signature = std::array<unsigned char, kSignatureBytes>;

/// The key every kiosk trusts: 32 raw Ed25519 bytes.
struct PublicKey {
  std::array<unsigned char, kPublicKeyBytes> bytes{};

  /// 16 lowercase hex digits (the first 8 bytes of the key's SHA-256): names the key in manifests and messages.
  std::string Id() const;
  /// True when `signature` is this key's Ed25519 detached signature of `message` (crypto_sign_verify_detached).
  bool Verify(std::string_view message, const Signature& signature) const;
  bool operator==(const PublicKey&) const = default;
};

/// The publisher's secret key: 64 bytes as libsodium keeps it (seed then public key); wiped from memory on
/// destruction.
class SecretKey {
 public:
  /// Takes raw libsodium bytes. Throws KeyError when the public half does not match the seed (a damaged key).
  explicit SecretKey(const std::array<unsigned char, kSecretKeyBytes>& bytes);
  SecretKey(const SecretKey& other) : m_bytes(other.m_bytes) {}
  SecretKey& operator=(const SecretKey& other) = default;
  ~SecretKey();

  /// A new random key (crypto_sign_keypair).
  static SecretKey Generate();

  PublicKey Public() const;
  /// Ed25519 detached signature of `message` (crypto_sign_detached).
  Signature Sign(std::string_view message) const;
  const std::array<unsigned char, kSecretKeyBytes>& Bytes() const { return m_bytes; }

 private:
  std::array<unsigned char, kSecretKeyBytes> m_bytes{};
};

/// Where GenerateKeyPair wrote the pair.
struct KeyPairFiles {
  std::filesystem::path secret_key;  ///< DIR/publisher.key, mode 0600
  std::filesystem::path public_key;  ///< DIR/publisher.pub, mode 0644
  std::string id;                    ///< PublicKey::Id()
};

constexpr const char* kSecretKeyFileName = "publisher.key";
constexpr const char* kPublicKeyFileName = "publisher.pub";

/// Makes a new Ed25519 key pair in `dir` (created, mode 0700, when missing): publisher.key (the secret, written
/// atomically with mode 0600) and publisher.pub. Each file is a comment line then the key in base64.
/// Throws KeyError when either file exists already (nothing is overwritten) or cannot be written.
KeyPairFiles GenerateKeyPair(const std::filesystem::path& dir);

/// Reads a secret key file written by GenerateKeyPair. Throws KeyError naming the file when it is unreadable, holds
/// no key or another length (a public key given by mistake), or its halves do not match. Every buffer that held the
/// key's text or bytes is wiped (sodium_memzero) before returning.
/// When group or others may read or write the file (mode & 077, e.g. 0644), the key still loads and a warning naming
/// the file and its mode is put in `*warning` (cleared otherwise); with `warning` null it is written to stderr.
SecretKey LoadSecretKey(const std::filesystem::path& path, std::string* warning = nullptr);

/// Reads a public key file written by GenerateKeyPair. Throws KeyError naming the file when it is unreadable or
/// holds no 32-byte key (a secret key given by mistake is refused too).
PublicKey LoadPublicKey(const std::filesystem::path& path);

/// Files larger than this are not looked into by IsSecretKeyFile (a key file is under 4 KiB).
constexpr std::size_t kMaxScannedKeyFileBytes = 64 * 1024;

/// True when `text` holds a secret key, decided by content, not by name: a line (spaces trimmed) that is strict
/// base64 of exactly 64 bytes (the form GenerateKeyPair writes, whatever the comment says), or exactly 64 raw bytes
/// whose second half is the Ed25519 public key of the first (libsodium's own layout).
bool IsSecretKeyText(std::string_view text);

/// True when the open file `fd` is a regular file of at most kMaxScannedKeyFileBytes whose content IsSecretKeyText,
/// read through `fd` (pread: its offset is untouched), so a check and what is then sent are the same file. An
/// unreadable file is false. Never throws.
bool IsSecretKeyDescriptor(int fd);

/// True when the file at `path` (symbolic links followed) is a regular file of at most kMaxScannedKeyFileBytes whose
/// content IsSecretKeyText. An unreadable file is false. Never throws.
bool IsSecretKeyFile(const std::filesystem::path& path);

/// The first file at any depth under `folder` that IsSecretKeyFile (publisher.KEY, publisher.key~, sub/x.key, a
/// hard link or a symbolic link to the key, whatever its name), or an empty path. Symbolic links to files and to
/// folders are followed, each folder looked into once (a link loop ends); unreadable folders are skipped. Never throws.
std::filesystem::path FindSecretKeyFile(const std::filesystem::path& folder);

/// Base64 (RFC 4648 section 4, with padding) of `size` bytes.
std::string ToBase64(const unsigned char* bytes, std::size_t size);
/// Decodes strict base64 (RFC 4648, padded, no spaces). Returns false when `text` is not exactly `size` bytes of it.
bool FromBase64(std::string_view text, unsigned char* out, std::size_t size);

}  // namespace kiosk::sync
