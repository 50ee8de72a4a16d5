#include "harness/load/sse_stream_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace faultline::load {
namespace {

using namespace std::string_literals;

// What an event was, kept beyond the handler's call.
struct Seen {
  std::string type;
  std::string data;
  std::string id;
  bool has_own_id = false;

  friend bool operator==(const Seen&, const Seen&) = default;
};

class Collector : public SseStreamHandler {
 public:
  void on_event(const SseEvent& event) override {
    events.push_back({std::string(event.type), std::string(event.data), std::string(event.id), event.has_own_id});
  }

  std::vector<Seen> events;
};

constexpr std::size_t kLimit = 1024;

std::vector<Seen> parse_whole(std::string_view stream, std::size_t limit = kLimit) {
  SseStreamParser parser(limit);
  Collector collector;
  EXPECT_TRUE(parser.feed(stream, collector));
  return collector.events;
}

// Every field, comment and line ending there is, a byte order mark, and an event left
// unfinished at the end.
const std::string kEveryFeature =
    "\xEF\xBB\xBF: subscribed\n\n"
    "id: 1\ndata: {\"id\":1}\n\n"
    "id: 2\r\ndata: first\r\ndata: second\r\n\r\n"
    "event: widget\rid:3\rdata:no space\r\r"
    ": heartbeat\n\n"
    "data\n\n"
    "retry: 2500\nunknown: field\ndata:  two spaces\n\n"
    "id: 4\ndata: unfinished";

const std::vector<Seen> kEveryFeatureEvents = {
    {"message", "{\"id\":1}", "1", true},
    {"message", "first\nsecond", "2", true},
    {"widget", "no space", "3", true},
    {"message", "", "3", false},
    {"message", " two spaces", "3", false},
};

TEST(SseStreamParser, ParsesEveryFieldCommentAndLineEnding) {
  EXPECT_EQ(parse_whole(kEveryFeature), kEveryFeatureEvents);
}

TEST(SseStreamParser, SplittingTheStreamAtAnyByteChangesNothing) {
  for (std::size_t split = 0; split <= kEveryFeature.size(); ++split) {
    SseStreamParser parser(kLimit);
    Collector collector;
    ASSERT_TRUE(parser.feed(std::string_view(kEveryFeature).substr(0, split), collector));
    ASSERT_TRUE(parser.feed(std::string_view(kEveryFeature).substr(split), collector));
    ASSERT_EQ(collector.events, kEveryFeatureEvents) << "split at byte " << split;
    ASSERT_EQ(parser.reconnection_time(), std::chrono::milliseconds(2500)) << "split at byte " << split;
  }
}

TEST(SseStreamParser, FeedingOneByteAtATimeChangesNothing) {
  SseStreamParser parser(kLimit);
  Collector collector;
  for (const char byte : kEveryFeature) ASSERT_TRUE(parser.feed(std::string_view(&byte, 1), collector));
  EXPECT_EQ(collector.events, kEveryFeatureEvents);
}

TEST(SseStreamParser, CrLfSplitBetweenFeedsEndsOneLine) {
  SseStreamParser parser(kLimit);
  Collector collector;
  ASSERT_TRUE(parser.feed("data: a\r", collector));
  ASSERT_TRUE(parser.feed("\ndata: b\r", collector));
  ASSERT_TRUE(parser.feed("\n\r", collector));
  ASSERT_TRUE(parser.feed("\n", collector));
  ASSERT_EQ(collector.events.size(), 1u);
  EXPECT_EQ(collector.events[0].data, "a\nb");  // no empty line between: one event
}

TEST(SseStreamParser, TheSpecsExamplesOfDataFields) {
  // WHATWG HTML, the examples of "Interpreting an event stream".
  EXPECT_EQ(parse_whole("data: YHOO\ndata: +2\ndata: 10\n\n"),
            (std::vector<Seen>{{"message", "YHOO\n+2\n10", "", false}}));
  EXPECT_EQ(parse_whole("data\n\ndata\ndata\n\ndata:"),
            (std::vector<Seen>{{"message", "", "", false}, {"message", "\n", "", false}}));
  EXPECT_EQ(parse_whole("data:test\n\ndata: test\n\n"),
            (std::vector<Seen>{{"message", "test", "", false}, {"message", "test", "", false}}));
}

TEST(SseStreamParser, ABlockWithoutDataDispatchesNothingButKeepsItsId) {
  EXPECT_EQ(parse_whole("id: 7\n\nevent: ignored\n\ndata: x\n\n"), (std::vector<Seen>{{"message", "x", "7", false}}));
}

TEST(SseStreamParser, AnIdHoldingNulIsIgnored) {
  EXPECT_EQ(parse_whole("id: 5\ndata: a\n\nid: 6\0x\ndata: b\n\n"s),
            (std::vector<Seen>{{"message", "a", "5", true}, {"message", "b", "5", false}}));
}

TEST(SseStreamParser, RetryTakesDigitsOnly) {
  SseStreamParser parser(kLimit);
  Collector collector;
  ASSERT_TRUE(parser.feed("retry: 15x\nretry: -3\nretry:\nretry: 99999999999999999999999\n", collector));
  EXPECT_FALSE(parser.reconnection_time());
  ASSERT_TRUE(parser.feed("retry: 300\n", collector));
  EXPECT_EQ(parser.reconnection_time(), std::chrono::milliseconds(300));
}

TEST(SseStreamParser, ALineOfTheLimitPassesOneByteMoreBreaksTheStream) {
  const std::string at_limit = ":" + std::string(kLimit - 1, 'x') + "\n";
  SseStreamParser parser(kLimit);
  Collector collector;
  ASSERT_TRUE(parser.feed(at_limit, collector));
  EXPECT_FALSE(parser.feed(":" + std::string(kLimit, 'x') + "\n", collector));
  EXPECT_FALSE(parser.feed("data: late\n\n", collector));  // broken for good
  EXPECT_TRUE(collector.events.empty());
}

TEST(SseStreamParser, ALineOverTheLimitIsFoundBeforeItEnds) {
  SseStreamParser parser(kLimit);
  Collector collector;
  const std::string half(kLimit / 2 + 1, 'x');
  ASSERT_TRUE(parser.feed("data: ", collector));
  ASSERT_TRUE(parser.feed(half, collector));
  EXPECT_FALSE(parser.feed(half, collector));  // no line end yet: the line is already too long
}

TEST(SseStreamParser, AnEventsDataOverTheLimitBreaksTheStream) {
  SseStreamParser parser(16);
  Collector collector;
  ASSERT_TRUE(parser.feed("data: 12345\ndata: 12345\n", collector));  // 12 bytes of data so far
  EXPECT_FALSE(parser.feed("data: 12345\n", collector));
  EXPECT_TRUE(collector.events.empty());
}

}  // namespace
}  // namespace faultline::load
