// Counts per interval by class (an HTTP generator's failed requests by error class, a connection
// generator's connect failures or disconnects by kind) drawn as stacked areas of rates: each
// class's area lies on the ones before it, so the top edge is the total per second.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "reports/html/figure.h"
#include "reports/html/run_view.h"

namespace faultline::reports::html {

using CountsByClass = std::map<std::string, std::vector<double>>;

// Adds one area per class to `chart`, in counts per second; `t_s` and `counts` as drawn (maybe
// coarsened), each point at t + offset_s. Colours by class (palette::error_class).
void add_stacked_rates(ChartSpec& chart, const std::vector<double>& t_s, const CountsByClass& counts, double interval_s, double offset_s);

// The key-numbers table of each class's rate per second, read from every interval.
KeyTable rates_table(const std::string& caption, const std::vector<double>& t_s, const CountsByClass& counts, const RunView& run);

}  // namespace faultline::reports::html
