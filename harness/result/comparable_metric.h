// What one run contributes to a baseline comparison (DESIGN.md, "Baseline comparison"): for each
// compared metric its value in this run and, for noisy load metrics, the per-interval samples
// behind it. result.json keeps these under "analysis.comparable", so a baseline is just saved
// results and comparing never needs to re-read a run's series.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace faultline::result {

struct ComparableMetric {
  std::string metric;  // a catalogue name: "load.api.p99", "recovery.time_to_recover", "logs.data_races"
  std::string scope;   // "during steady", "during fault 1"; "" for the whole run
  std::string unit;    // the catalogue's unit name ("ms", "s", "req/s", "%", "count", "bytes")
  bool exact = false;  // counts compared exactly; otherwise a noisy value compared by distribution
  std::optional<double> value;  // this run's value in `unit`; unset: not observed (see `note`)
  std::vector<double> samples;  // noisy load metrics: the steady window's per-interval values
  std::string note;             // why there is no value
};

}  // namespace faultline::result
