#include "targets/kvstore/defect.h"

#include <array>
#include <utility>

namespace kvstore {
namespace {

// The single table of names: parsing and the usage message both read it, so they cannot drift.
constexpr std::array<std::pair<std::string_view, Defect>, 1> kDefectNames{{
    {"none", Defect::none},
}};

}  // namespace

std::optional<Defect> parse_defect(std::string_view name) {
  for (const auto& [defect_name, defect] : kDefectNames) {
    if (defect_name == name) return defect;
  }
  return std::nullopt;
}

std::string defect_names() {
  std::string names;
  for (const auto& [defect_name, defect] : kDefectNames) {
    if (!names.empty()) names += ", ";
    names += defect_name;
  }
  return names;
}

}  // namespace kvstore
