// Typed toxics of the fault proxy, part of a scenario's faults, with Toxiproxy's names and meanings: what a toxic does, to
// which direction of a connection, and to what share of the connections. Parsed once from text
// (toxic_parser.h) and never re-read from strings on the hot path.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace faultline::scenario {

using Duration = std::chrono::nanoseconds;

// Which bytes of a proxied connection a toxic acts on.
enum class Direction {
  upstream,    // client -> target (the request side)
  downstream,  // target -> client (the response side); Toxiproxy's default stream
  both,        // each direction on its own, as if the toxic were added once per direction
};

// Each chunk of data (one read from the source socket) is held for `latency`, plus a uniform
// draw in [-jitter, +jitter] per chunk, clamped at zero. Chunks keep their order and are
// pipelined: the delay is added to when the chunk arrived, so it does not divide throughput
// (up to the proxy's buffer: throughput under a delay is at most buffer_bytes / latency).
// Stacked latency toxics add up.
struct LatencyToxic {
  Duration latency{};
  Duration jitter{};
  friend bool operator==(const LatencyToxic&, const LatencyToxic&) = default;
};

// Paces data to `rate_bytes_per_s`. Toxiproxy's `rate` is in KB/s with 1 KB = 1000 bytes; the
// parser reads a bare number that way ("rate=100" is 100,000 bytes/s) and also accepts a size
// per second ("rate=100KiB" is 102,400 bytes/s). Data leaves in pieces of at most 100 ms worth,
// each after its own transmission time, like Toxiproxy.
struct BandwidthToxic {
  std::uint64_t rate_bytes_per_s = 0;  // > 0
  friend bool operator==(const BandwidthToxic&, const BandwidthToxic&) = default;
};

// When the source closes its side, the close reaches the sink `delay` after the last byte did.
// Stacked slow_close toxics add up.
struct SlowCloseToxic {
  Duration delay{};
  friend bool operator==(const SlowCloseToxic&, const SlowCloseToxic&) = default;
};

// Stops all data in its direction and closes the connection `timeout` after the toxic took
// effect on it (connection start, or when the toxic was added). Zero: never close, hold the data
// until the toxic is removed. Unlike Toxiproxy, which drops the data, held data is not lost: the
// proxy stops reading, the sender's kernel holds it, and it flows again when the toxic goes.
struct TimeoutToxic {
  Duration timeout{};
  friend bool operator==(const TimeoutToxic&, const TimeoutToxic&) = default;
};

// Resets the connection (SO_LINGER 0, so both the client and the target see ECONNRESET)
// `timeout` after the first data arrives in its direction once the toxic is in effect; that
// data is not forwarded. Zero: at that first data.
struct ResetPeerToxic {
  Duration timeout{};
  friend bool operator==(const ResetPeerToxic&, const ResetPeerToxic&) = default;
};

// Cuts data into slices of average_size_bytes +- a uniform draw of up to size_variation_bytes,
// each written on its own, at least `delay` after the previous one (Toxiproxy's delay is in
// microseconds; here it is a duration).
struct SlicerToxic {
  std::uint64_t average_size_bytes = 0;    // > 0
  std::uint64_t size_variation_bytes = 0;  // < average_size_bytes
  Duration delay{};
  friend bool operator==(const SlicerToxic&, const SlicerToxic&) = default;
};

// Forwards `bytes` bytes in its direction (counted from when the toxic took effect on the
// connection), then closes the connection; the rest is discarded.
struct LimitDataToxic {
  std::uint64_t bytes = 0;
  friend bool operator==(const LimitDataToxic&, const LimitDataToxic&) = default;
};

// The whole proxy is down: the listener is closed, so new connections are refused
// (ECONNREFUSED, as from a service that is not running), and existing connections are closed.
// Removing it listens again on the same port. Takes no direction or toxicity.
struct DownToxic {
  friend bool operator==(const DownToxic&, const DownToxic&) = default;
};

using Toxic = std::variant<LatencyToxic, BandwidthToxic, SlowCloseToxic, TimeoutToxic,
                           ResetPeerToxic, SlicerToxic, LimitDataToxic, DownToxic>;

struct ToxicSpec {
  Toxic toxic;
  Direction direction = Direction::downstream;
  // The probability that the toxic acts on a given connection, drawn once per connection from
  // the proxy's seed, the toxic's id and the connection's accept order (see fault/toxic_applies.h),
  // so a run with the same seed and the same connection order repeats.
  double toxicity = 1.0;
  friend bool operator==(const ToxicSpec&, const ToxicSpec&) = default;
};

// Toxiproxy's name of the toxic's type: "latency", "bandwidth", ...
std::string_view toxic_name(const Toxic& toxic);

// Every toxic name, in the order used in messages.
std::span<const std::string_view> toxic_names();

std::string_view to_string(Direction direction);

// The command-line form that parse_toxic() reads back to an equal spec, attributes in a fixed
// order and defaults left out: "latency:latency=100ms,jitter=10ms,toxicity=0.5".
std::string format_toxic(const ToxicSpec& spec);

// What is wrong with a spec built in code rather than parsed (a negative duration, a zero rate,
// a slice variation not below the average, a toxicity outside 0..1), in parse_toxic()'s words:
// "slicer: size_variation: must be smaller than average_size (10), got 10". Empty when valid.
std::optional<std::string> check_toxic(const ToxicSpec& spec);

// Whether a toxic of this direction acts on the data flowing `flow` (upstream or downstream).
bool acts_on(Direction toxic_direction, Direction flow);

}  // namespace faultline::scenario
