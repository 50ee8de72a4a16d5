#include "harness/observe/series_selector.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

const char* const kPage = R"(# TYPE http_requests_total counter
http_requests_total{code="200",method="get"} 90
http_requests_total{code="500",method="get"} 4
http_requests_total{method="put",code="500"} 2
# TYPE request_seconds histogram
request_seconds_bucket{le="0.1"} 5
request_seconds_bucket{le="+Inf"} 6
request_seconds_sum 0.4
request_seconds_count 6
go_goroutines 12
go_memstats_heap_alloc_bytes 2048
process_open_fds 9
go_threads 7
)";

using Values = std::vector<SeriesValue>;

struct SelectCase {
  const char* name;
  std::vector<std::string> selectors;
  Values expected;
};

const Values kAlways = {{"go_goroutines", 12}, {"go_memstats_heap_alloc_bytes", 2048}, {"process_open_fds", 9}};

Values with_always(Values values) {
  values.insert(values.end(), kAlways.begin(), kAlways.end());
  return values;
}

class SeriesSelectorSelect : public ::testing::TestWithParam<SelectCase> {};

TEST_P(SeriesSelectorSelect, RecordsTheNamedSeriesAndTheAlwaysRecordedOnes) {
  const SeriesSelector selector(GetParam().selectors);
  EXPECT_EQ(selector.select(parse_prometheus_text(kPage)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Selectors, SeriesSelectorSelect,
    ::testing::Values(
        SelectCase{"NothingNamed", {}, kAlways},
        SelectCase{"ByName",
                   {"http_requests_total"},
                   with_always({{R"(http_requests_total{code="200",method="get"})", 90},
                                {R"(http_requests_total{code="500",method="get"})", 4},
                                {R"(http_requests_total{code="500",method="put"})", 2}})},
        SelectCase{"ByLabel",
                   {R"(http_requests_total{code="500"})"},
                   with_always({{R"(http_requests_total{code="500",method="get"})", 4},
                                {R"(http_requests_total{code="500",method="put"})", 2}})},
        SelectCase{"ByTwoLabels",
                   {R"(http_requests_total{method="put",code="500"})"},
                   with_always({{R"(http_requests_total{code="500",method="put"})", 2}})},
        SelectCase{"HistogramFamily",
                   {"request_seconds"},
                   with_always({{R"(request_seconds_bucket{le="0.1"})", 5},
                                {R"(request_seconds_bucket{le="+Inf"})", 6},
                                {"request_seconds_sum", 0.4},
                                {"request_seconds_count", 6}})},
        SelectCase{"OneHistogramSeries", {"request_seconds_count"}, with_always({{"request_seconds_count", 6}})},
        SelectCase{"AbsentSeries", {"nothing_here", R"(http_requests_total{code="404"})"}, kAlways},
        SelectCase{"AlwaysRecordedNamedTwiceAppearsOnce", {"go_goroutines"}, kAlways}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SeriesSelector, AlwaysRecordedSeriesAreOptional) {
  const SeriesSelector selector({});
  EXPECT_TRUE(selector.select(parse_prometheus_text("up 1\n")).empty());
}

TEST(SeriesSelector, RejectsMalformedSelectors) {
  EXPECT_THROW(SeriesSelector({"http requests"}), std::invalid_argument);
  EXPECT_THROW(SeriesSelector({"x{code=500}"}), std::invalid_argument);
  EXPECT_THROW(SeriesSelector({""}), std::invalid_argument);
}

TEST(SeriesKey, SortsLabelsAndEscapesValues) {
  EXPECT_EQ(series_key("x", {{"b", "2"}, {"a", "say \"hi\"\\\n"}}), R"(x{a="say \"hi\"\\\n",b="2"})");
  EXPECT_EQ(series_key("x", {}), "x");
}

}  // namespace
}  // namespace faultline::observe
