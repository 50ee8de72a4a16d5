// Synthetic per-interval series for the analysis tests: written as plain lists where NaN marks
// a missing interval (a gap), so a table row reads like the timeline it stands for.
#pragma once

#include <cmath>
#include <vector>

#include "harness/analysis/recovery.h"
#include "harness/analysis/series.h"

namespace faultline::analysis::testing {

inline constexpr double kGap = NAN;

inline Series make_series(double interval_s, const std::vector<double>& values) {
  Series series;
  series.interval_s = interval_s;
  for (double value : values) {
    if (std::isnan(value)) {
      series.values.emplace_back();
    } else {
      series.values.emplace_back(value);
    }
  }
  return series;
}

// 100 requests sent per interval; ok follows the error rate; a gap in the error rate is an
// interval with nothing recorded at all.
inline LoadSeries make_load(double interval_s, const std::vector<double>& error_rate, const std::vector<double>& p99_ms) {
  LoadSeries load;
  load.error_rate = make_series(interval_s, error_rate);
  load.p99_ms = make_series(interval_s, p99_ms);
  std::vector<double> sent, ok;
  for (double rate : error_rate) {
    sent.push_back(std::isnan(rate) ? kGap : 100.0);
    ok.push_back(std::isnan(rate) ? kGap : 100.0 * (1 - rate));
  }
  load.sent = make_series(interval_s, sent);
  load.ok = make_series(interval_s, ok);
  return load;
}

}  // namespace faultline::analysis::testing
