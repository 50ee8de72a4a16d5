// Chooses which scraped series a run records: those the scenario names, plus a few that say
// whether a Go or instrumented service leaks (goroutines, heap, open fds), whenever present.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/observe/prometheus_text.h"

namespace faultline::observe {

// Recorded whenever the target exposes them, whatever the scenario names.
inline constexpr std::string_view kAlwaysRecorded[] = {"go_goroutines", "go_memstats_heap_alloc_bytes",
                                                       "process_open_fds"};

// One recorded value of a series, which is a metric name plus its label set.
struct SeriesValue {
  std::string series;  // series_key() of the sample: the stable key of the series in the result
  double value = 0;

  friend bool operator==(const SeriesValue&, const SeriesValue&) = default;
};

// `name{a="x",b="y"}` with the labels sorted by name and values escaped as in the exposition
// format, so the same series always has the same key whatever order the target prints.
std::string series_key(std::string_view name, const Labels& labels);

class SeriesSelector {
 public:
  // Each selector is a metric name, optionally with labels that must match:
  // `http_requests_total`, `http_requests_total{code="500"}`. Naming a histogram or summary
  // family selects its _bucket, _sum and _count series too. Throws std::invalid_argument on a
  // malformed selector (a scenario error, caught when the scenario is loaded).
  explicit SeriesSelector(const std::vector<std::string>& selectors);

  // The selected series of one scrape, in the order of the page.
  std::vector<SeriesValue> select(const PrometheusText& text) const;

 private:
  bool wanted(const PrometheusText& text, const MetricSample& sample) const;

  std::vector<SeriesText> selectors_;  // the scenario's, then kAlwaysRecorded
};

}  // namespace faultline::observe
