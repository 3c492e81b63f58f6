// The signed manifest: writing, strict parsing, Ed25519 verification before any field is trusted.
#include "kiosk/sync/Manifest.h"

#include <date/date.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/VenueZone.h"

namespace kiosk::sync {
namespace {

constexpr std::string_view kSignaturePrefix = "signature ";

// Field names in the order they are written.
constexpr const char* kFields[] = {"format", "revision", "schema", "file", "size", "sha256", "published", "key"};

bool IsLowerHex(std::string_view text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool IsSnapshotFileName(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

// Decimal digits only, no sign, no leading zero; nullopt when not so or out of range.
std::optional<std::uint64_t> ParseNumber(std::string_view text, std::uint64_t max) {
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

// "2026-07-08T08:20:00Z" exactly (FormatUtc's form); nullopt otherwise, or for a date that does not exist.
std::optional<Instant> ParseUtc(const std::string& text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 59) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Instant{date::sys_days{ymd}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

// ASCII lower case of at most `count` leading bytes.
std::string LowerPrefix(std::string_view text, std::size_t count) {
  std::string lower(text.substr(0, count));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Up to 60 printable ASCII characters of `text`, runs of anything else (spaces, line ends, markup aside) as one space.
std::string FirstWords(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 60) {
      out += "...";
      break;
    }
    const bool printable = c > ' ' && c < 0x7F;
    if (printable)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NotAManifest(std::string_view text, const std::string& source) {
  return source + ": not a manifest: received " + DescribeReceived(text) + " (" + std::to_string(text.size()) +
         " bytes); a manifest starts with 'format " + kManifestFormat +
         "': give the published folder's URL (e.g. http://HOST:8080/) or its manifest's";
}

struct Split {
  std::string_view signed_text;
  std::string_view signature_line;
};

// Separates the signature line (the last line) from the bytes it signs. Throws ManifestError.
Split SplitSignature(std::string_view text, const std::string& source) {
  if (text.empty()) throw ManifestError(ManifestError::Kind::NotAManifest, source + ": empty manifest");
  if (text.size() > kMaxManifestBytes) {
    throw ManifestError(ManifestError::Kind::NotAManifest,
                        source + ": not a manifest: received " + DescribeReceived(text) + " of " +
                            std::to_string(text.size()) + " bytes (at most " + std::to_string(kMaxManifestBytes) + ")");
  }
  const bool format_first = text.substr(0, 7) == "format ";
  if (text.back() != '\n') {
    if (!format_first) throw ManifestError(ManifestError::Kind::NotAManifest, NotAManifest(text, source));
    throw ManifestError(ManifestError::Kind::Truncated, source + ": manifest truncated: the last line has no line end");
  }
  const std::size_t last_end = text.size() - 1;  // the final line end
  const std::size_t previous = last_end == 0 ? std::string_view::npos : text.rfind('\n', last_end - 1);
  const std::size_t last_start = previous == std::string_view::npos ? 0 : previous + 1;
  std::string_view last = text.substr(last_start, last_end - last_start);
  if (last.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
    if (!format_first) throw ManifestError(ManifestError::Kind::NotAManifest, NotAManifest(text, source));
    throw ManifestError(ManifestError::Kind::BadSignature,
                        source + ": no signature: the manifest's last line must be 'signature <base64>'");
  }
  return {text.substr(0, last_start), last.substr(kSignaturePrefix.size())};
}

Signature DecodeSignature(std::string_view base64, const std::string& source) {
  Signature signature{};
  if (!FromBase64(base64, signature.data(), signature.size())) {
    throw ManifestError(ManifestError::Kind::BadSignature, source + ": bad signature: not 64 bytes of base64");
  }
  return signature;
}

// Parses the signed lines. Throws ManifestError naming source:line.
Manifest ParseFields(std::string_view text, const std::string& source) {
  std::map<std::string, std::string> values;
  std::map<std::string, std::size_t> line_of;
  std::size_t line_number = 0;
  auto fail = [&](std::size_t line, const std::string& message) -> ManifestError {
    return ManifestError(ManifestError::Kind::Malformed, source + ":" + std::to_string(line) + ": " + message);
  };
  while (!text.empty()) {
    ++line_number;
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) throw fail(line_number, "line without a line end");
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      throw fail(line_number, "control character (a manifest has LF line ends and no tabs)");
    }
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0 || space + 1 == line.size()) {
      throw fail(line_number, "expected 'name value', got '" + std::string(line.substr(0, 80)) + "'");
    }
    std::string name(line.substr(0, space)), value(line.substr(space + 1));
    if (value.front() == ' ' || value.back() == ' ') throw fail(line_number, name + ": extra spaces");
    if (name == "signature") throw fail(line_number, "signature: only the last line may be the signature");
    if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return name == f; }) ==
        std::end(kFields)) {
      throw fail(line_number, "unknown field '" + name.substr(0, 40) + "'");
    }
    if (line_number == 1 && name != "format")
      throw fail(1, "the first line must be 'format " + std::string(kManifestFormat) + "'");
    if (!values.emplace(name, value).second) {
      throw fail(line_number, "duplicate field '" + name + "' (first on line " + std::to_string(line_of[name]) + ")");
    }
    line_of[name] = line_number;
  }
  if (values.empty()) throw ManifestError(ManifestError::Kind::Malformed, source + ": manifest has no fields");
  for (const char* field : kFields) {
    if (!values.count(field))
      throw ManifestError(ManifestError::Kind::Malformed, source + ": missing field '" + field + "'");
  }
  if (values["format"] != kManifestFormat) {
    throw fail(line_of["format"], "unsupported format '" + values["format"].substr(0, 40) + "' (this kiosk reads '" +
                                      kManifestFormat + "')");
  }

  Manifest manifest;
  const auto max_int64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::optional<std::uint64_t> revision = ParseNumber(values["revision"], max_int64);
  if (!revision || *revision == 0) throw fail(line_of["revision"], "revision: expected a number > 0");
  manifest.revision = static_cast<std::int64_t>(*revision);
  std::optional<std::uint64_t> schema =
      ParseNumber(values["schema"], static_cast<std::uint64_t>(std::numeric_limits<int>::max()));
  if (!schema || *schema == 0) throw fail(line_of["schema"], "schema: expected a number > 0");
  manifest.schema = static_cast<int>(*schema);
  manifest.file = values["file"];
  if (!IsSnapshotFileName(manifest.file)) {
    throw fail(line_of["file"], "file: expected a plain file name ([A-Za-z0-9._-], no leading dot, no slash)");
  }
  std::optional<std::uint64_t> size = ParseNumber(values["size"], max_int64);
  if (!size || *size == 0) throw fail(line_of["size"], "size: expected a number of bytes > 0");
  manifest.size = *size;
  manifest.sha256 = values["sha256"];
  if (!IsLowerHex(manifest.sha256, 64)) throw fail(line_of["sha256"], "sha256: expected 64 lowercase hex digits");
  std::optional<Instant> published = ParseUtc(values["published"]);
  if (!published) throw fail(line_of["published"], "published: expected a UTC time like 2026-07-08T08:20:00Z");
  manifest.published = *published;
  manifest.key_id = values["key"];
  if (!IsLowerHex(manifest.key_id, 16)) throw fail(line_of["key"], "key: expected a key id of 16 lowercase hex digits");
  return manifest;
}

}  // namespace

std::string DescribeReceived(std::string_view body) {
  if (body.empty()) return "an empty body";
  std::size_t start = 0;
  while (start < body.size() &&
         (body[start] == ' ' || body[start] == '\t' || body[start] == '\r' || body[start] == '\n'))
    ++start;
  // A UTF-8 BOM before markup or JSON.
  if (body.substr(start, 3) == "\xEF\xBB\xBF") start += 3;
  const std::string_view rest = body.substr(start);
  const std::string head = LowerPrefix(rest, 4096);
  if (rest.substr(0, 16) == std::string_view("SQLite format 3\0", 16))
    return "an SQLite database (a snapshot, not its manifest?)";
  if (rest.substr(0, 2) == "\x1F\x8B") return "gzip-compressed data";
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
      (head.rfind("<", 0) == 0 && head.find("<body") != std::string::npos)) {
    std::string page = "an HTML page";
    if (const auto open = head.find("<title>"); open != std::string::npos) {
      const auto close = head.find("</title>", open);
      const std::string title = FirstWords(rest.substr(open + 7, close == std::string::npos ? 80 : close - open - 7));
      if (!title.empty()) page += " titled '" + title + "'";
    }
    return page + (head.find("index of") != std::string::npos || head.find("directory listing") != std::string::npos
                       ? " (a directory listing)"
                       : "");
  }
  if (head.rfind("<?xml", 0) == 0 || head.rfind("<", 0) == 0) return "an XML or HTML document";
  if (head.rfind("{", 0) == 0 || head.rfind("[", 0) == 0) {
    return nlohmann::json::accept(rest) ? "a JSON document" : "text that looks like JSON";
  }
  const std::string_view sample = body.substr(0, 4096);
  const auto binary = std::count_if(sample.begin(), sample.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == 0 || (byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7F;
  });
  if (binary > 0) return "binary data";
  const std::string first = FirstWords(rest.substr(0, rest.find('\n')));
  return first.empty() ? "blank text" : "text starting '" + first + "'";
}

std::string SignManifest(Manifest manifest, const SecretKey& key) {
  manifest.key_id = key.Public().Id();
  if (manifest.revision <= 0 || manifest.schema <= 0 || manifest.size == 0 || !IsSnapshotFileName(manifest.file) ||
      !IsLowerHex(manifest.sha256, 64)) {
    throw ManifestError(ManifestError::Kind::Malformed,
                        "cannot sign a manifest with revision " + std::to_string(manifest.revision) + ", schema " +
                            std::to_string(manifest.schema) + ", file '" + manifest.file + "', size " +
                            std::to_string(manifest.size) + ", sha256 '" + manifest.sha256 + "'");
  }
  std::string text = std::string("format ") + kManifestFormat + "\n";
  text += "revision " + std::to_string(manifest.revision) + "\n";
  text += "schema " + std::to_string(manifest.schema) + "\n";
  text += "file " + manifest.file + "\n";
  text += "size " + std::to_string(manifest.size) + "\n";
  text += "sha256 " + manifest.sha256 + "\n";
  text += "published " + FormatUtc(manifest.published) + "\n";
  text += "key " + manifest.key_id + "\n";
  Signature signature = key.Sign(text);
  text += std::string(kSignaturePrefix) + ToBase64(signature.data(), signature.size()) + "\n";
  return text;
}

ParsedManifest ParseManifest(std::string_view text, const std::string& source) {
  Split split = SplitSignature(text, source);
  ParsedManifest parsed;
  parsed.signature = DecodeSignature(split.signature_line, source);
  parsed.manifest = ParseFields(split.signed_text, source);
  parsed.signed_text = std::string(split.signed_text);
  return parsed;
}

Manifest VerifyManifest(std::string_view text, const PublicKey& trusted, const std::string& source) {
  Split split = SplitSignature(text, source);
  Signature signature = DecodeSignature(split.signature_line, source);
  if (!trusted.Verify(split.signed_text, signature)) {
    // The key line is not authenticated yet: use it only to say which key the publisher probably used, and only
    // when it is a key id (16 lowercase hex digits, nothing else on the line): no attacker's text reaches a log.
    std::string claimed;
    if (std::size_t at = split.signed_text.find("\nkey "); at != std::string_view::npos) {
      std::string_view rest = split.signed_text.substr(at + 5);
      std::string_view value = rest.substr(0, rest.find('\n'));
      if (IsLowerHex(value, 16)) claimed = std::string(value);
    }
    if (!claimed.empty() && claimed != trusted.Id()) {
      throw ManifestError(ManifestError::Kind::BadSignature,
                          source + ": bad signature: the manifest names key " + claimed + ", this kiosk trusts key " +
                              trusted.Id() + " (wrong --pubkey, or a manifest not from the organizers)");
    }
    throw ManifestError(ManifestError::Kind::BadSignature,
                        source + ": bad signature: the manifest does not verify with the trusted key " + trusted.Id() +
                            " (changed after signing, or not from the organizers)");
  }
  return ParseFields(split.signed_text, source);
}

}  // namespace kiosk::sync
