// Abort conditions over a sequence of intervals: a streak must cover the whole `for` without a
// break, and an interval without a value breaks it.
#include "harness/analysis/abort_monitor.h"

#include <gtest/gtest.h>

namespace faultline::analysis {
namespace {

scenario::AbortCondition condition(const std::string& text) {
  auto parsed = scenario::parse_abort_condition(text);
  EXPECT_TRUE(parsed) << text << ": " << scenario::to_string(parsed.error);
  scenario::AbortCondition c = *parsed.value;
  c.text = text;
  return c;
}

// Feeds per-interval values of 0.5 s intervals from t = 0; returns the interval index that
// triggered (or -1) and the trigger.
std::pair<int, std::optional<AbortTrigger>> feed(AbortMonitor& monitor, const std::vector<std::optional<double>>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto trigger = monitor.check_interval(0.5 * static_cast<double>(i), 0.5,
                                                [&](const scenario::AbortCondition&) { return values[i]; });
    if (trigger) return {static_cast<int>(i), trigger};
  }
  return {-1, std::nullopt};
}

TEST(AbortMonitor, TriggersWhenTheConditionHeldForItsWholeDuration) {
  AbortMonitor monitor({condition("load.api.error_rate > 90% for 2s")});
  // Holds from interval 2 (t = 1 s); 2 s later is the end of interval 5.
  const auto [index, trigger] = feed(monitor, {0.0, 0.5, 0.95, 1.0, 0.99, 1.0, 1.0});
  EXPECT_EQ(index, 5);
  ASSERT_TRUE(trigger);
  EXPECT_DOUBLE_EQ(trigger->held_from_s, 1.0);
  EXPECT_DOUBLE_EQ(trigger->at_s, 3.0);
  EXPECT_EQ(trigger->condition, "load.api.error_rate > 90% for 2s");
  EXPECT_NE(trigger->detail.find("held from 1.0s to 3.0s"), std::string::npos) << trigger->detail;
  EXPECT_NE(trigger->detail.find("100%"), std::string::npos) << trigger->detail;
}

TEST(AbortMonitor, ABreakStartsTheStreakAgain) {
  AbortMonitor monitor({condition("load.api.error_rate > 90% for 2s")});
  EXPECT_EQ(feed(monitor, {1.0, 1.0, 1.0, 0.2, 1.0, 1.0, 1.0}).first, -1);
}

TEST(AbortMonitor, AnIntervalWithoutAValueBreaksTheStreak) {
  AbortMonitor monitor({condition("load.api.p99 > 1s for 1s")});
  EXPECT_EQ(feed(monitor, {2000.0, std::nullopt, 2000.0, std::nullopt, 2000.0}).first, -1);
}

TEST(AbortMonitor, TriggersOnceAndOnlyTheFirstCondition) {
  AbortMonitor monitor({condition("target.rss_peak > 1MiB for 1s"), condition("target.threads_peak > 10 for 1s")});
  int checks = 0;
  std::optional<AbortTrigger> first;
  for (int i = 0; i < 6; ++i) {
    auto trigger = monitor.check_interval(0.5 * i, 0.5, [&](const scenario::AbortCondition& c) {
      ++checks;
      return c.metric == "target.rss_peak" ? 2.0 * 1024 * 1024 : 100.0;
    });
    if (trigger) {
      EXPECT_FALSE(first) << "triggered twice";
      first = trigger;
    }
  }
  ASSERT_TRUE(first);
  EXPECT_EQ(first->condition, "target.rss_peak > 1MiB for 1s");
  EXPECT_EQ(checks, 3);  // both in the first interval, the first in the second, then nothing
}

TEST(AbortMonitor, ThresholdsAreInTheMetricsUnit) {
  // p99 is in milliseconds: 1500 ms is below "2s", 2500 ms above.
  AbortMonitor below({condition("load.api.p99 > 2s for 1s")});
  EXPECT_EQ(feed(below, {1500.0, 1500.0, 1500.0}).first, -1);
  AbortMonitor above({condition("load.api.p99 > 2s for 1s")});
  EXPECT_EQ(feed(above, {2500.0, 2500.0, 2500.0}).first, 1);
}

TEST(AbortMonitor, NoConditionsNeverTrigger) {
  AbortMonitor monitor({});
  EXPECT_TRUE(monitor.empty());
  EXPECT_EQ(feed(monitor, {1.0, 1.0}).first, -1);
}

}  // namespace
}  // namespace faultline::analysis
