// The fields of text that enter the kiosk (files, hub requests, command line): their kinds, their maximum lengths, and
// the one check every boundary applies (DESIGN.md "every text that enters is checked once at the boundary").
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Registrant.h"

namespace kiosk {

/// What a text field is. Identifiers are typed, scanned or compared byte for byte: a control character in one is
/// refused. Display text is drawn on a screen or printed: its control characters are removed and an over-long text
/// is cut, each with a warning.
enum class FieldKind {
  Title,         ///< a session's title or English title, the conference's title, an appointment's title
  SpeakerName,   ///< a speaker's name
  SpeakerRole,   ///< a speaker's role ("Maire de …")
  Description,   ///< a session's or the conference's description
  Notice,        ///< an announcement's text (French or English)
  RoomName,      ///< a room's display name; also a room as a command-line argument
  Label,         ///< kind, track, language, acronym; a registrant's category and country
  PersonName,    ///< a registrant's first or last name
  Organisation,  ///< a registrant's organisation
  Email,         ///< a registrant's e-mail address (RFC 5321 4.5.3.1.3: 254 octets in a path)
  Note,          ///< a registrant's note for desk staff
  Place,         ///< an appointment's place
  Uid,           ///< a session's guid, id or uid, a room's guid; a session as a command-line argument
  OrderCode,     ///< a registrant's order code or ticket code
  DeskName,      ///< a check-in desk's name
};

/// One row of kFieldLimits.
struct FieldLimit {
  FieldKind kind;
  std::string_view name;  ///< as messages name it: "title", "order code"
  std::size_t max_chars;  ///< maximum length in Unicode code points (characters), after NFC
  bool identifier;        ///< true: control characters and over-long text are refused; false: removed / cut
};

/// The documented maximum lengths (README "Limits"), in characters (Unicode code points). A screen shows at most
/// three lines of a title and one of speakers; these bounds are well above any real programme (the longest RAICT
/// title is 111 characters) and keep every frame fast (issue 11 defects 4 and 5).
inline constexpr std::array<FieldLimit, 15> kFieldLimits = {{
    {FieldKind::Title, "title", 300, false},
    {FieldKind::SpeakerName, "speaker name", 200, false},
    {FieldKind::SpeakerRole, "speaker role", 300, false},
    {FieldKind::Description, "description", 10000, false},
    {FieldKind::Notice, "notice", 500, false},
    {FieldKind::RoomName, "room name", 120, false},
    {FieldKind::Label, "label", 120, false},
    {FieldKind::PersonName, "name", 200, false},
    {FieldKind::Organisation, "organisation", 300, false},
    {FieldKind::Email, "e-mail", 254, false},
    {FieldKind::Note, "note", 2000, false},
    {FieldKind::Place, "place", 200, false},
    {FieldKind::Uid, "uid", 1000, true},
    {FieldKind::OrderCode, "order code", 64, true},
    {FieldKind::DeskName, "desk name", 64, true},
}};

/// At most this many speakers per session; the others are left out with a warning.
inline constexpr std::size_t kMaxSpeakers = 100;

/// The row of kFieldLimits for `kind`.
const FieldLimit& LimitOf(FieldKind kind);

/// Why `text` cannot be an identifier of `kind`, or nullopt when it can: it holds a control character (C0
/// U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F; the message names the first: "holds a control character (U+0000) at
/// character 4"), a format character of Unicode General Category Cf (the bidi embeddings, overrides, isolates and marks
/// of UAX #9 section 2: "holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 3";
/// zero-width characters U+200B-U+200D, U+2060, U+FEFF, the soft hyphen…: "holds an invisible format character
/// (U+200B ZERO WIDTH SPACE) at …"), a line or paragraph separator (U+2028, U+2029), is longer than
/// LimitOf(kind).max_chars ("is 1048576 characters long; at most 64"), or is not valid UTF-8. For a display kind
/// used to look something up (a room as a command-line argument), ZWNJ and ZWJ are allowed, as its display text keeps
/// them. The message never quotes the text. Never throws.
std::optional<std::string> IdentifierProblem(FieldKind kind, std::string_view text);

/// Display text of `kind` as kept: C0 and C1 controls and DEL removed except newline and tab (so a CR of a CRLF goes
/// too); U+2028 and U+2029 (line, paragraph separator) turned into spaces; U+FEFF removed; the bidi controls that
/// could reorder text outside their own span removed (UAX #9 X1-X8, per line: every override LRO/RLO with its PDF, any
/// embedding LRE/RLE or isolate LRI/RLI/FSI not closed on its line, any PDF/PDI closing nothing), so a title cannot
/// reverse the rest of the screen's line; closed embeddings and isolates, the marks LRM/RLM/ALM, ZWNJ, ZWJ and the
/// other format characters (General Category Cf) of Arabic, Hebrew, Persian, Indic and emoji text stay. A RoomName
/// (also the room's key and a --room argument) loses every Cf character but ZWNJ and ZWJ. Then cut to
/// LimitOf(kind).max_chars characters at a character boundary, ending with "…" (U+2026) when cut (an isolate whose
/// closer was cut off removed too). `warning`, when not null, is set to what was done ("removed 2 control
/// characters; cut from 1048576 to 300 characters (its maximum)") and cleared when nothing was. Invalid UTF-8 is kept
/// as is (the boundary checks it where it reads it). Linear in the text. Never throws.
std::string CleanDisplayText(FieldKind kind, std::string_view text, std::string* warning = nullptr);

/// `text` without its format characters (General Category Cf, ZWNJ and ZWJ included) and line/paragraph separators:
/// for an identity derived from display text (a session without guid keyed by its title), which an identifier check
/// then accepts. Invalid bytes are kept. Never throws.
std::string WithoutFormatCharacters(std::string_view text);

/// `text` cut to `max_chars` characters with "…" as its last when longer; linear in what it keeps. Never throws.
std::string CutText(std::string_view text, std::size_t max_chars);

/// `text` safe to print on a terminal or in a message: control characters (C0, DEL, C1) and invalid bytes written as
/// "\xNN" (C1 as "\u0080"…, format characters of General Category Cf but ZWNJ and ZWJ, the bidi controls of UAX #9
/// among them, and U+2028/U+2029 as "\u202E"…), cut to `max_chars` characters with "…". Never throws.
std::string Printable(std::string_view text, std::size_t max_chars = 80);

/// Checks every text field of a session as an importer made it, at the boundary: the identifiers (uid, source id, room
/// key) throw ImportError(where, label + ": " + field + " " + problem); the display fields (title, English title,
/// kind, track, language, description, speakers' names and roles) are cleaned (CleanDisplayText) with a warning at
/// `where` for each change; speakers beyond kMaxSpeakers are left out with one warning.
void CheckSessionFields(Session& session, const std::string& where, const std::string& label,
                        std::vector<Warning>& warnings);

/// The conference's title, acronym and description cleaned, warned about at `where`. Never throws.
void CheckConferenceFields(ConferenceInfo& conference, const std::string& where, std::vector<Warning>& warnings);

/// A registrant as an importer read it: the order code and each ticket code throw ImportError(where, "order code " /
/// "ticket code " + problem); names,
/// organisation, e-mail, category, country, note and appointments are cleaned with a warning at `where`.
void CheckRegistrantFields(Registrant& registrant, const std::string& where, std::vector<Warning>& warnings);

/// Throws std::invalid_argument("field \"" + json_field + "\" " + problem) when `text` is no identifier of `kind`:
/// the hub's and the desks' JSON forms (order_code, desk, uuid).
void RequireIdentifierField(FieldKind kind, std::string_view json_field, std::string_view text);

}  // namespace kiosk
