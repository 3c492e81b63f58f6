// The catalogue's table. Keys are "screen.what"; keep each section sorted by key.
#include "kiosk/ui/Catalogue.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <string>

namespace kiosk::ui {
namespace {

std::vector<CatalogueEntry> BuildCatalogue() {
  std::vector<CatalogueEntry> entries = {
      // --- common: every screen (Screens.cpp, Overlays, the view models)
      {"common.cancelled", {"Annulé", "Cancelled"}},
      {"common.free_until", {"Salle libre jusqu’à {time}", "Free until {time}"}},
      {"common.later", {"Plus tard", "Later"}},
      {"common.next", {"Ensuite", "Next"}},
      {"common.no_more_today", {"Plus de session aujourd’hui", "No more sessions today"}},
      {"common.no_sessions", {"Aucune session", "No sessions"}},
      {"common.no_sessions_day", {"Aucune session ce jour", "No sessions this day"}},
      {"common.no_sessions_today", {"Aucune session aujourd’hui", "No sessions today"}},
      {"common.programme_of", {"Programme du {day}", "Programme for {day}"}},
      {"common.session", {"Session", "Session"}},
      // --- board, countdown, closing, timeline (their *Screen.cpp files, BoardViewModel.cpp)
      {"board.event_opens", {"Ouverture des Rencontres", "The Rencontres open"}},
      {"board.event_resumes", {"Reprise des Rencontres", "The Rencontres resume"}},
      {"board.last_session", {"Dernière session du jour", "Last session today"}},
      {"board.next_session_at", {"Prochaine session à {time}", "Next session at {time}"}},
      {"board.opens_at", {"Ouverture {day} à {time}", "Opens {day} at {time}"}},
      {"board.resumes_at", {"Reprise {day} à {time}", "Resumes {day} at {time}"}},
      {"board.resuming", {"Reprise {when}", "Resuming {when}"}},
      {"closing.text",
       {"Les Rencontres sont terminées. Rendez-vous à la prochaine édition.",
        "The Rencontres are over. See you at the next edition."}},
      {"closing.title", {"Merci de votre participation !", "Thank you for joining us!"}},
      {"countdown.day", {"J-{n}", "{n} day to go"}},
      {"countdown.days", {"J-{n}", "{n} days to go"}},
      {"countdown.more_many", {"+ {n} autres sessions", "{n} more sessions"}},
      {"countdown.more_one", {"+ {n} autre session", "{n} more session"}},
      {"footer.updated_at", {"Mis à jour à {time} · révision {revision}", "Updated {time} · revision {revision}"}},
      {"footer.updated_on",
       {"Mis à jour le {day} à {time} · révision {revision}", "Updated {day} {time} · revision {revision}"}},
      {"mark.interpretation",
       {"Interprétation {languages} · canal {channel}", "Interpreted into {languages} · channel {channel}"}},
      {"mark.interpretation_brief", {"Interp. {languages} · c. {channel}", "Interp. {languages} · ch. {channel}"}},
      {"mark.interpretation_brief_no_channel", {"Interp. {languages}", "Interp. {languages}"}},
      {"mark.interpretation_no_channel", {"Interprétation {languages}", "Interpreted into {languages}"}},
      {"mark.moved_here", {"Déplacé ici", "Moved here"}},
      {"mark.moved_here_from", {"Déplacé ici depuis {room}", "Moved here from {room}"}},
      {"message.retry", {"nouvel essai dans {seconds}", "retrying in {seconds}"}},
      {"message.retry_every", {"nouvel essai toutes les {seconds}", "retrying every {seconds}"}},
      {"message.sync_bad_signature",
       {"signature refusée : le programme n’est pas signé par la clé de cet écran",
        "signature refused: the programme is not signed with this screen’s key"}},
      {"message.sync_bad_snapshot", {"instantané illisible", "unreadable snapshot"}},
      {"message.sync_error", {"erreur de synchronisation", "sync error"}},
      {"message.sync_first_try", {"première connexion en cours", "first connection under way"}},
      {"message.sync_http", {"le serveur répond {status}", "the server answers {status}"}},
      {"message.sync_newer_schema",
       {"programme d’une version plus récente du kiosque", "programme from a newer kiosk version"}},
      {"message.sync_old_revision", {"révision plus ancienne rejouée", "an older revision replayed"}},
      {"message.sync_server_down", {"serveur injoignable", "server unreachable"}},
      {"message.sync_store_locked", {"base locale verrouillée", "local store locked"}},
      {"message.sync_timed_out", {"le serveur ne répond pas à temps", "the server timed out"}},
      {"message.sync_truncated", {"téléchargement incomplet", "download incomplete"}},
      {"message.sync_waiting", {"En attente du premier programme signé", "Waiting for the first signed programme"}},
      {"message.sync_wrong_hash",
       {"instantané altéré (empreinte sha256 différente)", "snapshot altered (sha256 mismatch)"}},
      {"message.unavailable", {"Programme indisponible", "Programme unavailable"}},
      {"time.in", {"dans {duration}", "in {duration}"}},
      {"time.left", {"encore {duration}", "{duration} left"}},
      {"time.tomorrow_at", {"demain {time}", "tomorrow {time}"}},
      {"timeline.title", {"Programme", "Schedule"}},
      // --- dates (BoardViewModel.cpp, CheckinViewModel.cpp): day and month names, short ones for the desk; "1er"
      {"date.apr_short", {"avr.", "Apr"}},
      {"date.april", {"avril", "April"}},
      {"date.aug_short", {"août", "Aug"}},
      {"date.august", {"août", "August"}},
      {"date.dec_short", {"déc.", "Dec"}},
      {"date.december", {"décembre", "December"}},
      {"date.feb_short", {"févr.", "Feb"}},
      {"date.february", {"février", "February"}},
      {"date.first_day", {"1er", "1"}},
      {"date.fri_short", {"ven.", "Fri"}},
      {"date.friday", {"vendredi", "Friday"}},
      {"date.jan_short", {"janv.", "Jan"}},
      {"date.january", {"janvier", "January"}},
      {"date.jul_short", {"juil.", "Jul"}},
      {"date.july", {"juillet", "July"}},
      {"date.jun_short", {"juin", "Jun"}},
      {"date.june", {"juin", "June"}},
      {"date.mar_short", {"mars", "Mar"}},
      {"date.march", {"mars", "March"}},
      {"date.may", {"mai", "May"}},
      {"date.may_short", {"mai", "May"}},
      {"date.mon_short", {"lun.", "Mon"}},
      {"date.monday", {"lundi", "Monday"}},
      {"date.nov_short", {"nov.", "Nov"}},
      {"date.november", {"novembre", "November"}},
      {"date.oct_short", {"oct.", "Oct"}},
      {"date.october", {"octobre", "October"}},
      {"date.sat_short", {"sam.", "Sat"}},
      {"date.saturday", {"samedi", "Saturday"}},
      {"date.sep_short", {"sept.", "Sep"}},
      {"date.september", {"septembre", "September"}},
      {"date.sun_short", {"dim.", "Sun"}},
      {"date.sunday", {"dimanche", "Sunday"}},
      {"date.thu_short", {"jeu.", "Thu"}},
      {"date.thursday", {"jeudi", "Thursday"}},
      {"date.tue_short", {"mar.", "Tue"}},
      {"date.tuesday", {"mardi", "Tuesday"}},
      {"date.wed_short", {"mer.", "Wed"}},
      {"date.wednesday", {"mercredi", "Wednesday"}},
      // --- session kinds (BoardViewModel.cpp, TimelineViewModel.cpp)
      {"kind.b2b", {"Rendez-vous B2B", "B2B meetings"}},
      {"kind.break", {"Pause", "Break"}},
      {"kind.cafe", {"Café des Rencontres", "Networking café"}},
      {"kind.lunch", {"Déjeuner", "Lunch"}},
      {"kind.micro_workshop", {"Micro-atelier", "Micro-workshop"}},
      {"kind.other", {"Autre", "Other"}},
      {"kind.plenary", {"Plénière", "Plenary"}},
      {"kind.presentation", {"Présentation", "Presentation"}},
      {"kind.reception", {"Cocktail", "Reception"}},
      {"kind.regional", {"Réunion régionale", "Regional meeting"}},
      {"kind.steering", {"Comité de pilotage", "Steering committee"}},
      {"kind.talk", {"Intervention", "Talk"}},
      {"kind.welcome", {"Accueil", "Welcome"}},
      {"kind.workshop", {"Atelier", "Workshop"}},
      // --- door sign (DoorSignScreen.cpp, DoorSignViewModel.cpp)
      {"door.full", {"COMPLET", "FULL"}},
      {"door.more_many", {"+ {n} autres", "{n} more"}},
      {"door.more_one", {"+ {n} autre", "{n} more"}},
      {"door.no_more_here", {"Plus de session dans cette salle", "No more sessions in this room"}},
      {"door.no_rooms", {"Le programme n'a aucune salle", "The programme has no room"}},
      {"door.now", {"En cours", "Now"}},
      {"door.rooms", {"Salles", "Rooms"}},
      {"door.today_here", {"Aujourd’hui dans cette salle", "Today in this room"}},
      {"door.unknown_room", {"Salle inconnue : « {room} »", "Unknown room: {room}"}},
      // --- overlays: announcements and the wrong clock (Overlays.cpp/.h, ScreenOverlays.cpp)
      {"overlay.clock_before_event",
       {"Personnel : l'horloge indique {clock}, bien avant les Rencontres",
        "Staff: the clock says {clock}, long before the event"}},
      {"overlay.clock_before_revision",
       {"Personnel : l'horloge indique {clock}, avant la révision {revision} ({made})",
        "Staff: the clock says {clock}, before revision {revision} ({made})"}},
      {"overlay.clock_fix", {"régler l'heure (NTP)", "set the time (NTP)"}},
      {"overlay.clock_wrong", {"L’horloge de cet écran est incorrecte", "This screen’s clock is wrong"}},
      {"overlay.emergency", {"Alerte", "Emergency"}},
      {"overlay.info", {"Info", "Info"}},
      {"overlay.urgent", {"Annonce urgente", "Urgent notice"}},
      // --- check-in desk (CheckinScreen.cpp, CheckinViewModel.cpp)
      {"desk.already", {"Déjà enregistré·e", "Already checked in"}},
      {"desk.already_at",
       {"Déjà enregistré·e à {time} au poste {desk}", "Already checked in at {time} at desk {desk}"}},
      {"desk.already_on",
       {"Déjà enregistré·e le {date} à {time} au poste {desk}",
        "Already checked in on {date} at {time} at desk {desk}"}},
      {"desk.checked_in", {"Enregistré·e {when} · poste {desk}", "Checked in {when} · desk {desk}"}},
      {"desk.checked_in_times", {"Enregistré·e {n} fois", "Checked in {n} times"}},
      {"desk.counter", {"enregistré·e·s", "checked in"}},
      {"desk.desk", {"Poste {desk}", "Desk {desk}"}},
      {"desk.error", {"Erreur", "Error"}},
      {"desk.expected", {"Attendu·e", "Expected"}},
      {"desk.file", {"Fichier", "File"}},
      {"desk.help_scan", {"Scanner le code ou taper un nom", "Scan the code or type a name"}},
      {"desk.help_select", {"↑ ↓ choisir · Entrée enregistrer", "↑ ↓ select · Enter checks in"}},
      {"desk.help_undo", {"Ctrl+Z annuler le dernier", "Ctrl+Z undoes the last one"}},
      {"desk.hint",
       {"Tapez un nom, une organisation ou scannez un code", "Type a name, an organisation or scan a code"}},
      {"desk.hub_last_exchange", {"dernier échange {time}", "last exchange {time}"}},
      {"desk.hub_online", {"Hub : en ligne", "online"}},
      {"desk.hub_pending", {"{n} en attente", "{n} pending"}},
      {"desk.hub_token_refused", {"Hub : jeton refusé, vérifiez --token", "token refused, check --token"}},
      {"desk.hub_unreachable", {"Hub injoignable", "Hub unreachable"}},
      {"desk.locked", {"Poste {desk} verrouillé", "Desk {desk} locked"}},
      {"desk.more_above", {"↑ {n} au-dessus (↑)", "{n} above"}},
      {"desk.more_below", {"… {n} de plus : précisez (↑ ↓)", "{n} more: type more"}},
      {"desk.no_match", {"Aucun résultat", "No match"}},
      {"desk.no_match_for", {"Aucun résultat pour « {query} »", "No match"}},
      {"desk.no_pin", {"Aucun code PIN : kioskctl registrants pin", "No staff PIN set"}},
      {"desk.not_in_list", {"Ne figure plus dans la dernière liste", "not in the latest list"}},
      {"desk.note", {"Note : {note}", "Note: {note}"}},
      {"desk.nothing_to_undo", {"Rien à annuler", "Nothing to undo"}},
      {"desk.pick_one", {"Plusieurs billets pour ce code", "Several tickets for this code"}},
      {"desk.pick_one_help",
       {"Choisissez la personne avec ↑ ↓ puis Entrée, ou cliquez", "Pick the person with ↑ ↓ then Enter, or click"}},
      {"desk.pin_prompt", {"Code PIN du personnel, puis Entrée", "Staff PIN, then Enter"}},
      {"desk.ready", {"Prêt", "Ready"}},
      {"desk.search", {"Nom, organisation ou code", "Name, organisation or code"}},
      {"desk.standalone", {"Poste autonome", "standalone desk"}},
      {"desk.store_check_people",
       {"Vérifiez --people (le fichier du programme ?), ou importez la liste ailleurs :",
        "Check --people (the programme's store?), or import the list elsewhere:"}},
      {"desk.store_check_rights",
       {"Vérifiez les droits et l'espace disque", "Check its permissions and the free disk space"}},
      {"desk.store_damaged", {"Fichier d'inscrits illisible ou abîmé", "Registrant store unreadable or damaged"}},
      {"desk.store_empty", {"Aucun inscrit", "No registrants yet"}},
      {"desk.store_hub_online", {"Hub en ligne : la liste arrive", "Hub online: the list is on its way"}},
      {"desk.store_hub_token",
       {"Le hub refuse le jeton de ce poste : vérifiez --token", "The hub refuses this desk's token: check --token"}},
      {"desk.store_hub_unreachable", {"Hub injoignable pour l'instant", "Hub unreachable for now"}},
      {"desk.store_import",
       {"kioskctl registrants import FICHIER --people {path}", "kioskctl registrants import FILE --people {path}"}},
      {"desk.store_import_elsewhere",
       {"kioskctl registrants import FICHIER --people AUTRE-CHEMIN",
        "kioskctl registrants import FILE --people OTHER-PATH"}},
      {"desk.store_import_one", {"Importez la liste des inscrits :", "Import one with:"}},
      {"desk.store_import_them", {"Importez la liste des inscrits :", "Import them with:"}},
      {"desk.store_io", {"Fichier d'inscrits inaccessible", "Registrant store unavailable"}},
      {"desk.store_missing", {"Aucun fichier d'inscrits", "No registrant store"}},
      {"desk.store_move_away",
       {"Mettez ce fichier de côté, puis réimportez la liste :", "Move this file away, then import the list again:"}},
      {"desk.store_newer", {"Fichier d'inscrits d'une version plus récente", "Registrant store from a newer version"}},
      {"desk.store_not_registrant", {"Ce fichier n'est pas un fichier d'inscrits", "This is not a registrant store"}},
      {"desk.store_on_hub",
       {"Sur le hub : kioskctl registrants import FICHIER --people …",
        "On the hub: kioskctl registrants import FILE --people …"}},
      {"desk.store_opens", {"L'accueil s'ouvre dès que la liste est là", "The desk opens as soon as the list is in"}},
      {"desk.store_retry",
       {"Nouvel essai automatique toutes les {seconds} s", "The desk tries again every {seconds} s"}},
      {"desk.store_unreadable", {"Fichier des inscrits illisible : {problem}", "Registrant store unreadable"}},
      {"desk.store_update", {"Mettez ce kiosk à jour", "Update this kiosk"}},
      {"desk.store_waiting_hub", {"En attente de la liste du hub", "Waiting for the hub's list"}},
      {"desk.their_programme", {"Son programme", "Their programme"}},
      {"desk.title", {"Accueil", "Check-in"}},
      {"desk.undo", {"Annuler le dernier", "Undo last (Ctrl+Z)"}},
      {"desk.undone", {"Enregistrement annulé", "Check-in undone"}},
      {"desk.unknown_code", {"Code inconnu", "Unknown code"}},
      {"desk.welcome", {"Bienvenue ! Enregistré·e au poste {desk}", "Welcome! Checked in at desk {desk}"}},
      {"desk.withdrawn", {"Plus dans la liste", "Withdrawn"}},
      // --- lobby pages: partners and venue plan (PartnersScreen.cpp, PlanScreen.cpp)
      {"partners.title", {"Nos partenaires", "Our partners"}},
      {"plan.nothing_now", {"Aucune session en ce moment", "No session on now"}},
      {"plan.now_on", {"En ce moment", "Now on"}},
      {"plan.title", {"Plan des salles", "Venue plan"}},
      {"plan.you_are_here", {"Vous êtes ici", "You are here"}},
      {"qr.programme", {"Le programme en ligne", "The programme online"}},
      {"qr.scan", {"Scannez ce code", "Scan this code"}},
      // --- interactive (InteractiveScreen.cpp)
      {"interactive.all", {"Tous", "All"}},
      {"interactive.back", {"Retour", "Back"}},
      {"interactive.ended", {"Terminé", "Ended"}},
      {"interactive.kind", {"Format", "Format"}},
      {"interactive.no_sessions", {"Aucune session pour ces choix", "No sessions for these choices"}},
      {"interactive.now", {"En cours", "Now"}},
      {"interactive.plan", {"Plan du site", "Venue plan"}},
      {"interactive.plan_unavailable", {"Plan indisponible", "Plan unavailable"}},
      {"interactive.see_on_plan", {"Voir sur le plan", "See on the plan"}},
      {"interactive.speakers", {"Intervenants", "Speakers"}},
      {"interactive.theme", {"Thème", "Theme"}},
  };
  std::sort(entries.begin(), entries.end(),
            [](const CatalogueEntry& a, const CatalogueEntry& b) { return a.key < b.key; });
  return entries;
}

}  // namespace

std::string Format(std::string_view text, std::initializer_list<FormatValue> values) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const FormatValue* found = nullptr;
        for (const FormatValue& value : values)
          if (value.first == name) found = &value;
        if (found) {
          out += found->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

Bilingual Format(const Bilingual& text, std::initializer_list<FormatValue> values) {
  return {Format(text.fr, values), Format(text.en, values)};
}

const std::vector<CatalogueEntry>& UiCatalogue() {
  static const std::vector<CatalogueEntry> entries = BuildCatalogue();
  return entries;
}

const Bilingual& UiText(std::string_view key) {
  const std::vector<CatalogueEntry>& entries = UiCatalogue();
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const CatalogueEntry& entry, std::string_view k) { return entry.key < k; });
  if (it != entries.end() && it->key == key) return it->text;
  // A missing key shows itself (a tester sees it) and is logged once. A deque never moves its elements, so the
  // references returned stay valid; it is never freed.
  static std::mutex mutex;
  static auto* shown = new std::deque<Bilingual>();
  std::lock_guard<std::mutex> lock(mutex);
  for (const Bilingual& text : *shown)
    if (text.fr == key) return text;
  std::fprintf(stderr, "kiosk: catalogue: no text for key '%.*s'\n", static_cast<int>(key.size()), key.data());
  shown->push_back({std::string(key), std::string(key)});
  return shown->back();
}

}  // namespace kiosk::ui
