// The toxics acting on one direction of one connection, in the order they were added (like
// Toxiproxy's toxic chain). Shaping toxics (latency, bandwidth, slicer, limit_data) form stages
// that pieces pass through in order; the others are gates the pipe consults: timeout holds the
// data and closes later, reset_peer holds it and resets later, slow_close delays the close.
// Pure logic on given times; the pipe owns the clock, the timer and the sockets.
#pragma once

#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "harness/fault/chunk_log.h"
#include "harness/fault/active_toxic.h"
#include "harness/fault/toxic_stage.h"

namespace faultline::fault {

// A toxic that acts on this pipe (its direction matches and its toxicity draw said yes).
struct ChainToxic {
  ToxicId id;
  Toxic toxic;  // never a DownToxic: that one acts on the proxy, not on a connection
};

// The next thing for the pipe to do with its data.
struct Pull {
  enum class Kind {
    none,   // no data to write (all pulled, or nothing buffered)
    piece,  // write `piece` (its bytes are the next in the buffer) at piece.ready
    cut,    // a limit is used up: close the connection
  };
  Kind kind = Kind::none;
  Piece piece;
};

// What the gates say about the pipe right now.
struct GateState {
  enum class Action { none, close, reset };
  bool hold = false;                  // neither read nor write
  Action action = Action::none;       // end the connection now
  TimePoint deadline = TimePoint::max();  // when to ask again (a gate's time runs out)
};

class ToxicChain {
 public:
  // `seed` is the pipe's own (derived from the proxy's seed, the connection and the direction).
  explicit ToxicChain(std::uint64_t seed) : seed_(seed) {}

  // Makes the chain `toxics`, in that order. Toxics already in the chain keep their state (the
  // bytes a limit_data counted, the time a timeout started); new ones start at `now`. Returns
  // false when the chain is unchanged. After a change the caller rewinds (see rewind()).
  bool update(std::span<const ChainToxic> toxics, TimePoint now);

  bool empty() const { return entries_.empty(); }
  // Whether any toxic needs real times; when none does (latency 0, slicer without delay,
  // limit_data, slow_close 0) the pipe skips reading the clock and every piece is due at once.
  bool needs_clock() const { return needs_clock_; }

  // Forgets the pieces let out but not written and what the stages hold; the caller pulls them
  // again from its ChunkLog, rewound to the first unwritten byte.
  void rewind(TimePoint now);

  // The next piece to write, pulling chunks from `chunks` as the stages need them.
  Pull pull(ChunkLog& chunks);
  // The sink accepted `bytes` bytes of the pieces pulled.
  void on_written(std::uint64_t bytes);
  // A limit_data toxic has let through all it allows: the connection is to be closed.
  bool limit_reached() const;

  // Consults timeout and reset_peer. `has_unwritten_data` says whether data is waiting: the
  // first data after a reset_peer took effect starts its countdown.
  GateState check_gates(TimePoint now, bool has_unwritten_data);
  // The sum of the slow_close delays.
  Duration close_delay() const;

 private:
  struct TimeoutGate {
    TimeoutToxic toxic;
    TimePoint since;  // when it took effect on this pipe
  };
  struct ResetPeerGate {
    ResetPeerToxic toxic;
    bool triggered = false;
    TimePoint triggered_at{};
  };
  using Behaviour = std::variant<LatencyStage, BandwidthStage, SlicerStage, LimitDataStage, TimeoutGate,
                                 ResetPeerGate, SlowCloseToxic>;
  struct Entry {
    ToxicId id;
    Behaviour behaviour;
    Piece input;  // stages: bytes taken from the previous stage, not yet let out
  };

  Behaviour make_behaviour(const ChainToxic& toxic, TimePoint now) const;
  Pull pull_through(std::size_t stages, ChunkLog& chunks);

  std::uint64_t seed_;
  std::vector<Entry> entries_;
  std::vector<std::size_t> stages_;  // indices into entries_ of the shaping toxics, in order
  bool needs_clock_ = false;
};

}  // namespace faultline::fault
