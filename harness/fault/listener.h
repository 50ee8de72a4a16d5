// The fault proxy's listening socket: accepts connections and hands each to a worker,
// round-robin, numbering them in accept order. Closing it is how the proxy goes down (new
// connections are refused by the kernel); reopening binds the same port again. Runs on the
// first worker's thread, except open(), which runs before any thread starts.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <vector>

namespace faultline::fault {

class ProxyWorker;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Accepts on the first worker's io_context; `workers` outlives the listener.
  explicit Listener(const std::vector<std::unique_ptr<ProxyWorker>>& workers);

  // Binds and listens; throws std::system_error naming the endpoint when that fails.
  void open(const boost::asio::ip::tcp::endpoint& endpoint);
  // Where it listens (the port the kernel picked for port 0); fixed once open() returned.
  const boost::asio::ip::tcp::endpoint& endpoint() const { return endpoint_; }

  // --- on the first worker's thread ---
  void start();
  void close();
  // Binds the same endpoint again and resumes accepting.
  boost::system::error_code reopen();

 private:
  boost::system::error_code listen(const boost::asio::ip::tcp::endpoint& endpoint);
  void do_accept();
  void on_accept(ProxyWorker& worker, const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);
  void pause();
  void on_pause(const boost::system::error_code& ec);

  const std::vector<std::unique_ptr<ProxyWorker>>& workers_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pause_;  // after an accept error such as EMFILE, or at max_connections
  boost::asio::ip::tcp::endpoint endpoint_;
  std::size_t next_worker_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t generation_ = 0;  // bumped by close(): accepts started before are stale
};

}  // namespace faultline::fault
