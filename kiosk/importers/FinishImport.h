// The end of every programme import (spreadsheet, frab XML and JSON, iCalendar): normalize, then validate.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Validation.h"
#include "kiosk/importers/Importer.h"

namespace kiosk::importers {

/// The result of an import: `programme` Normalize()d (sessions by start, room order, uid), with `warnings` (the
/// importer's, in source order) followed by ValidateProgramme's at `source`, less the zero-length warnings of the
/// sessions in `zero_length_reported` (the importer already said their duration was empty). Never throws.
ImportResult FinishImport(Programme programme, std::vector<Warning> warnings, const std::string& source,
                          const SessionKeys& zero_length_reported = {});

}  // namespace kiosk::importers
