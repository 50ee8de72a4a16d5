// Accepts TCP connections and starts an HttpSession on each, on its own strand, as long as the
// ConnectionGate admits it; a connection beyond the gate's bound is closed as soon as accepted.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include <chrono>
#include <memory>

#include "targets/kvstore/connection_gate.h"
#include "targets/kvstore/http_session.h"

namespace kvstore {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // `connections` outlives the listener and every session it starts.
  Listener(boost::asio::io_context& io_context, ConnectionGate& connections,
           const SessionContext& session_context);

  // Opens, binds and listens on `endpoint`; the error says why it could not.
  boost::beast::error_code listen(const boost::asio::ip::tcp::endpoint& endpoint);
  // Where it listens (the real port when listen() was given port 0).
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  // Starts accepting; call after a successful listen().
  void run();

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  void on_retry_timer(boost::beast::error_code ec);

  // After a failed accept (typically EMFILE: out of file descriptors) accepting pauses this
  // long, so the loop neither spins nor gives up: the service recovers once fds free up.
  static constexpr std::chrono::milliseconds kAcceptRetryDelay{10};

  boost::asio::io_context& io_context_;
  ConnectionGate& connections_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // on the acceptor's strand
  SessionContext session_context_;
  bool accept_failing_ = false;  // logs the first failure of a run, not one line per retry
};

}  // namespace kvstore
