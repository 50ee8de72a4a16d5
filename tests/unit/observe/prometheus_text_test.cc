#include "harness/observe/prometheus_text.h"

#include <cmath>

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

// One sample line and what it must parse to.
struct SampleCase {
  const char* name;
  const char* line;
  const char* metric;
  Labels labels;
  double value;
  std::optional<std::int64_t> timestamp_ms;
};

class PrometheusSampleLine : public ::testing::TestWithParam<SampleCase> {};

TEST_P(PrometheusSampleLine, ParsesNameLabelsValueAndTimestamp) {
  const SampleCase& c = GetParam();
  const PrometheusText text = parse_prometheus_text(c.line);
  ASSERT_TRUE(text.problems.empty()) << text.problems[0].message;
  ASSERT_EQ(text.samples.size(), 1u);
  const MetricSample& sample = text.samples[0];
  EXPECT_EQ(sample.name, c.metric);
  EXPECT_EQ(sample.labels, c.labels);
  if (std::isnan(c.value)) {
    EXPECT_TRUE(std::isnan(sample.value));
  } else {
    EXPECT_EQ(sample.value, c.value);
  }
  EXPECT_EQ(sample.timestamp_ms, c.timestamp_ms);
}

const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

INSTANTIATE_TEST_SUITE_P(
    Lines, PrometheusSampleLine,
    ::testing::Values(
        SampleCase{"Plain", "go_goroutines 42", "go_goroutines", {}, 42, std::nullopt},
        SampleCase{"Colons", "job:request_rate:5m 1.5", "job:request_rate:5m", {}, 1.5, std::nullopt},
        SampleCase{"Exponent", "process_resident_memory_bytes 1.2345e+07", "process_resident_memory_bytes", {},
                   12345000, std::nullopt},
        SampleCase{"Negative", "temperature_celsius -3.5", "temperature_celsius", {}, -3.5, std::nullopt},
        SampleCase{"ExplicitPlus", "x +7", "x", {}, 7, std::nullopt},
        SampleCase{"NaN", "x NaN", "x", {}, kNaN, std::nullopt},
        SampleCase{"PlusInf", "x +Inf", "x", {}, kInf, std::nullopt},
        SampleCase{"MinusInf", "x -Inf", "x", {}, -kInf, std::nullopt},
        SampleCase{"Timestamp", "x 1 1395066363000", "x", {}, 1, 1395066363000},
        SampleCase{"NegativeTimestamp", "x 1 -1", "x", {}, 1, -1},
        SampleCase{"Labels", R"(http_requests_total{method="post",code="200"} 1027)", "http_requests_total",
                   {{"method", "post"}, {"code", "200"}}, 1027, std::nullopt},
        SampleCase{"LabelsAndTimestamp", R"(http_requests_total{code="400"} 3 1395066363000)",
                   "http_requests_total", {{"code", "400"}}, 3, 1395066363000},
        SampleCase{"EscapedLabelValue", R"(msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9)",
                   "msdos_file_access_time_seconds",
                   {{"path", R"(C:\DIR\FILE.TXT)"}, {"error", "Cannot find file:\n\"FILE.TXT\""}}, 1.458255915e9,
                   std::nullopt},
        SampleCase{"TrailingCommaAndBlanks", "x { a = \"1\" , b=\"2\", } 5", "x", {{"a", "1"}, {"b", "2"}}, 5,
                   std::nullopt},
        SampleCase{"EmptyLabelBlock", "x{} 5", "x", {}, 5, std::nullopt},
        SampleCase{"BracesInValue", R"(x{q="a}b,c"} 5)", "x", {{"q", "a}b,c"}}, 5, std::nullopt},
        SampleCase{"TabsAndCarriageReturn", "x\t\t5\r", "x", {}, 5, std::nullopt},
        SampleCase{"LeadingBlanks", "   x 5", "x", {}, 5, std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

// A line that must be skipped and reported, whatever is around it.
struct BadLine {
  const char* name;
  const char* line;
  const char* message;  // a part of the reported message
};

class PrometheusBadLine : public ::testing::TestWithParam<BadLine> {};

TEST_P(PrometheusBadLine, IsReportedWithItsLineNumberAndSkipped) {
  const std::string body = std::string("# TYPE rpc histogram\n# TYPE lat summary\nbefore 1\n") + GetParam().line +
                           "\nafter 2\n";
  const PrometheusText text = parse_prometheus_text(body);
  ASSERT_EQ(text.problems.size(), 1u);
  EXPECT_EQ(text.problems[0].line, 4u);
  EXPECT_NE(text.problems[0].message.find(GetParam().message), std::string::npos) << text.problems[0].message;
  EXPECT_EQ(text.skipped_lines, 1u);
  ASSERT_EQ(text.samples.size(), 2u);
  EXPECT_EQ(text.samples[0].name, "before");
  EXPECT_EQ(text.samples[1].name, "after");
}

INSTANTIATE_TEST_SUITE_P(
    Lines, PrometheusBadLine,
    ::testing::Values(BadLine{"NoValue", "x", "no value for 'x'"}, BadLine{"NoValueAfterLabels", "x{a=\"b\"}", "no value"},
                      BadLine{"BadValue", "x 12abc", "invalid value '12abc'"},
                      BadLine{"BadTimestamp", "x 1 12.5", "invalid timestamp"},
                      BadLine{"TrailingText", "x 1 2 3", "unexpected text"},
                      BadLine{"BadNameCharacter", "x-y 1", "invalid character '-'"},
                      BadLine{"DigitFirst", "1x 1", "expected a metric name"},
                      BadLine{"UnquotedLabel", "x{a=b} 1", "expected '\"'"},
                      BadLine{"UnterminatedLabel", "x{a=\"b} 1", "unterminated value"},
                      BadLine{"BadEscape", R"(x{a="\t"} 1)", "invalid escape"},
                      BadLine{"MissingComma", R"(x{a="1" b="2"} 1)", "expected ',' or '}'"},
                      BadLine{"DuplicateLabel", R"(x{a="1",a="2"} 1)", "appears twice"},
                      BadLine{"BucketWithoutLe", "rpc_bucket 1", "no 'le' label"},
                      BadLine{"BucketWithBadLe", R"(rpc_bucket{le="big"} 1)", "non-numeric le"},
                      BadLine{"QuantileMissing", "lat 0.2", "no 'quantile' label"},
                      BadLine{"UnknownType", "# TYPE x gaugeish", "unknown metric type 'gaugeish'"},
                      BadLine{"SecondType", "# TYPE rpc counter", "second TYPE line for 'rpc'"},
                      BadLine{"TypeWithoutName", "# TYPE", "without a metric name"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PrometheusText, ReadsAHistogramAndASummaryWithTheirFamilies) {
  const PrometheusText text = parse_prometheus_text(R"(# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# A comment that is neither HELP nor TYPE.
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
)");
  EXPECT_TRUE(text.problems.empty());
  ASSERT_EQ(text.samples.size(), 9u);
  EXPECT_EQ(text.samples[2].labels, (Labels{{"le", "+Inf"}}));
  EXPECT_EQ(text.type_of("http_request_duration_seconds_bucket"), MetricType::histogram);
  EXPECT_EQ(text.type_of("http_request_duration_seconds_count"), MetricType::histogram);
  EXPECT_EQ(text.family_of("http_request_duration_seconds_sum"), "http_request_duration_seconds");
  EXPECT_EQ(text.type_of("rpc_duration_seconds"), MetricType::summary);
  EXPECT_EQ(text.type_of("rpc_duration_seconds_count"), MetricType::summary);
  EXPECT_EQ(text.families.at("rpc_duration_seconds").help, "A summary of the RPC duration in seconds.");
}

TEST(PrometheusText, ASummaryHasNoBucketsAndUntypedNamesAreTheirOwnFamily) {
  const PrometheusText text = parse_prometheus_text("# TYPE lat summary\nlat_bucket 1\nloose_count 2\n");
  EXPECT_EQ(text.family_of("lat_bucket"), "lat_bucket");
  EXPECT_EQ(text.type_of("lat_bucket"), MetricType::untyped);
  EXPECT_EQ(text.family_of("loose_count"), "loose_count");
}

TEST(PrometheusText, UnescapesHelpText) {
  const PrometheusText text = parse_prometheus_text("# HELP x Line one\\nline two, a \\\\ and a \\q.\n");
  EXPECT_EQ(text.families.at("x").help, "Line one\nline two, a \\ and a \\q.");
}

TEST(PrometheusText, ReadsTheTypeOfEveryKind) {
  const PrometheusText text = parse_prometheus_text(
      "# TYPE a counter\n# TYPE b gauge\n# TYPE c histogram\n# TYPE d summary\n# TYPE e untyped\n");
  EXPECT_EQ(text.families.at("a").type, MetricType::counter);
  EXPECT_EQ(text.families.at("b").type, MetricType::gauge);
  EXPECT_EQ(text.families.at("c").type, MetricType::histogram);
  EXPECT_EQ(text.families.at("d").type, MetricType::summary);
  EXPECT_EQ(text.families.at("e").type, MetricType::untyped);
  EXPECT_EQ(to_string(MetricType::histogram), "histogram");
}

TEST(PrometheusText, AnEmptyBodyHasNothing) {
  const PrometheusText text = parse_prometheus_text("\n\n   \n");
  EXPECT_TRUE(text.samples.empty());
  EXPECT_TRUE(text.problems.empty());
}

TEST(PrometheusText, ListsAtMostAHundredProblemsButCountsThemAll) {
  std::string body;
  for (int i = 0; i < 150; ++i) body += "bad line here\n";
  const PrometheusText text = parse_prometheus_text(body);
  EXPECT_EQ(text.problems.size(), PrometheusText::kMaxProblems);
  EXPECT_EQ(text.skipped_lines, 150u);
  EXPECT_EQ(text.problems.back().line, 100u);
}

TEST(PrometheusText, ReadsARealGoExporterPage) {
  const PrometheusText text = parse_prometheus_text(R"(# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.4e-05
go_gc_duration_seconds{quantile="1"} 0.000127
go_gc_duration_seconds_sum 0.000503
go_gc_duration_seconds_count 7
# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 12
# HELP go_info Information about the Go environment.
# TYPE go_info gauge
go_info{version="go1.19.8"} 1
# HELP go_memstats_heap_alloc_bytes Number of heap bytes allocated and still in use.
# TYPE go_memstats_heap_alloc_bytes gauge
go_memstats_heap_alloc_bytes 3.81432e+06
# HELP process_open_fds Number of open file descriptors.
# TYPE process_open_fds gauge
process_open_fds 11
)");
  EXPECT_TRUE(text.problems.empty());
  ASSERT_EQ(text.samples.size(), 8u);
  EXPECT_EQ(text.samples[4].name, "go_goroutines");
  EXPECT_EQ(text.samples[4].value, 12);
  EXPECT_EQ(text.samples[6].value, 3814320);
}

TEST(ParseSeries, ReportsWhereTheSeriesEnds) {
  const auto parsed = parse_series(R"(up{job="api"} 1)");
  ASSERT_TRUE(std::holds_alternative<SeriesText>(parsed));
  EXPECT_EQ(std::get<SeriesText>(parsed).consumed, 13u);
}

}  // namespace
}  // namespace faultline::observe
