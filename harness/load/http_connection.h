// One HTTP/1.1 client connection slot of a load worker: connect, send a request, frame the
// response, report the outcome to its worker, repeat. With keep-alive the connection carries
// request after request; without it each request opens a new connection and closes it after
// the response or an error (connection churn, like wrk with "Connection: close"). Owned by its
// worker's thread; lives as long as an operation holds shared_from_this().
//
// Without keep-alive faultline closes as soon as a response is complete, so often the client
// side holds the TIME_WAIT state; Linux reuses such ports for new connections to loopback
// (net.ipv4.tcp_tw_reuse = 2, its default), elsewhere thousands of new connections per second
// can use up the ephemeral ports (connect errors counted as "other").
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "harness/load/error_class.h"
#include "harness/load/response_parser.h"

namespace faultline::load {

class HttpWorker;

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  using Clock = std::chrono::steady_clock;

  enum class State {
    disconnected,  // between a failed connect and the retry
    closed,        // keep-alive off, between requests: send() opens a new connection
    connecting,
    idle,          // connected, waiting for send()
    busy,          // a request is under way
  };

  HttpConnection(HttpWorker& worker, boost::asio::io_context& io);

  // Starts the slot: with keep-alive it connects; without, it is ready for a request at once
  // (the request opens its connection). Either way the worker hears back through
  // on_connection_ready().
  void start();

  // Sends one request from the worker's mix. `latency_origin` is when the request was meant
  // to start (the intended send time in the open model, now in the closed model). Without
  // keep-alive the connection is opened first, so latency includes the connect.
  void send(Clock::time_point latency_origin);

  // Called periodically by the worker: fails the request or connect that outlived its deadline.
  void enforce_deadline(Clock::time_point now);

  // Closes for good: no further callbacks into the worker.
  void shut_down();

  State state() const { return state_; }

 private:
  void connect();
  void write_request();
  // Keep-alive off: the connection is closed; the slot waits for the worker's next request.
  void await_next_request();
  // Handlers carry the socket generation they were started on: a handler of a socket that
  // has since been closed (deadline, error) must not touch the new one.
  void on_connect(std::uint64_t generation, const boost::system::error_code& ec);
  void on_written(std::uint64_t generation, const boost::system::error_code& ec, std::size_t bytes);
  void on_readable(std::uint64_t generation, const boost::system::error_code& ec);
  void wait_readable();
  void on_response_complete(int status_code, bool server_closes);
  void fail(ErrorClass error);
  void reconnect_later();
  void close_socket();

  HttpWorker& worker_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer reconnect_timer_;  // used only after a failed connect
  State state_ = State::disconnected;
  std::uint64_t generation_ = 0;  // incremented by every close
  bool shut_down_ = false;
  Clock::time_point deadline_start_;  // when the pending connect or request began
  Clock::time_point latency_origin_;  // of the request under way (or whose connect is)
  std::string request_scratch_;        // rendered request when it has {seq} or {rand:N}
  ResponseParser parser_;
  std::array<char, 16 * 1024> read_buffer_;
};

}  // namespace faultline::load
