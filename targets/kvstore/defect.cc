#include "targets/kvstore/defect.h"

#include <array>
#include <utility>

namespace kvstore {
namespace {

// The single table of names: parsing and the usage message both read it, so they cannot drift.
constexpr std::array<std::pair<std::string_view, Defect>, 5> kDefectNames{{
    {"none", Defect::none},
    {"race", Defect::race},
    {"thread-leak", Defect::thread_leak},
    {"conn-storm", Defect::conn_storm},
    {"unbounded-cache", Defect::unbounded_cache},
}};

// Large enough that a few thousand connections cost hundreds of MiB (what a storm should show
// in RSS), small enough that a short test run with tens of connections stays cheap.
constexpr std::size_t kStormBufferBytes = 256 * 1024;

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

std::optional<std::size_t> connection_bound(Defect defect, std::size_t max_connections) {
  if (defect == Defect::conn_storm) return std::nullopt;
  return max_connections;
}

std::size_t connection_buffer_bytes(Defect defect) {
  return defect == Defect::conn_storm ? kStormBufferBytes : 0;
}

}  // namespace kvstore
