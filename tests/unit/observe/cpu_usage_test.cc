#include "harness/observe/cpu_usage.h"

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

using namespace std::chrono_literals;

struct CpuCase {
  const char* name;
  double earlier_cpu_s;
  double later_cpu_s;
  std::chrono::milliseconds interval;
  std::optional<double> percent;
};

class CpuPercent : public ::testing::TestWithParam<CpuCase> {};

TEST_P(CpuPercent, IsCpuTimeOverWallTimeInPercentOfOneCore) {
  const CpuCase& c = GetParam();
  ProcessTreeSample earlier;
  earlier.cpu_s = c.earlier_cpu_s;
  ProcessTreeSample later;
  later.cpu_s = c.later_cpu_s;
  const std::chrono::steady_clock::time_point start{std::chrono::seconds(1000)};
  const std::optional<double> percent = cpu_percent(earlier, start, later, start + c.interval);
  ASSERT_EQ(percent.has_value(), c.percent.has_value());
  if (percent) {
    EXPECT_NEAR(*percent, *c.percent, 1e-9);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CpuPercent,
                         ::testing::Values(CpuCase{"Idle", 2.0, 2.0, 1000ms, 0.0},
                                           CpuCase{"HalfACore", 2.0, 2.125, 250ms, 50.0},
                                           CpuCase{"TwoCores", 10.0, 12.0, 1000ms, 200.0},
                                           CpuCase{"ExitedChildNeverNegative", 5.0, 4.0, 1000ms, 0.0},
                                           CpuCase{"NoTimePassed", 1.0, 2.0, 0ms, std::nullopt},
                                           CpuCase{"ClockWentBack", 1.0, 2.0, -5ms, std::nullopt}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace faultline::observe
