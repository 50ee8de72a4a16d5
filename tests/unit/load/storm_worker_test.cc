#include "harness/load/storm_worker.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "harness/load/tcp_churn.h"
#include "harness/load/websocket_load.h"
#include "tests/unit/load/loopback_servers.h"

namespace faultline::load {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A server on its own thread, as the target would be.
template <class Server>
class ServerThread {
 public:
  template <class... Args>
  explicit ServerThread(Args&&... args) : server_(io_, std::forward<Args>(args)...), thread_([this] { io_.run(); }) {}
  ~ServerThread() {
    work_.reset();
    io_.stop();
    thread_.join();
  }
  boost::asio::ip::tcp::endpoint endpoint() const { return server_.endpoint(); }
  // Runs `action` on the server's thread and waits for it.
  template <class Action>
  auto on_server(Action action) {
    std::packaged_task<decltype(action(server_))()> task([&] { return action(server_); });
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  Server server_;
  std::thread thread_;
};

// Polls `done` (bounded): for what the server thread sees a moment after the worker has ended.
template <class Done>
bool eventually(Done done) {
  const auto deadline = Clock::now() + std::chrono::seconds(2);
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return true;
}

StormSchedule schedule(Clock::duration window, Clock::duration run, Clock::duration interval) {
  StormSchedule s;
  s.epoch = Clock::now();
  s.start = milliseconds(0);
  s.length = window;
  s.run_length = run;
  s.interval = interval;
  return s;
}

template <class Load, class Plan>
std::unique_ptr<StormWorker> worker_running(const StormSchedule& schedule, const Plan& plan) {
  return std::make_unique<StormWorker>(schedule, [&plan](boost::asio::io_context& io, StormRecorder& recorder) {
    return std::make_unique<Load>(io, recorder, plan);
  });
}

// TCP churn of two connection slots to `endpoint`.
TcpChurnPlan two_slot_churn(const boost::asio::ip::tcp::endpoint& endpoint) {
  TcpChurnPlan plan;
  plan.endpoint = endpoint;
  plan.connections = 2;
  return plan;
}

// Runs `worker` until its run ends by itself (bounded).
void run_to_its_end(StormWorker& worker) {
  worker.start();
  worker.join(Clock::now() + std::chrono::seconds(3));
}

StormStats merged(const std::vector<StormInterval>& intervals) {
  StormStats total;
  for (const StormInterval& interval : intervals) total.append(interval.stats);
  return total;
}

TEST(StormWorker, RunsWebSocketClientsRampedInAndReportsEveryInterval) {
  ServerThread<testing::WebSocketEchoServer> server;
  auto config = std::make_shared<WebSocketClientConfig>();
  config->endpoint = server.endpoint();
  config->host = "127.0.0.1";
  config->message.emplace("echo {seq} {t}");
  config->messages_per_s = 100;
  WebSocketLoadPlan plan;
  plan.client = config;
  plan.clients = 4;
  plan.ramp_clients_per_s = 100;  // one every 10 ms
  // The window ends at 100 ms, inside interval 2 (80-120 ms).
  auto worker = worker_running<WebSocketLoad>(schedule(milliseconds(100), milliseconds(160), milliseconds(40)), plan);
  run_to_its_end(*worker);
  const std::vector<StormInterval> intervals = worker->take_intervals();
  ASSERT_EQ(intervals.size(), 4u);
  for (std::size_t i = 0; i < intervals.size(); ++i) EXPECT_EQ(intervals[i].index, i);
  // The interval the window ended in reports the clients connected until then, not the zero
  // left after faultline closed them; the next one reports nobody connected.
  EXPECT_EQ(intervals[2].stats.connected.last, 4u);
  EXPECT_EQ(intervals[3].stats.connected.last, 0u);
  const StormStats total = merged(intervals);
  EXPECT_EQ(total.counts.connects, 4u);
  EXPECT_EQ(total.counts.closed, 4u);
  EXPECT_EQ(total.connected.peak, 4u);
  EXPECT_EQ(total.connected.last, 0u);
  EXPECT_GT(total.counts.replies_matched, 0u);
  EXPECT_EQ(worker->measured().counts.connects, 4u);
  EXPECT_EQ(worker->measured().connected.last, 4u);  // what the load held, not the closes after it
  EXPECT_EQ(worker->measured().counts.replies_matched, total.counts.replies_matched);
  EXPECT_TRUE(worker->outages().empty());
  EXPECT_TRUE(eventually([&] {
    return server.on_server([](testing::WebSocketEchoServer& s) { return s.close_frames_received(); }) == 4;
  }));
}

TEST(StormWorker, CountsOutagesWhenTheTargetDropsItsClients) {
  ServerThread<testing::WebSocketEchoServer> server;
  auto config = std::make_shared<WebSocketClientConfig>();
  config->endpoint = server.endpoint();
  config->host = "127.0.0.1";
  config->reconnect.backoff = Backoff::exponential;
  config->reconnect.base = milliseconds(5);
  config->reconnect.cap = milliseconds(20);
  WebSocketLoadPlan plan;
  plan.client = config;
  plan.clients = 3;
  auto worker = worker_running<WebSocketLoad>(schedule(milliseconds(400), milliseconds(400), milliseconds(100)), plan);
  worker->start();
  ASSERT_TRUE(eventually(
      [&] { return server.on_server([](testing::WebSocketEchoServer& s) { return s.sessions_opened(); }) == 3; }));
  server.on_server([](testing::WebSocketEchoServer& s) {
    s.drop_all();
    return 0;
  });
  worker->join(Clock::now() + std::chrono::seconds(3));
  const StormStats total = merged(worker->take_intervals());
  EXPECT_EQ(total.counts.disconnect_total(), 3u);
  EXPECT_EQ(total.counts.reconnects, 3u);
  ASSERT_EQ(worker->outages().size(), 3u);
  const ReconnectTimes times = summarize_reconnects(worker->outages(), worker->outages().front().disconnected_at, 1.0);
  EXPECT_EQ(times.reconnected, 3u);
  ASSERT_TRUE(times.max);
  EXPECT_LT(*times.max, milliseconds(400));
}

TEST(StormWorker, RunsTcpChurnUntilTheWindowEnds) {
  ServerThread<testing::RawTcpServer> server(testing::RawTcpServer::Behaviour{});
  const TcpChurnPlan plan = two_slot_churn(server.endpoint());
  auto worker = worker_running<TcpChurn>(schedule(milliseconds(60), milliseconds(80), milliseconds(20)), plan);
  run_to_its_end(*worker);
  const std::vector<StormInterval> intervals = worker->take_intervals();
  ASSERT_EQ(intervals.size(), 4u);
  const StormStats total = merged(intervals);
  EXPECT_GT(total.counts.connects, 0u);
  EXPECT_EQ(total.counts.closed, total.counts.connects);
  EXPECT_EQ(total.connected.last, 0u);
  // Nothing after the window: the last interval, after it, is quiet.
  EXPECT_EQ(intervals.back().stats.counts.connect_attempts, 0u);
}

TEST(StormWorker, AWindowOnIntervalBoundariesCountsInTheIntervalsItSpans) {
  ServerThread<testing::RawTcpServer> server(testing::RawTcpServer::Behaviour{});
  const TcpChurnPlan plan = two_slot_churn(server.endpoint());
  StormSchedule opening_late = schedule(milliseconds(40), milliseconds(120), milliseconds(40));
  opening_late.start = milliseconds(40);  // the end of interval 0, to the nanosecond
  auto worker = worker_running<TcpChurn>(opening_late, plan);
  run_to_its_end(*worker);
  const std::vector<StormInterval> intervals = worker->take_intervals();
  ASSERT_EQ(intervals.size(), 3u);
  EXPECT_EQ(intervals[0].stats.counts.connect_attempts, 0u);
  EXPECT_GT(intervals[1].stats.counts.connect_attempts, 0u);
  // The window closes on the next boundary (80 ms): nothing of it is left in the interval after.
  EXPECT_EQ(intervals[2].stats.counts.connect_attempts, 0u);
  EXPECT_EQ(intervals[2].stats.counts.closed, 0u);
  EXPECT_EQ(intervals[2].stats.connected.peak, 0u);
}

TEST(StormWorker, WarmUpEndingAsTheWindowOpensMeasuresItsFirstAttempts) {
  ServerThread<testing::RawTcpServer> server(testing::RawTcpServer::Behaviour{});
  const TcpChurnPlan plan = two_slot_churn(server.endpoint());
  // Warm-up, window and interval boundary at 40 ms, after a first boundary at 20 ms: Asio runs
  // timers of equal expiry in an order that changes from one boundary to the next.
  StormSchedule at_warmup_end = schedule(milliseconds(40), milliseconds(100), milliseconds(20));
  at_warmup_end.start = at_warmup_end.warmup = milliseconds(40);
  auto worker = worker_running<TcpChurn>(at_warmup_end, plan);
  run_to_its_end(*worker);
  const StormStats total = merged(worker->take_intervals());
  EXPECT_GT(total.counts.connect_attempts, 0u);
  EXPECT_EQ(worker->measured().counts.connect_attempts, total.counts.connect_attempts);
}

TEST(StormWorker, RequestStopEndsTheRunEarly) {
  ServerThread<testing::RawTcpServer> server(testing::RawTcpServer::Behaviour{});
  TcpChurnPlan plan;
  plan.endpoint = server.endpoint();
  const auto run = std::chrono::seconds(30);
  auto worker = worker_running<TcpChurn>(schedule(run, run, std::chrono::seconds(1)), plan);
  worker->start();
  worker->request_stop();
  worker->join(Clock::now() + std::chrono::seconds(3));
  const std::vector<StormInterval> intervals = worker->take_intervals();
  ASSERT_EQ(intervals.size(), 1u);
  EXPECT_EQ(intervals[0].stats.connected.last, 0u);
}

}  // namespace
}  // namespace faultline::load
