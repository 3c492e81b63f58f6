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
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, all_of, differs_from, lit, main, not_red, red  # noqa: E402

W, H = 1280, 720


def write_xlsx(path, rows, merges=()):
    """A minimal xlsx as an organizer's Excel saves it (one sheet "Programme", inline strings; a cell ("date", SERIAL)
    is a number styled as a date, ("time", FRACTION) one styled as a time), with merged ranges like "A5:A8"."""
    def cell(ref, value):
        if isinstance(value, tuple):
            return f'<c r="{ref}" s="{1 if value[0] == "date" else 2}"><v>{value[1]}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    sheet_rows = "".join(
        f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v not in (None, ""))
        + "</row>" for r, row in enumerate(rows, 1))
    merged = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Programme" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        f'Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}"><numFmts count="1">'
        '<numFmt numFmtId="164" formatCode="dddd d mmmm yyyy"/></numFmts><fonts count="1"><font/></fonts><fills '
        'count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="20" '
        'applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
        f'{sheet_rows}</sheetData><mergeCells count="{len(merges)}">{merged}</mergeCells></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def organizer_sheet(run):
    """Issue 13, README "Programme formats": the organizers' own xlsx (title rows, French headers, a merged day cell
    as a date serial, ranges "9h30 - 10h30", a time cell, an unknown header named once with --write-map) reaches a
    running door sign; the next version of the sheet, imported with only --map, moves the session on screen."""
    db = run.path("s.db")
    sheet = run.path("programme.xlsx")
    def version(monge_time):
        write_xlsx(sheet, [
            ["17es Rencontres de l'action internationale des collectivités territoriales"],
            ["Programme provisoire"],
            [],
            ["Jour", "Plage", "Salle", "Type", "Intitulé", "Animateurs", "Interprétation"],
            [("date", 46211), "9h30 - 10h30", "Grand Salon", "Plénière", "Ouverture des Rencontres", "", "FR↔EN canal 1"],
            [None, monge_time, "Salon Monge", "Atelier", "Eau et assainissement : la coopération décentralisée",
             "Claire Vasseur", "FR/EN canal 2"],
            [None, ("time", 0.4479166666), "Salon Laplace", "Café", "Café des Rencontres : Vietnam", "", ""],
            [None, "14h - 15h30", "Grand Salon", "Réunion régionale", "Réunion régionale Afrique de l'Ouest", "",
             "EN, ES"],
        ], merges=["A5:A8"])
    version("10h45 - 12h15")
    # "Plage" is no header the kiosk knows: inspect says so, the map written from its guess is corrected once.
    inspect = subprocess.run([run.kioskctl, "inspect", sheet, "--write-map", run.path("map.toml")],
                             capture_output=True, text=True, timeout=120)
    said = inspect.stdout + inspect.stderr
    if inspect.returncode != 2 or "Plage" not in said or "--column start=" not in said:
        raise Failure(f"inspect should exit 2 naming the headers seen and --column: {said}")
    with open(run.path("map.toml"), encoding="utf-8") as f:
        mapping = f.read()
    mapping = re.sub(r'"Plage" = "ignored"', '"Plage" = "start"', mapping)
    with open(run.path("map.toml"), "w", encoding="utf-8") as f:
        f.write(mapping)
    run.ctl("import", sheet, "--map", run.path("map.toml"), "--db", db)
    door = run.screen("door", W, H, ["--db", db, "--now", "2026-07-08T10:50", "--room", "salon-monge"])
    door.wait_log("shown revision 1")
    before = door.wait_picture("revision-1", lit, timeout=60)
    version("11h15 - 12h15")  # the workshop starts half an hour later: at 10:50 it is no longer on now
    run.ctl("import", sheet, "--map", run.path("map.toml"), "--db", db)
    door.wait_log("shown revision 2")
    door.wait_picture("revision-2", all_of(lit, differs_from(before, 0.01)))


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
    "organizer_sheet": organizer_sheet,
}

if __name__ == "__main__":
    sys.exit(main(SCENARIOS))
