// Where the tests find ../shared (cases, corpus) and the repository's own files.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk::test {

/// ../shared/cases/NAME/FILE beside the checkout.
inline std::filesystem::path CasePath(const std::string& name, const std::string& file) {
  return std::filesystem::path(KIOSK_SHARED_DIR) / "cases" / name / file;
}
/// ../shared/corpus beside the checkout; may not exist (tests then skip).
inline std::filesystem::path CorpusDir() { return std::filesystem::path(KIOSK_SHARED_DIR) / "corpus"; }
/// A file of this repository.
inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(KIOSK_SOURCE_DIR) / relative;
}
/// Whole file as bytes; throws std::runtime_error when unreadable.
inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace kiosk::test
