#!/usr/bin/env python3
"""Live-window tests: the README's walkthroughs that a live screen takes part in, on real windows under Xvfb.

Each scenario starts windowed kiosks (each alone on its own Xvfb with -fbdir), changes the store, publishes or types
while they run, and asserts on the framebuffer: the picture is lit (not black, text drawn), red for an emergency and
not after its clearing, changed after a change. Usage: live_tests.py [SCENARIO...] (all when none); see harness.py
for the environment. Each scenario is its own CTest test (tests/CMakeLists.txt).
"""

import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, all_of, differs_from, lit, main, not_red, red  # noqa: E402

W, H = 1280, 720


def import_raict(run, db):
    csv = run.path("programme.csv")
    shutil.copy(os.path.join(run.source, "schedules", "raict-2026.csv"), csv)
    run.ctl("import", csv, "--db", db)
    return csv


def notice_new_characters(run):
    """An info notice whose characters the atlas has not baked ("Ωmega test", then Arabic and Armenian) reaches a
    running lobby board: the atlas is rebuilt and the picture stays lit, with the notice band drawn."""
    db = run.path("s.db")
    import_raict(run, db)
    board = run.screen("board", W, H, ["--db", db, "--now", "2026-07-08T10:20", "--show", "board"])
    board.wait_log("shown revision 1")
    before = board.wait_picture("revision-1", lit, timeout=60)
    run.ctl("announce", "Ωmega test", "--db", db)
    board.wait_log("shown revision 2")
    band = (0, int(H * 0.9), W, H - int(H * 0.9))  # the info band at the bottom
    after = board.wait_picture("omega-notice", all_of(lit, differs_from(before, 0.01, band)))
    run.ctl("announce", "Coopération · التعاون · Համագործակցություն", "--db", db)
    board.wait_log("shown revision 3")
    board.wait_picture("arabic-armenian-notice", all_of(lit, differs_from(after, 0.002)))
    builds = board.log().count("kiosk: fonts: missing glyphs")
    if builds < 3:
        raise Failure(f"expected an atlas build for each new set of characters, saw {builds}")


def new_revision(run):
    """README 'Try it live': a kiosk on the store of tools/demo.sh follows an import of an edited copy of the
    programme, whose new title brings new characters (Greek, Vietnamese's ẫ): rebuilt atlas, lit, changed."""
    db = run.path("s.db")
    csv = import_raict(run, db)
    board = run.screen("board", W, H, ["--db", db, "--now", "2026-07-08T10:20", "--show", "board"])
    board.wait_log("shown revision 1")
    before = board.wait_picture("revision-1", lit, timeout=60)
    with open(csv, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("Eau, thème de l’année", "Ὕδωρ · Nước sạch ẫ, thème de l’année", 1)
    with open(csv, "w", encoding="utf-8") as f:
        f.write(text)
    run.ctl("import", csv, "--db", db)
    board.wait_log("shown revision 2")
    board.wait_picture("revision-2", all_of(lit, differs_from(before, 0.002)))


def during_the_event(run):
    """README 'During the event': delay, move, cancel, full, an info notice, an emergency (the whole screen red),
    its clearing, the log and a rollback, each while a lobby board and a door sign run."""
    db = run.path("s.db")
    import_raict(run, db)
    now = "2026-07-08T09:30"
    board = run.screen("board", W, H, ["--db", db, "--now", now, "--show", "board"])
    door = run.screen("door", 960, 540, ["--db", db, "--now", now, "--room", "Grand Salon"])
    board.wait_log("shown revision 1")
    door.wait_log("shown revision 1")
    shown = {board: board.wait_picture("start", lit, timeout=60), door: door.wait_picture("start", lit, timeout=60)}
    steps = [
        ("delay", ["delay", "Plénière d'ouverture", "15"]),
        ("move", ["move", "J1-08", "--room", "restaurant"]),
        ("cancel", ["cancel", "Collectivités face"]),
        ("full", ["full", "J1-06"]),
        ("info", ["announce", "Le déjeuner est servi au Restaurant Les Arts", "--en", "Lunch is served", "--until",
                  "2026-07-08T14:15", "--now", now]),  # the README's rehearsal clock (KIOSK_NOW there)
    ]
    revision = 1
    for label, args in steps:
        run.ctl(*args, "--db", db)
        revision += 1
        for screen in (board, door):
            screen.wait_log(f"shown revision {revision}")
            screen.wait_picture(label, lit)
    out = run.ctl("announce", "Évacuez le bâtiment par les sorties de secours", "--en", "Evacuate the building",
                  "--priority", "emergency", "--db", db)
    number = re.search(r"#(\d+)", out)
    if not number:
        raise Failure(f"announce printed no notice number: {out}")
    revision += 1
    for screen in (board, door):
        screen.wait_log(f"shown revision {revision}")
        screen.wait_picture("emergency", all_of(lit_emergency, red()))
    run.ctl("clear", number.group(1), "--db", db)
    revision += 1
    for screen in (board, door):
        screen.wait_log(f"shown revision {revision}")
        screen.wait_picture("cleared", all_of(lit, not_red()))
    if "revision 3 " not in run.ctl("log", "--db", db):
        raise Failure("kioskctl log does not list revision 3, the one to roll back to")
    run.ctl("rollback", "3", "--db", db)
    revision += 1
    for screen in (board, door):
        screen.wait_log(f"shown revision {revision}")
        screen.wait_picture("rollback", all_of(lit, not_red(), differs_from(shown[screen], 0.001)))


def lit_emergency(frame):
    """The emergency screen: red, with text (it has few colours but for its glyphs)."""
    return lit(frame, max_dark=0.35, min_colours=20)


def many_screens(run):
    """README 'Many screens': a lobby board and a door sign sync from kioskctl serve, each from an empty store (the
    first picture is the waiting message, then the programme: a rebuild); a delay, a move and an emergency
    published reach both; the clearing too."""
    keys = run.path("keys")
    run.ctl("keygen", "--out", keys)
    org = run.path("organizer.db")
    import_raict(run, org)
    www = run.path("www")
    key = os.path.join(keys, "publisher.key")
    run.ctl("publish", "--db", org, "--key", key, "--out", www)
    port = run.serve("--dir", www, "--bind", "127.0.0.1")
    sync = ["--sync", f"http://127.0.0.1:{port}/manifest", "--pubkey", os.path.join(keys, "publisher.pub"),
            "--now", "2026-07-08T09:30"]
    a = run.screen("lobby", 960, 540, sync + ["--db", run.path("kiosk-a.db"), "--show", "board"])
    b = run.screen("grand-salon", 960, 540, sync + ["--db", run.path("kiosk-b.db"), "--room", "Grand Salon"])
    pictures = {}
    for screen in (a, b):
        screen.wait_log("shown revision 1", timeout=60)
        pictures[screen] = screen.wait_picture("revision-1", lit, timeout=60)
    run.ctl("delay", "Plénière d'ouverture", "15", "--db", org)
    run.ctl("move", "J1-08", "--room", "restaurant", "--db", org)
    run.ctl("publish", "--db", org, "--key", key, "--out", www)
    for screen in (a, b):
        screen.wait_log("shown revision 3")
        screen.wait_picture("delay-move", all_of(lit, differs_from(pictures[screen], 0.001)))
    out = run.ctl("announce", "Évacuez le bâtiment", "--en", "Evacuate the building", "--priority", "emergency",
                  "--db", org)
    number = re.search(r"#(\d+)", out).group(1)
    run.ctl("publish", "--db", org, "--key", key, "--out", www)
    for screen in (a, b):
        screen.wait_log("shown revision 4")
        screen.wait_picture("emergency", all_of(lit_emergency, red()))
    run.ctl("clear", number, "--db", org)
    run.ctl("publish", "--db", org, "--key", key, "--out", www)
    for screen in (a, b):
        screen.wait_log("shown revision 5")
        screen.wait_picture("cleared", all_of(lit, not_red()))


def page_rotation(run):
    """The lobby's rotation (board, then timeline, 2 s slots): each page in turn, every one lit, the pictures
    differ, and the rotation comes back to the board."""
    db = run.path("s.db")
    import_raict(run, db)
    lobby = run.screen("lobby", W, H, ["--db", db, "--now", "2026-07-08T10:20", "--pages", "board,timeline",
                                       "--page-seconds", "2"])
    lobby.wait_log("shown revision 1")
    first = lobby.wait_picture("first-page", lit, timeout=60, settle=0.3)
    second = lobby.wait_picture("second-page", all_of(lit, differs_from(first, 0.2)), timeout=20, settle=0.3)
    lobby.wait_picture("third-page", all_of(lit, differs_from(second, 0.2)), timeout=20, settle=0.3)


def desk_starts_empty(run):
    """README 'Check-in desk': the hub serves 400 invented registrants; desk A starts from an empty store (the
    message screen, then the list from the hub: a rebuild), staff type "elo" (xdotool, real key events) and Enter;
    desk B, also empty at start, then shows her as already checked in."""
    registrants = run.path("registrants.csv")
    run.ctl("registrants", "generate", "--programme", os.path.join(run.source, "schedules", "raict-2026.csv"),
            "--out", registrants)
    hub_db = run.path("hub.db")
    run.ctl("registrants", "import", registrants, "--people", hub_db)
    token = run.path("hub.token")
    with open(token, "w") as f:
        f.write("0123456789abcdef0123456789abcdef\n")
    port = run.serve("--people", hub_db, "--token-file", token, "--bind", "127.0.0.1")
    hub = ["--hub", f"http://127.0.0.1:{port}", "--token-file", token]
    a = run.screen("desk-a", 1366, 768, ["--mode", "checkin", "--desk", "A", "--people", run.path("a.db"), *hub])
    a.wait_log("registrants", timeout=60)
    empty = a.wait_picture("loaded", lit, timeout=60)
    a.type("elo")
    typed = a.wait_picture("typed-elo", all_of(lit, differs_from(empty, 0.01)))
    a.key("Return")
    a.wait_picture("checked-in", all_of(lit, differs_from(typed, 0.02), green(0.02)))
    b = run.screen("desk-b", 1366, 768, ["--mode", "checkin", "--desk", "B", "--people", run.path("b.db"), *hub])
    b.wait_log("registrants", timeout=60)
    b.wait_picture("loaded", lit, timeout=60)


def touch_screen(run):
    """README 'Touch screen': an --interactive kiosk shows the lobby until touched; a real tap opens the touch
    screen (the programme to browse); a tap on a session its detail; an emergency then takes the whole screen."""
    db = run.path("s.db")
    import_raict(run, db)
    touch = run.screen("touch", W, H, ["--db", db, "--now", "2026-07-08T10:20", "--interactive", "--show", "board"])
    touch.wait_log("shown revision 1")
    lobby = touch.wait_picture("lobby", lit, timeout=60)
    touch.click(W // 2, H // 2)
    browse = touch.wait_picture("browse", all_of(lit, differs_from(lobby, 0.2)))
    touch.click(W // 3, H // 2)
    touch.wait_picture("tapped", all_of(lit, differs_from(browse, 0.02)))
    run.ctl("announce", "Évacuez le bâtiment", "--en", "Evacuate the building", "--priority", "emergency", "--db", db)
    touch.wait_log("shown revision 2")
    touch.wait_picture("emergency", all_of(lit_emergency, red()))


def configured_lobby(run):
    """README 'Configuration': tools/kiosk.toml from a checkout (its four pages, 10 s slots, here = accueil, burn-in
    and night settings), windowed; the board, then the timeline, partners and plan pages, each lit."""
    db = run.path("s.db")
    import_raict(run, db)
    config = os.path.join(run.source, "tools", "kiosk.toml")
    lobby = run.screen("lobby", W, H, ["--config", config, "--db", db, "--assets",
                                       os.path.join(run.source, "assets"), "--now", "2026-07-09T11:10",
                                       "--windowed", "--page-seconds", "2"])
    lobby.wait_log("shown revision 1")
    previous = lobby.wait_picture("page-1", lit, timeout=60, settle=0.3)
    for page in range(2, 5):
        previous = lobby.wait_picture(f"page-{page}", all_of(lit, differs_from(previous, 0.15)), timeout=20,
                                      settle=0.3)


def green(min_share):
    """The desk's "Bienvenue" panel: a share of green pixels."""
    def check(frame):
        share = frame.sample(4).share(lambda r, g, b: g >= 120 and g > r + 40 and g > b + 20)
        return None if share >= min_share else f"{share:.1%} green, expected the welcome panel"
    return check


SCENARIOS = {
    "notice_new_characters": notice_new_characters,
    "new_revision": new_revision,
    "during_the_event": during_the_event,
    "many_screens": many_screens,
    "page_rotation": page_rotation,
    "desk_starts_empty": desk_starts_empty,
    "touch_screen": touch_screen,
    "configured_lobby": configured_lobby,
}

if __name__ == "__main__":
    sys.exit(main(SCENARIOS))
