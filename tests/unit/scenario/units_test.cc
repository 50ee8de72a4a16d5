#include "harness/scenario/units.h"

#include <random>

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

Duration duration_of(std::string_view text) {
  const auto parsed = parse_duration(text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error();
  return parsed ? *parsed : Duration::min();
}

std::string duration_error(std::string_view text) {
  const auto parsed = parse_duration(text);
  EXPECT_FALSE(parsed.has_value()) << text << " parsed as " << parsed->count() << "ns";
  return parsed.error();
}

TEST(Units, ParsesEveryDurationUnit) {
  EXPECT_EQ(duration_of("7ns"), nanoseconds(7));
  EXPECT_EQ(duration_of("100us"), microseconds(100));
  EXPECT_EQ(duration_of("250ms"), milliseconds(250));
  EXPECT_EQ(duration_of("2s"), seconds(2));
  EXPECT_EQ(duration_of("3m"), minutes(3));
  EXPECT_EQ(duration_of("1h"), hours(1));
  EXPECT_EQ(duration_of("0s"), Duration::zero());
}

TEST(Units, ParsesConcatenatedDurationTerms) {
  EXPECT_EQ(duration_of("1m30s"), seconds(90));
  EXPECT_EQ(duration_of("1h2m3s4ms5us6ns"),
            hours(1) + minutes(2) + seconds(3) + milliseconds(4) + microseconds(5) + nanoseconds(6));
  // Terms need not be in decreasing order, as in Go.
  EXPECT_EQ(duration_of("30s1m"), seconds(90));
}

TEST(Units, ParsesFractionalDurationsExactly) {
  EXPECT_EQ(duration_of("1.5s"), milliseconds(1500));
  EXPECT_EQ(duration_of("0.001ms"), microseconds(1));
  EXPECT_EQ(duration_of(".5m"), seconds(30));
  EXPECT_EQ(duration_of("2.5h"), minutes(150));
  EXPECT_EQ(duration_of("1.000000001s"), nanoseconds(1'000'000'001));
}

TEST(Units, TruncatesDurationDigitsBelowOneNanosecond) {
  EXPECT_EQ(duration_of("1.9ns"), nanoseconds(1));
  EXPECT_EQ(duration_of("0.1234567891234s"), nanoseconds(123'456'789));
}

TEST(Units, RejectsDurationWithSpaceSayingWhatWasExpected) {
  EXPECT_EQ(duration_error("2 s"), "expected a duration like \"250ms\", got \"2 s\"");
  EXPECT_EQ(duration_error(" 2s"), "expected a duration like \"250ms\", got \" 2s\"");
  EXPECT_EQ(duration_error("2s "), "expected a duration like \"250ms\", got \"2s \"");
}

TEST(Units, RejectsMalformedDurations) {
  for (const char* text : {"", "s", ".s", "1..5s", "1s.", "+1s", "1e3ms", "1,5s", "abc", "1s-1ms"}) {
    EXPECT_EQ(duration_error(text).rfind("expected a duration like \"250ms\", got \"", 0), 0u) << text;
  }
}

TEST(Units, RejectsDurationWithoutUnitNamingTheUnits) {
  EXPECT_EQ(duration_error("250"),
            "expected a duration like \"250ms\", got \"250\" (a unit is required: ns, us, ms, s, m, h)");
  EXPECT_NE(duration_error("0").find("a unit is required"), std::string::npos);
  EXPECT_NE(duration_error("1m30").find("a unit is required"), std::string::npos);
}

TEST(Units, RejectsUnknownDurationUnitNamingIt) {
  EXPECT_EQ(duration_error("5sec"),
            "expected a duration like \"250ms\", got \"5sec\" (unknown unit \"sec\"; the units are "
            "ns, us, ms, s, m, h)");
  EXPECT_NE(duration_error("5S").find("unknown unit \"S\""), std::string::npos);
  EXPECT_NE(duration_error("1d").find("unknown unit \"d\""), std::string::npos);
}

TEST(Units, RejectsNegativeDuration) {
  EXPECT_EQ(duration_error("-1s"),
            "expected a duration like \"250ms\", got \"-1s\" (a duration cannot be negative)");
}

TEST(Units, AcceptsLongestRepresentableDuration) {
  EXPECT_EQ(duration_of("9223372036854775807ns"), Duration::max());
  EXPECT_EQ(duration_of("2562047h47m16.854775807s"), Duration::max());
}

TEST(Units, RejectsDurationOverflow) {
  const std::string too_large =
      "(too large; the longest is 2562047h47m16.854775807s)";
  EXPECT_NE(duration_error("9223372036854775808ns").find(too_large), std::string::npos);
  EXPECT_NE(duration_error("2562048h").find(too_large), std::string::npos);
  EXPECT_NE(duration_error("2562047h47m16.854775808s").find(too_large), std::string::npos);
  EXPECT_NE(duration_error("99999999999999999999999h").find(too_large), std::string::npos);
  EXPECT_NE(duration_error("2000000h2000000h").find(too_large), std::string::npos);
}

TEST(Units, FormatsDurationsShortest) {
  EXPECT_EQ(format_duration(Duration::zero()), "0s");
  EXPECT_EQ(format_duration(seconds(90)), "1m30s");
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1.5s");
  EXPECT_EQ(format_duration(hours(1)), "1h");
  EXPECT_EQ(format_duration(hours(1) + minutes(30)), "1h30m");
  EXPECT_EQ(format_duration(hours(2) + seconds(5)), "2h5s");
  EXPECT_EQ(format_duration(microseconds(100)), "100us");
  EXPECT_EQ(format_duration(microseconds(1500)), "1.5ms");
  EXPECT_EQ(format_duration(nanoseconds(7)), "7ns");
  EXPECT_EQ(format_duration(minutes(1) + milliseconds(500)), "1m500ms");
  EXPECT_EQ(format_duration(nanoseconds(1'000'000'001)), "1.000000001s");
  EXPECT_EQ(format_duration(Duration::max()), "2562047h47m16.854775807s");
}

TEST(Units, FormatsNegativeDurationsWithSign) {
  EXPECT_EQ(format_duration(milliseconds(-1500)), "-1.5s");
  EXPECT_EQ(format_duration(Duration::min()), "-2562047h47m16.854775808s");
}

TEST(Units, FormattedDurationParsesBackToSameValue) {
  std::mt19937_64 random(12345);  // fixed seed: the same values every run
  std::vector<Duration> values{Duration::max(), nanoseconds(1), seconds(59) + nanoseconds(999'999'999),
                               hours(1) - nanoseconds(1)};
  for (int i = 0; i < 2000; ++i) {
    // Spread over every magnitude, from nanoseconds to centuries.
    const auto bits = static_cast<int>(random() % 63);
    values.emplace_back(static_cast<Duration::rep>(random() >> (63 - bits) >> 1));
  }
  for (const Duration value : values) {
    const std::string text = format_duration(value);
    const auto parsed = parse_duration(text);
    ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error();
    EXPECT_EQ(*parsed, value) << text;
  }
}

TEST(Units, ParsesIecAndSiSizes) {
  EXPECT_EQ(*parse_size("512B"), 512u);
  EXPECT_EQ(*parse_size("64KiB"), 64u * 1024);
  EXPECT_EQ(*parse_size("256MiB"), 256ull << 20);
  EXPECT_EQ(*parse_size("1GiB"), 1ull << 30);
  EXPECT_EQ(*parse_size("2TiB"), 2ull << 40);
  EXPECT_EQ(*parse_size("10KB"), 10'000u);
  EXPECT_EQ(*parse_size("10kB"), 10'000u);
  EXPECT_EQ(*parse_size("10MB"), 10'000'000u);
  EXPECT_EQ(*parse_size("3GB"), 3'000'000'000u);
  EXPECT_EQ(*parse_size("1TB"), 1'000'000'000'000u);
  EXPECT_EQ(*parse_size("0B"), 0u);
}

TEST(Units, ParsesFractionalSizeThatIsWholeBytes) {
  EXPECT_EQ(*parse_size("1.5GiB"), 1'610'612'736u);
  EXPECT_EQ(*parse_size("0.5KiB"), 512u);
  EXPECT_EQ(*parse_size("1.5KB"), 1'500u);
}

TEST(Units, RejectsSizeThatIsNotWholeBytes) {
  EXPECT_EQ(parse_size("0.3KiB").error(),
            "expected a size like \"256MiB\", got \"0.3KiB\" (not a whole number of bytes)");
  EXPECT_FALSE(parse_size("1.5B").has_value());
}

TEST(Units, RejectsMalformedSizes) {
  EXPECT_EQ(parse_size("10 MB").error(), "expected a size like \"256MiB\", got \"10 MB\"");
  EXPECT_NE(parse_size("1024").error().find("a unit is required"), std::string::npos);
  EXPECT_NE(parse_size("1kib").error().find("unknown unit \"kib\""), std::string::npos);
  EXPECT_NE(parse_size("1MiB1KiB").error().find("expected a size"), std::string::npos);
  for (const char* text : {"", "MiB", "-1MiB", "1..5MiB"}) {
    EXPECT_FALSE(parse_size(text).has_value()) << text;
  }
}

TEST(Units, RejectsSizeOverflow) {
  EXPECT_EQ(*parse_size("18446744073709551615B"), 18'446'744'073'709'551'615u);
  EXPECT_EQ(parse_size("18446744073709551616B").error(),
            "expected a size like \"256MiB\", got \"18446744073709551616B\" (too large)");
  EXPECT_NE(parse_size("16777216TiB").error().find("too large"), std::string::npos);
}

TEST(Units, ParsesPercentAsFraction) {
  EXPECT_DOUBLE_EQ(*parse_percent("1%"), 0.01);
  EXPECT_DOUBLE_EQ(*parse_percent("0.5%"), 0.005);
  EXPECT_DOUBLE_EQ(*parse_percent("100%"), 1.0);
  EXPECT_DOUBLE_EQ(*parse_percent("150%"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_percent("0%"), 0.0);
}

TEST(Units, FormatsPercentShortestAsParsePercentReadsIt) {
  for (const char* text : {"0%", "10%", "7%", "0.1%", "0.5%", "12.5%", "33.3%", "99.99%", "150%", "0.001%",
                           "1000000%"}) {
    EXPECT_EQ(format_percent(*parse_percent(text)), text);
  }
}

TEST(Units, FormatsEveryPercentWithFewDecimalsBackToTheSameFraction) {
  // Every percentage from 0% to 200% in steps of 0.001%, and some with more decimals.
  for (int thousandths = 0; thousandths <= 200'000; ++thousandths) {
    const std::string decimals = std::to_string(1000 + thousandths % 1000).substr(1);  // "007"
    const std::string text = std::to_string(thousandths / 1000) + "." + decimals + "%";
    const double fraction = *parse_percent(text);
    EXPECT_EQ(*parse_percent(format_percent(fraction)), fraction) << text;
  }
  for (const char* text : {"12.3456789%", "0.000000123%", "66.66666666666667%"}) {
    const double fraction = *parse_percent(text);
    EXPECT_EQ(*parse_percent(format_percent(fraction)), fraction) << text;
  }
}

TEST(Units, RejectsMalformedPercent) {
  EXPECT_EQ(parse_percent("1").error(), "expected a percentage like \"1%\", got \"1\"");
  for (const char* text : {"", "%", "-1%", "1 %", "1%%", "0.5", "abc%", "1e2%"}) {
    EXPECT_FALSE(parse_percent(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace faultline::scenario
