// One WebSocket client of a connection-level load: connects to an endpoint, upgrades, sends
// text messages at a steady rate and times their echoed replies, optionally subscribes to a key
// and counts what the target pushes, pings to notice a dead peer, and after any loss or failed
// connect tries again as its ReconnectPolicy says. Everything it sees goes to a StormRecorder.
// Owned by its worker's thread; lives as long as an operation holds shared_from_this().
//
// The protocol is kvstore's: the target answers "echo X" with "echo X", "sub KEY" with
// "ok sub KEY", and then pushes "chg KEY VALUE" whenever KEY changes. Clients sending
// "set KEY {t}" (replies not tracked) make every subscriber's push carry its publish time.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/load/connection_error.h"
#include "harness/load/in_flight_messages.h"
#include "harness/load/message_template.h"
#include "harness/load/reconnect_policy.h"
#include "harness/load/reconnector.h"
#include "harness/load/source_addresses.h"
#include "harness/load/storm_recorder.h"

namespace faultline::load {

// What every client of a generator does, fixed at set-up and shared by its clients.
struct WebSocketClientConfig {
  boost::asio::ip::tcp::endpoint endpoint;  // connected to directly, no name resolution
  std::string host;                         // Host of the upgrade request
  std::string path = "/";                   // target of the upgrade request
  std::optional<MessageTemplate> message;   // nullopt: the client sends no messages
  double messages_per_s = 0;                // per client while connected; 0: none
  // The target echoes each message: its round trip is timed by matching the echo, and at most
  // kMaxInFlight wait for theirs. false: nothing is awaited (for "set KEY {t}" and the like).
  bool track_replies = true;
  // {seq} of client i runs i, i + stride, i + 2 * stride, ...: with the generator's client
  // count as the stride, sequence numbers are unique across the generator.
  std::uint32_t sequence_stride = 1;
  std::string subscribe_key;          // non-empty: "sub KEY" once after every connect
  bool push_carries_time_ns = false;  // a push's last field is its publish time in Unix ns
  std::chrono::nanoseconds connect_timeout = std::chrono::seconds(5);
  std::chrono::nanoseconds handshake_timeout = std::chrono::seconds(5);  // also bounds the close
  std::chrono::nanoseconds heartbeat_interval{};                         // between pings; 0: none
  std::chrono::nanoseconds pong_timeout = std::chrono::seconds(5);       // ping to pong, or lost
  ReconnectPolicy reconnect;
  SourceAddresses source_addresses;  // empty: the kernel picks; else each connection takes the next
};

class WebSocketClient : public std::enable_shared_from_this<WebSocketClient> {
 public:
  using Clock = std::chrono::steady_clock;
  using Config = WebSocketClientConfig;

  // Messages sent and not yet answered; a message due while this many are in flight is
  // skipped (counted), so a target that stops answering cannot make a client queue without end.
  static constexpr std::size_t kMaxInFlight = InFlightMessages::kCapacity;
  // The largest message accepted from the target; a larger one fails the connection.
  static constexpr std::size_t kMaxMessageBytes = 1024 * 1024;
  static constexpr std::string_view kPushPrefix = "chg ";
  static constexpr std::string_view kSubscribePrefix = "sub ";

  enum class State {
    idle,         // not started
    connecting,   // TCP connect under way
    handshaking,  // WebSocket upgrade under way
    open,
    waiting,  // for the reconnect policy's pause
    closing,  // stop(): the close handshake is under way
    stopped,
    gave_up,  // the policy's max_attempts were used up
  };

  // `index` is the client's place in its generator ({seq}, outage records, source address);
  // `seed` seeds its reconnect jitter.
  WebSocketClient(boost::asio::io_context& io, std::shared_ptr<const WebSocketClientConfig> config,
                  StormRecorder& recorder, std::uint32_t index, std::uint64_t seed);

  // Connects; from then on the client reconnects after every loss until stop() or it gives up.
  void start();
  // Ends the client: an open connection is closed with a close frame (bounded by
  // handshake_timeout), anything else is abandoned. Idempotent.
  void stop();

  State state() const { return state_; }

 private:
  struct Link;  // one connection attempt: the stream and its buffers
  void connect();
  // Handlers carry the link they were started on: one for a link since dropped is stale.
  void on_connect(std::shared_ptr<Link> link, const boost::system::error_code& ec);
  void on_handshake(std::shared_ptr<Link> link, const boost::system::error_code& ec);
  void read();
  void on_read(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t bytes);
  void on_message(std::string_view text, Clock::time_point now);
  void write(std::string_view text);
  void on_write(std::shared_ptr<Link> link, const boost::system::error_code& ec, std::size_t bytes);
  void arm_send();
  void send_message();
  void arm_ping();
  void ping();
  // An established connection ended without stop(); a connect or handshake failed.
  void lose(ConnectionError cause);
  void fail_connect(ConnectionError error);
  void drop_link();
  bool current(const std::shared_ptr<Link>& link, State state) const { return link == link_ && state_ == state; }

  std::shared_ptr<const WebSocketClientConfig> config_;
  StormRecorder& recorder_;
  boost::asio::io_context& io_;
  Reconnector reconnector_;
  boost::asio::steady_timer send_timer_;
  boost::asio::steady_timer ping_timer_;
  boost::asio::steady_timer pong_timer_;
  std::shared_ptr<Link> link_;
  State state_ = State::idle;
  std::uint64_t next_source_;  // the connection number that picks the next source address
  std::uint64_t next_sequence_;
  Clock::time_point next_send_at_;
  bool write_in_flight_ = false;
  bool send_due_ = false;  // a message fell due while a write was in flight
  bool ping_in_flight_ = false;
  std::optional<Clock::time_point> awaiting_pong_since_;  // the first ping not yet answered
  InFlightMessages in_flight_;  // awaiting their replies, when config_->track_replies
};

}  // namespace faultline::load
