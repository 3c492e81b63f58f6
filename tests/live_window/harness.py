"""The live-window harness: real windowed kiosks under Xvfb, changed while they run, judged by their framebuffer.

Each screen gets an X server of its own (Xvfb -fbdir, one window filling it), so the XWD file Xvfb keeps is exactly
what that kiosk shows. A test starts screens, runs kioskctl (or types with xdotool) while they run, and waits for the
picture to satisfy a condition: not black, red for an emergency, different from before. A screen that was right at
its first frame and went black at the first rebuilt font atlas (issue 11) fails here, while --screenshot (one cold
frame) passes.

Environment: KIOSK, KIOSKCTL (the binaries), KIOSK_SOURCE_DIR (the checkout), LIVE_WINDOW_OUT (folder for the PNGs
of every check, default a temporary folder that is kept when a test fails).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xwd  # noqa: E402


class Failure(Exception):
    """A check that did not hold; the message says what was seen."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Run:
    """One test's processes, folder and pictures; close() stops every process it started."""

    def __init__(self, name):
        self.name = name
        self.kiosk = os.environ["KIOSK"]
        self.kioskctl = os.environ["KIOSKCTL"]
        self.source = os.environ["KIOSK_SOURCE_DIR"]
        self.dir = tempfile.mkdtemp(prefix=f"live-{name}-")
        out = os.environ.get("LIVE_WINDOW_OUT")
        self.out = os.path.join(out, name) if out else os.path.join(self.dir, "pictures")
        os.makedirs(self.out, exist_ok=True)
        self.processes = []
        self.screens = []
        self.step = 0

    def path(self, name):
        return os.path.join(self.dir, name)

    def ctl(self, *args, check=True):
        """Runs kioskctl; returns its stdout. Raises Failure when check and it exits non-zero."""
        result = subprocess.run([self.kioskctl, *args], capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise Failure(f"kioskctl {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return result.stdout

    def spawn(self, args, log, env=None):
        """Starts a background process whose stdout and stderr go to the file log (in the run's folder)."""
        handle = open(self.path(log), "w")
        process = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        process.log = self.path(log)
        self.processes.append(process)
        return process

    def serve(self, *args):
        """kioskctl serve ARGS --port P on loopback; waits until it accepts connections; returns the port."""
        port = free_port()
        process = self.spawn([self.kioskctl, "serve", *args, "--port", str(port)], f"serve-{port}.log")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise Failure(f"kioskctl serve exited {process.returncode}: {open(process.log).read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return port
            except OSError:
                time.sleep(0.1)
        raise Failure(f"kioskctl serve did not listen on {port} within 20 s")

    def screen(self, name, width, height, kiosk_args):
        """Starts Xvfb (width x height, 24 bits) and a kiosk window of that size on it; returns the Screen."""
        screen = Screen(self, name, width, height, kiosk_args)
        self.screens.append(screen)
        return screen

    def close(self, ok):
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if ok and not os.environ.get("LIVE_WINDOW_OUT"):
            shutil.rmtree(self.dir, ignore_errors=True)


class Screen:
    """A kiosk window alone on an X server, and its framebuffer."""

    def __init__(self, run, name, width, height, kiosk_args):
        self.run = run
        self.name = name
        self.width, self.height = width, height
        self.fbdir = run.path(f"fb-{name}")
        os.makedirs(self.fbdir)
        self.display = self._start_xvfb()
        env = dict(os.environ, DISPLAY=self.display)
        self.env = env
        self.process = run.spawn([run.kiosk, *kiosk_args, "--window", f"{width}x{height}"], f"kiosk-{name}.log", env)

    def _start_xvfb(self):
        for _ in range(20):
            number = 300 + (os.getpid() * 7 + len(self.run.screens) * 13 + int(time.monotonic() * 1000)) % 600
            if os.path.exists(f"/tmp/.X11-unix/X{number}") or os.path.exists(f"/tmp/.X{number}-lock"):
                continue
            xvfb = self.run.spawn(
                ["Xvfb", f":{number}", "-screen", "0", f"{self.width}x{self.height}x24", "-fbdir", self.fbdir,
                 "-nolisten", "tcp"], f"xvfb-{self.name}.log")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if os.path.exists(f"/tmp/.X11-unix/X{number}") and os.path.exists(self.fb_path()):
                    return f":{number}"
                if xvfb.poll() is not None:
                    break
                time.sleep(0.05)
        raise Failure("could not start Xvfb")

    def fb_path(self):
        return os.path.join(self.fbdir, "Xvfb_screen0")

    def log(self):
        with open(self.process.log, errors="replace") as f:
            return f.read()

    def frame(self):
        return xwd.read(self.fb_path())

    def alive(self):
        if self.process.poll() is not None:
            raise Failure(f"kiosk {self.name} exited {self.process.returncode}:\n{self.log()[-3000:]}")

    def save(self, frame, label):
        self.run.step += 1
        path = os.path.join(self.run.out, f"{self.run.step:02d}-{self.name}-{label}.png")
        frame.write_png(path)
        return path

    def wait_log(self, text, timeout=30):
        """Waits until the kiosk's log holds text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.alive()
            if text in self.log():
                return
            time.sleep(0.1)
        raise Failure(f"kiosk {self.name}: no '{text}' in its log within {timeout} s:\n{self.log()[-3000:]}")

    def wait_picture(self, label, condition, timeout=20, settle=0.6):
        """Waits until condition(frame) returns None (else a reason), holding for `settle` seconds (so a picture that
        is right for one frame and then goes black fails). Saves the last frame as a PNG; raises Failure with the
        last reason after timeout."""
        deadline = time.monotonic() + timeout
        good_since = None
        reason = "no frame"
        while True:
            self.alive()
            frame = self.frame()
            reason = condition(frame)
            now = time.monotonic()
            if reason is None:
                good_since = good_since or now
                if now - good_since >= settle:
                    self.save(frame, label)
                    return frame
            else:
                good_since = None
            if now > deadline:
                path = self.save(frame, label + "-FAILED")
                raise Failure(f"screen {self.name}, {label}: {reason} (after {timeout} s; picture {path})\n"
                              f"kiosk log:\n{self.log()[-3000:]}")
            time.sleep(0.15)

    def key(self, *keys):
        subprocess.run(["xdotool", "key", "--delay", "30", *keys], env=self.env, check=True, timeout=30)

    def click(self, x, y):
        """A real click (press and release) at window coordinates x, y, as a touch screen's tap arrives."""
        subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"], env=self.env, check=True,
                       timeout=30)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--delay", "40", text], env=self.env, check=True, timeout=60)


# Conditions on a frame: None when it holds, else what was seen.

def lit(frame, max_dark=0.35, min_colours=60):
    """A screen that shows something: not mostly black, and text (anti-aliased glyphs make many colours)."""
    small = frame.sample(4)
    dark = small.dark_share()
    if dark > max_dark:
        return f"{dark:.0%} of the picture is black (a blank or black screen)"
    colours = small.colours()
    if colours < min_colours:
        return f"only {colours} colours: no text drawn"
    return None


def all_of(*conditions):
    def check(frame):
        for condition in conditions:
            reason = condition(frame)
            if reason is not None:
                return reason
        return None
    return check


def red(min_share=0.4):
    """The emergency screen: mostly red."""
    def check(frame):
        share = frame.sample(4).red_share()
        return None if share >= min_share else f"{share:.0%} red, expected at least {min_share:.0%} (emergency)"
    return check


def not_red(max_share=0.03):
    def check(frame):
        share = frame.sample(4).red_share()
        return None if share <= max_share else f"{share:.0%} red, expected the emergency cleared"
    return check


def differs_from(before, min_share=0.002, region=None):
    """The picture (or the region x, y, w, h of it) changed since `before`."""
    def check(frame):
        a, b = (frame, before) if region is None else (frame.crop(*region), before.crop(*region))
        share = a.sample(2).difference(b.sample(2))
        return None if share >= min_share else f"only {share:.2%} of the picture changed since before"
    return check


def main(scenarios):
    """Runs the scenario named by argv[1] (or all); prints one line per scenario; exit 1 on a failure."""
    names = sys.argv[1:] or list(scenarios)
    failed = 0
    for name in names:
        run = Run(name)
        ok = False
        started = time.monotonic()
        try:
            scenarios[name](run)
            ok = True
            print(f"live-window {name}: ok in {time.monotonic() - started:.1f} s (pictures in {run.out})")
        except Failure as failure:
            failed += 1
            print(f"live-window {name}: FAILED: {failure}", file=sys.stderr)
            print(f"(folder kept: {run.dir})", file=sys.stderr)
        finally:
            run.close(ok)
    return 1 if failed else 0
