// Text and HTML renderings of the lobby board, from the same now/next queries as the screen.
#include "tools/kioskctl/BoardText.h"

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/LiveMarks.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/RoomLookup.h"
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

const std::string& RoomName(const Programme& programme, const std::string& key) {
  const Room* room = programme.FindRoom(key);
  return room ? room->name : key;
}

/// The session's live changes as the screens word them (kiosk/core/LiveMarks.h), French / English, with plain
/// spaces: "Annulé / Cancelled", "Déplacé → Salon Monge / Moved to Salon Monge", "Retardé +15 min / Delayed +15 min",
/// "Avancé de 10 min / 10 min earlier", "Complet / Full".
std::vector<std::string> Marks(const Programme& programme, const Session& session) {
  std::vector<std::string> marks;
  for (const LiveMarkText& mark : LiveMarks(session, RoomName(programme, session.room_key), " "))
    marks.push_back(mark.fr + " / " + mark.en);
  return marks;
}

/// " [mark] [mark]" after a title; empty without marks.
std::string MarksText(const Programme& programme, const Session& session) {
  std::string text;
  for (const std::string& mark : Marks(programme, session)) text += " [" + mark + "]";
  return text;
}

/// "ALERTE / EMERGENCY", "ANNONCE URGENTE / URGENT", "INFO".
std::string PriorityLabel(AnnouncementPriority priority) {
  switch (priority) {
    case AnnouncementPriority::Emergency:
      return "ALERTE / EMERGENCY";
    case AnnouncementPriority::Urgent:
      return "ANNONCE URGENTE / URGENT";
    case AnnouncementPriority::Info:
      break;
  }
  return "INFO";
}

std::string AnnouncementLine(const Announcement& a) {
  std::string text = a.text;
  if (!a.text_en.empty() && a.text_en != a.text) text += " / " + a.text_en;
  return text;
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
  const Room* filtered = nullptr;
  if (room_filter) {
    try {
      filtered = &FindRoom(programme, *room_filter);
    } catch (const LookupError& error) {
      throw std::invalid_argument(error.what());  // invalid input: kioskctl exits 2
    }
  }
  // The announcements the screens show at `at` (a door sign adds its room's). No clock check: --at is chosen.
  for (const Announcement* a : ActiveAnnouncements(loaded.announcements, at, filtered ? &filtered->key : nullptr))
    out << PriorityLabel(a->priority) << ": " << AnnouncementLine(*a) << "\n";
  for (const RoomNowNext& row : NowNextByRoom(programme, at)) {
    if (filtered && row.room != filtered) continue;
    out << row.room->name << " | now ";
    if (row.now) {
      out << zone.FormatHm(row.now->start) << "-" << zone.FormatHm(row.now->end) << " " << row.now->title
          << MarksText(programme, *row.now);
    } else {
      out << "-";
    }
    out << " | next ";
    if (row.next) {
      out << NextLabel(*row.next, zone, today) << " " << row.next->title << MarksText(programme, *row.next);
    } else {
      out << "-";
    }
    // Sessions people may come here for that will not be here: "| not here: 11:45 Title [Déplacé → …]".
    for (const Session* alert : RoomAlerts(programme, row.room->key, at, zone))
      out << " | not here: " << zone.FormatHm(alert->start) << " " << alert->title << MarksText(programme, *alert);
    out << "\n";
  }
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
      << ".next{color:#cfd8e3;}.mark{background:#ffb300;color:#0b1530;border-radius:8px;padding:0 8px;}"
      << ".announce{font-size:30px;padding:12px 16px;margin:12px 0;border-radius:12px;background:#1b2c5c;}"
      << ".announce.urgent{border:6px solid #ffa726;}.announce.emergency{background:#a50e0e;}"
      << ".alert{color:#ff8a65;}</style></head><body><header><h1>" << HtmlEscape(programme.conference.title)
      << "<br><small>" << FormatDay(today) << "</small></h1><div class=\"clock\">" << zone.FormatHm(at)
      << "</div></header>";
  for (const Announcement* a : ActiveAnnouncements(loaded.announcements, at, nullptr)) {
    out << "<div class=\"announce " << PriorityName(a->priority) << "\"><b>" << HtmlEscape(PriorityLabel(a->priority))
        << "</b> " << HtmlEscape(AnnouncementLine(*a)) << "</div>";
  }
  auto marks_html = [&](const Session& session) {
    std::string html;
    for (const std::string& mark : Marks(programme, session))
      html += " <span class=\"mark\">" + HtmlEscape(mark) + "</span>";
    return html;
  };
  for (const RoomNowNext& row : NowNextByRoom(programme, at)) {
    out << "<div class=\"room\"><div class=\"name\">" << HtmlEscape(row.room->name) << "</div><div>";
    if (row.now) {
      out << "<div class=\"time\">" << zone.FormatHm(row.now->start) << "–" << zone.FormatHm(row.now->end) << " · "
          << HtmlEscape(row.now->kind) << marks_html(*row.now) << "</div><div class=\"title\">"
          << HtmlEscape(row.now->title) << "</div>";
      if (!row.now->title_en.empty()) out << "<div class=\"en\">" << HtmlEscape(row.now->title_en) << "</div>";
    } else {
      out << "<div class=\"en\">Libre / Free</div>";
    }
    out << "</div><div class=\"next\">";
    if (row.next) {
      out << "Ensuite / Next " << NextLabel(*row.next, zone, today) << marks_html(*row.next) << "<br>"
          << HtmlEscape(row.next->title);
    }
    for (const Session* alert : RoomAlerts(programme, row.room->key, at, zone)) {
      out << "<div class=\"alert\">" << zone.FormatHm(alert->start) << marks_html(*alert) << " "
          << HtmlEscape(alert->title) << "</div>";
    }
    out << "</div></div>";
  }
  const std::string hm = zone.FormatHm(loaded.revision.imported_at);
  const Day made = zone.LocalDay(loaded.revision.imported_at);
  const std::string when = made == today ? hm : FormatDay(made) + " " + hm;
  out << "<footer>Mis à jour à " << when << " · révision " << loaded.revision.number << " / Updated " << when
      << " · revision " << loaded.revision.number << "</footer></body></html>\n";
  return out.str();
}

}  // namespace kiosk
