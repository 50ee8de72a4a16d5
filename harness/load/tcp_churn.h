// Raw TCP connection churn: a worker's share of connection slots, each connecting, optionally
// writing a payload and reading an expected number of bytes back, holding the connection open,
// then closing it (FIN, or RST with SO_LINGER 0), and starting over; either as fast as the
// target accepts (every slot reconnects at once) or at a steady rate of new connections. Counts
// connects attempted, made and failed, connections the target ended, and how many were open.
// Run by a StormWorker. Slots, sockets and timers are allocated once; a connection costs its
// syscalls and no heap allocation.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/load/connection_error.h"
#include "harness/load/source_addresses.h"
#include "harness/load/storm_recorder.h"
#include "harness/load/storm_worker.h"

namespace faultline::load {

struct TcpChurnPlan {
  boost::asio::ip::tcp::endpoint endpoint;
  std::uint32_t connections = 1;  // slots: the most connections this worker has open at once
  // New connections per second from this worker; a connection due while every slot is in use
  // is skipped (counted). 0: every slot reconnects as soon as its last connection is closed.
  double rate_per_s = 0;
  std::chrono::nanoseconds hold{};  // a connection stays open this long after connecting; 0: closed at once
  std::string payload;              // written once connected; empty: nothing is written
  std::size_t expect_bytes = 0;     // read before the hold begins (round trip from the write); 0: none
  bool reset_on_close = false;      // close with RST (SO_LINGER 0) instead of FIN
  std::chrono::nanoseconds connect_timeout = std::chrono::seconds(5);
  std::chrono::nanoseconds expect_timeout = std::chrono::seconds(5);  // for expect_bytes
  SourceAddresses source_addresses;  // empty: the kernel picks; else each connection takes the next
};

class TcpChurn : public StormLoad {
 public:
  using Clock = std::chrono::steady_clock;

  TcpChurn(boost::asio::io_context& io, StormRecorder& recorder, TcpChurnPlan plan);

  void begin() override;
  void end() override;

 private:
  struct Slot {
    enum class State : std::uint8_t { free, connecting, exchanging, holding };

    explicit Slot(boost::asio::io_context& io) : socket(io), timer(io) {}

    boost::asio::ip::tcp::socket socket;
    boost::asio::steady_timer timer;  // the connect deadline, then the expect deadline or the hold
    State state = State::free;
    std::uint32_t generation = 0;   // incremented by every close: older handlers are stale
    Clock::time_point started_at;   // of the connect, then of the write
    std::size_t bytes_missing = 0;  // of expect_bytes
  };

  void open(std::uint32_t slot);
  void on_connect(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec);
  void write_payload(std::uint32_t slot);
  void hold(std::uint32_t slot);
  void receive(std::uint32_t slot);
  void on_received(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec,
                   std::size_t bytes);
  void arm_deadline(std::uint32_t slot, std::chrono::nanoseconds after);
  void on_deadline(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec);
  // The target ended the connection, or it was given up on.
  void lose(std::uint32_t slot, ConnectionError cause);
  void close_by_us(std::uint32_t slot);
  void release(std::uint32_t slot);
  // The slot is free: reconnect at once, or wait for the rate to call for it.
  void recycle(std::uint32_t slot);
  void open_due();

  StormRecorder& recorder_;
  TcpChurnPlan plan_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;  // rate mode: slots ready for the next connection
  boost::asio::steady_timer arrival_timer_;
  Clock::time_point began_at_;
  std::uint64_t opened_ = 0;  // rate mode: connections due so far (started or skipped)
  std::uint64_t connections_started_ = 0;  // picks each connection's source address
  bool active_ = false;
  // Bytes received are only counted, never looked at: one buffer serves every slot (the kernel
  // fills it during a receive on this thread, one at a time).
  std::array<char, 16 * 1024> discard_;
};

}  // namespace faultline::load
