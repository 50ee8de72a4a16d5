#include "harness/load/sse_load.h"

#include <gtest/gtest.h>

#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using testing::run_until;
using testing::SseServer;

TEST(SseLoad, SubscribesAWorkersShareAndClosesItAtTheEnd) {
  boost::asio::io_context io;
  StormRecorder recorder;
  recorder.start_measuring();
  SseServer server(io);
  auto config = std::make_shared<SseClientConfig>();
  config->endpoint = server.endpoint();
  config->host = "127.0.0.1";
  SseLoad load(io, recorder, SseLoadPlan{config, 3, 0, 0, 7});
  load.begin();
  ASSERT_TRUE(run_until(io, [&] { return server.streams_opened() == 3 && recorder.connected_now() == 3; }));
  server.send("id: 1\ndata: {}\n\n");
  ASSERT_TRUE(run_until(io, [&] { return recorder.measured().counts.pushes_received == 3; }));
  load.end();
  EXPECT_EQ(recorder.measured().counts.closed, 3u);
  EXPECT_EQ(recorder.connected_now(), 0u);
}

}  // namespace
}  // namespace faultline::load
