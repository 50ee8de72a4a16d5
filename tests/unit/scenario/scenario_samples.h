// Scenario texts and an issue reader shared by the tests of the sections that name metrics
// (expect, abort, baseline): what a scenario can produce decides what those sections accept.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "harness/scenario/scenario_parser.h"

namespace faultline::scenario {

// 30s long, a spawned target, generators "api" and "bulk", one fault at 10s, Prometheus scraped:
// every metric is producible. `fields` are more top-level fields ("\"abort\": [...]").
inline std::string full_scenario_with(const std::string& fields) {
  return R"({ "name": "e", "duration": "30s",
    "target": { "command": ["./kv"] },
    "observe": { "prometheus": "/metrics" },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] },
              { "name": "bulk", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ],
    "faults": [ { "kind": "kill", "at": "10s" } ],
    )" + fields + " }";
}

// 30s long, attached without a pid, one generator "api", no faults, no Prometheus: the least a
// scenario produces.
inline std::string bare_scenario_with(const std::string& fields) {
  return R"({ "name": "e", "duration": "30s", "target": { "address": "127.0.0.1:8080" },
    "load": [ { "name": "api", "kind": "http", "model": "closed", "requests": [ { "path": "/" } ] } ],
    )" + fields + " }";
}

// The one issue parsing `text` reports, as "<pointer>: <message>".
inline std::string only_issue(const std::string& text) {
  try {
    parse_scenario_text(text, "s.json");
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.issues().size(), 1u) << error.what();
    return error.issues().front().path + ": " + error.issues().front().message;
  }
  ADD_FAILURE() << "parsed without error";
  return "";
}

}  // namespace faultline::scenario
