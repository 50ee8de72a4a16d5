// The faults that act on the target itself rather than on its traffic: signals ("signal",
// "kill", "pause"), tighter limits ("memory_limit", "cpu_limit", "open_files") and resource
// hogs beside it ("memory_hog", "cpu_hog").
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

std::span<const std::string_view> target_fault_kinds();

// The keys a fault of `kind` has besides kind, at and for; nullopt when `kind` is not one of
// target_fault_kinds().
std::optional<std::span<const std::string_view>> target_fault_keys(std::string_view kind);

// Reads the kind-specific keys of a fault whose kind is one of target_fault_kinds() (and checks
// "for": pause needs one, signal and kill refuse one).
std::optional<FaultAction> read_target_fault(const ObjectReader& fault, std::string_view kind, const Target& target);

}  // namespace faultline::scenario
