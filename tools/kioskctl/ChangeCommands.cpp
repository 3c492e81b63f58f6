// kioskctl's live changes during the event: delay, cancel, move, full, open, announce, clear, rollback.
#include <charconv>
#include <iostream>

#include <CLI/CLI.hpp>

#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStore.h"
#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {
namespace {

/// MINUTES as typed: "15", "+15", "-10". Throws InvalidInput.
int ParseMinutes(const std::string& text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int minutes = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), minutes);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
    throw InvalidInput("MINUTES must be a whole number of minutes such as 15 or -10, got '" + text + "'");
  return minutes;
}

/// --until as typed: ISO 8601 (venue-local without offset) or "HH:MM" today in the venue. A time already past is
/// refused (a typo must not keep a notice up until tomorrow): give the date to mean another day.
Instant ParseUntil(const std::string& text, const VenueZone& zone) {
  const Instant now = CommandClock(zone).Now();
  Instant until;
  try {
    const bool time_only = text.size() == 5 && text[2] == ':';
    until = ParseIsoInstant(time_only ? FormatDay(zone.LocalDay(now)) + "T" + text : text, zone);
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(std::string("--until: ") + error.what());
  }
  if (until <= now)
    throw InvalidInput("--until " + text + " is already past: it is " + DescribeClock(zone) +
                       "; give a later time, or --now for a rehearsal");
  return until;
}

/// Prints what a commit did: "revision 5: delay '…' +15 min: now 10:15-11:45", or why nothing changed.
int Report(const CommitResult& result) {
  if (result.changed)
    std::cout << "revision " << result.revision << ": " << result.summary << "\n";
  else
    std::cout << "unchanged (revision " << result.revision << "): " << result.summary << "\n";
  for (const std::string& note : result.notes) std::cout << "note: " << note << "\n";
  return kExitOk;
}

/// Runs a store write, turning what the organizer got wrong into InvalidInput (exit 2, nothing written).
template <typename Write>
int Commit(const std::string& db, Write write) {
  try {
    ScheduleStore store(db, ScheduleStore::Mode::Update);
    if (std::optional<LoadedProgramme> loaded = store.Load())
      store.SetNow([&clock = CommandClock(VenueZone(loaded->programme.conference.time_zone))] { return clock.Now(); });
    return Report(write(store));
  } catch (const LookupError& error) {
    throw InvalidInput(error.what());
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
}

}  // namespace

CommandRunner AddChangeCommands(CLI::App& app, std::string& db) {
  struct Arguments {
    std::string session, minutes, room, text, text_en, priority = "info", until;
    std::vector<std::string> rooms;
    std::int64_t id = 0, revision = 0;
  };
  auto args = std::make_shared<Arguments>();
  auto session_command = [&](const char* name, const char* help) {
    CLI::App* command = app.add_subcommand(name, help);
    command->add_option("SESSION", args->session, "guid, id, uid@YYYY-MM-DDTHH:MM or the start of the title")
        ->required();
    command->add_option("--db", db, "schedule store");
    return command;
  };
  CLI::App* delay = session_command("delay", "delay a session by MINUTES (negative: earlier), as a new revision");
  delay->add_option("MINUTES", args->minutes, "minutes, e.g. 15 or -10")->required();
  CLI::App* cancel = session_command("cancel", "cancel a session, as a new revision");
  CLI::App* move = session_command("move", "move a session to another room, as a new revision");
  move->add_option("--room", args->room, "the room it moves to (key or name)")->required();
  CLI::App* full = session_command("full", "mark a session's room full (Complet / Full), as a new revision");
  CLI::App* open = session_command("open", "the session's room is no longer full, as a new revision");

  CLI::App* announce = app.add_subcommand("announce", "show a notice on the screens, as a new revision");
  announce->add_option("TEXT", args->text, "the notice in French (or the only language)")->required();
  announce->add_option("--en", args->text_en, "the notice in English");
  announce->add_option("--priority", args->priority, "info (band), urgent (over the board), emergency (whole screen)")
      ->check(CLI::IsMember({"info", "urgent", "emergency"}));
  announce->add_option("--until", args->until, "end: HH:MM today, or ISO 8601 (venue-local); default: until cleared");
  announce->add_option("--room", args->rooms, "only the door signs of this room (repeat for several)");
  announce->add_option("--db", db, "schedule store");

  CLI::App* announcements = app.add_subcommand("announcements", "the announcements not cleared, with their ids");
  announcements->add_option("--db", db, "schedule store");

  CLI::App* clear = app.add_subcommand("clear", "take an announcement off the screens, as a new revision");
  clear->add_option("ANNOUNCEMENT", args->id, "its id (see kioskctl announcements)")->required();
  clear->add_option("--db", db, "schedule store");

  CLI::App* rollback = app.add_subcommand("rollback", "restore an earlier revision's programme as a new revision");
  rollback->add_option("REVISION", args->revision, "the revision to restore (see kioskctl log)")->required();
  rollback->add_option("--db", db, "schedule store");

  return [=, &db]() -> std::optional<int> {
    auto change = [&](ChangeKind kind) {
      ChangeRequest request;
      request.kind = kind;
      RequireIdentifierArgument("SESSION", FieldKind::Uid, args->session);
      if (kind == ChangeKind::Move) RequireIdentifierArgument("--room", FieldKind::RoomName, args->room);
      request.session = args->session;
      request.room = args->room;
      if (kind == ChangeKind::Delay) request.minutes = ParseMinutes(args->minutes);
      return Commit(db, [&](ScheduleStore& store) { return store.CommitChange(request); });
    };
    if (*delay) return change(ChangeKind::Delay);
    if (*cancel) return change(ChangeKind::Cancel);
    if (*move) return change(ChangeKind::Move);
    if (*full) return change(ChangeKind::Full);
    if (*open) return change(ChangeKind::Open);
    if (*announce) {
      Announcement announcement;
      for (const std::string& room : args->rooms) RequireIdentifierArgument("--room", FieldKind::RoomName, room);
      announcement.text = CleanTextArgument("TEXT", FieldKind::Notice, args->text);
      announcement.text_en = CleanTextArgument("--en", FieldKind::Notice, args->text_en);
      announcement.priority = ParsePriority(args->priority).value_or(AnnouncementPriority::Info);
      announcement.room_keys = args->rooms;
      if (!args->until.empty()) {
        std::optional<LoadedProgramme> loaded = ScheduleStore(db, ScheduleStore::Mode::ReadOnly).Load();
        if (!loaded) throw InvalidInput("no programme imported yet in " + db + " (run kioskctl import)");
        announcement.until = ParseUntil(args->until, VenueZone(loaded->programme.conference.time_zone));
      }
      return Commit(db, [&](ScheduleStore& store) {
        CommitResult result = store.Announce(announcement);
        result.notes.push_back("clear it with: kioskctl clear " + std::to_string(result.announcement_id));
        return result;
      });
    }
    if (*announcements) {
      ScheduleStore store(db, ScheduleStore::Mode::ReadOnly);
      std::optional<LoadedProgramme> loaded = store.Load();
      if (!loaded) throw InvalidInput("no programme imported yet in " + db + " (run kioskctl import)");
      const VenueZone zone(loaded->programme.conference.time_zone);
      const Instant now = CommandClock(zone).Now();
      if (loaded->announcements.empty()) std::cout << "no announcements\n";
      for (const Announcement& announcement : loaded->announcements) {
        std::cout << "#" << announcement.id << "  " << PriorityName(announcement.priority) << "  "
                  << zone.FormatIso(announcement.made_at).substr(0, 16) << "  ";
        if (announcement.until)
          std::cout << (*announcement.until <= now ? "ended " : "until ")
                    << zone.FormatIso(*announcement.until).substr(0, 16);
        else
          std::cout << "until cleared";
        if (!announcement.room_keys.empty()) {
          std::cout << "  rooms:";
          for (const std::string& key : announcement.room_keys) {
            const Room* room = loaded->programme.FindRoom(key);
            std::cout << " " << (room ? room->name : key);
          }
        }
        std::cout << "\n    " << announcement.text << "\n";
        if (!announcement.text_en.empty()) std::cout << "    " << announcement.text_en << "\n";
      }
      return kExitOk;
    }
    if (*clear) return Commit(db, [&](ScheduleStore& store) { return store.ClearAnnouncement(args->id); });
    if (*rollback) return Commit(db, [&](ScheduleStore& store) { return store.Rollback(args->revision); });
    return std::nullopt;
  };
}

}  // namespace kiosk::ctl
