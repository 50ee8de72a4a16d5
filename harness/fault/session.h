// One proxied connection: the client's socket, the connection to the target, and a Pipe for
// each direction. Connects to the target with Asio under a deadline, then takes both
// descriptors over (DataSocket) and moves data as its worker's SocketPoller reports readiness;
// an Asio timer watches for idleness. Ends as a whole (both sockets closed together), for a
// counted reason. Its worker holds it from start() until it ends; timer handlers hold it too.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <list>
#include <memory>
#include <vector>

#include "harness/fault/data_socket.h"
#include "harness/fault/pipe.h"
#include "harness/fault/socket_poller.h"
#include "harness/fault/active_toxic.h"

namespace faultline::fault {

class ProxyWorker;

class Session : public std::enable_shared_from_this<Session> {
 public:
  enum class Ending {
    finished,         // both sides closed their end, every byte was passed on
    failed,           // a read or write failed (reset by a peer, broken pipe)
    upstream_failed,  // the target could not be reached (counted by the cause)
    cut,              // a timeout or limit_data toxic, or the proxy going down
    reset,            // a reset_peer toxic: both sides get an RST
    idle,             // nothing moved for idle_timeout
    shutdown,         // the proxy is stopping
  };

  // `sequence` is the connection's place in accept order (for toxicity draws).
  Session(ProxyWorker& worker, boost::asio::ip::tcp::socket client, std::uint64_t sequence);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Registers with the worker, applies the worker's toxics and connects to the target.
  void start();
  // Hands each pipe the toxics of `toxics` that act on it (direction and toxicity).
  void apply_toxics(const std::vector<ActiveToxic>& toxics);
  // Closes both sockets now; idempotent. With Ending::reset, both peers get an RST.
  void end(Ending ending);
  bool ended() const { return ended_; }

  // --- for the pipes ---
  void on_pipe_finished();
  void on_progress() { ++progress_; }

 private:
  // Routes a socket's readiness to the pipe reading it and the pipe writing it.
  class SocketSide final : public PollTarget {
   public:
    SocketSide(Session& session, bool is_client) : session_(session), is_client_(is_client) {}
    void on_ready(std::uint32_t events) override { session_.on_socket_ready(is_client_, events); }

   private:
    Session& session_;
    bool is_client_;
  };

  void do_connect();
  // Binds the upstream socket to the client's source address when the client came from a
  // loopback address other than 127.0.0.1 (a generator spreading its connections over
  // 127.0.0.1 .. 127.0.0.N): the proxy's own connections to the target then spread over as many
  // ephemeral port ranges as the clients' did, and the target sees the clients' addresses.
  void bind_like_client();
  void on_connect(const boost::system::error_code& ec);
  void on_connect_deadline(const boost::system::error_code& ec);
  void do_watch();
  void on_watch(const boost::system::error_code& ec);
  void on_socket_ready(bool is_client, std::uint32_t events);

  ProxyWorker& worker_;
  std::uint64_t sequence_;
  // Until connected: Asio's sockets (accept and connect go through Asio); then the descriptors
  // move to the DataSockets.
  boost::asio::ip::tcp::socket client_socket_;
  boost::asio::ip::tcp::socket upstream_socket_;
  DataSocket client_;
  DataSocket upstream_;
  SocketSide client_side_{*this, true};
  SocketSide upstream_side_{*this, false};
  boost::asio::steady_timer deadline_;  // the connect deadline, then the idle watchdog
  Pipe upstream_pipe_;                  // client -> target
  Pipe downstream_pipe_;                // target -> client
  std::list<std::shared_ptr<Session>>::iterator registration_;
  bool connected_ = false;
  bool ended_ = false;
  unsigned finished_pipes_ = 0;
  std::uint64_t progress_ = 0;       // reads and writes that moved bytes
  std::uint64_t progress_seen_ = 0;  // progress_ at the previous idle check
};

}  // namespace faultline::fault
