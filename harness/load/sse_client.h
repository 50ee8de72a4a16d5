// One Server-Sent Events subscriber of a connection-level load: connects to an endpoint, asks
// for the event stream with a plain HTTP/1.1 GET, and once the target answers 200
// text/event-stream reads the stream as it comes: counts its events, checks that their numeric
// ids follow one another, times their delivery when an event's JSON carries its publish time,
// and takes a stream silent for longer than the idle timeout as lost. After any loss or failed
// connect it tries again as its ReconnectPolicy says (not as the stream's `retry` asks: the
// pauses are what a storm scenario sets). Everything it sees goes to a StormRecorder. Owned by
// its worker's thread; lives as long as an operation holds shared_from_this().
//
// The stream is godash's GET /events: ": subscribed" first, then per event `id: N` (1, 2, ... in
// publish order) and `data: {"id":N,"kind":...,"published_unix_nano":T,"payload":...}`, and
// ": heartbeat" while idle; a subscriber too slow to keep up is dropped: its stream ends.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/load/connection_error.h"
#include "harness/load/reconnect_policy.h"
#include "harness/load/reconnector.h"
#include "harness/load/source_addresses.h"
#include "harness/load/sse_stream_parser.h"
#include "harness/load/storm_recorder.h"

namespace faultline::load {

// What every subscriber of a generator does, fixed at set-up and shared by its clients.
struct SseClientConfig {
  boost::asio::ip::tcp::endpoint endpoint;  // connected to directly, no name resolution
  std::string host;                         // Host of the request
  std::string path = "/events";             // target of the request
  std::chrono::nanoseconds connect_timeout = std::chrono::seconds(5);
  // From writing the request to having the response header: the subscription's handshake.
  std::chrono::nanoseconds handshake_timeout = std::chrono::seconds(5);
  // A stream that brings nothing for this long, not even a heartbeat comment, is lost; 0: never.
  std::chrono::nanoseconds idle_timeout = std::chrono::seconds(30);
  // The top-level member of an event's JSON data that holds its publish time in Unix ns, from
  // which delivery latency is measured; empty: latency is not measured.
  std::string publish_time_member = "published_unix_nano";
  // The target numbers a stream's events 1, 2, 3, ...: a numeric id that is not the previous
  // event's plus one is a gap. false: ids are not checked.
  bool sequential_ids = true;
  // The longest line, and the most data of one event, accepted from the target; more fails the
  // connection (protocol), so a target cannot make a client buffer without end.
  std::size_t max_line_bytes = 64 * 1024;
  ReconnectPolicy reconnect;
  SourceAddresses source_addresses;  // empty: the kernel picks; else each connection takes the next
};

class SseClient : public std::enable_shared_from_this<SseClient>, private SseStreamHandler {
 public:
  using Clock = std::chrono::steady_clock;
  using Config = SseClientConfig;

  enum class State {
    idle,        // not started
    connecting,  // TCP connect under way
    requesting,  // the request is sent, the response header awaited
    open,        // the stream is being read
    waiting,     // for the reconnect policy's pause
    stopped,
    gave_up,  // the policy's max_attempts were used up
  };

  // `index` is the client's place in its generator (outage records, source address); `seed`
  // seeds its reconnect jitter.
  SseClient(boost::asio::io_context& io, std::shared_ptr<const SseClientConfig> config, StormRecorder& recorder,
            std::uint32_t index, std::uint64_t seed);

  // Connects; from then on the client reconnects after every loss until stop() or it gives up.
  void start();
  // Ends the client: an open stream is closed (FIN), anything else is abandoned. Idempotent.
  void stop();

  State state() const { return state_; }

 private:
  struct Link;  // one connection attempt: the stream, its parsers and buffers

  void connect();
  // Handlers carry the link they were started on: one for a link since dropped is stale.
  void on_connect(std::shared_ptr<Link> link, const boost::system::error_code& ec);
  void on_request_written(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t bytes);
  void on_header(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t bytes);
  void read();
  void on_read(std::shared_ptr<Link> link, boost::system::error_code ec, std::size_t bytes);
  void on_event(const SseEvent& event) override;
  void check_id(std::string_view id);
  // An established stream ended without stop(); a connect or the request failed.
  void lose(ConnectionError cause);
  void fail_connect(ConnectionError error);
  void drop_link();
  bool current(const std::shared_ptr<Link>& link, State state) const { return link == link_ && state_ == state; }

  std::shared_ptr<const SseClientConfig> config_;
  StormRecorder& recorder_;
  boost::asio::io_context& io_;
  Reconnector reconnector_;
  const std::string request_;  // the GET, the same for every connection
  std::shared_ptr<Link> link_;
  State state_ = State::idle;
  std::uint64_t next_source_;            // the connection number that picks the next source address
  std::optional<std::uint64_t> last_id_;  // of the stream's last event with a numeric id
};

}  // namespace faultline::load
