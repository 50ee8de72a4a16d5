// An in-process TCP fault proxy in the manner of Toxiproxy: listens on a loopback port, forwards
// every connection to one target, and applies toxics (latency, bandwidth, timeouts, resets,
// slicing, data limits, down) that can be added and removed while traffic flows. Runs its own
// event-loop thread(s); the control API below is thread-safe.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "harness/fault/proxy_config.h"
#include "harness/fault/proxy_counters.h"
#include "harness/fault/active_toxic.h"

namespace faultline::fault {

class Listener;
class ProxyWorker;

class Proxy {
 public:
  // Validates the config, binds the listening socket and starts the thread(s). Throws
  // std::invalid_argument for a bad config (a non-loopback endpoint without allow_remote, zero
  // threads or buffer) and std::system_error when the port cannot be bound.
  explicit Proxy(const ProxyConfig& config);
  // stop().
  ~Proxy();
  Proxy(const Proxy&) = delete;
  Proxy& operator=(const Proxy&) = delete;

  // Where the proxy listens; port() is the bound port (the kernel's pick for port 0).
  boost::asio::ip::tcp::endpoint endpoint() const;
  std::uint16_t port() const { return endpoint().port(); }
  // Where it forwards to.
  const boost::asio::ip::tcp::endpoint& upstream() const { return config_.upstream; }

  // The control API. Thread-safe, and synchronous: when a call returns, every live connection
  // has seen the change. Not to be called from the proxy's own threads (there is no need:
  // nothing of the proxy calls out).

  // Adds a toxic at the end of the chain: it acts on live connections as well as new ones
  // (each drawing its toxicity). A DownToxic takes the proxy down (see down()). Throws
  // std::invalid_argument when check_toxic() finds the spec invalid.
  ToxicId add_toxic(const ToxicSpec& spec);
  // Removes a toxic; flow returns to normal without dropping connections (except those that
  // its meaning already closed). Removing the last DownToxic brings the proxy up again.
  // Returns boost::asio::error::not_found for an unknown id, or the error of binding the port
  // again when the proxy should come up and cannot.
  boost::system::error_code remove_toxic(ToxicId id);
  // The toxics in effect, in the order they were added.
  std::vector<ActiveToxic> toxics() const;

  // down(): closes the listener (new connections are refused) and closes every connection.
  // up(): listens on the same port again; returns the error when binding fails (the proxy
  // then stays down). The proxy is down while down() is in force or any DownToxic is present.
  void down();
  boost::system::error_code up();
  bool is_down() const;

  // A consistent-enough snapshot (each thread's counters read without stopping it); after
  // stop(), the final figures.
  ProxyCounters counters() const;

  // Closes the listener and every connection and joins the threads; idempotent. Afterwards
  // the proxy holds no socket; the control API still answers but changes nothing.
  void stop();

 private:
  boost::system::error_code apply_down_state();
  void publish_toxics(std::vector<ActiveToxic> toxics);

  mutable std::mutex mutex_;  // serialises control calls
  ProxyConfig config_;
  std::atomic<std::size_t> open_connections_{0};  // shared by the workers and the listener
  std::vector<std::unique_ptr<ProxyWorker>> workers_;
  std::shared_ptr<Listener> listener_;  // after workers_: destroyed before their io_contexts
  boost::asio::ip::tcp::endpoint endpoint_;
  std::vector<ActiveToxic> toxics_;
  std::uint64_t next_toxic_id_ = 1;
  bool down_requested_ = false;  // by down()
  bool listening_ = true;
  bool stopped_ = false;
  ProxyCounters final_counters_;
};

}  // namespace faultline::fault
