// The deliberate defects kvstore can be started with (--defect), so faultline's scenarios have
// something real to find. Parsed once at start-up; everything downstream switches on the enum.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kvstore {

enum class Defect {
  none,  // the correct, bounded, thread-safe service
};

// The Defect named `name` ("none", ...), or nullopt when no defect has that name.
std::optional<Defect> parse_defect(std::string_view name);

// Every accepted --defect name, comma-separated, for usage messages.
std::string defect_names();

}  // namespace kvstore
