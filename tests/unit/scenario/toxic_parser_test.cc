#include "harness/scenario/toxic_parser.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using namespace std::chrono_literals;

ToxicSpec parsed(std::string_view text) {
  const auto result = parse_toxic(text);
  EXPECT_TRUE(result.has_value()) << text << ": " << result.error();
  return result ? *result : ToxicSpec{};
}

std::string error_of(std::string_view text) {
  const auto result = parse_toxic(text);
  EXPECT_FALSE(result.has_value()) << text << " parsed as " << (result ? format_toxic(*result) : "");
  return result.error();
}

TEST(ToxicParser, ReadsLatencyWithEveryCommonAttribute) {
  const ToxicSpec spec = parsed("latency:latency=100ms,jitter=10ms,direction=upstream,toxicity=0.5");
  EXPECT_EQ(spec.toxic, Toxic(LatencyToxic{100ms, 10ms}));
  EXPECT_EQ(spec.direction, Direction::upstream);
  EXPECT_EQ(spec.toxicity, 0.5);
}

TEST(ToxicParser, DefaultsToDownstreamAndFullToxicityLikeToxiproxy) {
  const ToxicSpec spec = parsed("latency:latency=1s");
  EXPECT_EQ(spec.toxic, Toxic(LatencyToxic{1s, 0ms}));
  EXPECT_EQ(spec.direction, Direction::downstream);
  EXPECT_EQ(spec.toxicity, 1.0);
}

TEST(ToxicParser, ReadsBandwidthRateAsToxiproxyKilobytesPerSecond) {
  EXPECT_EQ(parsed("bandwidth:rate=100").toxic, Toxic(BandwidthToxic{100'000}));
}

TEST(ToxicParser, ReadsBandwidthRateGivenAsSizePerSecond) {
  EXPECT_EQ(parsed("bandwidth:rate=100KiB").toxic, Toxic(BandwidthToxic{102'400}));
  EXPECT_EQ(parsed("bandwidth:rate=1MB/s").toxic, Toxic(BandwidthToxic{1'000'000}));
}

TEST(ToxicParser, ReadsSlowCloseTimeoutAndResetPeer) {
  EXPECT_EQ(parsed("slow_close:delay=2s").toxic, Toxic(SlowCloseToxic{2s}));
  EXPECT_EQ(parsed("timeout:timeout=5s").toxic, Toxic(TimeoutToxic{5s}));
  EXPECT_EQ(parsed("timeout:timeout=0").toxic, Toxic(TimeoutToxic{0s}));
  EXPECT_EQ(parsed("reset_peer").toxic, Toxic(ResetPeerToxic{0s}));
  EXPECT_EQ(parsed("reset_peer:timeout=250ms").toxic, Toxic(ResetPeerToxic{250ms}));
}

TEST(ToxicParser, ReadsSlicerSizesAsBytesOrSizes) {
  EXPECT_EQ(parsed("slicer:average_size=64,size_variation=32,delay=10us").toxic,
            Toxic(SlicerToxic{64, 32, 10us}));
  EXPECT_EQ(parsed("slicer:average_size=1KiB").toxic, Toxic(SlicerToxic{1024, 0, 0us}));
}

TEST(ToxicParser, ReadsLimitDataBytes) {
  EXPECT_EQ(parsed("limit_data:bytes=1000").toxic, Toxic(LimitDataToxic{1000}));
  EXPECT_EQ(parsed("limit_data:bytes=2MiB,direction=both").toxic, Toxic(LimitDataToxic{2 * 1024 * 1024}));
}

TEST(ToxicParser, ReadsDownWithoutAttributes) {
  EXPECT_EQ(parsed("down").toxic, Toxic(DownToxic{}));
  EXPECT_EQ(parsed("down:").toxic, Toxic(DownToxic{}));
}

TEST(ToxicParser, ReadsToxicityAsPercentage) { EXPECT_EQ(parsed("reset_peer:toxicity=25%").toxicity, 0.25); }

TEST(ToxicParser, ReadsWhatFormatToxicWrites) {
  for (std::string_view text : {"latency:latency=100ms,jitter=10ms,direction=upstream,toxicity=0.5",
                                "bandwidth:rate=100", "bandwidth:rate=102401B", "slow_close:delay=1.5s",
                                "timeout:timeout=0s", "reset_peer:timeout=1s,direction=both",
                                "slicer:average_size=64,size_variation=8,delay=10us", "limit_data:bytes=7",
                                "down"}) {
    const ToxicSpec spec = parsed(text);
    EXPECT_EQ(format_toxic(spec), text);
    EXPECT_EQ(parsed(format_toxic(spec)), spec);
  }
}

TEST(ToxicParser, ListsTheToxicsForAnUnknownOneWithSuggestion) {
  EXPECT_EQ(error_of("latncy:latency=1s"),
            "unknown toxic \"latncy\" (did you mean \"latency\"?); the toxics are latency, bandwidth, slow_close, "
            "timeout, reset_peer, slicer, limit_data, down");
  EXPECT_EQ(error_of("jam"),
            "unknown toxic \"jam\"; the toxics are latency, bandwidth, slow_close, timeout, reset_peer, slicer, "
            "limit_data, down");
}

TEST(ToxicParser, RejectsEmptyText) {
  EXPECT_EQ(error_of(""), "expected a toxic like \"latency:latency=100ms\", got \"\"");
  EXPECT_EQ(error_of(":latency=1s"), "expected a toxic like \"latency:latency=100ms\", got \":latency=1s\"");
}

TEST(ToxicParser, SuggestsTheAttributeForAMisspeltOne) {
  EXPECT_EQ(error_of("latency:latency=1s,jiter=1ms"),
            "latency: unknown attribute \"jiter\" (did you mean \"jitter\"?); latency takes latency, jitter, "
            "direction, toxicity");
  EXPECT_EQ(error_of("bandwidth:speed=1"),
            "bandwidth: unknown attribute \"speed\"; bandwidth takes rate, direction, toxicity");
}

TEST(ToxicParser, RejectsAttributesWithoutValueOrName) {
  EXPECT_EQ(error_of("latency:latency"), "latency: expected attribute=value, got \"latency\"");
  EXPECT_EQ(error_of("latency:=1s"), "latency: expected attribute=value, got \"=1s\"");
  EXPECT_EQ(error_of("latency:latency=1s,"), "latency: expected attribute=value, got \"\"");
}

TEST(ToxicParser, RejectsAnAttributeGivenTwice) {
  EXPECT_EQ(error_of("latency:latency=1s,latency=2s"), "latency: latency is given twice");
}

TEST(ToxicParser, NamesTheMissingRequiredAttribute) {
  EXPECT_EQ(error_of("latency"), "latency: latency is required (a duration like \"100ms\")");
  EXPECT_EQ(error_of("latency:jitter=1ms"), "latency: latency is required (a duration like \"100ms\")");
  EXPECT_EQ(error_of("bandwidth"),
            "bandwidth: rate is required (a rate in KB/s like \"100\" or a size per second like \"64KiB\")");
  EXPECT_EQ(error_of("slow_close"), "slow_close: delay is required (a duration like \"100ms\")");
  EXPECT_EQ(error_of("timeout"),
            "timeout: timeout is required (a duration like \"5s\", or 0 to hold the data without closing)");
  EXPECT_EQ(error_of("slicer:size_variation=1"),
            "slicer: average_size is required (a number of bytes like \"1000\" or a size like \"64KiB\")");
  EXPECT_EQ(error_of("limit_data"),
            "limit_data: bytes is required (a number of bytes like \"1000\" or a size like \"64KiB\")");
}

TEST(ToxicParser, SaysWhatDurationWasExpected) {
  EXPECT_EQ(error_of("latency:latency=100"),
            "latency: latency: expected a duration like \"250ms\", got \"100\" (a unit is required: ns, us, ms, s, "
            "m, h)");
  EXPECT_EQ(error_of("slow_close:delay=-1s"),
            "slow_close: delay: expected a duration like \"250ms\", got \"-1s\" (a duration cannot be negative)");
}

TEST(ToxicParser, SaysWhatSizeWasExpected) {
  EXPECT_EQ(error_of("limit_data:bytes=lots"),
            "limit_data: bytes: expected a number of bytes like \"1000\" or a size like \"64KiB\", got \"lots\"");
  EXPECT_EQ(error_of("limit_data:bytes=99999999999999999999"),
            "limit_data: bytes: expected a number of bytes like \"1000\" or a size like \"64KiB\", got "
            "\"99999999999999999999\" (too large)");
}

TEST(ToxicParser, RejectsZeroOrMalformedRate) {
  EXPECT_EQ(error_of("bandwidth:rate=0"),
            "bandwidth: rate: expected a rate in KB/s like \"100\" (Toxiproxy's unit, 1 KB = 1000 bytes) or a size "
            "per second like \"64KiB\", got \"0\" (a rate must be above zero)");
  EXPECT_EQ(error_of("bandwidth:rate=fast"),
            "bandwidth: rate: expected a rate in KB/s like \"100\" (Toxiproxy's unit, 1 KB = 1000 bytes) or a size "
            "per second like \"64KiB\", got \"fast\"");
}

TEST(ToxicParser, RejectsDirectionOutsideTheThreeWithSuggestion) {
  EXPECT_EQ(error_of("latency:latency=1s,direction=downstrem"),
            "latency: direction: expected upstream, downstream or both, got \"downstrem\" (did you mean "
            "\"downstream\"?)");
}

TEST(ToxicParser, RejectsToxicityOutsideZeroToOne) {
  EXPECT_EQ(error_of("latency:latency=1s,toxicity=1.5"),
            "latency: toxicity: expected a probability from 0 to 1 like \"0.5\" or a percentage like \"50%\", got "
            "\"1.5\" (outside 0 to 1)");
  EXPECT_EQ(error_of("latency:latency=1s,toxicity=half"),
            "latency: toxicity: expected a probability from 0 to 1 like \"0.5\" or a percentage like \"50%\", got "
            "\"half\"");
}

TEST(ToxicParser, RejectsSlicerVariationNotBelowAverage) {
  EXPECT_EQ(error_of("slicer:average_size=10,size_variation=10"),
            "slicer: size_variation: must be smaller than average_size (10), got 10");
  EXPECT_EQ(error_of("slicer:average_size=0"), "slicer: average_size: must be at least 1 byte");
}

TEST(ToxicParser, RejectsAttributesOnDown) {
  EXPECT_EQ(error_of("down:direction=both"), "down takes no attributes, got \"direction\"");
}

TEST(BuildToxic, ReadsAttributesGivenAsNameValuePairs) {
  const std::vector<std::pair<std::string_view, std::string_view>> attributes{
      {"latency", "200ms"}, {"toxicity", "0.5"}, {"direction", "both"}};
  const auto spec = build_toxic("latency", attributes);
  ASSERT_TRUE(spec.has_value()) << spec.error();
  EXPECT_EQ(*spec, (ToxicSpec{LatencyToxic{200ms, 0ms}, Direction::both, 0.5}));
}

TEST(BuildToxic, ReportsLikeParseToxic) {
  const std::vector<std::pair<std::string_view, std::string_view>> attributes{{"latency", "200"}};
  EXPECT_EQ(build_toxic("latency", attributes).error(), error_of("latency:latency=200"));
  EXPECT_EQ(build_toxic("lag", {}).error(), error_of("lag"));
}

TEST(ToxicAttributes, ListsEachToxicsAttributesAndNoneForUnknownOnes) {
  for (std::string_view name : toxic_names()) EXPECT_TRUE(toxic_attributes(name).has_value()) << name;
  const auto slicer = toxic_attributes("slicer");
  ASSERT_TRUE(slicer.has_value());
  EXPECT_EQ(std::vector<std::string_view>(slicer->begin(), slicer->end()),
            (std::vector<std::string_view>{"average_size", "size_variation", "delay", "direction", "toxicity"}));
  EXPECT_TRUE(toxic_attributes("down")->empty());
  EXPECT_FALSE(toxic_attributes("jam").has_value());
}

TEST(CheckToxic, RejectsSpecsBuiltInCodeThatTheParserWouldRefuse) {
  EXPECT_EQ(check_toxic(ToxicSpec{LatencyToxic{-1ms, 0ms}}), "latency: latency: cannot be negative, got -1ms");
  EXPECT_EQ(check_toxic(ToxicSpec{BandwidthToxic{0}}), "bandwidth: rate: must be above zero");
  EXPECT_EQ(check_toxic(ToxicSpec{LimitDataToxic{1}, Direction::both, 2.0}),
            "limit_data: toxicity: must be from 0 to 1, got 2");
  EXPECT_EQ(check_toxic(ToxicSpec{DownToxic{}, Direction::upstream}),
            "down takes no direction or toxicity: it acts on the whole proxy");
  EXPECT_EQ(check_toxic(ToxicSpec{SlicerToxic{8, 4, 0ms}}), std::nullopt);
}

}  // namespace
}  // namespace faultline::scenario
