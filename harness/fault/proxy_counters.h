// What a fault proxy has done, as counters that only grow (subtract two snapshots for the
// figures of an interval) and gauges (levels at the moment of the snapshot). Each proxy thread
// writes its own WorkerCounters without locks; a snapshot sums them, from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace faultline::fault {

struct ProxyCounters {
  // Counters.
  std::uint64_t upstream_bytes = 0;        // client -> target, written to the target
  std::uint64_t downstream_bytes = 0;      // target -> client, written to the client
  std::uint64_t connections_accepted = 0;  // client connections taken from the listener
  std::uint64_t connections_closed = 0;    // ... and closed again, for whatever reason
  std::uint64_t upstream_refused = 0;      // the target refused the connection (ECONNREFUSED)
  std::uint64_t upstream_timeouts = 0;     // no connection to the target within connect_timeout
  std::uint64_t upstream_errors = 0;       // any other failure to connect to the target
  std::uint64_t resets_injected = 0;       // connections reset by a reset_peer toxic
  std::uint64_t connections_cut = 0;       // closed by a timeout or limit_data toxic, or by down
  std::uint64_t idle_timeouts = 0;         // closed after idle_timeout without a byte moving
  std::uint64_t accept_errors = 0;         // accept() failed (e.g. out of file descriptors)
  std::uint64_t accept_pauses = 0;         // the listener waited because max_connections were open
  // Gauges.
  std::uint64_t connections_active = 0;
  std::uint64_t buffered_bytes = 0;       // read from one side and not yet written to the other
  std::uint64_t buffered_bytes_peak = 0;  // the highest buffered_bytes so far (with several
                                          // threads: the sum of each thread's peak, a bound)

  // The counters' growth since `earlier` (a snapshot of the same proxy); gauges as in *this.
  ProxyCounters since(const ProxyCounters& earlier) const;

  friend bool operator==(const ProxyCounters&, const ProxyCounters&) = default;
};

// A number that one thread updates and any thread may read: relaxed loads and stores, no
// read-modify-write, so an update costs what a plain increment does.
class CounterCell {
 public:
  void add(std::uint64_t amount) { value_.store(value_.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed); }
  void subtract(std::uint64_t amount) { add(-amount); }
  void raise_to(std::uint64_t level) {
    if (level > get()) value_.store(level, std::memory_order_relaxed);
  }
  std::uint64_t get() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// One proxy thread's share; aligned so that two threads' counters never share a cache line.
struct alignas(64) WorkerCounters {
  CounterCell upstream_bytes;
  CounterCell downstream_bytes;
  CounterCell connections_accepted;
  CounterCell connections_closed;
  CounterCell upstream_refused;
  CounterCell upstream_timeouts;
  CounterCell upstream_errors;
  CounterCell resets_injected;
  CounterCell connections_cut;
  CounterCell idle_timeouts;
  CounterCell accept_errors;
  CounterCell accept_pauses;
  CounterCell buffered_bytes;
  CounterCell buffered_bytes_peak;

  void buffer(std::uint64_t bytes) {
    buffered_bytes.add(bytes);
    buffered_bytes_peak.raise_to(buffered_bytes.get());
  }

  // Adds this thread's figures to `total`.
  void add_to(ProxyCounters& total) const;
};

}  // namespace faultline::fault
