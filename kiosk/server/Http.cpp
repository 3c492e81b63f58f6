// Request and Response helpers: header and query look-ups.
#include "kiosk/server/Http.h"

#include <algorithm>

namespace kiosk::server {
namespace {

const std::string* Find(const std::vector<std::pair<std::string, std::string>>& list, std::string_view name,
                        bool ignore_case) {
  for (const auto& [key, value] : list) {
    if (ignore_case ? EqualsIgnoringCase(key, name) : key == name) return &value;
  }
  return nullptr;
}

}  // namespace

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::string Request::Header(std::string_view name) const {
  const std::string* value = Find(headers, name, true);
  return value ? *value : std::string();
}

bool Request::HasHeader(std::string_view name) const { return Find(headers, name, true) != nullptr; }

std::string Request::Param(std::string_view name) const {
  const std::string* value = Find(query, name, false);
  return value ? *value : std::string();
}

bool Request::HasParam(std::string_view name) const { return Find(query, name, false) != nullptr; }

void Response::SetHeader(const std::string& name, const std::string& value) {
  for (auto& [key, old] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      old = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::string Response::Header(std::string_view name) const {
  const std::string* value = Find(headers, name, true);
  return value ? *value : std::string();
}

void Response::SetContent(std::string content, std::string type) {
  body = std::move(content);
  content_type = std::move(type);
  reader = nullptr;
  stream_size = 0;
}

void Response::Stream(std::uint64_t size, std::string type, BodyReader read) {
  body.clear();
  content_type = std::move(type);
  reader = std::move(read);
  stream_size = size;
}

}  // namespace kiosk::server
