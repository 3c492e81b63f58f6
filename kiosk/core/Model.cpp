// Programme helpers: lookup, canonical order, days.
#include "kiosk/core/Model.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace kiosk {

const Room* Programme::FindRoom(const std::string& key) const {
  for (const Room& room : rooms) {
    if (room.key == key) return &room;
  }
  return nullptr;
}

void Programme::Normalize() {
  std::unordered_map<std::string, std::size_t> room_order;
  for (std::size_t i = 0; i < rooms.size(); ++i) room_order.emplace(rooms[i].key, i);
  auto order_of = [&](const std::string& key) {
    auto it = room_order.find(key);
    return it == room_order.end() ? rooms.size() : it->second;
  };
  std::stable_sort(sessions.begin(), sessions.end(), [&](const Session& a, const Session& b) {
    if (a.start != b.start) return a.start < b.start;
    std::size_t ra = order_of(a.room_key), rb = order_of(b.room_key);
    if (ra != rb) return ra < rb;
    return a.uid < b.uid;
  });
}

std::vector<Day> Programme::Days() const {
  std::vector<Day> days;
  for (const Session& session : sessions) days.push_back(session.day);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

std::string FormatDay(Day day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

bool DayInRange(Day day) {
  return day.ok() && day.year() >= date::year{kFirstYear} && day.year() <= date::year{kLastYear};
}

std::string OutOfRange(std::string_view as_written) {
  return "out of range: " + std::string(as_written) + " (dates run from " + std::to_string(kFirstYear) + "-01-01 to " +
         std::to_string(kLastYear) + "-12-31)";
}

Day ParseDay(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return Day{};
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return Day{};
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  Day day{date::year{y}, date::month{m}, date::day{d}};
  return day.ok() ? day : Day{};
}

}  // namespace kiosk
