// The registrant store: registrants, their FTS5 search index, check-in events and the desk's staff PIN, in one SQLite
// file of its own (WAL, busy_timeout). Personal data: public screens and snapshots never open it (DESIGN.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Registrant.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/RegistrantSearch.h"
#include "kiosk/store/StoreError.h"

namespace SQLite {
class Database;
}

namespace kiosk {

/// What a registrant import did.
struct RegistrantImportSummary {
  int added = 0;      ///< order codes new to the store
  int updated = 0;    ///< order codes whose fields changed
  int unchanged = 0;  ///< order codes already so
  /// Order codes in the store but not in this file: kept (with their check-ins) and marked withdrawn, so they are no
  /// longer expected; a later import that lists them again brings them back.
  int withdrawn = 0;
  std::int64_t revision = 0;  ///< the registrant list revision after the import (unchanged when nothing changed)
};

/// One registrant found by Search, with their check-in status.
struct RegistrantHit {
  Registrant registrant;
  CheckinStatus status;
  bool withdrawn = false;   ///< no longer in the latest import
  bool exact_code = false;  ///< the query is this registrant's order code
};

/// What a check-in did.
struct CheckinResult {
  enum class Outcome {
    CheckedIn,         ///< a new In event was written
    AlreadyCheckedIn,  ///< nothing written: status.first says when and at which desk
    UnknownCode,       ///< no registrant has that order code: nothing written
  };
  Outcome outcome = Outcome::UnknownCode;
  std::optional<Registrant> registrant;  ///< set unless UnknownCode
  std::optional<CheckinEvent> event;     ///< CheckedIn: the event written
  CheckinStatus status;                  ///< the status after the call
};

/// Checked in against expected, for the desk's counters. Withdrawn registrants are not expected, and not counted.
struct CheckinCounts {
  int expected = 0;
  int checked_in = 0;
  std::map<std::string, std::pair<int, int>> by_category;  ///< category -> (checked in, expected)
  /// Venue-local day -> (checked in that day, expected that day). Expected that day: the registrant's days include it
  /// (or they have none). Checked in by that day: expected that day and checked in that day or before
  /// (venue-local; a badge is collected once); a check-in after the list's last day (a rehearsal on the real clock)
  /// counts on every day the registrant is expected, as in the total. When the list gives days, only those are listed.
  std::map<Day, std::pair<int, int>> by_day;
};

/// A stored event with the store's own sequence number (rowid order: the order this store learnt them in).
struct StoredCheckinEvent {
  std::int64_t seq = 0;
  CheckinEvent event;
  bool local = false;  ///< made on this store (CheckIn/Undo), not merged from elsewhere
};

/// What a hub accepts from the desks' pushes (issue 11, defects 6 and 8), for RegistrantStore::MergeDeskEvents.
struct HubEventRules {
  /// Events are dated within the event's days (every day of the non-withdrawn registrants' "days"), widened by this
  /// many whole days on each side (kioskctl serve --checkin-margin-days; default 1: set-up the day before, late
  /// arrivals the day after). Days are read as UTC days, widened by 14 hours more for the venue's UTC offset.
  int margin_days = 1;
  /// When no registrant has days (a list without them, or no list yet): events within this distance of the hub's
  /// clock (kMaxEventClockDistance of the protocol, a year and a day).
  std::chrono::hours no_days_distance{24 * 366};
  /// At most this many events (check-ins and undos) of one order code per minute of event time (the desks' stamps,
  /// minute boundaries of UTC): no person is checked in or undone 30 times a minute at real desks, and so one code's
  /// history, and every listing of it, stays bounded.
  int max_per_code_per_minute = 30;
};

/// What MergeDeskEvents did with a desk's batch. Events dropped are not stored and not refused: the desk's batch is
/// acknowledged (a batch refused whole would be pushed again forever), and the hub reports the counts.
struct HubMergeResult {
  int accepted = 0;       ///< new events merged (uuids already stored are neither accepted nor dropped)
  int out_of_window = 0;  ///< dropped: dated outside the event's days plus the margin
  int over_rate = 0;      ///< dropped: beyond max_per_code_per_minute for their order code
  std::vector<std::string> codes_over_rate;  ///< the order codes that hit the rate, each once, at most 10
  /// The accepted times [from, to) that applied, ms since the epoch, UTC.
  EventTime window_from{}, window_to{};
  bool window_from_days = false;  ///< the window came from the registrants' days (else from the hub's clock)
  int Dropped() const { return out_of_window + over_rate; }
};

/// Owns one SQLite connection to the registrant store. Not thread-safe: one per thread (the desk's screen and its
/// hub sync each open their own). Schema version in PRAGMA user_version (kSchemaVersion).
class RegistrantStore {
 public:
  static constexpr int kSchemaVersion = 2;  ///< 2: ticket codes (a version 1 store is migrated on opening)
  /// ReadWrite creates the store (and its folders) when missing; Update and ReadOnly need an existing one.
  enum class Mode { ReadOnly, ReadWrite, Update };

  /// Throws StoreError: Missing, NewerSchema, Corrupt (not a database, or not a registrant store), Io.
  explicit RegistrantStore(const std::filesystem::path& path, Mode mode = Mode::ReadWrite);
  ~RegistrantStore();
  RegistrantStore(const RegistrantStore&) = delete;
  RegistrantStore& operator=(const RegistrantStore&) = delete;

  /// Upserts `registrants` by order code and rebuilds their search rows, as one change that readers see whole. An
  /// import that writes more than 2000 rows never holds the write lock more than about 0.3 s at a time (the next
  /// list is staged beside the live one in short transactions, then swapped in by one; see ImportStaged in the .cpp),
  /// so desks keep checking in; a smaller one is one IMMEDIATE transaction. Check-in events are never touched.
  /// Ticket codes are made canonical (CanonicalTicketCodes) and kept with each registrant. Throws
  /// std::invalid_argument for an empty or repeated order code, a ticket code two registrants share or that is
  /// another registrant's order code (nothing written), StoreError (Io; also when another import ran meanwhile).
  RegistrantImportSummary Import(const std::vector<Registrant>& registrants, const std::string& source_name);

  /// Registrants matching what a desk typed, best first, at most `limit` (see the .cpp for the ranking).
  /// Rules (issue 4 section 2): the query and the indexed text are normalised the same way (utf8proc: NFKD, case
  /// folded, marks stripped); hyphens, apostrophes and punctuation separate words; every query word must prefix a
  /// word of the first name, last name, organisation, e-mail or order code, in any order; an exact order code comes
  /// first (exact_code), as Find resolves it: a plain pretix order code "ABC12" is exact for the order's only ticket
  /// "ABC12-K3QF", while the tickets of a several-ticket order are listed as word matches ("abc12" is a word of
  /// "ABC12-K3QF"); then exact last-name matches. A query with fewer than two characters (after trimming) finds
  /// nobody.
  /// Throws StoreError (Corrupt).
  std::vector<RegistrantHit> Search(std::string_view query, int limit = 50);

  /// The registrant with this order code (CanonicalOrderCode applied), withdrawn or not; else the one with this
  /// ticket code (Registrant::ticket_codes: what a desk scans from a pretix QR code or a barcode); else, for a plain
  /// pretix order code ("ABC12"), the order's only non-withdrawn ticket coded "ABC12-" + 4 or 8 characters of pretix's
  /// alphabet (PretixTicketCode); else nullopt (also when the order has several such tickets). exact_code is set.
  /// Use the hit's registrant.order_code, not the typed code, for CheckIn and Status. Throws StoreError (Corrupt).
  std::optional<RegistrantHit> Find(std::string_view order_code);

  /// Every registrant (withdrawn ones too), by order code.
  std::vector<RegistrantHit> All();

  /// Checks a registrant in at `desk` (IMMEDIATE transaction, so two desks on one file never both write).
  /// A registrant already checked in (status.checked_in) is not checked in again. Throws std::invalid_argument for an
  /// empty desk name, StoreError (Io).
  CheckinResult CheckIn(std::string_view order_code, std::string_view desk, EventTime at);

  /// Undoes the In event `in_uuid` with an Undo event made at `desk` (same order code as the In). Returns the Undo
  /// event, or nullopt when that In is unknown or already undone (nothing written). Throws std::invalid_argument for
  /// an empty desk name (MergeEvents would refuse the event elsewhere), StoreError (Io).
  std::optional<CheckinEvent> Undo(std::string_view in_uuid, std::string_view desk, EventTime at);

  /// The status of one registrant.
  CheckinStatus Status(std::string_view order_code);

  /// Counters for the desk; `zone` turns event times into venue-local days.
  CheckinCounts Counts(const VenueZone& zone);

  /// Adds events made elsewhere (a hub, another desk), one transaction, ignoring uuids already stored: a union, so a
  /// replay changes nothing. Returns how many were new. Events of unknown order codes are kept too (the registrant
  /// may come with a later import). Throws std::invalid_argument for a malformed event (bad uuid, empty order code or
  /// desk, an Undo without `undoes`), nothing written; StoreError (Io).
  int MergeEvents(const std::vector<CheckinEvent>& events);

  /// The hub's merge of a desk's push: MergeEvents under `rules` (HubEventRules), one transaction. New events dated
  /// outside the event's days plus the margin (or, with no days known, further than rules.no_days_distance from
  /// `now`), and those beyond the rate of their order code, are dropped and counted, the rest merged. Throws as
  /// MergeEvents for a malformed event (nothing written).
  HubMergeResult MergeDeskEvents(const std::vector<CheckinEvent>& events, EventTime now, const HubEventRules& rules);

  /// The first and last of the non-withdrawn registrants' days, nullopt when none has days. Throws StoreError.
  std::optional<std::pair<Day, Day>> EventDays();

  /// Events with seq > `after_seq`, in seq order, at most `limit`. `local_only`: only those made on this store.
  std::vector<StoredCheckinEvent> EventsAfter(std::int64_t after_seq, int limit, bool local_only = false);

  /// Every event, by time then uuid (for export).
  std::vector<CheckinEvent> Events();

  /// Named integers kept in the store (sync cursors such as "hub.pushed", "hub.pulled"); nullopt when never set.
  std::optional<std::int64_t> GetCounter(std::string_view name);
  void SetCounter(std::string_view name, std::int64_t value);

  /// The registrant list revision: bumped by every Import that changes something. 0 when never imported.
  std::int64_t RegistrantRevision();

  /// Stores the desk's staff PIN hashed with libsodium crypto_pwhash_str (Argon2id, interactive limits).
  /// Throws std::invalid_argument for a PIN that is not 4 to 12 digits.
  void SetPin(std::string_view pin);
  /// True when a PIN is set and `pin` matches it (crypto_pwhash_str_verify). False when no PIN is set.
  bool CheckPin(std::string_view pin);
  bool HasPin();

  /// PRAGMA data_version: changes when another connection commits (another desk process, the hub sync thread).
  std::int64_t DataVersion();

  const std::filesystem::path& Path() const { return m_path; }

  // --- A store's identity, for desks that must notice a replaced hub store (issue 4 section 4).

  /// This store's random identity: a uuid (NewUuid) kept in its meta table, made by the first call in an IMMEDIATE
  /// transaction, so connections calling it at once all get the same one. A copy of the file keeps it; a new file
  /// gets a new one. Throws StoreError (Io; also on a ReadOnly connection to a store that has none yet).
  std::string StoreId();
  /// Named texts kept in the store beside the counters (the desk's "hub.id"): nullopt when never set. They live in
  /// the meta table under "text." + name, so no name can overwrite one of the store's own entries. Throws StoreError.
  std::optional<std::string> GetText(std::string_view name);
  void SetText(std::string_view name, std::string_view value);
  /// The highest event seq in the store (0 when it has no event). Throws StoreError (Corrupt).
  std::int64_t LastEventSeq();
  /// PRAGMA application_id of every registrant store: the 4 bytes at offset 68 of its file, big-endian (SQLite file
  /// format section 1.3.22), so that a server can tell a registrant store by its first 72 bytes.
  static std::int32_t ApplicationId();

 private:
  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
};

/// The default registrant store: $KIOSK_PEOPLE if set, else $XDG_DATA_HOME/kiosk/registrants.db, else
/// ~/.local/share/kiosk/registrants.db.
std::filesystem::path DefaultRegistrantStorePath();

/// A new random RFC 4122 version 4 uuid (libsodium randombytes), lower-case.
std::string NewUuid();

/// True when `text` is a lower-case 8-4-4-4-12 hex uuid.
bool IsUuid(std::string_view text);

}  // namespace kiosk
