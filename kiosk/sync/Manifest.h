// The signed manifest of a published snapshot: a small text file, like Debian's InRelease, that names the snapshot by
// revision, size and SHA-256 and carries an Ed25519 signature over everything before the signature line.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/core/Model.h"
#include "kiosk/sync/Keys.h"

namespace kiosk::sync {

/// A manifest cannot be parsed or its signature does not verify. The message names the source (URL or file) and,
/// for a parse error, the line; the kind says which, set where the check failed (the sync client passes it on as a
/// SyncFailure, so nobody reads the message to sort failures).
class ManifestError : public std::runtime_error {
 public:
  enum class Kind {
    NotAManifest,  ///< an empty body, or one with neither a `format` first line nor a signature last line
    Truncated,     ///< a manifest whose last line has no line end (cut short)
    BadSignature,  ///< no signature line, a signature that is not 64 bytes of base64, or one that does not verify
    Malformed,     ///< a line or field that breaks the format (named with its line), or one SignManifest cannot write
  };
  ManifestError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind GetKind() const { return m_kind; }

 private:
  Kind m_kind;
};

/// The manifest's file name in the published folder.
constexpr const char* kManifestFileName = "manifest";
/// The manifest's first line names its format; a kiosk refuses any other.
constexpr const char* kManifestFormat = "kiosk-snapshot 1";
/// A manifest is a few hundred bytes; anything longer than this is refused unread.
constexpr std::size_t kMaxManifestBytes = 64 * 1024;
/// The largest snapshot a kiosk takes (SyncOptions::max_snapshot_bytes) and publish writes (PublishOptions): 256 MiB.
/// One constant for both ends, so a snapshot every kiosk would refuse is refused when published, with the reason.
constexpr std::uint64_t kMaxSnapshotBytes = 256ull << 20;

/// What a manifest says. Its text, one "name value" line each, in this order:
///   format kiosk-snapshot 1
///   revision 12                      (the store's revision, > 0)
///   schema 2                         (PRAGMA user_version of the snapshot, > 0)
///   file snapshot-12-0123abcd.db     (relative to the manifest's URL: [A-Za-z0-9._-], no leading dot, no slash)
///   size 131072                      (bytes)
///   sha256 <64 lowercase hex>
///   published 2026-07-08T08:20:00Z   (UTC)
///   key <PublicKey::Id() of the signer: exactly 16 lowercase hex digits>
///   signature <base64 Ed25519 detached signature of every byte before this line>
struct Manifest {
  std::int64_t revision = 0;
  int schema = 0;
  std::string file;
  std::uint64_t size = 0;
  std::string sha256;
  Instant published{};  ///< UTC
  std::string key_id;

  bool operator==(const Manifest&) const = default;
};

/// The manifest's signed text: its lines, then "signature <base64>" over those bytes. Key id is taken from `key`.
/// Throws ManifestError when a field is out of range (so a publisher cannot write what no kiosk would read).
std::string SignManifest(Manifest manifest, const SecretKey& key);

/// A manifest as read, not yet trusted.
struct ParsedManifest {
  Manifest manifest;
  std::string signed_text;  ///< every byte before the signature line
  Signature signature{};
};

/// What a body that is not a manifest looks like, for a message that names what was received instead of the part of
/// the manifest format it breaks: "an HTML page titled 'Directory listing for /'", "a JSON document", "an SQLite
/// database", "binary data", "text starting 'Hello'", "an empty body". Quotes at most 60 printable ASCII characters
/// of the body (nothing else of it reaches a log or a screen).
std::string DescribeReceived(std::string_view body);

/// Parses strictly: LF line ends, `format` first, every field exactly once, no unknown field, decimal numbers without
/// sign or leading zeros, the signature line last. Does not verify the signature. Throws ManifestError naming
/// `source` and the line; a body with neither a `format` first line nor a signature last line (a directory listing,
/// an error page) is "not a manifest: received <DescribeReceived>".
ParsedManifest ParseManifest(std::string_view text, const std::string& source);

/// Verifies the signature with `trusted` before reading any field (crypto_sign_verify_detached over every byte before
/// the signature line), then parses. Throws ManifestError: "no signature", "bad signature" (naming the key id the
/// manifest claims only when that is 16 lowercase hex digits and not the trusted key's: nothing else from an
/// unverified manifest is quoted), or a parse error.
Manifest VerifyManifest(std::string_view text, const PublicKey& trusted, const std::string& source);

}  // namespace kiosk::sync
