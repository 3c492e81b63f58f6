// libFuzzer target for the signed manifest (kiosk/sync/Manifest.h): ParseManifest and VerifyManifest with a fixed
// test key. The first input byte picks the mode: even, the rest is the manifest as fetched (the signature and its
// split are fuzzed, and a forged one must never pass); odd, the rest is the signed text, which the target signs with
// the fixed test secret key and ends with its signature line, so that the fields after the signature check are
// fuzzed too.
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/sync/Keys.h"
#include "kiosk/sync/Manifest.h"

namespace {

using kiosk::sync::Manifest;
using kiosk::sync::ManifestError;

const std::string kSource = "fuzz";

/// The fuzzer's own publisher key, from a fixed seed (a test key: it signs nothing but fuzz inputs).
const kiosk::sync::SecretKey& TestKey() {
  static const kiosk::sync::SecretKey key = [] {
    if (sodium_init() < 0) std::abort();
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(0x4b + i);
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
    std::array<unsigned char, kiosk::sync::kSecretKeyBytes> secret_key{};
    crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data());
    return kiosk::sync::SecretKey(secret_key);
  }();
  return key;
}

/// True when `text` ends with a signature line whose signature verifies with the test key over the bytes before it
/// (computed here, independently of the parser).
bool Authentic(std::string_view text) {
  if (text.empty() || text.back() != '\n') return false;
  const std::size_t previous = text.size() < 2 ? std::string_view::npos : text.rfind('\n', text.size() - 2);
  const std::size_t start = previous == std::string_view::npos ? 0 : previous + 1;
  const std::string_view last = text.substr(start, text.size() - 1 - start);
  if (!last.starts_with("signature ")) return false;
  kiosk::sync::Signature signature{};
  if (!kiosk::sync::FromBase64(last.substr(10), signature.data(), signature.size())) return false;
  return TestKey().Public().Verify(text.substr(0, start), signature);
}

/// Every refusal names the source first.
void CheckMessage(const ManifestError& error, bool authentic) {
  const std::string_view message = error.what();
  if (!message.starts_with(kSource + ":")) std::abort();
  // Nothing from an unverified manifest reaches a log: without a good signature the message is plain ASCII (the
  // source, the key ids, the parser's words).
  if (!authentic && std::any_of(message.begin(), message.end(), [](char c) { return c < 0x20 || c > 0x7e; })) {
    std::abort();
  }
}

/// Parses and verifies `text`; aborts when the two disagree, when a text that does not verify is accepted, or when
/// an accepted manifest cannot be signed again as the same manifest.
void Check(std::string_view text, bool signed_here) {
  const bool authentic = Authentic(text);
  std::optional<kiosk::sync::ParsedManifest> parsed;
  try {
    parsed = kiosk::sync::ParseManifest(text, kSource);
    if (kiosk::sync::ParseManifest(parsed->signed_text + "signature " +
                                       kiosk::sync::ToBase64(parsed->signature.data(), parsed->signature.size()) + "\n",
                                   kSource)
            .manifest != parsed->manifest) {
      std::abort();
    }
  } catch (const ManifestError& error) {
    CheckMessage(error, true);
  }
  std::optional<Manifest> verified;
  try {
    verified = kiosk::sync::VerifyManifest(text, TestKey().Public(), kSource);
  } catch (const ManifestError& error) {
    CheckMessage(error, authentic);
    const std::string_view message = error.what();
    // A text the target signed itself never fails its signature (it may fail its fields, or its size).
    if (signed_here && authentic &&
        (message.starts_with(kSource + ": bad signature") || message.starts_with(kSource + ": no signature"))) {
      std::abort();
    }
  }
  if (verified.has_value() != (authentic && parsed.has_value())) std::abort();
  if (!verified) return;
  if (parsed->manifest != *verified) std::abort();
  // What a kiosk accepts, a publisher can write: signing it again gives a manifest that verifies as the same.
  const std::string again = kiosk::sync::SignManifest(*verified, TestKey());
  Manifest expected = *verified;
  expected.key_id = TestKey().Public().Id();
  if (kiosk::sync::VerifyManifest(again, TestKey().Public(), kSource) != expected) std::abort();
}

}  // namespace

/// See the file comment: byte 0 even, the rest as fetched; odd, the rest signed here with the test key.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 1) == 0) {
    Check(rest, false);
    return 0;
  }
  const kiosk::sync::Signature signature = TestKey().Sign(rest);
  const std::string text =
      std::string(rest) + "signature " + kiosk::sync::ToBase64(signature.data(), signature.size()) + "\n";
  Check(text, true);
  return 0;
}
