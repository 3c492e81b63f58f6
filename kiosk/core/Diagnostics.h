// Errors and warnings of imports and validation, each naming where in the source it was found.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk {

/// A problem that does not stop an import. `where` is "file:line" or "file: /schedule/day[1]/room[2]/event[3]".
struct Warning {
  std::string where;
  std::string message;

  /// "where: message"
  std::string ToString() const;
  bool operator==(const Warning&) const = default;
};

/// Most warnings kept of one import or revision, in memory, in the store and in a published snapshot: a programme
/// with thousands of doubtful rows is told about the first ones and counted beyond (issue 11, defect 2).
inline constexpr std::size_t kMaxWarnings = 200;

/// Keeps the first `max` of `warnings` and, when there were more, appends one warning at `where`
/// "… and N more warnings" counting the rest (so at most max + 1 remain); a "… and M more warnings" among the rest
/// counts as M, so bounding twice keeps the true count. Never throws but std::bad_alloc.
void BoundWarnings(std::vector<Warning>& warnings, const std::string& where, std::size_t max = kMaxWarnings);

/// The same for warnings already written as text (Warning::ToString()), as the store keeps them.
void BoundWarningLines(std::vector<std::string>& lines, std::size_t max = kMaxWarnings);

/// "… and N more warnings" (N ≥ 1): the text of the warning that counts those left out.
std::string MoreWarnings(std::size_t left_out);

/// Invalid input: the import is aborted and nothing is written. what() is "where: message".
class ImportError : public std::runtime_error {
 public:
  ImportError(std::string where, std::string message);
  const std::string& Where() const { return m_where; }
  const std::string& Message() const { return m_message; }

 private:
  std::string m_where;
  std::string m_message;
};

}  // namespace kiosk
