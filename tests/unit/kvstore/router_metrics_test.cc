// GET /metrics through the Router: the gauges the scenarios read come from the store, the
// connection gate and the thread counter handed in.
#include "targets/kvstore/router.h"

#include <gtest/gtest.h>

#include <boost/beast/http/verb.hpp>

#include <memory>
#include <string>

#include "targets/kvstore/history_store.h"
#include "targets/kvstore/locked_store.h"

namespace kvstore {
namespace {

namespace http = boost::beast::http;

Request request(http::verb method, const std::string& target, std::string body = {}) {
  Request req{method, target, 11};
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

// True when `exposition` has the sample line "`name` `value`".
bool has_sample(const std::string& exposition, const std::string& name, const std::string& value) {
  return exposition.find("\n" + name + " " + value + "\n") != std::string::npos;
}

class RouterMetrics : public testing::Test {
 protected:
  std::string scrape(Store& store) {
    const Router router(store, metrics_, gate_, [] { return std::optional<long>(7); });
    return router.handle(request(http::verb::get, "/metrics")).body();
  }

  Metrics metrics_;
  ConnectionGate gate_{512};
};

TEST_F(RouterMetrics, ReportsOpenConnectionsFromTheGate) {
  LockedStore store;
  auto one = gate_.try_admit();
  auto two = gate_.try_admit();
  const std::string exposition = scrape(store);
  EXPECT_TRUE(has_sample(exposition, "kvstore_connections_open", "2")) << exposition;
  EXPECT_NE(exposition.find("# TYPE kvstore_connections_open gauge\n"), std::string::npos);
}

TEST_F(RouterMetrics, ReportsThreadsFromTheCounter) {
  LockedStore store;
  const std::string exposition = scrape(store);
  EXPECT_TRUE(has_sample(exposition, "kvstore_threads", "7")) << exposition;
}

TEST_F(RouterMetrics, CacheBytesFollowsTheStore) {
  LockedStore store;
  const Router router(store, metrics_, gate_, [] { return std::optional<long>(); });
  router.handle(request(http::verb::put, "/kv/key", "value"));
  const std::string exposition = scrape(store);
  EXPECT_TRUE(has_sample(exposition, "kvstore_cache_bytes", "8")) << exposition;
  EXPECT_NE(exposition.find("# TYPE kvstore_cache_bytes gauge\n"), std::string::npos);
}

TEST_F(RouterMetrics, CacheBytesOfUnboundedCacheGrowsWithEveryPut) {
  HistoryStore store(std::make_unique<LockedStore>());
  const Router router(store, metrics_, gate_, [] { return std::optional<long>(); });
  for (int i = 0; i < 3; ++i) router.handle(request(http::verb::put, "/kv/key", "value"));
  // Three writes of 8 bytes in the history plus the current 8 in the map.
  EXPECT_TRUE(has_sample(scrape(store), "kvstore_cache_bytes", "32"));
}

TEST_F(RouterMetrics, CountsRejectedConnections) {
  LockedStore store;
  metrics_.connection_rejected();
  metrics_.connection_rejected();
  EXPECT_TRUE(has_sample(scrape(store), "kvstore_connections_rejected_total", "2"));
}

TEST_F(RouterMetrics, ReportsWebSocketSessionsAndMessages) {
  LockedStore store;
  metrics_.websocket_session_opened();
  metrics_.websocket_session_opened();
  metrics_.websocket_session_closed();
  metrics_.websocket_message_received();
  for (int i = 0; i < 3; ++i) metrics_.websocket_message_sent();
  metrics_.websocket_push_dropped();
  const std::string exposition = scrape(store);
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_sessions", "1")) << exposition;
  EXPECT_NE(exposition.find("# TYPE kvstore_websocket_sessions gauge\n"), std::string::npos);
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_sessions_total", "2"));
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_messages_received_total", "1"));
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_messages_sent_total", "3"));
  EXPECT_TRUE(has_sample(exposition, "kvstore_websocket_pushes_dropped_total", "1"));
  EXPECT_NE(exposition.find("# TYPE kvstore_websocket_pushes_dropped_total counter\n"),
            std::string::npos);
}

}  // namespace
}  // namespace kvstore
