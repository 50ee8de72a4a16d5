// The kinds of names a scenario holds: names of things (the scenario, its load generators),
// which end up in file names and metric keys, environment variable names, and the names of the
// target's Prometheus metrics.
#pragma once

#include <string_view>

namespace faultline::scenario {

// [A-Za-z0-9._-]+
bool is_identifier(std::string_view name);

// [A-Za-z_][A-Za-z0-9_]*
bool is_variable_name(std::string_view name);

// [a-zA-Z_:][a-zA-Z0-9_:]* (Prometheus' metric name syntax)
bool is_metric_name(std::string_view name);

}  // namespace faultline::scenario
