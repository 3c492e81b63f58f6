// kiosk: the venue screen. Reads its command line (CommandLine.h) and runs the mode it asks for.
#include "kiosk/app/App.h"
#include "kiosk/app/CheckinDesk.h"
#include "kiosk/app/CommandLine.h"
#include "kiosk/app/Headless.h"

int main(int argc, char** argv) {
  using kiosk::app::KioskCommand;
  const KioskCommand command = kiosk::app::ParseKioskCommandLine(argc, argv);
  if (command.exit_code) return *command.exit_code;
  switch (command.mode) {
    case KioskCommand::Mode::Desk:
      return kiosk::app::RunCheckinDesk(command.desk);
    case KioskCommand::Mode::Headless:
      return kiosk::app::RunHeadless(command.screens);
    case KioskCommand::Mode::Screens:
      break;
  }
  return kiosk::app::RunApp(command.screens);
}
