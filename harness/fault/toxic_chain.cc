#include "harness/fault/toxic_chain.h"

#include <algorithm>

#include "harness/scenario/seeded_random.h"

namespace faultline::fault {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool is_timed(const Toxic& toxic) {
  return std::visit(Overloaded{
                        [](const LatencyToxic& t) { return t.latency > Duration::zero() || t.jitter > Duration::zero(); },
                        [](const BandwidthToxic&) { return true; },
                        [](const SlowCloseToxic& t) { return t.delay > Duration::zero(); },
                        [](const TimeoutToxic&) { return true; },
                        [](const ResetPeerToxic&) { return true; },
                        [](const SlicerToxic& t) { return t.delay > Duration::zero(); },
                        [](const LimitDataToxic&) { return false; },
                        [](const DownToxic&) { return false; },
                    },
                    toxic);
}

}  // namespace

ToxicChain::Behaviour ToxicChain::make_behaviour(const ChainToxic& toxic, TimePoint now) const {
  const std::uint64_t seed = scenario::derive_seed(seed_, toxic.id.value);
  return std::visit(Overloaded{
                        [&](const LatencyToxic& t) -> Behaviour { return LatencyStage(t, seed); },
                        [&](const BandwidthToxic& t) -> Behaviour { return BandwidthStage(t); },
                        [&](const SlowCloseToxic& t) -> Behaviour { return t; },
                        [&](const TimeoutToxic& t) -> Behaviour { return TimeoutGate{t, now}; },
                        [&](const ResetPeerToxic& t) -> Behaviour { return ResetPeerGate{t}; },
                        [&](const SlicerToxic& t) -> Behaviour { return SlicerStage(t, seed); },
                        [&](const LimitDataToxic& t) -> Behaviour { return LimitDataStage(t); },
                        // The session never hands a DownToxic to a chain; if it did, it would do nothing.
                        [&](const DownToxic&) -> Behaviour { return SlowCloseToxic{}; },
                    },
                    toxic.toxic);
}

bool ToxicChain::update(std::span<const ChainToxic> toxics, TimePoint now) {
  const bool unchanged = std::equal(toxics.begin(), toxics.end(), entries_.begin(), entries_.end(),
                                    [](const ChainToxic& toxic, const Entry& entry) { return toxic.id == entry.id; });
  if (unchanged) return false;

  std::vector<Entry> next;
  next.reserve(toxics.size());
  needs_clock_ = false;
  for (const ChainToxic& toxic : toxics) {
    const auto existing =
        std::find_if(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.id == toxic.id; });
    if (existing != entries_.end()) {
      next.push_back(std::move(*existing));
    } else {
      next.push_back(Entry{toxic.id, make_behaviour(toxic, now), Piece{}});
    }
    needs_clock_ = needs_clock_ || is_timed(toxic.toxic);
  }
  entries_ = std::move(next);
  stages_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Behaviour& behaviour = entries_[i].behaviour;
    if (std::holds_alternative<LatencyStage>(behaviour) || std::holds_alternative<BandwidthStage>(behaviour) ||
        std::holds_alternative<SlicerStage>(behaviour) || std::holds_alternative<LimitDataStage>(behaviour)) {
      stages_.push_back(i);
    }
  }
  return true;
}

void ToxicChain::rewind(TimePoint now) {
  for (Entry& entry : entries_) {
    entry.input = Piece{};
    std::visit(Overloaded{
                   [&](BandwidthStage& stage) { stage.rewind(now); },
                   [&](SlicerStage& stage) { stage.rewind(now); },
                   [&](LimitDataStage& stage) { stage.rewind(); },
                   [&](auto&) {},
               },
               entry.behaviour);
  }
}

Pull ToxicChain::pull(ChunkLog& chunks) { return pull_through(stages_.size(), chunks); }

// The output of the first `stages` stages: each stage takes a new input from the stages before
// it only when it has let out all of its current one.
Pull ToxicChain::pull_through(std::size_t stages, ChunkLog& chunks) {
  if (stages == 0) {
    const auto chunk = chunks.take();
    return chunk ? Pull{Pull::Kind::piece, *chunk} : Pull{};
  }
  Entry& entry = entries_[stages_[stages - 1]];
  if (entry.input.bytes == 0) {
    const Pull input = pull_through(stages - 1, chunks);
    if (input.kind != Pull::Kind::piece) return input;
    entry.input = input.piece;
  }
  const Piece out = std::visit(Overloaded{
                                   [&](LatencyStage& stage) { return stage.take(entry.input); },
                                   [&](BandwidthStage& stage) { return stage.take(entry.input); },
                                   [&](SlicerStage& stage) { return stage.take(entry.input); },
                                   [&](LimitDataStage& stage) { return stage.take(entry.input); },
                                   [&](auto&) { return Piece{}; },
                               },
                               entry.behaviour);
  // Only a used-up limit lets nothing out of a non-empty input.
  if (out.bytes == 0) return Pull{Pull::Kind::cut, Piece{}};
  return Pull{Pull::Kind::piece, out};
}

void ToxicChain::on_written(std::uint64_t bytes) {
  for (Entry& entry : entries_) {
    if (auto* limit = std::get_if<LimitDataStage>(&entry.behaviour)) limit->on_written(bytes);
  }
}

bool ToxicChain::limit_reached() const {
  return std::any_of(entries_.begin(), entries_.end(), [](const Entry& entry) {
    const auto* limit = std::get_if<LimitDataStage>(&entry.behaviour);
    return limit != nullptr && limit->reached();
  });
}

GateState ToxicChain::check_gates(TimePoint now, bool has_unwritten_data) {
  GateState state;
  // The first gate in chain order whose time is up decides the action.
  auto expire_at = [&](TimePoint at, GateState::Action action) {
    if (now >= at) {
      if (state.action == GateState::Action::none) state.action = action;
    } else {
      state.deadline = std::min(state.deadline, at);
    }
  };
  for (Entry& entry : entries_) {
    if (auto* timeout = std::get_if<TimeoutGate>(&entry.behaviour)) {
      state.hold = true;
      if (timeout->toxic.timeout > Duration::zero()) {
        expire_at(timeout->since + timeout->toxic.timeout, GateState::Action::close);
      }
    } else if (auto* reset = std::get_if<ResetPeerGate>(&entry.behaviour)) {
      if (!reset->triggered && has_unwritten_data) {
        reset->triggered = true;
        reset->triggered_at = now;
      }
      if (reset->triggered) {
        state.hold = true;
        expire_at(reset->triggered_at + reset->toxic.timeout, GateState::Action::reset);
      }
    }
  }
  return state;
}

Duration ToxicChain::close_delay() const {
  Duration total{};
  for (const Entry& entry : entries_) {
    if (const auto* slow_close = std::get_if<SlowCloseToxic>(&entry.behaviour)) total += slow_close->delay;
  }
  return total;
}

}  // namespace faultline::fault
