// Reads a connection-level generator of the "load" array: kind "tcp", "websocket" or "sse"
// (scenario.h, ConnectionLoad). Part of the scenario parser; problems go to the reader's issue
// collector. The fields every generator shares (name, start, for, address, via) are read by
// load_parser.cc.
#pragma once

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace faultline::scenario {

// The keys a generator of `kind` may have besides the shared ones.
const std::vector<std::string_view>& connection_load_keys(ConnectionLoad::Kind kind);

// Reads the kind-specific fields of `generator` into `load` (whose kind is set).
void read_connection_load(const ObjectReader& generator, ConnectionLoad& load);

// The largest number of clients or connection slots of one generator: more than one process
// can hold open on any machine faultline runs on (each needs a descriptor).
inline constexpr std::int64_t kMaxConnections = 1'000'000;

}  // namespace faultline::scenario
