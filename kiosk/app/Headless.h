// kiosk --headless: the kiosk's loop without a window or GL, logging what the screen would show (tests, benchmarks).
#pragma once

#include "kiosk/app/App.h"

namespace kiosk::app {

/// Runs the kiosk without a window or GL context: the same ProgrammeSource, --sync thread, view models
/// (ui::BoardViewModel, or ui::DoorSignViewModel with --room) and loop cadence as RunApp (a look at the clock and
/// the store at least every 0.5 s, at once when the sync thread swaps a revision in). Instead of drawing it prints to
/// stdout, flushed, one line per revision shown and one per change of a room's now-on session:
///   shown revision 7 at 2026-07-08T08:20:01.123Z
///   now-on salon-monge: J1-03 "Eau, thème de l’année : …" (clock 2026-07-08T08:20:00Z) at 2026-07-08T08:20:01.124Z
///   now-on salon-monge: - (clock 2026-07-08T09:30:00Z) at …
/// and, when the system clock is implausible (the window's wrong-clock screen: no now/next), once until it is right:
///   wrong clock: This screen’s clock is wrong (clock 2020-01-01T09:20:00Z) at …
/// Which view shows and when it changes next (announcement ends included) is PlanView's, as in the window.
/// (`at` is the host's UTC time with milliseconds, `clock` the kiosk's own, which --now and the offset file move).
/// Runs until SIGINT or SIGTERM, then stops the sync thread and prints its counters to stderr.
/// Returns 0; 2 for a bad --now or --sync/--pubkey; 1 when the loop cannot be set up.
int RunHeadless(const AppOptions& options);

}  // namespace kiosk::app
