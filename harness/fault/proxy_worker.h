// One event-loop thread of a fault proxy: its io_context, the sessions it runs, its copy of the
// proxy's toxics and its counters. The controlling thread only posts work to it; everything
// else happens on its own thread.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <atomic>
#include <cstdint>
#include <future>
#include <list>
#include <memory>
#include <thread>
#include <vector>

#include "harness/fault/proxy_config.h"
#include "harness/fault/proxy_counters.h"
#include "harness/fault/session.h"
#include "harness/fault/socket_poller.h"
#include "harness/fault/active_toxic.h"

namespace faultline::fault {

class ProxyWorker {
 public:
  // `open_connections` is shared by every worker and the listener: connections accepted and
  // not yet closed, which the listener holds below config.max_connections.
  ProxyWorker(const ProxyConfig& config, std::atomic<std::size_t>& open_connections);
  ~ProxyWorker();
  ProxyWorker(const ProxyWorker&) = delete;
  ProxyWorker& operator=(const ProxyWorker&) = delete;

  boost::asio::io_context& io() { return io_; }
  const ProxyConfig& config() const { return config_; }
  WorkerCounters& counters() { return counters_; }
  const WorkerCounters& counters() const { return counters_; }
  SocketPoller& poller() { return poller_; }
  std::atomic<std::size_t>& open_connections() { return open_connections_; }

  // Runs the event loop on a new thread.
  void start();
  // Ends every session and lets the loop run out of work; then join() waits for it.
  void begin_stop();
  // Waits for the thread; stops the loop by force if it has not run out of work by `deadline`.
  void join(std::chrono::steady_clock::time_point deadline);

  // --- on the worker's thread ---
  // Runs a connection accepted for this worker.
  void adopt(boost::asio::ip::tcp::socket client, std::uint64_t sequence);
  // The proxy's toxics changed: live sessions and new ones get `toxics`.
  void set_toxics(std::shared_ptr<const std::vector<ActiveToxic>> toxics);
  const std::vector<ActiveToxic>& toxics() const { return *toxics_; }
  // Ends every live session with `ending`.
  void end_all(Session::Ending ending);
  // Holds a session from its start until it ends.
  std::list<std::shared_ptr<Session>>::iterator enrol(std::shared_ptr<Session> session);
  // Lets go of an ended session; the last reference goes with a posted task, so the session
  // outlives the call stack that ended it (and the poller batch that may still name it).
  void withdraw(std::list<std::shared_ptr<Session>>::iterator registration);

 private:
  template <typename F>
  void for_each_session(F&& f);

  ProxyConfig config_;
  std::atomic<std::size_t>& open_connections_;
  WorkerCounters counters_;
  std::shared_ptr<const std::vector<ActiveToxic>> toxics_;
  bool stopping_ = false;

  boost::asio::io_context io_{1};  // one thread runs it: no locking inside Asio
  // After io_, so destroyed before it: their sockets and timers belong to it. A session that
  // a handler still holds when io_ is destroyed goes with that handler.
  SocketPoller poller_{io_};
  std::list<std::shared_ptr<Session>> sessions_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::promise<void> ran_out_;
  std::future<void> ran_out_future_;
  std::thread thread_;
};

}  // namespace faultline::fault
