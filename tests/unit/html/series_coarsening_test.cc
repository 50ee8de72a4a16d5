// Merging intervals of long runs so that charts stay drawable and the page small.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/html/series_coarsening.h"

namespace faultline::reports::html {
namespace {

TEST(CoarseningFactor, MergesOnlyWhatDoesNotFit) {
  EXPECT_EQ(coarsening_factor(0), 1u);
  EXPECT_EQ(coarsening_factor(600), 1u);
  EXPECT_EQ(coarsening_factor(601), 2u);
  EXPECT_EQ(coarsening_factor(2400), 4u);
  EXPECT_EQ(coarsening_factor(10, 0), 1u);
}

TEST(Coarsen, AveragesRatesAndKeepsTheHighestLatency) {
  GeneratorSeries series;
  series.t_s = {0, 1, 2, 3, 4};
  series.throughput_rps = {100, 300, 200, 200, 50};
  series.p50_ms = {1, 1, 1, 1, 1};
  series.p90_ms = {1, 1, 1, 1, 1};
  series.p99_ms = {1, 90, 2, 2, 3};
  series.max_ms = {5, 95, 5, 5, 5};
  series.errors_by_class["timeout"] = {0, 4, 0, 0, 2};
  const GeneratorSeries coarse = coarsen(series, 2);
  EXPECT_EQ(coarse.t_s, (std::vector<double>{0, 2, 4}));
  EXPECT_EQ(coarse.throughput_rps, (std::vector<double>{200, 200, 50}));
  EXPECT_EQ(coarse.p99_ms, (std::vector<double>{90, 2, 3}));
  EXPECT_EQ(coarse.errors_by_class.at("timeout"), (std::vector<double>{2, 0, 2}));
}

TEST(Coarsen, LeavesGapsOutAndKeepsAGroupOfGapsAGap) {
  ResourceSeries series{"threads", {0, 1, 2, 3}, {4, NAN, NAN, NAN}};
  const ResourceSeries coarse = coarsen(series, 2);
  EXPECT_EQ(coarse.values[0], 4);
  EXPECT_TRUE(std::isnan(coarse.values[1]));
}

TEST(Coarsen, AFactorOfOneChangesNothing) {
  ResourceSeries series{"fds", {0, 1}, {3, 4}};
  EXPECT_EQ(coarsen(series, 1).values, series.values);
}

}  // namespace
}  // namespace faultline::reports::html
