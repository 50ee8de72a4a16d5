// Reads the network side of a scenario: its fault proxies ("proxies"), the toxics among the
// faults, and which proxy each load generator goes through ("via").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// The keys of a fault whose kind is a toxic ("latency", ...) besides kind, at and for: the
// toxic's attributes and "proxy"; nullopt when `kind` is not a toxic.
std::optional<std::vector<std::string_view>> network_fault_keys(std::string_view kind);

// Reads a fault whose kind is a toxic (its proxy is checked later, by read_network()).
std::optional<FaultAction> read_network_fault(const ObjectReader& fault, std::string_view kind);

// Fills scenario.proxies and the seed, gives each network fault its proxy and checks it and every
// "via"; needs scenario.load and scenario.faults read (`fault_paths` from read_faults()). When
// nothing names a proxy there is none; when something does and "proxies" is absent, one proxy
// named "proxy" stands in front of the target.
void read_network(const ObjectReader& root, const std::vector<std::string>& fault_paths, Scenario& scenario);

}  // namespace faultline::scenario
