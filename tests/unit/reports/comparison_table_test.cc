// The terminal's comparison table, its cells and its tally.
#include "reports/terminal/comparison_table.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ci_sample.h"
#include "reports/terminal/comparison_cells.h"

namespace faultline::reports {
namespace {

TEST(ComparisonCells, FollowTheVerdictAndTheUnit) {
  const result::ComparisonRecord comparison = ci::sample::comparison();
  const ComparisonCells regressed = comparison_cells(comparison.metrics[0]);
  EXPECT_EQ(regressed.metric, "load.api.p99 during steady");
  EXPECT_EQ(regressed.baseline, "1.21ms ± 6%");
  EXPECT_EQ(regressed.current, "6.4ms ± 2%");
  EXPECT_EQ(regressed.change, "+429%");
  EXPECT_EQ(regressed.test, "p<0.001 n=20+20");
  const ComparisonCells same = comparison_cells(comparison.metrics[2]);
  EXPECT_EQ(same.baseline, "1% ± 6%");
  EXPECT_EQ(same.delta, "+2.0%");
  EXPECT_EQ(same.change, "~");
  EXPECT_EQ(same.test, "p=0.41 n=20+20");
  const ComparisonCells insufficient = comparison_cells(comparison.metrics[3]);
  EXPECT_EQ(insufficient.baseline, "500ms ± ∞");
  EXPECT_EQ(insufficient.change, "?");
  EXPECT_EQ(insufficient.test, "n=1+1");
  const ComparisonCells exact = comparison_cells(comparison.metrics[4]);
  EXPECT_EQ(exact.metric, "target.threads_leaked");
  EXPECT_EQ(exact.baseline, "0");
  EXPECT_EQ(exact.current, "37");
  EXPECT_EQ(exact.change, "+37");
  EXPECT_EQ(exact.test, "exact");
}

TEST(ComparisonCells, ZeroMedianShowsItsHalfWidthInTheUnitAndAMissingSideIsNotAvailable) {
  result::MetricComparisonRecord m = ci::sample::noisy("load.api.error_rate", "", "%", "same", 0, 0, 0.0, 0.9);
  m.baseline.low = -0.001;
  m.baseline.high = 0.002;
  m.current = {};
  const ComparisonCells cells = comparison_cells(m);
  EXPECT_EQ(cells.baseline, "0% ± 0.2%");
  EXPECT_EQ(cells.current, "n/a");
}

TEST(ComparisonTally, SaysHowManyRunsTooFewSamplesNeed) {
  result::ComparisonRecord comparison = ci::sample::comparison();
  EXPECT_EQ(comparison_tally(comparison), "2 regressions, 1 insufficient (needs 4+4 runs: --repeat 4), 1 improvement");
  comparison.metrics[3].samples = "intervals";
  comparison.too_few_samples_pass = true;
  EXPECT_EQ(comparison_tally(comparison), "2 regressions, 1 insufficient, accepted by the scenario (needs 4+4 samples), 1 improvement");
  EXPECT_EQ(comparison_tally(result::ComparisonRecord{}), "no regression");
}

TEST(ComparisonTable, AlignsTheColumnsOfEveryVerdict) {
  std::ostringstream out;
  print_comparison_table(out, ci::sample::comparison());
  EXPECT_EQ(out.str(),
            "\n  compared with scenarios/baselines/smoke.json (1 run → 1 run)\n"
            "    load.api.p99 during steady               1.21ms ± 6%  →  6.4ms ± 2%   +429%  (p<0.001 n=20+20)\n"
            "    load.api.throughput during steady        1000/s ± 6%  →  1300/s ± 2%  +30%   (p=0.002 n=20+20)\n"
            "    load.api.error_rate during steady        1% ± 6%      →  1.02% ± 2%   ~      (p=0.41 n=20+20)\n"
            "    recovery.time_to_recover during fault 1  500ms ± ∞    →  700ms ± ∞    ?      (n=1+1)\n"
            "    target.threads_leaked                    0            →  37           +37    (exact)\n"
            "    ? recovery.time_to_recover during fault 1: too few samples: with n=1+1 no difference can be significant; needs "
            "4+4 runs (--repeat 4)\n"
            "  2 regressions, 1 insufficient (needs 4+4 runs: --repeat 4), 1 improvement\n");
}

TEST(ComparisonTable, SaysSoWhenThereIsNothingToCompare) {
  std::ostringstream out;
  result::ComparisonRecord comparison;
  comparison.baseline_path = "b.json";
  comparison.baseline_runs = 4;
  comparison.current_runs = 4;
  print_comparison_table(out, comparison);
  EXPECT_EQ(out.str(), "\n  compared with b.json (4 runs → 4 runs)\n    no metric to compare\n  no regression\n");
}

}  // namespace
}  // namespace faultline::reports
