// Text and HTML renderings of the lobby board, from the same now/next queries as the screen.
#include "tools/kioskctl/BoardText.h"

#include <sstream>
#include <stdexcept>

#include "kiosk/core/NowNext.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk {
namespace {

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string NextLabel(const Session& next, const VenueZone& zone, Day today) {
  std::string label = zone.FormatHm(next.start);
  Day day = zone.LocalDay(next.start);
  if (day != today) label = FormatDay(day) + " " + label;
  return label;
}

}  // namespace

std::string BoardAsText(const LoadedProgramme& loaded, Instant at, const std::optional<std::string>& room_filter) {
  const Programme& programme = loaded.programme;
  VenueZone zone(programme.conference.time_zone);
  const Day today = zone.LocalDay(at);
  std::ostringstream out;
  std::string event = programme.conference.acronym.empty() ? programme.conference.title : programme.conference.acronym;
  if (event.empty()) event = loaded.revision.source_name;  // a spreadsheet without metadata names no event
  out << event << " — " << FormatDay(today) << " " << zone.FormatHm(at) << " " << zone.Name() << " — revision "
      << loaded.revision.number << "\n";
  bool matched = false;
  for (const RoomNowNext& row : NowNextByRoom(programme, at)) {
    if (room_filter && row.room->key != *room_filter && NormalizeKey(row.room->name) != NormalizeKey(*room_filter)) {
      continue;
    }
    matched = true;
    out << row.room->name << " | now ";
    if (row.now) {
      out << zone.FormatHm(row.now->start) << "-" << zone.FormatHm(row.now->end) << " " << row.now->title;
    } else {
      out << "-";
    }
    out << " | next ";
    if (row.next) {
      out << NextLabel(*row.next, zone, today) << " " << row.next->title;
    } else {
      out << "-";
    }
    out << "\n";
  }
  if (room_filter && !matched) throw std::invalid_argument("no room '" + *room_filter + "' in the programme");
  return out.str();
}

std::string BoardAsHtml(const LoadedProgramme& loaded, Instant at) {
  const Programme& programme = loaded.programme;
  VenueZone zone(programme.conference.time_zone);
  const Day today = zone.LocalDay(at);
  std::ostringstream out;
  out << "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
      << HtmlEscape(programme.conference.title) << "</title><style>"
      << "html,body{margin:0;background:#0b1a2e;color:#f4f6fa;font-family:Inter,'DejaVu Sans',sans-serif;}"
      << "body{width:1920px;height:1080px;overflow:hidden;padding:32px 48px;box-sizing:border-box;}"
      << "header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:3px solid #f2b134;}"
      << "h1{font-size:44px;margin:0 0 12px 0;}.clock{font-size:72px;font-weight:700;}"
      << ".room{display:grid;grid-template-columns:360px 1fr 520px;gap:24px;padding:14px 0;"
      << "border-bottom:1px solid #23395a;font-size:28px;}.name{font-size:40px;font-weight:700;}"
      << ".title{font-size:32px;font-weight:600;}.en{color:#a9b8cc;}.time{color:#f2b134;}"
      << ".next{color:#cfd8e3;}</style></head><body><header><h1>" << HtmlEscape(programme.conference.title)
      << "<br><small>" << FormatDay(today) << "</small></h1><div class=\"clock\">" << zone.FormatHm(at)
      << "</div></header>";
  for (const RoomNowNext& row : NowNextByRoom(programme, at)) {
    out << "<div class=\"room\"><div class=\"name\">" << HtmlEscape(row.room->name) << "</div><div>";
    if (row.now) {
      out << "<div class=\"time\">" << zone.FormatHm(row.now->start) << "–" << zone.FormatHm(row.now->end) << " · "
          << HtmlEscape(row.now->kind) << "</div><div class=\"title\">" << HtmlEscape(row.now->title) << "</div>";
      if (!row.now->title_en.empty()) out << "<div class=\"en\">" << HtmlEscape(row.now->title_en) << "</div>";
    } else {
      out << "<div class=\"en\">Libre / Free</div>";
    }
    out << "</div><div class=\"next\">";
    if (row.next) {
      out << "Ensuite / Next " << NextLabel(*row.next, zone, today) << "<br>" << HtmlEscape(row.next->title);
    }
    out << "</div></div>";
  }
  out << "<footer>Révision " << loaded.revision.number << "</footer></body></html>\n";
  return out.str();
}

}  // namespace kiosk
