#include "harness/observe/report_collector.h"

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

ReportIdentity race(std::string signature) { return {ReportTool::tsan, "data_race", std::move(signature)}; }

TEST(ReportCollector, CountsIdenticalReportsOnceEach) {
  ReportCollector collector;
  collector.add(race("f() | g()"), 1.0, "first text");
  collector.add(race("f() | g()"), 2.0, "second text");
  collector.add(race("h()"), 3.0, "other");
  ASSERT_EQ(collector.reports().size(), 2u);
  EXPECT_EQ(collector.reports()[0].count, 2u);
  EXPECT_EQ(collector.reports()[0].first_at_s, 1.0);
  EXPECT_EQ(collector.reports()[0].first_text, "first text");
  EXPECT_EQ(collector.reports()[1].signature, "h()");
  EXPECT_EQ(collector.total(), 3u);
}

struct DistinctCase {
  const char* name;
  ReportIdentity other;
};

class ReportCollectorDistinct : public ::testing::TestWithParam<DistinctCase> {};

TEST_P(ReportCollectorDistinct, KeepsReportsThatDifferInToolKindOrSignatureApart) {
  ReportCollector collector;
  collector.add(race("f()"), 1.0, "a");
  collector.add(GetParam().other, 2.0, "b");
  EXPECT_EQ(collector.reports().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Fields, ReportCollectorDistinct,
                         ::testing::Values(DistinctCase{"Tool", {ReportTool::go_race, "data_race", "f()"}},
                                           DistinctCase{"Kind", {ReportTool::tsan, "thread_leak", "f()"}},
                                           DistinctCase{"Signature", {ReportTool::tsan, "data_race", "g()"}}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ReportCollector, AnEarlierReportFromAnotherStreamBecomesTheFirst) {
  ReportCollector collector;
  collector.add(race("f()"), 5.0, "from stdout");
  collector.add(race("f()"), 4.5, "from stderr");
  ASSERT_EQ(collector.reports().size(), 1u);
  EXPECT_EQ(collector.reports()[0].first_at_s, 4.5);
  EXPECT_EQ(collector.reports()[0].first_text, "from stderr");
}

TEST(ReportCollector, CountsButDropsDistinctReportsBeyondItsBound) {
  ReportCollector collector(2);
  collector.add(race("a()"), 1, "");
  collector.add(race("b()"), 2, "");
  collector.add(race("c()"), 3, "");
  collector.add(race("a()"), 4, "");  // a kept one still counts
  EXPECT_EQ(collector.reports().size(), 2u);
  EXPECT_EQ(collector.reports()[0].count, 2u);
  EXPECT_EQ(collector.dropped(), 1u);
  EXPECT_EQ(collector.total(), 4u);
}

TEST(ReportTool, HasTheNamesOfTheResultFile) {
  EXPECT_EQ(to_string(ReportTool::tsan), "tsan");
  EXPECT_EQ(to_string(ReportTool::go_race), "go-race");
  EXPECT_EQ(to_string(ReportTool::go_runtime), "go-runtime");
  EXPECT_EQ(to_string(ReportTool::asan), "asan");
  EXPECT_EQ(to_string(ReportTool::lsan), "lsan");
}

}  // namespace
}  // namespace faultline::observe
