// SHA-256 of a source file's bytes, for the revision log (libsodium).
#include <sodium.h>

#include <string>
#include <string_view>

#include "kiosk/store/ScheduleStore.h"

namespace kiosk {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace kiosk
