// One direction of a proxied connection: reads from its source socket into a bounded ring,
// runs the data through the connection's toxic chain for that direction, and writes it to its
// sink. Driven by readiness (the session passes on what its SocketPoller reports): it reads
// until a short read and writes until a short write. Without toxics it only reads and writes
// (no clock, no timer, no allocation). Owned by its Session, on the session's thread.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <span>

#include "harness/fault/byte_ring.h"
#include "harness/fault/chunk_log.h"
#include "harness/fault/data_socket.h"
#include "harness/fault/proxy_counters.h"
#include "harness/fault/toxic_chain.h"

namespace faultline::fault {

class Session;

class Pipe {
 public:
  Pipe(Session& session, Direction flow, const boost::asio::any_io_executor& executor, std::size_t buffer_bytes,
       std::uint64_t seed, WorkerCounters& counters);

  // Starts moving data between the two connected sockets.
  void start(DataSocket& source, DataSocket& sink);
  // The poller saw the source readable (or closed) / the sink writable; pump() acts on it.
  // `hung_up`: the peer closed its side or the socket failed, so the next reads end in EOF or an
  // error rather than EAGAIN: a short read does not mean that the socket is drained.
  void mark_source_ready(bool hung_up) {
    source_ready_ = true;
    source_hung_up_ = source_hung_up_ || hung_up;
  }
  void mark_sink_ready() { sink_ready_ = true; }
  // Moves what can be moved now; arms the timer for what is due later.
  void pump();
  // The toxics acting on this direction now, in order. Live: a piece waiting for a removed
  // latency goes out at once; a new toxic acts on what is buffered and what follows.
  void set_toxics(std::span<const ChainToxic> toxics);
  // The session ended: the timer is cancelled, the buffered bytes leave the gauge.
  void stop();

  // Whether a toxic is holding the data or timing its release (the idle watchdog spares it).
  bool waiting_on_toxic() const { return held_ || wake_at_ != TimePoint::max(); }

 private:
  // One round of reading and writing; false when nothing moved.
  bool step_direct();
  bool step_chained();
  bool can_read() const;
  bool read_some(TimePoint now);
  bool write_some(std::size_t bytes);
  void wake_at(TimePoint when);
  void on_wake(std::uint64_t generation, const boost::system::error_code& ec);
  void post_continuation();
  void finish();

  Session& session_;
  DataSocket* source_ = nullptr;
  DataSocket* sink_ = nullptr;
  WorkerCounters& counters_;
  CounterCell& forwarded_;  // counters_.upstream_bytes or downstream_bytes
  ByteRing ring_;
  ChunkLog chunks_;  // kept only while the chain is not empty
  ToxicChain chain_;
  boost::asio::steady_timer timer_;  // wakes the pipe when a piece is due or a gate's time is up

  // The bytes at the front of the ring that are to be written next: a piece from the chain,
  // or (without toxics) everything buffered. A job partly written is finished even if the
  // chain changes, so the stream never skips or repeats a byte.
  Piece job_;
  bool job_from_chain_ = false;  // its bytes count towards the chain's limits
  bool job_started_ = false;
  bool started_ = false;
  bool source_ready_ = false;  // readable, as far as we know: no short read since the last event
  bool sink_ready_ = true;     // writable, as far as we know: no short write since the last event
  bool source_hung_up_ = false;  // the poller saw RDHUP, HUP or ERR: read on until EOF
  bool source_done_ = false;   // the source sent EOF
  bool finished_ = false;      // EOF passed on to the sink
  bool held_ = false;          // a gate (timeout, reset_peer) holds the data
  bool drained_ = false;       // EOF seen and everything written: slow_close counts from drained_at_
  bool continuation_posted_ = false;
  TimePoint drained_at_{};
  TimePoint next_wake_ = TimePoint::max();  // the earliest due time seen by this turn
  TimePoint wake_at_ = TimePoint::max();    // when the timer fires; max: not armed
  std::uint64_t wake_generation_ = 0;       // tells a stale timer completion from the current one
};

}  // namespace faultline::fault
