// Blanking a generator's intervals outside the time it ran. Before a generator starts and after
// it stops its figures are undefined, not zero: blank, the charts show when each generator ran
// and the medians cover only that time. An interval that recorded something is kept all the
// same, since a real event is never hidden: a connect started just before the planned start may
// fall into the interval before it, a response to a request sent just before the end into the
// interval after it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace faultline::reports::html {

// One generator's figures that mean "not running" when outside its window: counts, rates and
// levels per interval, alone or by kind (an error class, why a connect failed).
struct IntervalFigures {
  std::vector<std::vector<double>*> values;
  std::vector<std::map<std::string, std::vector<double>>*> by_kind;
};

// Sets every figure to NaN in each interval [t_s[i], t_s[i] + interval_s) that ends by
// `start_s` or starts at or after `end_s` (unset: never), unless one of its figures is above 0.
void blank_idle_intervals(const std::vector<double>& t_s, double interval_s, double start_s, std::optional<double> end_s,
                          const IntervalFigures& figures);

}  // namespace faultline::reports::html
