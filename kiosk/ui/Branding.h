// What the venue screens show besides the programme: the event logo, the partners, the venue plan and the address of
// the online programme (for the QR code). Loaded by the app from assets/ (kiosk/app/Assets); drawn by kiosk/ui.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace kiosk::ui {

/// A picture uploaded to the GPU by the app: its texture and its size in pixels. Invalid (texture 0) when the file
/// was missing or broken: screens then leave its place to text, never draw an empty frame.
struct Picture {
  ImTextureID texture = 0;
  int width = 0;  ///< pixels
  int height = 0;
  bool Valid() const { return texture != 0 && width > 0 && height > 0; }
};

/// One partner of the event on the partners page: its name (always drawn when there is no logo) and its logo.
struct Partner {
  std::string name;     ///< as the partner writes it: "AFD", "PLATFORMA"
  std::string caption;  ///< a line under the name (the full form of an acronym, a role); may be empty
  Picture logo;         ///< drawn instead of the name when Valid()
};

/// One room on the venue plan: a rectangle in plan units (0..1 of the plan's width and height), keyed by the
/// programme's Room::key (matched with MatchKey, so a name works too).
struct PlanRoom {
  std::string room_key;
  std::string label;  ///< drawn in the rectangle; empty: the programme's room name
  ImVec2 min{0, 0};   ///< top left, plan units
  ImVec2 max{0, 0};   ///< bottom right, plan units
};

/// Whether plan room `room` is the programme room with `room_key` and `room_name`: kiosk::NamesRoom(room.room_key, …)
/// (core/RoomLookup.h: the key, or either of them after MatchKey: case, accents, punctuation and apostrophes
/// ignored); an empty plan key matches nothing. Used by the plan pages, the insets' highlight and the touch screen's
/// "on the plan" (PlanHasRoom). Implemented in PageScreens.cpp.
bool PlanRoomMatches(const PlanRoom& room, std::string_view room_key, std::string_view room_name);

/// A labelled zone of the plan that is no programme room (a floor's outline, the stairs, the entrance): drawn as a
/// faint outline with its label in a corner, under the rooms.
struct PlanArea {
  std::string label;
  ImVec2 min{0, 0};  ///< top left, plan units
  ImVec2 max{0, 0};  ///< bottom right, plan units
};

/// A schematic plan of the venue: rooms as rectangles, drawn by the screens in the theme's colours (crisp at any size)
/// over an optional background picture.
struct VenuePlan {
  std::string title;    ///< e.g. "Rez-de-chaussée · Ground floor"
  float aspect = 1.6f;  ///< width / height of the plan
  std::vector<PlanRoom> rooms;
  std::vector<PlanArea> areas;  ///< drawn under the rooms; may be empty
  Picture background;
  bool Empty() const { return rooms.empty(); }
};

/// Everything of the kind, as loaded; any part may be missing (each screen does without it).
struct Branding {
  Picture logo;                   ///< the event logo, in the header of the lobby and the door signs
  std::vector<Partner> partners;  ///< the partners page, in this order
  VenuePlan plan;
  std::string programme_url;  ///< the online programme: QR code on the lobby; empty: no QR code
};

}  // namespace kiosk::ui
