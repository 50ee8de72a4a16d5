// Reading a connection-level generator's part of result.json (kinds tcp, websocket, sse: its
// planned entry in scenario.load and its figures under load.<name>) into a ConnectionView.
// Forgiving like the rest of run_view.h: what is missing or mistyped reads as empty.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "reports/html/run_view.h"

namespace faultline::reports::html {

// By its "kind" (measured, else planned); a result without kinds, from before connection-level
// generators, holds only HTTP ones.
bool is_connection_generator(const nlohmann::json& planned, const nlohmann::json& measured);

ConnectionView read_connection_generator(const std::string& name, const nlohmann::json& planned, const nlohmann::json& measured,
                                         double interval_s);

}  // namespace faultline::reports::html
